"""The draw services (rules.md §7, docs/draw.md): the first draw, joint draws, exclusions with their reasons, every
refusal leaving nothing behind, redraws that keep the first draw, manual additions."""

from __future__ import annotations

import datetime as dt
import gzip
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from fazhi.core.errors import DomainError
from fazhi.inspections import draw as algo
from fazhi.inspections.enums import (
    DrawKind,
    DrawnStatus,
    ExclusionReason,
    RegistrationStatus,
    ResultOutcome,
    TaskKind,
    TaskStatus,
)
from fazhi.inspections.models import (
    ConflictDeclaration,
    Draw,
    DrawExclusion,
    DrawnObject,
    InspectionObject,
    InspectionResult,
    InspectionTask,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.replay import draw_replay
from fazhi.inspections.selectors.pools import inspector_pool, object_pool_queryset
from fazhi.inspections.services.draws import SNAPSHOT_GZIP_LEVEL, task_draw, task_object_add, task_redraw
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger

D = dt.date
SEED = "5eed" * 16
START, END = D(2026, 12, 1), D(2026, 12, 20)
_numbers = iter(range(1, 10**6))


def make_task(insp, *, parts=("a",), start_on=START, end_on=END, status=TaskStatus.DRAFT, **fields) -> InspectionTask:
    """A task written straight to the tables (the task service is another area's); parts "a" (lead) and "b"."""
    d = insp.d
    n = next(_numbers)
    task = InspectionTask.objects.create(
        number=f"赛市监抽〔{start_on.year}〕{n}号", title=f"测试抽查任务{n}",
        kind=TaskKind.JOINT if len(parts) > 1 else TaskKind.SINGLE, lead_organisation=d.org_a, year=start_on.year,
        start_on=start_on, end_on=end_on, status=status, **fields)
    for key in parts:
        if key == "a":
            part = TaskDepartment.objects.create(task=task, organisation=d.org_a, body=d.body_a, category=d.market,
                                                 is_lead=True)
            part.items.set(insp.a_items[:2])
        else:
            part = TaskDepartment.objects.create(task=task, organisation=d.org_b, body=d.body_b, category=d.urban)
            part.items.set(insp.b_items)
    return task


def inspected(insp, obj, *, organisation=None, on: dt.date) -> InspectionResult:
    """An inspection of `obj` on `on` by `organisation` (default department A) in an earlier task, written with the
    ORM (the result service is another area's)."""
    organisation = organisation or insp.d.org_a
    task = make_task(insp, start_on=on, end_on=on, status=TaskStatus.PUBLISHED)
    draw = Draw.objects.create(task=task, seq=1, kind=DrawKind.INITIAL, seed="0" * 64, algorithm=algo.ALGORITHM,
                               pool_size=1, pool_digest="0" * 64, inspector_pool_digest="0" * 64,
                               result_digest="0" * 64, drawn_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    drawn = DrawnObject.objects.create(task=task, draw=draw, object=obj, position=1, risk_grade=obj.risk_grade,
                                       status=DrawnStatus.INSPECTED, inspected_on=on)
    return InspectionResult.objects.create(drawn_object=drawn, power_item=insp.a_items[0],
                                           organisation=organisation, outcome=ResultOutcome.NO_PROBLEM,
                                           inspected_on=on)


def state() -> dict:
    """Everything a draw could write: row counts, ledger heads, task statuses, stored files."""
    def files():
        try:
            return sorted(default_storage.listdir("inspections/draws")[1])
        except FileNotFoundError:
            return []
    return {
        "draws": Draw.objects.count(), "drawn": DrawnObject.objects.count(),
        "current": DrawnObject.objects.filter(is_current=True).count(), "team": TeamMember.objects.count(),
        "exclusions": DrawExclusion.objects.count(), "entries": Entry.objects.count(),
        "heads": sorted(Ledger.objects.values_list("key", "head_seq", "head_hash")),
        "statuses": sorted(InspectionTask.objects.values_list("pk", "status")), "files": files(),
    }


def refused(code: str, call) -> DomainError:
    before = state()
    with pytest.raises(DomainError) as exc:
        call()
    assert exc.value.code == code, exc.value.message
    assert state() == before
    return exc.value


@pytest.fixture
def fixed_seed(monkeypatch):
    monkeypatch.setattr(algo, "new_seed", lambda: SEED)
    return SEED


def certs(*officers) -> set[str]:
    return {o.certificates.get().number for o in officers}


# --- the first draw ----------------------------------------------------------------------------------------------


def test_draw_records_pool_snapshot_strata_teams_and_ledger_entry(insp, fixed_seed):
    task = make_task(insp)
    draw = task_draw(by=insp.d.admin_a, task=task, witnesses=["纪检组 刘洋", " ", "企业代表 高娃"])
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAWN
    assert (draw.seq, draw.kind, draw.seed, draw.algorithm) == (1, DrawKind.INITIAL, SEED, "fazhi-draw/1")
    assert draw.witnesses == ["纪检组 刘洋", "企业代表 高娃"]
    # 200 objects, 50 per grade; A 2% → 1, B 5% → 3 (2.5 rounds up), C 20% → 10, D 100% → 50
    assert draw.pool_size == 200
    assert {g: (s["pool"], s["ratio"], s["drawn"]) for g, s in draw.strata.items()} == {
        "A": (50, "2.00", 1), "B": (50, "5.00", 3), "C": (50, "20.00", 10), "D": (50, "100.00", 50)}
    rows = list(DrawnObject.objects.filter(draw=draw).select_related("object").order_by("position"))
    assert draw.objects_drawn == len(rows) == 64
    assert [r.position for r in rows] == list(range(1, 65))
    assert [r.risk_grade for r in rows] == ["A"] + ["B"] * 3 + ["C"] * 10 + ["D"] * 50
    assert all(r.is_current and r.status == DrawnStatus.PENDING for r in rows)
    assert all(r.risk_grade == r.object.risk_grade for r in rows)
    assert len({r.object_id for r in rows}) == 64
    eligible = certs(insp.a1, insp.a2, insp.a3, insp.a4, insp.expiring) - certs(insp.expiring)
    for row in rows:
        team = list(row.team.all())
        assert len(team) == 2 and len({m.officer_id for m in team}) == 2
        assert {m.certificate_number for m in team} <= eligible
        assert all(m.organisation_id == insp.d.org_a.pk for m in team)
    # the snapshot: the pool sorted by grade and USCC; stored gzip, reproducible (mtime 0), its digest recorded
    raw = default_storage.open(draw.pool_file.name, "rb").read()
    text = gzip.decompress(raw).decode()
    assert algo.sha256_hex(text) == draw.pool_digest
    lines = text.splitlines()
    assert lines[0] == "fazhi-draw/1" and len(lines) == 201
    assert lines[1:] == sorted(f"P\t{o.risk_grade}\t{o.uscc}" for o in InspectionObject.objects.all())
    assert raw[4:8] == b"\0\0\0\0"  # gzip MTIME
    assert gzip.compress(text.encode(), compresslevel=SNAPSHOT_GZIP_LEVEL, mtime=0) == raw
    # the recomputed draw is the stored one
    outcome = algo.run(seed=SEED, kind="initial", snapshot=algo.snapshot_parse(text), strata=draw.strata,
                       inspector_pool=draw.inspector_pool)
    assert [i.uscc for i in outcome.items] == [r.object.uscc for r in rows]
    assert outcome.result_digest == draw.result_digest
    # the ledger entry in department A's body's ledger, with the snapshot's digest attached
    entry = Entry.objects.get(ledger__key=draw.ledger_key, seq=draw.entry_seq)
    assert draw.ledger_key == insp.d.body_a.ledger_key
    assert entry.action == Action.INSPECTION_DRAWN
    assert entry.subject_id == str(task.public_id)
    p = entry.payload
    assert (p["task"], p["draw_seq"], p["seed"], p["algorithm"], p["pool_size"], p["pool_digest"],
            p["inspector_pool_digest"], p["result_digest"], p["objects_drawn"], p["witnesses"]) == (
        task.number, 1, SEED, "fazhi-draw/1", 200, draw.pool_digest, draw.inspector_pool_digest,
        draw.result_digest, 64, ["纪检组 刘洋", "企业代表 高娃"])
    assert p["strata"] == draw.strata
    assert entry.files == [{"name": draw.pool_file.name, "sha256": algo.sha256_hex(raw), "size": len(raw),
                            "stored": True}]
    assert draw_replay(draw).identical


def test_inspector_pool_recorded_with_ineligible_officers_and_their_reasons(insp, fixed_seed):
    draw = task_draw(by=insp.d.admin_a, task=make_task(insp))
    (dept,) = draw.inspector_pool["departments"]
    assert dept["organisation"] == str(insp.d.org_a.public_id) and dept["team_size"] == 2
    assert dept["category"] == "market"
    assert [i["certificate"] for i in dept["inspectors"]] == sorted(certs(insp.a1, insp.a2, insp.a3, insp.a4))
    assert draw.inspector_pool_digest == algo.inspector_pool_digest(draw.inspector_pool)
    reasons = {e.officer.name: e.detail for e in DrawExclusion.objects.filter(
        draw=draw, reason=ExclusionReason.CERTIFICATE_INVALID).select_related("officer")}
    assert reasons == {
        "孙强": "执法证件于2026年12月15日到期,早于检查结束日期",
        "周协管": "辅助人员,不得从事行政执法检查",
        "吴城": "执法证件不含“市场监管”类别",
    }
    assert draw.inspectors_excluded == 3
    assert not TeamMember.objects.filter(officer__in=[insp.expiring, insp.auxiliary, insp.wrong_category]).exists()


@pytest.mark.parametrize("end_on, eligible", [
    (D(2026, 12, 14), True),   # the day before the certificate ends
    (D(2026, 12, 15), True),   # the day it ends: still valid on every day of the task
    (D(2026, 12, 16), False),  # the day after
    (D(2026, 12, 20), False),
])
def test_certificate_must_be_valid_until_the_task_ends(insp, end_on, eligible):
    task = make_task(insp, end_on=end_on)
    part = task.departments.get()
    ok, not_ok = inspector_pool(part, start_on=task.start_on, end_on=task.end_on)
    assert (insp.expiring.pk in {e.officer_id for e in ok}) is eligible
    if not eligible:
        (why,) = [i.reason for i in not_ok if i.officer_id == insp.expiring.pk]
        assert why == "执法证件于2026年12月15日到期,早于检查结束日期"


def test_certificate_starting_after_the_task_starts_or_suspended_is_not_eligible(insp):
    cert = insp.a1.certificates.get()
    cert.valid_from = D(2026, 12, 2)
    cert.save()
    insp.a2.certificates.update(status="suspended")
    task = make_task(insp)
    _ok, not_ok = inspector_pool(task.departments.get(), start_on=task.start_on, end_on=task.end_on)
    reasons = {i.name: i.reason for i in not_ok}
    assert reasons["张明"] == "执法证件自2026年12月2日起有效,晚于检查开始日期"
    assert reasons["李华"] == f"执法证件{insp.a2.certificates.get().number}状态为“暂扣”"


def test_object_pool_filters_and_active_status_only(insp):
    make_obj = InspectionObject.objects.filter(uscc=insp.objects[0].uscc)
    make_obj.update(registration_status=RegistrationStatus.CANCELLED)
    task = make_task(insp, industries=["餐饮业", "零售业"], jurisdiction_codes=[insp.town.code])
    pool = set(object_pool_queryset(task).values_list("pk", flat=True))
    expected = {o.pk for o in insp.objects[1:100] if o.industry in ("餐饮业", "零售业")}
    assert pool == expected
    # a district code covers the towns and streets under it
    task = make_task(insp, jurisdiction_codes=[insp.d.jurisdiction.code], risk_grades=["D"])
    assert object_pool_queryset(task).count() == 50


def test_joint_draw_objects_once_each_department_team_from_its_own_pool(insp, fixed_seed):
    task = make_task(insp, parts=("a", "b"), jurisdiction_codes=[insp.street.code])
    draw = task_draw(by=insp.d.admin_a, task=task)
    depts = draw.inspector_pool["departments"]
    assert [d["organisation"] for d in depts] == [str(insp.d.org_a.public_id), str(insp.d.org_b.public_id)]
    assert [i["certificate"] for i in depts[1]["inspectors"]] == sorted(certs(insp.b1, insp.b2, insp.b3))
    rows = list(DrawnObject.objects.filter(draw=draw).prefetch_related("team"))
    assert len(rows) == len({r.object_id for r in rows}) == draw.objects_drawn == 33  # 25 per grade: 1+2+5+25
    a_pool, b_pool = certs(insp.a1, insp.a2, insp.a3, insp.a4), certs(insp.b1, insp.b2, insp.b3)
    for row in rows:
        by_org = {}
        for m in row.team.all():
            by_org.setdefault(m.organisation_id, set()).add(m.certificate_number)
        assert by_org.keys() == {insp.d.org_a.pk, insp.d.org_b.pk}
        assert len(by_org[insp.d.org_a.pk]) == 2 and by_org[insp.d.org_a.pk] <= a_pool
        assert len(by_org[insp.d.org_b.pk]) == 2 and by_org[insp.d.org_b.pk] <= b_pool
    # joint acts go to the lead department's ledger
    assert draw.ledger_key == insp.d.body_a.ledger_key
    assert draw_replay(draw).identical


# --- exclusions --------------------------------------------------------------------------------------------------


def test_recently_inspected_objects_excluded_unless_high_risk(insp, fixed_seed):
    by_grade = {g: [o for o in insp.objects if o.risk_grade == g] for g in "ABCD"}
    b_recent, b_window_start, b_before_window = by_grade["B"][:3]
    c_other_dept, c_by_b = by_grade["C"][:2]
    d_recent = by_grade["D"][0]
    inspected(insp, b_recent, on=D(2026, 9, 1))
    inspected(insp, b_window_start, on=D(2025, 12, 1))     # the first day of the 12 months before 2026-12-01
    inspected(insp, b_before_window, on=D(2025, 11, 30))   # the day before: not excluded
    inspected(insp, c_other_dept, organisation=insp.d.office, on=D(2026, 10, 1))  # not a participating department
    inspected(insp, c_by_b, organisation=insp.d.org_b, on=D(2026, 10, 1))  # B takes part in the joint task
    inspected(insp, d_recent, on=D(2026, 11, 1))            # grade D is never left out
    task = make_task(insp, parts=("a", "b"))
    draw = task_draw(by=insp.d.admin_a, task=task)
    excluded = {e.object_id: e for e in DrawExclusion.objects.filter(draw=draw,
                                                                     reason=ExclusionReason.RECENTLY_INSPECTED)}
    assert set(excluded) == {b_recent.pk, b_window_start.pk, c_by_b.pk}
    assert excluded[b_recent.pk].detail == "2026年9月1日已被赛罕区市场监督管理局检查(近12个月内)"
    assert excluded[c_by_b.pk].organisation_id == insp.d.org_b.pk
    assert draw.objects_excluded == 3 and draw.pool_size == 197
    text = gzip.decompress(default_storage.open(draw.pool_file.name, "rb").read()).decode()
    assert [line for line in text.splitlines() if line.startswith("X")] == sorted(
        f"X\t{o.uscc}\trecently_inspected" for o in (b_recent, b_window_start, c_by_b))
    drawn = set(DrawnObject.objects.filter(draw=draw).values_list("object_id", flat=True))
    assert not drawn & set(excluded)
    assert d_recent.pk in drawn  # D is drawn at 100%
    assert draw_replay(draw).identical


def test_exclusion_months_zero_excludes_nothing(insp):
    inspected(insp, insp.objects[1], on=D(2026, 11, 30))
    draw = task_draw(by=insp.d.admin_a, task=make_task(insp, exclusion_months=0))
    assert draw.objects_excluded == 0 and draw.pool_size == 200


def test_conflicting_inspector_steps_aside_and_is_recorded(insp, fixed_seed):
    obj = next(o for o in insp.objects if o.risk_grade == "D")  # D at 100%: always drawn
    ConflictDeclaration.objects.create(officer=insp.a1, object=obj, reason="配偶系该商户经营者",
                                       declared_on=D(2026, 1, 5))
    ConflictDeclaration.objects.create(officer=insp.a2, object=obj, reason="曾在该企业任职",
                                       declared_on=D(2026, 1, 5))
    draw = task_draw(by=insp.d.admin_a, task=make_task(insp))
    row = DrawnObject.objects.get(draw=draw, object=obj)
    assert {m.officer_id for m in row.team.all()} == {insp.a3.pk, insp.a4.pk}
    assert draw.inspector_pool["conflicts"] == {obj.uscc: sorted(certs(insp.a1, insp.a2))}
    recorded = DrawExclusion.objects.filter(draw=draw, reason=ExclusionReason.CONFLICT)
    assert {(e.officer_id, e.object_id) for e in recorded} == {(insp.a1.pk, obj.pk), (insp.a2.pk, obj.pk)}
    assert recorded.get(officer=insp.a1).detail == "与抽中对象存在利害关系:配偶系该商户经营者"
    assert draw.inspectors_excluded == 3 + 2
    assert draw_replay(draw).identical


# --- refusals: nothing drawn, no row, no file, no entry -------------------------------------------------------------


def test_too_few_eligible_inspectors_names_who_is_excluded_and_why(insp):
    task = make_task(insp, team_size=5)
    err = refused("too_few_inspectors", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert err.rule == "GB58-TEAM"
    assert "赛罕区市场监督管理局符合条件的检查人员只有4名,少于每组5名" in err.message
    assert "孙强(执法证件于2026年12月15日到期,早于检查结束日期)" in err.message
    assert "周协管(辅助人员,不得从事行政执法检查)" in err.message
    assert "吴城(执法证件不含“市场监管”类别)" in err.message


def test_too_few_inspectors_in_the_second_department_of_a_joint_task(insp):
    task = make_task(insp, parts=("a", "b"), team_size=4)
    err = refused("too_few_inspectors", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert "赛罕区城市管理综合执法局符合条件的检查人员只有3名,少于每组4名" in err.message
    assert "赛罕区市场监督管理局" not in err.message.split("。")[0]


def test_empty_pool_after_filters_is_refused(insp):
    task = make_task(insp, industries=["采矿业"])
    err = refused("empty_pool", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert "没有可抽取的对象" in err.message


def test_pool_emptied_by_exclusions_is_refused(insp):
    obj = next(o for o in insp.objects if o.risk_grade == "A")
    inspected(insp, obj, on=D(2026, 6, 1))
    task = make_task(insp, risk_grades=["A"], industries=[obj.industry], jurisdiction_codes=[insp.town.code])
    assert object_pool_queryset(task).count() == 25
    InspectionObject.objects.filter(risk_grade="A").exclude(pk=obj.pk).update(
        registration_status=RegistrationStatus.REVOKED)
    err = refused("empty_pool", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert "选出1个对象,均因近12个月内已被参与部门检查而排除" in err.message


def test_ratios_that_draw_nothing_are_refused(insp):
    task = make_task(insp, ratio_a=0, ratio_b=0, ratio_c=0, ratio_d=0)
    refused("nothing_to_draw", lambda: task_draw(by=insp.d.admin_a, task=task))


def test_ratio_above_100_is_refused(insp):
    task = make_task(insp, ratio_c=Decimal("100.01"))
    err = refused("bad_ratio", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert err.rule == "GB58-RATIO" and "不能超过100%" in err.message


def test_team_impossible_after_conflicts_is_refused(insp):
    obj = next(o for o in insp.objects if o.risk_grade == "D")
    for officer in (insp.a1, insp.a2, insp.a3):
        ConflictDeclaration.objects.create(officer=officer, object=obj, reason="亲属关系", declared_on=D(2026, 1, 5))
    task = make_task(insp)
    err = refused("team_impossible", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert err.rule == "GB58-RECUSAL"
    assert obj.uscc in err.message and "回避后只剩1名,不足每组2名" in err.message


def test_second_draw_of_a_drawn_task_is_refused(insp):
    task = make_task(insp)
    task_draw(by=insp.d.admin_a, task=task)
    err = refused("wrong_status", lambda: task_draw(by=insp.d.admin_a, task=task))
    assert "检查中" in err.message


@pytest.mark.parametrize("who", ["officer_a", "admin_b", "legal"])
def test_only_the_lead_departments_administrator_or_head_draws(insp, who):
    task = make_task(insp)
    refused("role_forbidden", lambda: task_draw(by=getattr(insp.d, who), task=task))


def test_head_of_the_lead_department_may_draw(insp):
    assert task_draw(by=insp.d.head_a, task=make_task(insp)).objects_drawn == 64


# --- redraws and manual additions -----------------------------------------------------------------------------------


def test_redraw_requires_a_reason_and_keeps_the_first_draw(insp, monkeypatch):
    task = make_task(insp)
    monkeypatch.setattr(algo, "new_seed", lambda: "1" * 64)
    first = task_draw(by=insp.d.admin_a, task=task)
    first_rows = sorted(DrawnObject.objects.filter(draw=first).values_list("pk", "object_id", "position"))
    refused("reason_required", lambda: task_redraw(by=insp.d.admin_a, task=task, reason="  ", witnesses=[]))
    monkeypatch.setattr(algo, "new_seed", lambda: "2" * 64)
    second = task_redraw(by=insp.d.admin_a, task=task, reason="抽取时检查对象名录库未及时更新", witnesses=["刘洋"])
    assert (second.seq, second.kind, second.reason, second.seed) == (2, DrawKind.REDRAW,
                                                                     "抽取时检查对象名录库未及时更新", "2" * 64)
    first.refresh_from_db()
    assert first.seed == "1" * 64 and first.objects_drawn == 64
    assert sorted(DrawnObject.objects.filter(draw=first).values_list("pk", "object_id", "position")) == first_rows
    old = DrawnObject.objects.filter(draw=first)
    assert all(not r.is_current and r.status == DrawnStatus.SUPERSEDED and r.superseded_by_id == second.pk
               for r in old)
    assert DrawnObject.objects.filter(task=task, is_current=True).count() == second.objects_drawn
    assert set(DrawnObject.objects.filter(task=task, is_current=True).values_list("draw_id", flat=True)) == {
        second.pk}
    entry = Entry.objects.get(ledger__key=second.ledger_key, seq=second.entry_seq)
    assert entry.action == Action.INSPECTION_REDRAWN and entry.payload["reason"] == "抽取时检查对象名录库未及时更新"
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAWN
    assert draw_replay(first).identical and draw_replay(second).identical


def test_redraw_of_a_task_not_drawn_is_refused(insp):
    task = make_task(insp)
    refused("wrong_status", lambda: task_redraw(by=insp.d.admin_a, task=task, reason="重新抽取", witnesses=[]))


def test_redraw_after_a_result_is_refused(insp):
    task = make_task(insp)
    draw = task_draw(by=insp.d.admin_a, task=task)
    row = DrawnObject.objects.filter(draw=draw).first()
    InspectionResult.objects.create(drawn_object=row, power_item=insp.a_items[0], organisation=insp.d.org_a,
                                    outcome=ResultOutcome.NO_PROBLEM, inspected_on=D(2026, 12, 2))
    err = refused("results_recorded",
                  lambda: task_redraw(by=insp.d.admin_a, task=task, reason="重新抽取", witnesses=[]))
    assert "已录入检查结果" in err.message


def test_manual_addition_requires_a_reason_and_draws_its_team(insp, monkeypatch):
    task = make_task(insp, jurisdiction_codes=[insp.town.code])
    draw = task_draw(by=insp.d.admin_a, task=task)
    outside = insp.objects[150]  # in the street: outside the task's filters
    refused("reason_required", lambda: task_object_add(by=insp.d.admin_a, task=task, obj=outside, reason=""))
    drawn = DrawnObject.objects.filter(draw=draw).select_related("object").first().object
    err = refused("already_drawn", lambda: task_object_add(by=insp.d.admin_a, task=task, obj=drawn, reason="投诉"))
    assert drawn.uscc in err.message
    monkeypatch.setattr(algo, "new_seed", lambda: "3" * 64)
    added = task_object_add(by=insp.d.admin_a, task=task, obj=outside, reason="群众投诉举报较多,依规增补",
                            witnesses=["刘洋"])
    assert (added.seq, added.kind, added.pool_size, added.objects_drawn, added.strata) == (
        2, DrawKind.ADDITION, 1, 1, {})
    row = DrawnObject.objects.get(draw=added)
    assert row.object_id == outside.pk and row.is_current
    assert row.position == draw.objects_drawn + 1
    assert row.team.count() == 2
    entry = Entry.objects.get(ledger__key=added.ledger_key, seq=added.entry_seq)
    assert entry.action == Action.INSPECTION_OBJECT_ADDED
    assert entry.payload["reason"] == "群众投诉举报较多,依规增补" and entry.payload["first_position"] == row.position
    assert DrawnObject.objects.filter(draw=draw, is_current=True).count() == draw.objects_drawn  # nothing replaced
    assert draw_replay(added).identical and draw_replay(draw).identical


def test_manual_addition_to_a_draft_task_is_refused(insp):
    task = make_task(insp)
    refused("wrong_status",
            lambda: task_object_add(by=insp.d.admin_a, task=task, obj=insp.objects[0], reason="投诉"))


def test_redraw_supersedes_manual_additions_too(insp):
    task = make_task(insp)
    task_draw(by=insp.d.admin_a, task=task)
    not_drawn = InspectionObject.objects.exclude(pk__in=DrawnObject.objects.filter(task=task).values("object_id"))
    added = task_object_add(by=insp.d.admin_a, task=task, obj=not_drawn.first(), reason="投诉举报")
    redraw = task_redraw(by=insp.d.admin_a, task=task, reason="名录库数据有误", witnesses=[])
    assert DrawnObject.objects.get(draw=added).superseded_by_id == redraw.pk
    assert draw_replay(added).identical

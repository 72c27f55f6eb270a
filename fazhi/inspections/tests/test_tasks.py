"""Tasks (fazhi.inspections.services.tasks): creation of single and joint tasks and every refusal of bad input
(nothing written: no row, no number, no entry), changes before the draw, the published list of drawn objects, the
notices and their .docx, and the scoped selectors."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from docx import Document

from fazhi.core.errors import DomainError
from fazhi.core.numbering_models import NumberSequence
from fazhi.inspections.documents import notice_docx, notice_filename
from fazhi.inspections.enums import DrawnStatus, TaskKind, TaskStatus
from fazhi.inspections.models import (
    DrawnObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.selectors import tasks as sel
from fazhi.inspections.services import plans as plan_svc
from fazhi.inspections.services import tasks as svc
from fazhi.inspections.services.draws import task_draw
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger

D = dt.date
TODAY = D(2027, 6, 30)  # "today" in the tests that enter acts after the fact
START, END = D(2026, 9, 1), D(2026, 9, 30)


# --- helpers shared by the inspections tests of this area (test_publication, supervision) -----------------------


def world_state() -> tuple:
    """Everything a refused call must leave as it was: rows, numbers, and every ledger's head."""
    return (
        InspectionTask.objects.count(), TaskDepartment.objects.count(), InspectionPlan.objects.count(),
        DrawnObject.objects.filter(notice_sent_on__isnull=False).count(),
        list(InspectionTask.objects.order_by("pk").values_list("status", "ended_on", "publish_due", "published_on",
                                                               "drawn_list_published_on", "title")),
        list(NumberSequence.objects.order_by("pk").values_list("scope", "kind", "year", "last")),
        Entry.objects.count(),
        list(Ledger.objects.order_by("key").values_list("key", "head_seq", "head_hash")),
    )


def last_entry(ledger_key: str) -> Entry:
    return Entry.objects.filter(ledger__key=ledger_key).order_by("-seq").first()


def part(insp, which="a", items=None):
    d = insp.d
    if which == "a":
        return {"organisation": d.org_a, "category": d.market, "items": items or insp.a_items[:2]}
    return {"organisation": d.org_b, "category": d.urban, "items": items or insp.b_items[:1]}


def make_task(insp, *, joint=False, start_on=START, end_on=END, by=None, **kw):
    """A task drawing two grade-D objects (4% of 50) with teams of two."""
    args = {"title": "2026年食品经营者随机抽查", "lead_organisation": insp.d.org_a, "start_on": start_on,
            "end_on": end_on, "departments": [part(insp, "a")] + ([part(insp, "b")] if joint else []),
            "ratios": {"A": 0, "B": 0, "C": 0, "D": 4}}
    args.update(kw)
    return svc.task_create(by=by or insp.d.admin_a, **args)


def draw(insp, task):
    task_draw(by=insp.d.admin_a, task=task, witnesses=["见证人甲"])
    task.refresh_from_db()
    return task


def record_all_results(task, *, on=None, skip=0):
    """Every item of every department on every current drawn object, but the last `skip` (fixture rows written
    straight to the table: the results service has its own tests)."""
    wanted = []
    for drawn in DrawnObject.objects.filter(task=task, is_current=True).order_by("position"):
        for p in task.departments.all():
            for item in p.items.order_by("code"):
                wanted.append((drawn, p, item))
    for drawn, p, item in wanted[:len(wanted) - skip]:
        result = InspectionResult.objects.create(drawn_object=drawn, power_item=item, organisation=p.organisation,
                                                 outcome="no_problem", inspected_on=on or task.start_on)
        result.inspectors.set(TeamMember.objects.filter(drawn_object=drawn, organisation=p.organisation)
                              .values_list("officer", flat=True))
    if not skip:
        DrawnObject.objects.filter(task=task, is_current=True).update(status=DrawnStatus.INSPECTED,
                                                                      inspected_on=on or task.start_on)


def patch_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def today(monkeypatch):
    return patch_today(monkeypatch)


# --- creation ------------------------------------------------------------------------------------------------------


def test_a_single_task_is_numbered_in_the_lead_sequence_and_recorded(insp):
    task = make_task(insp, industries=["餐饮业", " 餐饮业 ", ""], jurisdiction_codes=[insp.town.code])
    assert task.number == "赛市监抽〔2026〕1号" and task.year == 2026 and task.kind == TaskKind.SINGLE
    assert task.status == TaskStatus.DRAFT and task.industries == ["餐饮业"]
    assert task.ratios() == {"A": Decimal("0.00"), "B": Decimal("0.00"), "C": Decimal("0.00"), "D": Decimal("4.00")}
    (lead,) = task.departments.all()
    assert lead.is_lead and lead.body == insp.d.body_a and lead.category == insp.d.market
    assert sorted(lead.items.values_list("code", flat=True)) == ["SCJG-JC-001", "SCJG-JC-002"]
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_TASK_CREATED and entry.subject_id == str(task.public_id)
    assert entry.payload["number"] == task.number and entry.payload["team_size"] == 2
    assert entry.payload["departments"][0]["items"] == ["SCJG-JC-001", "SCJG-JC-002"]
    assert make_task(insp).number == "赛市监抽〔2026〕2号"


def test_a_joint_task_has_one_part_per_department_the_lead_first(insp):
    task = make_task(insp, joint=True)
    assert task.kind == TaskKind.JOINT and task.is_joint
    parts = sel.task_parts(task)
    assert [(p.organisation, p.body, p.is_lead) for p in parts] == [
        (insp.d.org_a, insp.d.body_a, True), (insp.d.org_b, insp.d.body_b, False)]
    assert not Entry.objects.filter(ledger__key=insp.d.body_b.ledger_key,  # the lead records the task
                                    action__startswith="inspection.").exists()


def test_ratios_default_to_the_acknowledged_plan(insp):
    plan = plan_svc.plan_create(by=insp.d.admin_a, organisation=insp.d.org_a, year=2026, title="2026年度计划",
                                items=insp.a_items, frequency="每季度一次", ratios={"D": Decimal("50")})
    plan_svc.plan_submit(by=insp.d.admin_a, plan=plan)
    plan_svc.plan_acknowledge(by=insp.d.legal, plan=plan)
    task = make_task(insp, plan=plan, ratios=None)
    assert task.plan == plan and task.ratio_d == Decimal("50.00") and task.ratio_b == Decimal("5.00")


def _bad(insp):
    d = insp.d
    cases = {
        "team": ({"team_size": 1}, "team_too_small", "team_size", "GB58-TEAM", "不得少于2人"),
        "ratio_high": ({"ratios": {"B": Decimal("100.01")}}, "ratio_above_100", "ratios", "GB58-RATIO",
                       "抽查比例不能超过100%"),
        "ratio_negative": ({"ratios": {"C": -1}}, "ratio_negative", "ratios", "GB58-RATIO", "不能小于0"),
        "ratio_grade": ({"ratios": {"E": 5}}, "bad_ratio_grade", "ratios", "GB58-RATIO", "未知的信用风险分类"),
        "end_before_start": ({"start_on": D(2026, 9, 30), "end_on": D(2026, 9, 29)}, "end_before_start", "end_on",
                             None, "早于开始日期"),
        "unlisted_item": ({"departments": [part(insp, "a", [insp.a_unlisted])]}, "item_not_listed", "departments",
                          None, "计量器具的监督检查"),
        "other_department_item": ({"departments": [part(insp, "a", [insp.b_items[0]])]}, "item_not_listed",
                                  "departments", None, "不是赛罕区市场监督管理局已公布的随机抽查事项"),
        "no_items": ({"departments": [{"organisation": d.org_a, "category": d.market, "items": []}]},
                     "items_required", "departments", None, "请至少选择一项抽查事项"),
        "no_body_for_category": ({"departments": [{"organisation": d.org_a, "category": d.urban,
                                                   "items": insp.a_items[:1]}]},
                                 "no_body_for_category", "departments", None, "没有持有“城市管理”执法类别"),
        "lead_not_first": ({"departments": [part(insp, "b"), part(insp, "a")]}, "lead_not_first", "departments",
                           None, "须列为第一个参与部门"),
        "department_twice": ({"departments": [part(insp, "a"), part(insp, "a", insp.a_items[2:])]},
                             "department_twice", "departments", None, "重复列入参与部门"),
        "no_departments": ({"departments": []}, "departments_required", "departments", None, "参与部门"),
        "empty_title": ({"title": "  "}, "required", "title", None, "请填写任务名称"),
        "grade_filter": ({"risk_grades": ["E"]}, "bad_risk_grades", "risk_grades", None, "未知的信用风险分类"),
        "kind_filter": ({"object_kinds": ["alien"]}, "bad_object_kinds", "object_kinds", None, "未知的对象类别"),
        "jurisdiction": ({"jurisdiction_codes": ["999999"]}, "unknown_jurisdiction", "jurisdiction_codes", None,
                         "999999"),
        "exclusion": ({"exclusion_months": -1}, "bad_exclusion_months", "exclusion_months", None, "0至120"),
    }
    return cases


BAD = ["team", "ratio_high", "ratio_negative", "ratio_grade", "end_before_start", "unlisted_item",
       "other_department_item", "no_items", "no_body_for_category", "lead_not_first", "department_twice",
       "no_departments", "empty_title", "grade_filter", "kind_filter", "jurisdiction", "exclusion"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_naming_field_and_rule_and_nothing_is_written(insp, case):
    make_task(insp)  # a first task: its number and entry must stay the last ones
    changes, code, field, rule, text = _bad(insp)[case]
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_task(insp, **changes)
    assert (exc.value.code, exc.value.field, exc.value.rule) == (code, field, rule)
    assert text in exc.value.message
    assert world_state() == before
    assert make_task(insp).number == "赛市监抽〔2026〕2号"  # no number was taken by the refused call


def test_only_the_lead_department_creates_its_tasks(insp):
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_task(insp, by=insp.d.admin_b)
    assert exc.value.code == "role_forbidden" and world_state() == before
    with pytest.raises(DomainError):
        make_task(insp, by=insp.d.officer_a)  # an officer records results, does not plan
    assert world_state() == before


def test_a_plan_must_be_acknowledged_of_the_lead_and_the_year_and_list_the_items(insp):
    plan = plan_svc.plan_create(by=insp.d.admin_a, organisation=insp.d.org_a, year=2026, title="2026年度计划",
                                items=insp.a_items[:1], frequency="每季度一次")
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_task(insp, plan=plan)
    assert exc.value.code == "plan_not_acknowledged"
    plan_svc.plan_submit(by=insp.d.admin_a, plan=plan)
    plan_svc.plan_acknowledge(by=insp.d.legal, plan=plan)
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_task(insp, plan=plan)  # SCJG-JC-002 is not in the plan
    assert exc.value.code == "item_not_in_plan" and "企业公示信息情况的检查" in exc.value.message
    with pytest.raises(DomainError) as exc:
        make_task(insp, plan=plan, departments=[part(insp, "a", insp.a_items[:1])], start_on=D(2027, 1, 4),
                  end_on=D(2027, 1, 29))
    assert exc.value.code == "plan_of_other_year"
    assert world_state() == before
    assert make_task(insp, plan=plan, departments=[part(insp, "a", insp.a_items[:1])]).plan == plan


# --- changes before the draw ------------------------------------------------------------------------------------


def test_a_draft_task_changes_with_old_and_new_recorded(insp):
    task = make_task(insp)
    changed = svc.task_update(by=insp.d.admin_a, task=task, title="2026年餐饮服务随机抽查", ratios={"D": 10},
                              departments=[part(insp, "a", insp.a_items[:1]), part(insp, "b")])
    assert changed.title == task.title == "2026年餐饮服务随机抽查" and task.ratio_d == Decimal("10.00")
    assert task.kind == TaskKind.JOINT and task.departments.count() == 2
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_TASK_CHANGED
    assert entry.payload["changes"]["title"] == {"old": "2026年食品经营者随机抽查", "new": "2026年餐饮服务随机抽查"}
    assert entry.payload["changes"]["ratios"]["new"]["D"] == "10.00"
    assert [p["organisation"] for p in entry.payload["changes"]["departments"]["new"]] == [
        insp.d.org_a.name, insp.d.org_b.name]
    assert set(entry.payload["changes"]) == {"title", "ratios", "departments"}


@pytest.mark.parametrize("changes, code", [
    ({"title": "2026年食品经营者随机抽查"}, "no_change"),
    ({"team_size": 1}, "team_too_small"),
    ({"ratios": {"A": 101}}, "ratio_above_100"),
    ({"start_on": D(2027, 1, 4), "end_on": D(2027, 1, 29)}, "year_changed"),
    ({"lead_organisation": None}, "unknown_field"),
    ({"departments": [None]}, "bad_department"),
])
def test_a_change_that_is_refused_writes_nothing(insp, changes, code):
    task = make_task(insp)
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_update(by=insp.d.admin_a, task=task, **changes)
    assert exc.value.code == code and world_state() == before


def test_a_drawn_task_cannot_be_changed(insp):
    task = draw(insp, make_task(insp))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_update(by=insp.d.admin_a, task=task, title="改名")
    assert exc.value.code == "invalid_status" and "抽取后任务内容不能再修改" in exc.value.message
    assert world_state() == before


# --- the drawn list and the notices ------------------------------------------------------------------------------


def test_the_drawn_list_is_published_after_the_draw(insp, today):
    task = make_task(insp, joint=True)
    with pytest.raises(DomainError) as exc:
        svc.drawn_list_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 12, 1))
    assert exc.value.code == "invalid_status"
    draw(insp, task)
    drawn_day = timezone.localtime(task.draws.get().drawn_at).date()
    before = world_state()
    for bad_day, code in ((drawn_day - dt.timedelta(days=1), "published_before_draw"),
                          (TODAY + dt.timedelta(days=1), "date_in_future")):
        with pytest.raises(DomainError) as exc:
            svc.drawn_list_publish(by=insp.d.admin_a, task=task, published_on=bad_day)
        assert exc.value.code == code and exc.value.field == "published_on"
    with pytest.raises(DomainError):
        svc.drawn_list_publish(by=insp.d.admin_b, task=task, published_on=drawn_day)  # not the lead
    assert world_state() == before
    svc.drawn_list_publish(by=insp.d.admin_a, task=task, published_on=drawn_day)
    assert task.drawn_list_published_on == drawn_day
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_DRAWN_LIST_PUBLISHED and entry.payload["count"] == 2
    listed = "".join(f"{d.draw.seq}\t{d.position}\t{d.object.uscc}\t{d.object.name}\n"
                     for d in sel.task_drawn_objects(task))
    assert entry.payload["list_digest"] == hashlib.sha256(listed.encode()).hexdigest()
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.drawn_list_publish(by=insp.d.admin_a, task=task, published_on=drawn_day)
    assert exc.value.code == "already_published" and world_state() == before
    svc.drawn_list_publish(by=insp.d.admin_a, task=task, published_on=drawn_day + dt.timedelta(days=1))
    assert last_entry(insp.d.body_a.ledger_key).payload["previous_published_on"] == drawn_day.isoformat()


def test_notices_go_to_the_objects_not_yet_notified(insp, today):
    task = draw(insp, make_task(insp, joint=True))
    first, second = sel.task_drawn_objects(task)
    day = timezone.localtime(task.draws.get().drawn_at).date()
    assert svc.notices_send(by=insp.d.officer_a, task=task, sent_on=day, drawn_objects=[first]) == 1
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_NOTICE_SENT
    assert entry.payload["uscc"] == [first.object.uscc]
    assert svc.notices_send(by=insp.d.admin_b, task=task, sent_on=day) == 1  # B takes part: its staff may send
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.notice_sent_on == second.notice_sent_on == day
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.notices_send(by=insp.d.officer_a, task=task, sent_on=day)
    assert exc.value.code == "nothing_to_notify" and world_state() == before
    other = draw(insp, make_task(insp))
    with pytest.raises(DomainError) as exc:
        svc.notices_send(by=insp.d.officer_a, task=task, sent_on=day,
                         drawn_objects=list(sel.task_drawn_objects(other))[:1])
    assert exc.value.code == "not_current_drawn"
    single = make_task(insp)
    with pytest.raises(DomainError) as exc:
        svc.notices_send(by=insp.d.admin_b, task=single, sent_on=day)  # B does not take part
    assert exc.value.code == "role_forbidden"


def test_the_notice_docx_names_task_departments_items_team_and_object_and_is_reproducible(insp, today):
    task = draw(insp, make_task(insp, joint=True))
    drawn = sel.task_drawn_objects(task).first()
    data = notice_docx(drawn)
    assert data == notice_docx(drawn)  # same rows, same bytes
    doc = Document(io.BytesIO(data))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "联合检查通知书" in text and task.number in text and drawn.object.name in text
    assert drawn.object.uscc in text and drawn.object.address in text
    assert "2026年9月1日至2026年9月30日" in text
    for name in (insp.d.org_a.name, insp.d.org_b.name, insp.a_items[0].name, insp.b_items[0].name):
        assert name in text
    team = TeamMember.objects.filter(drawn_object=drawn)
    assert team.count() == 4
    for member in team:
        assert member.officer.name in text and member.certificate_number in text
    svc.notices_send(by=insp.d.officer_a, task=task, sent_on=TODAY)
    drawn.refresh_from_db()
    dated = notice_docx(drawn)
    assert dated != data and "2027年6月30日" in "\n".join(p.text for p in Document(io.BytesIO(dated)).paragraphs)
    assert notice_filename(drawn).endswith(f"{drawn.object.uscc}.docx")


# --- selectors -------------------------------------------------------------------------------------------------


def test_tasks_are_seen_by_the_departments_taking_part_the_office_and_the_administrator(insp):
    single = make_task(insp)
    joint = make_task(insp, joint=True, title="联合抽查")

    def numbers(user, **filters):
        return sorted(t.number for t in sel.task_list(user=user, filters=filters))

    assert numbers(insp.d.admin_a) == sorted([single.number, joint.number])
    assert numbers(insp.d.admin_b) == [joint.number]
    assert numbers(insp.d.legal) == numbers(insp.d.sysadmin) == sorted([single.number, joint.number])
    assert numbers(insp.d.volunteer) == []
    assert numbers(insp.d.admin_a, q="联合") == [joint.number]
    assert numbers(insp.d.admin_a, kind=TaskKind.JOINT) == [joint.number]
    assert numbers(insp.d.legal, organisation=str(insp.d.org_b.public_id)) == [joint.number]
    assert numbers(insp.d.admin_a, year="2027") == []
    assert sel.task_get(user=insp.d.admin_b, public_id=joint.public_id) == joint
    with pytest.raises(InspectionTask.DoesNotExist):
        sel.task_get(user=insp.d.admin_b, public_id=single.public_id)


def test_overdue_filter_and_item_list(insp, today):
    task = make_task(insp)
    InspectionTask.objects.filter(pk=task.pk).update(status=TaskStatus.ENDED, ended_on=D(2026, 9, 30),
                                                     publish_due=D(2026, 11, 3))
    assert list(sel.task_list(user=insp.d.legal, filters={"overdue": "1"})) == [task]
    assert [i.code for i in sel.item_list(organisation=insp.d.org_a)] == ["SCJG-JC-001", "SCJG-JC-002", "SCJG-JC-003"]
    task.refresh_from_db()
    assert sel.task_publication_due(task).due == D(2026, 11, 3)


def test_an_item_two_departments_share_is_checked_by_one_of_them_in_a_joint_task(insp):
    from fazhi.inspections.tests.conftest import _article
    from fazhi.powers import services as power_services
    from fazhi.powers.enums import PowerCategory

    shared = power_services.power_item_create(
        by=insp.d.legal, code="GX-JC-001", name="户外经营活动的联合检查", category=PowerCategory.INSPECTION,
        departments=[insp.d.org_a, insp.d.org_b], legal_bases=[(_article(), None, None)],
        responsibilities=[("accept", "制定抽查计划")], is_inspection_item=True)
    shared = power_services.power_item_publish(by=insp.d.legal, item=shared, reason="公布",
                                               effective_on=dt.date(2020, 1, 1))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_task(insp, departments=[
            {"organisation": insp.d.org_a, "category": insp.d.market, "items": [shared]},
            {"organisation": insp.d.org_b, "category": insp.d.urban, "items": [shared, insp.b_items[0]]}])
    assert exc.value.code == "item_twice" and "户外经营活动的联合检查" in exc.value.message
    assert world_state() == before
    task = make_task(insp, departments=[
        {"organisation": insp.d.org_a, "category": insp.d.market, "items": [shared]},
        {"organisation": insp.d.org_b, "category": insp.d.urban, "items": [insp.b_items[0]]}])
    assert task.kind == TaskKind.JOINT

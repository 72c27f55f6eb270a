"""Results of random inspection (services/results.py, selectors/results.py): recorded per drawn object and item by
at least two of the inspectors drawn from the item's department (GB58-TEAM), each certified on the day (XZCF-42),
with photos checked by content; a finding referred for a case opens it in enforcement, linked to the task.

Until the task and draw services are in place, the drawn task is built straight with the ORM (`_drawn_task_rows`):
fixture rows, not acts — they stand for what task_create + task_draw leave behind."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.enforcement.enums import CaseStatus, LeadSource, PartyType
from fazhi.enforcement.models import Case
from fazhi.inspections.enums import (
    DrawKind,
    DrawnStatus,
    ObjectKind,
    ResultOutcome,
    TaskKind,
    TaskStatus,
)
from fazhi.inspections.models import (
    Draw,
    DrawnObject,
    InspectionObject,
    InspectionResult,
    InspectionTask,
    ResultPhoto,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.selectors.results import drawn_object_get, drawn_object_items, my_inspections
from fazhi.inspections.services import results as svc
from fazhi.inspections.services.results import party_type_for, result_record
from fazhi.inspections.tests.builders import object_uscc
from fazhi.personnel.models import Certificate
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger

D = dt.date
TODAY = D(2026, 12, 28)
START, END = D(2026, 12, 1), D(2026, 12, 25)

JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x11" * 3000
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\x22" * 2000
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x33" * 1000
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 3000


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def jpg(name="IMG_0001.jpg", data=JPG):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png(name="IMG_0002.png", data=PNG):
    return SimpleUploadedFile(name, data, content_type="image/png")


# --- fixture rows: a drawn task ------------------------------------------------------------------------------------


_task_counter = iter(range(1, 10_000))


def _drawn_task_rows(insp, *, joint=False, objects=None, a_items=None, b_items=None, team_a=None, team_b=None,
                     status=TaskStatus.DRAWN, start_on=START, end_on=END):
    """A task in progress as task_create + task_draw leave it: department A (lead; items `a_items`, default its
    first two) and, when `joint`, department B (items `b_items`, default its first); one initial draw of `objects`
    (default the first three of the pool) with teams `team_a` / `team_b` on every object."""
    d = insp.d
    n = next(_task_counter)
    task = InspectionTask.objects.create(
        number=f"赛市监〔2026〕抽{n}号", title="2026年食品经营者双随机抽查", lead_organisation=d.org_a,
        kind=TaskKind.JOINT if joint else TaskKind.SINGLE, year=start_on.year, start_on=start_on, end_on=end_on,
        status=status, created_by=d.admin_a)
    part_a = TaskDepartment.objects.create(task=task, organisation=d.org_a, body=d.body_a, category=d.market,
                                           is_lead=True)
    part_a.items.set(a_items if a_items is not None else insp.a_items[:2])
    parts = [(part_a, team_a if team_a is not None else [insp.a1, insp.a2])]
    if joint:
        part_b = TaskDepartment.objects.create(task=task, organisation=d.org_b, body=d.body_b, category=d.urban)
        part_b.items.set(b_items if b_items is not None else insp.b_items[:1])
        parts.append((part_b, team_b if team_b is not None else [insp.b1, insp.b2]))
    draw = Draw.objects.create(
        task=task, seq=1, kind=DrawKind.INITIAL, seed="0" * 64, algorithm="fazhi-draw/1", pool_size=200,
        pool_digest="a" * 64, pool_file="inspections/draws/test.txt.gz", inspector_pool_digest="b" * 64,
        result_digest="c" * 64, drawn_at=timezone.make_aware(dt.datetime(2026, 11, 30, 10, 0)), drawn_by=d.admin_a)
    drawn = []
    for position, obj in enumerate(objects if objects is not None else insp.objects[:3], start=1):
        row = DrawnObject.objects.create(task=task, draw=draw, object=obj, position=position,
                                         risk_grade=obj.risk_grade)
        for part, team in parts:
            for officer in team:
                cert = officer.certificates.order_by("-valid_to").first()
                TeamMember.objects.create(drawn_object=row, organisation=part.organisation, officer=officer,
                                          certificate_number=cert.number if cert else "")
        drawn.append(row)
    return task, drawn


def _storage_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    found = []
    for dirpath, _dirs, files in os.walk(root):
        found.extend(os.path.relpath(os.path.join(dirpath, f), root) for f in files)
    return sorted(found)


def _state(settings):
    """Everything a refused call must leave as it was."""
    return {
        "results": InspectionResult.objects.count(),
        "photos": ResultPhoto.objects.count(),
        "cases": Case.objects.count(),
        "entries": Entry.objects.count(),
        "heads": sorted(Ledger.objects.values_list("key", "head_seq", "head_hash")),
        "files": _storage_files(settings),
        "drawn": sorted(DrawnObject.objects.values_list("pk", "status", "inspected_on")),
        "objects": sorted(InspectionObject.objects.exclude(last_inspected_on=None)
                          .values_list("pk", "last_inspected_on")),
    }


def _record(insp, drawn, *, item=None, by=None, **kw):
    kw.setdefault("outcome", ResultOutcome.NO_PROBLEM)
    kw.setdefault("inspected_on", D(2026, 12, 10))
    kw.setdefault("inspectors", [insp.a1, insp.a2])
    return result_record(by=by or insp.d.officer_a, drawn_object=drawn, power_item=item or insp.a_items[0], **kw)


# --- the happy path ------------------------------------------------------------------------------------------------


def test_result_recorded_with_two_photos(insp, settings):
    task, (drawn, *_rest) = _drawn_task_rows(insp)
    obj = drawn.object
    result = _record(insp, drawn, outcome=ResultOutcome.CORRECTED, findings="未按规定公示食品经营许可证,已责令当场改正",
                     photos=[jpg(), png()])

    assert result.organisation == insp.d.org_a
    assert set(result.inspectors.all()) == {insp.a1, insp.a2}
    assert result.case is None
    photos = list(result.photos.order_by("id"))
    assert [p.content_type for p in photos] == ["image/jpeg", "image/png"]
    assert [p.sha256 for p in photos] == [hashlib.sha256(JPG).hexdigest(), hashlib.sha256(PNG).hexdigest()]
    assert [p.size for p in photos] == [len(JPG), len(PNG)]
    for photo, data in zip(photos, (JPG, PNG), strict=True):
        assert photo.file.name.startswith(f"inspections/photos/{result.public_id}/")
        with photo.file.open("rb") as handle:
            assert handle.read() == data
    assert photos[0].file.name.endswith(".jpg") and photos[1].file.name.endswith(".png")

    entry = Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED)
    assert entry.ledger.key == insp.d.body_a.ledger_key
    assert entry.subject_id == str(result.public_id)
    certs = {o.name: o.certificates.get().number for o in (insp.a1, insp.a2)}
    assert entry.payload["task"] == task.number
    assert entry.payload["uscc"] == obj.uscc
    assert entry.payload["item_code"] == "SCJG-JC-001"
    assert entry.payload["outcome"] == "发现问题,已责令改正"
    assert entry.payload["inspectors"] == [{"name": n, "certificate": c} for n, c in certs.items()]
    assert entry.payload["inspected_on"] == "2026-12-10"
    assert entry.payload["findings"] == "未按规定公示食品经营许可证,已责令当场改正"
    assert [f["sha256"] for f in entry.files] == [p.sha256 for p in photos]
    assert [f["name"] for f in entry.files] == [p.file.name for p in photos]
    assert all(f["stored"] for f in entry.files)
    assert not Entry.objects.filter(action=Action.INSPECTION_CASE_REFERRED).exists()

    drawn.refresh_from_db()
    obj.refresh_from_db()
    assert drawn.inspected_on == D(2026, 12, 10)
    assert drawn.status == DrawnStatus.PENDING  # the task's second item has no result yet
    assert obj.last_inspected_on == D(2026, 12, 10)


def test_webp_accepted_and_the_same_picture_twice_kept_once(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    result = _record(insp, drawn, photos=[SimpleUploadedFile("a.webp", WEBP, content_type="image/webp"),
                                          jpg("a.jpg"), jpg("copy.jpg")])
    assert [p.content_type for p in result.photos.order_by("id")] == ["image/webp", "image/jpeg"]
    assert len(Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED).files) == 2


def test_photo_of_exactly_20_mb_accepted(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    data = JPG + b"\x00" * (svc.PHOTO_MAX_BYTES - len(JPG))
    result = _record(insp, drawn, photos=[jpg(data=data)])
    assert result.photos.get().size == 20 * 1024 * 1024


def test_no_photos_is_allowed(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    _record(insp, drawn)
    assert Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED).files == []


def test_last_inspected_on_never_goes_back(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    _record(insp, drawn, inspected_on=D(2026, 12, 12))
    _record(insp, drawn, item=insp.a_items[1], inspected_on=D(2026, 12, 5))
    drawn.refresh_from_db()
    drawn.object.refresh_from_db()
    assert drawn.inspected_on == D(2026, 12, 12)
    assert drawn.object.last_inspected_on == D(2026, 12, 12)


# --- refusals: a Chinese message naming the field and the rule, and nothing changed ---------------------------


def _refusals(insp):
    """{name: (set-up before the snapshot or None, the refused call, code, field, rule, words of the message)}.
    Every call carries photos, so that "no stored file left behind" is checked too."""

    def call(**kw):
        kw.setdefault("photos", [jpg(), png()])
        return lambda drawn: _record(insp, drawn, **kw)

    def superseded(drawn):
        DrawnObject.objects.filter(pk=drawn.pk).update(is_current=False, status=DrawnStatus.SUPERSEDED)

    def task_ended(drawn):
        InspectionTask.objects.filter(pk=drawn.task_id).update(status=TaskStatus.ENDED, ended_on=D(2026, 12, 20))

    def first_result(drawn):
        _record(insp, drawn, inspected_on=D(2026, 12, 9))

    def expiring_on_team(drawn):
        TeamMember.objects.create(drawn_object=drawn, organisation=insp.d.org_a, officer=insp.expiring,
                                  certificate_number=insp.expiring.certificates.get().number)

    def longer_task(drawn):
        InspectionTask.objects.filter(pk=drawn.task_id).update(end_on=D(2026, 12, 31))

    big = JPG + b"\x00" * (20 * 1024 * 1024 + 1 - len(JPG))
    return {
        "one inspector": (None, call(inspectors=[insp.a1]), "too_few_inspectors", "inspectors", "GB58-TEAM",
                          ["不得少于2人", "现1人"]),
        "the same inspector twice": (None, call(inspectors=[insp.a1, insp.a1]), "too_few_inspectors", "inspectors",
                                     "GB58-TEAM", ["不得少于2人"]),
        "inspector not drawn": (None, call(inspectors=[insp.a1, insp.a3]), "inspector_not_drawn", "inspectors",
                                "GB58-TEAM", ["王芳", "赛罕区市场监督管理局", "张明、李华"]),
        "another department's officer": (None, call(inspectors=[insp.a1, insp.b1]), "inspector_not_drawn",
                                         "inspectors", "GB58-TEAM", ["郑伟"]),
        "certificate ended": (expiring_on_team, call(inspectors=[insp.a1, insp.expiring],
                                                     inspected_on=D(2026, 12, 16)),
                              "inspector_not_certified", "inspectors", "XZCF-42",
                              ["孙强", "2026年12月15日", "2026年12月16日"]),
        "date before the task": (None, call(inspected_on=D(2026, 11, 30)), "date_outside_task", "inspected_on",
                                 None, ["2026年11月30日", "2026年12月1日至2026年12月25日"]),
        "date after the task": (None, call(inspected_on=D(2026, 12, 26)), "date_outside_task", "inspected_on",
                                None, ["2026年12月26日"]),
        "date in the future": (longer_task, call(inspected_on=D(2026, 12, 29)), "date_in_future", "inspected_on",
                               None, ["2026年12月29日", "今天"]),
        "item of no department": (None, call(item=insp.a_items[2]), "item_not_in_task", "power_item", None,
                                  ["特种设备使用单位的监督检查"]),
        "item not listed": (None, call(item=insp.a_unlisted), "item_not_in_task", "power_item", None,
                            ["计量器具的监督检查"]),
        "second result": (first_result, call(), "result_exists", "power_item", None,
                          ["2026年12月9日", "只能录入一次"]),
        "task ended": (task_ended, call(), "task_not_in_progress", "drawn_object", None, ["检查结束,待公示"]),
        "object superseded": (superseded, call(), "drawn_object_superseded", "drawn_object", "GB58-REPLAY",
                              ["不再是本任务的有效抽中对象"]),
        "problem without findings": (None, call(outcome=ResultOutcome.CORRECTED, findings="  "),
                                     "findings_required", "findings", None, ["发现问题,已责令改正"]),
        "referral without findings": (None, call(outcome=ResultOutcome.REFERRED), "findings_required", "findings",
                                      None, ["移送立案查处"]),
        "not cooperating without findings": (None, call(outcome=ResultOutcome.NOT_COOPERATING),
                                             "findings_required", "findings", None, ["不配合检查"]),
        "no such outcome": (None, call(outcome="fine"), "outcome_invalid", "outcome", None, ["检查结果"]),
        "photo not an image": (None, call(photos=[jpg(), SimpleUploadedFile("现场.jpg", EXE,
                                                                            content_type="image/jpeg")]),
                               "photo_not_image", "photos", None, ["现场.jpg", "exe"]),
        "photo over 20 MB": (None, call(photos=[png(), jpg("big.jpg", big)]), "photo_too_big", "photos", None,
                             ["big.jpg", "20 MB"]),
        "empty photo": (None, call(photos=[jpg(), SimpleUploadedFile("e.jpg", b"")]), "photo_empty", "photos",
                        None, ["e.jpg"]),
        "another department's user": (None, call(by=insp.d.admin_b), "role_forbidden", None, None, ["本部门"]),
        "case title too long": (None, call(outcome=ResultOutcome.REFERRED, findings="无证经营",
                                           case_title="长" * 201), "case_title_too_long", "case_title", None,
                                ["200"]),
    }


REFUSALS = ["one inspector", "the same inspector twice", "inspector not drawn", "another department's officer",
            "certificate ended", "date before the task", "date after the task", "date in the future",
            "item of no department", "item not listed", "second result", "task ended", "object superseded",
            "problem without findings", "referral without findings", "not cooperating without findings",
            "no such outcome", "photo not an image", "photo over 20 MB", "empty photo",
            "another department's user", "case title too long"]


@pytest.mark.parametrize("name", REFUSALS)
def test_refusal_changes_nothing(insp, settings, name):
    refusals = _refusals(insp)
    assert sorted(refusals) == sorted(REFUSALS)
    setup, run, code, field, rule, words = refusals[name]
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    if setup:
        setup(drawn)
    before = _state(settings)
    with pytest.raises(DomainError) as caught:
        run(drawn)
    error = caught.value
    assert (error.code, error.field, error.rule) == (code, field, rule)
    for word in words:
        assert word in error.message, error.message
    assert _state(settings) == before


def test_refusal_names_its_rule_in_the_display(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    with pytest.raises(DomainError) as caught:
        _record(insp, drawn, inspectors=[insp.a1])
    assert caught.value.display.endswith("(GB58-TEAM)")


def test_a_failure_after_photos_were_stored_leaves_no_file(insp, settings, monkeypatch):
    """Anything that goes wrong once writing began (here the ledger) rolls back and deletes the stored photos."""
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    before = _state(settings)

    def broken(*args, **kwargs):
        raise RuntimeError("ledger unavailable")

    monkeypatch.setattr(svc, "record_body", broken)
    with pytest.raises(RuntimeError):
        _record(insp, drawn, outcome=ResultOutcome.REFERRED, findings="无证经营", photos=[jpg(), png()])
    assert _state(settings) == before


# --- XZCF-42: certificates on the day of the visit ---------------------------------------------------------------


def test_certificate_valid_through_its_last_day(insp):
    """孙强's certificate ends 2026-12-15: a visit that day is accepted, one the day after refused."""
    _task, (first, second, *_rest) = _drawn_task_rows(insp, team_a=[insp.a1, insp.expiring])
    result = _record(insp, first, inspectors=[insp.a1, insp.expiring], inspected_on=D(2026, 12, 15))
    assert insp.expiring in result.inspectors.all()
    entry = Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED)
    assert {"name": "孙强", "certificate": insp.expiring.certificates.get().number} in entry.payload["inspectors"]

    with pytest.raises(DomainError) as caught:
        _record(insp, second, inspectors=[insp.a1, insp.expiring], inspected_on=D(2026, 12, 16))
    error = caught.value
    assert (error.code, error.field, error.rule) == ("inspector_not_certified", "inspectors", "XZCF-42")
    assert "孙强" in error.message and "2026年12月15日" in error.message and "2026年12月16日" in error.message
    assert InspectionResult.objects.filter(drawn_object=second).count() == 0


def test_certificate_day_before_expiry_accepted(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp, team_a=[insp.a1, insp.expiring])
    _record(insp, drawn, inspectors=[insp.a1, insp.expiring], inspected_on=D(2026, 12, 14))


def test_certificate_without_the_category_refused(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp, team_a=[insp.a1, insp.wrong_category])
    with pytest.raises(DomainError) as caught:
        _record(insp, drawn, inspectors=[insp.a1, insp.wrong_category])
    assert caught.value.rule == "XZCF-42"
    assert "吴城" in caught.value.message and "不含“市场监管”" in caught.value.message


def test_suspended_certificate_refused(insp):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    Certificate.objects.filter(officer=insp.a2).update(status="suspended")
    with pytest.raises(DomainError) as caught:
        _record(insp, drawn)
    assert caught.value.rule == "XZCF-42"
    assert "李华" in caught.value.message and "暂扣" in caught.value.message


# --- joint inspection --------------------------------------------------------------------------------------------


def test_joint_task_each_department_records_its_own_items(insp):
    d = insp.d
    _task, (drawn, *_rest) = _drawn_task_rows(insp, joint=True)
    b_item = insp.b_items[0]

    with pytest.raises(DomainError) as caught:  # A's inspectors on B's item
        _record(insp, drawn, item=b_item, by=d.admin_b, inspectors=[insp.a1, insp.a2])
    assert (caught.value.code, caught.value.rule) == ("inspector_not_drawn", "GB58-TEAM")
    assert "赛罕区城市管理综合执法局" in caught.value.message
    with pytest.raises(DomainError) as caught:  # B's item recorded by a user of department A
        _record(insp, drawn, item=b_item, by=d.officer_a, inspectors=[insp.b1, insp.b2])
    assert caught.value.code == "role_forbidden"
    with pytest.raises(DomainError) as caught:  # B's inspectors on A's item
        _record(insp, drawn, inspectors=[insp.b1, insp.b2])
    assert caught.value.code == "inspector_not_drawn"
    assert InspectionResult.objects.count() == 0

    result = _record(insp, drawn, item=b_item, by=d.admin_b, inspectors=[insp.b1, insp.b2])
    assert result.organisation == d.org_b
    entry = Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED)
    assert entry.ledger.key == d.body_b.ledger_key
    assert entry.payload["department"] == "赛罕区城市管理综合执法局"
    assert entry.payload["item_code"] == "CGZF-JC-001"


def test_drawn_object_inspected_only_when_every_item_of_every_department_has_a_result(insp):
    d = insp.d
    _task, (drawn, other, *_rest) = _drawn_task_rows(insp, joint=True)

    def status(row):
        row.refresh_from_db()
        return row.status

    _record(insp, drawn, item=insp.a_items[0], inspected_on=D(2026, 12, 3))
    assert status(drawn) == DrawnStatus.PENDING
    _record(insp, drawn, item=insp.a_items[1], inspected_on=D(2026, 12, 3))
    assert status(drawn) == DrawnStatus.PENDING  # department B's item is still open
    entry = Entry.objects.filter(action=Action.INSPECTION_RESULT_RECORDED).order_by("-id").first()
    assert entry.payload["drawn_status"] == DrawnStatus.PENDING
    _record(insp, drawn, item=insp.b_items[0], by=d.admin_b, inspectors=[insp.b2, insp.b1],
            inspected_on=D(2026, 12, 4))
    assert status(drawn) == DrawnStatus.INSPECTED
    assert drawn.inspected_on == D(2026, 12, 4)
    assert Entry.objects.filter(action=Action.INSPECTION_RESULT_RECORDED).order_by("-id").first() \
        .payload["drawn_status"] == DrawnStatus.INSPECTED
    assert status(other) == DrawnStatus.PENDING


# --- referral: a finding that needs a penalty opens a case ------------------------------------------------------


def test_referral_opens_a_case_linked_to_the_task(insp):
    d = insp.d
    task, (drawn, *_rest) = _drawn_task_rows(insp)
    obj = drawn.object
    result = _record(insp, drawn, outcome=ResultOutcome.REFERRED, findings="销售超过保质期的食品12袋",
                     inspected_on=D(2026, 12, 11), photos=[jpg()])

    case = result.case
    assert case is not None
    assert case.inspection_task_ref == task.number
    assert case.lead_source == LeadSource.RANDOM_INSPECTION
    assert case.status == CaseStatus.LEAD
    assert case.body == d.body_a and case.category == d.market
    assert case.title == "食品经营者经营活动的监督检查发现问题"
    assert case.lead_received_on == D(2026, 12, 11)
    assert case.party_name == obj.name and case.party_address == obj.address
    assert case.party_type == PartyType.PERSON  # the pool's objects are 个体工商户
    assert case.party_id_number == ""
    assert "销售超过保质期的食品12袋" in case.lead_summary and obj.uscc in case.lead_summary
    assert list(case.inspection_results.all()) == [result]

    recorded = Entry.objects.get(action=Action.INSPECTION_RESULT_RECORDED)
    referred = Entry.objects.get(action=Action.INSPECTION_CASE_REFERRED)
    assert recorded.payload["case"] == str(case.public_id)
    assert referred.ledger_id == recorded.ledger_id and referred.seq == recorded.seq + 1
    assert referred.payload["case"] == str(case.public_id)
    assert referred.payload["case_number"] == case.number
    assert referred.payload["task"] == task.number
    assert referred.payload["lead_source"] == "双随机抽查"
    assert Entry.objects.filter(action=Action.CASE_LEAD_REGISTERED, subject_id=str(case.public_id)).exists()


def test_referral_of_a_company_with_a_title(insp):
    company = InspectionObject.objects.create(
        uscc=object_uscc(7, prefix="91150105"), name="呼和浩特市赛罕区好味道餐饮有限公司", entity_type="有限责任公司",
        address="赛罕区大学东街1号", legal_representative="刘洋")
    _task, (drawn,) = _drawn_task_rows(insp, objects=[company])
    result = _record(insp, drawn, outcome=ResultOutcome.REFERRED, findings="使用超过保质期的食品原料",
                     case_title="涉嫌使用超过保质期的食品原料")
    case = result.case
    assert case.title == "涉嫌使用超过保质期的食品原料"
    assert case.party_type == PartyType.LEGAL_PERSON
    assert case.party_id_number == company.uscc
    assert case.party_legal_representative == "刘洋"


@pytest.mark.parametrize("kind, entity_type, uscc, expected", [
    (ObjectKind.MARKET_ENTITY, "个体工商户", "92150105MA0000000X", PartyType.PERSON),
    (ObjectKind.MARKET_ENTITY, "有限责任公司", "91150105MA0000000X", PartyType.LEGAL_PERSON),
    (ObjectKind.MARKET_ENTITY, "有限责任公司分公司", "91150105MA0000000X", PartyType.OTHER_ORGANISATION),
    (ObjectKind.MARKET_ENTITY, "普通合伙企业", "91150105MA0000000X", PartyType.OTHER_ORGANISATION),
    (ObjectKind.MARKET_ENTITY, "个人独资企业", "91150105MA0000000X", PartyType.OTHER_ORGANISATION),
    (ObjectKind.MARKET_ENTITY, "农民专业合作社", "93150105MA0000000X", PartyType.LEGAL_PERSON),
    (ObjectKind.MARKET_ENTITY, "", "92150105MA0000000X", PartyType.PERSON),
    (ObjectKind.MARKET_ENTITY, "", "91150105MA0000000X", PartyType.LEGAL_PERSON),
    (ObjectKind.PUBLIC_INSTITUTION, "", "12150105MA0000000X", PartyType.LEGAL_PERSON),
    (ObjectKind.SOCIAL_ORGANISATION, "民办非企业单位", "52150105MA0000000X", PartyType.LEGAL_PERSON),
    (ObjectKind.LAW_FIRM, "", "31150000MA0000000X", PartyType.OTHER_ORGANISATION),
    (ObjectKind.OTHER, "", "Y1150105MA0000000X", PartyType.OTHER_ORGANISATION),
])
def test_party_type_for(kind, entity_type, uscc, expected):
    assert party_type_for(InspectionObject(kind=kind, entity_type=entity_type, uscc=uscc)) == expected


# --- selectors ----------------------------------------------------------------------------------------------------


def test_my_inspections(insp):
    d = insp.d
    insp.a1.user = d.officer_a
    insp.a1.save()
    task, (first, second, third) = _drawn_task_rows(insp)
    _other_task, (not_mine,) = _drawn_task_rows(insp, objects=insp.objects[10:11], team_a=[insp.a3, insp.a4])
    _ended, (ended_row,) = _drawn_task_rows(insp, objects=insp.objects[11:12], status=TaskStatus.ENDED)
    DrawnObject.objects.filter(pk=third.pk).update(is_current=False, status=DrawnStatus.SUPERSEDED)

    assert list(my_inspections(user=d.officer_a)) == [first, second]
    _record(insp, first)
    _record(insp, first, item=insp.a_items[1])
    rows = list(my_inspections(user=d.officer_a))
    assert rows == [second, first]  # open ones first
    assert (rows[1].my_items, rows[1].my_done) == (2, 2)
    assert not_mine not in rows and ended_row not in rows
    assert list(my_inspections(user=d.admin_b)) == []  # no officer linked


def test_my_inspections_in_a_joint_task_counts_the_officers_department(insp):
    d = insp.d
    insp.b1.user = d.admin_b
    insp.b1.save()
    _task, (first, second, _third) = _drawn_task_rows(insp, joint=True)
    _record(insp, first, item=insp.b_items[0], by=d.admin_b, inspectors=[insp.b1, insp.b2])
    rows = list(my_inspections(user=d.admin_b))
    assert rows[-1] == first and rows[0] == second
    assert (rows[-1].my_items, rows[-1].my_done) == (1, 1)
    first.refresh_from_db()
    assert first.status == DrawnStatus.PENDING  # department A's items are still open


def test_drawn_object_get_is_scoped(insp):
    d = insp.d
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    assert drawn_object_get(user=d.officer_a, public_id=drawn.public_id) == drawn
    assert drawn_object_get(user=d.legal, public_id=drawn.public_id) == drawn
    with pytest.raises(DrawnObject.DoesNotExist):
        drawn_object_get(user=d.admin_b, public_id=drawn.public_id)
    _joint, (joint_row, *_r) = _drawn_task_rows(insp, joint=True)
    assert drawn_object_get(user=d.admin_b, public_id=joint_row.public_id) == joint_row


def test_drawn_object_items(insp):
    d = insp.d
    _task, (drawn, *_rest) = _drawn_task_rows(insp, joint=True)
    result = _record(insp, drawn, item=insp.a_items[1])
    rows = drawn_object_items(drawn)
    assert [(part.organisation, item.code, r) for part, item, r in rows] == [
        (d.org_a, "SCJG-JC-001", None),
        (d.org_a, "SCJG-JC-002", result),
        (d.org_b, "CGZF-JC-001", None),
    ]


@pytest.mark.parametrize("change, code", [
    ({"status": "left"}, "inspector_inactive"),
    ("moved", "inspector_not_of_department"),
])
def test_drawn_inspector_who_left_or_moved_refused(insp, change, code):
    _task, (drawn, *_rest) = _drawn_task_rows(insp)
    if change == "moved":
        insp.a2.organisation = insp.d.org_b
    else:
        insp.a2.status = change["status"]
    insp.a2.save()
    with pytest.raises(DomainError) as caught:
        _record(insp, drawn)
    assert (caught.value.code, caught.value.rule) == (code, "XZCF-42")
    assert "李华" in caught.value.message

"""The staff screens of random inspection: every page renders for the roles the route table admits and refuses the
others; another department's task is a 404; forms validate in Chinese and show the services' refusals next to the
field with the rule id (changing nothing); a draw, a result with a photo, the end and the publication go through the
screens; the exports are xlsx."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.inspections.enums import DrawKind, DrawnStatus, PlanStatus, ResultOutcome, TaskKind, TaskStatus
from fazhi.inspections.models import (
    ConflictDeclaration,
    Draw,
    DrawnObject,
    ImplementingRules,
    InspectionObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    ResultPhoto,
)
from fazhi.inspections.services import tasks as task_services
from fazhi.inspections.services.draws import task_draw
from fazhi.inspections.services.results import result_record
from fazhi.inspections.tests.builders import object_uscc
from fazhi.records.models import Entry

D = dt.date
TODAY = D(2026, 9, 15)  # a Tuesday inside the tasks' period (2026-09-01 … 2026-09-30)
START, END = D(2026, 9, 1), D(2026, 9, 30)
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x11" * 3000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    """The tests' "now" (timezone.now) and "today" (timezone.localdate), moved by `set`: a draw is stamped with
    now, and a result may not precede the day of its draw."""

    def __init__(self):
        self.set(TODAY)

    def set(self, day: dt.date, hour: int = 10) -> None:
        self.now = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)

    def today(self) -> dt.date:
        return self.now.astimezone(SHANGHAI).date()


CLOCK = Clock()


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    CLOCK.set(TODAY)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: CLOCK.today())
    monkeypatch.setattr(timezone, "now", lambda: CLOCK.now)
    return CLOCK


DRAWN_ON = D(2026, 9, 2)


def make_task(insp, *, joint=False, title="2026年食品经营者随机抽查", **kw) -> InspectionTask:
    """A task of department A (optionally joint with B) drawing the 4% of the 50 grade-D objects: two objects."""
    d = insp.d
    parts = [{"organisation": d.org_a, "category": d.market, "items": insp.a_items[:2]}]
    if joint:
        parts.append({"organisation": d.org_b, "category": d.urban, "items": insp.b_items[:1]})
    args = {"title": title, "lead_organisation": d.org_a, "start_on": START, "end_on": END, "departments": parts,
            "ratios": {"A": 0, "B": 0, "C": 0, "D": 4}}
    args.update(kw)
    return task_services.task_create(by=d.admin_a, **args)


def drawn_task(insp, **kw) -> InspectionTask:
    """A task drawn on DRAWN_ON (the clock then goes back to TODAY)."""
    task = make_task(insp, **kw)
    CLOCK.set(DRAWN_ON)
    task_draw(by=insp.d.admin_a, task=task, witnesses=["见证人甲", "见证人乙"])
    CLOCK.set(TODAY)
    task.refresh_from_db()
    return task


def first_drawn(task) -> DrawnObject:
    return task.drawn_objects.filter(is_current=True).order_by("position").first()


def team_of(drawn, organisation):
    return [m.officer for m in drawn.team.filter(organisation=organisation).select_related("officer")]


def link_user(officer, user):
    officer.user = user
    officer.save(update_fields=["user"])


def errors_of(response) -> str:
    return " ".join(re.findall(r'class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), flags=re.S))


def xlsx_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                        else response.content), read_only=True)
    return list(workbook.active.iter_rows(values_only=True))


def counts() -> tuple:
    return (InspectionTask.objects.count(), Draw.objects.count(), DrawnObject.objects.count(),
            InspectionResult.objects.count(), ResultPhoto.objects.count(), InspectionObject.objects.count(),
            InspectionPlan.objects.count(), ConflictDeclaration.objects.count(), Entry.objects.count())


# --- who may open what -----------------------------------------------------------------------------------------


def record_all(insp, task, *, on=None):
    """Every item's result on every current drawn object (through the service, as the phone screen does)."""
    for drawn in task.drawn_objects.filter(is_current=True):
        for part in task.departments.all():
            team = team_of(drawn, part.organisation)
            for item in part.items.all():
                result_record(by=insp.d.admin_a if part.is_lead else insp.d.admin_b, drawn_object=drawn,
                              power_item=item, outcome=ResultOutcome.NO_PROBLEM, inspected_on=on or D(2026, 9, 10),
                              inspectors=team)


def _pages(insp, task, drawn, plan, rules):
    """Every GET page (route name, args) with an object of department A behind it."""
    return [
        ("inspections:home", []), ("inspections:object_list", []), ("inspections:object_export", []),
        ("inspections:object_detail", [insp.objects[0].public_id]), ("inspections:conflict_list", []),
        ("inspections:inspector_pool", []), ("inspections:item_list", []), ("inspections:rules_list", []),
        ("inspections:rules_detail", [rules.public_id]), ("inspections:plan_list", []),
        ("inspections:plan_detail", [plan.public_id]), ("inspections:task_list", []),
        ("inspections:task_export", []), ("inspections:task_detail", [task.public_id]),
        ("inspections:drawn_export", [task.public_id]), ("inspections:draw_detail", [task.draws.first().public_id]),
        ("inspections:draw_snapshot", [task.draws.first().public_id]),
        ("inspections:drawn_object_detail", [drawn.public_id]),
    ]


@pytest.fixture
def world(insp):
    from fazhi.inspections.services import plans as plan_services

    task = drawn_task(insp)
    plan = plan_services.plan_create(by=insp.d.admin_a, organisation=insp.d.org_a, year=2026, title="2026年度抽查计划",
                                     items=insp.a_items[:2], frequency="每季度一次")
    rules = plan_services.rules_issue(by=insp.d.admin_a, organisation=insp.d.org_a, title="市场监管随机抽查工作细则",
                                      body="第一条 为规范随机抽查……", effective_on=D(2026, 1, 1))
    return task, first_drawn(task), plan, rules


@pytest.mark.parametrize("role", ["sysadmin", "legal", "admin_a", "officer_a", "reviewer_a", "head_a"])
def test_every_page_renders_for_internal_roles(insp, world, client_for, role):
    client = client_for(getattr(insp.d, role))
    for name, args in _pages(insp, *world):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, (name, response.status_code)


def test_pages_refuse_the_volunteer_and_send_strangers_to_log_in(insp, world, client, client_for):
    for name, args in _pages(insp, *world):
        assert client.get(reverse(name, args=args)).status_code == 302
    volunteer = client_for(insp.d.volunteer)
    for name, args in _pages(insp, *world):
        assert volunteer.get(reverse(name, args=args)).status_code == 403, name


@pytest.mark.parametrize("name, role, allowed", [
    ("inspections:object_create", "admin_a", True), ("inspections:object_create", "legal", True),
    ("inspections:object_create", "officer_a", False), ("inspections:object_create", "head_a", False),
    ("inspections:task_create", "admin_a", True), ("inspections:task_create", "head_a", True),
    ("inspections:task_create", "officer_a", False), ("inspections:task_create", "legal", False),
    ("inspections:plan_create", "admin_a", True), ("inspections:plan_create", "reviewer_a", False),
    ("inspections:rules_create", "head_a", True), ("inspections:rules_create", "officer_a", False),
    ("inspections:conflict_create", "officer_a", True), ("inspections:conflict_create", "legal", False),
    ("inspections:my_inspections", "officer_a", True), ("inspections:my_inspections", "reviewer_a", False),
])
def test_forms_follow_the_route_table(insp, client_for, name, role, allowed):
    response = client_for(getattr(insp.d, role)).get(reverse(name))
    assert response.status_code == (200 if allowed else 403)


def test_acts_follow_the_route_table(insp, world, client_for):
    task, drawn, plan, _rules = world
    officer = client_for(insp.d.officer_a)
    for name in ("task_redraw", "task_add_object", "task_publish_list", "task_end", "task_publish_results",
                 "task_edit", "task_draw"):
        assert officer.get(reverse(f"inspections:{name}", args=[task.public_id])).status_code == 403, name
    assert officer.get(reverse("inspections:task_notices", args=[task.public_id])).status_code == 200
    assert officer.get(reverse("inspections:plan_acknowledge", args=[plan.public_id])).status_code == 403
    assert client_for(insp.d.legal).get(reverse("inspections:plan_acknowledge", args=[plan.public_id])).status_code == 200


def test_another_departments_task_is_a_404(insp, world, client_for):
    task, drawn, plan, rules = world
    other = client_for(insp.d.admin_b)
    for name, args in [("inspections:task_detail", [task.public_id]), ("inspections:drawn_export", [task.public_id]),
                       ("inspections:draw_detail", [task.draws.first().public_id]),
                       ("inspections:drawn_object_detail", [drawn.public_id]),
                       ("inspections:plan_detail", [plan.public_id]), ("inspections:rules_detail", [rules.public_id]),
                       ("inspections:task_draw", [task.public_id])]:
        assert other.get(reverse(name, args=args)).status_code == 404, name
    # the task list does not show it either
    assert task.number not in other.get(reverse("inspections:task_list")).content.decode()


def test_a_joint_task_is_seen_by_every_department_taking_part(insp, client_for):
    task = drawn_task(insp, joint=True)
    response = client_for(insp.d.admin_b).get(reverse("inspections:task_detail", args=[task.public_id]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "赛罕区城市管理综合执法局" in body and "跨部门联合抽查" in body


def test_navigation_shows_the_inspection_group_to_internal_roles(insp, client_for):
    body = client_for(insp.d.officer_a).get(reverse("web:workbench")).content.decode()
    assert reverse("inspections:home") in body and "双随机一公开" in body and reverse("inspections:my_inspections") in body
    body = client_for(insp.d.volunteer).get(reverse("web:workbench")).content.decode()
    assert reverse("inspections:home") not in body


# --- the overview, items, inspector pool -------------------------------------------------------------------


def test_home_shows_the_departments_one_list_two_pools_one_set_of_rules(insp, world, client_for):
    task, _drawn, plan, rules = world
    record_all(insp, task)
    task_services.task_end(by=insp.d.admin_a, task=task, ended_on=TODAY)
    response = client_for(insp.d.admin_a).get(reverse("inspections:home"))
    body = response.content.decode()
    assert re.search(r'data-testid="stat-items"><div class="num">3<', body)  # the three listed items of A
    assert re.search(r'data-testid="stat-inspectors"><div class="num">5<', body)  # 4 + 孙强 (valid today)
    assert re.search(r'data-testid="stat-objects"><div class="num">200<', body)
    assert "第1版" in body and plan.title in body and "草稿" in body
    task.refresh_from_db()
    assert task.number in body and f"{task.publish_due:%Y-%m-%d}" in body  # awaiting publication, with its date


def test_item_list_shows_only_the_departments_listed_items(insp, client_for):
    body = client_for(insp.d.officer_a).get(reverse("inspections:item_list")).content.decode()
    assert all(item.code in body for item in insp.a_items)
    assert insp.a_unlisted.code not in body and insp.b_items[0].code not in body
    # the office chooses the department
    office = client_for(insp.d.legal).get(reverse("inspections:item_list"),
                                          {"organisation": str(insp.d.org_b.public_id)}).content.decode()
    assert insp.b_items[0].code in office and insp.a_items[0].code not in office


def test_inspector_pool_gives_the_reasons_of_the_ineligible(insp, client_for):
    response = client_for(insp.d.admin_a).get(reverse("inspections:inspector_pool"), {
        "organisation": str(insp.d.org_a.public_id), "category": "market", "start_on": "2026-12-01",
        "end_on": "2026-12-31"})
    body = response.content.decode()
    assert body.count('data-testid="eligible-row"') == 4
    assert "执法证件于2026年12月15日到期,早于检查结束日期" in body  # 孙强
    assert "辅助人员" in body and "执法证件不含“市场监管”类别" in body
    # before the certificate ends, 孙强 is eligible
    response = client_for(insp.d.admin_a).get(reverse("inspections:inspector_pool"), {
        "organisation": str(insp.d.org_a.public_id), "category": "market", "start_on": "2026-12-01",
        "end_on": "2026-12-10"})
    assert response.content.decode().count('data-testid="eligible-row"') == 5


def test_inspector_pool_refuses_an_end_before_the_start_in_chinese(insp, client_for):
    response = client_for(insp.d.admin_a).get(reverse("inspections:inspector_pool"), {
        "organisation": str(insp.d.org_a.public_id), "category": "market", "start_on": "2026-12-01",
        "end_on": "2026-11-01"})
    assert "检查结束日期不能早于检查开始日期" in response.content.decode()


# --- the object pool -----------------------------------------------------------------------------------------


def test_object_list_filters_sorts_and_exports(insp, client_for):
    client = client_for(insp.d.officer_a)
    url = reverse("inspections:object_list")
    response = client.get(url, {"risk_grade": "D", "jurisdiction": insp.town.code})
    assert "共 25 个对象" in response.content.decode()
    response = client.get(url, {"q": insp.objects[7].uscc})
    assert "共 1 个对象" in response.content.decode()
    response = client.get(url, {"sort": "-uscc"})
    usccs = re.findall(r'data-uscc="([0-9A-Z]{18})"', response.content.decode())
    assert usccs == sorted(usccs, reverse=True) and len(usccs) == 50  # a page of 50
    rows = xlsx_rows(client.get(reverse("inspections:object_export"), {"risk_grade": "D", "industry": "住宿业"}))
    assert rows[0][0] == "统一社会信用代码" and len(rows) - 1 == 50  # grade D and 住宿业 go together (i % 4 == 3)
    assert {r[11] for r in rows[1:]} == {"D"}


def test_object_list_links_the_import_for_those_who_keep_the_pool(insp, client_for):
    url = reverse("core:import_upload", args=["inspection_objects"])
    assert url in client_for(insp.d.admin_a).get(reverse("inspections:object_list")).content.decode()
    assert url not in client_for(insp.d.officer_a).get(reverse("inspections:object_list")).content.decode()


def test_object_create_refuses_a_bad_uscc_in_chinese_and_creates_nothing(insp, client_for):
    client = client_for(insp.d.admin_a)
    before = counts()
    bad = object_uscc(999)[:-1] + ("0" if object_uscc(999)[-1] != "0" else "1")
    response = client.post(reverse("inspections:object_create"), {
        "uscc": bad, "name": "", "kind": "market_entity", "registration_status": "active", "risk_grade": "B",
        "complaint_count": "0"})
    errors = errors_of(response)
    assert "统一社会信用代码校验位不正确" in errors and "请填写名称" in errors
    assert counts() == before


def test_object_create_and_edit_through_the_screens(insp, client_for):
    client = client_for(insp.d.admin_a)
    uscc = object_uscc(5000)
    response = client.post(reverse("inspections:object_create"), {
        "uscc": uscc.lower(), "name": "赛罕区新开张餐馆", "kind": "market_entity", "entity_type": "个体工商户",
        "industry": "餐饮业", "jurisdiction": insp.town.code, "registration_status": "active", "risk_grade": "C",
        "complaint_count": "2"})
    obj = InspectionObject.objects.get(uscc=uscc)
    assert response.status_code == 302 and obj.jurisdiction == insp.town and obj.risk_grade == "C"
    edit = reverse("inspections:object_edit", args=[obj.public_id])
    data = {"name": "赛罕区新开张餐馆", "kind": "market_entity", "entity_type": "个体工商户", "industry": "餐饮业",
            "jurisdiction": insp.town.code, "registration_status": "active", "risk_grade": "C",
            "complaint_count": "2"}
    before = counts()
    response = client.post(edit, data)  # nothing changed: the service refuses, nothing is recorded
    assert response.status_code == 200 and errors_of(response) and counts() == before
    response = client.post(edit, {**data, "risk_grade": "D", "abnormal": "on"})
    obj.refresh_from_db()
    assert response.status_code == 302 and obj.risk_grade == "D" and obj.abnormal


def test_object_detail_shows_drawings_and_conflicts(insp, world, client_for):
    task, drawn, _plan, _rules = world
    body = client_for(insp.d.officer_a).get(reverse("inspections:object_detail", args=[drawn.object.public_id])
                                            ).content.decode()
    assert task.number in body and reverse("inspections:drawn_object_detail", args=[drawn.public_id]) in body


def test_conflict_declare_and_withdraw_through_the_screens(insp, client_for):
    link_user(insp.a1, insp.d.officer_a)
    client = client_for(insp.d.officer_a)
    obj = insp.objects[3]
    response = client.get(reverse("inspections:conflict_create"), {"uscc": obj.uscc})
    assert obj.uscc in response.content.decode()
    response = client.post(reverse("inspections:conflict_create"), {
        "officer": str(insp.a1.public_id), "uscc": object_uscc(99999), "reason": "近亲属任法定代表人",
        "declared_on": "2026-09-01"})
    assert "检查对象名录库中没有该统一社会信用代码" in errors_of(response)
    response = client.post(reverse("inspections:conflict_create"), {
        "officer": str(insp.a1.public_id), "uscc": obj.uscc, "reason": "近亲属任法定代表人",
        "declared_on": "2026-09-01"})
    assert response.status_code == 302
    conflict = ConflictDeclaration.objects.get(officer=insp.a1, object=obj)
    assert obj.name in client.get(reverse("inspections:conflict_list")).content.decode()
    withdraw = reverse("inspections:conflict_withdraw", args=[conflict.public_id])
    assert "请填写撤回理由" in errors_of(client.post(withdraw, {"reason": ""}))
    assert client.post(withdraw, {"reason": "申报有误"}).status_code == 302
    assert not ConflictDeclaration.objects.exists()


# --- implementing rules and plans ----------------------------------------------------------------------------


def test_rules_new_version_with_a_file_and_its_download(insp, client_for):
    client = client_for(insp.d.admin_a)
    response = client.post(reverse("inspections:rules_create"), {
        "organisation": str(insp.d.org_a.public_id), "title": "随机抽查工作细则", "body": "第一条……",
        "effective_on": "2026-09-01", "file": SimpleUploadedFile("细则.pdf", b"%PDF-1.4 rules", "application/pdf")})
    rules = ImplementingRules.objects.get()
    assert response.status_code == 302 and rules.version == 1 and rules.file_sha256
    download = client.get(reverse("inspections:rules_file", args=[rules.public_id]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 rules"
    response = client.post(reverse("inspections:rules_create"), {
        "organisation": str(insp.d.org_a.public_id), "title": "", "body": "", "effective_on": ""})
    errors = errors_of(response)
    assert "请填写标题" in errors and "请填写施行日期" in errors and ImplementingRules.objects.count() == 1


def test_plan_written_submitted_returned_and_acknowledged_through_the_screens(insp, client_for):
    admin = client_for(insp.d.admin_a)
    response = admin.post(reverse("inspections:plan_create"), {
        "year": "2026", "title": "2026年度随机抽查计划", "items": [str(i.pk) for i in insp.a_items[:2]],
        "frequency": "每半年一次", "planned_tasks": "2", "ratio_a": "2", "ratio_b": "5", "ratio_c": "150",
        "ratio_d": "100"})
    assert "抽查比例不能超过100%(GB58-RATIO)" in errors_of(response)
    assert not InspectionPlan.objects.exists()
    response = admin.post(reverse("inspections:plan_create"), {
        "year": "2026", "title": "2026年度随机抽查计划", "items": [str(i.pk) for i in insp.a_items[:2]],
        "frequency": "每半年一次", "planned_tasks": "2", "ratio_a": "2", "ratio_b": "5", "ratio_c": "20",
        "ratio_d": "100"})
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302 and plan.items.count() == 2
    detail = admin.get(reverse("inspections:plan_detail", args=[plan.public_id])).content.decode()
    assert 'data-testid="step-submit"' in detail
    assert admin.post(reverse("inspections:plan_submit", args=[plan.public_id])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    office = client_for(insp.d.legal)
    assert "请填写退回原因" in errors_of(office.post(reverse("inspections:plan_return", args=[plan.public_id]),
                                                   {"reason": ""}))
    office.post(reverse("inspections:plan_return", args=[plan.public_id]), {"reason": "抽查事项不全"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED and plan.return_reason == "抽查事项不全"
    admin = client_for(insp.d.admin_a)  # one test client: logging in again switches the user
    response = admin.post(reverse("inspections:plan_edit", args=[plan.public_id]), {
        "year": "2026", "title": "2026年度随机抽查计划", "items": [str(i.pk) for i in insp.a_items],
        "frequency": "每半年一次", "planned_tasks": "2", "ratio_a": "2", "ratio_b": "5", "ratio_c": "20",
        "ratio_d": "100"})
    assert response.status_code == 302 and plan.items.count() == 3
    admin.post(reverse("inspections:plan_submit", args=[plan.public_id]))
    office = client_for(insp.d.legal)
    office.post(reverse("inspections:plan_acknowledge", args=[plan.public_id]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACKNOWLEDGED


# --- tasks ---------------------------------------------------------------------------------------------------


def _task_post(insp, **extra) -> dict:
    data = {"title": "2026年第三季度食品经营随机抽查", "start_on": "2026-09-01", "end_on": "2026-09-30",
            "lead_category": "market", "lead_items": [str(i.pk) for i in insp.a_items[:2]],
            "risk_grades": ["C", "D"], "industries": ["餐饮业"], "ratio_a": "0", "ratio_b": "0", "ratio_c": "10",
            "ratio_d": "20", "team_size": "2", "exclusion_months": "12"}
    data.update(extra)
    return data


def test_task_form_refuses_in_chinese_and_creates_nothing(insp, client_for):
    client = client_for(insp.d.admin_a)
    before = counts()
    response = client.post(reverse("inspections:task_create"), _task_post(
        insp, title="", ratio_d="120", team_size="1", end_on="2026-08-01", lead_items=[]))
    errors = errors_of(response)
    assert response.status_code == 200
    for text in ("请填写任务名称", "抽查比例不能超过100%(GB58-RATIO)", "每个部门至少两名检查人员(GB58-TEAM)",
                 "检查结束日期不能早于检查开始日期", "请至少选择一个抽查事项"):
        assert text in errors, text
    assert counts() == before


def test_a_joint_department_must_bring_its_own_items(insp, client_for):
    client = client_for(insp.d.admin_a)
    response = client.post(reverse("inspections:task_create"), _task_post(
        insp, part1_organisation=str(insp.d.org_b.public_id), part1_category="urban",
        part1_items=[str(insp.a_items[0].public_id)]))
    assert "不是赛罕区城市管理综合执法局的抽查事项" in errors_of(response)
    assert not InspectionTask.objects.exists()


def test_a_service_refusal_shows_next_to_its_field_with_the_rule_id(insp, client_for):
    """The category's body: department B has no body holding 市场监管 — the service says so on B's items."""
    client = client_for(insp.d.admin_a)
    response = client.post(reverse("inspections:task_create"), _task_post(
        insp, part1_organisation=str(insp.d.org_b.public_id), part1_category="market",
        part1_items=[str(insp.b_items[0].public_id)]))
    body = response.content.decode()
    assert re.search(r'data-testid="error-part1_items"><li>[^<]*没有持有“市场监管”执法类别', body)
    assert not InspectionTask.objects.exists()


def test_task_create_single_and_joint_through_the_screen(insp, client_for):
    client = client_for(insp.d.admin_a)
    response = client.post(reverse("inspections:task_create"), _task_post(insp))
    task = InspectionTask.objects.get()
    assert response.status_code == 302 and task.kind == TaskKind.SINGLE
    assert task.risk_grades == ["C", "D"] and task.industries == ["餐饮业"] and task.ratio_d == 20
    response = client.post(reverse("inspections:task_create"), _task_post(
        insp, title="联合抽查", part1_organisation=str(insp.d.org_b.public_id), part1_category="urban",
        part1_items=[str(insp.b_items[0].public_id)]))
    joint = InspectionTask.objects.get(title="联合抽查")
    assert joint.kind == TaskKind.JOINT and joint.departments.count() == 2
    # edit before the draw
    response = client.post(reverse("inspections:task_edit", args=[joint.public_id]), _task_post(
        insp, title="联合抽查(修改)", part1_organisation=str(insp.d.org_b.public_id), part1_category="urban",
        part1_items=[str(i.public_id) for i in insp.b_items]))
    joint.refresh_from_db()
    assert response.status_code == 302 and joint.title == "联合抽查(修改)"
    assert joint.departments.get(is_lead=False).items.count() == 2


def test_task_list_filters_sorts_and_exports(insp, client_for):
    single = make_task(insp)
    joint = make_task(insp, joint=True, title="联合抽查")
    client = client_for(insp.d.admin_a)
    body = client.get(reverse("inspections:task_list"), {"kind": "joint"}).content.decode()
    assert joint.number in body and single.number not in body
    body = client.get(reverse("inspections:task_list"), {"organisation": str(insp.d.org_b.public_id)}).content.decode()
    assert joint.number in body and single.number not in body
    body = client.get(reverse("inspections:task_list"), {"sort": "number"}).content.decode()
    numbers = re.findall(r'data-testid="task-link">([^<]+)<', body)
    assert numbers == sorted(numbers)
    rows = xlsx_rows(client.get(reverse("inspections:task_export"), {"year": "2026"}))
    assert rows[0][0] == "任务编号" and {r[0] for r in rows[1:]} == {single.number, joint.number}


def test_overdue_publication_filter(insp, client_for):
    task = drawn_task(insp)
    record_all(insp, task, on=D(2026, 9, 3))
    task_services.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 3))
    task.refresh_from_db()
    client = client_for(insp.d.admin_a)
    assert task.number not in client.get(reverse("inspections:task_list"), {"overdue": "on"}).content.decode()
    InspectionTask.objects.filter(pk=task.pk).update(publish_due=D(2026, 9, 14))  # a date already past
    body = client.get(reverse("inspections:task_list"), {"overdue": "on"}).content.decode()
    assert task.number in body and 'data-overdue="1"' in body


# --- the draw through the screen ---------------------------------------------------------------------------


def test_draw_needs_witnesses_then_draws_and_shows_the_seed(insp, client_for):
    task = make_task(insp)
    client = client_for(insp.d.admin_a)
    url = reverse("inspections:task_draw", args=[task.public_id])
    before = counts()
    response = client.post(url, {"witnesses": "  \n "})
    assert "请填写至少一名见证人" in errors_of(response) and counts() == before
    response = client.post(url, {"witnesses": "见证人甲\n见证人乙\n"})
    assert response.status_code == 302
    draw = Draw.objects.get()
    assert draw.witnesses == ["见证人甲", "见证人乙"] and draw.kind == DrawKind.INITIAL
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAWN
    body = client.get(reverse("inspections:task_detail", args=[task.public_id])).content.decode()
    assert draw.seed in body and draw.pool_digest in body and "见证人甲、见证人乙" in body
    assert body.count('data-testid="drawn-row"') == 2
    # acts of a phase that is over are gone; blocked ones say why
    assert 'data-testid="act-task_draw' not in body and 'data-testid="act-task_redraw"' in body
    assert 'data-testid="act-task_end-blocked"' in body and "检查结束后才能公示结果" in body
    # the draw page and its snapshot
    page = client.get(reverse("inspections:draw_detail", args=[draw.public_id])).content.decode()
    assert draw.seed in page and draw.result_digest in page and 'data-testid="stratum"' in page
    snapshot = client.get(reverse("inspections:draw_snapshot", args=[draw.public_id]))
    assert snapshot["X-Pool-Digest"] == draw.pool_digest
    import gzip
    text = gzip.decompress(b"".join(snapshot.streaming_content)).decode()
    assert text.startswith("fazhi-draw/1")


def test_a_refused_draw_shows_the_rule_and_draws_nothing(insp, client_for):
    task = make_task(insp, team_size=6)  # department A has five eligible inspectors over the period
    client = client_for(insp.d.admin_a)
    before = counts()
    response = client.post(reverse("inspections:task_draw", args=[task.public_id]), {"witnesses": "见证人甲"})
    assert response.status_code == 400
    assert "GB58-TEAM" in errors_of(response)
    assert counts() == before


def test_redraw_needs_a_reason_and_keeps_the_first_draw(insp, client_for):
    task = drawn_task(insp)
    client = client_for(insp.d.admin_a)
    url = reverse("inspections:task_redraw", args=[task.public_id])
    assert "重新抽取必须说明理由" in errors_of(client.post(url, {"reason": "", "witnesses": "见证人甲"}))
    assert client.post(url, {"reason": "抽取时网络中断,结果未当场确认", "witnesses": "见证人丙"}).status_code == 302
    assert Draw.objects.count() == 2
    assert DrawnObject.objects.filter(task=task, is_current=False, status=DrawnStatus.SUPERSEDED).count() == 2
    body = client.get(reverse("inspections:task_detail", args=[task.public_id])).content.decode()
    assert "抽取时网络中断" in body and 'data-testid="superseded"' in body


def test_add_object_by_uscc_with_a_reason(insp, client_for):
    task = drawn_task(insp)
    client = client_for(insp.d.admin_a)
    url = reverse("inspections:task_add_object", args=[task.public_id])
    obj = insp.objects[1]  # a grade-B object, not drawn at 0%
    response = client.post(url, {"uscc": object_uscc(77777), "reason": "群众举报"})
    assert "检查对象名录库中没有该统一社会信用代码" in errors_of(response)
    assert client.post(url, {"uscc": obj.uscc, "reason": "群众举报较多", "witnesses": ""}).status_code == 302
    assert DrawnObject.objects.filter(task=task, object=obj, is_current=True).exists()
    assert Draw.objects.filter(task=task, kind=DrawKind.ADDITION, reason="群众举报较多").exists()
    drawn = DrawnObject.objects.get(task=task, object=obj)
    response = client.post(url, {"uscc": obj.uscc, "reason": "再次增补"})  # already drawn: the service refuses
    assert "已在本任务的抽查名单中" in errors_of(response) and drawn.pk


def test_publish_list_notices_and_the_notice_docx(insp, client_for):
    task = drawn_task(insp)
    client = client_for(insp.d.admin_a)
    assert client.post(reverse("inspections:task_publish_list", args=[task.public_id]),
                       {"on": "2026-09-20"}).status_code == 400  # a future date: refused by the form
    assert client.post(reverse("inspections:task_publish_list", args=[task.public_id]),
                       {"on": "2026-09-02"}).status_code == 302
    task.refresh_from_db()
    assert task.drawn_list_published_on == D(2026, 9, 2)
    drawn = first_drawn(task)
    docx = client.get(reverse("inspections:task_notices", args=[task.public_id]), {"drawn": str(drawn.public_id)})
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "attachment" in docx["Content-Disposition"]
    assert client.post(reverse("inspections:task_notices", args=[task.public_id]),
                       {"on": "2026-09-03", "drawn_objects": [str(drawn.public_id)]}).status_code == 302
    assert DrawnObject.objects.filter(task=task, notice_sent_on=D(2026, 9, 3)).count() == 1
    client.post(reverse("inspections:task_notices", args=[task.public_id]), {"on": "2026-09-04"})
    assert DrawnObject.objects.filter(task=task, is_current=True, notice_sent_on__isnull=True).count() == 0


def test_drawn_export_is_xlsx_with_the_teams(insp, client_for):
    task = drawn_task(insp)
    rows = xlsx_rows(client_for(insp.d.officer_a).get(reverse("inspections:drawn_export", args=[task.public_id])))
    assert rows[0][0] == "抽取顺序" and len(rows) == 3
    assert all(row[7] and "赛罕区市场监督管理局" in row[7] for row in rows[1:])


# --- results on the phone, end and publication ----------------------------------------------------------------


def _officer_on_team(insp, task):
    drawn = first_drawn(task)
    team = team_of(drawn, insp.d.org_a)
    link_user(team[0], insp.d.officer_a)
    return drawn, team


def test_my_inspections_lists_the_officers_drawn_objects(insp, client_for):
    task = drawn_task(insp)
    drawn, _team = _officer_on_team(insp, task)
    body = client_for(insp.d.officer_a).get(reverse("inspections:my_inspections")).content.decode()
    assert drawn.object.name in body and task.number in body
    assert reverse("inspections:drawn_object_detail", args=[drawn.public_id]) in body


def test_result_with_a_photo_through_the_screen(insp, client_for):
    task = drawn_task(insp)
    drawn, team = _officer_on_team(insp, task)
    client = client_for(insp.d.officer_a)
    item = insp.a_items[0]
    url = reverse("inspections:result_create", args=[drawn.public_id]) + f"?item={item.public_id}"
    form = client.get(url).content.decode()
    assert 'capture="environment"' in form and 'accept="image/*"' in form and "multiple" in form
    assert f'value="{team[0].public_id}"' in form and "checked" in form  # the user's own officer, ticked
    before = counts()
    response = client.post(url, {"outcome": "no_problem", "inspected_on": "2026-09-10",
                                 "inspectors": [str(team[0].public_id)]})
    assert "至少两名检查人员共同检查(GB58-TEAM)" in errors_of(response) and counts() == before
    response = client.post(url, {
        "outcome": "corrected", "findings": "从业人员健康证过期,已责令改正", "inspected_on": "2026-09-10",
        "inspectors": [str(o.public_id) for o in team],
        "photos": [SimpleUploadedFile("现场1.jpg", JPG, "image/jpeg"),
                   SimpleUploadedFile("现场2.jpg", JPG + b"2", "image/jpeg")]})
    assert response.status_code == 302, errors_of(response)
    result = InspectionResult.objects.get()
    assert result.outcome == ResultOutcome.CORRECTED and result.photos.count() == 2
    assert set(result.inspectors.all()) == set(team)
    detail = client.get(reverse("inspections:drawn_object_detail", args=[drawn.public_id])).content.decode()
    photo = result.photos.first()
    assert reverse("inspections:result_photo", args=[photo.pk]) in detail and "发现问题,已责令改正" in detail
    served = client.get(reverse("inspections:result_photo", args=[photo.pk]))
    assert b"".join(served.streaming_content) == JPG and served["X-Content-SHA256"] == photo.sha256
    # the item is done: its form sends the user back
    assert client.get(url).status_code == 302
    # another department sees neither the object nor its photos
    other = client_for(insp.d.admin_b)
    assert other.get(reverse("inspections:result_photo", args=[photo.pk])).status_code == 404
    assert other.get(reverse("inspections:drawn_object_detail", args=[drawn.public_id])).status_code == 404


def test_a_referred_finding_opens_a_case_and_links_it(insp, client_for):
    task = drawn_task(insp)
    drawn, team = _officer_on_team(insp, task)
    client = client_for(insp.d.officer_a)
    item = insp.a_items[1]
    url = reverse("inspections:result_create", args=[drawn.public_id])
    response = client.post(url, {"item": str(item.public_id), "outcome": "referred", "findings": "",
                                 "inspected_on": "2026-09-10", "inspectors": [str(o.public_id) for o in team]})
    assert response.status_code == 400 and not InspectionResult.objects.exists()  # findings required (service)
    response = client.post(url, {"item": str(item.public_id), "outcome": "referred",
                                 "findings": "未按规定公示年度报告,涉嫌隐瞒真实情况", "case_title": "涉嫌公示信息隐瞒真实情况案",
                                 "inspected_on": "2026-09-10", "inspectors": [str(o.public_id) for o in team]})
    assert response.status_code == 302
    result = InspectionResult.objects.get()
    assert result.case is not None and result.case.title == "涉嫌公示信息隐瞒真实情况案"
    detail = client.get(reverse("inspections:drawn_object_detail", args=[drawn.public_id])).content.decode()
    assert reverse("enforcement:case_detail", args=[result.case.public_id]) in detail


def test_result_screen_fits_a_phone_and_keeps_a_draft(insp, client_for):
    task = drawn_task(insp)
    drawn, _team = _officer_on_team(insp, task)
    url = reverse("inspections:result_create", args=[drawn.public_id]) + f"?item={insp.a_items[0].public_id}"
    body = client_for(insp.d.officer_a).get(url).content.decode()
    assert 'data-draft="insp-result-' in body and "enforcement/draft.js" in body and "inspections/result.js" in body
    assert 'data-testid="offline-banner"' in body


def test_end_and_publish_results_through_the_screens(insp, client_for):
    task = drawn_task(insp)
    client = client_for(insp.d.admin_a)
    body = client.get(reverse("inspections:task_detail", args=[task.public_id])).content.decode()
    assert 'data-testid="act-task_end-blocked"' in body and "尚有4项检查结果未录入" in body
    assert "检查结束后才能公示结果" in body
    before = counts()
    response = client.post(reverse("inspections:task_end", args=[task.public_id]), {"on": "2026-09-14"})
    assert response.status_code == 400 and "尚有4项检查结果未录入" in errors_of(response) and counts() == before
    record_all(insp, task)
    assert client.post(reverse("inspections:task_end", args=[task.public_id]), {"on": "2026-09-14"}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.ENDED and task.publish_due is not None
    body = client.get(reverse("inspections:task_detail", args=[task.public_id])).content.decode()
    assert f"{task.publish_due:%Y-%m-%d}" in body and 'data-testid="due-trace"' in body
    assert 'data-testid="act-task_publish_results"' in body
    response = client.post(reverse("inspections:task_publish_results", args=[task.public_id]), {"on": "2026-09-13"})
    assert response.status_code == 400 and "公示日期不能早于检查结束日期" in errors_of(response)
    response = client.post(reverse("inspections:task_publish_results", args=[task.public_id]), {"on": "2026-09-15"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.PUBLISHED and task.published_on == D(2026, 9, 15) and not task.publication_late
    body = client.get(reverse("inspections:task_detail", args=[task.public_id])).content.decode()
    assert 'data-testid="acts-done"' in body and 'data-testid="act-' not in body


def test_list_filters_answer_htmx_with_the_results_only(insp, client_for):
    client = client_for(insp.d.officer_a)
    for name in ("inspections:object_list", "inspections:task_list", "inspections:plan_list",
                 "inspections:conflict_list"):
        body = client.get(reverse(name), HTTP_HX_REQUEST="true").content.decode()
        assert body.lstrip().startswith('<section id="results"') and "<html" not in body, name


def test_a_notice_of_another_tasks_object_is_a_404(insp, client_for):
    task = drawn_task(insp)
    other = drawn_task(insp, title="另一任务")
    drawn = first_drawn(other)
    response = client_for(insp.d.admin_a).get(reverse("inspections:task_notices", args=[task.public_id]),
                                              {"drawn": str(drawn.public_id)})
    assert response.status_code == 404


def test_the_drawn_list_is_offered_again_after_an_addition(insp, client_for):
    task = drawn_task(insp)
    client = client_for(insp.d.admin_a)
    detail = reverse("inspections:task_detail", args=[task.public_id])
    assert 'data-testid="act-task_publish_list"' in client.get(detail).content.decode()
    assert client.post(reverse("inspections:task_publish_list", args=[task.public_id]),
                       {"on": "2026-09-02"}).status_code == 302
    assert 'data-testid="act-task_publish_list' not in client.get(detail).content.decode()  # published: not offered
    assert client.post(reverse("inspections:task_add_object", args=[task.public_id]),
                       {"uscc": insp.objects[1].uscc, "reason": "群众举报较多"}).status_code == 302
    assert 'data-testid="act-task_publish_list"' in client.get(detail).content.decode()  # the list is out of date

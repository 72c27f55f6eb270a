"""The monthly report (selectors/reports.py, views_reports.py): the figures of a small world built with the
services on a clock moved by the test; coverage against 70% (market regulation) and 50% (other departments), exact
at the edges; the scope (a department sees itself, the office every department and the district total); the xlsx.

The world, June 2026 (the Dragon Boat Festival holiday is 2026-06-19):
* T1 — joint, lead A (items A0, A1) with B (item B0), 2026-06-01 … 06-30, three objects; in June A finds a problem
  at position 1 (corrected) and refers position 2 for a case; B finds position 3 not cooperating. Ended 06-30,
  results published 07-10 (on time).
* T2 — A alone (item A0), 2026-05-04 … 05-29, two objects, ended 05-29, results never published: overdue at the
  end of June (20 WD from 05-29).
* T3 — B alone (item B0), 2026-05-04 … 05-29, two objects, ended 05-29, results published 06-30 — late.
* a draft task of A for June (item A2): never drawn, counts nowhere.
Coverage to the end of June: A (market) 2 of its 4 INSPECTION-category items (3 listed + 1 not listed) = 50% <
70%; B (urban) 1 of 2 = 50% ≥ 50%."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.inspections.enums import ResultOutcome, RiskGrade, TaskKind, TaskStatus
from fazhi.inspections.models import DrawnObject, InspectionTask, TaskDepartment, TeamMember
from fazhi.inspections.rules import COVERAGE_TARGET_MARKET, COVERAGE_TARGET_OTHER
from fazhi.inspections.selectors.reports import coverage_figure, monthly_report
from fazhi.inspections.tests.builders import make_objects
from fazhi.orgs.tests.factories import BodyFactory, OrganisationFactory
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem

D = dt.date
ONLY_B = {"A": Decimal("0"), "B": Decimal("100"), "C": Decimal("0"), "D": Decimal("0")}


class Clock:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def at(self, day: dt.date, hour: int = 10):
        # timezone.now() is in UTC (the ledger hashes its isoformat)
        moment = timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0)).astimezone(dt.UTC)
        self.monkeypatch.setattr(timezone, "now", lambda: moment)
        self.monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def _svc():
    from fazhi.inspections.services import draws, results, tasks

    return tasks, draws, results


_object_numbers = iter(range(5000, 9000, 10))


def _task(insp, clock, *, lead, parts, start, end, industry, n, drawn_on, draw=True):
    """A task over `n` objects of its own industry (ratio 100% for grade B: every one drawn)."""
    tasks, draws, _results = _svc()
    d = insp.d
    planner = d.admin_a if lead == d.org_a else d.admin_b
    make_objects(n, start=next(_object_numbers), industry=industry, grade=RiskGrade.B, jurisdiction=insp.town)
    clock.at(drawn_on)
    task = tasks.task_create(by=planner, title=f"{industry}双随机抽查", lead_organisation=lead, start_on=start,
                             end_on=end, departments=parts, industries=[industry], ratios=ONLY_B)
    if draw:
        draws.task_draw(by=planner, task=task, witnesses=["见证人"])
        task.refresh_from_db()
    return task


def _record_all(insp, clock, task, *, on, outcomes=None):
    """A result for every current drawn object and every item of every department, dated `on`;
    `outcomes` {(position, organisation): outcome} (default: no problem)."""
    _tasks, _draws, results = _svc()
    d = insp.d
    outcomes = outcomes or {}
    clock.at(on)
    for drawn in DrawnObject.objects.filter(task=task, is_current=True).order_by("position"):
        for part in TaskDepartment.objects.filter(task=task).select_related("organisation"):
            team = [m.officer for m in TeamMember.objects.filter(drawn_object=drawn, organisation=part.organisation)
                    .select_related("officer")]
            by = d.officer_a if part.organisation == d.org_a else d.admin_b
            for n, item in enumerate(part.items.order_by("code")):
                outcome = outcomes.get((drawn.position, part.organisation.pk), ResultOutcome.NO_PROBLEM) \
                    if n == 0 else ResultOutcome.NO_PROBLEM
                problem = outcome != ResultOutcome.NO_PROBLEM
                results.result_record(by=by, drawn_object=drawn, power_item=item, outcome=outcome, inspected_on=on,
                                      inspectors=team, findings="检查发现的问题" if problem else "")


def _planner(insp, task):
    return insp.d.admin_a if task.lead_organisation == insp.d.org_a else insp.d.admin_b


def _end(insp, clock, task, *, on):
    tasks, _draws, _results = _svc()
    clock.at(on)
    tasks.task_end(by=_planner(insp, task), task=task, ended_on=on)
    task.refresh_from_db()


def _publish(insp, clock, task, *, on):
    tasks, _draws, _results = _svc()
    clock.at(on)
    tasks.results_publish(by=_planner(insp, task), task=task, published_on=on)
    task.refresh_from_db()


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def june(insp, clock):
    d = insp.d
    a_part = {"organisation": d.org_a, "category": d.market, "items": insp.a_items[:2]}
    b_part = {"organisation": d.org_b, "category": d.urban, "items": insp.b_items[:1]}
    # in the order things happen
    t2 = _task(insp, clock, lead=d.org_a, parts=[{**a_part, "items": insp.a_items[:1]}], start=D(2026, 5, 4),
               end=D(2026, 5, 29), industry="批发业", n=2, drawn_on=D(2026, 4, 30))
    t3 = _task(insp, clock, lead=d.org_b, parts=[b_part], start=D(2026, 5, 4), end=D(2026, 5, 29),
               industry="建筑业", n=2, drawn_on=D(2026, 4, 30))
    _record_all(insp, clock, t2, on=D(2026, 5, 20))
    _record_all(insp, clock, t3, on=D(2026, 5, 21))
    t1 = _task(insp, clock, lead=d.org_a, parts=[a_part, b_part], start=D(2026, 6, 1), end=D(2026, 6, 30),
               industry="文化娱乐业", n=3, drawn_on=D(2026, 5, 29))
    _end(insp, clock, t2, on=D(2026, 5, 29))
    _end(insp, clock, t3, on=D(2026, 5, 29))
    draft = _task(insp, clock, lead=d.org_a, parts=[{**a_part, "items": insp.a_items[2:3]}], start=D(2026, 6, 8),
                  end=D(2026, 6, 20), industry="教育", n=1, drawn_on=D(2026, 6, 1), draw=False)
    _record_all(insp, clock, t1, on=D(2026, 6, 15), outcomes={
        (1, d.org_a.pk): ResultOutcome.CORRECTED, (2, d.org_a.pk): ResultOutcome.REFERRED,
        (3, d.org_b.pk): ResultOutcome.NOT_COOPERATING})
    _publish(insp, clock, t3, on=D(2026, 6, 30))
    _end(insp, clock, t1, on=D(2026, 6, 30))
    _publish(insp, clock, t1, on=D(2026, 7, 10))
    clock.at(D(2026, 7, 15))
    assert t3.publication_late and t2.publish_due < D(2026, 6, 30) and not t1.publication_late
    assert draft.status == TaskStatus.DRAFT and t1.kind == TaskKind.JOINT
    return {"t1": t1, "t2": t2, "t3": t3}


def _row(report, organisation):
    return next(r for r in report.rows if r.organisation_id == organisation.pk)


def _figures(row) -> tuple:
    return (row.tasks_started, row.tasks_ended, row.objects_inspected, row.problems_found, row.cases_opened,
            row.published_on_time, row.published_late, row.overdue_unpublished)


# --- figures ------------------------------------------------------------------------------------------------------


def test_june_figures_per_department_and_for_the_district(insp, june):
    d = insp.d
    report = monthly_report(user=d.legal, year=2026, month=6)
    a, b = _row(report, d.org_a), _row(report, d.org_b)
    #                   started ended inspected problems cases on-time late overdue
    assert _figures(a) == (1, 1, 3, 2, 1, 0, 0, 1)
    assert _figures(b) == (1, 1, 3, 1, 0, 0, 1, 0)
    # the joint task and its objects count once in the district
    assert _figures(report.total) == (1, 1, 3, 3, 1, 0, 1, 1)
    assert report.as_of == D(2026, 6, 30)


def test_may_and_july_figures(insp, june):
    d = insp.d
    may = monthly_report(user=d.legal, year=2026, month=5)
    assert _figures(_row(may, d.org_a)) == (1, 1, 2, 0, 0, 0, 0, 0)
    assert _figures(_row(may, d.org_b)) == (1, 1, 2, 0, 0, 0, 0, 0)
    july = monthly_report(user=d.legal, year=2026, month=7)
    assert _figures(_row(july, d.org_a)) == (0, 0, 0, 0, 0, 1, 0, 1)  # T1 on time; T2 still overdue
    assert _figures(_row(july, d.org_b)) == (0, 0, 0, 0, 0, 0, 0, 0)
    # the current month is judged today, not on its last day
    assert july.as_of == D(2026, 7, 15)


def test_coverage_for_the_year_to_date(insp, june):
    d = insp.d
    report = monthly_report(user=d.legal, year=2026, month=6)
    a, b = _row(report, d.org_a).coverage, _row(report, d.org_b).coverage
    assert (a.covered, a.total, a.percent, a.target, a.met) == (2, 4, Decimal("50.0"), COVERAGE_TARGET_MARKET, False)
    assert (b.covered, b.total, b.percent, b.target, b.met) == (1, 2, Decimal("50.0"), COVERAGE_TARGET_OTHER, True)
    assert (report.total.coverage.covered, report.total.coverage.total) == (3, 6)
    assert report.total.coverage.met is None
    assert report.departments_met == 1 and report.departments_with_items == 2
    # April: no task of the year has started by its end (T2 and T3 were drawn on 04-30 but start in May)
    april = monthly_report(user=d.legal, year=2026, month=4)
    assert _row(april, d.org_a).coverage.covered == 0
    # another year's report does not count 2026's tasks
    assert _row(monthly_report(user=d.legal, year=2027, month=1), d.org_a).coverage.covered == 0


# --- coverage edges -----------------------------------------------------------------------------------------------


def _department(insp, name, *, market: bool, items: int, used: int, listed: int | None = None):
    """A department with `items` published INSPECTION-category items (the first `listed` of them listed), `used`
    of them in a drawn task of 2026 (fixture rows: the coverage only counts items)."""
    d = insp.d
    org = OrganisationFactory(name=name, jurisdiction=d.jurisdiction)
    body = BodyFactory(name=name, organisation=org)
    body.categories.set([d.market if market else d.urban])
    listed = items if listed is None else listed
    rows = PowerItem.objects.bulk_create([
        PowerItem(code=f"{org.pk}-JC-{n:04d}", name=f"{name}检查事项{n}", category=PowerCategory.INSPECTION,
                  status=PowerItemStatus.PUBLISHED, is_inspection_item=n < listed, version=1)
        for n in range(items)])
    PowerItem.departments.through.objects.bulk_create(
        [PowerItem.departments.through(poweritem_id=i.pk, organisation_id=org.pk) for i in rows])
    task = InspectionTask.objects.create(number=f"{name}〔2026〕1号", title="覆盖率", lead_organisation=org, year=2026,
                                         start_on=D(2026, 3, 1), end_on=D(2026, 3, 31), status=TaskStatus.DRAWN)
    part = TaskDepartment.objects.create(task=task, organisation=org, body=body,
                                         category=d.market if market else d.urban, is_lead=True)
    part.items.set(rows[:used])
    return org


@pytest.mark.parametrize(("market", "items", "used", "percent", "met"), [
    (True, 10, 7, Decimal("70.0"), True),  # exactly 70%: met
    (True, 1000, 699, Decimal("69.9"), False),  # 69.9%: not met
    (True, 10000, 6999, Decimal("69.9"), False),  # 69.99% is shown 69.9% (rounded down) and is not met
    (False, 10, 5, Decimal("50.0"), True),  # a department without the market category: 50% is met
    (False, 1000, 499, Decimal("49.9"), False),
    (False, 10, 7, Decimal("70.0"), True),
])
def test_coverage_edges(insp, market, items, used, percent, met):
    org = _department(insp, "赛罕区测试局", market=market, items=items, used=used)
    row = _row(monthly_report(user=insp.d.legal, year=2026, month=3, organisation=org), org)
    assert row.is_market is market
    assert (row.coverage.percent, row.coverage.met) == (percent, met)
    assert row.coverage.target == (COVERAGE_TARGET_MARKET if market else COVERAGE_TARGET_OTHER)


def test_unlisted_items_and_draft_tasks_never_cover(insp):
    org = _department(insp, "赛罕区测试局", market=False, items=4, used=4, listed=2)
    row = _row(monthly_report(user=insp.d.legal, year=2026, month=3, organisation=org), org)
    assert (row.coverage.covered, row.coverage.total, row.coverage.met) == (2, 4, True)
    InspectionTask.objects.filter(lead_organisation=org).update(status=TaskStatus.DRAFT)
    row = _row(monthly_report(user=insp.d.legal, year=2026, month=3, organisation=org), org)
    assert (row.coverage.covered, row.coverage.met) == (0, False)


def test_coverage_figure_is_exact():
    assert coverage_figure(7, 10, target=Decimal("70")).met is True
    assert coverage_figure(6999, 10000, target=Decimal("70")).met is False
    assert coverage_figure(6999, 10000, target=Decimal("70")).percent == Decimal("69.9")
    assert coverage_figure(1, 2, target=Decimal("50")).met is True
    empty = coverage_figure(0, 0, target=Decimal("70"))
    assert (empty.percent, empty.met) == (None, None)


# --- scope --------------------------------------------------------------------------------------------------------


def test_a_department_sees_itself_only_and_no_district_total(insp, june):
    d = insp.d
    report = monthly_report(user=d.officer_a, year=2026, month=6)
    assert [r.organisation_id for r in report.rows] == [d.org_a.pk]
    assert report.total is None
    assert _figures(report.rows[0]) == (1, 1, 3, 2, 1, 0, 0, 1)
    # asking for another department gives nothing
    assert monthly_report(user=d.admin_a, year=2026, month=6, organisation=d.org_b).rows == []


def test_the_office_sees_every_department_and_the_total(insp, june):
    d = insp.d
    report = monthly_report(user=d.legal, year=2026, month=6)
    ids = [r.organisation_id for r in report.rows]
    assert d.org_a.pk in ids and d.org_b.pk in ids and report.total is not None
    one = monthly_report(user=d.legal, year=2026, month=6, organisation=d.org_b)
    assert [r.organisation_id for r in one.rows] == [d.org_b.pk]
    assert _figures(one.total) == _figures(report.total)  # the district total stays the district's


# --- screens ------------------------------------------------------------------------------------------------------


def test_the_report_page(insp, june, client_for):
    d = insp.d
    page = client_for(d.legal).get(reverse("inspections:report"), {"month": "2026-06"})
    assert page.status_code == 200
    text = page.content.decode()
    assert d.org_a.name in text and d.org_b.name in text and 'data-testid="report-total"' in text
    assert 'data-testid="coverage-not-met"' in text and 'data-testid="coverage-met"' in text
    mine = client_for(d.officer_a).get(reverse("inspections:report"), {"month": "2026-06"}).content.decode()
    assert d.org_b.name not in mine and 'data-testid="report-total"' not in mine
    bad = client_for(d.legal).get(reverse("inspections:report"), {"month": "2026-13"})
    assert bad.status_code == 200 and "请选择正确的月份" in bad.content.decode()


def test_the_volunteer_supervisor_may_not_open_the_report(insp, client_for):
    assert client_for(insp.d.volunteer).get(reverse("inspections:report")).status_code in (302, 403)


def test_the_xlsx_export_has_the_figures(insp, june, client_for):
    d = insp.d
    response = client_for(d.legal).get(reverse("inspections:report_export"), {"month": "2026-06"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[0] == "部门" and "覆盖率(%)" in header and "是否达标" in header
    by_name = {r[0]: r for r in rows[1:]}
    a = by_name[d.org_a.name]
    assert a[1:9] == [1, 1, 3, 2, 1, 0, 0, 1]
    assert (a[9], a[10], a[11], a[12], a[13]) == (2, 4, 50, 70, "未达标")
    assert by_name[d.org_b.name][13] == "达标"
    assert by_name["全区合计"][1:9] == [1, 1, 3, 3, 1, 0, 1, 1]
    # a department's export has its own row only
    mine = client_for(d.officer_a).get(reverse("inspections:report_export"), {"month": "2026-06"})
    names = [r[0] for r in load_workbook(io.BytesIO(mine.content), read_only=True).active.iter_rows(
        min_row=2, values_only=True)]
    assert names == [d.org_a.name]

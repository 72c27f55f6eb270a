"""The monthly random-inspection report (双随机一公开工作月报, rules.md §7): one row per department and a district
total, scoped to the user — the office (a jurisdiction role, or the system administrator) sees every department
and the district total; a department's user sees its own row (and those of the organisations below it) only.

Figures of month M (from its first to its last day):

* tasks started / ended — tasks the department takes part in (a joint task counts for every department taking
  part, once in the district total) that were drawn (not DRAFT) and whose start date falls in M / whose actual end
  date (`ended_on`) falls in M;
* objects inspected — drawn objects (current) with at least one of the department's results dated in M (the
  district total counts an object of a joint inspection once: it was visited once);
* problems found — of those, the objects with at least one result in PROBLEM_OUTCOMES;
* cases opened — distinct cases opened from the department's results dated in M (outcome REFERRED);
* publication — attributed to the lead department, which publishes: tasks whose results were published in M on
  time / late (INSPECTION-PUBLISH, 20 WD from the end), and tasks overdue and still unpublished at the end of M
  (or today, for the current month); a task whose due date could not be computed (no holiday data) is not
  counted as overdue;
* coverage, for the year to date (GB58-COVERAGE) — the department's published power items of category INSPECTION
  that are listed for random inspection (`is_inspection_item`) and used in a task of the year that was drawn and
  starts on or before the end of M, divided by all its published INSPECTION-category items; the target is 70% for
  a department one of whose active enforcement bodies holds the market-regulation category, 50% otherwise;
  met when covered × 100 ≥ target × total (exact: 69.96% is not 70%). Shown rounded down to 0.1%.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from fazhi.accounts.enums import JURISDICTION_ROLES
from fazhi.inspections.enums import PROBLEM_OUTCOMES, TaskStatus
from fazhi.inspections.models import InspectionResult, InspectionTask, TaskDepartment
from fazhi.inspections.rules import (
    COVERAGE_RULE,
    COVERAGE_TARGET_MARKET,
    COVERAGE_TARGET_OTHER,
    MARKET_CATEGORY_CODE,
)
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Coverage:
    covered: int
    total: int
    target: Decimal | None  # percent; None for the district total
    percent: Decimal | None  # rounded down to 0.1; None when the department has no INSPECTION-category item
    met: bool | None  # None when there is no target or no item

    @property
    def rule(self) -> str:
        return COVERAGE_RULE


def coverage_figure(covered: int, total: int, *, target: Decimal | None) -> Coverage:
    """Coverage of `covered` items out of `total` against `target` percent (exact comparison)."""
    if total <= 0:
        return Coverage(covered=covered, total=0, target=target, percent=None, met=None)
    percent = (Decimal(covered * 100) / Decimal(total)).quantize(TENTH, rounding=ROUND_DOWN)
    met = None if target is None else Decimal(covered * 100) >= target * total
    return Coverage(covered=covered, total=total, target=target, percent=percent, met=met)


def coverage_target(*, is_market: bool) -> Decimal:
    return COVERAGE_TARGET_MARKET if is_market else COVERAGE_TARGET_OTHER


@dataclass(frozen=True)
class ReportRow:
    organisation_id: int | None  # None for the district total
    organisation_public_id: str
    organisation: str
    is_market: bool | None
    tasks_started: int
    tasks_ended: int
    objects_inspected: int
    problems_found: int
    cases_opened: int
    published_on_time: int
    published_late: int
    overdue_unpublished: int
    coverage: Coverage

    @property
    def is_total(self) -> bool:
        return self.organisation_id is None


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    first_day: dt.date
    last_day: dt.date
    as_of: dt.date  # the day overdue publication is judged on: the month's last day, or today if earlier
    rows: list[ReportRow]
    total: ReportRow | None  # the district total (the office only)
    departments_met: int  # departments (of `rows`) meeting their coverage target
    departments_with_items: int  # departments (of `rows`) with at least one INSPECTION-category item


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def sees_district(user) -> bool:
    """The office and the system administrator see every department and the district total."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or user.role in JURISDICTION_ROLES


def report_departments(*, user) -> list[Organisation]:
    """The departments the user's report may show: visible organisations with an active enforcement body or a
    published INSPECTION-category power item, in the usual order."""
    visible = organisation_ids_visible_to(user)
    qs = Organisation.objects.filter(is_active=True).filter(
        Q(bodies__status=BodyStatus.ACTIVE)
        | Q(power_items__status=PowerItemStatus.PUBLISHED, power_items__category=PowerCategory.INSPECTION))
    if visible is not None:
        qs = qs.filter(pk__in=visible)
    return list(qs.distinct().order_by("sort_order", "name"))


def _by_org(rows) -> dict[int, int]:
    return {org_id: n for org_id, n in rows}


def _task_counts(org_ids, first: dt.date, last: dt.date):
    parts = TaskDepartment.objects.filter(organisation_id__in=org_ids).exclude(task__status=TaskStatus.DRAFT)
    started = _by_org(parts.filter(task__start_on__range=(first, last)).values("organisation_id")
                      .annotate(n=Count("task_id", distinct=True)).values_list("organisation_id", "n"))
    ended = _by_org(parts.filter(task__ended_on__range=(first, last)).values("organisation_id")
                    .annotate(n=Count("task_id", distinct=True)).values_list("organisation_id", "n"))
    tasks = InspectionTask.objects.exclude(status=TaskStatus.DRAFT).filter(departments__organisation_id__in=org_ids)
    total_started = tasks.filter(start_on__range=(first, last)).values("pk").distinct().count()
    total_ended = tasks.filter(ended_on__range=(first, last)).values("pk").distinct().count()
    return started, ended, total_started, total_ended


def _result_counts(org_ids, first: dt.date, last: dt.date):
    results = InspectionResult.objects.filter(organisation_id__in=org_ids, inspected_on__range=(first, last),
                                              drawn_object__is_current=True)
    problems = results.filter(outcome__in=list(PROBLEM_OUTCOMES))
    cases = results.filter(case__isnull=False)

    def per_org(qs, field):
        return _by_org(qs.values("organisation_id").annotate(n=Count(field, distinct=True))
                       .values_list("organisation_id", "n"))

    def total(qs, field):
        return qs.aggregate(n=Count(field, distinct=True))["n"] or 0

    return ((per_org(results, "drawn_object_id"), total(results, "drawn_object_id")),
            (per_org(problems, "drawn_object_id"), total(problems, "drawn_object_id")),
            (per_org(cases, "case_id"), total(cases, "case_id")))


def _publication_counts(org_ids, first: dt.date, last: dt.date, as_of: dt.date):
    tasks = InspectionTask.objects.filter(lead_organisation_id__in=org_ids)
    published = tasks.filter(published_on__range=(first, last))

    def per_org(qs):
        return _by_org(qs.values("lead_organisation_id").annotate(n=Count("pk")).values_list("lead_organisation_id",
                                                                                             "n"))

    on_time = published.filter(publication_late=False)
    late = published.filter(publication_late=True)
    overdue = tasks.filter(ended_on__isnull=False, ended_on__lte=as_of, publish_due__isnull=False,
                           publish_due__lt=as_of).filter(Q(published_on__isnull=True) | Q(published_on__gt=as_of))
    return ((per_org(on_time), on_time.count()), (per_org(late), late.count()), (per_org(overdue), overdue.count()))


def _coverage_counts(org_ids, year: int, last: dt.date) -> tuple[dict[int, int], dict[int, int]]:
    """({org: covered}, {org: total}) for the year to date."""
    through = PowerItem.departments.through
    listed: dict[int, set[int]] = {}
    totals: dict[int, int] = {}
    for org_id, item_id, is_listed in (through.objects.filter(
            organisation_id__in=org_ids, poweritem__status=PowerItemStatus.PUBLISHED,
            poweritem__category=PowerCategory.INSPECTION)
            .values_list("organisation_id", "poweritem_id", "poweritem__is_inspection_item")):
        totals[org_id] = totals.get(org_id, 0) + 1
        if is_listed:
            listed.setdefault(org_id, set()).add(item_id)
    used: dict[int, set[int]] = {}
    for org_id, item_id in (TaskDepartment.items.through.objects.filter(
            taskdepartment__organisation_id__in=org_ids, taskdepartment__task__year=year,
            taskdepartment__task__start_on__lte=last)
            .exclude(taskdepartment__task__status=TaskStatus.DRAFT)
            .values_list("taskdepartment__organisation_id", "poweritem_id")):
        used.setdefault(org_id, set()).add(item_id)
    covered = {org_id: len(items & used.get(org_id, set())) for org_id, items in listed.items()}
    return covered, totals


def _market_ids(org_ids) -> set[int]:
    return set(EnforcementBody.objects.filter(organisation_id__in=org_ids, status=BodyStatus.ACTIVE,
                                              categories__code=MARKET_CATEGORY_CODE)
               .values_list("organisation_id", flat=True))


def monthly_report(*, user, year: int, month: int, organisation: Organisation | None = None,
                   today: dt.date | None = None) -> MonthlyReport:
    """The report of `month` of `year` for `user`: every department the user may see (or only `organisation`, if
    given and visible), and the district total for the office."""
    first, last = month_bounds(year, month)
    as_of = min(last, today or timezone.localdate())
    departments = report_departments(user=user)
    district = sees_district(user)
    scope_ids = [d.pk for d in departments]
    shown = [d for d in departments if organisation is None or d.pk == organisation.pk]
    # the figures are computed once over every department in scope: the total needs them all
    started, ended, total_started, total_ended = _task_counts(scope_ids, first, last)
    (inspected, total_inspected), (problems, total_problems), (cases, total_cases) = _result_counts(
        scope_ids, first, last)
    (on_time, total_on_time), (late, total_late), (overdue, total_overdue) = _publication_counts(
        scope_ids, first, last, as_of)
    covered, totals = _coverage_counts(scope_ids, year, last)
    market = _market_ids(scope_ids)

    rows = []
    for org in shown:
        is_market = org.pk in market
        rows.append(ReportRow(
            organisation_id=org.pk, organisation_public_id=str(org.public_id), organisation=org.name,
            is_market=is_market, tasks_started=started.get(org.pk, 0), tasks_ended=ended.get(org.pk, 0),
            objects_inspected=inspected.get(org.pk, 0), problems_found=problems.get(org.pk, 0),
            cases_opened=cases.get(org.pk, 0), published_on_time=on_time.get(org.pk, 0),
            published_late=late.get(org.pk, 0), overdue_unpublished=overdue.get(org.pk, 0),
            coverage=coverage_figure(covered.get(org.pk, 0), totals.get(org.pk, 0),
                                     target=coverage_target(is_market=is_market))))
    total = None
    if district:
        total = ReportRow(
            organisation_id=None, organisation_public_id="", organisation="", is_market=None,
            tasks_started=total_started, tasks_ended=total_ended, objects_inspected=total_inspected,
            problems_found=total_problems, cases_opened=total_cases, published_on_time=total_on_time,
            published_late=total_late, overdue_unpublished=total_overdue,
            coverage=coverage_figure(sum(covered.get(pk, 0) for pk in scope_ids),
                                     sum(totals.get(pk, 0) for pk in scope_ids), target=None))
    return MonthlyReport(
        year=year, month=month, first_day=first, last_day=last, as_of=as_of, rows=rows, total=total,
        departments_met=sum(1 for r in rows if r.coverage.met),
        departments_with_items=sum(1 for r in rows if r.coverage.total))

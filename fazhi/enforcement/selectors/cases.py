"""Reads of enforcement cases, scoped to what the user may see (DESIGN.md mechanism 1)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from fazhi.core.deadlines import Due, deadline
from fazhi.core.workdays import CalendarDataMissing
from fazhi.enforcement import search
from fazhi.enforcement.enums import OPEN_STATUSES, ReviewStatus
from fazhi.enforcement.models import Case, LegalReview
from fazhi.orgs.models import EnforcementBody
from fazhi.orgs.scoping import organisation_ids_visible_to, scope_queryset


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def case_list(*, user, filters: dict | None = None) -> QuerySet[Case]:
    """Cases the user may see. Filters: q (number, 案由 or party), status, procedure, body (public id), lead_source,
    category (code), overdue (truthy: open past its XZCF-60 date), awaiting_review (truthy), due_within (days),
    running_clock (truthy: only cases whose XZCF-60 clock runs, i.e. with a decision_due),
    received_from / received_to (dates). Newest first; screens and the API order by their own whitelists."""
    filters = filters or {}
    today = timezone.localdate()
    qs = _scoped_cases(user).select_related("body", "category")
    if filters.get("q"):
        qs = search.contains(qs, str(filters["q"]))
    for key in ("status", "procedure", "lead_source"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("body"):
        qs = qs.filter(body__public_id=filters["body"])
    if filters.get("category"):
        qs = qs.filter(category__code=filters["category"])
    if filters.get("overdue") not in (None, "", "0", False):
        qs = qs.filter(status__in=OPEN_STATUSES, decision_due__lt=today)
    if filters.get("awaiting_review") not in (None, "", "0", False):
        qs = qs.filter(Exists(LegalReview.objects.filter(case=OuterRef("pk"), status=ReviewStatus.PENDING)))
    if filters.get("due_within") not in (None, ""):
        try:
            days = int(filters["due_within"])
        except (TypeError, ValueError):
            days = None
        if days is not None and days >= 0:
            qs = qs.filter(status__in=OPEN_STATUSES, decision_due__gte=today,
                           decision_due__lte=today + dt.timedelta(days=days))
    if filters.get("running_clock"):
        qs = qs.filter(decision_due__isnull=False)
    if _date(filters.get("received_from")):
        qs = qs.filter(lead_received_on__gte=_date(filters["received_from"]))
    if _date(filters.get("received_to")):
        qs = qs.filter(lead_received_on__lte=_date(filters["received_to"]))
    return qs.order_by("-lead_received_on", "-id")


def _scoped_cases(user) -> QuerySet[Case]:
    """scope_queryset, narrowed to the organisations that have enforcement bodies (only they have cases): a body's
    staff then filter on one organisation (organisation_id = …), which lets the database read a page in order from
    the (organisation, date) index instead of sorting every case of an IN (…) list (bench/bench_case_list.py)."""
    visible = organisation_ids_visible_to(user)
    if visible is None:
        return Case.objects.all()
    with_cases = visible & set(EnforcementBody.objects.values_list("organisation_id", flat=True))
    if len(with_cases) == 1:
        return Case.objects.filter(organisation_id=next(iter(with_cases)))
    return Case.objects.filter(organisation_id__in=with_cases)


def case_get(*, user, public_id) -> Case:
    """One case the user may see; Case.DoesNotExist otherwise (the views answer 404)."""
    return (scope_queryset(Case.objects.all(), user)
            .select_related("body", "organisation", "category", "power_item", "filed_by", "created_by")
            .get(public_id=public_id))


def case_clock(case: Case, *, today: dt.date | None = None, strict: bool = False) -> Due | None:
    """The XZCF-60 clock of a filed case: due date with pauses (an open pause counted up to today) and approved
    extensions, and its Chinese trace. None before filing, and while the year the date falls in has no holiday
    schedule loaded (CAL-YEAR)."""
    if case.filed_on is None:
        return None
    from fazhi.enforcement.services.cases import clock_inputs

    today = today or timezone.localdate()
    end = case.decided_on or today
    pauses, extensions = clock_inputs(case, today=end)
    try:
        return deadline("XZCF-60", case.filed_on, pauses=pauses, extensions=extensions)
    except CalendarDataMissing:
        if strict:  # the screens show why (CAL-YEAR)
            raise
        return None  # shown as "cannot be computed until the year's holiday schedule is loaded" (CAL-YEAR)


def case_is_paused(case: Case) -> bool:
    return case.pauses.filter(ended_on__isnull=True).exists()


def review_queue(*, user) -> QuerySet[LegalReview]:
    """Pending legal reviews the user may decide, oldest first (one definition: selectors.review)."""
    from fazhi.enforcement.selectors.review import review_queue_for

    return review_queue_for(user)

"""What an enforcement user has to do next, for the workbench ("我的待办"), scoped like every selector."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.enforcement.enums import OPEN_STATUSES, CaseStatus
from fazhi.enforcement.models import Case, CaseOfficer, DraftDecision
from fazhi.enforcement.selectors.cases import review_queue
from fazhi.orgs.scoping import scope_queryset

SHOWN = 8
# The nearest deadline first; a case whose date cannot be computed yet (a paused clock, a year without holiday data)
# after those that have one, on either database.
URGENT = F("decision_due").asc(nulls_last=True)


def _cases(user):
    return scope_queryset(Case.objects.all(), user).select_related("body")


def tasks_for(*, user) -> dict:
    """Counts and the first rows of: my open cases (an officer's), cases awaiting a decision (a head's), pending
    legal reviews (reviewers and the office), overdue cases (everyone who sees cases)."""
    today = timezone.localdate()
    out: dict = {"today": today}
    if user.role in (Role.VOLUNTEER_SUPERVISOR,) or not user.is_authenticated:
        return out
    cases = _cases(user)
    overdue = cases.filter(status__in=OPEN_STATUSES, decision_due__lt=today).order_by("decision_due")
    out["overdue_count"] = overdue.count()
    out["overdue"] = overdue[:SHOWN]
    officer = getattr(user, "officer", None) if hasattr(user, "officer") else None
    if officer is not None:
        mine = cases.filter(
            Exists(CaseOfficer.objects.filter(case=OuterRef("pk"), officer=officer, active=True)),
            status__in=[*OPEN_STATUSES, CaseStatus.LEAD, CaseStatus.DECIDED, CaseStatus.SERVED],
        ).order_by(URGENT, "-lead_received_on")
        out["my_case_count"] = mine.count()
        out["my_cases"] = mine[:SHOWN]
    if user.is_superuser or user.role in (Role.HEAD, Role.SYSTEM_ADMIN):
        awaiting = cases.filter(status__in=OPEN_STATUSES).filter(
            Exists(DraftDecision.objects.filter(case=OuterRef("pk")))).order_by(URGENT, "-lead_received_on")
        out["to_decide_count"] = awaiting.count()
        out["to_decide"] = awaiting[:SHOWN]
    if user.is_superuser or user.role in (Role.LEGAL_REVIEWER, Role.LEGAL_OFFICE, Role.SYSTEM_ADMIN):
        reviews = review_queue(user=user)
        out["review_count"] = reviews.count()
        out["reviews"] = reviews[:SHOWN]
    return out

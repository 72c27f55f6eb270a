"""Reading warnings, scoped to the user (DESIGN.md mechanism 1).

Whose warnings a user sees ("my deadlines"):
* the legal affairs office and the system administrator: every warning in their jurisdiction (all, for the latter);
* a body administrator or head: their organisation's (and its sub-organisations');
* an officer, a legal reviewer (anyone else with an account): the warnings about their own certificates and about
  the cases they handle (and those cases' coercive measures);
* a volunteer supervisor: none.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.accounts.enums import JURISDICTION_ROLES, Role
from fazhi.enforcement.models import Case, CoerciveMeasure
from fazhi.orgs.scoping import has_role, scope_queryset
from fazhi.personnel.models import Certificate
from fazhi.supervision.case_warnings import CASE, MEASURE
from fazhi.supervision.models import Warning
from fazhi.supervision.services import CERTIFICATE

# Roles whose "my deadlines" are their organisation's (the jurisdiction roles see theirs through scoping).
ORGANISATION_ROLES = (Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE, Role.BODY_ADMIN, Role.HEAD)


def warnings_for(*, user, filters: dict | None = None) -> QuerySet[Warning]:
    """Open warnings the user is responsible for, most urgent (earliest due) first. Filters: level, kind,
    organisation (public id)."""
    if not getattr(user, "is_authenticated", False):
        return Warning.objects.none()
    qs = scope_queryset(Warning.objects.filter(resolved_at__isnull=True), user)
    if has_role(user, *JURISDICTION_ROLES):  # district-wide warnings (no organisation) are the office's
        qs = qs | Warning.objects.filter(resolved_at__isnull=True, organisation__isnull=True)
    if not has_role(user, *ORGANISATION_ROLES):
        own = Certificate.objects.filter(officer__user=user).values_list("public_id", flat=True)
        cases = Case.objects.filter(case_officers__officer__user=user, case_officers__active=True)
        measures = CoerciveMeasure.objects.filter(case__in=cases).values_list("public_id", flat=True)
        qs = qs.filter(Q(subject_type=CERTIFICATE, subject_id__in=[str(pk) for pk in own])
                       | Q(subject_type=CASE, subject_id__in=[str(pk) for pk in cases.values_list("public_id", flat=True)])
                       | Q(subject_type=MEASURE, subject_id__in=[str(pk) for pk in measures]))
    filters = filters or {}
    if filters.get("level"):
        qs = qs.filter(level=filters["level"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("organisation"):
        qs = qs.filter(organisation__public_id=filters["organisation"])
    return qs.select_related("organisation").order_by("due_on", "kind", "pk")

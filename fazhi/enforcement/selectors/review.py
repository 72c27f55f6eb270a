"""Reads of legal reviews (XZCF-58), scoped by who may review."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.accounts.enums import Role
from fazhi.enforcement.enums import ReviewStatus
from fazhi.enforcement.models import LegalReview
from fazhi.orgs.scoping import scope_queryset


def review_queue_for(user) -> QuerySet[LegalReview]:
    """Pending reviews the user may decide, oldest request first: the legal affairs office sees its jurisdiction's,
    a legal reviewer its own organisation's, the system administrator all; nobody else has a queue."""
    qs = (LegalReview.objects.filter(status=ReviewStatus.PENDING)
          .select_related("case", "case__body", "case__organisation", "draft", "requested_by")
          .order_by("requested_on", "created_at", "pk"))
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return qs
    if user.role == Role.LEGAL_OFFICE:
        return scope_queryset(qs, user, org_field="case__organisation")
    if user.role == Role.LEGAL_REVIEWER and user.organisation_id:
        return qs.filter(case__organisation_id=user.organisation_id)
    return qs.none()

"""Reading decisions to publish and their publications (staff side), scoped to the user's organisations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core.deadlines import Due
from fazhi.core.errors import DomainError
from fazhi.enforcement.models import Decision, Publication
from fazhi.enforcement.services.publication import PUBLISHED_OUTCOMES, publish_due_for
from fazhi.orgs.scoping import scope_queryset


def decisions_awaiting_publication(*, user, filters: dict | None = None) -> QuerySet[Decision]:
    """Decisions that must be published (penalty: GB118-DECISION; no penalty: GB118-OTHER) and are not yet,
    oldest first. Filters: q (decision number, case title or party name)."""
    qs = scope_queryset(Decision.objects.filter(outcome__in=PUBLISHED_OUTCOMES, publication__isnull=True)
                        .exclude(number=""), user, org_field="case__organisation")
    q = ((filters or {}).get("q") or "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(case__title__icontains=q) | Q(case__party_name__icontains=q))
    return qs.select_related("case", "case__body").order_by("decided_on", "pk")


def publications_for(*, user, filters: dict | None = None) -> QuerySet[Publication]:
    """Publications of the user's organisations, newest first. Filters: status, q (decision number)."""
    qs = scope_queryset(Publication.objects.all(), user)
    filters = filters or {}
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(decision_number__icontains=q)
    return qs.select_related("decision__case", "decision__case__body").order_by("-published_on", "-pk")


def decision_for_publication(*, user, public_id) -> Decision:
    """A decision of the user's organisations by its case's public id (DoesNotExist otherwise: 404)."""
    qs = scope_queryset(Decision.objects.all(), user, org_field="case__organisation")
    return qs.select_related("case", "case__body", "case__organisation").get(case__public_id=public_id)


def publication_get(*, user, public_id) -> Publication:
    return scope_queryset(Publication.objects.all(), user).select_related(
        "decision__case", "decision__case__body").get(public_id=public_id)


@dataclass(frozen=True)
class AwaitingRow:
    decision: Decision
    due: Due | None
    error: str  # why the due date could not be computed (a year without holiday data), if so
    days_left: int | None

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def with_due(decisions, *, on: dt.date | None = None) -> list[AwaitingRow]:
    """Each decision of a page with its GB118 due date and trace, as of `on` (today in Asia/Shanghai)."""
    on = on or timezone.localdate()
    rows = []
    for decision in decisions:
        try:
            due = publish_due_for(decision)
        except DomainError as exc:
            rows.append(AwaitingRow(decision=decision, due=None, error=exc.display, days_left=None))
            continue
        rows.append(AwaitingRow(decision=decision, due=due, error="",
                                days_left=due.days_left(on) if due else None))
    return rows

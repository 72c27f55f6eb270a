"""Reads of organisations and bodies, already scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation
from fazhi.orgs.scoping import scope_queryset


def organisation_list(*, user, filters: dict | None = None) -> QuerySet[Organisation]:
    qs = scope_queryset(Organisation.objects.all(), user, org_field="pk").select_related(
        "jurisdiction", "parent", "legal_liaison"
    )
    filters = filters or {}
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(short_name__icontains=filters["q"]))
    if filters.get("org_type"):
        qs = qs.filter(org_type=filters["org_type"])
    if filters.get("jurisdiction"):
        qs = qs.filter(jurisdiction__public_id=filters["jurisdiction"])
    return qs.annotate(officer_count=Count("officers", distinct=True), body_count=Count("bodies", distinct=True))


def organisation_get(*, user, public_id) -> Organisation:
    return organisation_list(user=user).get(public_id=public_id)


def body_list(*, user, filters: dict | None = None) -> QuerySet[EnforcementBody]:
    qs = scope_queryset(EnforcementBody.objects.all(), user).select_related(
        "organisation", "entrusting_body"
    ).prefetch_related("categories")
    filters = filters or {}
    if filters.get("q"):
        qs = qs.filter(name__icontains=filters["q"])
    for key in ("basis", "status", "publication_batch"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("organisation"):
        qs = qs.filter(organisation__public_id=filters["organisation"])
    return qs


def body_get(*, user, public_id) -> EnforcementBody:
    return body_list(user=user).get(public_id=public_id)


def category_list() -> QuerySet[EnforcementCategory]:
    return EnforcementCategory.objects.all()


def jurisdiction_list() -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.select_related("parent")

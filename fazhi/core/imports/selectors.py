"""Reads of import jobs, scoped: a user sees the jobs they uploaded and those of organisations they may see."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from fazhi.core.imports import registry
from fazhi.core.models import ImportJob

ERRORS_PER_PAGE = 50


def import_job_list(*, user) -> QuerySet[ImportJob]:
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    qs = ImportJob.objects.select_related("created_by", "organisation")
    scope = registry.job_scope()
    if scope is None:
        return qs.filter(created_by=user)
    visible = scope(ImportJob.objects.exclude(organisation=None), user).values("pk")
    return qs.filter(Q(created_by=user) | Q(pk__in=visible))


def import_job_get(*, user, public_id) -> ImportJob:
    return import_job_list(user=user).get(public_id=public_id)


def import_job_errors_page(*, job: ImportJob, page: int | str | None) -> Page:
    return Paginator(job.errors or [], ERRORS_PER_PAGE).get_page(page)

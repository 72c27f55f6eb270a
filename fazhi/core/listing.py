"""The pieces every list and detail view shares: 404 for what the user may not see, a page of a filtered and
sorted list with its export query, and htmx partial rendering."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

PAGE_SIZE = 50


def get_or_404(selector, **kwargs):
    """Call a scoped selector's `get`: a row the user may not see, or a malformed id, is a 404 — never data."""
    try:
        return selector(**kwargs)
    except (ObjectDoesNotExist, ValidationError) as exc:
        raise Http404 from exc


def list_context(request, queryset, filter_form, *, page_size: int = PAGE_SIZE) -> dict:
    """Page `queryset` (ordered by the form's whitelisted sort) and keep the filters for export and paging."""
    ordering = filter_form.ordering()
    if ordering:
        queryset = queryset.order_by(*ordering)
    page = Paginator(queryset, page_size).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"form": filter_form, "page": page, "export_query": params.urlencode(),
            "current_sort": filter_form.cleaned_data.get("sort") or filter_form.DEFAULT_SORT}


def render_list(request, template: str, partial: str, context: dict):
    """htmx requests from the filter form get only the results; everyone else the whole page."""
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return render(request, partial, context)
    return render(request, template, context)

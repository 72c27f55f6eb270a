"""Record pages: the public list of published ledger heads, and a subject's timeline (a page or an htmx fragment)."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from fazhi.records import selectors
from fazhi.records.models import Entry

PAGE_SIZE = 50


def heads(request):
    """Every ledger's published heads by day; ?date=YYYY-MM-DD shows one day."""
    raw = request.GET.get("date", "").strip()
    on, error = None, None
    if raw:
        try:
            on = dt.date.fromisoformat(raw)
        except ValueError:
            error = "日期格式应为 YYYY-MM-DD"
    page = Paginator(selectors.head_publications(on=on), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "records/heads.html", {
        "page": page, "date": raw, "error": error, "dates": selectors.head_publication_dates(),
    })


def timeline(request, subject_type: str, subject_id):
    """The record entries about one subject, oldest first, each marked verified or not. Another body's subject
    answers 404. Requested by htmx (HX-Request), only the fragment is rendered, for detail pages to include."""
    try:
        items = selectors.subject_timeline(user=request.user, subject_type=subject_type, subject_id=str(subject_id))
    except Entry.DoesNotExist as exc:
        raise Http404("记录不存在或无权查看") from exc
    context = {"items": items, "subject_type": subject_type, "subject_id": subject_id}
    if request.headers.get("HX-Request"):
        return render(request, "records/_timeline.html", context)
    return render(request, "records/timeline.html", context)

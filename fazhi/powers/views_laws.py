"""Law library screens: list, detail with chapters and article anchors, import (upload or paste → preview →
confirm), status change, article search. Thin: parse with a form, call one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.accounts.permissions import MANAGE_LAWS
from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import PAGE_SIZE, get_or_404, render_list
from fazhi.powers import forms_laws as forms
from fazhi.powers import law_search, selectors, services

SERVICE_ERRORS = (DomainError, ValidationError)
LAW_EXPORT_HEADERS = [
    gettext_lazy("名称"), gettext_lazy("简称"), gettext_lazy("效力层级"), gettext_lazy("制定机关"),
    gettext_lazy("文号/令号"), gettext_lazy("公布日期"), gettext_lazy("施行日期"), gettext_lazy("时效性"),
    gettext_lazy("时效变更日期"), gettext_lazy("版本"), gettext_lazy("条文数"),
]


def _law_or_404(request, public_id):
    return get_or_404(selectors.law_get, user=request.user, public_id=public_id)


def _page(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()




def law_list(request):
    form = forms.LawFilterForm(request.GET, user=request.user)
    queryset = selectors.law_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    page, query = _page(request, queryset)
    context = {"form": form, "page": page, "export_query": query, "can_manage_laws": MANAGE_LAWS.allows(request.user),
               "current_sort": form.cleaned_data.get("sort") or form.DEFAULT_SORT}
    return render_list(request, "powers/laws/law_list.html", "powers/laws/_law_results.html", context)


def law_export(request):
    form = forms.LawFilterForm(request.GET, user=request.user)
    queryset = selectors.law_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    rows = ([law.title, law.short_title, law.get_level_display(), law.issuing_body, law.document_number,
             law.promulgated_on, law.effective_on, law.get_status_display(), law.status_changed_on, law.version,
             law.article_count] for law in queryset.iterator(chunk_size=1000))
    return xlsx_response(filename=_("法律法规_%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
                         headers=[str(h) for h in LAW_EXPORT_HEADERS], rows=rows)


def law_detail(request, public_id):
    law = _law_or_404(request, public_id)
    chapters = selectors.law_chapters(law=law)
    return render(request, "powers/laws/law_detail.html", {
        "law": law, "chapters": chapters, "article_count": sum(len(c.articles) for c in chapters),
        "has_headings": any(c.heading for c in chapters), "history": [h for h in law.history.split("\n") if h],
        "citing": selectors.law_citing_items(law=law)[:200],
        "can_manage_laws": MANAGE_LAWS.allows(request.user),
    })


def _preview_context(preview, confirm_form) -> dict:
    return {"preview": preview, "parsed": preview.parsed, "form": confirm_form,
            "level_label": dict(forms.LawLevel.choices).get(preview.metadata.get("level"), "")}


@require_http_methods(["GET", "POST"])
def law_import(request):
    """GET: the form. POST step=preview: read the text (file or paste), parse it, show the preview with the
    values to confirm. POST step=confirm: import (the text travels in the confirm form)."""
    if request.method == "GET":
        return render(request, "powers/laws/law_import.html", {"form": forms.LawImportForm()})
    if request.POST.get("step") == "confirm":
        form = forms.LawConfirmForm(request.POST)
        if form.is_valid():
            try:
                law = services.law_import(by=request.user, text=form.cleaned_data["text"], **form.overrides())
            except SERVICE_ERRORS as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("已导入《%(title)s》,共 %(n)s 条") % {
                    "title": law.title, "n": law.articles.count()})
                return redirect("powers:law_detail", public_id=law.public_id)
        preview = services.law_preview(text=form.data.get("text", ""), overrides=form.overrides())
        return render(request, "powers/laws/law_preview.html", _preview_context(preview, form))
    form = forms.LawImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "powers/laws/law_import.html", {"form": form})
    text = form.cleaned_data.get("text") or ""
    upload = form.cleaned_data.get("file")
    if upload:
        try:
            text = services.law_text_from_upload(name=upload.name, data=upload.read())
        except DomainError as exc:
            form.add_service_error(exc)
            return render(request, "powers/laws/law_import.html", {"form": form})
    preview = services.law_preview(text=text, overrides=form.overrides())
    values = {k: v for k, v in preview.metadata.items() if v not in (None, "")}
    confirm = forms.LawConfirmForm(initial={**values, "text": text})
    return render(request, "powers/laws/law_preview.html", _preview_context(preview, confirm))


@require_http_methods(["GET", "POST"])
def law_status(request, public_id):
    law = _law_or_404(request, public_id)
    if request.method == "POST":
        form = forms.LawStatusForm(request.POST, user=request.user, law=law)
        if form.is_valid():
            try:
                result = services.law_status_change(by=request.user, law=law, **form.cleaned_data)
            except SERVICE_ERRORS as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("时效性已变更;%(n)s 个权力事项已标记为待复核") % {"n": result["flagged"]})
                return redirect("powers:law_detail", public_id=law.public_id)
    else:
        form = forms.LawStatusForm(user=request.user, law=law, initial={"on": timezone.localdate()})
    return render(request, "powers/laws/law_status.html", {"law": law, "form": form,
                                                           "citing_count": selectors.law_citing_items(law=law)
                                                           .values("power_item").distinct().count()})


def article_search(request):
    form = forms.ArticleSearchForm(request.GET, user=request.user)
    query = form.query()
    queryset = selectors.article_search(user=request.user, query=query, filters=form.filters())
    page, _query = _page(request, queryset)
    results = [(article, law_search.snippet(article.text, query)) for article in page.object_list]
    context = {"form": form, "page": page, "results": results, "query": query,
               "short_query": bool(query) and all(len(t) < law_search.TRIGRAM for t in law_search.terms_of(query))}
    return render_list(request, "powers/laws/article_search.html", "powers/laws/_article_results.html", context)

"""Public pages of published enforcement decisions (事后公开) and their verification; before-the-fact pages of the
enforcement bodies and their officers (事前公开). No login; every field shown comes from fazhi.disclosure.decisions
or fazhi.disclosure.bodies (explicit public dataclasses)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.disclosure import bodies, decisions

PAGE_SIZE = 30
OFFICER_PAGE_SIZE = 50


class DecisionFilterForm(forms.Form):
    number = forms.CharField(label=_("决定书文号"), required=False, max_length=60,
                             widget=forms.TextInput(attrs={"type": "search"}))
    party = forms.CharField(label=_("当事人"), required=False, max_length=100,
                            widget=forms.TextInput(attrs={"type": "search"}))
    body = forms.UUIDField(label=_("执法主体"), required=False, widget=forms.Select)

    def __init__(self, data, *, body_choices):
        super().__init__(data)
        self.fields["body"].widget.choices = [("", _("全部"))] + [(str(pk), name) for pk, name in body_choices]

    def filters(self) -> dict:
        self.is_valid()
        return {k: (str(v) if k == "body" else v.strip()) for k, v in self.cleaned_data.items()
                if v not in (None, "")}


class DecisionVerifyForm(forms.Form):
    number = forms.CharField(label=_("决定书文号"), max_length=60, strip=True,
                             error_messages={"required": _("请输入决定书文号")})


def decision_list(request):
    form = DecisionFilterForm(request.GET, body_choices=decisions.decision_bodies())
    filters = form.filters()
    page = Paginator(decisions.decision_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disclosure/decisions/decision_list.html", {
        "form": form, "page": page, "rows": decisions.summaries(page.object_list), "searched": bool(filters),
        "verify_form": DecisionVerifyForm(),
    })


def decision_verify(request):
    """GET ?number=…: find a decision by its number and show it with its verification."""
    form = DecisionVerifyForm(request.GET if "number" in request.GET else None)
    not_found = False
    if form.is_bound and form.is_valid():
        publication = decisions.publication_lookup(form.cleaned_data["number"])
        if publication is not None:
            return redirect(reverse("disclosure:decision_detail", args=[publication.public_id]) + "?verify=1")
        not_found = True
    return render(request, "disclosure/decisions/decision_verify.html", {"form": form, "not_found": not_found})


def decision_detail(request, key: str):
    """One publication by its public id or decision number; with ?verify=1, checked against the ledger."""
    publication = decisions.publication_lookup(key)
    if publication is None:
        raise Http404
    shown = decisions.public_decision(publication)
    withdrawn = isinstance(shown, decisions.PublicWithdrawal)
    verification = decisions.verify(publication) if request.GET.get("verify") and not withdrawn else None
    return render(request, "disclosure/decisions/decision_detail.html", {
        "d": shown, "withdrawn": withdrawn, "verification": verification,
        "json_url": reverse("disclosure:decision_json", args=[publication.public_id]),
    })


def decision_json(request, public_id):
    """The canonical JSON of the public fields, byte for byte what was hashed: its SHA-256 is the recorded digest."""
    publication = decisions.publication_lookup(str(public_id))
    if publication is None:
        raise Http404
    content = decisions.public_json(publication)
    if content is None:
        shown = decisions.public_decision(publication)
        return JsonResponse({"decision_number": shown.decision_number, "status": "withdrawn",
                             "withdrawn_on": shown.withdrawn_on, "reason": shown.reason},
                            status=410, json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["X-Content-SHA256"] = publication.content_sha256
    return response


class BodyFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("执法主体或单位名称")}))

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


def body_list(request):
    form = BodyFilterForm(request.GET)
    page = Paginator(bodies.body_list(filters=form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disclosure/decisions/body_list.html", {
        "form": form, "page": page, "rows": [bodies.body_summary(b) for b in page.object_list],
    })


def body_detail(request, public_id):
    body = bodies.body_get(public_id)
    if body is None:
        raise Http404
    day = bodies.today()
    page = Paginator(bodies.officers_of(body, on=day), OFFICER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disclosure/decisions/body_detail.html", {
        "body": bodies.public_body(body), "page": page, "officers": bodies.public_officers(page.object_list),
        "today": day, "catalogue": bodies.public_catalogue(body),
    })

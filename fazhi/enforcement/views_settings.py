"""Enforcement settings: document prefixes, the major-decision catalogue, hearing thresholds (services.settings)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.forms import add_service_error
from fazhi.core.numbering_models import NumberPrefix
from fazhi.enforcement.enums import PenaltyKind
from fazhi.enforcement.forms_settings import CatalogueItemForm, CatalogueRemoveForm, PrefixForm, ThresholdForm
from fazhi.enforcement.models import HearingThreshold, MajorCatalogueItem
from fazhi.enforcement.services import settings as services
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.scoping import scope_queryset


def _organisations(user):
    return scope_queryset(Organisation.objects.filter(bodies__isnull=False).distinct(), user, org_field="pk") \
        .order_by("sort_order", "name")


def _organisation(request):
    orgs = _organisations(request.user)
    wanted = request.GET.get("organisation") or request.POST.get("organisation")
    if wanted:
        try:
            return orgs.get(public_id=wanted), orgs
        except (Organisation.DoesNotExist, ValueError, Exception):  # noqa: BLE001 - a bad id is a 404
            raise Http404 from None
    if request.user.organisation_id and orgs.filter(pk=request.user.organisation_id).exists():
        return orgs.get(pk=request.user.organisation_id), orgs
    first = orgs.first()
    if first is None:
        raise Http404
    return first, orgs


def _back(org) -> str:
    return reverse("enforcement:settings") + f"?organisation={org.public_id}"


def settings_home(request):
    org, orgs = _organisation(request)
    prefixes = dict(NumberPrefix.objects.filter(scope=str(org.public_id)).values_list("kind", "prefix"))
    bodies = EnforcementBody.objects.filter(organisation=org).order_by("name")
    kinds = dict(PenaltyKind.choices)
    return render(request, "enforcement/settings.html", {
        "org": org, "orgs": orgs, "bodies": bodies,
        "prefix_rows": [(kind, label, prefixes.get(kind, "")) for kind, label in services.PREFIX_KINDS.items()],
        "catalogue": [(item, [str(kinds.get(k, k)) for k in item.penalty_kinds or []])
                      for item in MajorCatalogueItem.objects.filter(body__organisation=org).select_related("body")],
        "thresholds": HearingThreshold.objects.select_related("category").order_by("category__code", "party_type"),
        "may_manage": services.may_manage_organisation(request.user, org.pk),
        "prefix_form": PrefixForm(),
    })


def _form_page(request, *, form, title, submit, back):
    return render(request, "enforcement/settings_form.html",
                  {"form": form, "title": title, "submit": submit, "back": back})


@require_http_methods(["GET", "POST"])
def prefix_set(request):
    org, _orgs = _organisation(request)
    form = PrefixForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.prefix_set(by=request.user, organisation=org, kind=form.cleaned_data["kind"],
                                prefix=form.cleaned_data["prefix"])
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("文书代字已保存"))
            return redirect(_back(org))
    return _form_page(request, form=form, title=_("设置文书代字") + f" · {org.name}", submit=_("保存"), back=_back(org))


@require_http_methods(["GET", "POST"])
def catalogue_add(request):
    org, _orgs = _organisation(request)
    bodies = EnforcementBody.objects.filter(organisation=org).order_by("name")
    form = CatalogueItemForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.catalogue_item_add(by=request.user, body=data["body"], title=data["title"],
                                        min_fine=data["min_fine"], penalty_kinds=data["penalty_kinds"],
                                        published_on=data["published_on"])
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("已加入重大执法决定事项目录"))
            return redirect(_back(org))
    return _form_page(request, form=form, title=_("新增重大执法决定目录事项") + f" · {org.name}", submit=_("公布"),
                      back=_back(org))


@require_http_methods(["GET", "POST"])
def catalogue_remove(request, public_id):
    item = MajorCatalogueItem.objects.select_related("body", "body__organisation").filter(public_id=public_id).first()
    if item is None or not _organisations(request.user).filter(pk=item.body.organisation_id).exists():
        raise Http404
    org = item.body.organisation
    form = CatalogueRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalogue_item_remove(by=request.user, item=item, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("目录事项已删除"))
            return redirect(_back(org))
    return _form_page(request, form=form, title=_("删除目录事项") + f" · {item.title}", submit=_("删除"),
                      back=_back(org))


@require_http_methods(["GET", "POST"])
def threshold_set(request):
    form = ThresholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.threshold_set(by=request.user, category=data["category"], party_type=data["party_type"],
                                   min_fine=data["min_fine"], min_confiscation=data["min_confiscation"],
                                   basis=data["basis"])
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("听证较大数额标准已保存"))
            return redirect("enforcement:settings")
    return _form_page(request, form=form, title=_("设置听证较大数额标准"), submit=_("保存"),
                      back=reverse("enforcement:settings"))

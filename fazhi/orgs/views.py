"""Organisation and enforcement-body screens: thin views over fazhi.orgs.selectors and fazhi.orgs.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from fazhi.accounts.middleware import rule_for
from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import add_service_error
from fazhi.orgs import selectors, services
from fazhi.orgs.forms import (
    BodyFilterForm,
    BodyForm,
    LiaisonForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from fazhi.orgs.models import EnforcementBody, LegalLiaison, Organisation
from fazhi.records.selectors import entries_for_subject

PAGE_SIZE = 50
ORGANISATION_SORTS = {
    "name": ("name",), "type": ("org_type", "name"), "jurisdiction": ("jurisdiction__code", "name"),
    "bodies": ("body_count", "name"), "officers": ("officer_count", "name"), "order": ("sort_order", "name"),
}
BODY_SORTS = {
    "name": ("name",), "organisation": ("organisation__name", "name"), "basis": ("basis", "name"),
    "batch": ("publication_batch", "name"), "published": ("published_on", "name"), "status": ("status", "name"),
}


def _can(request, route_name: str) -> bool:
    rule = rule_for(route_name)
    return rule is not None and rule.allows(request.user)


def _sorted(request, queryset, sorts: dict, default: str):
    """Order by a whitelisted ?sort= key ("-key" descending); returns the queryset and the key in force."""
    key = request.GET.get("sort") or default
    fields = sorts.get(key.lstrip("-"))
    if fields is None:
        key, fields = default, sorts[default]
    if key.startswith("-"):
        fields = tuple(f"-{f}" for f in fields)
    return queryset.order_by(*fields), key


def _sort_links(request, sorts: dict, current: str) -> dict:
    links = {}
    for key in sorts:
        params = request.GET.copy()
        params.pop("page", None)
        params["sort"] = f"-{key}" if current == key else key
        arrow = "↑" if current == key else "↓" if current == f"-{key}" else ""
        links[key] = {"url": "?" + params.urlencode(), "arrow": arrow}
    return links


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Whose field labels a record entry's payload uses, when it is not the subject's own model.
PAYLOAD_MODELS = {"liaison.set": LegalLiaison}


def _show(value) -> str:
    if value is None or value == "" or value == []:
        return "(空)"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _timeline(subject, model) -> list[dict]:
    """The subject's record entries, newest first, with fields named by their Chinese labels."""

    def label(payload_model, field: str) -> str:
        try:
            return str(payload_model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            return {"categories": "执法类别"}.get(field, field)

    items = []
    for entry in entries_for_subject(subject_type=model._meta.label, subject_id=str(subject.public_id)):
        payload_model = PAYLOAD_MODELS.get(entry.action, model)
        payload = entry.payload if isinstance(entry.payload, dict) else {}
        changes = payload.get("changes")
        if changes:
            details = [f"{label(payload_model, k)}:{_show(v[0])} → {_show(v[1])}" for k, v in changes.items()]
        else:
            details = [f"{label(payload_model, k)}:{_show(v)}" for k, v in payload.items()
                       if v not in (None, "", [])]
        items.append({"entry": entry, "details": details})
    items.reverse()
    return items


def _organisation_or_404(request, public_id) -> Organisation:
    try:
        return selectors.organisation_get(user=request.user, public_id=public_id)
    except Organisation.DoesNotExist as exc:
        raise Http404("单位不存在或无权查看") from exc


def _body_or_404(request, public_id) -> EnforcementBody:
    try:
        return selectors.body_get(user=request.user, public_id=public_id)
    except EnforcementBody.DoesNotExist as exc:
        raise Http404("执法主体不存在或无权查看") from exc


# --- organisations ----------------------------------------------------------------------------------------

def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    form.is_valid()  # invalid fields are dropped from cleaned_data and shown on the form
    queryset = selectors.organisation_list(user=request.user, filters=form.cleaned_data)
    queryset, sort = _sorted(request, queryset, ORGANISATION_SORTS, "order")
    if request.GET.get("export") == "xlsx":
        rows = (_organisation_row(o) for o in queryset.iterator(chunk_size=2000))
        return xlsx_response(filename="单位名录", rows=rows, headers=[
            "单位名称", "简称", "统一社会信用代码", "单位类型", "所属区划", "上级单位", "执法主体数", "执法人员数",
            "法制联络员", "联络员电话", "地址", "电话", "在用"])
    return render(request, "orgs/organisation_list.html", {
        "form": form, "page": _page(request, queryset), "sort": _sort_links(request, ORGANISATION_SORTS, sort),
        "can_create": _can(request, "orgs:organisation_create"),
    })


def _liaison(organisation: Organisation) -> LegalLiaison | None:
    try:
        return organisation.legal_liaison
    except LegalLiaison.DoesNotExist:
        return None


def _organisation_row(o: Organisation) -> tuple:
    liaison = _liaison(o)
    return (o.name, o.short_name, o.uscc, o.get_org_type_display(), o.jurisdiction.name,
            o.parent.name if o.parent else "", o.body_count, o.officer_count, liaison.name if liaison else "",
            liaison.phone if liaison else "", o.address, o.phone, o.is_active)


def organisation_detail(request, public_id):
    organisation = _organisation_or_404(request, public_id)
    return render(request, "orgs/organisation_detail.html", {
        "organisation": organisation,
        "liaison": _liaison(organisation),
        "bodies": selectors.body_list(user=request.user, filters={"organisation": organisation.public_id}),
        "timeline": _timeline(organisation, Organisation),
        "can_manage": _can(request, "orgs:organisation_edit"),
    })


def organisation_create(request):
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已创建单位“{organisation.name}”")
            return redirect("orgs:organisation_detail", public_id=organisation.public_id)
    return render(request, "orgs/form.html", {"form": form, "title": "新建单位",
                                              "cancel_url": reverse("orgs:organisation_list")})


def organisation_edit(request, public_id):
    organisation = _organisation_or_404(request, public_id)
    organisation_url = reverse("orgs:organisation_detail", args=[organisation.public_id])
    initial = {field: getattr(organisation, field) for field in services.ORGANISATION_FIELDS}
    form = OrganisationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(by=request.user, organisation=organisation, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "单位信息已保存")
            return redirect("orgs:organisation_detail", public_id=organisation.public_id)
    return render(request, "orgs/form.html", {"form": form, "title": f"编辑单位:{organisation.name}",
                                              "cancel_url": organisation_url})


def liaison_set(request, public_id):
    organisation = _organisation_or_404(request, public_id)
    organisation_url = reverse("orgs:organisation_detail", args=[organisation.public_id])
    liaison = _liaison(organisation)
    initial = {"name": liaison.name, "post": liaison.post, "phone": liaison.phone,
               "full_time": liaison.full_time} if liaison else {}
    form = LiaisonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.liaison_set(by=request.user, organisation=organisation, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "法制联络员已设置")
            return redirect("orgs:organisation_detail", public_id=organisation.public_id)
    return render(request, "orgs/form.html", {"form": form, "title": f"设置法制联络员:{organisation.name}",
                                              "cancel_url": organisation_url})


# --- enforcement bodies -----------------------------------------------------------------------------------

def body_list(request):
    form = BodyFilterForm(request.GET)
    form.is_valid()
    queryset = selectors.body_list(user=request.user, filters=form.cleaned_data)
    queryset, sort = _sorted(request, queryset, BODY_SORTS, "name")
    if request.GET.get("export") == "xlsx":
        rows = (
            (b.name, b.organisation.name, b.get_basis_display(), b.entrusting_body.name if b.entrusting_body else "",
             b.legal_basis_text, b.qualification_certificate_number, b.publication_batch, b.published_on,
             b.get_status_display(), [c.name for c in b.categories.all()])
            for b in queryset.iterator(chunk_size=2000)
        )
        return xlsx_response(filename="执法主体名录", rows=rows, headers=[
            "执法主体名称", "所属单位", "主体资格依据", "委托机关", "设定依据", "主体资格证书编号", "公布批次",
            "公布日期", "状态", "执法类别"])
    return render(request, "orgs/body_list.html", {
        "form": form, "page": _page(request, queryset), "sort": _sort_links(request, BODY_SORTS, sort),
        "can_create": _can(request, "orgs:body_create"),
    })


def body_detail(request, public_id):
    body = _body_or_404(request, public_id)
    return render(request, "orgs/body_detail.html", {
        "body": body,
        "entrusted": selectors.body_list(user=request.user).filter(entrusting_body=body),
        "timeline": _timeline(body, EnforcementBody),
        "can_manage": _can(request, "orgs:body_edit"),
    })


def _body_fields(cleaned: dict) -> tuple[dict, list]:
    fields = dict(cleaned)
    categories = list(fields.pop("categories") or [])
    return fields, categories


def body_create(request):
    form = BodyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields, categories = _body_fields(form.cleaned_data)
        try:
            body = services.body_create(by=request.user, categories=categories, **fields)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已创建执法主体“{body.name}”")
            return redirect("orgs:body_detail", public_id=body.public_id)
    return render(request, "orgs/form.html", {"form": form, "title": "新建执法主体",
                                              "cancel_url": reverse("orgs:body_list")})


def body_edit(request, public_id):
    body = _body_or_404(request, public_id)
    initial = {field: getattr(body, field) for field in services.BODY_FIELDS}
    initial["categories"] = list(body.categories.all())
    form = BodyForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields, categories = _body_fields(form.cleaned_data)
        try:
            services.body_update(by=request.user, body=body, categories=categories, **fields)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "执法主体信息已保存")
            return redirect("orgs:body_detail", public_id=body.public_id)
    return render(request, "orgs/form.html", {"form": form, "title": f"编辑执法主体:{body.name}",
                                              "cancel_url": reverse("orgs:body_detail", args=[body.public_id])})

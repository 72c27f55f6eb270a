"""Staff screens of the power and responsibility list and of posts (执法岗位).

Thin: parse input with a form, call one selector (reads, scoped) or one service (writes), render. An item or post
outside the user's scope is a 404; a service refusal (a body administrator acting on another department's item)
is a 403 or a form error in Chinese.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.orgs.models import EnforcementBody
from fazhi.orgs.scoping import scope_queryset
from fazhi.powers import forms_items as forms
from fazhi.powers import importers, selectors, services
from fazhi.powers.enums import PowerCategory
from fazhi.powers.workflow import power_item_workflow

SERVICE_ERRORS = (DomainError, ValidationError)
STEPS = {
    "publish": (services.power_item_publish, gettext_lazy("公布")),
    "abolish": (services.power_item_abolish, pgettext_lazy("power item", "取消")),
}
INSPECTION_HEADERS = ["实施部门", "事项编码", "事项名称", "权力类别", "检查方式", "检查对象范围", "法律依据"]


def _today() -> dt.date:
    return timezone.localdate()








# --- the list -------------------------------------------------------------------------------------------------


def item_list(request):
    form = forms.PowerItemFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.power_item_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "powers/items/item_list.html", "powers/items/_item_results.html", context)


def item_export(request):
    """The filtered list in the importer's columns: the file imports again as it is."""
    form = forms.PowerItemFilterForm(request.GET, user=request.user)
    queryset = selectors.power_item_list(user=request.user, filters=form.filters())
    return xlsx_response(filename=_("权责清单_%(day)s.xlsx") % {"day": f"{_today():%Y%m%d}"},
                         headers=importers.EXPORT_HEADERS, rows=importers.export_rows(queryset))


def item_detail(request, public_id):
    item = get_or_404(selectors.power_item_get, user=request.user, public_id=public_id)
    versions = list(selectors.power_item_versions(item=item))
    options = [o for o in power_item_workflow.available(item, request.user)]
    for newer, older in zip(versions, versions[1:], strict=False):
        newer.compare_with = older
    return render(request, "powers/items/item_detail.html", {
        "item": item, "departments": selectors.ordered_departments(item), "versions": versions,
        "options": options, "bases": [(selectors.basis_label(b.article, b.paragraph, b.item), b) for b in item.legal_bases.all()], "responsibilities": item.responsibilities.all(),
        "sub_items": item.sub_items.order_by("code"),
    })


def _item_form_page(request, form, item, title):
    return render(request, "powers/items/item_form.html", {"form": form, "item": item, "title": title})


@require_http_methods(["GET", "POST"])
def item_create(request):
    form = forms.PowerItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.power_item_create(by=request.user, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存权力事项草稿 %(code)s") % {"code": item.code})
            return redirect("powers:item_detail", public_id=item.public_id)
    return _item_form_page(request, form, None, _("新增权力事项"))


@require_http_methods(["GET", "POST"])
def item_edit(request, public_id):
    item = get_or_404(selectors.power_item_get, user=request.user, public_id=public_id)
    form = forms.PowerItemForm(request.POST or None, user=request.user, initial=forms.PowerItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.power_item_update(by=request.user, item=item, **form.service_kwargs())
        except PermissionDenied as exc:
            return HttpResponseForbidden(exc.message)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("powers:item_detail", public_id=item.public_id)
    return _item_form_page(request, form, item, _("编辑权力事项草稿"))


@require_http_methods(["GET", "POST"])
def item_adjust(request, public_id):
    item = get_or_404(selectors.power_item_get, user=request.user, public_id=public_id)
    form = forms.PowerItemAdjustForm(request.POST or None, user=request.user,
                                     initial={**forms.PowerItemForm.initial_for(item), "effective_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.power_item_adjust(by=request.user, item=item, reason=form.cleaned_data["reason"],
                                       document_number=form.cleaned_data["document_number"],
                                       effective_on=form.cleaned_data["effective_on"], **form.service_kwargs())
        except PermissionDenied as exc:
            return HttpResponseForbidden(exc.message)
        except SERVICE_ERRORS as exc:
            if getattr(exc, "code", "") == "permission_denied":
                return HttpResponseForbidden(exc.message)
            form.add_service_error(exc)
        else:
            messages.success(request, _("已调整,形成新版本"))
            return redirect("powers:item_detail", public_id=item.public_id)
    return _item_form_page(request, form, item, _("调整权力事项"))


@require_http_methods(["GET", "POST"])
def item_step(request, public_id, step: str):
    """Publish or abolish, with reason, document number and effective date."""
    if step not in STEPS:
        raise Http404
    item = get_or_404(selectors.power_item_get, user=request.user, public_id=public_id)
    service, verb = STEPS[step]
    form = forms.PowerItemStepForm(request.POST or None, initial={"effective_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            service(by=request.user, item=item, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            if getattr(exc, "code", "") == "permission_denied":
                return HttpResponseForbidden(exc.message)
            form.add_service_error(exc)
        else:
            messages.success(request, _("权力事项 %(code)s 已%(verb)s") % {"code": item.code, "verb": verb})
            return redirect("powers:item_detail", public_id=item.public_id)
    option = next((o for o in power_item_workflow.available(item, request.user) if o.name == step), None)
    return render(request, "powers/items/item_step.html", {"form": form, "item": item, "verb": verb, "step": step,
                                                            "option": option})


def item_publish(request, public_id):
    return item_step(request, public_id, "publish")


def item_abolish(request, public_id):
    return item_step(request, public_id, "abolish")


@require_http_methods(["GET", "POST"])
def item_review_confirm(request, public_id):
    """Clear an item's review flag: the reviewer found that the change of a cited law does not affect it."""
    item = get_or_404(selectors.power_item_get, user=request.user, public_id=public_id)
    form = forms.ReviewConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.power_item_review_confirm(by=request.user, item=item, reason=form.cleaned_data["reason"])
        except PermissionDenied as exc:
            return HttpResponseForbidden(exc.message)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已确认复核,待复核标记已解除"))
            return redirect("powers:item_detail", public_id=item.public_id)
    return render(request, "powers/items/item_review.html", {"form": form, "item": item})


# --- history, statistics, inspection items ------------------------------------------------------------------


def item_diff(request):
    """What changed in the list between two dates (from the versions in force on each)."""
    data = request.GET if request.GET.get("on_a") or request.GET.get("on_b") else None
    form = forms.DiffForm(data, user=request.user,
                          initial={"on_a": _today().replace(month=1, day=1) - dt.timedelta(days=1), "on_b": _today()})
    diff = None
    if data is not None and form.is_valid():
        diff = selectors.power_list_diff(on_a=form.cleaned_data["on_a"], on_b=form.cleaned_data["on_b"],
                                         department=form.cleaned_data["department"], user=request.user)
    return render(request, "powers/items/item_diff.html", {"form": form, "diff": diff})


def item_stats(request):
    return render(request, "powers/items/item_stats.html", {
        "stats": selectors.power_item_stats(user=request.user), "category_labels": PowerCategory.labels})


def inspection_list(request):
    form = forms.InspectionFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.inspection_item_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "powers/items/inspection_list.html", "powers/items/_inspection_results.html",
                        context)


def inspection_export(request):
    form = forms.InspectionFilterForm(request.GET, user=request.user)
    queryset = selectors.inspection_item_list(user=request.user, filters=form.filters()).order_by(*form.ordering())

    def rows():
        for item in queryset:
            yield ["、".join(d.name for d in item.departments.all()), item.code, item.name,
                   item.get_category_display(), item.inspection_method, item.inspection_object_scope,
                   ";".join(selectors.basis_label(b.article, b.paragraph, b.item) for b in item.legal_bases.all())]

    return xlsx_response(filename=_("随机抽查事项清单_%(day)s.xlsx") % {"day": f"{_today():%Y%m%d}"},
                         headers=INSPECTION_HEADERS, rows=rows())


# --- posts and decomposition -----------------------------------------------------------------------------------


def post_list(request):
    form = forms.PostFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.post_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "powers/items/post_list.html", "powers/items/_post_results.html", context)


def _body_or_404(user, public_id) -> EnforcementBody:
    try:
        return scope_queryset(EnforcementBody.objects.all(), user).select_related("organisation").get(
            public_id=public_id)
    except (ObjectDoesNotExist, ValidationError) as exc:
        raise Http404 from exc


@require_http_methods(["GET", "POST"])
def post_create(request):
    body_id = request.POST.get("body") or request.GET.get("body")
    body = _body_or_404(request.user, body_id) if body_id else None
    form = forms.PostForm(request.POST or None, user=request.user, body=body,
                          initial={"body": str(body.public_id)} if body else None)
    if request.method == "POST" and body is not None and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(by=request.user, body=body, name=data["name"], duties=data["duties"],
                                        power_items=data["power_items"], officers=data["officers"])
        except SERVICE_ERRORS as exc:
            if getattr(exc, "code", "") == "permission_denied":
                return HttpResponseForbidden(exc.message)
            form.add_service_error(exc)
        else:
            messages.success(request, _("已设立岗位 %(name)s") % {"name": post.name})
            return redirect("powers:post_edit", public_id=post.public_id)
    return render(request, "powers/items/post_form.html", {"form": form, "post": None, "body": body})


@require_http_methods(["GET", "POST"])
def post_edit(request, public_id):
    post = get_or_404(selectors.post_get, user=request.user, public_id=public_id)
    initial = {"body": str(post.body.public_id), "name": post.name, "duties": post.duties,
               "power_items": [str(i.public_id) for i in post.power_items.all()],
               "officers": [str(o.public_id) for o in post.officers.all()]}
    form = forms.PostForm(request.POST or None, user=request.user, body=post.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(by=request.user, post=post, name=data["name"], duties=data["duties"],
                                 power_items=data["power_items"], officers=data["officers"])
        except SERVICE_ERRORS as exc:
            if getattr(exc, "code", "") == "permission_denied":
                return HttpResponseForbidden(exc.message)
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("powers:post_edit", public_id=post.public_id)
    return render(request, "powers/items/post_form.html", {"form": form, "post": post, "body": post.body})


def decomposition(request):
    """Responsibility decomposition indicators per body and for the district (the bodies the user may see)."""
    return render(request, "powers/items/decomposition.html",
                  {"indicators": selectors.decomposition_indicators(user=request.user)})


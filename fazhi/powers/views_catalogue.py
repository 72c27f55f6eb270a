"""Staff screens of the service-item catalogue (政务服务事项). Thin: parse, one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.powers import selectors, services
from fazhi.powers.forms_catalogue import (
    ServiceItemConvertForm,
    ServiceItemDelegateForm,
    ServiceItemFilterForm,
    ServiceItemForm,
)

SERVICE_ERRORS = (DomainError, ValidationError)
EXPORT_HEADERS = [
    gettext_lazy("事项编码"), gettext_lazy("事项名称"), gettext_lazy("事项类型"), gettext_lazy("实施部门"),
    gettext_lazy("对应权力事项"), gettext_lazy("进驻政务服务中心"), gettext_lazy("办理条件"), gettext_lazy("申请材料"),
    gettext_lazy("法定时限(工作日)"), gettext_lazy("承诺时限(工作日)"), gettext_lazy("收费"), gettext_lazy("办理地点"),
    gettext_lazy("可网上受理"), gettext_lazy("审批转服务"), gettext_lazy("市级下放事项"), gettext_lazy("是否承接"),
    gettext_lazy("在用"),
]


def _get_or_404(**kwargs):
    return get_or_404(selectors.service_item_get, **kwargs)


def service_item_list(request):
    form = ServiceItemFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.service_item_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "powers/catalogue/list.html", "powers/catalogue/_results.html", context)


def service_item_export(request):
    form = ServiceItemFilterForm(request.GET, user=request.user)
    queryset = selectors.service_item_list(user=request.user, filters=form.filters()).order_by(*form.ordering())

    def taken_over(item):
        return "" if item.delegation_taken_over is None else item.delegation_taken_over

    rows = ([i.code, i.name, i.get_kind_display(), i.department.name, str(i.power_item or ""), i.resident_in_centre,
             i.requirements, i.materials, i.statutory_limit_days, i.committed_limit_days, i.fees, i.place, i.online,
             i.was_converted, i.delegated_from_city, taken_over(i), i.is_active]
            for i in queryset.iterator(chunk_size=1000))
    return xlsx_response(filename=_("政务服务事项_%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
                         headers=[str(h) for h in EXPORT_HEADERS], rows=rows)


def service_item_stats(request):
    return render(request, "powers/catalogue/stats.html", {
        "stats": selectors.service_item_stats(user=request.user),
        "departments": selectors.service_item_resident_departments(user=request.user),
    })


def service_item_detail(request, public_id):
    item = _get_or_404(user=request.user, public_id=public_id)
    return render(request, "powers/catalogue/detail.html", {
        "item": item,
        "events": selectors.service_item_events(item=item),
        "may_manage": services.service_item_may_manage(request.user, item.department),
    })


@require_http_methods(["GET", "POST"])
def service_item_create(request):
    form = ServiceItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.service_item_create(by=request.user, **form.service_fields())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已添加政务服务事项 %(name)s") % {"name": item.name})
            return redirect("powers:service_item_detail", public_id=item.public_id)
    return render(request, "powers/catalogue/form.html", {"form": form, "item": None,
                                                          "title": _("添加政务服务事项")})


@require_http_methods(["GET", "POST"])
def service_item_edit(request, public_id):
    item = _get_or_404(user=request.user, public_id=public_id)
    form = ServiceItemForm(request.POST or None, user=request.user, item=item,
                           initial=ServiceItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.service_item_update(by=request.user, item=item, **form.service_fields())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("powers:service_item_detail", public_id=item.public_id)
    return render(request, "powers/catalogue/form.html", {
        "form": form, "item": item, "title": _("编辑政务服务事项:%(name)s") % {"name": item.name}})


@require_http_methods(["GET", "POST"])
def service_item_convert(request, public_id):
    item = _get_or_404(user=request.user, public_id=public_id)
    form = ServiceItemConvertForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.service_item_convert(by=request.user, item=item, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("“%(name)s”已转为公共服务事项") % {"name": item.name})
            return redirect("powers:service_item_detail", public_id=item.public_id)
    return render(request, "powers/catalogue/form.html", {
        "form": form, "item": item, "title": _("审批事项转为服务事项:%(name)s") % {"name": item.name},
        "submit": _("转为服务事项")})


@require_http_methods(["GET", "POST"])
def service_item_delegate(request):
    form = ServiceItemDelegateForm(request.POST or None, user=request.user,
                                   initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.service_item_delegate(by=request.user, **form.service_fields())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已登记市级下放事项 %(name)s") % {"name": item.name})
            return redirect("powers:service_item_detail", public_id=item.public_id)
    return render(request, "powers/catalogue/form.html", {"form": form, "item": None,
                                                          "title": _("登记市级下放事项")})

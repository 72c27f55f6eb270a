"""Staff screens for officers, certificates, training, exams and volunteer supervisors.

Thin: parse input with a form, call one selector (reads, already scoped to the user) or one service (writes),
render. An object outside the user's scope is a 404, never data. Service errors become Chinese form errors.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.core.errors import DomainError
from fazhi.core.exports import xlsx_response
from fazhi.core.listing import get_or_404, list_context, render_list
from fazhi.personnel import forms, selectors, services
from fazhi.personnel.enums import CertificateStatus, OfficerStatus

SERVICE_ERRORS = (DomainError, ValidationError)

# action in the URL -> (verb shown to the user, service)
CERTIFICATE_ACTIONS = {
    "suspend": (gettext_lazy("暂扣"), services.certificate_suspend),
    "reinstate": (gettext_lazy("恢复"), services.certificate_reinstate),
    "revoke": (gettext_lazy("吊销"), services.certificate_revoke),
    "lose": (gettext_lazy("遗失作废"), services.certificate_declare_lost),
}


OFFICER_EXPORT_HEADERS = [
    gettext_lazy("姓名"), gettext_lazy("性别"), gettext_lazy("身份证号码"), gettext_lazy("所属单位"),
    gettext_lazy("职务/岗位"), gettext_lazy("人员类别"), gettext_lazy("联系电话"), gettext_lazy("状态"),
    gettext_lazy("当前证件编号"), gettext_lazy("证件状态"), gettext_lazy("证件有效期止"),
]
CERTIFICATE_EXPORT_HEADERS = [
    gettext_lazy("证件编号"), gettext_lazy("持证人"), gettext_lazy("所属单位"), gettext_lazy("执法类别"),
    gettext_lazy("执法区域"), gettext_lazy("发证机关"), gettext_lazy("有效期起"), gettext_lazy("有效期止"),
    gettext_lazy("状态"), gettext_lazy("状态原因"),
]
EXAM_EXPORT_HEADERS = [
    gettext_lazy("姓名"), gettext_lazy("身份证号码"), gettext_lazy("所属单位"), gettext_lazy("考试名称"),
    gettext_lazy("考试日期"), gettext_lazy("成绩"), gettext_lazy("是否合格"),
]
SUPERVISOR_EXPORT_HEADERS = [
    gettext_lazy("姓名"), gettext_lazy("性别"), gettext_lazy("界别"), gettext_lazy("工作单位"),
    gettext_lazy("联系电话"), gettext_lazy("聘任起"), gettext_lazy("聘任止"), gettext_lazy("状态"),
]








def _id_number_for(user):
    full = sees_full_id_numbers(user)
    return (lambda officer: officer.id_number) if full else (lambda officer: officer.id_number_masked)


def _qr_svg(request, certificate) -> str:
    url = request.build_absolute_uri(reverse("disclosure:certificate_qr", args=[certificate.number]))
    return segno.make(url, error="m").svg_inline(scale=4, dark="#111827", omitsize=False)


# --- officers -----------------------------------------------------------------------------------------------


def officer_list(request):
    form = forms.OfficerFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.officer_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "personnel/officer_list.html", "personnel/_officer_results.html", context)


def officer_export(request):
    form = forms.OfficerFilterForm(request.GET, user=request.user)
    queryset = selectors.officer_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    shown_id = _id_number_for(request.user)

    def rows():
        for officer in queryset.iterator(chunk_size=1000):
            cert = selectors.current_certificate(officer)
            yield [
                officer.name, officer.get_gender_display(), shown_id(officer), officer.organisation.name, officer.post,
                officer.get_staff_type_display(), officer.phone, officer.get_status_display(),
                cert.number if cert else "", cert.get_effective_status_display() if cert else "",
                cert.valid_to if cert else None,
            ]

    return xlsx_response(filename=_("执法人员_%(day)s.xlsx") % {"day": f"{selectors.today():%Y%m%d}"},
                         headers=[str(h) for h in OFFICER_EXPORT_HEADERS], rows=rows())


def officer_detail(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    current = selectors.current_certificate(officer)
    certificates = [(cert, services.certificate_allowed_actions(cert)) for cert in officer.certificates.all()]
    return render(request, "personnel/officer_detail.html", {
        "officer": officer,
        "current": current,
        "certificates": certificates,
        "trainings": officer.trainings.all(),
        "training_hours": selectors.training_hours_by_year(officer=officer),
        "exams": officer.exam_results.all(),
        "timeline": selectors.officer_timeline(officer=officer),
        "qr_svg": _qr_svg(request, current) if current else "",
        "qr_url": request.build_absolute_uri(reverse("disclosure:certificate_qr", args=[current.number]))
        if current else "",
    })


@require_http_methods(["GET", "POST"])
def officer_create(request):
    form = forms.OfficerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(by=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已添加执法人员 %(name)s") % {"name": officer.name})
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/officer_form.html", {"form": form, "officer": None})


@require_http_methods(["GET", "POST"])
def officer_edit(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    form = forms.OfficerForm(request.POST or None, user=request.user, initial=forms.OfficerForm.initial_for(officer))
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_update(by=request.user, officer=officer, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
            officer.refresh_from_db()
        else:
            messages.success(request, _("已保存"))
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/officer_form.html", {"form": form, "officer": officer})


@require_http_methods(["GET", "POST"])
def officer_leave(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    form = forms.OfficerLeaveForm(request.POST or None, initial={"left_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_leave(by=request.user, officer=officer, left_on=form.cleaned_data["left_on"],
                                   reason=form.cleaned_data["reason"])
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已办理离岗,在用证件已收回"))
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/officer_leave.html", {"form": form, "officer": officer,
                                                            "already_left": officer.status == OfficerStatus.LEFT})


@require_http_methods(["GET", "POST"])
def training_add(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    form = forms.TrainingForm(request.POST or None, initial={"held_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.training_record(by=request.user, officer=officer, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已登记培训记录"))
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/simple_form.html", {
        "form": form, "officer": officer, "title": _("登记培训"), "submit": _("保存"),
    })


@require_http_methods(["GET", "POST"])
def exam_add(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    form = forms.ExamForm(request.POST or None, initial={"taken_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.exam_record(by=request.user, officer=officer, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已登记考试成绩"))
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/simple_form.html", {
        "form": form, "officer": officer, "title": _("登记考试成绩"), "submit": _("保存"),
    })


# --- certificates -------------------------------------------------------------------------------------------


def certificate_list(request):
    form = forms.CertificateFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.certificate_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "personnel/certificate_list.html", "personnel/_certificate_results.html", context)


def certificate_export(request):
    form = forms.CertificateFilterForm(request.GET, user=request.user)
    queryset = selectors.certificate_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    today = selectors.today()

    def rows():
        for cert in queryset.iterator(chunk_size=1000):
            yield [
                cert.number, cert.officer.name, cert.officer.organisation.name,
                [c.name for c in cert.categories.all()], cert.area, cert.issuing_authority, cert.valid_from,
                cert.valid_to, CertificateStatus(cert.effective_status(today)).label, cert.status_reason,
            ]

    return xlsx_response(filename=_("执法证件_%(day)s.xlsx") % {"day": f"{today:%Y%m%d}"},
                         headers=[str(h) for h in CERTIFICATE_EXPORT_HEADERS], rows=rows())


def certificate_detail(request, public_id):
    cert = get_or_404(selectors.certificate_get, user=request.user, public_id=public_id)
    return render(request, "personnel/certificate_detail.html", {
        "cert": cert,
        "actions": services.certificate_allowed_actions(cert),
        "renewable": cert.status in (CertificateStatus.VALID, CertificateStatus.EXPIRED),
        "timeline": selectors.certificate_timeline(certificate=cert),
        "renewal": selectors.certificate_renewal_deadline(certificate=cert),
        "qr_svg": _qr_svg(request, cert),
        "qr_url": request.build_absolute_uri(reverse("disclosure:certificate_qr", args=[cert.number])),
    })


@require_http_methods(["GET", "POST"])
def certificate_issue(request, public_id):
    officer = get_or_404(selectors.officer_get, user=request.user, public_id=public_id)
    body_categories = [c for body in officer.organisation.bodies.all() for c in body.categories.all()]
    form = forms.CertificateIssueForm(request.POST or None, initial={"categories": body_categories})
    if request.method == "POST" and form.is_valid():
        try:
            cert = services.certificate_issue(by=request.user, officer=officer, **{
                **form.cleaned_data, "categories": list(form.cleaned_data["categories"]),
            })
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已核发证件 %(number)s") % {"number": cert.number})
            return redirect("personnel:officer_detail", public_id=officer.public_id)
    return render(request, "personnel/simple_form.html", {
        "form": form, "officer": officer, "title": _("核发执法证件"), "submit": _("核发"),
    })


@require_http_methods(["GET", "POST"])
def certificate_renew(request, public_id):
    cert = get_or_404(selectors.certificate_get, user=request.user, public_id=public_id)
    form = forms.CertificateRenewForm(request.POST or None, initial={"valid_from": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.certificate_renew(by=request.user, certificate=cert, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已换发新证 %(number)s") % {"number": new.number})
            return redirect("personnel:certificate_detail", public_id=new.public_id)
    return render(request, "personnel/simple_form.html", {
        "form": form, "officer": cert.officer, "cert": cert, "title": _("换发执法证件"), "submit": _("换发"),
    })


@require_http_methods(["GET", "POST"])
def certificate_action(request, public_id, action: str):
    """Suspend, reinstate, revoke or declare lost — always with a reason, through the matching service."""
    if action not in CERTIFICATE_ACTIONS:
        raise Http404
    cert = get_or_404(selectors.certificate_get, user=request.user, public_id=public_id)
    verb, service = CERTIFICATE_ACTIONS[action]
    form = forms.CertificateActionForm(request.POST or None, verb=verb, initial={"on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            service(by=request.user, certificate=cert, reason=form.cleaned_data["reason"],
                    on=form.cleaned_data.get("on"))
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("证件 %(number)s 已%(verb)s") % {"number": cert.number, "verb": verb})
            return redirect("personnel:certificate_detail", public_id=cert.public_id)
    return render(request, "personnel/certificate_action.html", {
        "form": form, "cert": cert, "action": action, "verb": verb,
        "allowed": action in services.certificate_allowed_actions(cert),
    })


# --- exams --------------------------------------------------------------------------------------------------


def exam_list(request):
    form = forms.ExamFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.exam_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "personnel/exam_list.html", "personnel/_exam_results.html", context)


def exam_export(request):
    form = forms.ExamFilterForm(request.GET, user=request.user)
    queryset = selectors.exam_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    shown_id = _id_number_for(request.user)
    rows = ([e.officer.name, shown_id(e.officer), e.officer.organisation.name, e.exam_name, e.taken_on, e.score,
             e.passed] for e in queryset.iterator(chunk_size=2000))
    return xlsx_response(filename=_("考试成绩_%(day)s.xlsx") % {"day": f"{selectors.today():%Y%m%d}"},
                         headers=[str(h) for h in EXAM_EXPORT_HEADERS], rows=rows)


# --- volunteer supervisors ----------------------------------------------------------------------------------


def supervisor_list(request):
    form = forms.SupervisorFilterForm(request.GET)
    context = list_context(request, selectors.supervisor_list(user=request.user, filters=form.filters()), form)
    return render_list(request, "personnel/supervisor_list.html", "personnel/_supervisor_results.html", context)


def supervisor_export(request):
    form = forms.SupervisorFilterForm(request.GET)
    queryset = selectors.supervisor_list(user=request.user, filters=form.filters()).order_by(*form.ordering())
    rows = ([s.name, s.get_gender_display(), s.get_sector_display(), s.work_unit, s.phone, s.term_start, s.term_end,
             s.get_status_display()] for s in queryset.iterator(chunk_size=2000))
    return xlsx_response(filename=_("义务监督员_%(day)s.xlsx") % {"day": f"{selectors.today():%Y%m%d}"},
                         headers=[str(h) for h in SUPERVISOR_EXPORT_HEADERS], rows=rows)


@require_http_methods(["GET", "POST"])
def supervisor_create(request):
    form = forms.SupervisorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            supervisor = services.supervisor_create(by=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已添加义务监督员 %(name)s") % {"name": supervisor.name})
            return redirect("personnel:supervisor_list")
    return render(request, "personnel/simple_form.html", {
        "form": form, "title": _("添加行政执法义务监督员"), "submit": _("保存"),
        "back": reverse("personnel:supervisor_list"),
    })


@require_http_methods(["GET", "POST"])
def supervisor_edit(request, public_id):
    supervisor = get_or_404(selectors.supervisor_get, user=request.user, public_id=public_id)
    form = forms.SupervisorEditForm(request.POST or None, initial=forms.SupervisorEditForm.initial_for(supervisor))
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_update(by=request.user, supervisor=supervisor, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已保存"))
            return redirect("personnel:supervisor_list")
    return render(request, "personnel/simple_form.html", {
        "form": form, "title": _("编辑义务监督员:%(name)s") % {"name": supervisor.name}, "submit": _("保存"),
        "back": reverse("personnel:supervisor_list"),
    })

"""Screens for the working-day calendar (holiday table), the deadline calculator and the rule table."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from fazhi.core import calendar_selectors as selectors
from fazhi.core import calendar_services as services
from fazhi.core.calendar_forms import DeadlineForm, HolidayYearForm, RuleOverrideForm, RuleResetForm
from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError
from fazhi.core.forms import add_service_error
from fazhi.core.rule_table import RULES_BY_ID
from fazhi.core.workdays import CalendarDataMissing


def year_list(request):
    return render(request, "core/calendar/year_list.html", {"years": selectors.calendar_years()})


def year_detail(request, year: int):
    try:
        days = selectors.calendar_year_days(year)
    except CalendarDataMissing as exc:
        raise Http404(exc.message) from exc
    return render(request, "core/calendar/year_detail.html", {"year": year, "days": days})


def year_edit(request):
    initial = {}
    if request.method == "GET" and request.GET.get("year", "").isdigit():
        year = int(request.GET["year"])
        initial = {"year": year, "days": selectors.calendar_year_lines(year)}
    form = HolidayYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.holiday_year_set(by=request.user, year=data["year"], notice=data["notice"],
                                      published_on=data["published_on"], text=data["days"], reason=data["reason"])
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, f"已保存{data['year']}年节假日安排")
            return redirect("calendar:year_detail", year=data["year"])
    return render(request, "core/calendar/year_form.html", {"form": form})


def deadline_calculator(request):
    form = DeadlineForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        pauses = [(data["pause_from"], data["pause_to"])] if data.get("pause_from") else []
        extensions = [data["extension"]] if data.get("extension") else []
        try:
            result = deadline(data["rule_id"], data["start"], pauses=pauses, extensions=extensions)
        except DomainError as exc:
            add_service_error(form, exc)
    return render(request, "core/calendar/deadline.html", {"form": form, "result": result})


def rule_list(request):
    return render(request, "core/calendar/rule_list.html", {"rules": selectors.rule_list()})


def rule_edit(request, rule_id: str):
    row = RULES_BY_ID.get(rule_id)
    if row is None:
        raise Http404
    current = next(r for r in selectors.rule_list() if r.row.id == rule_id)
    form = RuleOverrideForm(request.POST or None, initial={"length": current.effective.length,
                                                           "extension_length": current.effective.extension_length})
    reset_form = RuleResetForm(prefix="reset")
    if request.method == "POST":
        if "reset-reason" in request.POST:
            reset_form = RuleResetForm(request.POST, prefix="reset")
            if reset_form.is_valid():
                try:
                    services.deadline_rule_reset(by=request.user, rule_id=rule_id,
                                                 reason=reset_form.cleaned_data["reason"])
                except DomainError as exc:
                    add_service_error(reset_form, exc)
                else:
                    messages.success(request, f"{rule_id}已恢复为法定期限")
                    return redirect("calendar:rule_list")
            form = RuleOverrideForm(initial={"length": current.effective.length,
                                             "extension_length": current.effective.extension_length})
        elif form.is_valid():
            try:
                services.deadline_rule_override(by=request.user, rule_id=rule_id, **form.cleaned_data)
            except DomainError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, f"已调整{rule_id}")
                return redirect("calendar:rule_list")
    return render(request, "core/calendar/rule_form.html",
                  {"rule": current, "form": form, "reset_form": reset_form})

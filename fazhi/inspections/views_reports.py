"""The monthly random-inspection report (双随机一公开工作月报) and its xlsx export. Thin: parse the month and the
department, call fazhi.inspections.selectors.reports.monthly_report, render."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.exports import xlsx_response
from fazhi.inspections.rules import COVERAGE_RULE, COVERAGE_TARGET_MARKET, COVERAGE_TARGET_OTHER
from fazhi.inspections.selectors import reports

MIN_YEAR, MAX_YEAR = 2000, 2100


class ReportForm(forms.Form):
    month = forms.CharField(label=gettext_lazy("月份"), required=False,
                            widget=forms.DateInput(attrs={"type": "month"}))
    organisation = forms.UUIDField(label=gettext_lazy("部门"), required=False, widget=forms.Select)

    def __init__(self, data, *, departments, district: bool):
        super().__init__(data)
        self.departments = departments
        first = [("", gettext_lazy("全部部门"))] if district or len(departments) > 1 else []
        self.fields["organisation"].widget.choices = first + [(str(d.public_id), d.name) for d in departments]

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
                raise ValueError
        except ValueError as exc:
            raise forms.ValidationError(gettext_lazy("请选择正确的月份(如 2026-05)")) from exc
        return year, month

    def period(self) -> tuple[int, int]:
        """(year, month): the one chosen, or the current month."""
        self.is_valid()
        chosen = self.cleaned_data.get("month")
        if chosen:
            return chosen
        today = timezone.localdate()
        return today.year, today.month

    def organisation_obj(self):
        """The chosen department (one the user may see), or None: every department in the user's scope."""
        self.is_valid()
        key = self.cleaned_data.get("organisation")
        return next((d for d in self.departments if d.public_id == key), None) if key else None


def _report(request):
    departments = reports.report_departments(user=request.user)
    form = ReportForm(request.GET, departments=departments, district=reports.sees_district(request.user))
    year, month = form.period()
    organisation = form.organisation_obj()
    return form, reports.monthly_report(user=request.user, year=year, month=month, organisation=organisation)


def report(request):
    form, data = _report(request)
    return render(request, "inspections/report.html", {
        "form": form, "report": data, "month_value": f"{data.year:04d}-{data.month:02d}",
        "export_query": request.GET.urlencode(), "coverage_rule": COVERAGE_RULE,
        "target_market": COVERAGE_TARGET_MARKET, "target_other": COVERAGE_TARGET_OTHER,
    })


EXPORT_HEADERS = [
    gettext_lazy("部门"), gettext_lazy("启动任务数"), gettext_lazy("结束任务数"), gettext_lazy("检查对象数(户)"),
    gettext_lazy("发现问题(户)"), gettext_lazy("移送立案(件)"), gettext_lazy("按期公示(项)"),
    gettext_lazy("逾期公示(项)"), gettext_lazy("逾期未公示(项)"), gettext_lazy("已覆盖抽查事项"),
    gettext_lazy("行政检查事项总数"), gettext_lazy("覆盖率(%)"), gettext_lazy("目标(%)"), gettext_lazy("是否达标"),
]


def _met(value) -> str:
    if value is None:
        return "—"
    return _("达标") if value else _("未达标")


def _export_row(row: reports.ReportRow) -> list:
    c = row.coverage
    return [row.organisation if not row.is_total else _("全区合计"), row.tasks_started, row.tasks_ended,
            row.objects_inspected, row.problems_found, row.cases_opened, row.published_on_time, row.published_late,
            row.overdue_unpublished, c.covered, c.total, c.percent, c.target, _met(c.met)]


def report_export(request):
    _form, data = _report(request)
    rows = [_export_row(r) for r in data.rows]
    if data.total is not None:
        rows.append(_export_row(data.total))
    filename = _("双随机一公开工作月报_%(year)04d年%(month)02d月.xlsx") % {"year": data.year, "month": data.month}
    return xlsx_response(filename=filename, headers=[str(h) for h in EXPORT_HEADERS], rows=rows)

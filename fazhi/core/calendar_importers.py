"""Importing a year's holiday notice from a spreadsheet: one row per day (日期, 安排, 节日名称, 通知).

The permission rule is given where the importer is registered (fazhi/web/apps.py): core sits below accounts."""

from __future__ import annotations

from django.db import models

from fazhi.core import calendar_services as services
from fazhi.core.calendar_models import HolidayYear
from fazhi.core.errors import DomainError
from fazhi.core.imports import parsers
from fazhi.core.imports.base import Column, Importer, RowInvalid


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "休"
    MAKEUP_WORKDAY = "makeup_workday", "班"


KIND = parsers.choice(DayKind, extra={"法定节假日": "holiday", "休息": "holiday", "调休工作日": "makeup_workday",
                                      "上班": "makeup_workday"})


class HolidayImporter(Importer):
    key = "holidays"
    title = "法定节假日安排"
    description = "按国务院办公厅节假日安排通知,逐日导入某一年度的放假日与调休上班日。"
    columns = (
        Column("日期", "day", parsers.date, required=True, example="2027-02-06"),
        Column("安排", "kind", KIND, required=True, help="休(法定节假日)或班(调休工作日)", example="休"),
        Column("节日名称", "name", parsers.text(50), required=True, example="春节"),
        Column("通知", "notice", parsers.text(200), required=True, help="同一年度的各行填写同一通知",
               example="国务院办公厅关于2027年部分节假日安排的通知"),
    )
    notes = ("一个文件可包含一个或多个年度;已录入的年度将被整体替换,并记入全过程记录。",
             "周末无须登记为“休”;调休上班的周六、周日登记为“班”。")

    def prepare(self, *, user):
        return {"seen": {}, "notices": {}, "existing": set(HolidayYear.objects.values_list("year", flat=True))}

    def validate_row(self, row, context):
        day = row["day"]
        errors = {}
        if day in context["seen"]:
            errors["day"] = f"与第{context['seen'][day]}行日期重复"
        if row["kind"] == "makeup_workday" and day.weekday() < 5:
            errors["kind"] = f"{day.isoformat()}为周一至周五,调休工作日须为周六或周日"
        notice = context["notices"].setdefault(day.year, row["notice"])
        if notice != row["notice"]:
            errors["notice"] = f"{day.year}年各行的通知应相同(已为“{notice}”)"
        if errors:
            raise RowInvalid(errors)
        context["seen"][day] = row["_row"]
        return {"day": day, "kind": row["kind"], "name": row["name"], "notice": row["notice"],
                "replaces": day.year in context["existing"]}

    def commit(self, rows, *, by, job):
        by_year: dict[int, list[dict]] = {}
        for row in rows:
            by_year.setdefault(row["day"].year, []).append(row)
        for year, days in sorted(by_year.items()):
            text = "\n".join(f"{d['day'].isoformat()} {'休' if d['kind'] == 'holiday' else '班'} {d['name']}"
                             for d in days)
            try:
                services.holiday_year_set(by=by, year=year, notice=days[0]["notice"], published_on=None, text=text,
                                          reason="导入替换" if days[0]["replaces"] else "")
            except DomainError as exc:  # a whole-year rule (e.g. no holiday at all): the import fails as a whole
                raise DomainError(exc.code, f"{year}年:{exc.message}", field=exc.field) from exc
        return {f"{year}年": len(days) for year, days in sorted(by_year.items())}

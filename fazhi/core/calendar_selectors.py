"""Reads of the working-day calendar and the rule table, for the administrators' screens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.core.calendar_models import DeadlineRule, HolidayYear
from fazhi.core.rule_source import rule_for
from fazhi.core.rule_table import LAWS, RULES, UNIT_LABELS, RuleRow
from fazhi.core.workdays import PACKAGE_YEARS, calendar, package_year


@dataclass(frozen=True)
class YearCoverage:
    year: int
    source: str  # "administrator" | "package"
    notice: str
    holidays: int
    makeup_workdays: int


def calendar_years() -> list[YearCoverage]:
    """Every year the calendar can answer for, newest first; years without data are simply absent."""
    entered = {y.year: y for y in HolidayYear.objects.prefetch_related("days")}
    years = sorted(set(PACKAGE_YEARS) | set(entered), reverse=True)
    result = []
    for year in years:
        if year in entered:
            days = list(entered[year].days.all())
            result.append(YearCoverage(year, "administrator", entered[year].notice,
                                       sum(d.kind == "holiday" for d in days),
                                       sum(d.kind == "makeup_workday" for d in days)))
        else:
            data = package_year(year)
            result.append(YearCoverage(year, "package", "chinese-calendar 软件包内置数据",
                                       len(data.holidays), len(data.makeup_workdays)))
    return result


@dataclass(frozen=True)
class SpecialDay:
    day: dt.date
    kind: str
    label: str
    name: str


def calendar_year_days(year: int) -> list[SpecialDay]:
    """The year's holidays and make-up working days as the engine sees them (raises CalendarDataMissing)."""
    data = calendar.year(year)
    rows = [SpecialDay(d, "holiday", "休", n) for d, n in data.holidays.items()]
    rows += [SpecialDay(d, "makeup_workday", "班", n) for d, n in data.makeup_workdays.items()]
    return sorted(rows, key=lambda r: r.day)


def calendar_year_lines(year: int) -> str:
    """The year's days in the text format the entry form takes, to start an edit from."""
    try:
        return "\n".join(f"{d.day.isoformat()} {d.label} {d.name}" for d in calendar_year_days(year))
    except Exception:  # noqa: BLE001 - a year without data starts empty
        return ""


@dataclass(frozen=True)
class RuleView:
    row: RuleRow
    effective: RuleRow
    law_title: str
    unit_label: str
    override: DeadlineRule | None


def rule_list() -> list[RuleView]:
    overrides = {r.rule_id: r for r in DeadlineRule.objects.all()}
    return [RuleView(row, rule_for(row.id) or row, LAWS.get(row.law, row.law), UNIT_LABELS[row.kind],
                     overrides.get(row.id)) for row in RULES]

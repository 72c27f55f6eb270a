"""The working-day calendar (rules.md §0 "calendar"): the State Council holiday notice of each year, including
make-up working weekends (调休). Data comes from the `chinese-calendar` package plus the holiday table that
administrators extend when next year's notice is published. A year with no data is an error, never a guess."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field

import chinese_calendar

from fazhi.core.errors import DomainError

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

PACKAGE_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


class CalendarDataMissing(DomainError):
    def __init__(self, year: int):
        super().__init__(
            "calendar_year_missing",
            f"{year}年的法定节假日安排尚未录入,无法计算工作日;请系统管理员先录入该年国务院节假日通知",
            rule="CAL-YEAR",
        )
        self.year = year


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    working: bool
    kind: str  # "workday" | "weekend" | "holiday" | "makeup_workday"
    name: str = ""  # the holiday's Chinese name, for traces

    @property
    def label(self) -> str:
        if self.kind == "holiday":
            return f"法定节假日({self.name})" if self.name else "法定节假日"
        if self.kind == "makeup_workday":
            return "调休工作日"
        if self.kind == "weekend":
            return "周六" if self.day.weekday() == 5 else "周日"
        return "工作日"


@dataclass
class YearData:
    holidays: dict[dt.date, str] = field(default_factory=dict)  # rest days that would otherwise be workdays
    makeup_workdays: dict[dt.date, str] = field(default_factory=dict)  # weekends that are working days


def package_year(year: int) -> YearData | None:
    if year not in PACKAGE_YEARS:
        return None
    data = YearData()
    for day, name in chinese_calendar.holidays.items():
        if day.year == year:
            data.holidays[day] = HOLIDAY_NAMES_ZH.get(name, name or "")
    for day, name in chinese_calendar.workdays.items():
        if day.year == year:
            data.makeup_workdays[day] = HOLIDAY_NAMES_ZH.get(name, name or "")
    return data


class WorkCalendar:
    """Answers whether a day is a working day. `loader(year) -> YearData | None` supplies a year's data; the
    default loader reads the administrators' table first (it overrides the package), then the package."""

    def __init__(self, loader=None, ttl_seconds: float = 60.0):
        self._loader = loader or default_loader
        self._ttl = ttl_seconds
        self._years: dict[int, tuple[float, YearData]] = {}
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        with self._lock:
            self._years.clear()

    def year(self, year: int) -> YearData:
        now = time.monotonic()
        cached = self._years.get(year)
        if cached is not None and now - cached[0] < self._ttl:
            return cached[1]
        data = self._loader(year)
        if data is None:
            raise CalendarDataMissing(year)
        with self._lock:
            self._years[year] = (now, data)
        return data

    def info(self, day: dt.date) -> DayInfo:
        data = self.year(day.year)
        if day in data.makeup_workdays:
            return DayInfo(day, True, "makeup_workday", data.makeup_workdays[day])
        if day in data.holidays:
            return DayInfo(day, False, "holiday", data.holidays[day])
        if day.weekday() >= 5:
            return DayInfo(day, False, "weekend")
        return DayInfo(day, True, "workday")

    def is_working_day(self, day: dt.date) -> bool:
        data = self.year(day.year)
        if day in data.makeup_workdays:
            return True
        if day in data.holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day on or before `day`."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the start day is not counted (CPL practice)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def default_loader(year: int) -> YearData | None:
    """The administrators' table (fazhi.core.models.HolidayYear/HolidayDay) overrides the package for a year."""
    from fazhi.core.models import HolidayYear  # local import: the engine is usable without a database

    try:
        loaded = HolidayYear.objects.filter(year=year).prefetch_related("days").first()
    except Exception:  # noqa: BLE001 - no table yet (before migrate) means: use the package
        loaded = None
    if loaded is not None:
        data = YearData()
        for d in loaded.days.all():
            target = data.makeup_workdays if d.kind == "makeup_workday" else data.holidays
            target[d.day] = d.name
        return data
    return package_year(year)


calendar = WorkCalendar()

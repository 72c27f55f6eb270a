"""The one deadline engine (DESIGN.md mechanism 3): `deadline(rule_id, start, ...) -> Due`, with the due date,
the rule it came from, the unit, pauses and extensions, and a trace in plain Chinese of how it was computed."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fazhi.core import rule_table
from fazhi.core.errors import DomainError
from fazhi.core.rule_table import BEFORE_M, BEFORE_WD, CD, LAWS, WD, M, RuleRow
from fazhi.core.workdays import WorkCalendar
from fazhi.core.workdays import calendar as default_calendar

WEEKDAYS_ZH = "一二三四五六日"
START_YEARS = (1990, 2100)  # outside these, a start date is a typing error: refuse before any date arithmetic
ONE_DAY = dt.timedelta(days=1)


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def zh_date_weekday(day: dt.date) -> str:
    return f"{zh_date(day)}(星期{WEEKDAYS_ZH[day.weekday()]})"


@dataclass(frozen=True)
class Due:
    rule_id: str
    start: dt.date
    due: dt.date
    kind: str
    length: int
    extension_total: int
    paused_days: int
    trace: str
    basis: str
    steps: tuple[str, ...] = field(default=())

    @property
    def unit_label(self) -> str:
        return rule_table.UNIT_LABELS[self.kind]

    @property
    def is_working_day_count(self) -> bool:
        return self.kind in (WD, BEFORE_WD)

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def is_overdue(self, today: dt.date) -> bool:
        """Overdue is decided by date, not time of day (rules.md §0)."""
        return today > self.due

    def as_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "unit": self.kind,
            "unit_label": self.unit_label,
            "length": self.length,
            "extension_total": self.extension_total,
            "paused_days": self.paused_days,
            "basis": self.basis,
            "trace": self.trace,
            "steps": list(self.steps),
        }


def get_rule(rule_id: str) -> RuleRow:
    from fazhi.core.rule_source import rule_for  # local: overrides come from the database when it is there

    row = rule_for(rule_id)
    if row is None:
        raise DomainError("unknown_rule", f"未知的期限规则:{rule_id}", rule=rule_id)
    return row


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day n months later (or earlier), the month's last day where there is no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def _normalise_pauses(start: dt.date, pauses: Iterable[tuple[dt.date, dt.date]] | None) -> list[tuple]:
    result = []
    for begin, end in pauses or ():
        if end < begin:
            raise DomainError("bad_pause", f"中止期间结束日{zh_date(end)}早于开始日{zh_date(begin)}")
        begin = max(begin, start + ONE_DAY)  # the start day is not counted, so a pause cannot remove it
        if end >= begin:
            result.append((begin, end))
    result.sort()
    for (_, prev_end), (next_begin, _) in zip(result, result[1:], strict=False):
        if next_begin <= prev_end:
            raise DomainError("overlapping_pauses", "中止期间相互重叠")
    return result


def _in_pause(day: dt.date, pauses: Sequence[tuple[dt.date, dt.date]]) -> bool:
    return any(begin <= day <= end for begin, end in pauses)


def deadline(
    rule_id: str,
    start: dt.date,
    *,
    pauses: Iterable[tuple[dt.date, dt.date]] | None = None,
    extensions: Sequence[int] = (),
    cal: WorkCalendar | None = None,
) -> Due:
    """Compute when `rule_id` falls due for a clock started on `start`.

    * pauses — inclusive date ranges during which the clock stands still (suspension, hearing, testing …);
    * extensions — approved extensions in the rule's unit, each within the rule's allowance.
    Raises DomainError for an unknown rule, an extension the rule does not allow, or a year with no holiday data.
    """
    cal = cal or default_calendar
    rule = get_rule(rule_id)
    if not START_YEARS[0] <= start.year <= START_YEARS[1]:
        raise DomainError("date_out_of_range", f"起算日须在{START_YEARS[0]}年至{START_YEARS[1]}年之间", field="start",
                          rule=rule_id)
    for ext in extensions:
        if ext <= 0 or not rule.extension_length or ext > rule.extension_length:
            allowed = f"每次不超过{rule.extension_length}" + rule_table.UNIT_LABELS[rule.kind] if rule.extension_length else "不允许延长"
            raise DomainError("bad_extension", f"{rule_id}:延长{ext}不符合规定({allowed})", rule=rule_id)
    if rule.max_extensions is not None and len(extensions) > rule.max_extensions:
        raise DomainError("too_many_extensions", f"{rule_id}:最多延长{rule.max_extensions}次", rule=rule_id)
    pause_list = _normalise_pauses(start, pauses)
    if pause_list and rule.kind in (BEFORE_WD, BEFORE_M):
        raise DomainError("pause_not_applicable", f"{rule_id}为倒数期限,不适用中止", rule=rule_id)
    ext_total = sum(extensions)
    length = rule.length + ext_total
    basis = f"{rule.id} {LAWS.get(rule.law, rule.law)}{rule.article}"
    steps: list[str] = []
    paused_days = 0
    head = f"自{zh_date(start)}{rule.starts_from}起"

    if rule.kind == WD:
        count, day = 0, start
        while count < length:
            day += ONE_DAY
            if _in_pause(day, pause_list):
                paused_days += 1
                continue
            if cal.is_working_day(day):
                count += 1
        due = day
        steps.append(f"{head}第{length}个工作日(起始日不计,跳过周末、法定节假日,调休工作日照常计算)为{zh_date_weekday(due)}")
    elif rule.kind in (CD, M):
        if rule.kind == CD:
            raw = start + dt.timedelta(days=length)
            steps.append(f"{head}{length}日,届满日{zh_date_weekday(raw)}")
        else:
            raw = add_months(start, length)
            steps.append(f"{head}{length}个月,届满日{zh_date_weekday(raw)}")
        for begin, end in pause_list:
            if begin <= raw:
                span = (end - begin).days + 1
                paused_days += span
                raw += dt.timedelta(days=span)
                steps.append(f"扣除中止期间{zh_date(begin)}至{zh_date(end)}共{span}日,顺延至{zh_date(raw)}")
        info = cal.info(raw)
        if info.working:
            due = raw
            steps.append(f"{zh_date(raw)}为{info.label},即为届满日")
        else:
            due = cal.next_working_day(raw)
            due_info = cal.info(due)
            steps.append(f"{zh_date(raw)}为{info.label},顺延至{zh_date_weekday(due)}({due_info.label})")
    elif rule.kind == BEFORE_WD:
        count, day = 0, start
        while count < length:
            day -= ONE_DAY
            if cal.is_working_day(day):
                count += 1
        due = day
        steps.append(f"{rule.starts_from}{zh_date(start)}前第{length}个工作日(当日不计)为{zh_date_weekday(due)},最迟应于该日{rule.must}")
    elif rule.kind == BEFORE_M:
        raw = add_months(start, -length)
        due = cal.previous_working_day(raw)
        if due == raw:
            steps.append(f"{rule.starts_from}{zh_date(start)}前{length}个月为{zh_date_weekday(raw)}")
        else:
            steps.append(f"{rule.starts_from}{zh_date(start)}前{length}个月为{zh_date(raw)}({cal.info(raw).label}),"
                         f"提前至最近的工作日{zh_date_weekday(due)}")
    else:  # pragma: no cover - the rule table only holds the kinds above
        raise DomainError("bad_rule_kind", f"未知的期限类型:{rule.kind}")

    if ext_total:
        steps.insert(0, f"经批准延长{ext_total}" + ("个工作日" if rule.kind == WD else "日") + f",期限共{length}"
                     + ("个工作日" if rule.kind == WD else ("个月" if rule.kind == M else "日")))
    steps.append(f"依据:{basis}")
    trace = ";".join(steps) + "。"
    return Due(rule_id=rule.id, start=start, due=due, kind=rule.kind, length=length, extension_total=ext_total,
               paused_days=paused_days, trace=trace, basis=basis, steps=tuple(steps))

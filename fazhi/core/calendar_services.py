"""Writes to the holiday table and the region's deadline-rule overrides. Each is recorded (core_act)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction

from fazhi.core import rule_source
from fazhi.core.calendar_models import DeadlineRule, HolidayDay, HolidayYear
from fazhi.core.errors import DomainError
from fazhi.core.rule_table import RULES_BY_ID
from fazhi.core.signals import core_act
from fazhi.core.workdays import calendar

KIND_WORDS = {"休": "holiday", "假": "holiday", "休息": "holiday", "holiday": "holiday",
              "班": "makeup_workday", "上班": "makeup_workday", "调休上班": "makeup_workday",
              "makeup": "makeup_workday", "makeup_workday": "makeup_workday"}
LINE_RE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(\S+)\s+(.+?)\s*$")


@dataclass(frozen=True)
class DayLine:
    day: dt.date
    kind: str
    name: str


def holiday_lines_parse(*, year: int, text: str) -> list[DayLine]:
    """Parse lines like `2027-02-06 休 春节` or `2027-02-07 班 春节`. Raises one DomainError listing every bad
    line (line number and reason, in Chinese), so the administrator fixes them all at once."""
    errors: list[str] = []
    days: list[DayLine] = []
    seen: set[dt.date] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.strip().startswith("#"):
            continue
        match = LINE_RE.match(raw)
        if not match:
            errors.append(f"第{number}行:格式应为“日期 休/班 节日名称”,如“{year}-10-01 休 国庆节”")
            continue
        y, m, d, kind_word, name = match.groups()
        try:
            day = dt.date(int(y), int(m), int(d))
        except ValueError:
            errors.append(f"第{number}行:日期{y}-{m}-{d}不存在")
            continue
        kind = KIND_WORDS.get(kind_word)
        if kind is None:
            errors.append(f"第{number}行:类型“{kind_word}”应为“休”(法定节假日)或“班”(调休工作日)")
            continue
        if day.year != year:
            errors.append(f"第{number}行:日期{day.isoformat()}不在{year}年内")
            continue
        if day in seen:
            errors.append(f"第{number}行:日期{day.isoformat()}重复")
            continue
        if kind == "makeup_workday" and day.weekday() < 5:
            errors.append(f"第{number}行:{day.isoformat()}为周一至周五,调休工作日须为周六或周日")
            continue
        if kind == "holiday" and day.weekday() >= 5:
            # A holiday falling on a weekend is a rest day anyway; keep it so the name shows in traces.
            pass
        seen.add(day)
        days.append(DayLine(day, kind, name.strip()[:50]))
    if errors:
        raise DomainError("holiday_lines_invalid", ";".join(errors), field="days")
    if not any(d.kind == "holiday" for d in days):
        raise DomainError("holiday_lines_empty", f"未录入{year}年的任何法定节假日", field="days")
    return days


@transaction.atomic
def holiday_year_set(*, by, year: int, notice: str, published_on: dt.date | None, text: str,
                     reason: str = "") -> HolidayYear:
    """Enter (or replace) a year's State Council holiday notice. Replacing an existing year needs a reason:
    it changes every deadline that runs through that year, so the change is recorded with the old and new days."""
    if not 2000 <= year <= 2100:
        raise DomainError("bad_year", "年份应在2000至2100之间", field="year")
    if not notice.strip():
        raise DomainError("notice_required", "请填写国务院节假日通知的文号或名称", field="notice")
    days = holiday_lines_parse(year=year, text=text)
    existing = HolidayYear.objects.filter(year=year).first()
    before = []
    if existing is not None:
        if not reason.strip():
            raise DomainError("reason_required", f"{year}年已录入,修改须填写原因", field="reason")
        before = [f"{d.day.isoformat()} {d.kind} {d.name}" for d in existing.days.all()]
        existing.days.all().delete()
        existing.notice, existing.published_on = notice.strip(), published_on
        existing.save(update_fields=["notice", "published_on"])
        holiday_year = existing
    else:
        holiday_year = HolidayYear.objects.create(year=year, notice=notice.strip(), published_on=published_on)
    HolidayDay.objects.bulk_create(HolidayDay(year=holiday_year, day=d.day, kind=d.kind, name=d.name) for d in days)
    after = [f"{d.day.isoformat()} {d.kind} {d.name}" for d in days]
    core_act.send(sender=HolidayYear, actor=by, action="calendar.year_set", subject_type="core.HolidayYear",
                  subject_id=str(year), payload={"year": year, "notice": notice.strip(), "reason": reason.strip(),
                                                 "before": before, "after": after})
    transaction.on_commit(calendar.invalidate)
    return holiday_year


@transaction.atomic
def deadline_rule_override(*, by, rule_id: str, length: int, extension_length: int, reason: str) -> DeadlineRule:
    """A region sets its own length for a statutory period (rules.md: "Regions can override lengths")."""
    base = RULES_BY_ID.get(rule_id)
    if base is None:
        raise DomainError("unknown_rule", f"未知的期限规则:{rule_id}", field="rule_id")
    if not 0 < length <= 3650:
        raise DomainError("bad_length", "期限长度须为1至3650之间的整数", field="length")
    if not 0 <= extension_length <= 3650:
        raise DomainError("bad_extension", "可延长期限须为0至3650之间的整数", field="extension_length")
    if not reason.strip():
        raise DomainError("reason_required", "请填写调整依据(文件名称或文号)", field="reason")
    rule, _ = DeadlineRule.objects.update_or_create(
        rule_id=rule_id, defaults={"length": length, "extension_length": extension_length, "reason": reason.strip()}
    )
    core_act.send(sender=DeadlineRule, actor=by, action="calendar.rule_override", subject_type="core.DeadlineRule",
                  subject_id=rule_id, payload={"rule_id": rule_id, "statutory_length": base.length,
                                               "length": length, "extension_length": extension_length,
                                               "reason": reason.strip()})
    transaction.on_commit(rule_source.invalidate)
    return rule


@transaction.atomic
def deadline_rule_reset(*, by, rule_id: str, reason: str) -> None:
    """Return a rule to the statutory value of the code table."""
    if not reason.strip():
        raise DomainError("reason_required", "请填写恢复原因", field="reason")
    deleted, _ = DeadlineRule.objects.filter(rule_id=rule_id).delete()
    if not deleted:
        raise DomainError("not_overridden", f"{rule_id}未作地区调整", field="rule_id")
    core_act.send(sender=DeadlineRule, actor=by, action="calendar.rule_reset", subject_type="core.DeadlineRule",
                  subject_id=rule_id, payload={"rule_id": rule_id, "reason": reason.strip()})
    transaction.on_commit(rule_source.invalidate)

"""Each deadline rule at its edges: the day before, of and after; weekends, holidays, make-up working days.
These tests use the package's calendar (2004–2026) through a calendar that never touches the database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError
from fazhi.core.rule_table import RULES, WD
from fazhi.core.workdays import CalendarDataMissing, WorkCalendar, YearData, package_year

D = dt.date
CAL = WorkCalendar(loader=package_year)


def due(rule_id, start, **kw):
    return deadline(rule_id, start, cal=CAL, **kw)


@pytest.mark.parametrize(
    "accepted, expected, why",
    [
        (D(2023, 8, 1), D(2023, 10, 7), "day 60 is 09-30, a holiday: moves to the make-up working Saturday 10-07"),
        (D(2023, 8, 8), D(2023, 10, 7), "day 60 is Saturday 10-07, itself a make-up working day: no move"),
        (D(2023, 8, 10), D(2023, 10, 9), "day 60 is Monday 10-09: an ordinary working day"),
        (D(2023, 8, 9), D(2023, 10, 8), "day 60 is Sunday 10-08, also a make-up working day: no move"),
        (D(2023, 8, 13), D(2023, 10, 12), "day 60 is Thursday 10-12: the day itself"),
        (D(2023, 7, 31), D(2023, 10, 7), "day 60 is 09-29, Mid-Autumn: moves over the whole holiday to 10-07"),
    ],
)
def test_xzfy_62_1_reconsideration_decision(accepted, expected, why):
    assert due("XZFY-62-1", accepted).due == expected, why


def test_trace_explains_the_move_in_chinese():
    result = due("XZFY-62-1", D(2023, 8, 1))
    assert "自2023年8月1日受理行政复议申请起60日" in result.trace
    assert "2023年9月30日为法定节假日" in result.trace
    assert "顺延至2023年10月7日" in result.trace and "调休工作日" in result.trace
    assert "XZFY-62-1" in result.trace


@pytest.mark.parametrize(
    "served, expected, why",
    [
        (D(2026, 3, 2), D(2026, 3, 11), "Monday + 7 WD over one weekend"),
        (D(2026, 3, 6), D(2026, 3, 17), "Friday: the weekend is skipped, the start day not counted"),
        (D(2026, 2, 13), D(2026, 3, 2), "Spring Festival 2026 (02-15..02-23) is skipped; 02-14 and 02-28 are make-up days"),
        (D(2026, 9, 30), D(2026, 10, 15), "National Day 2026 (10-01..10-07) skipped; Saturday 10-10 is a make-up day"),
    ],
)
def test_xzcf_61_service_within_7_working_days(served, expected, why):
    assert due("XZCF-61", served).due == expected, why


def test_make_up_saturday_counts_as_a_working_day():
    # 2026-02-14 (Saturday) and 2026-02-28 (Saturday) are make-up working days around Spring Festival.
    assert CAL.is_working_day(D(2026, 2, 14))
    assert due("XZFY-30", D(2026, 2, 12)).due == D(2026, 2, 26)  # counted: 13, 14 (Sat make-up), 24, 25, 26


@pytest.mark.parametrize(
    "filed, expected",
    [
        (D(2026, 1, 5), D(2026, 4, 7)),  # day 90 = 04-05 Sunday (Qingming 04-04..06): next working day 04-07
        (D(2026, 1, 6), D(2026, 4, 7)),  # day 90 = 04-06 holiday
        (D(2026, 1, 7), D(2026, 4, 7)),  # day 90 = 04-07 Tuesday: the day itself
        (D(2026, 1, 8), D(2026, 4, 8)),  # the day after
    ],
)
def test_xzcf_60_ninety_days(filed, expected):
    assert due("XZCF-60", filed).due == expected


def test_xzcf_60_pause_and_extension():
    base = due("XZCF-60", D(2026, 1, 7))
    paused = due("XZCF-60", D(2026, 1, 7), pauses=[(D(2026, 2, 2), D(2026, 2, 11))])
    assert paused.paused_days == 10
    assert paused.due == D(2026, 4, 17)  # 04-07 + 10 days = 04-17 Friday
    extended = due("XZCF-60", D(2026, 1, 7), extensions=[30])
    assert extended.due == D(2026, 5, 7)  # 05-07 Thursday
    assert base.due < paused.due < extended.due
    assert "中止期间" in paused.trace and "经批准延长30日" in extended.trace


def test_extension_beyond_allowance_is_refused():
    with pytest.raises(DomainError, match="XZFY-62-1"):
        due("XZFY-62-1", D(2026, 3, 2), extensions=[31])
    with pytest.raises(DomainError):
        due("XZFY-62-1", D(2026, 3, 2), extensions=[30, 30])  # one extension only
    with pytest.raises(DomainError, match="不允许延长"):
        due("XZCF-61", D(2026, 3, 2), extensions=[1])


def test_working_day_pause_skips_paused_days():
    assert due("XXGK-33", D(2026, 3, 2)).due == D(2026, 3, 30)
    assert due("XXGK-33", D(2026, 3, 2), pauses=[(D(2026, 3, 9), D(2026, 3, 13))]).due == D(2026, 4, 7)


def test_before_working_days_hearing_notice():
    # hearing on Monday 2026-03-16: 7 working days before (the day itself not counted) is Friday 03-06
    assert due("XZCF-64-2", D(2026, 3, 16)).due == D(2026, 3, 5)


def test_months_rule_month_end_and_move():
    # no 31 February: the month's last day, 02-28, a Saturday that is a make-up working day: no move
    assert due("XZSS-46", D(2025, 8, 31)).due == D(2026, 2, 28)
    assert due("XZSS-46", D(2025, 11, 30)).due == D(2026, 6, 1)  # 05-30 is an ordinary Saturday: Monday 06-01
    assert due("XZSS-46", D(2026, 1, 15)).due == D(2026, 7, 15)


def test_cert_renew_is_latest_working_day_before():
    # certificate expires 2026-01-04: three months before is 2025-10-04, inside National Day: move back to 09-30
    assert due("CERT-RENEW", D(2026, 1, 4)).due == D(2025, 9, 30)


def test_a_year_without_data_is_an_error_not_a_guess():
    with pytest.raises(CalendarDataMissing, match="2027年"):
        due("XZFY-62-1", D(2026, 12, 1))


def test_administrators_year_data_is_used():
    year_2027 = YearData(holidays={D(2027, 1, 1): "元旦"}, makeup_workdays={})
    cal = WorkCalendar(loader=lambda y: year_2027 if y == 2027 else package_year(y))
    assert deadline("XZCF-61", D(2026, 12, 30), cal=cal).due == D(2027, 1, 11)


def test_unknown_rule():
    with pytest.raises(DomainError, match="未知的期限规则"):
        due("NOPE-1", D(2026, 3, 2))


@given(st.dates(min_value=D(2010, 1, 1), max_value=D(2025, 10, 1)),
       st.sampled_from([r.id for r in RULES if r.kind in ("WD", "CD", "M")]))
def test_property_due_is_a_working_day_after_start(start, rule_id):
    result = due(rule_id, start)
    assert result.due > start
    assert CAL.is_working_day(result.due)
    rule = next(r for r in RULES if r.id == rule_id)
    if rule.kind == WD:
        assert CAL.working_days_between(start, result.due) == rule.length


@given(st.dates(min_value=D(2010, 1, 1), max_value=D(2025, 6, 1)), st.integers(1, 40))
def test_property_pauses_never_shorten_a_deadline(start, span):
    pause = (start + dt.timedelta(days=3), start + dt.timedelta(days=3 + span))
    for rule_id in ("XZCF-60", "XZFY-48-2"):
        assert due(rule_id, start, pauses=[pause]).due >= due(rule_id, start).due


@pytest.mark.parametrize("start", [D(9999, 12, 31), D(1, 1, 1), D(1989, 12, 31)])
def test_a_start_date_outside_the_plausible_years_is_refused_not_crashed(start):
    for rule_id in ("XZFY-62-1", "XZCF-64-2", "CERT-RENEW", "XZCF-61"):
        with pytest.raises(DomainError, match="起算日须在"):
            due(rule_id, start)

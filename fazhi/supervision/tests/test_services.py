"""warnings_scan at the edges: the expiry thresholds (7, 30, 90 days), the renewal date moved back over a holiday,
idempotence, and resolution when a certificate is renewed, revoked or its holder leaves."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.personnel import services as personnel
from fazhi.personnel.enums import CertificateStatus, OfficerStatus
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.models import Warning
from fazhi.supervision.services import HORIZON_DAYS, level_for, warnings_scan
from fazhi.supervision.tasks import warnings_scan_daily

ON = dt.date(2026, 3, 2)  # a Monday
EXPIRY, RENEWAL, EXPIRED = (WarningKind.CERTIFICATE_EXPIRY, WarningKind.CERTIFICATE_RENEWAL_WINDOW,
                            WarningKind.CERTIFICATE_EXPIRED)


def certificate(district, valid_to, **kw):
    return CertificateFactory(officer=OfficerFactory(organisation=kw.pop("organisation", district.org_a)),
                              valid_from=dt.date(2020, 1, 1), valid_to=valid_to, categories=[district.market], **kw)


def open_warning(cert, kind):
    return Warning.objects.filter(subject_id=str(cert.public_id), kind=kind, resolved_at__isnull=True).first()


@pytest.mark.parametrize("days_left, level", [
    (-1, WarningLevel.OVERDUE),
    (0, WarningLevel.WITHIN_7),  # due today is not yet overdue (overdue is decided by date, rules.md §0)
    (7, WarningLevel.WITHIN_7),
    (8, WarningLevel.WITHIN_30),
    (30, WarningLevel.WITHIN_30),
    (31, WarningLevel.LATER),
])
def test_levels_at_their_thresholds(days_left, level):
    assert level_for(days_left) == level


@pytest.mark.parametrize("days_left, level", [
    (0, WarningLevel.WITHIN_7),
    (7, WarningLevel.WITHIN_7),
    (8, WarningLevel.WITHIN_30),
    (30, WarningLevel.WITHIN_30),
    (31, WarningLevel.LATER),
    (89, WarningLevel.LATER),
    (90, WarningLevel.LATER),  # the last day of the horizon
    (91, None),  # the day after: no expiry warning yet
])
def test_expiry_warning_at_the_edges(district, days_left, level):
    cert = certificate(district, ON + dt.timedelta(days=days_left))
    warnings_scan(on=ON)
    warning = open_warning(cert, EXPIRY)
    if level is None:
        assert warning is None
        return
    assert (warning.level, warning.due_on, warning.rule_id) == (level, cert.valid_to, "NMG96")
    assert warning.organisation == district.org_a
    assert cert.number in warning.message_zh and warning.subject_label == f"{cert.number} {cert.officer.name}"
    assert "有效期止" in warning.trace


@pytest.mark.parametrize("days_after", [1, 400])
def test_an_expired_certificate_never_renewed_is_overdue(district, days_after):
    cert = certificate(district, ON - dt.timedelta(days=days_after))
    warnings_scan(on=ON)
    assert open_warning(cert, EXPIRED).level == WarningLevel.OVERDUE
    assert open_warning(cert, EXPIRY) is None and open_warning(cert, RENEWAL) is None  # superseded


def test_the_day_a_certificate_expires_its_warning_turns_into_an_expired_one(district):
    cert = certificate(district, ON)
    warnings_scan(on=ON)
    before = open_warning(cert, EXPIRY)
    assert before.level == WarningLevel.WITHIN_7 and "今日到期" in before.message_zh
    warnings_scan(on=ON + dt.timedelta(days=1))
    before.refresh_from_db()
    assert before.resolved_at is not None and before.resolution == "证件已过期(见证件过期预警)"
    assert open_warning(cert, EXPIRED).level == WarningLevel.OVERDUE


# Spring Festival 2026: 3 months before 2026-05-18 is Wednesday 2026-02-18, a holiday; the renewal date moves
# back to Saturday 2026-02-14, a make-up working day. A scan that ignored the holiday would see 2026-02-18.
SPRING_VALID_TO = dt.date(2026, 5, 18)


@pytest.mark.parametrize("on, level, days_text", [
    (dt.date(2026, 2, 13), WarningLevel.WITHIN_7, "还有1日"),  # the day before
    (dt.date(2026, 2, 14), WarningLevel.WITHIN_7, "还有今日"),  # the day itself, a make-up working Saturday
    (dt.date(2026, 2, 15), WarningLevel.OVERDUE, "已逾期1日"),  # the day after
    (dt.date(2026, 2, 16), WarningLevel.OVERDUE, "已逾期2日"),  # still before the unmoved 02-18: overdue anyway
])
def test_renewal_date_moved_back_over_spring_festival(district, on, level, days_text):
    cert = certificate(district, SPRING_VALID_TO)
    warnings_scan(on=on)
    warning = open_warning(cert, RENEWAL)
    assert (warning.due_on, warning.level, warning.rule_id) == (dt.date(2026, 2, 14), level, "CERT-RENEW")
    assert days_text in warning.message_zh
    assert "2026年2月18日(法定节假日(春节))" in warning.trace and "调休" not in warning.message_zh
    assert "提前至最近的工作日2026年2月14日" in warning.trace


def test_renewal_date_moved_back_over_national_day(district):
    # 3 months before 2026-01-08 is 2025-10-08, the last day of the National Day holiday: due Tuesday 2025-09-30
    cert = certificate(district, dt.date(2026, 1, 8))
    warnings_scan(on=dt.date(2025, 10, 1))
    warning = open_warning(cert, RENEWAL)
    assert (warning.due_on, warning.level) == (dt.date(2025, 9, 30), WarningLevel.OVERDUE)
    assert "国庆节" in warning.trace


def test_renewal_window_horizon_edges(district):
    # renewal due 2026-05-29 (Friday; valid_to 2026-08-29 a Saturday, 3 months before is a working Friday)
    cert = certificate(district, dt.date(2026, 8, 29))
    warnings_scan(on=dt.date(2026, 5, 29) - dt.timedelta(days=HORIZON_DAYS + 1))
    assert open_warning(cert, RENEWAL) is None
    warnings_scan(on=dt.date(2026, 5, 29) - dt.timedelta(days=HORIZON_DAYS))
    warning = open_warning(cert, RENEWAL)
    assert (warning.due_on, warning.level) == (dt.date(2026, 5, 29), WarningLevel.LATER)
    assert open_warning(cert, EXPIRY) is None  # expiry itself is still 182 days away


def test_scan_is_idempotent_and_updates_levels_as_days_pass(district):
    cert = certificate(district, ON + dt.timedelta(days=10))
    first = warnings_scan(on=ON)
    assert first["created"] == 2 and first["errors"] == []  # expiry + renewal (overdue)
    ids = set(Warning.objects.values_list("pk", flat=True))
    second = warnings_scan(on=ON)
    assert (second["created"], second["updated"], second["resolved"], second["unchanged"]) == (0, 0, 0, 2)
    assert set(Warning.objects.values_list("pk", flat=True)) == ids
    third = warnings_scan(on=ON + dt.timedelta(days=3))
    assert third["created"] == 0 and third["updated"] == 2
    warning = open_warning(cert, EXPIRY)
    assert warning.level == WarningLevel.WITHIN_7 and warning.pk in ids and "还有7日" in warning.message_zh


@pytest.mark.parametrize("how, resolution", [
    ("renew", "已换发新证"),
    ("revoke", "证件已吊销"),
    ("suspend", "证件已暂扣"),
    ("leave", "持证人已离岗,证件已收回"),
])
def test_warnings_are_resolved_when_no_longer_applicable(district, how, resolution):
    cert = certificate(district, ON + dt.timedelta(days=20))
    warnings_scan(on=ON)
    assert Warning.objects.filter(subject_id=str(cert.public_id), resolved_at__isnull=True).count() == 2
    if how == "renew":
        new = personnel.certificate_renew(by=district.legal, certificate=cert, number="15010588888", valid_from=ON)
    elif how == "revoke":
        personnel.certificate_revoke(by=district.legal, certificate=cert, reason="违法执法")
    elif how == "suspend":
        personnel.certificate_suspend(by=district.legal, certificate=cert, reason="调查")
    else:
        personnel.officer_leave(by=district.admin_a, officer=cert.officer, left_on=ON, reason="调离")
    result = warnings_scan(on=ON)
    assert result["resolved"] == 2
    assert not Warning.objects.filter(subject_id=str(cert.public_id), resolved_at__isnull=True).exists()
    assert set(Warning.objects.filter(subject_id=str(cert.public_id)).values_list("resolution", flat=True)) == {
        resolution}
    if how == "renew":  # the new certificate runs to 2032: nothing to warn about
        assert not Warning.objects.filter(subject_id=str(new.public_id)).exists()


def test_a_reinstated_certificate_is_warned_about_again(district):
    cert = certificate(district, ON + dt.timedelta(days=20))
    warnings_scan(on=ON)
    personnel.certificate_suspend(by=district.legal, certificate=cert, reason="调查")
    warnings_scan(on=ON)
    personnel.certificate_reinstate(by=district.legal, certificate=cert, reason="调查结束")
    warnings_scan(on=ON)
    assert Warning.objects.filter(subject_id=str(cert.public_id), kind=EXPIRY).count() == 2  # history + open one
    assert open_warning(cert, EXPIRY) is not None


def test_certificates_not_in_force_get_no_warning(district):
    left = certificate(district, ON + dt.timedelta(days=5))
    type(left.officer).objects.filter(pk=left.officer.pk).update(status=OfficerStatus.LEFT)
    for status in (CertificateStatus.REVOKED, CertificateStatus.LOST, CertificateStatus.REPLACED,
                   CertificateStatus.SUSPENDED):
        certificate(district, ON + dt.timedelta(days=5), status=status)
    assert warnings_scan(on=ON)["created"] == 0


def test_a_year_without_calendar_data_is_reported_not_guessed(district):
    # renewal of a certificate ending in May 2027 falls in February 2027: no holiday data for 2027 (yet)
    cert = certificate(district, dt.date(2027, 5, 18))
    result = warnings_scan(on=dt.date(2027, 3, 1))
    assert len(result["errors"]) == 1 and cert.number in result["errors"][0] and "2027" in result["errors"][0]
    assert open_warning(cert, RENEWAL) is None
    assert open_warning(cert, EXPIRY).level == WarningLevel.LATER  # the end date itself needs no calendar


def test_a_renewal_date_surely_beyond_the_horizon_is_not_computed(district):
    # 3 months before 2027-06-22 is 2027-03-22: even moved back over the longest holiday it stays after
    # 2026-12-01 + 90 days, so 2027's calendar (not available) is not needed
    certificate(district, dt.date(2027, 6, 22))
    assert warnings_scan(on=dt.date(2026, 12, 1)) | {"open": 0} == {
        "created": 0, "updated": 0, "unchanged": 0, "resolved": 0, "open": 0, "errors": [],
        "calendar": 1}  # 2027 is within the horizon and has no holiday data: one district-wide warning


def test_the_command_and_the_daily_task_scan(district, capsys):
    cert = certificate(district, ON + dt.timedelta(days=3))
    call_command("warnings_scan", "--on", ON.isoformat())
    assert "新增2" in capsys.readouterr().out
    assert open_warning(cert, EXPIRY).level == WarningLevel.WITHIN_7


def test_the_daily_task_scans_as_of_today(district):
    today = timezone.localdate()
    cert = certificate(district, today + dt.timedelta(days=3))
    warnings_scan_daily.call_local()
    warning = open_warning(cert, EXPIRY)
    assert (warning.level, warning.last_scanned_on) == (WarningLevel.WITHIN_7, today)


def test_a_year_without_holiday_data_within_the_horizon_warns_the_office(district):
    from fazhi.supervision.selectors import warnings_for

    # 2026-10-15 + 90 days reaches into 2027, for which the package has no data and none was entered
    warnings_scan(on=dt.date(2026, 10, 15))
    warning = Warning.objects.get(kind="calendar_year_missing", resolved_at__isnull=True)
    assert warning.subject_id == "2027" and warning.due_on == dt.date(2026, 12, 31)
    assert "2027年" in warning.trace and warning.organisation is None
    assert warning in warnings_for(user=district.legal)
    assert warning not in warnings_for(user=district.admin_a)


def test_no_calendar_warning_while_the_horizon_stays_in_known_years(district):
    warnings_scan(on=dt.date(2026, 10, 2))  # + 90 days = 2026-12-31, the last day of a known year
    assert not Warning.objects.filter(kind="calendar_year_missing").exists()


def test_calendar_warning_is_resolved_once_the_year_is_entered(district):
    from fazhi.core import calendar_services
    from fazhi.core.workdays import calendar

    warnings_scan(on=dt.date(2026, 10, 15))
    calendar_services.holiday_year_set(by=district.legal, year=2027, notice="通知", published_on=None,
                                       text="2027-01-01 休 元旦")
    calendar.invalidate()
    warnings_scan(on=dt.date(2026, 10, 16))
    calendar.invalidate()
    assert Warning.objects.get(kind="calendar_year_missing").resolution == "节假日安排已录入"

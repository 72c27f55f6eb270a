"""The holiday table administrators extend, the rule overrides, and their screens."""

import datetime as dt

import pytest

from fazhi.core import calendar_services as services
from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError
from fazhi.core.workdays import CalendarDataMissing, calendar
from fazhi.records.models import Entry

# A made-up 2027 notice for the tests (the real one is published by the State Council in late 2026).
NOTICE_2027 = """
2027-01-01 休 元旦
2027-02-05 休 春节
2027-02-08 休 春节
2027-02-09 休 春节
2027-02-10 休 春节
2027-02-11 休 春节
2027-02-12 休 春节
2027-02-13 班 春节
"""


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.invalidate()
    yield
    calendar.invalidate()


def test_a_year_entered_by_the_administrator_is_used(district, django_capture_on_commit_callbacks):
    with pytest.raises(CalendarDataMissing):
        deadline("XZCF-61", dt.date(2027, 2, 3))
    with django_capture_on_commit_callbacks(execute=True):
        services.holiday_year_set(by=district.legal, year=2027, notice="国办发明电〔2026〕测试号",
                                  published_on=dt.date(2026, 11, 10), text=NOTICE_2027)
    # from Wednesday 02-03: 04 (1), 05 holiday, 08–12 holidays, 13 Saturday make-up (2), 15 (3), 16, 17, 18, 19 (7)
    assert deadline("XZCF-61", dt.date(2027, 2, 3)).due == dt.date(2027, 2, 19)
    entry = Entry.objects.get(action="calendar.year_set")
    assert entry.actor == district.legal and entry.payload["year"] == 2027


def test_bad_lines_are_all_reported_and_nothing_is_saved(district):
    text = "2027-01-01 休 元旦\n2027-13-01 休 错\n2027-02-10 班 春节\n2026-12-31 休 元旦\n2027-02-06 放 春节"
    with pytest.raises(DomainError) as caught:
        services.holiday_year_set(by=district.legal, year=2027, notice="通知", published_on=None, text=text)
    message = caught.value.message
    assert "第2行" in message and "不存在" in message
    assert "第3行" in message and "周一至周五" in message  # 2027-02-10 is a Wednesday: not a make-up day
    assert "第4行" in message and "不在2027年内" in message
    assert "第5行" in message and "“放”" in message
    assert not Entry.objects.filter(action="calendar.year_set").exists()
    with pytest.raises(CalendarDataMissing):
        calendar.year(2027)


def test_replacing_a_year_needs_a_reason(district):
    services.holiday_year_set(by=district.legal, year=2027, notice="通知", published_on=None, text=NOTICE_2027)
    with pytest.raises(DomainError, match="修改须填写原因"):
        services.holiday_year_set(by=district.legal, year=2027, notice="通知", published_on=None, text=NOTICE_2027)
    services.holiday_year_set(by=district.legal, year=2027, notice="更正通知", published_on=None,
                              text=NOTICE_2027 + "2027-02-14 班 春节", reason="国务院更正")
    entry = Entry.objects.filter(action="calendar.year_set").order_by("-pk").first()
    assert entry.payload["reason"] == "国务院更正" and len(entry.payload["before"]) == 8


def test_rule_override_changes_the_length_and_is_recorded(district, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.deadline_rule_override(by=district.legal, rule_id="GB118-DECISION", length=5, extension_length=0,
                                        reason="自治区规定:5个工作日内公示")
    assert deadline("GB118-DECISION", dt.date(2026, 3, 2)).due == dt.date(2026, 3, 9)
    with django_capture_on_commit_callbacks(execute=True):
        services.deadline_rule_reset(by=district.legal, rule_id="GB118-DECISION", reason="恢复")
    assert deadline("GB118-DECISION", dt.date(2026, 3, 2)).due == dt.date(2026, 3, 11)
    assert Entry.objects.filter(action__startswith="calendar.rule").count() == 2


def test_rule_override_needs_a_reason(district):
    with pytest.raises(DomainError, match="调整依据"):
        services.deadline_rule_override(by=district.legal, rule_id="XZCF-61", length=5, extension_length=0,
                                        reason=" ")


def test_screens(district, client_for):
    client = client_for(district.legal)
    assert "2026" in client.get("/calendar/").content.decode()
    page = client.get("/calendar/years/2026/").content.decode()
    assert "2026-10-10" in page and "国庆节" in page  # the make-up Saturday after National Day
    response = client.post("/calendar/years/edit/", {"year": 2027, "notice": "测试通知", "days": "2027-02-10 班 春节"})
    assert response.status_code == 200 and "周一至周五" in response.content.decode()
    response = client.get("/calendar/deadline/", {"rule_id": "XZFY-62-1", "start": "2023-08-01"})
    assert "2023年10月7日" in response.content.decode() and "调休工作日" in response.content.decode()
    response = client.get("/calendar/deadline/", {"rule_id": "XZFY-62-1", "start": "2026-12-01"})
    assert "2027年的法定节假日安排尚未录入" in response.content.decode()


def test_only_the_office_edits_the_calendar(district, client_for):
    client = client_for(district.admin_a)
    assert client.get("/calendar/").status_code == 200
    assert client.get("/calendar/years/edit/").status_code == 403
    assert client.get("/calendar/rules/XZCF-61/").status_code == 403


# --- the holiday importer (registered from fazhi/web/apps.py) ----------------------------------------------

HEADERS = ["日期", "安排", "节日名称", "通知"]


def _import(user, rows):
    from fazhi.core.imports import services as imports
    from fazhi.core.tests.files import xlsx_upload

    job = imports.import_job_create(by=user, importer_key="holidays", upload=xlsx_upload(HEADERS, rows))
    if job.status == "valid":
        job = imports.import_job_confirm(by=user, job=job)
    return job


def test_holiday_import_enters_a_year(district, django_capture_on_commit_callbacks):
    notice = "国务院办公厅关于2027年部分节假日安排的通知"
    rows = [[line.split()[0], line.split()[1], line.split()[2], notice] for line in NOTICE_2027.strip().splitlines()]
    with django_capture_on_commit_callbacks(execute=True):
        job = _import(district.legal, rows)
    assert job.status == "committed", job.errors
    assert deadline("XZCF-61", dt.date(2027, 2, 3)).due == dt.date(2027, 2, 19)
    assert Entry.objects.filter(action="calendar.year_set").count() == 1


def test_holiday_import_rejects_bad_rows_and_changes_nothing(district):
    rows = [["2027-01-01", "休", "元旦", "通知"], ["2027-02-10", "班", "春节", "通知"],
            ["2027-01-01", "休", "元旦", "通知"], ["2027-02-13", "放", "春节", "通知"]]
    job = _import(district.legal, rows)
    assert job.status == "invalid"
    reasons = " ".join(e["message"] for e in job.errors)
    assert "周一至周五" in reasons and "重复" in reasons
    with pytest.raises(CalendarDataMissing):
        calendar.year(2027)


def test_only_the_office_may_import_holidays(district):
    from fazhi.core.imports import registry

    assert not registry.get("holidays").allowed(district.admin_a)
    assert registry.get("holidays").allowed(district.legal)


def test_screens_refuse_out_of_range_input_without_a_crash(district, client_for):
    client = client_for(district.legal)
    response = client.post("/calendar/rules/XZCF-60/", {"length": "99999999999999999999", "extension_length": 0,
                                                        "reason": "测试"})
    assert response.status_code == 200 and "3650" in response.content.decode()
    response = client.get("/calendar/deadline/", {"rule_id": "XZCF-61", "start": "9999-12-31"})
    assert response.status_code == 200 and "起算日须在" in response.content.decode()


def test_read_only_roles_see_no_edit_buttons(district, client_for):
    page = client_for(district.admin_a).get("/calendar/").content.decode()
    assert "/calendar/years/edit/" not in page
    assert "/calendar/rules/XZCF-61/" not in client_for(district.admin_a).get("/calendar/rules/").content.decode()
    assert "/calendar/years/edit/" in client_for(district.legal).get("/calendar/").content.decode()

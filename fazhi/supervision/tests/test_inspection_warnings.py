"""Inspection warnings (fazhi.supervision.inspection_warnings): an ended task whose results are not published warns
the lead department by days left until its INSPECTION-PUBLISH date, and the warning is resolved on publication; a
date left open for a year without holiday data is filled in once the year is entered."""

import datetime as dt

import pytest

from fazhi.core import calendar_services
from fazhi.core.workdays import calendar
from fazhi.inspections.services import tasks as svc
from fazhi.inspections.tests.conftest import insp  # noqa: F401 - the inspections world, as a fixture here
from fazhi.inspections.tests.test_tasks import draw, make_task, patch_today, record_all_results
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.models import Warning
from fazhi.supervision.selectors import warnings_for
from fazhi.supervision.services import warnings_scan

D = dt.date
KIND = WarningKind.INSPECTION_PUBLICATION_DUE


@pytest.fixture
def today(monkeypatch):
    return patch_today(monkeypatch)


def _open():
    return Warning.objects.filter(kind=KIND, resolved_at__isnull=True)


def _ended(insp, ended_on, start_on=None):  # noqa: F811
    task = draw(insp, make_task(insp, start_on=start_on or D(2026, 9, 1), end_on=ended_on))
    record_all_results(task)
    return svc.task_end(by=insp.d.admin_a, task=task, ended_on=ended_on)


def test_an_ended_task_warns_by_days_left_and_is_resolved_on_publication(insp, today):  # noqa: F811 - insp is the imported fixture
    task = _ended(insp, D(2026, 9, 30))  # results due 2026-11-03
    warnings_scan(on=D(2026, 9, 30))
    warning = _open().get()
    assert warning.subject_id == str(task.public_id) and warning.organisation == insp.d.org_a
    assert warning.due_on == D(2026, 11, 3) and warning.rule_id == "INSPECTION-PUBLISH"
    assert warning.level == WarningLevel.LATER  # 34 days left
    assert "第20个工作日" in warning.trace and task.number in warning.message_zh
    for on, level in ((D(2026, 10, 4), WarningLevel.WITHIN_30),  # 30 days left
                      (D(2026, 10, 27), WarningLevel.WITHIN_7),  # 7 days left
                      (D(2026, 11, 3), WarningLevel.WITHIN_7),  # due today
                      (D(2026, 11, 4), WarningLevel.OVERDUE)):
        warnings_scan(on=on)
        assert _open().get().level == level, on
    assert "已逾期1日" in _open().get().message_zh
    assert warnings_scan(on=D(2026, 11, 4))["unchanged"] >= 1  # run twice for one day: nothing changes
    assert _open().count() == 1
    assert warnings_for(user=insp.d.admin_a).filter(kind=KIND).count() == 1
    assert not warnings_for(user=insp.d.admin_b).filter(kind=KIND).exists()

    svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 11, 4))
    warnings_scan(on=D(2026, 11, 5))
    assert not _open().exists()
    assert Warning.objects.get(kind=KIND).resolution == "检查结果已公示"


def test_a_task_still_drawn_or_published_has_no_warning(insp, today):  # noqa: F811 - insp is the imported fixture
    draw(insp, make_task(insp))
    warnings_scan(on=D(2026, 10, 1))
    assert not _open().exists()


def test_a_date_left_open_for_a_year_without_holiday_data_is_filled_in_once_entered(insp, today):  # noqa: F811 - insp is the imported fixture
    task = _ended(insp, D(2027, 3, 31), start_on=D(2027, 3, 1))
    assert task.publish_due is None
    warnings_scan(on=D(2027, 4, 1))
    assert not _open().exists()
    calendar_services.holiday_year_set(by=insp.d.legal, year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知",
                                       published_on=None, text="2027-04-05 休 清明节")
    calendar.invalidate()
    warnings_scan(on=D(2027, 4, 1))
    task.refresh_from_db()
    # 20 working days from Wednesday 2027-03-31, Monday 04-05 a holiday: Thursday 2027-04-29
    assert task.publish_due == D(2027, 4, 29)
    warning = _open().get()
    assert warning.due_on == D(2027, 4, 29) and warning.level == WarningLevel.WITHIN_30


def test_the_warning_list_links_to_the_task(insp, today, client):  # noqa: F811 - insp is the imported fixture
    from django.urls import reverse

    task = _ended(insp, D(2026, 9, 30))
    warnings_scan(on=D(2026, 9, 30))
    client.force_login(insp.d.admin_a, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(reverse("supervision:warning_list")).content.decode()
    assert reverse("inspections:task_detail", args=[task.public_id]) in body

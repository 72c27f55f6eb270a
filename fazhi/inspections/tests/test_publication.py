"""The end of a task and the publication of its results (rules.md §7, INSPECTION-PUBLISH: within 20 working days of
the task's end, the start day not counted, weekends and holidays skipped, make-up working days counted).

2026 calendar (State Council notice, as loaded): National Day holiday 2026-10-01 … 10-07, make-up working days
Sunday 2026-09-20 and Saturday 2026-10-10. 2027 has no holiday data in the tests: its dates cannot be computed
(CAL-YEAR) and are never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.workdays import calendar
from fazhi.inspections.enums import TaskStatus
from fazhi.inspections.models import InspectionResult, InspectionTask
from fazhi.inspections.selectors.tasks import task_publication_due
from fazhi.inspections.services import tasks as svc
from fazhi.inspections.tests.test_tasks import (
    TODAY,
    draw,
    last_entry,
    make_task,
    patch_today,
    record_all_results,
    world_state,
)
from fazhi.records.enums import Action

D = dt.date


@pytest.fixture
def today(monkeypatch):
    return patch_today(monkeypatch)


def inspected(insp, *, start_on, end_on, joint=False):
    """A drawn task with every result recorded on its first day."""
    task = draw(insp, make_task(insp, joint=joint, start_on=start_on, end_on=end_on))
    record_all_results(task)
    return task


def ended(insp, ended_on, *, start_on=None, joint=False):
    start_on = start_on or ended_on - dt.timedelta(days=20)
    task = inspected(insp, start_on=start_on, end_on=ended_on, joint=joint)
    return svc.task_end(by=insp.d.admin_a, task=task, ended_on=ended_on)


# --- INSPECTION-PUBLISH at its edges ---------------------------------------------------------------------------


@pytest.mark.parametrize("ended_on, due, why", [
    # ended on a Friday: counting starts on Monday, 20 working days are four whole weeks: due on a Friday
    (D(2026, 11, 6), D(2026, 12, 4), "Friday, no holiday in the period"),
    # ended the day before the National Day holiday: 10-01…10-07 skipped, Saturday 10-10 (make-up) counted:
    # 10-08, 10-09, 10-10, then 17 more working days → Tuesday 11-03 (Wednesday 11-04 without the make-up day)
    (D(2026, 9, 30), D(2026, 11, 3), "National Day holiday and the make-up working Saturday"),
    # ended on the make-up working Sunday 09-20 (itself not counted), Mid-Autumn Friday 09-25 skipped
    (D(2026, 9, 20), D(2026, 10, 23), "start on a make-up Sunday, Mid-Autumn and National Day skipped"),
])
def test_the_publication_date_is_twenty_working_days_from_the_end(insp, today, ended_on, due, why):
    task = ended(insp, ended_on)
    assert task.status == TaskStatus.ENDED and task.ended_on == ended_on
    assert task.publish_due == due, why
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_TASK_ENDED
    assert entry.payload["publish_due"] == due.isoformat() and entry.payload["rule"] == "INSPECTION-PUBLISH"
    assert "第20个工作日" in entry.payload["trace"] and entry.payload["publish_due_reason"] == ""
    assert task_publication_due(task).due == due


def test_the_calendar_the_edges_rely_on(insp):
    assert calendar.info(D(2026, 10, 10)).kind == "makeup_workday"
    assert calendar.info(D(2026, 10, 1)).kind == calendar.info(D(2026, 10, 7)).kind == "holiday"
    assert calendar.info(D(2026, 10, 8)).working


@pytest.mark.parametrize("published_on, late", [
    (D(2026, 11, 2), False),  # the day before the due date
    (D(2026, 11, 3), False),  # the due date itself
    (D(2026, 11, 4), True),  # the day after
])
def test_published_the_day_before_of_or_after_the_due_date(insp, today, published_on, late):
    task = ended(insp, D(2026, 9, 30))
    svc.results_publish(by=insp.d.admin_a, task=task, published_on=published_on)
    assert task.status == TaskStatus.PUBLISHED and task.published_on == published_on
    assert task.publication_late is late
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_RESULTS_PUBLISHED
    assert (entry.payload["publish_due"], entry.payload["late"], entry.payload["rule"]) == (
        "2026-11-03", late, "INSPECTION-PUBLISH")
    assert entry.payload["late_days"] == (1 if late else 0)
    assert entry.payload["objects"] == 2 and entry.payload["results"] == 4 and entry.payload["problems"] == 0


def test_a_task_ending_in_a_year_without_holiday_data_keeps_no_date_and_says_why(insp, today):
    task = ended(insp, D(2027, 3, 31), start_on=D(2027, 3, 1))
    assert task.status == TaskStatus.ENDED and task.publish_due is None
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.payload["publish_due"] is None and "CAL-YEAR" in entry.payload["publish_due_reason"]
    assert "2027年的法定节假日安排尚未录入" in entry.payload["publish_due_reason"]
    assert task_publication_due(task) is None
    svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2027, 6, 1))
    assert task.status == TaskStatus.PUBLISHED and task.publication_late is False and task.publish_due is None
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.payload["late"] is False and "CAL-YEAR" in entry.payload["publish_due_reason"]


def test_a_joint_task_ends_and_publishes_with_every_department_result(insp, today):
    task = ended(insp, D(2026, 11, 6), joint=True)
    svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 11, 20))
    assert last_entry(insp.d.body_a.ledger_key).payload["results"] == 2 * (2 + 1)


# --- refusals ------------------------------------------------------------------------------------------------------


def test_a_task_cannot_end_before_every_result_is_recorded(insp, today):
    task = draw(insp, make_task(insp, joint=True))
    record_all_results(task, skip=2)
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 30))
    assert exc.value.code == "results_missing" and "尚有2项检查结果未录入" in exc.value.message
    assert world_state() == before


@pytest.mark.parametrize("ended_on, by, code", [
    (D(2026, 8, 31), "admin_a", "ended_before_start"),
    (TODAY + dt.timedelta(days=1), "admin_a", "date_in_future"),
    (D(2026, 9, 30), "admin_b", "role_forbidden"),
    (D(2026, 9, 30), "officer_a", "role_forbidden"),
])
def test_task_end_refusals_write_nothing(insp, today, ended_on, by, code):
    task = inspected(insp, start_on=D(2026, 9, 1), end_on=D(2026, 9, 30))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_end(by=getattr(insp.d, by), task=task, ended_on=ended_on)
    assert exc.value.code == code and world_state() == before


def test_a_task_cannot_end_before_its_last_inspection_nor_twice(insp, today):
    task = draw(insp, make_task(insp))
    record_all_results(task, on=D(2026, 9, 15))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 14))
    assert exc.value.code == "ended_before_inspection" and world_state() == before
    svc.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 15))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 16))
    assert exc.value.code == "invalid_status" and world_state() == before


def test_a_draft_task_cannot_end(insp, today):
    task = make_task(insp)
    with pytest.raises(DomainError) as exc:
        svc.task_end(by=insp.d.admin_a, task=task, ended_on=D(2026, 9, 30))
    assert exc.value.code == "invalid_status"


def test_results_publish_checks_completeness_again(insp, today):
    """Defensive: an ended task whose results are incomplete (a row removed behind the services' back) is refused
    with the count of what is missing."""
    task = ended(insp, D(2026, 9, 30))
    InspectionResult.objects.filter(drawn_object__task=task).order_by("pk").first().delete()
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 10, 9))
    assert exc.value.code == "results_missing" and "尚有1项检查结果未录入(涉及1个抽中对象)" in exc.value.message
    assert world_state() == before


@pytest.mark.parametrize("published_on, by, code", [
    (D(2026, 9, 29), "admin_a", "published_before_end"),
    (TODAY + dt.timedelta(days=1), "admin_a", "date_in_future"),
    (D(2026, 10, 9), "admin_b", "role_forbidden"),
])
def test_results_publish_refusals_write_nothing(insp, today, published_on, by, code):
    task = ended(insp, D(2026, 9, 30))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.results_publish(by=getattr(insp.d, by), task=task, published_on=published_on)
    assert exc.value.code == code and world_state() == before


def test_results_are_published_once(insp, today):
    task = ended(insp, D(2026, 9, 30))
    svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 10, 9))
    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.results_publish(by=insp.d.admin_a, task=task, published_on=D(2026, 10, 10))
    assert exc.value.code == "invalid_status" and world_state() == before
    assert InspectionTask.objects.get(pk=task.pk).published_on == D(2026, 10, 9)

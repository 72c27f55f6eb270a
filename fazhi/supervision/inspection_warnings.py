"""Warnings about random inspections (rules.md §7): a task that has ended and whose results are not yet published,
as its INSPECTION-PUBLISH date (20 working days from the end) comes near or passes — on the lead department's
workbench and, overdue, on the office's list. Resolved once the results are published.

Built like the case scanners (fazhi.supervision.case_warnings): the scan builds the warnings it wants, `sync`
creates, updates and resolves them, so that a scan run twice for one day changes nothing. A task whose date cannot
be computed yet (a year without holiday data, CAL-YEAR) keeps its warning as it was; the district-wide CAL-YEAR
warning says why.
"""

from __future__ import annotations

import datetime as dt

from fazhi.core.deadlines import zh_date
from fazhi.inspections.enums import TaskStatus
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.rules import PUBLISH_RULE
from fazhi.inspections.selectors.tasks import task_publication_due
from fazhi.inspections.services.tasks import tasks_refresh_due
from fazhi.supervision.case_warnings import wanted_row
from fazhi.supervision.enums import WarningKind
from fazhi.supervision.sync import sync

TASK = "inspections.InspectionTask"


def inspection_publication_scan(*, on: dt.date) -> dict:
    """Ended tasks whose results are not published → WarningKind.INSPECTION_PUBLICATION_DUE to the lead department."""
    from fazhi.supervision.services import HORIZON_DAYS

    tasks_refresh_due()  # dates left open for a year without holiday data, now that it may have been entered
    horizon = on + dt.timedelta(days=HORIZON_DAYS)
    wanted: dict[str, dict] = {}
    keep: set[str] = set()
    ended = InspectionTask.objects.filter(status=TaskStatus.ENDED)
    for task in ended.filter(publish_due__isnull=True).only("public_id"):
        keep.add(str(task.public_id))
    for task in ended.filter(publish_due__lte=horizon).iterator(chunk_size=2000):
        due = task_publication_due(task)
        trace = due.trace if due is not None and due.due == task.publish_due else \
            f"抽查任务于{zh_date(task.ended_on)}结束,检查结果应于{zh_date(task.publish_due)}前公示({PUBLISH_RULE})。"
        wanted[str(task.public_id)] = wanted_row(
            label=f"{task.number} {task.title}", organisation_id=task.lead_organisation_id, due=task.publish_due,
            trace=trace, rule_id=PUBLISH_RULE, what=f"抽查任务{task.number}的检查结果公示", on=on)

    def resolution(ids):
        rows = dict(InspectionTask.objects.filter(public_id__in=ids).values_list("public_id", "status"))
        return {str(k): ("检查结果已公示" if v == TaskStatus.PUBLISHED else "已不在预警期内") for k, v in rows.items()}

    return sync(kind=WarningKind.INSPECTION_PUBLICATION_DUE, subject_type=TASK, wanted=wanted, keep=keep,
                resolution=resolution)


def inspection_warnings_scan(*, on: dt.date) -> dict:
    """All the inspection scanners (called by warnings_scan, inside its transaction)."""
    return inspection_publication_scan(on=on)

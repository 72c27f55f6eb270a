"""Where inspection acts are recorded: the ledger of the acting department's enforcement body (DESIGN.md
mechanism 2). A task's own acts (creation, draws, publication) go to the lead department's body; a department's
result goes to that department's body; changes to the shared object pool go to the office ledger."""

from __future__ import annotations

from fazhi.inspections.models import InspectionTask, TaskDepartment
from fazhi.orgs.models import EnforcementBody
from fazhi.records.services import OFFICE_LEDGER_KEY, append

SUBJECT_TASK = "inspections.InspectionTask"
SUBJECT_DRAW = "inspections.Draw"
SUBJECT_DRAWN = "inspections.DrawnObject"
SUBJECT_RESULT = "inspections.InspectionResult"
SUBJECT_OBJECT = "inspections.InspectionObject"
SUBJECT_CONFLICT = "inspections.ConflictDeclaration"
SUBJECT_PLAN = "inspections.InspectionPlan"
SUBJECT_RULES = "inspections.ImplementingRules"
OFFICE_LEDGER_NAME = "司法局(法制办)"


def lead_part(task: InspectionTask) -> TaskDepartment:
    return task.departments.select_related("body", "organisation").get(is_lead=True)


def record_body(body: EnforcementBody, *, by, action, subject_type: str, subject_id, payload: dict | None = None,
                files=()):
    """Append one entry to `body`'s ledger, in the caller's transaction."""
    return append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=action,
                  subject_type=subject_type, subject_id=str(subject_id), payload=payload or {}, files=files)


def record_task(task: InspectionTask, *, by, action, payload: dict | None = None, files=(),
                subject_type: str = SUBJECT_TASK, subject_id=None):
    """Append one entry about `task` (or one of its objects) to the lead department's body ledger."""
    return record_body(lead_part(task).body, by=by, action=action, subject_type=subject_type,
                       subject_id=subject_id or task.public_id, payload=payload, files=files)


def record_office(*, by, action, subject_type: str, subject_id, payload: dict | None = None, files=()):
    """Append one entry to the office ledger (the shared object pool belongs to no single body)."""
    return append(ledger_key=OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by, action=action,
                  subject_type=subject_type, subject_id=str(subject_id), payload=payload or {}, files=files)

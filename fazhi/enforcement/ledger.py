"""Where a case's acts are recorded: the ledger of the case's own enforcement body (DESIGN.md mechanism 2)."""

from __future__ import annotations

from fazhi.enforcement.models import Case
from fazhi.records.services import append

SUBJECT_CASE = "enforcement.Case"


def case_ledger(case: Case) -> tuple[str, str]:
    return case.body.ledger_key, case.body.name


def record(case: Case, *, by, action, payload: dict | None = None, files=(), subject_type: str = SUBJECT_CASE,
           subject_id: str | None = None):
    """Append one entry about `case` (or one of its objects) to its body's ledger, in the caller's transaction."""
    key, name = case_ledger(case)
    return append(ledger_key=key, ledger_name=name, actor=by, action=action, subject_type=subject_type,
                  subject_id=subject_id or str(case.public_id), payload=payload or {}, files=files)

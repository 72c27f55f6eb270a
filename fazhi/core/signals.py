"""Acts of the core layer that belong in the whole-process record.

Core sits below `records` (DESIGN.md layers), so it cannot append to a ledger itself. It sends `core_act`
inside the transaction of the change; fazhi.records.receivers appends the entry to the legal affairs office's
ledger in the same transaction, so the change and its record commit or roll back together."""

from django.dispatch import Signal

# kwargs: actor, action (a fazhi.records.enums.Action value), subject_type, subject_id, payload
core_act = Signal()

"""Records the acts the core layer announces (fazhi.core.signals.core_act) in the office's ledger."""

from django.dispatch import receiver

from fazhi.core.signals import core_act
from fazhi.records import services
from fazhi.records.enums import Action

OFFICE_LEDGER_NAME = "司法局(法制办)"


@receiver(core_act, dispatch_uid="records_core_act")
def record_core_act(sender, *, actor, action, subject_type, subject_id, payload, **kwargs):
    services.append(ledger_key=services.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=actor,
                    action=Action(action), subject_type=subject_type, subject_id=subject_id, payload=payload)

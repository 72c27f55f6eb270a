"""The certificate life cycle (rules.md §11), declared in one place on the core workflow engine.

    valid ──suspend──▶ suspended ──reinstate──▶ valid
    valid, suspended ──revoke──▶ revoked
    valid, suspended ──lose────▶ lost
    valid, expired ──replace──▶ replaced        (换证: the status half of certificate_renew)

Certificates are managed by the legal affairs office (and the system administrator); every step needs a reason
and writes one entry to the record of the holder's organisation. Leaving the post withdraws certificates
(officer_leave), so a certificate of an officer who has left is not reinstated or replaced (NMG96).
"""

from __future__ import annotations

from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.core.workflow import Blocked, Transition, Workflow, guard
from fazhi.orgs.services import ledger_for_organisation
from fazhi.personnel.enums import CertificateStatus as S
from fazhi.personnel.enums import OfficerStatus
from fazhi.records import services as records
from fazhi.records.enums import Action

CERTIFICATE_MANAGERS = frozenset({Role.LEGAL_OFFICE, Role.SYSTEM_ADMIN})


@guard("reason_given", checks_input=True)
def reason_given(certificate, ctx):
    """Every change of a certificate's status states its reason, which the record keeps."""
    if not str(ctx.payload.get("reason") or "").strip():
        return Blocked(f"请填写{ctx.transition.label_zh}原因", code="reason_required", field="reason")
    return None


@guard("date_not_in_future", checks_input=True)
def date_not_in_future(certificate, ctx):
    """A status change takes effect the day it is entered or earlier: a certificate is never revoked in advance
    while it still shows as revoked today."""
    on = ctx.payload.get("on")
    if on and on > timezone.localdate():
        return Blocked(f"{ctx.transition.label_zh}日期不能晚于今天", code="date_in_future", field="on")
    return None


@guard("officer_active")
def officer_active(certificate, ctx):
    """A certificate is withdrawn when its holder leaves the post (NMG96): it is not given back or renewed."""
    if certificate.officer.status != OfficerStatus.ACTIVE:
        return Blocked(f"持证人已离岗,证件应予收回,不能{ctx.transition.label_zh}", rule_id="NMG96",
                       code="officer_not_active", field="officer")
    return None


def stamp_status(certificate, payload) -> None:
    """The step's reason and date go on the certificate beside its new status."""
    certificate.status_reason = str(payload["reason"]).strip()
    certificate.status_changed_on = payload.get("on") or timezone.localdate()


def _certificate_ledger(certificate) -> tuple[str, str]:
    return ledger_for_organisation(certificate.officer.organisation)


certificate_workflow = Workflow(
    field="status",
    subject_type="personnel.Certificate",
    subject_label_zh="证件",
    ledger=_certificate_ledger,
    append=records.append,
    # The personnel API published "invalid_transition" before the engine existed; clients rely on it.
    error_codes={"invalid_source": "invalid_transition"},
    transitions=[
        Transition("suspend", source={S.VALID}, target=S.SUSPENDED, label_zh="暂扣", roles=CERTIFICATE_MANAGERS,
                   guards=[reason_given, date_not_in_future], record_action=Action.CERTIFICATE_SUSPENDED, effect=stamp_status),
        Transition("reinstate", source={S.SUSPENDED}, target=S.VALID, label_zh="恢复", roles=CERTIFICATE_MANAGERS,
                   guards=[reason_given, date_not_in_future, officer_active],
                   record_action=Action.CERTIFICATE_REINSTATED,
                   effect=stamp_status),
        Transition("revoke", source={S.VALID, S.SUSPENDED}, target=S.REVOKED, label_zh="吊销",
                   roles=CERTIFICATE_MANAGERS, guards=[reason_given, date_not_in_future], record_action=Action.CERTIFICATE_REVOKED,
                   effect=stamp_status),
        Transition("lose", source={S.VALID, S.SUSPENDED}, target=S.LOST, label_zh="遗失作废",
                   roles=CERTIFICATE_MANAGERS, guards=[reason_given, date_not_in_future], record_action=Action.CERTIFICATE_LOST,
                   effect=stamp_status),
        Transition("replace", source={S.VALID, S.EXPIRED}, target=S.REPLACED, label_zh="换发",
                   roles=CERTIFICATE_MANAGERS, guards=[reason_given, officer_active],
                   record_action=Action.CERTIFICATE_RENEWED, effect=stamp_status),
    ],
)

# The transitions a certificate screen offers as status actions; "replace" has its own form (certificate_renew).
STATUS_ACTIONS = ("suspend", "reinstate", "revoke", "lose")

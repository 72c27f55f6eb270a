"""Publishing decisions (事后公开, GB118) and withdrawing them (XZCF-48).

What the public reads is built here once, by `decision_public_fields`, from an explicit list of fields: a natural
person's name is masked (the family name kept) and no ID number of a natural person appears anywhere; an
organisation's name and unified social credit code are shown. Internal notes, officers, evidence and anything added
to the models later never reach the portal unless a line is added to that function. The digest of the canonical
JSON of those fields goes into the body's ledger, so anyone can check the published text against the published
ledger head.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.permissions import PUBLISH_DECISIONS
from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.validators import mask_id_number
from fazhi.enforcement.enums import NoPenaltyReason, Outcome, PartyType, PenaltyKind, PublicationStatus, zh
from fazhi.enforcement.ledger import case_ledger
from fazhi.enforcement.models import Decision, Publication
from fazhi.orgs.scoping import can_see_organisation
from fazhi.records.enums import Action
from fazhi.records.services import append, canonical_json

CASE = "enforcement.Case"
# GB118 三(一): licence and penalty decisions within 7 working days; other enforcement results within 20.
RULE_BY_OUTCOME = {Outcome.PENALTY: "GB118-DECISION", Outcome.NO_PENALTY: "GB118-OTHER"}
# A decision that no violation was established, or a transfer to the judiciary, names a party against whom nothing
# was decided: it is not published.
PUBLISHED_OUTCOMES = tuple(RULE_BY_OUTCOME)
WITHDRAW_RULE = "XZCF-48"
PUBLIC_FIELDS_VERSION = 1

# Two-character family names: masking keeps the whole family name (欧阳** rather than 欧***).
COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "独孤", "南宫", "西门", "端木", "呼延"]
)
# A resident ID number (18 characters) or an old 15-digit one, wherever it appears in free text.
ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def _today() -> dt.date:
    return timezone.localdate()


def mask_person_name(name: str) -> str:
    """张三丰 → 张**, 欧阳修 → 欧阳*: the family name kept, one * for every other character."""
    name = (name or "").strip()
    if not name:
        return ""
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "*" * max(len(name) - keep, 1)


MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3}-?)(\d{3,4})(\d{4})(?!\d)")


def _redact_person(text: str, *, name: str, id_number: str, phone: str = "", address: str = "") -> str:
    """Free text about a natural person, as published: their full name masked, any ID number masked, phone
    numbers masked (139****5678) and their home address left out."""
    if address and len(address.strip()) > 3:
        text = text.replace(address.strip(), "(住址略)")
    if phone and phone.strip():
        text = text.replace(phone.strip(), "(电话略)")
    text = MOBILE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = LANDLINE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    if id_number:
        text = text.replace(id_number, mask_id_number(id_number))
        text = text.replace(id_number.lower(), mask_id_number(id_number))
    text = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group(1)), text)
    if name and len(name) > 1:
        text = text.replace(name, mask_person_name(name))
    return text


def public_text(case, value: str) -> str:
    """Free text about a case as the portal may show it: for a natural person, name, ID number, phone and address
    masked (the withdrawal reason too); for an organisation, as written."""
    if case.party_type != PartyType.PERSON:
        return value or ""
    return _redact_person(value or "", name=case.party_name, id_number=case.party_id_number,
                          phone=case.party_phone, address=case.party_address)


def decision_public_fields(decision: Decision, *, published_on: dt.date) -> dict:
    """Exactly what the portal shows of a decision — nothing else leaves the platform (GB118 三(一)).

    Natural persons: name masked (family name kept), no ID number (also masked where the text quotes one).
    Legal persons and other organisations: name and unified social credit code, which are public for them."""
    case = decision.case
    person = case.party_type == PartyType.PERSON
    text = (lambda value: public_text(case, value)) if person else (lambda value: value or "")
    return {
        "version": PUBLIC_FIELDS_VERSION,
        "decision_number": decision.number,
        "title": text(case.title),
        "party_type": zh(PartyType(case.party_type).label),
        "party_name": mask_person_name(case.party_name) if person else case.party_name,
        "party_credit_code": "" if person else case.party_id_number,
        "outcome": zh(Outcome(decision.outcome).label),
        "penalty_kinds": [zh(PenaltyKind(kind).label) for kind in decision.penalty_kinds or []],
        "fine_amount": f"{decision.fine_amount:.2f}",
        "confiscation_amount": f"{decision.confiscation_amount:.2f}",
        "no_penalty_reason": zh(NoPenaltyReason(decision.no_penalty_reason).label) if decision.no_penalty_reason else "",
        "facts": text(decision.facts_and_evidence),
        "penalty_and_basis": text(decision.penalty_and_basis),
        "body": case.body.name,
        "decided_on": decision.decided_on.isoformat(),
        "published_on": published_on.isoformat(),
    }


def public_fields_digest(public_fields: dict) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no white space, UTF-8) of the public fields, as hex."""
    return hashlib.sha256(canonical_json(public_fields)).hexdigest()


def publication_may_act(user, organisation) -> bool:
    """PUBLISH_DECISIONS roles within their scope: a body's staff for their own organisation, the office for any
    in its jurisdiction."""
    return PUBLISH_DECISIONS.allows(user) and can_see_organisation(user, organisation.pk)


def _check_may_act(by, organisation) -> None:
    if not publication_may_act(by, organisation):
        raise PermissionDenied("无权公示或撤回本单位以外的执法决定")


def publish_due_for(decision: Decision):
    """The GB118 due date (with its trace) for publishing `decision`, or None for outcomes not published."""
    rule = RULE_BY_OUTCOME.get(decision.outcome)
    return deadline(rule, decision.decided_on) if rule else None


def _check_day(day: dt.date, *, field: str, label: str, not_before: dt.date, not_before_label: str) -> None:
    if day > _today():
        raise DomainError("date_in_future", f"{label}不能晚于今天", field=field)
    if day < not_before:
        raise DomainError("date_too_early", f"{label}不能早于{not_before_label}", field=field)


@transaction.atomic
def decision_publish(*, by, decision: Decision, published_on: dt.date) -> Publication:
    """Publish a penalty (GB118-DECISION, 7 WD) or no-penalty (GB118-OTHER, 20 WD) decision once.

    A late publication is allowed — the law's purpose is served better late than never — and is recorded as late.
    Appends DECISION_PUBLISHED with the digest of the public fields to the ledger of the case's body."""
    decision = Decision.objects.select_for_update().select_related("case", "case__body", "case__organisation").get(
        pk=decision.pk)
    case = decision.case
    _check_may_act(by, case.organisation)
    if Publication.objects.filter(decision=decision).exists():
        raise DomainError("already_published", "该决定已经公示,不能重复公示", rule="GB118-DECISION")
    if decision.outcome not in PUBLISHED_OUTCOMES:
        raise DomainError("outcome_not_published",
                          f"“{Outcome(decision.outcome).label}”的决定不对外公示(未认定当事人违法)")
    if not decision.number:
        raise DomainError("no_decision_number", "决定书尚无文号,不能公示")
    _check_day(published_on, field="published_on", label="公示日期", not_before=decision.decided_on,
               not_before_label="决定日期")
    due = publish_due_for(decision)
    late = published_on > due.due
    public_fields = decision_public_fields(decision, published_on=published_on)
    digest = public_fields_digest(public_fields)
    ledger_key, ledger_name = case_ledger(case)
    payload = {"decision_number": decision.number, "content_sha256": digest, "publish_due": due.due,
               "published_on": published_on, "rule": due.rule_id}
    if late:
        payload["late"] = True
    entry = append(ledger_key=ledger_key, ledger_name=ledger_name, actor=by, action=Action.DECISION_PUBLISHED,
                   subject_type=CASE, subject_id=str(case.public_id), payload=payload)
    return Publication.objects.create(
        decision=decision, organisation=case.organisation, decision_number=decision.number, publish_due=due.due,
        published_on=published_on, public_fields=public_fields, content_sha256=digest, ledger_key=ledger_key,
        entry_seq=entry.seq, status=PublicationStatus.PUBLISHED,
    )


@transaction.atomic
def publication_change_record(*, by, publication: Publication, change_on: dt.date, note: str) -> Publication:
    """Record that a published decision was changed, revoked, or found unlawful or void (by reconsideration, a court
    or the body itself): the XZCF-48 clock starts — withdrawal with reasons within 3 WD — and the office's and the
    body's workbench warn until it is withdrawn."""
    publication = Publication.objects.select_for_update().select_related("decision__case", "organisation").get(
        pk=publication.pk)
    _check_may_act(by, publication.organisation)
    if publication.status == PublicationStatus.WITHDRAWN:
        raise DomainError("already_withdrawn", "该公示已经撤回", rule=WITHDRAW_RULE)
    if publication.change_on is not None:
        raise DomainError("change_recorded", "已登记该决定被变更、撤销的情况", rule=WITHDRAW_RULE)
    note = (note or "").strip()
    if not note:
        raise DomainError("reason_required", "请说明决定被变更、撤销或确认违法、无效的情况(如复议决定书文号)", field="note",
                          rule=WITHDRAW_RULE)
    _check_day(change_on, field="change_on", label="决定被变更、撤销的日期", not_before=publication.published_on,
               not_before_label="公示日期")
    due = deadline(WITHDRAW_RULE, change_on)
    ledger_key, ledger_name = case_ledger(publication.decision.case)
    append(ledger_key=ledger_key, ledger_name=ledger_name, actor=by, action=Action.DECISION_CHANGED,
           subject_type=CASE, subject_id=str(publication.decision.case.public_id),
           payload={"decision_number": publication.decision_number, "change_on": change_on, "note": note[:500],
                    "withdraw_due": due.due, "trace": due.trace})
    publication.change_on, publication.withdraw_due = change_on, due.due
    publication.save(update_fields=["change_on", "withdraw_due", "updated_at"])
    return publication


@transaction.atomic
def publication_withdraw(*, by, publication: Publication, change_on: dt.date | None, withdrawn_on: dt.date,
                         reason: str) -> Publication:
    """Withdraw a published decision within 3 WD of its change, revocation or finding of unlawfulness (XZCF-48),
    with the reasons, which the portal shows in place of the content. Late withdrawal is allowed and recorded."""
    publication = Publication.objects.select_for_update().select_related("decision__case", "organisation").get(
        pk=publication.pk)
    _check_may_act(by, publication.organisation)
    if publication.status == PublicationStatus.WITHDRAWN:
        raise DomainError("already_withdrawn", "该公示已经撤回", rule=WITHDRAW_RULE)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "撤回须说明理由", field="reason", rule=WITHDRAW_RULE)
    if len(reason) > Publication._meta.get_field("withdrawal_reason").max_length:
        raise DomainError("reason_too_long", "撤回理由不超过500字", field="reason")
    if publication.change_on is not None:
        if change_on not in (None, publication.change_on):
            raise DomainError("change_on_mismatch", f"已登记决定于{publication.change_on}被变更、撤销,撤回期限从该日起算",
                              field="change_on", rule=WITHDRAW_RULE)
        change_on = publication.change_on
    elif change_on is None:
        raise DomainError("required", "请填写决定被变更、撤销或确认违法、无效的日期", field="change_on", rule=WITHDRAW_RULE)
    _check_day(change_on, field="change_on", label="决定被变更、撤销的日期", not_before=publication.published_on,
               not_before_label="公示日期")
    _check_day(withdrawn_on, field="withdrawn_on", label="撤回日期", not_before=change_on,
               not_before_label="决定被变更、撤销的日期")
    due = deadline(WITHDRAW_RULE, change_on)
    late = withdrawn_on > due.due
    payload = {"decision_number": publication.decision_number, "content_sha256": publication.content_sha256,
               "change_on": change_on, "withdraw_due": due.due, "withdrawn_on": withdrawn_on, "reason": reason,
               "published_entry_seq": publication.entry_seq}
    if late:
        payload["late"] = True
    ledger_key, ledger_name = case_ledger(publication.decision.case)
    append(ledger_key=ledger_key, ledger_name=ledger_name, actor=by, action=Action.DECISION_WITHDRAWN,
           subject_type=CASE, subject_id=str(publication.decision.case.public_id), payload=payload)
    publication.status = PublicationStatus.WITHDRAWN
    publication.change_on, publication.withdraw_due = change_on, due.due
    publication.withdrawn_on, publication.withdrawal_reason = withdrawn_on, reason
    publication.save(update_fields=["status", "change_on", "withdraw_due", "withdrawn_on", "withdrawal_reason",
                                    "updated_at"])
    return publication

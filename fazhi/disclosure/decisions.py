"""What the public may read of published enforcement decisions (事后公开, GB118) and how they check them.

Every public field comes from Publication.public_fields, built once by
fazhi.enforcement.services.publication.decision_public_fields (masked there), and is copied into the frozen
dataclasses below field by field: a key added to public_fields later is not shown until it is named here. A withdrawn
publication (XZCF-48) shows its number, the withdrawal date and the reason only — never its content.

Verification (anyone, no login): the digest of the shown fields must equal the digest recorded in the ledger entry
that published them, that entry's own hash must recompute, and the entry must be covered by the latest published head
of its ledger — its sequence at or below the head's, and every link from it to the head intact, the head's entry
matching the published hash (docs/records.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from fazhi.enforcement.enums import PublicationStatus
from fazhi.enforcement.models import Publication
from fazhi.enforcement.services import publication as publication_services
from fazhi.orgs.models import EnforcementBody
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger, LedgerHeadPublication
from fazhi.records.selectors import ROW_FIELDS, chain_to_head, row_recomputed_hash
from fazhi.records.services import canonical_json

# --- public shapes -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicDecisionSummary:
    public_id: str
    decision_number: str
    withdrawn: bool
    title: str  # empty when withdrawn
    party_name: str  # masked for natural persons; empty when withdrawn
    body: str
    decided_on: str
    published_on: dt.date
    withdrawn_on: dt.date | None


@dataclass(frozen=True)
class PublicDecision:
    """One published decision as the portal shows it (all strings from the public fields)."""

    public_id: str
    decision_number: str
    title: str
    party_type: str
    party_name: str
    party_credit_code: str
    outcome: str
    penalty_kinds: tuple[str, ...]
    fine_amount: str
    confiscation_amount: str
    no_penalty_reason: str
    facts: str
    penalty_and_basis: str
    body: str
    decided_on: str
    published_on: str
    content_sha256: str
    ledger_key: str
    entry_seq: int


@dataclass(frozen=True)
class PublicWithdrawal:
    """A withdrawn publication: what remains public is that it was withdrawn, when and why (XZCF-48)."""

    public_id: str
    decision_number: str
    published_on: dt.date
    withdrawn_on: dt.date
    reason: str


@dataclass(frozen=True)
class DecisionVerification:
    """The result of checking a published decision against the record (each check explained on the page)."""

    computed_sha256: str  # SHA-256 of the canonical JSON of the fields shown
    recorded_sha256: str  # the digest in the ledger entry ("" when the entry is missing)
    ledger_key: str
    entry_seq: int
    entry_found: bool
    entry_hash: str
    entry_hash_ok: bool  # the entry's stored hash recomputes from its content and its predecessor's hash
    digest_ok: bool  # computed == recorded, and the entry is the publication of this decision number
    head_date: dt.date | None  # the latest published head of this ledger
    head_seq: int | None
    head_hash: str
    covered: bool  # entry_seq ≤ head_seq and the chain from the entry to the head verifies
    chain_checked: int  # how many entries were checked from the entry up to the head
    chain_break: str  # where the chain from the entry to the head is broken, in Chinese ("" if not)

    @property
    def ok(self) -> bool:
        return self.digest_ok and self.entry_hash_ok and self.covered


# --- reading -----------------------------------------------------------------------------------------------


def _visible() -> QuerySet[Publication]:
    return Publication.objects.all()


def decision_list(*, filters: dict | None = None) -> QuerySet[Publication]:
    """Published and withdrawn publications, newest first. Filters: number (part of the decision number), party
    (part of the shown — masked — party name; withdrawn publications are never matched by party), body (public
    id of an enforcement body)."""
    filters = filters or {}
    qs = _visible()
    if filters.get("number"):
        qs = qs.filter(decision_number__icontains=filters["number"])
    if filters.get("party"):
        qs = qs.filter(status=PublicationStatus.PUBLISHED, public_fields__party_name__icontains=filters["party"])
    if filters.get("body"):
        qs = qs.filter(decision__case__body__public_id=filters["body"])
    return qs.order_by("-published_on", "-pk")


def summary(publication: Publication) -> PublicDecisionSummary:
    fields = publication.public_fields
    withdrawn = publication.status == PublicationStatus.WITHDRAWN
    return PublicDecisionSummary(
        public_id=str(publication.public_id), decision_number=publication.decision_number, withdrawn=withdrawn,
        title="" if withdrawn else fields.get("title", ""),
        party_name="" if withdrawn else fields.get("party_name", ""),
        body=fields.get("body", ""), decided_on=fields.get("decided_on", ""),
        published_on=publication.published_on, withdrawn_on=publication.withdrawn_on,
    )


def summaries(publications) -> list[PublicDecisionSummary]:
    return [summary(p) for p in publications]


def decision_bodies() -> list[tuple[str, str]]:
    """(public id, name) of the bodies with at least one publication: the body filter's menu."""
    return list(EnforcementBody.objects.filter(cases__decision__publication__isnull=False).distinct()
                .order_by("name").values_list("public_id", "name"))


def publication_lookup(key: str) -> Publication | None:
    """A publication by its public id or by its exact decision number."""
    key = (key or "").strip()
    if not key:
        return None
    query = Q(decision_number=key)
    with contextlib.suppress(ValueError):
        query |= Q(public_id=uuid.UUID(key))
    return _visible().filter(query).order_by("-published_on", "-pk").first()


def public_decision(publication: Publication) -> PublicDecision | PublicWithdrawal:
    if publication.status == PublicationStatus.WITHDRAWN:
        return PublicWithdrawal(public_id=str(publication.public_id), decision_number=publication.decision_number,
                                published_on=publication.published_on, withdrawn_on=publication.withdrawn_on,
                                reason=publication_services.public_text(publication.decision.case,
                                                                        publication.withdrawal_reason))
    f = publication.public_fields
    return PublicDecision(
        public_id=str(publication.public_id),
        decision_number=f.get("decision_number", ""),
        title=f.get("title", ""),
        party_type=f.get("party_type", ""),
        party_name=f.get("party_name", ""),
        party_credit_code=f.get("party_credit_code", ""),
        outcome=f.get("outcome", ""),
        penalty_kinds=tuple(f.get("penalty_kinds") or ()),
        fine_amount=f.get("fine_amount", ""),
        confiscation_amount=f.get("confiscation_amount", ""),
        no_penalty_reason=f.get("no_penalty_reason", ""),
        facts=f.get("facts", ""),
        penalty_and_basis=f.get("penalty_and_basis", ""),
        body=f.get("body", ""),
        decided_on=f.get("decided_on", ""),
        published_on=f.get("published_on", ""),
        content_sha256=publication.content_sha256,
        ledger_key=publication.ledger_key,
        entry_seq=publication.entry_seq,
    )


def public_json(publication: Publication) -> bytes | None:
    """The bytes whose SHA-256 is the recorded digest: the canonical JSON of the public fields. None when
    withdrawn (the content is no longer public)."""
    if publication.status == PublicationStatus.WITHDRAWN:
        return None
    return canonical_json(publication.public_fields)


# --- verification ------------------------------------------------------------------------------------------



def verify(publication: Publication) -> DecisionVerification:
    """Check a published decision against its ledger entry and the latest published head of that ledger."""
    computed = hashlib.sha256(canonical_json(publication.public_fields)).hexdigest()
    ledger = Ledger.objects.filter(key=publication.ledger_key).first()
    entry = (Entry.objects.filter(ledger=ledger, seq=publication.entry_seq).values_list(*ROW_FIELDS).first()
             if ledger else None)
    recorded, entry_hash, entry_hash_ok, digest_ok = "", "", False, False
    if entry is not None:
        payload = entry[7] or {}
        recorded, entry_hash = payload.get("content_sha256", ""), entry[2]
        entry_hash_ok = row_recomputed_hash(ledger.key, entry) == entry_hash
        digest_ok = (computed == recorded and entry[4] == Action.DECISION_PUBLISHED
                     and payload.get("decision_number") == publication.public_fields.get("decision_number"))
    head = (LedgerHeadPublication.objects.filter(ledger=ledger).order_by("-date").first() if ledger else None)
    covered, checked, chain_break = False, 0, ""
    if entry is not None and head is not None:
        if publication.entry_seq > head.seq:
            chain_break = "该条目晚于最新公布的账本头,待下次公布后即可核验"
        else:
            checked, chain_break = chain_to_head(ledger, from_seq=publication.entry_seq, head=head)
            covered = not chain_break
    elif entry is None:
        chain_break = "账本中找不到该条目"
    else:
        chain_break = "该账本尚未公布账本头"
    return DecisionVerification(
        computed_sha256=computed, recorded_sha256=recorded, ledger_key=publication.ledger_key,
        entry_seq=publication.entry_seq, entry_found=entry is not None, entry_hash=entry_hash,
        entry_hash_ok=entry_hash_ok, digest_ok=digest_ok,
        head_date=head.date if head else None, head_seq=head.seq if head else None,
        head_hash=head.hash if head else "", covered=covered, chain_checked=checked, chain_break=chain_break,
    )

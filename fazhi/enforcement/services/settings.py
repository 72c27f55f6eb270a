"""The enforcement settings a district keeps as data: document prefixes (文书代字, for the numbering engine), each
body's published catalogue of major enforcement decisions (GB118, XZCF-58) and the hearing thresholds ("较大数额",
XZCF-63). Every change is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from fazhi.accounts.enums import Role
from fazhi.core.errors import DomainError
from fazhi.core.numbering_models import NumberPrefix
from fazhi.enforcement.enums import PartyType, PenaltyKind
from fazhi.enforcement.models import HearingThreshold, MajorCatalogueItem
from fazhi.enforcement.services.cases import _money, _not_future, _text
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.services import OFFICE_LEDGER_NAME, ledger_for_organisation
from fazhi.records.enums import Action
from fazhi.records.services import OFFICE_LEDGER_KEY, append

# kind "" = every kind; the others are the numbering kinds the enforcement documents use
PREFIX_KINDS = {"": "全部文书(默认)", "case": "案号", "penalty_notice": "行政处罚事先告知书",
                "hearing_notice": "听证通知书", "penalty_decision": "行政处罚决定书",
                "no_penalty_decision": "不予行政处罚决定书"}


def may_manage_organisation(user, organisation_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role in (Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE):
        return True
    return user.role == Role.BODY_ADMIN and user.organisation_id == organisation_id


def _check(user, organisation_id: int) -> None:
    if not may_manage_organisation(user, organisation_id):
        raise DomainError("role_forbidden", "只能设置本单位的事项")


@transaction.atomic
def prefix_set(*, by, organisation: Organisation, kind: str, prefix: str) -> NumberPrefix | None:
    """Set (or, with an empty prefix, remove) the organisation's prefix for one kind of document."""
    _check(by, organisation.pk)
    if kind not in PREFIX_KINDS:
        raise DomainError("bad_choice", f"文书种类无效:{kind}", field="kind")
    prefix = (prefix or "").strip()
    if len(prefix) > 20 or any(c in prefix for c in "〔〕{}"):
        raise DomainError("bad_prefix", "代字不超过20字,且不能含“〔〕{}”", field="prefix")
    scope = str(organisation.public_id)
    row = NumberPrefix.objects.filter(scope=scope, kind=kind).first()
    before = row.prefix if row else ""
    if prefix == before:
        raise DomainError("unchanged", "代字没有变化", field="prefix")
    if prefix:
        row, _ = NumberPrefix.objects.update_or_create(scope=scope, kind=kind, defaults={"prefix": prefix})
    elif row:
        row.delete()
        row = None
    key, name = ledger_for_organisation(organisation)
    append(ledger_key=key, ledger_name=name, actor=by, action=Action.NUMBER_PREFIX_SET,
           subject_type="orgs.Organisation", subject_id=str(organisation.public_id),
           payload={"kind": kind, "from": before, "to": prefix})
    return row


def _catalogue_kinds(kinds) -> list[str]:
    kinds = list(dict.fromkeys(kinds or []))
    for kind in kinds:
        if kind not in PenaltyKind.values:
            raise DomainError("bad_choice", f"处罚种类无效:{kind}", field="penalty_kinds")
    return kinds


@transaction.atomic
def catalogue_item_add(*, by, body: EnforcementBody, title: str, min_fine=None, penalty_kinds=(),
                       published_on: dt.date) -> MajorCatalogueItem:
    """A new entry of the body's published catalogue of major enforcement decisions. It must say what it catches:
    a fine from an amount, or penalty kinds (other criteria are flagged on the case by hand)."""
    _check(by, body.organisation_id)
    title = _text(title, "title", "目录事项", max_length=200)
    fine = _money(min_fine, "min_fine", "罚款数额") if min_fine not in (None, "") else None
    kinds = _catalogue_kinds(penalty_kinds)
    if (fine is None or fine <= 0) and not kinds:
        raise DomainError("catalogue_criteria", "请填写罚款数额或选择处罚种类(其他情形在案件中标记为重大)",
                          field="min_fine", rule="XZCF-58")
    published_on = _not_future(published_on, "published_on", "公布日期")
    item = MajorCatalogueItem.objects.create(body=body, title=title, min_fine=fine if fine else None,
                                             penalty_kinds=kinds, published_on=published_on)
    append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=Action.MAJOR_CATALOGUE_ITEM_ADDED,
           subject_type="orgs.EnforcementBody", subject_id=str(body.public_id),
           payload={"item": str(item.public_id), "title": title, "min_fine": fine, "penalty_kinds": kinds,
                    "published_on": published_on})
    return item


@transaction.atomic
def catalogue_item_remove(*, by, item: MajorCatalogueItem, reason: str) -> None:
    body = item.body
    _check(by, body.organisation_id)
    reason = _text(reason, "reason", "删除理由", max_length=300)
    append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=Action.MAJOR_CATALOGUE_ITEM_REMOVED,
           subject_type="orgs.EnforcementBody", subject_id=str(body.public_id),
           payload={"item": str(item.public_id), "title": item.title, "reason": reason})
    item.delete()


@transaction.atomic
def threshold_set(*, by, category, party_type: str, min_fine, min_confiscation, basis: str) -> HearingThreshold:
    """The district's "较大数额" for hearings (XZCF-63), by party type, for all categories (category None) or one."""
    if not (by.is_superuser or by.role in (Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE)):
        raise DomainError("role_forbidden", "听证较大数额标准由司法局设置")
    if party_type not in PartyType.values:
        raise DomainError("bad_choice", f"当事人类型无效:{party_type}", field="party_type")
    fine = _money(min_fine, "min_fine", "较大数额罚款")
    confiscation = _money(min_confiscation, "min_confiscation", "较大数额没收")
    if fine <= Decimal("0") or confiscation <= Decimal("0"):
        raise DomainError("bad_amount", "较大数额须大于0", field="min_fine", rule="XZCF-63")
    basis = _text(basis, "basis", "依据", max_length=300)
    row, created = HearingThreshold.objects.update_or_create(
        category=category, party_type=party_type,
        defaults={"min_fine": fine, "min_confiscation": confiscation, "basis": basis})
    append(ledger_key=OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
           action=Action.HEARING_THRESHOLD_SET, subject_type="enforcement.HearingThreshold", subject_id=str(row.pk),
           payload={"category": category.code if category else None, "party_type": party_type, "min_fine": fine,
                    "min_confiscation": confiscation, "basis": basis, "created": created})
    return row

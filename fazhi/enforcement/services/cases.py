"""Every write on an enforcement case (rules.md §1): keyword-only, `by` first, atomic, recorded in the case's
body's ledger. A refused act raises DomainError with the rule id and changes nothing (the transaction rolls back,
the document counters with it).

State changes go through `fazhi.enforcement.workflow.case_workflow`; the checks of submitted input (dates,
officers, amounts) are made here before the transition, the gates on the case's recorded state by the workflow's
guards (so a screen can show them before the user acts).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.core.deadlines import add_months, deadline, zh_date
from fazhi.core.errors import DomainError
from fazhi.core.numbering import number_next
from fazhi.core.workdays import CalendarDataMissing
from fazhi.enforcement import rules
from fazhi.enforcement.enums import (
    HEARING_KINDS,
    SUMMARY_KINDS,
    CaseStatus,
    DocumentKind,
    LeadSource,
    MajorReason,
    NoPenaltyReason,
    OfficerRole,
    Outcome,
    PartyType,
    PauseReason,
    PenaltyKind,
    Procedure,
    RecusalDecision,
    RecusalSource,
    ServiceMethod,
    zh,
)
from fazhi.enforcement.ledger import record as record_act
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    ClockExtension,
    ClockPause,
    CollectiveDiscussion,
    Decision,
    DraftDecision,
    Hearing,
    HearingThreshold,
    MajorCatalogueItem,
    OnSiteRecord,
    Payment,
    PenaltyNotice,
    Recusal,
    ServiceRecord,
)
from fazhi.enforcement.workflow import case_workflow, latest_draft
from fazhi.orgs.models import EnforcementBody
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, Officer
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.records.enums import Action

HANDLE_ROLES = {Role.SYSTEM_ADMIN, Role.BODY_ADMIN, Role.OFFICER, Role.HEAD}
APPROVE_ROLES = {Role.SYSTEM_ADMIN, Role.HEAD}
CENT = Decimal("0.01")


# --- small checks ---------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _not_future(day: dt.date | None, field: str, label: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise DomainError("date_required", f"{label}:请填写日期", field=field)
    if isinstance(day, dt.datetime):
        day = day.date()
    if day > _today():
        raise DomainError("date_in_future", f"{label}不能晚于今天({zh_date(_today())})", field=field)
    return day


def _not_before(day: dt.date, earlier: dt.date | None, field: str, label: str, earlier_label: str) -> None:
    if earlier is not None and day < earlier:
        raise DomainError("date_order", f"{label}({zh_date(day)})不能早于{earlier_label}({zh_date(earlier)})",
                          field=field)


def _on_or_after(day: dt.date, earlier: dt.date | None, field: str, label: str, earlier_label: str) -> dt.date:
    _not_before(day, earlier, field, label, earlier_label)
    return day


def _text(value, field: str, label: str, *, required: bool = True, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DomainError("required", f"请填写{label}", field=field)
    if max_length and len(text) > max_length:
        raise DomainError("too_long", f"{label}不能超过{max_length}字", field=field)
    return text


def _money(value, field: str, label: str) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except (InvalidOperation, ValueError):
        raise DomainError("bad_amount", f"{label}须为金额(元)", field=field) from None
    if amount < 0 or amount != amount.quantize(CENT):
        raise DomainError("bad_amount", f"{label}须为不小于0、最多两位小数的金额(元)", field=field)
    return amount


def _choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise DomainError("bad_choice", f"{label}无效:{value}", field=field)
    return value


def _kinds(values: Iterable[str], field: str = "penalty_kinds") -> list[str]:
    kinds = list(dict.fromkeys(values or []))
    for kind in kinds:
        _choice(kind, PenaltyKind, field, "处罚种类")
    return kinds


def _is_admin(user) -> bool:
    return bool(user.is_superuser or user.role == Role.SYSTEM_ADMIN)


def check_may_act(by, case_or_org_id, *, approve: bool = False) -> None:
    """The actor handles (or, `approve`, approves for) the case's organisation."""
    org_id = case_or_org_id.organisation_id if hasattr(case_or_org_id, "organisation_id") else case_or_org_id
    allowed = APPROVE_ROLES if approve else HANDLE_ROLES
    if not getattr(by, "is_authenticated", False):
        raise DomainError("role_forbidden", "请先登录")
    if _is_admin(by):
        return
    if by.role not in allowed:
        raise DomainError("role_forbidden", "须由本机关负责人审批" if approve else "无权办理执法案件")
    if by.organisation_id != org_id:
        raise DomainError("role_forbidden", "只能办理本单位的执法案件")


def _locked(case: Case) -> Case:
    # of=("self",): on PostgreSQL lock only the case row, not the body and organisation joined in
    return Case.objects.select_for_update(of=("self",)).select_related("body", "category", "organisation") \
        .get(pk=case.pk)


def _valid_certificates(officer: Officer, on: dt.date, category_code: str):
    return Certificate.objects.filter(officer=officer, status=CertificateStatus.VALID, valid_from__lte=on,
                                      valid_to__gte=on, categories__code=category_code)


def check_certified_officers(*, body: EnforcementBody, category, officers: list[Officer], on: dt.date,
                             field: str = "officers") -> dict[int, Certificate]:
    """XZCF-42: at least two officers of the body, not auxiliary staff, each holding on `on` a valid certificate
    covering the matter's category. Returns {officer pk: the certificate relied on}."""
    officers = list(dict.fromkeys(officers))
    minimum = rules.MIN_OFFICERS.value
    if len(officers) < minimum:
        raise DomainError("too_few_officers", f"执法人员不得少于{minimum}人(现{len(officers)}人)", field=field,
                          rule="XZCF-42")
    chosen: dict[int, Certificate] = {}
    for officer in officers:
        if officer.organisation_id != body.organisation_id:
            raise DomainError("officer_not_of_body", f"{officer.name}不是本执法主体的执法人员", field=field,
                              rule="XZCF-42")
        if officer.status != OfficerStatus.ACTIVE:
            raise DomainError("officer_inactive", f"{officer.name}已离岗,不能执法", field=field, rule="XZCF-42")
        if officer.staff_type == StaffType.AUXILIARY:
            raise DomainError("officer_auxiliary", f"{officer.name}为辅助人员,不具有行政执法资格", field=field,
                              rule="XZCF-42")
        cert = _valid_certificates(officer, on, category.code).order_by("-valid_to").first()
        if cert is None:
            lapsed = Certificate.objects.filter(officer=officer, categories__code=category.code,
                                                valid_to__lt=on).order_by("-valid_to").first()
            detail = f"(证件{lapsed.number}已于{zh_date(lapsed.valid_to)}到期)" if lapsed else ""
            raise DomainError("officer_not_certified",
                              f"{officer.name}在{zh_date(on)}没有覆盖“{category.name}”的有效执法证件{detail}",
                              field=field, rule="XZCF-42")
        chosen[officer.pk] = cert
    return chosen


def _check_certificates_shown(shown: Iterable[str], certs: dict[int, Certificate], officers: list[Officer]) -> list:
    """XZCF-52/55: each officer showed a certificate; the numbers recorded must be their valid ones."""
    shown = [s.strip() for s in (shown or []) if s and s.strip()]
    for officer in officers:
        valid_numbers = set(Certificate.objects.filter(officer=officer, status=CertificateStatus.VALID)
                            .values_list("number", flat=True))
        if certs[officer.pk].number not in shown and not (valid_numbers & set(shown)):
            raise DomainError("certificate_not_shown", f"未记录{officer.name}出示的执法证件编号",
                              field="certificates_shown", rule="XZCF-52")
    known = set(Certificate.objects.filter(officer__in=officers).values_list("number", flat=True))
    unknown = [s for s in shown if s not in known]
    if unknown:
        raise DomainError("certificate_unknown", f"证件编号{'、'.join(unknown)}不属于在场执法人员",
                          field="certificates_shown", rule="XZCF-52")
    return shown


def active_officers(case: Case) -> list[Officer]:
    return [co.officer for co in case.case_officers.filter(active=True).select_related("officer")]


def _check_case_officers_on(case: Case, on: dt.date) -> None:
    """XZCF-42 on the day of an act: the case's active officers still hold valid certificates."""
    check_certified_officers(body=case.body, category=case.category, officers=active_officers(case), on=on,
                             field="officers")


def due_or_none(rule_id: str, start: dt.date, **kwargs) -> dt.date | None:
    """The engine's date, or None while the holiday schedule of the year it falls in is not loaded (CAL-YEAR: never
    guessed; the office's workbench warns about the missing year). The act itself is not held up by it."""
    try:
        return deadline(rule_id, start, **kwargs).due
    except CalendarDataMissing:
        return None


NUMBER_KINDS = {"case": "案号", "penalty_notice": "行政处罚事先告知书", "hearing_notice": "听证通知书",
                "penalty_decision": "行政处罚决定书", "no_penalty_decision": "不予行政处罚决定书"}


def _issue_number(case: Case, kind: str, year: int) -> str:
    try:
        return number_next(scope=str(case.organisation.public_id), kind=kind, year=year).text
    except DomainError as exc:
        if exc.code != "numbering_prefix_missing":
            raise
        raise DomainError("numbering_prefix_missing",
                          f"{case.organisation.name}尚未设置{NUMBER_KINDS.get(kind, kind)}的文书代字,无法编号;"
                          f"请本单位管理员或司法局在“案件设置—文书代字”中设置") from None


# --- the XZCF-60 clock ----------------------------------------------------------------------------------------


def clock_inputs(case: Case, *, today: dt.date | None = None) -> tuple[list[tuple[dt.date, dt.date]], list[int]]:
    today = today or _today()
    pauses = [(p.started_on, p.ended_on or max(today, p.started_on)) for p in case.pauses.all()]
    extensions = [e.days for e in case.extensions.all()]
    return pauses, extensions


def refresh_decision_due(case: Case) -> None:
    """Keep Case.decision_due (for lists and warnings) equal to the engine's XZCF-60 date; empty while the clock
    stands still or once decided."""
    if case.filed_on is None or case.status not in (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED) or case.pauses.filter(ended_on__isnull=True).exists():
        due = None
    else:
        pauses, extensions = clock_inputs(case)
        due = due_or_none("XZCF-60", case.filed_on, pauses=pauses, extensions=extensions)
    if case.decision_due != due:
        Case.objects.filter(pk=case.pk).update(decision_due=due)
        case.decision_due = due


def cases_refresh_due() -> int:
    """Fill in the XZCF-60 date of open cases whose date could not be computed before (a year without holiday data,
    CAL-YEAR) once an administrator has entered that year. Run by the nightly warnings scan before it warns.
    Returns how many cases got a date. The date is derived data, not an act: nothing is recorded."""
    filled = 0
    waiting = (Case.objects.filter(status__in=(CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED), filed_on__isnull=False,
                                   decision_due__isnull=True)
               .exclude(pauses__ended_on__isnull=True, pauses__isnull=False))
    for case in waiting.iterator(chunk_size=500):
        refresh_decision_due(case)
        filled += case.decision_due is not None
    return filled


# --- lead and filing ------------------------------------------------------------------------------------------


@transaction.atomic
def case_lead_register(*, by, body: EnforcementBody, title: str, lead_source: str, lead_received_on: dt.date,
                       lead_summary: str, category, party_type: str, party_name: str, party_id_number: str = "",
                       party_legal_representative: str = "", party_address: str = "", party_phone: str = "",
                       inspection_task_ref: str = "") -> Case:
    check_may_act(by, body.organisation_id)
    if not body.categories.filter(pk=category.pk).exists():
        raise DomainError("category_not_of_body", f"“{category.name}”不在{body.name}的执法类别内", field="category")
    case = Case(
        body=body, organisation_id=body.organisation_id, procedure=Procedure.GENERAL, status=CaseStatus.LEAD,
        title=_text(title, "title", "案由", max_length=200),
        lead_source=_choice(lead_source, LeadSource, "lead_source", "案源"),
        lead_received_on=_not_future(lead_received_on, "lead_received_on", "案源登记日期"),
        lead_summary=_text(lead_summary, "lead_summary", "线索内容"), category=category,
        party_type=_choice(party_type, PartyType, "party_type", "当事人类型"),
        party_name=_text(party_name, "party_name", "当事人名称/姓名", max_length=200),
        party_id_number=_party_id(party_type, party_id_number),
        party_legal_representative=_text(party_legal_representative, "party_legal_representative", "法定代表人",
                                         required=False, max_length=50),
        party_address=_text(party_address, "party_address", "住所", required=False, max_length=300),
        party_phone=_text(party_phone, "party_phone", "联系电话", required=False, max_length=30),
        inspection_task_ref=inspection_task_ref or "", created_by=by,
    )
    case.save()
    record_act(case, by=by, action=Action.CASE_LEAD_REGISTERED,
           payload={"title": case.title, "lead_source": case.lead_source, "received_on": case.lead_received_on,
                    "party_name": case.party_name, "category": category.code})
    return case


def _party_id(party_type: str, value: str) -> str:
    from fazhi.core.validators import validate_id_number, validate_uscc

    value = (value or "").strip().upper()
    if not value:
        return ""
    try:
        if party_type == PartyType.PERSON:
            validate_id_number(value)
        else:
            validate_uscc(value)
    except Exception as exc:  # noqa: BLE001 - Django's ValidationError carries the Chinese message
        message = getattr(exc, "messages", [str(exc)])[0]
        raise DomainError("bad_party_id", message, field="party_id_number") from None
    return value


@transaction.atomic
def case_not_file(*, by, case: Case, reason: str) -> Case:
    check_may_act(by, case)
    reason = _text(reason, "reason", "不予立案理由", max_length=500)
    return case_workflow.transition(case, "not_file", by=by, payload={"reason": reason})


def check_limitation(*, violation_on: dt.date, continuing_until: dt.date | None, discovered_on: dt.date,
                     grave_harm: bool) -> None:
    """XZCF-36: not discovered within 2 years (5 where life, health or financial security was harmed) of the act
    — of its end when it continued — no penalty; "内" includes the last day."""
    start = continuing_until or violation_on
    limit = rules.limitation_for(grave_harm=grave_harm)
    last_day = add_months(start, 12 * int(limit.value))
    if discovered_on > last_day:
        raise DomainError("limitation_expired",
                          f"违法行为自{zh_date(start)}起{limit.value}年内未被发现(最迟{zh_date(last_day)}),"
                          f"发现于{zh_date(discovered_on)},不再给予行政处罚", field="discovered_on", rule="XZCF-36")


@transaction.atomic
def case_file(*, by, case: Case, filed_on: dt.date, power_item, legal_bases, officers: list[Officer],
              discovered_on: dt.date, violation_on: dt.date | None = None,
              violation_continuing_until: dt.date | None = None, grave_harm: bool = False, facts: str = "") -> Case:
    case = _locked(case)
    check_may_act(by, case)
    case_workflow.check(case, "file", by=by)
    filed_on = _not_future(filed_on, "filed_on", "立案日期")
    _not_before(filed_on, case.lead_received_on, "filed_on", "立案日期", "案源登记日期")
    discovered_on = _not_future(discovered_on, "discovered_on", "发现日期")
    _not_before(filed_on, discovered_on, "filed_on", "立案日期", "发现日期")
    if violation_on is None:
        raise DomainError("required", "请填写违法行为发生日期(用于核对处罚时效)", field="violation_on", rule="XZCF-36")
    violation_on = _not_future(violation_on, "violation_on", "违法行为发生日期")
    if violation_continuing_until is not None:
        violation_continuing_until = _not_future(violation_continuing_until, "violation_continuing_until",
                                                 "连续或继续状态终了日期")
        _not_before(violation_continuing_until, violation_on, "violation_continuing_until", "继续状态终了日期",
                    "违法行为发生日期")
    _not_before(discovered_on, violation_on, "discovered_on", "发现日期", "违法行为发生日期")
    check_limitation(violation_on=violation_on, continuing_until=violation_continuing_until,
                     discovered_on=discovered_on, grave_harm=grave_harm)
    if power_item is None:
        raise DomainError("required", "请从权责清单中选择本案适用的权力事项", field="power_item")
    if power_item.category != PowerCategory.PENALTY or power_item.status != PowerItemStatus.PUBLISHED:
        raise DomainError("power_item_invalid", f"“{power_item.name}”不是已公布的行政处罚事项", field="power_item")
    if not power_item.departments.filter(pk=case.organisation_id).exists():
        raise DomainError("power_item_not_of_body", f"“{power_item.name}”不在本单位的权责清单内", field="power_item")
    bases = list(dict.fromkeys(legal_bases or []))
    if not bases:
        raise DomainError("required", "请选择法律依据", field="legal_bases")
    allowed = set(power_item.legal_bases.values_list("article_id", flat=True))
    outside = [a for a in bases if a.pk not in allowed]
    if outside:
        raise DomainError("basis_not_of_item", f"所选依据{outside[0]}不是该权力事项的依据", field="legal_bases")
    officers = list(dict.fromkeys(officers or []))
    recused = set(case.recusals.filter(decision=RecusalDecision.GRANTED).values_list("officer_id", flat=True))
    for officer in officers:
        if officer.pk in recused:
            raise DomainError("officer_recused", f"{officer.name}已回避,不能承办本案", field="officers", rule="XZCF-43")
    certs = check_certified_officers(body=case.body, category=case.category, officers=officers, on=filed_on)
    case.filed_on, case.filed_by, case.power_item = filed_on, by, power_item
    case.discovered_on, case.violation_on = discovered_on, violation_on
    case.violation_continuing_until, case.grave_harm = violation_continuing_until, bool(grave_harm)
    case.facts = (facts or "").strip()
    case.number = _issue_number(case, "case", filed_on.year)
    case.save()
    case.legal_bases.set(bases)
    for i, officer in enumerate(officers):
        CaseOfficer.objects.create(case=case, officer=officer, certificate=certs[officer.pk],
                                   role=OfficerRole.LEAD if i == 0 else OfficerRole.ASSIST, assigned_on=filed_on)
    due = due_or_none("XZCF-60", filed_on)
    case = case_workflow.transition(case, "file", by=by, payload={
        "number": case.number, "filed_on": filed_on, "power_item": power_item.code,
        "legal_bases": [str(a) for a in bases], "decision_due": due,
        "officers": [{"name": o.name, "certificate": certs[o.pk].number} for o in officers]})
    refresh_decision_due(case)
    return case


@transaction.atomic
def case_officer_assign(*, by, case: Case, officer: Officer, on: dt.date) -> CaseOfficer:
    case = _locked(case)
    check_may_act(by, case)
    _require_open(case)
    on = _not_future(on, "on", "指派日期")
    if case.recusals.filter(officer=officer, decision=RecusalDecision.GRANTED).exists():
        raise DomainError("officer_recused", f"{officer.name}已回避,不能承办本案", field="officer", rule="XZCF-43")
    if case.case_officers.filter(officer=officer, active=True).exists():
        raise DomainError("officer_assigned", f"{officer.name}已是本案办案人员", field="officer")
    cert = check_certified_officers(body=case.body, category=case.category,
                                    officers=[officer, *[o for o in active_officers(case) if o != officer]],
                                    on=on, field="officer")[officer.pk]
    assignment, _ = CaseOfficer.objects.update_or_create(
        case=case, officer=officer,
        defaults={"certificate": cert, "assigned_on": on, "active": True, "ended_reason": "",
                  "role": OfficerRole.ASSIST})
    record_act(case, by=by, action=Action.CASE_OFFICER_ASSIGNED,
           payload={"officer": officer.name, "certificate": cert.number, "on": on})
    return assignment


def _require_open(case: Case) -> None:
    if case.status not in (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED):
        raise DomainError("case_not_open", f"案件当前状态为“{case.get_status_display()}”,不能办理此事项",
                          field="status")


@transaction.atomic
def recusal_request(*, by, case: Case, officer: Officer, source: str, reason: str,
                    requested_on: dt.date) -> Recusal:
    case = _locked(case)
    check_may_act(by, case)
    if case.status in (CaseStatus.CLOSED, CaseStatus.NOT_FILED):
        raise DomainError("case_not_open", "案件已办结,不能申请回避")
    if not case.case_officers.filter(officer=officer, active=True).exists():
        raise DomainError("officer_not_assigned", f"{officer.name}不是本案在办人员", field="officer")
    if case.recusals.filter(officer=officer, decision=RecusalDecision.PENDING).exists():
        raise DomainError("recusal_pending", f"{officer.name}的回避申请尚待决定", field="officer")
    recusal = Recusal.objects.create(
        case=case, officer=officer, source=_choice(source, RecusalSource, "source", "申请方"),
        reason=_text(reason, "reason", "回避理由", max_length=500),
        requested_on=_on_or_after(_not_future(requested_on, "requested_on", "申请日期"), case.filed_on,
                                  "requested_on", "申请日期", "立案日期"))
    record_act(case, by=by, action=Action.CASE_RECUSAL_REQUESTED,
           payload={"recusal": str(recusal.public_id), "officer": officer.name, "source": recusal.source,
                    "reason": recusal.reason, "requested_on": recusal.requested_on})
    return recusal


@transaction.atomic
def recusal_decide(*, by, recusal: Recusal, granted: bool, reason: str, decided_on: dt.date) -> Recusal:
    """XZCF-43: the head decides. A granted recusal ends the officer's assignment."""
    recusal = Recusal.objects.select_for_update().select_related("case", "officer").get(pk=recusal.pk)
    case = _locked(recusal.case)
    check_may_act(by, case, approve=True)
    if recusal.decision != RecusalDecision.PENDING:
        raise DomainError("recusal_decided", "该回避申请已作出决定")
    decided_on = _not_future(decided_on, "decided_on", "决定日期")
    _not_before(decided_on, recusal.requested_on, "decided_on", "决定日期", "申请日期")
    recusal.decision = RecusalDecision.GRANTED if granted else RecusalDecision.REFUSED
    recusal.decided_by, recusal.decided_on = by, decided_on
    recusal.decision_reason = _text(reason, "reason", "决定理由", max_length=500)
    recusal.save()
    if granted:
        CaseOfficer.objects.filter(case=case, officer=recusal.officer).update(active=False, ended_reason="回避")
    record_act(case, by=by, action=Action.CASE_RECUSAL_DECIDED,
           payload={"recusal": str(recusal.public_id), "officer": recusal.officer.name,
                    "decision": recusal.decision, "reason": recusal.decision_reason, "decided_on": decided_on})
    return recusal


@transaction.atomic
def onsite_record_add(*, by, case: Case, occurred_at: dt.datetime, place: str, officers: list[Officer],
                      certificates_shown: list[str], party_present: str, content: str,
                      signed_by_party: bool = True, witness: str = "") -> OnSiteRecord:
    """现场笔录: ≥2 certified officers on that day (XZCF-42) and the certificate numbers shown (XZCF-52/55)."""
    case = _locked(case)
    check_may_act(by, case)
    if case.status not in (CaseStatus.LEAD, CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED):
        raise DomainError("case_not_open", f"案件当前状态为“{case.get_status_display()}”,不能制作现场笔录")
    if not isinstance(occurred_at, dt.datetime):
        raise DomainError("date_required", "请填写笔录时间", field="occurred_at")
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    day = _not_future(timezone.localtime(occurred_at).date(), "occurred_at", "笔录时间")
    officers = list(dict.fromkeys(officers or []))
    certs = check_certified_officers(body=case.body, category=case.category, officers=officers, on=day)
    shown = _check_certificates_shown(certificates_shown, certs, officers)
    signed = bool(signed_by_party)
    witness = _text(witness, "witness", "见证人", required=not signed, max_length=100)
    onsite = OnSiteRecord.objects.create(
        case=case, occurred_at=occurred_at, place=_text(place, "place", "地点", max_length=200),
        certificates_shown=shown, party_present=_text(party_present, "party_present", "当事人或在场人", max_length=100),
        content=_text(content, "content", "笔录内容"), signed_by_party=signed, witness=witness, created_by=by)
    onsite.officers.set(officers)
    record_act(case, by=by, action=Action.CASE_ONSITE_RECORDED,
           payload={"onsite_record": str(onsite.public_id), "occurred_at": occurred_at.isoformat(),
                    "place": onsite.place, "officers": [o.name for o in officers], "certificates_shown": shown,
                    "content_sha256": hashlib.sha256(onsite.content.encode()).hexdigest()})
    return onsite


# --- notice, statement, hearing -------------------------------------------------------------------------------


def hearing_threshold(case: Case) -> HearingThreshold:
    row = (HearingThreshold.objects.filter(category=case.category, party_type=case.party_type).first()
           or HearingThreshold.objects.filter(category__isnull=True, party_type=case.party_type).first())
    if row is None:
        raise DomainError("threshold_missing", "尚未设置听证“较大数额”标准,请管理员在听证标准中设置", rule="XZCF-63")
    return row


def hearing_right(case: Case, *, kinds: list[str], fine: Decimal, confiscation: Decimal) -> bool:
    """XZCF-63: a large fine or confiscation (以上: the threshold itself counts), or a heavy penalty kind."""
    if set(kinds) & HEARING_KINDS:
        return True
    threshold = hearing_threshold(case)
    return fine >= threshold.min_fine or confiscation >= threshold.min_confiscation


@transaction.atomic
def notice_issue(*, by, case: Case, issued_on: dt.date, penalty_kinds: list[str], fine_amount, confiscation_amount,
                 facts: str, reasons_and_basis: str) -> PenaltyNotice:
    case = _locked(case)
    check_may_act(by, case)
    case_workflow.check(case, "notify", by=by)
    issued_on = _not_future(issued_on, "issued_on", "告知日期")
    _not_before(issued_on, case.filed_on, "issued_on", "告知日期", "立案日期")
    kinds = _kinds(penalty_kinds)
    if not kinds:
        raise DomainError("required", "请选择拟处罚种类", field="penalty_kinds", rule="XZCF-44")
    fine = _money(fine_amount, "fine_amount", "拟罚款")
    confiscation = _money(confiscation_amount, "confiscation_amount", "拟没收金额")
    if (PenaltyKind.FINE in kinds) != (fine > 0):
        raise DomainError("fine_mismatch", "选择“罚款”时须填写罚款金额,未选择时罚款金额应为0", field="fine_amount")
    _check_case_officers_on(case, issued_on)
    right = hearing_right(case, kinds=kinds, fine=fine, confiscation=confiscation)
    notice = PenaltyNotice.objects.create(
        case=case, number=_issue_number(case, "penalty_notice", issued_on.year), issued_on=issued_on,
        penalty_kinds=kinds, fine_amount=fine, confiscation_amount=confiscation,
        facts=_text(facts, "facts", "违法事实"), reasons_and_basis=_text(reasons_and_basis, "reasons_and_basis", "理由及依据"),
        hearing_right=right)
    case_workflow.transition(case, "notify", by=by, payload={
        "notice": notice.number, "issued_on": issued_on, "penalty_kinds": kinds, "fine_amount": fine,
        "confiscation_amount": confiscation, "hearing_right": right})
    return notice


def _service_record(case: Case, *, by, document: str, number: str, served_on: dt.date, method: str,
                    recipient: str, electronic_consent: bool) -> ServiceRecord:
    method = _choice(method, ServiceMethod, "method", "送达方式")
    if method == ServiceMethod.ELECTRONIC and not electronic_consent:
        raise DomainError("electronic_without_consent", "电子送达须经当事人同意并签订确认书", field="method",
                          rule="XZCF-61")
    return ServiceRecord.objects.create(
        case=case, document=document, document_number=number, method=method, served_on=served_on,
        recipient=_text(recipient, "recipient", "受送达人", max_length=200), electronic_consent=bool(electronic_consent),
        created_by=by)


@transaction.atomic
def notice_serve(*, by, case: Case, served_on: dt.date, method: str, recipient: str,
                 electronic_consent: bool = False) -> ServiceRecord:
    case = _locked(case)
    check_may_act(by, case)
    notice = _notice(case)
    if notice.served_on is not None:
        raise DomainError("already_served", "告知书已送达")
    served_on = _not_future(served_on, "served_on", "送达日期")
    _not_before(served_on, notice.issued_on, "served_on", "送达日期", "告知日期")
    service = _service_record(case, by=by, document=DocumentKind.PENALTY_NOTICE, number=notice.number,
                              served_on=served_on, method=method, recipient=recipient,
                              electronic_consent=electronic_consent)
    try:
        due = deadline("XZCF-64-1", served_on)
        due_on, trace = due.due, due.trace
    except CalendarDataMissing as exc:
        due_on, trace = None, exc.message
    notice.served_on, notice.hearing_request_due = served_on, due_on
    notice.save(update_fields=["served_on", "hearing_request_due", "updated_at"])
    record_act(case, by=by, action=Action.CASE_NOTICE_SERVED,
               payload={"notice": notice.number, "served_on": served_on, "method": service.method,
                        "recipient": service.recipient, "statement_and_hearing_due": due_on, "trace": trace})
    return service


def _notice(case: Case) -> PenaltyNotice:
    try:
        return case.notice
    except PenaltyNotice.DoesNotExist:
        raise DomainError("notice_missing", "尚未告知拟处罚内容", rule="XZCF-44") from None


@transaction.atomic
def statement_record(*, by, case: Case, statement: str, on: dt.date, waived: bool = False) -> PenaltyNotice:
    """XZCF-45: the party's statement and defence (or a recorded waiver)."""
    case = _locked(case)
    check_may_act(by, case)
    if case.status != CaseStatus.NOTIFIED:
        raise DomainError("case_not_notified", "案件未处于告知阶段,不能登记陈述申辩")
    notice = _notice(case)
    if notice.served_on is None:
        raise DomainError("notice_not_served", "告知书尚未送达", rule="XZCF-44")
    on = _not_future(on, "on", "陈述申辩日期")
    _not_before(on, notice.served_on, "on", "陈述申辩日期", "告知书送达日期")
    notice.waived = bool(waived)
    notice.statement = _text(statement, "statement", "陈述申辩意见", required=not waived)
    notice.statement_on = on
    notice.save(update_fields=["waived", "statement", "statement_on", "updated_at"])
    record_act(case, by=by, action=Action.CASE_STATEMENT_RECORDED,
           payload={"on": on, "waived": notice.waived,
                    "statement_sha256": hashlib.sha256(notice.statement.encode()).hexdigest()})
    return notice


@transaction.atomic
def hearing_request(*, by, case: Case, requested_on: dt.date) -> PenaltyNotice:
    """XZCF-64-1: asked within 5 working days of the notice's service. Stops the XZCF-60 clock until held."""
    case = _locked(case)
    check_may_act(by, case)
    if case.status != CaseStatus.NOTIFIED:
        raise DomainError("case_not_notified", "案件未处于告知阶段,不能申请听证")
    notice = _notice(case)
    if not notice.hearing_right:
        raise DomainError("no_hearing_right", "本案拟处罚不属于应当告知听证权利的情形", rule="XZCF-63")
    if notice.served_on is None:
        raise DomainError("notice_not_served", "告知书尚未送达", rule="XZCF-64-1")
    if notice.hearing_requested_on is not None:
        raise DomainError("hearing_already_requested", "当事人已申请听证")
    requested_on = _not_future(requested_on, "requested_on", "申请听证日期")
    _not_before(requested_on, notice.served_on, "requested_on", "申请听证日期", "告知书送达日期")
    if notice.hearing_request_due is None:
        deadline("XZCF-64-1", notice.served_on)  # raises the CAL-YEAR error: the window cannot be judged
    if requested_on > notice.hearing_request_due:
        due = deadline("XZCF-64-1", notice.served_on)
        raise DomainError("hearing_request_late", f"当事人应在告知后5个工作日内提出听证要求,已逾期。{due.trace}",
                          field="requested_on", rule="XZCF-64-1")
    notice.hearing_requested_on = requested_on
    notice.save(update_fields=["hearing_requested_on", "updated_at"])
    ClockPause.objects.create(case=case, reason=PauseReason.HEARING, started_on=requested_on,
                              note="当事人申请听证,听证期间不计入办案期限", created_by=by)
    record_act(case, by=by, action=Action.CASE_HEARING_REQUESTED,
           payload={"requested_on": requested_on, "due": notice.hearing_request_due})
    refresh_decision_due(case)
    return notice


@transaction.atomic
def hearing_schedule(*, by, case: Case, notice_served_on: dt.date, hearing_on: dt.date, place: str,
                     presiding_officer: Officer) -> Hearing:
    """XZCF-64-2: the hearing notice reaches the party at least 7 working days before; the presiding officer is not
    one of the case's investigators."""
    case = _locked(case)
    check_may_act(by, case)
    notice = _notice(case)
    if notice.hearing_requested_on is None:
        raise DomainError("hearing_not_requested", "当事人未申请听证")
    if hasattr(case, "hearing"):
        raise DomainError("hearing_scheduled", "听证已安排")
    notice_served_on = _not_future(notice_served_on, "notice_served_on", "听证通知送达日期")
    _not_before(notice_served_on, notice.hearing_requested_on, "notice_served_on", "听证通知送达日期", "申请听证日期")
    if not isinstance(hearing_on, dt.date):
        raise DomainError("date_required", "请填写听证日期", field="hearing_on")
    latest = deadline("XZCF-64-2", hearing_on)
    if notice_served_on > latest.due:
        raise DomainError("hearing_notice_late", f"听证通知须在听证日7个工作日前送达。{latest.trace}",
                          field="hearing_on", rule="XZCF-64-2")
    if case.case_officers.filter(officer=presiding_officer).exists():
        raise DomainError("presiding_is_investigator", f"{presiding_officer.name}为本案调查人员,不得主持听证",
                          field="presiding_officer", rule="XZCF-64")
    if presiding_officer.organisation_id != case.organisation_id:
        raise DomainError("presiding_not_of_body", "听证主持人须为本机关指定的非本案调查人员",
                          field="presiding_officer", rule="XZCF-64")
    hearing = Hearing.objects.create(
        case=case, number=_issue_number(case, "hearing_notice", notice_served_on.year),
        notice_served_on=notice_served_on, hearing_on=hearing_on, place=_text(place, "place", "听证地点", max_length=200),
        presiding_officer=presiding_officer)
    record_act(case, by=by, action=Action.CASE_HEARING_SCHEDULED,
           payload={"hearing_notice": hearing.number, "notice_served_on": notice_served_on,
                    "hearing_on": hearing_on, "presiding_officer": presiding_officer.name,
                    "latest_notice_day": latest.due})
    return hearing


@transaction.atomic
def hearing_hold(*, by, case: Case, held_on: dt.date, record: str, conclusion: str) -> Hearing:
    """The hearing was held: its record and opinion; the clock runs again; a case that went through a hearing
    touching major rights is a major case (XZCF-58)."""
    case = _locked(case)
    check_may_act(by, case)
    try:
        hearing = case.hearing
    except Hearing.DoesNotExist:
        raise DomainError("hearing_not_scheduled", "尚未安排听证") from None
    if hearing.held:
        raise DomainError("hearing_held", "听证已举行")
    held_on = _not_future(held_on, "held_on", "听证日期")
    _not_before(held_on, hearing.hearing_on, "held_on", "听证举行日期", "通知的听证日期")
    hearing.held, hearing.record = True, _text(record, "record", "听证笔录摘要")
    hearing.conclusion = _text(conclusion, "conclusion", "听证意见")
    hearing.save()
    case.pauses.filter(reason=PauseReason.HEARING, ended_on__isnull=True).update(ended_on=held_on)
    reasons = list(dict.fromkeys([*case.major_reasons, MajorReason.HEARING]))
    Case.objects.filter(pk=case.pk).update(is_major=True, major_reasons=reasons)
    case.is_major, case.major_reasons = True, reasons
    record_act(case, by=by, action=Action.CASE_HEARING_HELD,
           payload={"held_on": held_on, "conclusion_sha256": hashlib.sha256(hearing.conclusion.encode()).hexdigest(),
                    "major": True})
    refresh_decision_due(case)
    return hearing


# --- the clock: pauses and extensions -------------------------------------------------------------------------


@transaction.atomic
def clock_pause(*, by, case: Case, reason: str, started_on: dt.date, note: str) -> ClockPause:
    case = _locked(case)
    check_may_act(by, case)
    _require_open(case)
    reason = _choice(reason, PauseReason, "reason", "中止事由")
    started_on = _not_future(started_on, "started_on", "中止起始日期")
    _not_before(started_on, case.filed_on, "started_on", "中止起始日期", "立案日期")
    if case.pauses.filter(ended_on__isnull=True).exists():
        raise DomainError("already_paused", "办案期限已处于中止状态")
    last = case.pauses.exclude(ended_on__isnull=True).order_by("-ended_on").first()
    if last and started_on <= last.ended_on:
        raise DomainError("pause_overlap", f"中止期间不能与上一次中止(至{zh_date(last.ended_on)})重叠", field="started_on")
    pause = ClockPause.objects.create(case=case, reason=reason, started_on=started_on,
                                      note=_text(note, "note", "说明", max_length=300), created_by=by)
    record_act(case, by=by, action=Action.CASE_CLOCK_PAUSED,
           payload={"pause": str(pause.public_id), "reason": reason, "started_on": started_on, "note": pause.note})
    refresh_decision_due(case)
    return pause


@transaction.atomic
def clock_resume(*, by, case: Case, ended_on: dt.date) -> ClockPause:
    case = _locked(case)
    check_may_act(by, case)
    pause = case.pauses.filter(ended_on__isnull=True).first()
    if pause is None:
        raise DomainError("not_paused", "办案期限未处于中止状态")
    if pause.reason == PauseReason.HEARING:
        raise DomainError("hearing_pause", "听证期间的中止在听证举行后自动结束")
    ended_on = _not_future(ended_on, "ended_on", "恢复计算日期")
    _not_before(ended_on, pause.started_on, "ended_on", "中止结束日期", "中止起始日期")
    pause.ended_on = ended_on
    pause.save(update_fields=["ended_on", "updated_at"])
    record_act(case, by=by, action=Action.CASE_CLOCK_RESUMED,
           payload={"pause": str(pause.public_id), "started_on": pause.started_on, "ended_on": ended_on})
    refresh_decision_due(case)
    return pause


@transaction.atomic
def clock_extend(*, by, case: Case, days: int, approved_on: dt.date, reason: str,
                 collective_discussion: CollectiveDiscussion | None = None) -> ClockExtension:
    """XZCF-60 extension (the rule table: each ≤30 days). The head approves the first; a further extension needs
    the heads' collective discussion (SAMR practice, configurable through the rule table's allowance)."""
    case = _locked(case)
    check_may_act(by, case, approve=True)
    _require_open(case)
    approved_on = _not_future(approved_on, "approved_on", "批准日期")
    _not_before(approved_on, case.filed_on, "approved_on", "批准日期", "立案日期")
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise DomainError("bad_days", "延长天数须为整数", field="days") from None
    existing = list(case.extensions.values_list("days", flat=True))
    pauses, _ = clock_inputs(case)
    # The rule's allowance is checked before any day is counted; a missing year (CAL-YEAR) only delays the new date.
    with contextlib.suppress(CalendarDataMissing):
        deadline("XZCF-60", case.filed_on, pauses=pauses, extensions=[*existing, days])
    if case.decision_due and approved_on > case.decision_due:
        raise DomainError("extension_after_due", f"办案期限已于{zh_date(case.decision_due)}届满,不能再批准延长",
                          field="approved_on", rule="XZCF-60")
    if existing and collective_discussion is None:
        raise DomainError("extension_needs_discussion", "再次延长办案期限须经负责人集体讨论决定",
                          field="collective_discussion", rule="XZCF-60")
    if collective_discussion is not None and collective_discussion.case_id != case.pk:
        raise DomainError("bad_discussion", "集体讨论记录不属于本案", field="collective_discussion")
    ext = ClockExtension.objects.create(case=case, days=days, approved_on=approved_on, approved_by=by,
                                        reason=_text(reason, "reason", "延长理由", max_length=500),
                                        collective_discussion=collective_discussion)
    refresh_decision_due(case)
    record_act(case, by=by, action=Action.CASE_EXTENDED,
           payload={"days": days, "approved_on": approved_on, "reason": ext.reason, "new_due": case.decision_due,
                    "collective_discussion": str(collective_discussion.public_id) if collective_discussion else None})
    return ext


# --- drafts, major flags, discussion --------------------------------------------------------------------------


def _draft_content(fields: dict) -> str:
    from fazhi.records.services import canonical_json

    return hashlib.sha256(canonical_json(fields)).hexdigest()


def catalogue_matches(case: Case, *, kinds: list[str], fine: Decimal) -> list[MajorCatalogueItem]:
    """The body's published catalogue entries (GB118) the draft falls under."""
    hits = []
    for item in MajorCatalogueItem.objects.filter(body=case.body):
        if item.min_fine is not None and fine >= item.min_fine or set(item.penalty_kinds or []) & set(kinds):
            hits.append(item)
    return hits


@transaction.atomic
def draft_save(*, by, case: Case, outcome: str, penalty_kinds: list[str] | None = None, fine_amount=0,
               confiscation_amount=0, no_penalty_reason: str = "", facts_and_evidence: str = "",
               penalty_and_basis: str = "", compliance: str = "", remedies: str = "") -> DraftDecision:
    """A new version of the draft decision. Older versions' reviews lose their force (XZCF-58)."""
    from fazhi.enforcement.services import review as review_services

    case = _locked(case)
    check_may_act(by, case)
    _require_open(case)
    outcome = _choice(outcome, Outcome, "outcome", "处理结果")
    kinds = _kinds(penalty_kinds or [])
    fine = _money(fine_amount, "fine_amount", "罚款")
    confiscation = _money(confiscation_amount, "confiscation_amount", "没收金额")
    if outcome == Outcome.PENALTY:
        if not kinds:
            raise DomainError("required", "请选择处罚种类", field="penalty_kinds")
        if (PenaltyKind.FINE in kinds) != (fine > 0):
            raise DomainError("fine_mismatch", "选择“罚款”时须填写罚款金额,未选择时罚款金额应为0", field="fine_amount")
        no_penalty_reason = ""
    else:
        if kinds or fine or confiscation:
            raise DomainError("penalty_on_non_penalty", "不予处罚或移送的决定不能包含处罚内容", field="penalty_kinds")
        if outcome == Outcome.NO_PENALTY:
            _choice(no_penalty_reason, NoPenaltyReason, "no_penalty_reason", "不予处罚理由(XZCF-33)")
        else:
            no_penalty_reason = ""
    fields = {
        "outcome": outcome, "penalty_kinds": kinds, "fine_amount": str(fine), "confiscation_amount": str(confiscation),
        "no_penalty_reason": no_penalty_reason,
        "facts_and_evidence": _text(facts_and_evidence, "facts_and_evidence", "违法事实和证据"),
        "penalty_and_basis": _text(penalty_and_basis, "penalty_and_basis", "处理内容及依据"),
        "compliance": _text(compliance, "compliance", "履行方式和期限", required=outcome == Outcome.PENALTY),
        "remedies": _text(remedies, "remedies", "救济途径和期限", required=outcome != Outcome.TRANSFER_JUDICIARY),
    }
    previous = latest_draft(case)
    version = (previous.version + 1) if previous else 1
    draft = DraftDecision.objects.create(
        public_id=uuid.uuid4(), case=case, version=version, outcome=outcome, penalty_kinds=kinds, fine_amount=fine,
        confiscation_amount=confiscation, no_penalty_reason=no_penalty_reason,
        facts_and_evidence=fields["facts_and_evidence"], penalty_and_basis=fields["penalty_and_basis"],
        compliance=fields["compliance"], remedies=fields["remedies"], content_sha256=_draft_content(fields),
        created_by=by)
    record_act(case, by=by, action=Action.CASE_DRAFT_SAVED,
           payload={"draft": str(draft.public_id), "version": version, "content_sha256": draft.content_sha256,
                    "outcome": outcome, "fine_amount": fine})
    if previous is not None:
        review_services.reviews_invalidate(case=case, draft=draft, by=by)
    hits = catalogue_matches(case, kinds=kinds, fine=fine) if outcome == Outcome.PENALTY else []
    reasons = [r for r in case.major_reasons if r != MajorReason.CATALOGUE]
    if hits:
        reasons.append(MajorReason.CATALOGUE)
    is_major = bool(reasons)
    if is_major != case.is_major or reasons != case.major_reasons:
        Case.objects.filter(pk=case.pk).update(is_major=is_major, major_reasons=reasons)
        case.is_major, case.major_reasons = is_major, reasons
        record_act(case, by=by, action=Action.CASE_DRAFT_SAVED,
               payload={"draft": str(draft.public_id), "major": is_major, "major_reasons": reasons,
                        "catalogue": [h.title for h in hits]})
    return draft


@transaction.atomic
def case_mark_major(*, by, case: Case, reasons: list[str], needs_collective_discussion: bool = False) -> Case:
    """XZCF-58 / XZCF-57: flag the case as needing legal review (reasons) and/or collective discussion."""
    case = _locked(case)
    check_may_act(by, case)
    _require_open(case)
    reasons = list(dict.fromkeys(reasons or []))
    for reason in reasons:
        _choice(reason, MajorReason, "reasons", "法制审核理由")
    # A flag once set stays (with the record of who set it): a case does not stop being major because someone
    # submits fewer reasons — that would let a decision through without the review XZCF-58 requires.
    merged = list(dict.fromkeys([*case.major_reasons, *reasons]))
    if merged == list(case.major_reasons) and (not needs_collective_discussion or case.needs_collective_discussion):
        raise DomainError("unchanged", "没有新增的重大执法决定情形或集体讨论要求", field="reasons")
    case.is_major, case.major_reasons = bool(merged), merged
    case.needs_collective_discussion = bool(needs_collective_discussion) or case.needs_collective_discussion
    case.save(update_fields=["is_major", "major_reasons", "needs_collective_discussion", "updated_at"])
    record_act(case, by=by, action=Action.CASE_DRAFT_SAVED,
           payload={"major": case.is_major, "major_reasons": merged,
                    "needs_collective_discussion": case.needs_collective_discussion})
    return case


@transaction.atomic
def discussion_record(*, by, case: Case, held_on: dt.date, participants: str, minute: str,
                      conclusion: str) -> CollectiveDiscussion:
    case = _locked(case)
    check_may_act(by, case)
    _require_open(case)
    held_on = _not_future(held_on, "held_on", "讨论日期")
    _not_before(held_on, case.filed_on, "held_on", "讨论日期", "立案日期")
    discussion = CollectiveDiscussion.objects.create(
        case=case, held_on=held_on, participants=_text(participants, "participants", "参加人员", max_length=500),
        minute=_text(minute, "minute", "讨论记录"), conclusion=_text(conclusion, "conclusion", "结论"), created_by=by)
    record_act(case, by=by, action=Action.CASE_DISCUSSION_RECORDED,
           payload={"discussion": str(discussion.public_id), "held_on": held_on,
                    "participants": discussion.participants,
                    "minute_sha256": hashlib.sha256(discussion.minute.encode()).hexdigest()})
    return discussion


# --- decision, service, payment, closing ----------------------------------------------------------------------


def _heavier_than_notice(draft: DraftDecision, notice: PenaltyNotice) -> str | None:
    """XZCF-45: no heavier penalty for having defended; anything beyond the notice needs a new notice."""
    extra = set(draft.penalty_kinds) - set(notice.penalty_kinds)
    if extra:
        return "增加了告知书未列明的处罚种类:" + "、".join(str(PenaltyKind(k).label) for k in extra)
    if draft.fine_amount > notice.fine_amount:
        return f"罚款{draft.fine_amount}元高于告知的{notice.fine_amount}元"
    if draft.confiscation_amount > notice.confiscation_amount:
        return f"没收金额{draft.confiscation_amount}元高于告知的{notice.confiscation_amount}元"
    return None


@transaction.atomic
def case_decide(*, by, case: Case, decided_on: dt.date) -> Decision:
    """The head decides on the latest draft (XZCF-57). Gates: the workflow's guards (XZCF-44 notice served,
    XZCF-63 hearing held, XZCF-58 legal review passed on this draft, XZCF-57 collective discussion) and here:
    the statement window (XZCF-45/64-1), no heavier penalty than notified (XZCF-45), ≥2 certified officers on the
    day (XZCF-42)."""
    from fazhi.enforcement.services import review as review_services

    case = _locked(case)
    check_may_act(by, case, approve=True)
    case_workflow.check(case, "decide", by=by)
    decided_on = _not_future(decided_on, "decided_on", "决定日期")
    _not_before(decided_on, case.filed_on, "decided_on", "决定日期", "立案日期")
    draft = latest_draft(case)
    notice = getattr(case, "notice", None) if hasattr(case, "notice") else None
    if draft.outcome == Outcome.PENALTY:
        _not_before(decided_on, notice.served_on, "decided_on", "决定日期", "告知书送达日期")
        heard = hasattr(case, "hearing") and case.hearing.held
        if notice.hearing_request_due is None and not heard and (notice.hearing_right or not notice.waived):
            deadline("XZCF-64-1", notice.served_on)  # CAL-YEAR: the window's end cannot be known yet
        # A waiver or a statement ends the statement window; the right to ask for a hearing (XZCF-64: 5 WD from the
        # notice) runs its course whatever the party said, unless the hearing was held.
        window_over = notice.hearing_request_due is not None and decided_on > notice.hearing_request_due
        spoken = notice.waived or notice.statement_on is not None
        if not (heard or window_over or (spoken and not notice.hearing_right)):
            raise DomainError("statement_window_open",
                              f"当事人陈述、申辩{'及申请听证' if notice.hearing_right else ''}期限至"
                              f"{zh_date(notice.hearing_request_due)}届满,届满前(或当事人放弃、已陈述)不得作出决定",
                              field="decided_on", rule="XZCF-45")
        heavier = _heavier_than_notice(draft, notice)
        if heavier:
            raise DomainError("heavier_than_notice",
                              f"{heavier}。处理决定不得重于已告知的内容(当事人因陈述申辩不得被加重处罚),请按告知内容修改决定书草稿",
                              rule="XZCF-45")
    _check_case_officers_on(case, decided_on)
    review = review_services.review_passed(case) if case.is_major else None
    kind = "penalty_decision" if draft.outcome == Outcome.PENALTY else "no_penalty_decision"
    number = "" if draft.outcome == Outcome.TRANSFER_JUDICIARY else _issue_number(case, kind, decided_on.year)
    pauses, extensions = clock_inputs(case, today=decided_on)
    due = due_or_none("XZCF-60", case.filed_on, pauses=pauses, extensions=extensions)
    decision = Decision.objects.create(
        case=case, draft=draft, review=review, number=number, decided_on=decided_on, decided_by=by,
        outcome=draft.outcome, penalty_kinds=draft.penalty_kinds, fine_amount=draft.fine_amount,
        confiscation_amount=draft.confiscation_amount, no_penalty_reason=draft.no_penalty_reason,
        facts_and_evidence=draft.facts_and_evidence, penalty_and_basis=draft.penalty_and_basis,
        compliance=draft.compliance, remedies=draft.remedies)
    case = case_workflow.transition(case, "decide", by=by, payload={
        "decision": number, "outcome": draft.outcome, "decided_on": decided_on, "draft_version": draft.version,
        "draft_sha256": draft.content_sha256, "review": str(review.public_id) if review else None,
        "fine_amount": draft.fine_amount, "decision_due": due, "overdue": bool(due and decided_on > due)})
    refresh_decision_due(case)
    return decision


@transaction.atomic
def decision_serve(*, by, case: Case, served_on: dt.date, method: str, recipient: str,
                   electronic_consent: bool = False) -> ServiceRecord:
    """XZCF-61: handed over on announcement, otherwise served within 7 working days (late service is recorded as
    late); electronic service only with signed consent. Starts the 15-day payment period (XZCF-67)."""
    case = _locked(case)
    check_may_act(by, case)
    case_workflow.check(case, "serve", by=by)
    decision = case.decision
    served_on = _not_future(served_on, "served_on", "送达日期")
    _not_before(served_on, decision.decided_on, "served_on", "送达日期", "决定日期")
    service = _service_record(case, by=by, document=DocumentKind.PENALTY_DECISION, number=decision.number,
                              served_on=served_on, method=method, recipient=recipient,
                              electronic_consent=electronic_consent)
    due = due_or_none("XZCF-61", decision.decided_on)
    if decision.outcome == Outcome.PENALTY and decision.fine_amount > 0:
        decision.payment_due = due_or_none("XZCF-67", served_on)
        decision.save(update_fields=["payment_due", "updated_at"])
    case_workflow.transition(case, "serve", by=by, payload={
        "decision": decision.number, "served_on": served_on, "method": service.method, "recipient": service.recipient,
        "service_due": due, "late": bool(due and served_on > due) and service.method != ServiceMethod.ON_SPOT,
        "payment_due": decision.payment_due})
    return service


def late_surcharge(*, fine: Decimal, payment_due: dt.date | None, paid_on: dt.date) -> tuple[Decimal, int]:
    """XZCF-72: 3% of the fine for each day after the due date, never more than the fine. (surcharge, days)."""
    if payment_due is None or paid_on <= payment_due:
        return Decimal("0.00"), 0
    days = (paid_on - payment_due).days
    surcharge = (fine * rules.LATE_SURCHARGE_RATE.value * days).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(surcharge, fine), days


@transaction.atomic
def payment_record(*, by, case: Case, paid_on: dt.date, amount, receipt_number: str) -> Payment:
    case = _locked(case)
    check_may_act(by, case)
    case_workflow.check(case, "pay", by=by)
    decision = case.decision
    if decision.fine_amount <= 0:
        raise DomainError("no_fine", "本案决定无罚款")
    paid_on = _not_future(paid_on, "paid_on", "缴款日期")
    service = case.services.filter(document=DocumentKind.PENALTY_DECISION).order_by("served_on").first()
    _not_before(paid_on, service.served_on if service else decision.decided_on, "paid_on", "缴款日期", "决定书送达日期")
    amount = _money(amount, "amount", "缴款金额")
    if decision.payment_due is None and service is not None:
        decision.payment_due = deadline("XZCF-67", service.served_on).due  # CAL-YEAR if still not loaded
        decision.save(update_fields=["payment_due", "updated_at"])
    surcharge, days = late_surcharge(fine=decision.fine_amount, payment_due=decision.payment_due, paid_on=paid_on)
    if amount != decision.fine_amount + surcharge:
        extra = f"另加处罚款{surcharge}元(逾期{days}日,XZCF-72)" if surcharge else ""
        raise DomainError("amount_mismatch", f"应缴罚款{decision.fine_amount}元{extra},合计{decision.fine_amount + surcharge}元",
                          field="amount", rule="XZCF-72" if surcharge else "XZCF-67")
    payment = Payment.objects.create(case=case, paid_on=paid_on, amount=decision.fine_amount, surcharge=surcharge,
                                     receipt_number=_text(receipt_number, "receipt_number", "缴款凭证号", max_length=60),
                                     created_by=by)
    case_workflow.transition(case, "pay", by=by, payload={
        "paid_on": paid_on, "fine": decision.fine_amount, "surcharge": surcharge, "late_days": days,
        "payment_due": decision.payment_due, "receipt_number": payment.receipt_number})
    return payment


@transaction.atomic
def case_execute(*, by, case: Case, on: dt.date, note: str) -> Case:
    case = _locked(case)
    check_may_act(by, case)
    on = _not_future(on, "on", "执行完毕日期")
    _not_before(on, case.decided_on, "on", "执行完毕日期", "决定日期")
    note = _text(note, "note", "执行情况", max_length=500)
    return case_workflow.transition(case, "execute", by=by, payload={"on": on, "note": note})


@transaction.atomic
def case_close(*, by, case: Case, closed_on: dt.date) -> Case:
    case = _locked(case)
    check_may_act(by, case)
    closed_on = _not_future(closed_on, "closed_on", "结案日期")
    _not_before(closed_on, case.decided_on, "closed_on", "结案日期", "决定日期")
    return case_workflow.transition(case, "close", by=by, payload={"closed_on": closed_on})


# --- summary procedure ----------------------------------------------------------------------------------------


@transaction.atomic
def case_summary_decide(*, by, body: EnforcementBody, category, power_item, legal_bases, officers: list[Officer],
                        decided_on: dt.date, place: str, party_type: str, party_name: str, party_id_number: str,
                        title: str, facts: str, penalty_kinds: list[str], fine_amount,
                        certificates_shown: list[str]) -> Case:
    """简易程序 (XZCF-51): facts clear, legal basis, a warning or a fine of ≤200 yuan (citizen) / ≤3,000 yuan
    (organisation); decided and handed over on the spot by ≥2 certified officers who show their certificates."""
    check_may_act(by, body.organisation_id)
    decided_on = _not_future(decided_on, "decided_on", "处罚日期")
    party_type = _choice(party_type, PartyType, "party_type", "当事人类型")
    kinds = _kinds(penalty_kinds)
    if not kinds or set(kinds) - SUMMARY_KINDS:
        raise DomainError("summary_kind", "简易程序只能给予警告或者罚款", field="penalty_kinds", rule="XZCF-51")
    fine = _money(fine_amount, "fine_amount", "罚款")
    if (PenaltyKind.FINE in kinds) != (fine > 0):
        raise DomainError("fine_mismatch", "选择“罚款”时须填写罚款金额,未选择时罚款金额应为0", field="fine_amount")
    limit = rules.SUMMARY_FINE_MAX[party_type]
    if fine > limit.value:
        raise DomainError("summary_fine_over_limit",
                          f"简易程序{limit.text_zh};{fine}元超过{limit.value}元,须适用普通程序", field="fine_amount",
                          rule="XZCF-51")
    if not body.categories.filter(pk=category.pk).exists():
        raise DomainError("category_not_of_body", f"“{category.name}”不在{body.name}的执法类别内", field="category")
    if power_item is None or power_item.category != PowerCategory.PENALTY \
            or power_item.status != PowerItemStatus.PUBLISHED \
            or not power_item.departments.filter(pk=body.organisation_id).exists():
        raise DomainError("power_item_invalid", "请选择本单位已公布的行政处罚事项", field="power_item")
    bases = list(dict.fromkeys(legal_bases or []))
    allowed = set(power_item.legal_bases.values_list("article_id", flat=True))
    if not bases or any(a.pk not in allowed for a in bases):
        raise DomainError("basis_not_of_item", "请选择该权力事项的法律依据", field="legal_bases")
    officers = list(dict.fromkeys(officers or []))
    certs = check_certified_officers(body=body, category=category, officers=officers, on=decided_on)
    shown = _check_certificates_shown(certificates_shown, certs, officers)
    facts = _text(facts, "facts", "违法事实")
    case = Case.objects.create(
        body=body, organisation_id=body.organisation_id, procedure=Procedure.SUMMARY, status=CaseStatus.SERVED,
        title=_text(title, "title", "案由", max_length=200), lead_source=LeadSource.INSPECTION,
        lead_received_on=decided_on, lead_summary=facts, category=category, power_item=power_item,
        party_type=party_type, party_name=_text(party_name, "party_name", "当事人", max_length=200),
        party_id_number=_party_id(party_type, party_id_number), filed_on=decided_on, filed_by=by,
        discovered_on=decided_on, violation_on=decided_on, facts=facts, outcome=Outcome.PENALTY,
        decided_on=decided_on, created_by=by)
    case.legal_bases.set(bases)
    for i, officer in enumerate(officers):
        CaseOfficer.objects.create(case=case, officer=officer, certificate=certs[officer.pk],
                                   role=OfficerRole.LEAD if i == 0 else OfficerRole.ASSIST, assigned_on=decided_on)
    number = _issue_number(case, "penalty_decision", decided_on.year)
    case.number = number
    case.save(update_fields=["number", "updated_at"])
    basis_text = "、".join(str(a) for a in bases)
    decision = Decision.objects.create(
        case=case, number=number, decided_on=decided_on, decided_by=by, outcome=Outcome.PENALTY,
        penalty_kinds=kinds, fine_amount=fine, facts_and_evidence=facts,
        penalty_and_basis=f"依据{basis_text},给予" + "、".join(zh(PenaltyKind(k).label) for k in kinds)
        + (f"罚款{fine}元" if fine else ""),
        compliance="当场缴纳或自收到本决定书之日起十五日内到指定银行缴纳罚款" if fine else "当场执行",
        remedies="如不服本决定,可在收到本决定书之日起六十日内申请行政复议,或者在六个月内依法提起行政诉讼",
        payment_due=due_or_none("XZCF-67", decided_on) if fine else None)
    ServiceRecord.objects.create(case=case, document=DocumentKind.PENALTY_DECISION, document_number=number,
                                 method=ServiceMethod.ON_SPOT, served_on=decided_on, recipient=case.party_name,
                                 created_by=by)
    record_act(case, by=by, action=Action.CASE_SUMMARY_DECIDED, payload={
        "decision": number, "decided_on": decided_on, "place": _text(place, "place", "地点", max_length=200),
        "penalty_kinds": kinds, "fine_amount": fine, "officers": [o.name for o in officers],
        "certificates_shown": shown, "party_name": case.party_name, "payment_due": decision.payment_due})
    return case

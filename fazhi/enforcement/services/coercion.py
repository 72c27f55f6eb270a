"""Coercive measures — 查封、扣押、冻结 (行政强制法, rules.md §3).

XZQZ-18: prior approval by the head, at least two officers with enforcement certificates, shown to the party.
XZQZ-19: in an emergency the measure is carried out on the spot, reported within 24 hours and approved afterwards.
XZQZ-25: a seizure lasts at most 30 days (the deadline engine's CD 30, moved off rest days), one extension of at most
30 days approved by the head; time spent on testing, inspection, quarantine or appraisal is not counted.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.core.deadlines import Due, deadline, zh_date
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement import rules
from fazhi.enforcement.enums import OPEN_STATUSES, CoerciveKind, CoerciveStatus, Disposal
from fazhi.enforcement.ledger import record
from fazhi.enforcement.models import Case, CoerciveMeasure, OnSiteRecord
from fazhi.personnel.enums import CertificateStatus
from fazhi.personnel.models import Certificate, Officer
from fazhi.personnel.selectors import officers_certified_for
from fazhi.records.enums import Action

RULE_ID = "XZQZ-25"
HANDLE_ROLES = frozenset({Role.OFFICER, Role.BODY_ADMIN, Role.HEAD, Role.SYSTEM_ADMIN})


def _record(*, case: Case, by, action: Action, payload: dict) -> None:
    record(case, by=by, action=action, payload=payload)  # the case's body's ledger, like every act on the case


def _is_admin(user) -> bool:
    return bool(user.is_superuser or user.role == Role.SYSTEM_ADMIN)


def _acts_for(user, case: Case, roles: frozenset) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        _is_admin(user) or (user.role in roles and user.organisation_id == case.organisation_id))


def _check_handler(by, case: Case) -> None:
    if not _acts_for(by, case, HANDLE_ROLES):
        raise PermissionDenied("只能办理本单位的案件")


def _check_head(user, case: Case, *, field: str, what: str) -> None:
    """XZQZ-18/25: the approval is the head's of the body that acts (a system administrator stands in anywhere)."""
    if user is None or not getattr(user, "pk", None):
        raise DomainError("approver_required", f"{what}须经行政机关负责人批准", field=field, rule="XZQZ-18")
    if not (_is_admin(user) or (user.role == Role.HEAD and user.organisation_id == case.organisation_id)):
        raise DomainError("approver_not_head", f"{what}须由本机关负责人批准,{user}不是本机关负责人", field=field,
                          rule="XZQZ-18")


def _check_date(day, *, field: str, label: str) -> None:
    if not isinstance(day, dt.date):
        raise DomainError("date_required", f"请填写{label}", field=field)
    if day > timezone.localdate():
        raise DomainError("date_in_future", f"{label}不能晚于今天", field=field)


def _lock(measure: CoerciveMeasure) -> CoerciveMeasure:
    # Lock the measure row only (of=self): joined case, body and organisation rows stay free.
    return (CoerciveMeasure.objects.select_for_update(of=("self",)).select_related("case", "case__organisation", "case__body")
            .get(pk=measure.pk))


def _due(measure: CoerciveMeasure, *, extensions: list[int] | None = None,
         testing: tuple[dt.date, dt.date] | None = None) -> Due:
    """XZQZ-25 from the day the measure was carried out, less the testing period, plus the approved extension."""
    if testing is None and measure.testing_started_on and measure.testing_ended_on:
        testing = (measure.testing_started_on, measure.testing_ended_on)
    if extensions is None:
        extensions = [measure.extension_days] if measure.extension_days else []
    return deadline(RULE_ID, measure.carried_out_on, pauses=[testing] if testing else None, extensions=extensions)


def _certified_numbers(officer: Officer, *, on: dt.date, category_code: str) -> list[str]:
    return list(Certificate.objects.filter(officer=officer, status=CertificateStatus.VALID, valid_from__lte=on,
                                           valid_to__gte=on, categories__code=category_code)
                .order_by("number").values_list("number", flat=True).distinct())


def _lacking(officer: Officer, *, on: dt.date, category_code: str) -> str:
    lapsed = (Certificate.objects.filter(officer=officer, categories__code=category_code, valid_to__lt=on)
              .order_by("-valid_to").first())
    return f"{officer.name}(证件{lapsed.number}已于{zh_date(lapsed.valid_to)}到期)" if lapsed else officer.name


def _check_officers(case: Case, officers, certificates_shown, *, on: dt.date) -> tuple[list[Officer], list[str], dict]:
    """XZQZ-18 (and XZCF-42): at least two officers, each holding on that day a certificate valid for the case's
    category, and each having shown it (XZCF-52/55)."""
    officers = list(dict.fromkeys(officers or []))
    minimum = rules.MIN_OFFICERS.value
    if len(officers) < minimum:
        raise DomainError("too_few_officers", f"实施行政强制措施的执法人员不得少于{minimum}人", field="officers",
                          rule="XZQZ-18")
    category_code = case.category.code
    certified = set(officers_certified_for(case.body, on=on, category=category_code)
                    .filter(pk__in=[o.pk for o in officers]).values_list("pk", flat=True))
    lacking = [_lacking(o, on=on, category_code=category_code) for o in officers if o.pk not in certified]
    if lacking:
        raise DomainError("officer_not_certified",
                          f"{'、'.join(lacking)}在{zh_date(on)}不具有本案执法类别(“{case.category.name}”)的有效执法证件,"
                          "不得实施行政强制措施", field="officers", rule="XZQZ-18")
    shown = [str(n).strip() for n in (certificates_shown or []) if str(n).strip()]
    shown = list(dict.fromkeys(shown))
    numbers = {o.pk: _certified_numbers(o, on=on, category_code=category_code) for o in officers}
    not_shown = [o.name for o in officers if not set(numbers[o.pk]) & set(shown)]
    if not_shown:
        raise DomainError("certificate_not_shown", f"{'、'.join(not_shown)}未出示执法证件(须记录出示的证件编号)",
                          field="certificates_shown", rule="XZQZ-18")
    known = set(Certificate.objects.filter(officer__in=officers).values_list("number", flat=True))
    unknown = [n for n in shown if n not in known]
    if unknown:
        raise DomainError("certificate_unknown", f"证件编号{'、'.join(unknown)}不属于实施强制措施的执法人员",
                          field="certificates_shown", rule="XZQZ-18")
    return officers, shown, numbers


@transaction.atomic
def coercion_apply(*, by, case: Case, kind: str, items: str, emergency: bool, approved_on: dt.date, approved_by,
                   carried_out_on: dt.date, officers, certificates_shown, onsite_record: OnSiteRecord | None = None
                   ) -> CoerciveMeasure:
    """Record a seizure, sealing or freezing carried out in a filed, undecided case (XZQZ-18/19), with its XZQZ-25
    disposal deadline. Refused (nothing written) when any condition fails."""
    case = (Case.objects.select_for_update(of=("self",)).select_related("organisation", "body", "category")
            .get(pk=case.pk))
    _check_handler(by, case)
    if case.status not in OPEN_STATUSES:
        raise DomainError("case_not_open",
                          f"案件状态为“{case.get_status_display()}”,只有已立案、尚未作出决定的案件可以采取行政强制措施")
    if kind not in CoerciveKind.values:
        raise DomainError("invalid_kind", "请选择强制措施种类", field="kind")
    items = (items or "").strip()
    if not items:
        raise DomainError("items_required", "请填写查封、扣押的场所、设施或财物清单", field="items", rule="XZQZ-18")
    _check_date(carried_out_on, field="carried_out_on", label="实施日期")
    _check_date(approved_on, field="approved_on", label="负责人批准日期")
    for day, field, label in ((carried_out_on, "carried_out_on", "实施日期"), (approved_on, "approved_on", "负责人批准日期")):
        if day < case.lead_received_on:  # a seizure may come while a lead is checked, never before it existed
            raise DomainError("date_order", f"{label}不能早于案源登记日期({zh_date(case.lead_received_on)})",
                              field=field)
    _check_head(approved_by, case, field="approved_by", what="实施行政强制措施")
    if emergency:
        limit = carried_out_on + dt.timedelta(days=rules.EMERGENCY_REPORT_DAYS.value)
        if approved_on > limit:
            raise DomainError("emergency_approval_late",
                              f"情况紧急当场实施的,应当在二十四小时内向负责人报告并补办批准手续;于{zh_date(carried_out_on)}"
                              f"实施,最迟应于{zh_date(limit)}批准", field="approved_on", rule="XZQZ-19")
    elif approved_on > carried_out_on:
        raise DomainError("approval_after_measure",
                          "实施行政强制措施前须向行政机关负责人报告并经批准;情况紧急的,请勾选“当场实施后补办批准”",
                          field="approved_on", rule="XZQZ-18")
    officers, shown, numbers = _check_officers(case, officers, certificates_shown, on=carried_out_on)
    if onsite_record is not None and onsite_record.case_id != case.pk:
        raise DomainError("onsite_record_other_case", "现场笔录不属于本案", field="onsite_record")
    due = deadline(RULE_ID, carried_out_on)
    measure = CoerciveMeasure(case=case, kind=kind, items=items, emergency=bool(emergency), approved_on=approved_on,
                              approved_by=approved_by, carried_out_on=carried_out_on, certificates_shown=shown,
                              onsite_record=onsite_record, due_on=due.due, created_by=by)
    measure.full_clean()
    measure.save()
    measure.officers.set(officers)
    _record(case=case, by=by, action=Action.COERCION_APPLIED, payload={
        "measure_id": str(measure.public_id),
        "kind": kind,
        "items": items,
        "emergency": bool(emergency),
        "approved_on": approved_on,
        "approved_by": approved_by.display_name,
        "carried_out_on": carried_out_on,
        "officers": [{"name": o.name, "certificates": numbers[o.pk]} for o in officers],
        "certificates_shown": shown,
        "onsite_record_id": str(onsite_record.public_id) if onsite_record else None,
        "due_on": due.due,
        "due_trace": due.trace,
    })
    return measure


@transaction.atomic
def coercion_testing_record(*, by, measure: CoerciveMeasure, started_on: dt.date, ended_on: dt.date
                            ) -> CoerciveMeasure:
    """Record the testing, inspection, quarantine or appraisal period, which XZQZ-25 does not count: the disposal
    deadline moves by its length. One period per measure; it starts while the measure is in force."""
    measure = _lock(measure)
    case = measure.case
    _check_handler(by, case)
    if measure.status == CoerciveStatus.DISPOSED:
        raise DomainError("measure_disposed", "强制措施已处理,不能再记录检测、鉴定期间", rule=RULE_ID)
    if measure.testing_started_on:
        raise DomainError("testing_recorded", "已记录检测、检验、检疫、鉴定期间", rule=RULE_ID)
    _check_date(started_on, field="started_on", label="检测、鉴定开始日期")
    _check_date(ended_on, field="ended_on", label="检测、鉴定结束日期")
    if started_on < measure.carried_out_on:
        raise DomainError("testing_before_measure", "检测、鉴定期间不能早于实施强制措施之日", field="started_on",
                          rule=RULE_ID)
    if started_on > measure.due_on:
        raise DomainError("testing_after_due", f"强制措施期限已于{zh_date(measure.due_on)}届满,不能再扣除检测、鉴定期间",
                          field="started_on", rule=RULE_ID)
    if ended_on < started_on:
        raise DomainError("testing_end_before_start", "检测、鉴定结束日期不能早于开始日期", field="ended_on")
    previous_due = measure.due_on
    due = _due(measure, testing=(started_on, ended_on))
    measure.testing_started_on, measure.testing_ended_on, measure.due_on = started_on, ended_on, due.due
    measure.full_clean()
    measure.save(update_fields=["testing_started_on", "testing_ended_on", "due_on", "updated_at"])
    _record(case=case, by=by, action=Action.COERCION_TESTING_RECORDED, payload={
        "measure_id": str(measure.public_id),
        "basis": "testing_period",
        "testing_started_on": started_on,
        "testing_ended_on": ended_on,
        "paused_days": due.paused_days,
        "previous_due_on": previous_due,
        "due_on": due.due,
        "due_trace": due.trace,
    })
    return measure


@transaction.atomic
def coercion_extend(*, by, measure: CoerciveMeasure, days: int, approved_on: dt.date, reason: str
                    ) -> CoerciveMeasure:
    """XZQZ-25: one extension of at most 30 days, approved by the head before the measure expires."""
    measure = _lock(measure)
    case = measure.case
    _check_head(by, case, field="approved_by", what="延长查封、扣押期限")
    if measure.status == CoerciveStatus.DISPOSED:
        raise DomainError("measure_disposed", "强制措施已处理,不能延长", rule=RULE_ID)
    if measure.extension_days or measure.status == CoerciveStatus.EXTENDED:
        raise DomainError("too_many_extensions",
                          f"查封、扣押期限只能延长{rules.COERCION_MAX_EXTENSIONS.value}次,本措施已延长", rule=RULE_ID)
    if isinstance(days, bool) or not isinstance(days, int):
        raise DomainError("days_required", "请填写延长天数", field="days", rule=RULE_ID)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "请填写延长理由(情况复杂的具体情形)", field="reason", rule=RULE_ID)
    _check_date(approved_on, field="approved_on", label="延长批准日期")
    if approved_on < measure.carried_out_on:
        raise DomainError("approved_before_measure", "延长批准日期不能早于实施日期", field="approved_on")
    if approved_on > measure.due_on:
        raise DomainError("measure_expired",
                          f"查封、扣押期限已于{zh_date(measure.due_on)}届满,不能再延长,应依法作出处理决定",
                          field="approved_on", rule=RULE_ID)
    previous_due = measure.due_on
    due = _due(measure, extensions=[days])  # the engine refuses 0, more than 30 days, or a second extension
    measure.extension_days, measure.extension_approved_on, measure.extension_reason = days, approved_on, reason
    measure.due_on = due.due
    measure.status = CoerciveStatus.EXTENDED
    measure.full_clean()
    measure.save(update_fields=["extension_days", "extension_approved_on", "extension_reason", "due_on", "status",
                                "updated_at"])
    _record(case=case, by=by, action=Action.COERCION_EXTENDED, payload={
        "measure_id": str(measure.public_id),
        "basis": "extension",
        "days": days,
        "approved_on": approved_on,
        "reason": reason,
        "previous_due_on": previous_due,
        "due_on": due.due,
        "due_trace": due.trace,
    })
    return measure


@transaction.atomic
def coercion_dispose(*, by, measure: CoerciveMeasure, disposal: str, disposed_on: dt.date, note: str
                     ) -> CoerciveMeasure:
    """The decision on a seized thing (release, confiscation, destruction, transfer). A disposal after the XZQZ-25
    deadline is still recorded — the thing must not stay seized — but the entry says it was overdue."""
    measure = _lock(measure)
    case = measure.case
    _check_handler(by, case)
    if measure.status == CoerciveStatus.DISPOSED:
        raise DomainError("measure_disposed", "强制措施已处理")
    if disposal not in Disposal.values:
        raise DomainError("invalid_disposal", "请选择处理结果", field="disposal")
    _check_date(disposed_on, field="disposed_on", label="处理日期")
    if disposed_on < measure.carried_out_on:
        raise DomainError("disposed_before_measure", "处理日期不能早于实施日期", field="disposed_on")
    note = (note or "").strip()
    overdue = disposed_on > measure.due_on
    measure.disposal, measure.disposed_on, measure.disposal_note = disposal, disposed_on, note
    measure.status = CoerciveStatus.DISPOSED
    measure.full_clean()
    measure.save(update_fields=["disposal", "disposed_on", "disposal_note", "status", "updated_at"])
    _record(case=case, by=by, action=Action.COERCION_DISPOSED, payload={
        "measure_id": str(measure.public_id),
        "disposal": disposal,
        "disposed_on": disposed_on,
        "note": note,
        "due_on": measure.due_on,
        "overdue": overdue,
    })
    return measure

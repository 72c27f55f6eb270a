"""Every write to officers, certificates, training, exams and volunteer supervisors. Each service validates,
saves and appends its entry to the whole-process record in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.orgs.models import EnforcementCategory, Organisation
from fazhi.orgs.services import ledger_for_organisation
from fazhi.personnel.enums import (
    CertificateStatus,
    OfficerStatus,
    StaffType,
    SupervisorStatus,
)
from fazhi.personnel.models import (
    Certificate,
    ExamResult,
    Officer,
    Training,
    VolunteerSupervisor,
)
from fazhi.personnel.policy import policy_for_organisation
from fazhi.records import services as records
from fazhi.records.enums import Action

OFFICER_FIELDS = ("name", "gender", "id_number", "organisation", "post", "staff_type", "phone")


def _record(*, organisation: Organisation, by, action: Action, subject, payload: dict) -> None:
    key, name = ledger_for_organisation(organisation)
    records.append(ledger_key=key, ledger_name=name, actor=by, action=action,
                   subject_type=subject._meta.label, subject_id=str(subject.public_id), payload=payload)


def _officer_payload(officer: Officer) -> dict:
    return {
        "name": officer.name,
        "gender": officer.gender,
        "id_number": officer.id_number_masked,
        "organisation": officer.organisation.name,
        "post": officer.post,
        "staff_type": officer.staff_type,
        "status": officer.status,
    }


@transaction.atomic
def officer_create(*, by, name: str, gender: str, id_number: str, organisation: Organisation, staff_type: str,
                   post: str = "", phone: str = "") -> Officer:
    officer = Officer(name=name.strip(), gender=gender, id_number=(id_number or "").strip().upper(),
                      organisation=organisation, staff_type=staff_type, post=post.strip(), phone=phone.strip())
    officer.full_clean()
    officer.save()
    _record(organisation=organisation, by=by, action=Action.OFFICER_CREATED, subject=officer,
            payload=_officer_payload(officer))
    return officer


@transaction.atomic
def officer_update(*, by, officer: Officer, **changes) -> Officer:
    """Change an officer's particulars. An officer who holds a valid certificate cannot become auxiliary staff."""
    unknown = set(changes) - set(OFFICER_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"不能修改字段:{', '.join(sorted(unknown))}")
    before = _officer_payload(officer)
    for field, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(officer, field, value)
    if officer.id_number:
        officer.id_number = officer.id_number.upper()
    if officer.staff_type == StaffType.AUXILIARY and officer.certificates.filter(
        status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED]
    ).exists():
        raise DomainError("auxiliary_with_certificate", "该人员持有执法证件,不能改为辅助人员;请先注销证件",
                          field="staff_type")
    officer.full_clean()
    officer.save()
    after = _officer_payload(officer)
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if diff:
        _record(organisation=officer.organisation, by=by, action=Action.OFFICER_CHANGED, subject=officer,
                payload={"changes": diff})
    return officer


@transaction.atomic
def officer_leave(*, by, officer: Officer, left_on: dt.date, reason: str) -> Officer:
    """An officer leaves the post; every certificate still in force is withdrawn (rules.md §11)."""
    if officer.status == OfficerStatus.LEFT:
        raise DomainError("already_left", "该人员已离岗")
    if not reason.strip():
        raise DomainError("reason_required", "请填写离岗原因", field="reason")
    officer.status = OfficerStatus.LEFT
    officer.left_on = left_on
    officer.left_reason = reason.strip()
    officer.save(update_fields=["status", "left_on", "left_reason", "updated_at"])
    withdrawn = []
    for cert in officer.certificates.filter(status__in=[CertificateStatus.VALID, CertificateStatus.SUSPENDED]):
        _certificate_set_status(cert, CertificateStatus.REVOKED, f"人员离岗收回:{reason.strip()}", left_on)
        withdrawn.append(cert.number)
    _record(organisation=officer.organisation, by=by, action=Action.OFFICER_LEFT, subject=officer,
            payload={"left_on": left_on, "reason": reason.strip(), "certificates_withdrawn": withdrawn})
    return officer


def _certificate_set_status(cert: Certificate, status: str, reason: str, on: dt.date) -> None:
    cert.status = status
    cert.status_reason = reason
    cert.status_changed_on = on
    cert.save(update_fields=["status", "status_reason", "status_changed_on", "updated_at"])


def _certificate_payload(cert: Certificate) -> dict:
    return {
        "number": cert.number,
        "officer": cert.officer.name,
        "categories": sorted(cert.categories.values_list("code", flat=True)),
        "area": cert.area,
        "valid_from": cert.valid_from,
        "valid_to": cert.valid_to,
        "status": cert.status,
    }


@transaction.atomic
def certificate_issue(*, by, officer: Officer, number: str, categories: list[EnforcementCategory], area: str,
                      valid_from: dt.date, valid_to: dt.date | None = None, issuing_authority: str = "",
                      replaces: Certificate | None = None, _action: Action = Action.CERTIFICATE_ISSUED) -> Certificate:
    """Issue a certificate. Only civil servants and public-institution staff may hold one; auxiliary staff may not
    (rules.md §11). The end date defaults to the region's cycle (NMG96: 6 years)."""
    if officer.staff_type == StaffType.AUXILIARY:
        raise DomainError("auxiliary_no_certificate", "辅助人员不得申领行政执法证件", field="officer")
    if officer.status != OfficerStatus.ACTIVE:
        raise DomainError("officer_not_active", "该人员已离岗,不能核发证件", field="officer")
    if not categories:
        raise DomainError("categories_required", "请至少选择一个执法类别", field="categories")
    policy = policy_for_organisation(officer.organisation)
    if valid_to is None:
        valid_to = _add_years(valid_from, policy.validity_years) - dt.timedelta(days=1)
    cert = Certificate(number=(number or "").strip(), officer=officer, area=area.strip(), valid_from=valid_from,
                       valid_to=valid_to, issuing_authority=issuing_authority.strip() or policy.issuing_authority,
                       replaces=replaces)
    try:
        cert.full_clean()
    except ValidationError as exc:
        raise _as_domain_error(exc) from exc
    cert.save()
    cert.categories.set(categories)
    _record(organisation=officer.organisation, by=by, action=_action, subject=cert,
            payload=_certificate_payload(cert))
    return cert


@transaction.atomic
def certificate_renew(*, by, certificate: Certificate, number: str, valid_from: dt.date,
                      valid_to: dt.date | None = None) -> Certificate:
    """Replace a certificate by a new one (换证); the old one is marked replaced from the new one's start."""
    if certificate.status not in (CertificateStatus.VALID, CertificateStatus.EXPIRED):
        raise DomainError("not_renewable", f"证件状态为“{certificate.get_status_display()}”,不能换发")
    new = certificate_issue(by=by, officer=certificate.officer, number=number,
                            categories=list(certificate.categories.all()), area=certificate.area,
                            valid_from=valid_from, valid_to=valid_to,
                            issuing_authority=certificate.issuing_authority, replaces=certificate,
                            _action=Action.CERTIFICATE_RENEWED)
    _certificate_set_status(certificate, CertificateStatus.REPLACED, f"换发为{new.number}", valid_from)
    return new


_TRANSITIONS = {
    # action: (allowed from, to, record action, verb)
    "suspend": ({CertificateStatus.VALID}, CertificateStatus.SUSPENDED, Action.CERTIFICATE_SUSPENDED, "暂扣"),
    "reinstate": ({CertificateStatus.SUSPENDED}, CertificateStatus.VALID, Action.CERTIFICATE_REINSTATED, "恢复"),
    "revoke": ({CertificateStatus.VALID, CertificateStatus.SUSPENDED}, CertificateStatus.REVOKED,
               Action.CERTIFICATE_REVOKED, "吊销"),
    "lose": ({CertificateStatus.VALID, CertificateStatus.SUSPENDED}, CertificateStatus.LOST,
             Action.CERTIFICATE_LOST, "遗失作废"),
}


def _certificate_transition(kind: str, *, by, certificate: Certificate, reason: str, on: dt.date | None) -> Certificate:
    allowed, to, action, verb = _TRANSITIONS[kind]
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status not in allowed:
        raise DomainError("invalid_transition",
                          f"证件当前状态为“{certificate.get_status_display()}”,不能{verb}", field="status")
    if not (reason or "").strip():
        raise DomainError("reason_required", f"请填写{verb}原因", field="reason")
    before = certificate.status
    _certificate_set_status(certificate, to, reason.strip(), on or dt.date.today())
    _record(organisation=certificate.officer.organisation, by=by, action=action, subject=certificate,
            payload={"number": certificate.number, "from": before, "to": to, "reason": reason.strip(),
                     "on": certificate.status_changed_on})
    return certificate


@transaction.atomic
def certificate_suspend(*, by, certificate: Certificate, reason: str, on: dt.date | None = None) -> Certificate:
    return _certificate_transition("suspend", by=by, certificate=certificate, reason=reason, on=on)


@transaction.atomic
def certificate_reinstate(*, by, certificate: Certificate, reason: str, on: dt.date | None = None) -> Certificate:
    return _certificate_transition("reinstate", by=by, certificate=certificate, reason=reason, on=on)


@transaction.atomic
def certificate_revoke(*, by, certificate: Certificate, reason: str, on: dt.date | None = None) -> Certificate:
    """Revoke a certificate; the officer can no longer act under it from that day (XZCF-42)."""
    return _certificate_transition("revoke", by=by, certificate=certificate, reason=reason, on=on)


@transaction.atomic
def certificate_declare_lost(*, by, certificate: Certificate, reason: str, on: dt.date | None = None) -> Certificate:
    """A lost certificate is publicly voided (NMG96)."""
    return _certificate_transition("lose", by=by, certificate=certificate, reason=reason, on=on)


@transaction.atomic
def training_record(*, by, officer: Officer, course: str, held_on: dt.date, hours: Decimal,
                    organiser: str = "") -> Training:
    training = Training(officer=officer, course=course.strip(), held_on=held_on, hours=hours,
                        organiser=organiser.strip())
    training.full_clean()
    training.save()
    _record(organisation=officer.organisation, by=by, action=Action.TRAINING_RECORDED, subject=officer,
            payload={"course": training.course, "held_on": held_on, "hours": hours})
    return training


@transaction.atomic
def exam_record(*, by, officer: Officer, exam_name: str, taken_on: dt.date, score: Decimal,
                passed: bool) -> ExamResult:
    result = ExamResult(officer=officer, exam_name=exam_name.strip(), taken_on=taken_on, score=score, passed=passed)
    result.full_clean()
    result.save()
    _record(organisation=officer.organisation, by=by, action=Action.EXAM_RECORDED, subject=officer,
            payload={"exam_name": result.exam_name, "taken_on": taken_on, "score": score, "passed": passed})
    return result


SUPERVISOR_FIELDS = ("name", "gender", "sector", "work_unit", "phone", "term_start", "term_end", "status")


@transaction.atomic
def supervisor_create(*, by, name: str, gender: str, sector: str, term_start: dt.date, term_end: dt.date,
                      work_unit: str = "", phone: str = "") -> VolunteerSupervisor:
    supervisor = VolunteerSupervisor(name=name.strip(), gender=gender, sector=sector, term_start=term_start,
                                     term_end=term_end, work_unit=work_unit.strip(), phone=phone.strip(),
                                     status=SupervisorStatus.ACTIVE)
    supervisor.full_clean()
    supervisor.save()
    key, ledger_name = records.OFFICE_LEDGER_KEY, "司法局(法制办)"
    records.append(ledger_key=key, ledger_name=ledger_name, actor=by, action=Action.SUPERVISOR_CREATED,
                   subject_type=supervisor._meta.label, subject_id=str(supervisor.public_id),
                   payload={"name": supervisor.name, "sector": sector, "term_start": term_start,
                            "term_end": term_end})
    return supervisor


@transaction.atomic
def supervisor_update(*, by, supervisor: VolunteerSupervisor, **changes) -> VolunteerSupervisor:
    unknown = set(changes) - set(SUPERVISOR_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"不能修改字段:{', '.join(sorted(unknown))}")
    diff = {}
    for field, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        old = getattr(supervisor, field)
        if old != value:
            diff[field] = [old, value]
        setattr(supervisor, field, value)
    supervisor.full_clean()
    supervisor.save()
    if diff:
        records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name="司法局(法制办)", actor=by,
                       action=Action.SUPERVISOR_CHANGED, subject_type=supervisor._meta.label,
                       subject_id=str(supervisor.public_id), payload={"changes": diff})
    return supervisor


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _as_domain_error(exc: ValidationError) -> DomainError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return DomainError("invalid", "; ".join(m for e in errors for m in e.messages), field=field)
    return DomainError("invalid", "; ".join(exc.messages))

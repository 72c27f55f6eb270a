"""Reads of officers, certificates, exams and supervisors, already scoped to the user."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.orgs.models import EnforcementBody
from fazhi.orgs.scoping import scope_queryset
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, ExamResult, Officer, Training, VolunteerSupervisor


def today() -> dt.date:
    """Dates are decided in Asia/Shanghai (rules.md §0, "overdue")."""
    return timezone.localdate()


def _valid_certificates_on(day: dt.date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(status=CertificateStatus.VALID, valid_from__lte=day, valid_to__gte=day)


def officer_list(*, user, filters: dict | None = None) -> QuerySet[Officer]:
    """Officers the user may see. Filters: q, organisation (public id), status, staff_type,
    expiring_within (days, a valid certificate ending within that many days), no_valid_certificate (truthy)."""
    filters = filters or {}
    day = today()
    valid_now = _valid_certificates_on(day).filter(officer=OuterRef("pk"))
    qs = (
        scope_queryset(Officer.objects.all(), user)
        .select_related("organisation")
        .annotate(has_valid_certificate=Exists(valid_now))
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("-valid_to")))
    )
    q = (filters.get("q") or "").strip()
    if q:
        # Searching by a full ID number only for roles that see full numbers: otherwise a search would confirm one.
        by_id = Q(id_number__iexact=q) if sees_full_id_numbers(user) else Q(pk__in=[])
        qs = qs.filter(Q(name__icontains=q) | by_id | Q(certificates__number__iexact=q)
                       | Q(post__icontains=q)).distinct()
    if filters.get("organisation"):
        qs = qs.filter(organisation__public_id=filters["organisation"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("staff_type"):
        qs = qs.filter(staff_type=filters["staff_type"])
    if filters.get("expiring_within") not in (None, ""):
        days = int(filters["expiring_within"])
        ending = _valid_certificates_on(day).filter(officer=OuterRef("pk"), valid_to__lte=day + dt.timedelta(days))
        qs = qs.filter(Exists(ending))
    if filters.get("no_valid_certificate"):
        qs = qs.filter(has_valid_certificate=False)
    return qs


def officer_get(*, user, public_id) -> Officer:
    return officer_list(user=user).get(public_id=public_id)


def certificate_list(*, user, filters: dict | None = None) -> QuerySet[Certificate]:
    """Certificates the user may see. Filters: q (number or holder), organisation, status (effective status,
    so "expired" finds valid certificates past their end), expiring_within (days)."""
    filters = filters or {}
    day = today()
    qs = scope_queryset(Certificate.objects.all(), user, org_field="officer__organisation").select_related(
        "officer", "officer__organisation"
    ).prefetch_related("categories")
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(officer__name__icontains=q))
    if filters.get("organisation"):
        qs = qs.filter(officer__organisation__public_id=filters["organisation"])
    status = filters.get("status")
    if status == CertificateStatus.EXPIRED:
        qs = qs.filter(Q(status=CertificateStatus.EXPIRED) | Q(status=CertificateStatus.VALID, valid_to__lt=day))
    elif status == CertificateStatus.VALID:
        qs = qs.filter(status=CertificateStatus.VALID, valid_to__gte=day)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("expiring_within") not in (None, ""):
        days = int(filters["expiring_within"])
        qs = qs.filter(status=CertificateStatus.VALID, valid_to__gte=day, valid_to__lte=day + dt.timedelta(days))
    if filters.get("category"):
        qs = qs.filter(categories__code=filters["category"]).distinct()
    return qs


def certificate_get(*, user, public_id) -> Certificate:
    return certificate_list(user=user).get(public_id=public_id)


def certificate_public_lookup(*, number: str) -> Certificate | None:
    """The public verification page: a certificate by its exact number, or None."""
    number = (number or "").strip()
    if not number:
        return None
    return (
        Certificate.objects.select_related("officer", "officer__organisation")
        .prefetch_related("categories", "officer__organisation__bodies")
        .filter(number=number)
        .first()
    )


def officers_certified_for(body: EnforcementBody, *, on: dt.date, category: str | None = None) -> QuerySet[Officer]:
    """Who may act for `body` on `on` (XZCF-42): active officers of the body's organisation who are not auxiliary
    staff and hold a certificate valid on that date — covering `category` (a category code) when one is given."""
    certs = _valid_certificates_on(on).filter(officer=OuterRef("pk"))
    if category:
        certs = certs.filter(categories__code=category)
    return (
        Officer.objects.filter(organisation_id=body.organisation_id, status=OfficerStatus.ACTIVE)
        .exclude(staff_type=StaffType.AUXILIARY)
        .filter(Exists(certs))
        .order_by("name")
    )


def exam_list(*, user, filters: dict | None = None) -> QuerySet[ExamResult]:
    filters = filters or {}
    qs = scope_queryset(ExamResult.objects.all(), user, org_field="officer__organisation").select_related(
        "officer", "officer__organisation"
    )
    if filters.get("q"):
        qs = qs.filter(Q(officer__name__icontains=filters["q"]) | Q(exam_name__icontains=filters["q"]))
    if filters.get("passed") in ("1", "0", True, False):
        qs = qs.filter(passed=filters["passed"] in ("1", True))
    if filters.get("organisation"):
        qs = qs.filter(officer__organisation__public_id=filters["organisation"])
    return qs


def training_list(*, user, officer: Officer | None = None) -> QuerySet[Training]:
    qs = scope_queryset(Training.objects.all(), user, org_field="officer__organisation").select_related("officer")
    if officer is not None:
        qs = qs.filter(officer=officer)
    return qs


def supervisor_list(*, user, filters: dict | None = None) -> QuerySet[VolunteerSupervisor]:
    """Volunteer supervisors are appointed by the legal affairs office; internal staff may read the register."""
    filters = filters or {}
    if not getattr(user, "is_authenticated", False) or getattr(user, "role", None) == "volunteer_supervisor":
        return VolunteerSupervisor.objects.none()
    qs = VolunteerSupervisor.objects.all()
    if filters.get("q"):
        qs = qs.filter(Q(name__icontains=filters["q"]) | Q(work_unit__icontains=filters["q"]))
    for key in ("sector", "status"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    return qs


def supervisor_get(*, user, public_id) -> VolunteerSupervisor:
    return supervisor_list(user=user).get(public_id=public_id)


# --- Screens (helper C): what the staff pages need beyond the lists above ---------------------------------


def current_certificate(officer: Officer) -> Certificate | None:
    """The certificate that speaks for the officer now: one valid today, else one suspended, else the latest.
    Uses the prefetched `certificates` (newest end date first) when officer_list() fetched the officer."""
    day = today()
    certificates = list(officer.certificates.all())
    for cert in certificates:
        if cert.is_valid_on(day):
            return cert
    for cert in certificates:
        if cert.status == CertificateStatus.SUSPENDED:
            return cert
    return certificates[0] if certificates else None


def organisations_for_user(*, user) -> QuerySet:
    """Organisations a user may choose in a filter or an officer form: the ones the user may see, in use."""
    from fazhi.orgs.models import Organisation

    return scope_queryset(Organisation.objects.filter(is_active=True), user, org_field="pk").order_by(
        "sort_order", "name"
    )


def officer_timeline(*, officer: Officer):
    """The record entries about an officer and each of the officer's certificates, oldest first."""
    from fazhi.records.selectors import entries_for_subject

    entries = entries_for_subject(subject_type=Officer._meta.label, subject_id=str(officer.public_id))
    for cert in officer.certificates.all():
        entries = entries | entries_for_subject(subject_type=Certificate._meta.label,
                                                subject_id=str(cert.public_id))
    return entries.select_related("actor").order_by("recorded_at", "seq")


def certificate_timeline(*, certificate: Certificate):
    from fazhi.records.selectors import entries_for_subject

    return entries_for_subject(subject_type=Certificate._meta.label, subject_id=str(certificate.public_id))


def training_hours_by_year(*, officer: Officer) -> list[tuple[int, float]]:
    """Training hours per calendar year, newest year first (rules.md §11: ≥60 hours a year)."""
    totals: dict[int, float] = {}
    for training in officer.trainings.all():
        totals[training.held_on.year] = totals.get(training.held_on.year, 0) + float(training.hours)
    return sorted(totals.items(), reverse=True)


def certificate_renewal_deadline(*, certificate: Certificate):
    """The latest day to apply for renewal (CERT-RENEW) with its trace, or the DomainError that explains why it
    cannot be computed (a year whose holidays are not entered yet). None for certificates no longer in force."""
    from fazhi.core.deadlines import deadline
    from fazhi.core.errors import DomainError

    if certificate.status not in (CertificateStatus.VALID, CertificateStatus.SUSPENDED):
        return None
    try:
        return deadline("CERT-RENEW", certificate.valid_to)
    except DomainError as exc:
        return exc

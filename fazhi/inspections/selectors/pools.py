"""The two pools a draw reads (rules.md §7): each department's inspectors (执法检查人员名录库) and the objects a task's
filters select from the shared object pool (检查对象名录库), with the objects its exclusion rule leaves out.

These are the draw's inputs, not screens: they are not scoped to a user (the service that calls them checks who
acts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from fazhi.core.deadlines import add_months, zh_date
from fazhi.inspections.enums import HIGH_RISK_GRADES, RegistrationStatus
from fazhi.inspections.models import InspectionObject, InspectionResult, InspectionTask, TaskDepartment
from fazhi.orgs.models import Jurisdiction
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, Officer


@dataclass(frozen=True)
class Eligible:
    """An inspector who may be drawn: a certificate valid on every day of the task and covering its category."""

    officer_id: int
    name: str
    certificate: str
    valid_to: dt.date


@dataclass(frozen=True)
class Ineligible:
    """An active officer of the department who may not be drawn, and why (Chinese, as recorded)."""

    officer_id: int
    name: str
    reason: str
    certificate: str = ""


@dataclass(frozen=True)
class _Cert:
    pk: int
    number: str
    status: str
    valid_from: dt.date
    valid_to: dt.date


def _certificate_defect(cert: _Cert, *, start_on: dt.date, end_on: dt.date) -> str | None:
    if cert.status != CertificateStatus.VALID:
        return f"执法证件{cert.number}状态为“{CertificateStatus(cert.status).label}”"
    if cert.valid_to < end_on:
        return f"执法证件于{zh_date(cert.valid_to)}到期,早于检查结束日期"
    if cert.valid_from > start_on:
        return f"执法证件自{zh_date(cert.valid_from)}起有效,晚于检查开始日期"
    return None


def inspector_pool(part: TaskDepartment, *, start_on: dt.date, end_on: dt.date
                   ) -> tuple[list[Eligible], list[Ineligible]]:
    """The department's inspector pool over [start_on, end_on] (GB58-TEAM, XZCF-42).

    Looks at the active officers of the part's organisation. Eligible: not auxiliary staff, and a certificate with
    status valid from on or before `start_on` to on or after `end_on` that covers the part's category (of several,
    the one that runs longest, then the smallest number). Everyone else is returned with the reason, in the order
    of the checks: auxiliary staff, no certificate, no certificate of the category, then the defect of the best
    certificate of the category (status, end before the task's end, start after the task's start).
    Both lists are sorted by certificate number (eligible) / name (ineligible)."""
    category = part.category
    # plain value queries: building model instances of several hundred officers with their certificates and
    # categories cost more than the whole draw's selection
    officers = list(
        Officer.objects.filter(organisation_id=part.organisation_id, status=OfficerStatus.ACTIVE)
        .order_by("name", "id").values_list("pk", "name", "staff_type")
    )
    certificates: dict[int, list[_Cert]] = {}
    cert_rows = Certificate.objects.filter(officer__organisation_id=part.organisation_id,
                                           officer__status=OfficerStatus.ACTIVE).order_by("number")
    for pk, officer_id, number, status, valid_from, valid_to in cert_rows.values_list(
            "pk", "officer_id", "number", "status", "valid_from", "valid_to"):
        certificates.setdefault(officer_id, []).append(_Cert(pk, number, status, valid_from, valid_to))
    covering_ids = set(
        Certificate.categories.through.objects.filter(
            certificate__officer__organisation_id=part.organisation_id, enforcementcategory_id=category.pk)
        .values_list("certificate_id", flat=True)
    )
    eligible, ineligible = [], []
    for officer_id, name, staff_type in officers:
        if staff_type == StaffType.AUXILIARY:
            ineligible.append(Ineligible(officer_id, name, "辅助人员,不得从事行政执法检查"))
            continue
        held = certificates.get(officer_id, [])
        if not held:
            ineligible.append(Ineligible(officer_id, name, "未持有行政执法证件"))
            continue
        covering = [c for c in held if c.pk in covering_ids]
        if not covering:
            ineligible.append(Ineligible(officer_id, name, f"执法证件不含“{category.name}”类别", held[0].number))
            continue
        valid = [c for c in covering if _certificate_defect(c, start_on=start_on, end_on=end_on) is None]
        if valid:
            best = min(valid, key=lambda c: (-c.valid_to.toordinal(), c.number))
            eligible.append(Eligible(officer_id, name, best.number, best.valid_to))
            continue
        # the certificate that came closest: a valid one ending last, else the one ending last
        best = min(covering, key=lambda c: (c.status != CertificateStatus.VALID, -c.valid_to.toordinal(), c.number))
        ineligible.append(Ineligible(officer_id, name,
                                     _certificate_defect(best, start_on=start_on, end_on=end_on), best.number))
    eligible.sort(key=lambda e: e.certificate)
    return eligible, ineligible


def _jurisdiction_ids(codes) -> list[int]:
    """The jurisdictions with these codes and every jurisdiction under them (a district code covers its towns)."""
    ids = set(Jurisdiction.objects.filter(code__in=list(codes)).values_list("pk", flat=True))
    frontier = set(ids)
    while frontier:
        frontier = set(Jurisdiction.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return sorted(ids)


def object_pool_queryset(task: InspectionTask) -> QuerySet[InspectionObject]:
    """The objects the task's filters select (rules.md §7): registration status active, and each non-empty filter
    (object kinds, industries, entity types, jurisdictions with the ones under them, risk grades) as IN."""
    qs = InspectionObject.objects.filter(registration_status=RegistrationStatus.ACTIVE)
    if task.object_kinds:
        qs = qs.filter(kind__in=list(task.object_kinds))
    if task.industries:
        qs = qs.filter(industry__in=list(task.industries))
    if task.entity_types:
        qs = qs.filter(entity_type__in=list(task.entity_types))
    if task.jurisdiction_codes:
        qs = qs.filter(jurisdiction_id__in=_jurisdiction_ids(task.jurisdiction_codes))
    if task.risk_grades:
        qs = qs.filter(risk_grade__in=list(task.risk_grades))
    return qs


def exclusion_window(task: InspectionTask) -> tuple[dt.date, dt.date] | None:
    """[first day, start_on): inspections in the task's `exclusion_months` before its start; None when 0."""
    if not task.exclusion_months:
        return None
    return add_months(task.start_on, -task.exclusion_months), task.start_on


def recent_results(task: InspectionTask, *, organisation_ids) -> QuerySet[InspectionResult] | None:
    """The results that leave their object out of the task's draw: by a participating department, in the exclusion
    window, on an object not of a high-risk grade (those are never left out). None when the task excludes nothing."""
    window = exclusion_window(task)
    if window is None:
        return None
    first, before = window
    return (
        InspectionResult.objects.filter(organisation_id__in=list(organisation_ids), inspected_on__gte=first,
                                        inspected_on__lt=before)
        .exclude(drawn_object__object__risk_grade__in=[str(g) for g in HIGH_RISK_GRADES])
        .order_by()
    )


def recently_inspected(task: InspectionTask, *, organisation_ids) -> dict[int, tuple[dt.date, int]]:
    """{object id: (latest inspection day, organisation id)} of the objects `recent_results` leaves out.
    Objects outside the task's pool may be in it: the caller intersects."""
    results = recent_results(task, organisation_ids=organisation_ids)
    if results is None:
        return {}
    rows = results.values_list("drawn_object__object_id", "inspected_on", "organisation_id")
    latest: dict[int, tuple[dt.date, int]] = {}
    for object_id, day, organisation_id in rows:
        if object_id not in latest or day > latest[object_id][0]:
            latest[object_id] = (day, organisation_id)
    return latest

"""事前公开 (GB118 三(一)): the public pages of enforcement bodies and of the officers who may act for them today.

Only active bodies; only active officers (not auxiliary staff) holding a certificate valid today (Asia/Shanghai) —
the same test as XZCF-42 applies when they act (fazhi.personnel.selectors.officers_certified_for). Every public field
is listed in the dataclasses below: ID numbers, phones, genders, posts and the officers' accounts never appear."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from fazhi.orgs.enums import BodyBasis, BodyStatus
from fazhi.orgs.models import EnforcementBody
from fazhi.personnel import selectors as personnel
from fazhi.personnel.enums import CertificateStatus
from fazhi.personnel.models import Certificate, Officer


def today() -> dt.date:
    return personnel.today()


@dataclass(frozen=True)
class PublicBodySummary:
    public_id: str
    name: str
    organisation: str
    basis_label: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class PublicBody:
    public_id: str
    name: str
    organisation: str
    basis_label: str
    entrusting_body: str  # for an entrusted organisation: the body that entrusted it
    legal_basis_text: str
    qualification_certificate_number: str
    categories: tuple[str, ...]
    status_label: str
    published_on: dt.date | None


@dataclass(frozen=True)
class PublicOfficer:
    name: str
    certificate_number: str
    categories: tuple[str, ...]
    area: str
    valid_from: dt.date
    valid_to: dt.date


def body_list(*, filters: dict | None = None) -> QuerySet[EnforcementBody]:
    """Active bodies. Filters: q (part of the name or of the organisation's name)."""
    qs = EnforcementBody.objects.filter(status=BodyStatus.ACTIVE)
    q = ((filters or {}).get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q))
    return qs.select_related("organisation").prefetch_related("categories").order_by(
        "organisation__sort_order", "name")


def body_summary(body: EnforcementBody) -> PublicBodySummary:
    return PublicBodySummary(public_id=str(body.public_id), name=body.name, organisation=body.organisation.name,
                             basis_label=BodyBasis(body.basis).label,
                             categories=tuple(c.name for c in body.categories.all()))


def body_get(public_id) -> EnforcementBody | None:
    return (EnforcementBody.objects.filter(status=BodyStatus.ACTIVE, public_id=public_id)
            .select_related("organisation", "entrusting_body").prefetch_related("categories").first())


def public_body(body: EnforcementBody) -> PublicBody:
    return PublicBody(
        public_id=str(body.public_id), name=body.name, organisation=body.organisation.name,
        basis_label=BodyBasis(body.basis).label,
        entrusting_body=body.entrusting_body.name if body.entrusting_body_id else "",
        legal_basis_text=body.legal_basis_text,
        qualification_certificate_number=body.qualification_certificate_number or "",
        categories=tuple(c.name for c in body.categories.all()),
        status_label=BodyStatus(body.status).label, published_on=body.published_on,
    )


@dataclass(frozen=True)
class PublicCatalogueItem:
    """One entry of the body's published catalogue of major enforcement decisions (GB118; XZCF-58)."""

    title: str
    min_fine: str
    penalty_kinds: tuple[str, ...]
    published_on: dt.date | None


def public_catalogue(body: EnforcementBody) -> list[PublicCatalogueItem]:
    from fazhi.enforcement.enums import PenaltyKind
    from fazhi.enforcement.models import MajorCatalogueItem

    labels = dict(PenaltyKind.choices)
    return [PublicCatalogueItem(title=item.title, min_fine=str(item.min_fine) if item.min_fine is not None else "",
                                penalty_kinds=tuple(str(labels.get(k, k)) for k in item.penalty_kinds or []),
                                published_on=item.published_on)
            for item in MajorCatalogueItem.objects.filter(body=body, published_on__isnull=False).order_by("title")]


def officers_of(body: EnforcementBody, *, on: dt.date | None = None) -> QuerySet[Officer]:
    """The officers who may act for `body` on `on` (today), by name, with their certificates valid that day."""
    on = on or today()
    valid = (Certificate.objects.filter(status=CertificateStatus.VALID, valid_from__lte=on, valid_to__gte=on)
             .prefetch_related("categories").order_by("-valid_to", "number"))
    return personnel.officers_certified_for(body, on=on).prefetch_related(
        Prefetch("certificates", queryset=valid, to_attr="valid_certificates"))


def public_officers(officers) -> list[PublicOfficer]:
    """Each officer of a page of `officers_of` with the certificate valid today that ends last."""
    rows = []
    for officer in officers:
        cert = officer.valid_certificates[0]
        rows.append(PublicOfficer(name=officer.name, certificate_number=cert.number,
                                  categories=tuple(c.name for c in cert.categories.all()), area=cert.area,
                                  valid_from=cert.valid_from, valid_to=cert.valid_to))
    return rows

"""What the public may read. Every public field is listed here explicitly (DESIGN.md mechanism 1): a field added
to an internal model never reaches a public page unless it is added to one of these dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.orgs.enums import BodyStatus
from fazhi.personnel import selectors as personnel
from fazhi.personnel.enums import CertificateStatus

# How the public page names each status: a reader asks "may this person act today?", so the wording is a verdict.
PUBLIC_STATUS_LABELS = {
    CertificateStatus.VALID: "有效",
    CertificateStatus.SUSPENDED: "已暂扣",
    CertificateStatus.REVOKED: "已吊销",
    CertificateStatus.EXPIRED: "已过期",
    CertificateStatus.LOST: "已遗失作废",
    CertificateStatus.REPLACED: "已换发新证",
}
NOT_YET_VALID_LABEL = "尚未生效"


def today() -> dt.date:
    return personnel.today()


@dataclass(frozen=True)
class PublicCertificate:
    """The public face of an enforcement certificate: nothing else about the holder is published."""

    number: str
    holder_name: str
    enforcement_bodies: tuple[str, ...]
    categories: tuple[str, ...]
    area: str
    valid_from: dt.date
    valid_to: dt.date
    status_label: str
    valid_today: bool


def certificate_verification(number: str) -> PublicCertificate | None:
    """The certificate with exactly this number as the public may see it, or None. Validity is judged on today's
    date in Asia/Shanghai: a certificate is valid only when its status is valid and today lies in its term."""
    certificate = personnel.certificate_public_lookup(number=number)
    if certificate is None:
        return None
    day = today()
    effective = certificate.effective_status(day)
    valid_today = certificate.is_valid_on(day)
    if effective == CertificateStatus.VALID and not valid_today:
        label = NOT_YET_VALID_LABEL  # status valid but its term has not begun
    else:
        label = PUBLIC_STATUS_LABELS[CertificateStatus(effective)]
    organisation = certificate.officer.organisation
    active_bodies = [body.name for body in organisation.bodies.all() if body.status == BodyStatus.ACTIVE]
    bodies = tuple(active_bodies) or (organisation.name,)
    return PublicCertificate(
        number=certificate.number,
        holder_name=certificate.officer.name,
        enforcement_bodies=bodies,
        categories=tuple(category.name for category in certificate.categories.all()),
        area=certificate.area,
        valid_from=certificate.valid_from,
        valid_to=certificate.valid_to,
        status_label=label,
        valid_today=valid_today,
    )

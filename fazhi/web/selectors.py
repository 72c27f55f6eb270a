"""What the staff workbench shows: counts and the certificates that need attention, scoped to the user."""

from fazhi.personnel import selectors as personnel
from fazhi.personnel.enums import OfficerStatus


def workbench_for(*, user) -> dict:
    officers = personnel.officer_list(user=user, filters={"status": OfficerStatus.ACTIVE})
    expiring = personnel.certificate_list(user=user, filters={"expiring_within": 90}).order_by("valid_to")
    return {
        "officer_count": officers.count(),
        "uncertified_count": officers.filter(has_valid_certificate=False).count(),
        "expiring_count": expiring.count(),
        "expiring": expiring[:10],
        "expired_count": personnel.certificate_list(user=user, filters={"status": "expired"}).count(),
    }

"""What the staff workbench shows: counts, the certificates that need attention and the user's deadlines
(open warnings, most urgent first), scoped to the user."""

from fazhi.enforcement.selectors.work import tasks_for
from fazhi.personnel import selectors as personnel
from fazhi.personnel.enums import OfficerStatus
from fazhi.supervision.selectors import warnings_for

MY_DEADLINES_SHOWN = 10


def workbench_for(*, user) -> dict:
    officers = personnel.officer_list(user=user, filters={"status": OfficerStatus.ACTIVE})
    expiring = personnel.certificate_list(user=user, filters={"expiring_within": 90}).order_by("valid_to")
    deadlines = warnings_for(user=user)
    return {
        "deadline_count": deadlines.count(),
        "deadlines": deadlines[:MY_DEADLINES_SHOWN],
        "officer_count": officers.count(),
        "uncertified_count": officers.filter(has_valid_certificate=False).count(),
        "expiring_count": expiring.count(),
        "expiring": expiring[:10],
        "expired_count": personnel.certificate_list(user=user, filters={"status": "expired"}).count(),
        "tasks": tasks_for(user=user),
    }

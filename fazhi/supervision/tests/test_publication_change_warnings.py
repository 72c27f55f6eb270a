"""XZCF-48 on the workbench: a change or revocation recorded on the staff screen (enforcement:publication_change)
puts a publication_withdrawal_due warning on the organisation's workbench until the publication is withdrawn.
(Here rather than in fazhi/enforcement/tests: enforcement must not import supervision, tests included.)"""

from __future__ import annotations

import datetime as dt

from fazhi.core.deadlines import deadline
from fazhi.enforcement.models import Publication
from fazhi.enforcement.services import publication as publishing
from fazhi.enforcement.tests.conftest import enf  # noqa: F401 - the enforcement world, as a fixture here
from fazhi.enforcement.tests.test_publication import decide
from fazhi.supervision import services as supervision
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.models import Warning
from fazhi.supervision.selectors import warnings_for

CHANGE_ON = dt.date(2026, 9, 29)  # Tuesday; 3 WD across National Day → Friday 2026-10-09
DUE = dt.date(2026, 10, 9)


def _open():
    return Warning.objects.filter(kind=WarningKind.PUBLICATION_WITHDRAWAL_DUE, resolved_at__isnull=True)


def test_recorded_change_warns_until_the_publication_is_withdrawn(enf, client_for):  # noqa: F811
    decision = decide(enf, on=dt.date(2026, 9, 14))
    publication = publishing.decision_publish(by=enf.d.officer_a, decision=decision,
                                              published_on=dt.date(2026, 9, 15))
    supervision.warnings_scan(on=CHANGE_ON)
    assert not _open().exists()  # published, nothing recorded: nothing to withdraw

    client = client_for(enf.d.officer_a)
    response = client.post(f"/cases/publications/{publication.public_id}/change/",
                           {"change_on": CHANGE_ON.isoformat(), "note": "经行政复议,原处罚决定被撤销"})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.withdraw_due == DUE == deadline("XZCF-48", CHANGE_ON).due

    supervision.warnings_scan(on=CHANGE_ON)
    warning = _open().get()
    assert warning.due_on == DUE and warning.rule_id == "XZCF-48" and warning.organisation == enf.org
    assert warning.subject_id == str(decision.case.public_id) and decision.number in warning.subject_label
    assert warning.trace == deadline("XZCF-48", CHANGE_ON).trace and "2026年10月9日" in warning.trace
    assert warning.level == WarningLevel.WITHIN_30  # ten days left on the day of the change
    assert list(warnings_for(user=enf.d.admin_a).filter(kind=WarningKind.PUBLICATION_WITHDRAWAL_DUE)) == [warning]
    assert not warnings_for(user=enf.d.admin_b).filter(kind=WarningKind.PUBLICATION_WITHDRAWAL_DUE).exists()

    supervision.warnings_scan(on=DUE + dt.timedelta(days=1))  # the day after the due date: overdue
    warning.refresh_from_db()
    assert warning.level == WarningLevel.OVERDUE and "已逾期1日" in warning.message_zh

    response = client.post(f"/cases/publications/{publication.public_id}/withdraw/",
                           {"withdrawn_on": "2026-10-10", "reason": "原处罚决定经行政复议被撤销"})
    assert response.status_code == 302
    assert Publication.objects.get(pk=publication.pk).change_on == CHANGE_ON
    supervision.warnings_scan(on=dt.date(2026, 10, 12))
    assert not _open().exists()
    warning.refresh_from_db()
    assert warning.resolved_at is not None and warning.resolution == "已撤回"

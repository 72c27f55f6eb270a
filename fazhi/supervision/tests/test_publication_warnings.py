"""Warnings for decisions not yet published (GB118): on the deciding organisation's workbench from the decision day,
red after the due date, resolved by the scan once the decision is published."""

from __future__ import annotations

import datetime as dt

from fazhi.enforcement.services import publication as publishing
from fazhi.enforcement.tests.conftest import enf  # noqa: F401 - the enforcement world, as a fixture here
from fazhi.enforcement.tests.test_publication import decide
from fazhi.supervision import services as supervision
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.models import Warning
from fazhi.supervision.selectors import warnings_for

DECIDED = dt.date(2026, 9, 18)  # due 2026-09-29 (7 WD, the make-up Sunday 09-20 counted, 09-25 skipped)


def _open():
    return Warning.objects.filter(kind=WarningKind.DECISION_PUBLICATION_DUE, resolved_at__isnull=True)


def test_unpublished_decision_warns_until_published(enf):  # noqa: F811
    decision = decide(enf, on=DECIDED)
    supervision.warnings_scan(on=dt.date(2026, 9, 29))  # the due date itself: still within 7 days
    warning = _open().get()
    assert warning.due_on == dt.date(2026, 9, 29) and warning.level == WarningLevel.WITHIN_7
    assert warning.rule_id == "GB118-DECISION" and "调休工作日" in warning.trace
    assert warning.organisation == enf.org and warning.subject_id == str(decision.case.public_id)
    assert "今日" in warning.message_zh
    assert list(warnings_for(user=enf.d.admin_a).filter(kind=WarningKind.DECISION_PUBLICATION_DUE)) == [warning]
    assert not warnings_for(user=enf.d.admin_b).filter(kind=WarningKind.DECISION_PUBLICATION_DUE).exists()

    supervision.warnings_scan(on=dt.date(2026, 9, 30))  # the day after: overdue
    warning.refresh_from_db()
    assert warning.level == WarningLevel.OVERDUE and "已逾期1日" in warning.message_zh
    counts = supervision.warnings_scan(on=dt.date(2026, 9, 30))  # idempotent
    assert counts["created"] == 0 and _open().count() == 1

    publishing.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 30))
    supervision.warnings_scan(on=dt.date(2026, 10, 1))
    assert not _open().exists()
    warning.refresh_from_db()
    assert warning.resolution == "已公示"


def test_published_decision_never_warns(enf):  # noqa: F811
    decision = decide(enf, on=DECIDED)
    publishing.decision_publish(by=enf.d.officer_a, decision=decision, published_on=DECIDED)
    supervision.warnings_scan(on=dt.date(2026, 9, 21))
    assert not Warning.objects.filter(kind=WarningKind.DECISION_PUBLICATION_DUE).exists()

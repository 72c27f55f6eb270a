"""Warnings about enforcement cases (rules.md §1, §3, §6), derived each day like the certificate warnings:

* case_decision_due    — an open case's XZCF-60 date (90 days from filing, pauses and approved extensions) within
                         the horizon or passed: on the body's workbench and, overdue, on the office's list;
* coercion_due         — a seizure or freezing in force whose XZQZ-25 date (30 days + one extension, testing not
                         counted) is near or passed;
* decision_publication_due — a penalty or no-penalty decision not yet published (GB118-DECISION / GB118-OTHER);
* publication_withdrawal_due — a published decision recorded as changed or revoked and not yet withdrawn (XZCF-48).

Each scanner builds the warnings it wants, by subject id; `sync` creates, updates and resolves, so that a scan
run twice for one day changes nothing. A due date that cannot be computed (a year without holiday data) leaves the
subject's warning as it was; the district-wide CAL-YEAR warning says why.
"""

from __future__ import annotations

import datetime as dt
import logging

from fazhi.core.deadlines import zh_date
from fazhi.core.errors import DomainError
from fazhi.enforcement.enums import OPEN_STATUSES, CoerciveKind, CoerciveStatus, PublicationStatus, zh
from fazhi.enforcement.models import Case, CoerciveMeasure, Decision, Publication
from fazhi.enforcement.selectors.cases import case_clock
from fazhi.enforcement.services.publication import PUBLISHED_OUTCOMES, publish_due_for
from fazhi.supervision.enums import WarningKind
from fazhi.supervision.sync import sync

log = logging.getLogger(__name__)

CASE = "enforcement.Case"
MEASURE = "enforcement.CoerciveMeasure"


def _days(n: int) -> str:
    return "今日到期" if n == 0 else f"{n}日"


def _message(what: str, due: dt.date, on: dt.date) -> str:
    left = (due - on).days
    if left < 0:
        return f"{what}期限{zh_date(due)}已届满,已逾期{-left}日"
    return f"{what}最迟{zh_date(due)},还有{_days(left)}" if left else f"{what}期限为今日({zh_date(due)})"


def wanted_row(*, label: str, organisation_id, due, trace: str, rule_id: str, what: str, on: dt.date) -> dict:
    from fazhi.supervision.services import level_for

    return {"subject_label": label[:200], "organisation_id": organisation_id, "due_on": due, "rule_id": rule_id,
            "trace": trace, "level": level_for((due - on).days), "message_zh": _message(what, due, on)[:300],
            "last_scanned_on": on}


def _horizon(on: dt.date) -> dt.date:
    from fazhi.supervision.services import HORIZON_DAYS

    return on + dt.timedelta(days=HORIZON_DAYS)


# --- XZCF-60 ------------------------------------------------------------------------------------------------


def case_decision_due_scan(*, on: dt.date) -> dict:
    from fazhi.enforcement.services.cases import cases_refresh_due

    cases_refresh_due()  # dates left open for a year without holiday data, now that it may have been entered
    wanted: dict[str, dict] = {}
    keep: set[str] = set()
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES, filed_on__isnull=False)
    # decision_due is kept by the services; a paused clock (None) needs no warning while it stands still
    for case in open_cases.filter(decision_due__lte=_horizon(on)).prefetch_related("pauses", "extensions") \
            .iterator(chunk_size=2000):
        due = case_clock(case, today=on)
        if due is None:
            keep.add(str(case.public_id))
            continue
        wanted[str(case.public_id)] = wanted_row(
            label=f"{case.number} {case.title}", organisation_id=case.organisation_id, due=due.due, trace=due.trace,
            rule_id="XZCF-60", what=f"案件{case.number}作出处理决定", on=on)

    def resolution(ids):
        rows = dict(Case.objects.filter(public_id__in=ids).values_list("public_id", "status"))
        return {str(k): ("已作出处理决定" if v not in OPEN_STATUSES else "办案期限中止或已延长") for k, v in rows.items()}

    return sync(kind=WarningKind.CASE_DECISION_DUE, subject_type=CASE, wanted=wanted, keep=keep,
                resolution=resolution)


# --- XZQZ-25 ------------------------------------------------------------------------------------------------


def coercion_due_scan(*, on: dt.date) -> dict:
    from fazhi.core.deadlines import deadline

    wanted: dict[str, dict] = {}
    measures = CoerciveMeasure.objects.exclude(status=CoerciveStatus.DISPOSED).filter(
        due_on__isnull=False, due_on__lte=_horizon(on)).select_related("case")
    for m in measures.iterator(chunk_size=2000):
        pauses = [(m.testing_started_on, m.testing_ended_on)] if m.testing_started_on and m.testing_ended_on else None
        try:
            trace = deadline("XZQZ-25", m.carried_out_on, pauses=pauses,
                             extensions=[m.extension_days] if m.extension_days else ()).trace
        except DomainError:
            trace = f"处理期限{zh_date(m.due_on)}"
        wanted[str(m.public_id)] = wanted_row(
            label=f"{m.case.number} {zh(CoerciveKind(m.kind).label)}", organisation_id=m.case.organisation_id, due=m.due_on,
            trace=trace, rule_id="XZQZ-25", what=f"案件{m.case.number}的{zh(CoerciveKind(m.kind).label)}作出处理决定", on=on)

    def resolution(ids):
        return {str(k): "已处理" for k in CoerciveMeasure.objects.filter(
            public_id__in=ids, status=CoerciveStatus.DISPOSED).values_list("public_id", flat=True)}

    return sync(kind=WarningKind.COERCION_DUE, subject_type=MEASURE, wanted=wanted, keep=set(), resolution=resolution)


# --- GB118: decisions to publish ----------------------------------------------------------------------------


def decision_publication_scan(*, on: dt.date) -> dict:
    wanted: dict[str, dict] = {}
    keep: set[str] = set()
    decisions = (Decision.objects.filter(outcome__in=PUBLISHED_OUTCOMES, publication__isnull=True)
                 .exclude(number="").select_related("case"))
    for decision in decisions.iterator(chunk_size=2000):
        case = decision.case
        try:
            due = publish_due_for(decision)
        except DomainError as exc:
            keep.add(str(case.public_id))
            log.warning("warnings_scan: publication date of decision %s not computed: %s", decision.number,
                        exc.display)
            continue
        wanted[str(case.public_id)] = wanted_row(
            label=f"{decision.number} {case.title}", organisation_id=case.organisation_id, due=due.due,
            trace=due.trace, rule_id=due.rule_id, what=f"决定书{decision.number}公示", on=on)

    def resolution(ids):
        published = {str(k) for k in Publication.objects.filter(decision__case__public_id__in=ids)
                     .values_list("decision__case__public_id", flat=True)}
        return {i: ("已公示" if i in published else "该决定无须公示") for i in ids}

    return sync(kind=WarningKind.DECISION_PUBLICATION_DUE, subject_type=CASE, wanted=wanted, keep=keep,
                resolution=resolution)


# --- XZCF-48: withdrawals -----------------------------------------------------------------------------------


def publication_withdrawal_scan(*, on: dt.date) -> dict:
    from fazhi.core.deadlines import deadline

    wanted: dict[str, dict] = {}
    pending = Publication.objects.filter(status=PublicationStatus.PUBLISHED, withdraw_due__isnull=False) \
        .select_related("decision__case")
    for p in pending.iterator(chunk_size=2000):
        case = p.decision.case
        wanted[str(case.public_id)] = wanted_row(
            label=f"{p.decision_number} {case.title}", organisation_id=p.organisation_id, due=p.withdraw_due,
            trace=deadline("XZCF-48", p.change_on).trace, rule_id="XZCF-48",
            what=f"决定书{p.decision_number}的公示撤回并说明理由", on=on)

    def resolution(ids):
        return {i: "已撤回" for i in ids}

    return sync(kind=WarningKind.PUBLICATION_WITHDRAWAL_DUE, subject_type=CASE, wanted=wanted, keep=set(),
                resolution=resolution)


def case_warnings_scan(*, on: dt.date) -> dict:
    """All the case scanners (called by warnings_scan, inside its transaction)."""
    totals = {"created": 0, "updated": 0, "unchanged": 0, "resolved": 0}
    for scan in (case_decision_due_scan, coercion_due_scan, decision_publication_scan, publication_withdrawal_scan):
        for key, n in scan(on=on).items():
            totals[key] += n
    return totals

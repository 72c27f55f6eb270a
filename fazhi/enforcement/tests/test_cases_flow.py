"""A general-procedure penalty case from the lead to closing, through the services; every act in the ledger."""

import datetime as dt
from decimal import Decimal

from fazhi.enforcement.enums import CaseStatus, ServiceMethod
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.tests import builders as b
from fazhi.records.models import Entry
from fazhi.records.verification import verify_ledger

D = dt.date


def test_general_procedure_from_lead_to_closing(enf):
    case, decision = b.served(enf)
    assert case.number == "赛市监立〔2026〕1号"
    assert decision.number == "赛市监罚〔2026〕1号"
    assert case.notice.number == "赛市监告〔2026〕1号"
    assert case.status == CaseStatus.SERVED
    # XZCF-67: served 2026-09-21 → 15 days = 2026-10-06 (National Day) → 2026-10-08
    assert decision.payment_due == D(2026, 10, 8)
    svc.payment_record(by=enf.d.officer_a, case=case, paid_on=D(2026, 10, 8), amount=Decimal("5000"),
                       receipt_number="NMG-2026-000123")
    closed = svc.case_close(by=enf.d.officer_a, case=case, closed_on=D(2026, 10, 9))
    assert closed.status == CaseStatus.CLOSED
    actions = list(Entry.objects.filter(subject_id=str(case.public_id)).order_by("seq").values_list("action", flat=True))
    assert actions == ["case.lead_registered", "case.filed", "case.notice_issued", "case.notice_served",
                       "case.draft_saved", "case.decided", "case.served", "case.paid", "case.closed"]
    assert verify_ledger(enf.body.ledger_key).ok


def test_no_penalty_outcome_needs_no_notice(enf):
    case = b.filed(enf)
    b.draft(enf, case, outcome="no_penalty", no_penalty_reason="first_offence")
    decision = svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 7, 1))
    assert decision.number == "赛市监不罚〔2026〕1号" and decision.outcome == "no_penalty"
    svc.decision_serve(by=enf.d.officer_a, case=case, served_on=D(2026, 7, 2), method=ServiceMethod.DIRECT,
                       recipient="当事人")
    assert svc.case_close(by=enf.d.officer_a, case=case, closed_on=D(2026, 7, 2)).status == CaseStatus.CLOSED

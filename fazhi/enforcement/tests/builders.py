"""Bring a case of the `enf` fixture to a given step through the services (the tests of every area use these)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.enforcement.enums import LeadSource, Outcome, PartyType, PenaltyKind, ServiceMethod
from fazhi.enforcement.services import cases as svc

D = dt.date
JUN_01, SEP_01, SEP_02, SEP_20, SEP_21 = D(2026, 6, 1), D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 20), D(2026, 9, 21)


def lead(enf, *, by=None, received_on=JUN_01, party_type=PartyType.LEGAL_PERSON,
         party_name="呼和浩特市某某食品有限公司", party_id_number="", title="生产经营不符合食品安全标准的食品"):
    return svc.case_lead_register(
        by=by or enf.d.officer_a, body=enf.body, title=title, lead_source=LeadSource.COMPLAINT,
        lead_received_on=received_on, lead_summary="群众投诉该公司销售过期食品", category=enf.d.market,
        party_type=party_type, party_name=party_name, party_id_number=party_id_number,
        party_address="赛罕区大学东街1号")


def filed(enf, *, by=None, filed_on=JUN_01, officers=None, **lead_kw):
    case = lead(enf, received_on=min(filed_on, lead_kw.pop("received_on", filed_on)), **lead_kw)
    return svc.case_file(by=by or enf.d.officer_a, case=case, filed_on=filed_on, power_item=enf.item,
                         legal_bases=[enf.article], officers=officers or [enf.o1, enf.o2],
                         discovered_on=filed_on, violation_on=filed_on - dt.timedelta(days=10),
                         facts="经查,当事人销售超过保质期的食品")


def notified(enf, *, issued_on=SEP_01, served_on=SEP_02, fine=Decimal("5000"),
             kinds=(PenaltyKind.WARNING, PenaltyKind.FINE), case=None, **kw):
    case = case or filed(enf, **kw)
    svc.notice_issue(by=enf.d.officer_a, case=case, issued_on=issued_on, penalty_kinds=list(kinds),
                     fine_amount=fine, confiscation_amount=0, facts="当事人销售过期食品12箱",
                     reasons_and_basis="依据《中华人民共和国食品安全法》第一百二十四条")
    if served_on:
        svc.notice_serve(by=enf.d.officer_a, case=case, served_on=served_on, method=ServiceMethod.DIRECT,
                         recipient="当事人法定代表人")
    case.refresh_from_db()
    return case


def draft(enf, case, *, outcome=Outcome.PENALTY, fine=Decimal("5000"), kinds=(PenaltyKind.WARNING, PenaltyKind.FINE),
          no_penalty_reason="", facts="当事人销售过期食品12箱,有现场笔录、照片为证"):
    penalty = outcome == Outcome.PENALTY
    return svc.draft_save(
        by=enf.d.officer_a, case=case, outcome=outcome, penalty_kinds=list(kinds) if penalty else [],
        fine_amount=fine if penalty else 0, confiscation_amount=0, no_penalty_reason=no_penalty_reason,
        facts_and_evidence=facts, penalty_and_basis="依据《中华人民共和国食品安全法》第一百二十四条,给予警告并处罚款",
        compliance="自收到本决定书之日起十五日内缴纳罚款" if penalty else "",
        remedies="可在六十日内申请行政复议或者六个月内提起行政诉讼")


def decided(enf, *, decided_on=SEP_20, **kw):
    """A penalty decided after the statement window (notice served 2026-09-02, window ends 2026-09-09)."""
    case = notified(enf, **kw)
    draft(enf, case, fine=kw.get("fine", Decimal("5000")), kinds=kw.get("kinds", (PenaltyKind.WARNING, PenaltyKind.FINE)))
    decision = svc.case_decide(by=enf.d.head_a, case=case, decided_on=decided_on)
    case.refresh_from_db()
    return case, decision


def served(enf, *, served_on=SEP_21, **kw):
    case, decision = decided(enf, **kw)
    svc.decision_serve(by=enf.d.officer_a, case=case, served_on=served_on, method=ServiceMethod.DIRECT,
                       recipient="当事人法定代表人")
    case.refresh_from_db()
    decision.refresh_from_db()
    return case, decision

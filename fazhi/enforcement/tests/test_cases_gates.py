"""The statutory gates of the penalty procedure at their edges (rules.md §1). Every refusal changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.numbering_models import NumberSequence
from fazhi.enforcement.enums import CaseStatus, PartyType, PenaltyKind, RecusalSource, ServiceMethod
from fazhi.enforcement.models import Case, CaseOfficer, Decision, HearingThreshold, MajorCatalogueItem
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.tests import builders as b
from fazhi.records.models import Entry

D = dt.date


def refused(rule, fn, **kwargs):
    """Call fn(**kwargs); assert it is refused citing `rule` and that no record entry, case row or number was made."""
    entries, cases, numbers = Entry.objects.count(), Case.objects.count(), list(
        NumberSequence.objects.order_by("pk").values_list("last", flat=True))
    with pytest.raises(DomainError) as err:
        fn(**kwargs)
    assert err.value.rule == rule, err.value
    assert Entry.objects.count() == entries
    assert Case.objects.count() == cases
    assert list(NumberSequence.objects.order_by("pk").values_list("last", flat=True)) == numbers
    return err.value


def file_kwargs(enf, case, **over):
    kw = dict(by=enf.d.officer_a, case=case, filed_on=D(2026, 6, 1), power_item=enf.item, legal_bases=[enf.article],
              officers=[enf.o1, enf.o2], discovered_on=D(2026, 6, 1), violation_on=D(2026, 5, 20))
    kw.update(over)
    return kw


# --- XZCF-42: at least two certified officers --------------------------------------------------------------


def test_filing_with_one_officer_is_refused_and_nothing_changes(enf):
    case = b.lead(enf)
    err = refused("XZCF-42", svc.case_file, **file_kwargs(enf, case, officers=[enf.o1]))
    assert "不得少于2人" in err.message
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD and case.number == "" and not CaseOfficer.objects.exists()


@pytest.mark.parametrize(("filed_on", "ok"), [(D(2026, 2, 28), True), (D(2026, 3, 1), True), (D(2026, 3, 2), False)])
def test_certificate_valid_through_its_last_day(enf, filed_on, ok):
    case = b.lead(enf, received_on=D(2026, 2, 1))
    kw = file_kwargs(enf, case, filed_on=filed_on, discovered_on=filed_on, violation_on=D(2026, 1, 20),
                     officers=[enf.o1, enf.expired_officer])
    if ok:
        assert svc.case_file(**kw).status == CaseStatus.INVESTIGATING
    else:
        err = refused("XZCF-42", svc.case_file, **kw)
        assert "孙强" in err.message and "2026年3月1日到期" in err.message


@pytest.mark.parametrize("who", ["auxiliary", "urban_officer"])
def test_auxiliary_staff_and_other_categories_cannot_file(enf, who):
    case = b.lead(enf)
    refused("XZCF-42", svc.case_file, **file_kwargs(enf, case, officers=[enf.o1, getattr(enf, who)]))


def test_decision_refused_when_an_officer_certificate_lapsed_before_the_decision(enf):
    case = b.filed(enf, officers=[enf.o1, enf.expired_officer], filed_on=D(2026, 2, 20))
    b.draft(enf, case, outcome="not_established")
    refused("XZCF-42", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 3, 2))
    assert svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 3, 1)).outcome == "not_established"


# --- XZCF-36: limitation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("discovered", "grave", "ok"), [
    (D(2026, 5, 9), False, True), (D(2026, 5, 10), False, True), (D(2026, 5, 11), False, False),
    (D(2026, 5, 11), True, True),
])
def test_limitation_two_years_inclusive_five_when_grave(enf, discovered, grave, ok):
    case = b.lead(enf, received_on=D(2026, 5, 1))
    kw = file_kwargs(enf, case, filed_on=D(2026, 5, 12), discovered_on=discovered, violation_on=D(2024, 5, 10),
                     grave_harm=grave)
    if ok:
        svc.case_file(**kw)
    else:
        refused("XZCF-36", svc.case_file, **kw)


def test_continuing_breach_counts_from_its_end(enf):
    case = b.lead(enf, received_on=D(2026, 5, 1))
    svc.case_file(**file_kwargs(enf, case, filed_on=D(2026, 5, 12), discovered_on=D(2026, 5, 12),
                                violation_on=D(2020, 1, 1), violation_continuing_until=D(2025, 1, 1)))


# --- XZCF-60: the 90-day clock -----------------------------------------------------------------------------


def test_clock_rest_day_and_holiday_and_pause_and_extension(enf):
    case = b.filed(enf, filed_on=D(2026, 6, 1))
    assert case.decision_due == D(2026, 8, 31)  # 8-30 is a Sunday
    case2 = b.filed(enf, filed_on=D(2026, 7, 3), party_name="另一家公司")
    assert case2.decision_due == D(2026, 10, 8)  # 10-01 is National Day, holiday through 10-07
    svc.clock_pause(by=enf.d.officer_a, case=case, reason="testing", started_on=D(2026, 7, 1), note="送检")
    case.refresh_from_db()
    assert case.decision_due is None  # the clock stands still
    svc.clock_resume(by=enf.d.officer_a, case=case, ended_on=D(2026, 7, 10))
    case.refresh_from_db()
    assert case.decision_due == D(2026, 9, 9)  # 8-30 + 10 paused days
    svc.clock_extend(by=enf.d.head_a, case=case, days=30, approved_on=D(2026, 9, 1), reason="案情复杂")
    case.refresh_from_db()
    assert case.decision_due == D(2026, 10, 9)


def test_extension_limits(enf):
    case = b.filed(enf, filed_on=D(2026, 6, 1))
    with pytest.raises(DomainError):
        svc.clock_extend(by=enf.d.head_a, case=case, days=31, approved_on=D(2026, 8, 1), reason="x")
    refused("XZCF-60", svc.clock_extend, by=enf.d.head_a, case=case, days=10, approved_on=D(2026, 9, 1),
            reason="期限已过")  # due 2026-08-31
    svc.clock_extend(by=enf.d.head_a, case=case, days=30, approved_on=D(2026, 8, 31), reason="当日批准")
    refused("XZCF-60", svc.clock_extend, by=enf.d.head_a, case=case, days=30, approved_on=D(2026, 9, 1),
            reason="再次延长未经集体讨论")
    with pytest.raises(DomainError) as err:
        svc.clock_extend(by=enf.d.officer_a, case=case, days=5, approved_on=D(2026, 9, 1), reason="x")
    assert err.value.code == "role_forbidden"


def test_overdue_filter_lists_open_cases_past_due(enf, settings):
    from fazhi.enforcement.selectors.cases import case_list

    late = b.filed(enf, filed_on=D(2026, 6, 1))
    b.filed(enf, filed_on=D(2026, 11, 1), party_name="未到期公司")
    assert list(case_list(user=enf.d.legal, filters={"overdue": "1"})) == [late]
    assert list(case_list(user=enf.d.admin_b, filters={"overdue": "1"})) == []


def test_a_due_date_in_a_year_without_holiday_data_is_left_open_not_guessed(enf):
    from fazhi.enforcement.selectors.cases import case_clock

    case = b.filed(enf, filed_on=D(2026, 11, 1))  # + 90 days = 2027-01-30: the 2027 schedule is not loaded
    assert case.status == CaseStatus.INVESTIGATING and case.decision_due is None
    assert case_clock(case) is None


# --- XZCF-44/45: notice before the penalty -----------------------------------------------------------------


def test_penalty_without_notice_is_blocked(enf):
    case = b.filed(enf)
    b.draft(enf, case)
    err = refused("XZCF-44", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 7, 1))
    assert "告知" in err.message
    assert not Decision.objects.exists()


def test_notice_not_served_blocks(enf):
    case = b.notified(enf, served_on=None)
    b.draft(enf, case)
    refused("XZCF-44", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))


@pytest.mark.parametrize(("decided_on", "ok"), [(D(2026, 9, 9), False), (D(2026, 9, 10), True)])
def test_statement_window_of_five_working_days(enf, decided_on, ok):
    case = b.notified(enf)  # served Wednesday 2026-09-02 → the 5th working day is 2026-09-09
    assert case.notice.hearing_request_due == D(2026, 9, 9)
    b.draft(enf, case)
    if ok:
        svc.case_decide(by=enf.d.head_a, case=case, decided_on=decided_on)
    else:
        refused("XZCF-45", svc.case_decide, by=enf.d.head_a, case=case, decided_on=decided_on)


def test_waiver_lets_the_head_decide_early(enf):
    case = b.notified(enf)
    svc.statement_record(by=enf.d.officer_a, case=case, statement="", on=D(2026, 9, 3), waived=True)
    b.draft(enf, case)
    assert svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 9, 3)).number


def test_no_heavier_penalty_than_notified(enf):
    case = b.notified(enf, fine=Decimal("5000"))
    b.draft(enf, case, fine=Decimal("5000.01"))
    refused("XZCF-45", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))
    b.draft(enf, case, fine=Decimal("4000"))
    assert svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20)).fine_amount == Decimal("4000")


def test_only_the_head_decides(enf):
    case = b.notified(enf)
    b.draft(enf, case)
    with pytest.raises(DomainError) as err:
        svc.case_decide(by=enf.d.officer_a, case=case, decided_on=D(2026, 9, 20))
    assert err.value.code == "role_forbidden"


# --- XZCF-63/64: hearing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("party_type", "fine", "kinds", "right"), [
    (PartyType.PERSON, "1999.99", ["fine"], False), (PartyType.PERSON, "2000", ["fine"], True),
    (PartyType.LEGAL_PERSON, "9999.99", ["fine"], False), (PartyType.LEGAL_PERSON, "10000", ["fine"], True),
    (PartyType.LEGAL_PERSON, "0", ["revoke_licence"], True), (PartyType.PERSON, "0", ["warning"], False),
])
def test_hearing_right_thresholds(enf, party_type, fine, kinds, right):
    case = b.filed(enf, party_type=party_type, party_name="张三" if party_type == PartyType.PERSON else "某公司")
    notice = svc.notice_issue(by=enf.d.officer_a, case=case, issued_on=D(2026, 7, 1), penalty_kinds=kinds,
                              fine_amount=Decimal(fine), confiscation_amount=0, facts="事实", reasons_and_basis="依据")
    assert notice.hearing_right is right


def test_category_threshold_overrides_the_district_default(enf):
    HearingThreshold.objects.create(category=enf.d.market, party_type=PartyType.LEGAL_PERSON,
                                    min_fine=Decimal("50000"), min_confiscation=Decimal("50000"))
    case = b.notified(enf, fine=Decimal("20000"))
    assert case.notice.hearing_right is False


@pytest.mark.parametrize(("requested_on", "ok"), [(D(2026, 10, 9), True), (D(2026, 10, 10), False)])
def test_hearing_request_within_five_working_days_across_national_day(enf, requested_on, ok):
    # served Friday 2026-09-25: 9-28, 9-29, 9-30, (10-01…10-07 holiday), 10-08, 10-09 → due 10-09; 10-10 is a
    # make-up working Saturday, the 6th working day — too late.
    case = b.notified(enf, issued_on=D(2026, 9, 24), served_on=D(2026, 9, 25), fine=Decimal("20000"))
    assert case.notice.hearing_request_due == D(2026, 10, 9)
    if ok:
        svc.hearing_request(by=enf.d.officer_a, case=case, requested_on=requested_on)
    else:
        refused("XZCF-64-1", svc.hearing_request, by=enf.d.officer_a, case=case, requested_on=requested_on)


@pytest.mark.parametrize(("notice_on", "ok"), [(D(2026, 10, 9), True), (D(2026, 10, 10), True),
                                               (D(2026, 10, 12), False)])
def test_hearing_notice_seven_working_days_before_counting_the_makeup_saturday(enf, notice_on, ok):
    case = b.notified(enf, issued_on=D(2026, 9, 24), served_on=D(2026, 9, 25), fine=Decimal("20000"))
    svc.hearing_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 28))
    kw = dict(by=enf.d.officer_a, case=case, notice_served_on=notice_on, hearing_on=D(2026, 10, 20),
              place="第一听证室", presiding_officer=enf.presiding)
    if ok:
        assert svc.hearing_schedule(**kw).number == "赛市监听〔2026〕1号"
    else:
        refused("XZCF-64-2", svc.hearing_schedule, **kw)


def test_investigator_cannot_preside_and_requested_hearing_blocks_decision(enf):
    case = b.notified(enf, issued_on=D(2026, 9, 24), served_on=D(2026, 9, 25), fine=Decimal("20000"))
    svc.hearing_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 28))
    refused("XZCF-64", svc.hearing_schedule, by=enf.d.officer_a, case=case, notice_served_on=D(2026, 10, 9),
            hearing_on=D(2026, 10, 20), place="第一听证室", presiding_officer=enf.o1)
    b.draft(enf, case, fine=Decimal("20000"))
    refused("XZCF-63", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 10, 30))
    svc.hearing_schedule(by=enf.d.officer_a, case=case, notice_served_on=D(2026, 10, 9), hearing_on=D(2026, 10, 20),
                         place="第一听证室", presiding_officer=enf.presiding)
    svc.hearing_hold(by=enf.d.officer_a, case=case, held_on=D(2026, 10, 20), record="双方陈述", conclusion="维持")
    case.refresh_from_db()
    assert case.is_major and "hearing" in case.major_reasons  # XZCF-58: a hearing makes the case major
    refused("XZCF-58", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 10, 30))
    # the hearing stopped the clock from the request (9-28) to the hearing (10-20): 23 days not counted
    assert case.decision_due == b.svc.deadline("XZCF-60", case.filed_on,
                                               pauses=[(D(2026, 9, 28), D(2026, 10, 20))]).due


# --- XZCF-58: legal review; XZCF-57 collective discussion ---------------------------------------------------


def test_catalogue_makes_a_case_major_and_review_gates_the_decision(enf):
    from fazhi.enforcement.enums import ReviewPoint
    from fazhi.enforcement.services import review as rv

    MajorCatalogueItem.objects.create(body=enf.body, title="罚款数额在五千元以上的", min_fine=Decimal("5000"))
    case = b.notified(enf)
    b.draft(enf, case)
    case.refresh_from_db()
    assert case.is_major and case.major_reasons == ["catalogue"]
    refused("XZCF-58", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))
    review = rv.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 10))
    checklist = {p: {"ok": True, "note": ""} for p in ReviewPoint.values}
    rv.review_approve(by=enf.d.reviewer_a, review=review, checklist=checklist, opinion="同意", decided_on=D(2026, 9, 11))
    b.draft(enf, case, facts="修改后的事实")  # editing the draft after approval invalidates it
    err = refused("XZCF-58", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))
    assert "已失效" in err.message
    review2 = rv.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 14))
    rv.review_approve(by=enf.d.reviewer_a, review=review2, checklist=checklist, opinion="同意", decided_on=D(2026, 9, 15))
    decision = svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))
    assert decision.review == review2 and decision.draft.version == 2


def test_collective_discussion_required_when_flagged(enf):
    case = b.notified(enf)
    svc.case_mark_major(by=enf.d.officer_a, case=case, reasons=[], needs_collective_discussion=True)
    b.draft(enf, case)
    refused("XZCF-57", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))
    svc.discussion_record(by=enf.d.head_a, case=case, held_on=D(2026, 9, 15), participants="局长、副局长",
                          minute="讨论记录", conclusion="同意处罚")
    assert svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))


# --- XZCF-43 recusal ---------------------------------------------------------------------------------------


def test_granted_recusal_ends_the_assignment_and_bars_reassignment(enf):
    case = b.filed(enf, officers=[enf.o1, enf.o2, enf.o3])
    recusal = svc.recusal_request(by=enf.d.officer_a, case=case, officer=enf.o2, source=RecusalSource.PARTY,
                                  reason="与当事人有亲属关系", requested_on=D(2026, 6, 2))
    svc.recusal_decide(by=enf.d.head_a, recusal=recusal, granted=True, reason="情况属实", decided_on=D(2026, 6, 3))
    assert not CaseOfficer.objects.get(case=case, officer=enf.o2).active
    refused("XZCF-43", svc.case_officer_assign, by=enf.d.officer_a, case=case, officer=enf.o2, on=D(2026, 6, 4))


# --- XZCF-61 service, XZCF-67/72 payment --------------------------------------------------------------------


def test_electronic_service_needs_consent(enf):
    case, _ = b.decided(enf)
    refused("XZCF-61", svc.decision_serve, by=enf.d.officer_a, case=case, served_on=D(2026, 9, 21),
            method=ServiceMethod.ELECTRONIC, recipient="当事人")
    svc.decision_serve(by=enf.d.officer_a, case=case, served_on=D(2026, 9, 21), method=ServiceMethod.ELECTRONIC,
                       recipient="当事人", electronic_consent=True)


@pytest.mark.parametrize(("paid_on", "surcharge"), [
    (D(2026, 10, 8), "0.00"), (D(2026, 10, 9), "150.00"), (D(2026, 10, 18), "1500.00"), (D(2026, 11, 20), "5000.00"),
])
def test_late_surcharge_three_percent_a_day_capped_at_the_fine(enf, paid_on, surcharge):
    case, decision = b.served(enf)  # payment due 2026-10-08, fine 5,000
    payment = svc.payment_record(by=enf.d.officer_a, case=case, paid_on=paid_on,
                                 amount=Decimal("5000") + Decimal(surcharge), receipt_number="R1")
    assert payment.surcharge == Decimal(surcharge)


def test_wrong_amount_names_the_surcharge(enf):
    case, _ = b.served(enf)
    err = refused("XZCF-72", svc.payment_record, by=enf.d.officer_a, case=case, paid_on=D(2026, 10, 9),
                  amount=Decimal("5000"), receipt_number="R1")
    assert "150.00" in err.message


def test_closing_with_an_unpaid_fine_is_blocked(enf):
    case, _ = b.served(enf)
    refused("XZCF-67", svc.case_close, by=enf.d.officer_a, case=case, closed_on=D(2026, 9, 30))


# --- XZCF-51 summary procedure ----------------------------------------------------------------------------


def summary(enf, party_type, fine, kinds=("fine",)):
    cert_numbers = [enf.o1.certificates.first().number, enf.o2.certificates.first().number]
    return svc.case_summary_decide(
        by=enf.d.officer_a, body=enf.body, category=enf.d.market, power_item=enf.item, legal_bases=[enf.article],
        officers=[enf.o1, enf.o2], decided_on=D(2026, 11, 2), place="大学东街", party_type=party_type,
        party_name="张三" if party_type == PartyType.PERSON else "某商店", party_id_number="", title="占道经营",
        facts="当事人占道经营", penalty_kinds=list(kinds), fine_amount=Decimal(fine), certificates_shown=cert_numbers)


@pytest.mark.parametrize(("party_type", "fine", "ok"), [
    (PartyType.PERSON, "200", True), (PartyType.PERSON, "200.01", False),
    (PartyType.LEGAL_PERSON, "3000", True), (PartyType.LEGAL_PERSON, "3000.01", False),
])
def test_summary_procedure_amount_limits(enf, party_type, fine, ok):
    if ok:
        case = summary(enf, party_type, fine)
        assert case.status == CaseStatus.SERVED and case.decision.payment_due == D(2026, 11, 17)
    else:
        refused("XZCF-51", summary, enf=enf, party_type=party_type, fine=fine)


def test_summary_procedure_cannot_revoke_a_licence(enf):
    refused("XZCF-51", summary, enf=enf, party_type=PartyType.LEGAL_PERSON, fine="0", kinds=(PenaltyKind.REVOKE_LICENCE,))


def test_summary_procedure_requires_the_certificates_shown(enf):
    with pytest.raises(DomainError) as err:
        svc.case_summary_decide(
            by=enf.d.officer_a, body=enf.body, category=enf.d.market, power_item=enf.item, legal_bases=[enf.article],
            officers=[enf.o1, enf.o2], decided_on=D(2026, 11, 2), place="x", party_type=PartyType.PERSON,
            party_name="张三", party_id_number="", title="占道经营", facts="x", penalty_kinds=["warning"],
            fine_amount=0, certificates_shown=[enf.o1.certificates.first().number])
    assert err.value.rule == "XZCF-52"


# --- scope --------------------------------------------------------------------------------------------------


def test_other_bodies_cannot_act_on_a_case(enf):
    case = b.filed(enf)
    with pytest.raises(DomainError) as err:
        svc.clock_pause(by=enf.d.admin_b, case=case, reason="testing", started_on=D(2026, 6, 5), note="x")
    assert err.value.code == "role_forbidden"


def test_a_missing_prefix_is_named_by_organisation_and_document(enf):
    from fazhi.core.numbering_models import NumberPrefix

    NumberPrefix.objects.filter(scope=str(enf.org.public_id)).delete()
    case = b.lead(enf)
    with pytest.raises(DomainError) as err:
        svc.case_file(**file_kwargs(enf, case))
    assert enf.org.name in err.value.message and "案号" in err.value.message and "文书代字" in err.value.message


# --- review findings: each once a way around a gate ---------------------------------------------------------


def test_a_major_flag_cannot_be_cleared_by_submitting_fewer_reasons(enf):
    case = b.notified(enf)
    svc.case_mark_major(by=enf.d.head_a, case=case, reasons=["complex"])
    b.draft(enf, case)
    svc.case_mark_major(by=enf.d.officer_a, case=case, reasons=[], needs_collective_discussion=True)
    case.refresh_from_db()
    assert case.is_major and case.major_reasons == ["complex"]
    svc.discussion_record(by=enf.d.head_a, case=case, held_on=D(2026, 9, 15), participants="局长", minute="记录",
                          conclusion="同意")
    refused("XZCF-58", svc.case_decide, by=enf.d.head_a, case=case, decided_on=D(2026, 9, 20))


def test_a_returned_review_needs_a_new_draft_before_a_new_request(enf):
    from fazhi.enforcement.enums import ReviewPoint
    from fazhi.enforcement.services import review as rv

    case = b.notified(enf)
    svc.case_mark_major(by=enf.d.head_a, case=case, reasons=["complex"])
    b.draft(enf, case)
    review = rv.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 10))
    checklist = {p: {"ok": True, "note": ""} for p in ReviewPoint.values}
    checklist["discretion"] = {"ok": False, "note": "罚款幅度偏高"}
    rv.review_return(by=enf.d.reviewer_a, review=review, checklist=checklist, opinion="裁量不当", decided_on=D(2026, 9, 11))
    with pytest.raises(DomainError) as err:
        rv.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 12))
    assert err.value.code == "review_returned" and err.value.rule == "XZCF-58"
    b.draft(enf, case, fine=Decimal("4000"))
    assert rv.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 12)).draft.version == 2


@pytest.mark.parametrize(("decided_on", "ok"), [(D(2026, 9, 9), False), (D(2026, 9, 10), True)])
def test_a_waiver_does_not_cut_short_the_hearing_window(enf, decided_on, ok):
    case = b.notified(enf, fine=Decimal("50000"))  # a legal person, ≥10,000: hearing right; window ends 2026-09-09
    assert case.notice.hearing_right
    svc.statement_record(by=enf.d.officer_a, case=case, statement="", on=D(2026, 9, 2), waived=True)
    b.draft(enf, case, fine=Decimal("50000"))
    if ok:
        svc.case_decide(by=enf.d.head_a, case=case, decided_on=decided_on)
    else:
        refused("XZCF-45", svc.case_decide, by=enf.d.head_a, case=case, decided_on=decided_on)


def test_a_continuing_breach_cannot_end_in_the_future(enf):
    case = b.lead(enf)
    with pytest.raises(DomainError) as err:
        svc.case_file(**file_kwargs(enf, case, violation_continuing_until=D(9999, 12, 31)))
    assert err.value.field == "violation_continuing_until"


def test_an_extension_cannot_be_approved_before_the_filing(enf):
    case = b.filed(enf, filed_on=D(2026, 6, 1))
    with pytest.raises(DomainError) as err:
        svc.clock_extend(by=enf.d.head_a, case=case, days=10, approved_on=D(1, 1, 1), reason="x")
    assert err.value.field == "approved_on"

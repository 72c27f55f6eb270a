"""The procedure-step screens (views_steps): every step of a general case through the view, from filing to
closing; a blocked decision shows its rule before the click and changes nothing when posted; head-only steps;
scoping; the forms' Chinese checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import UserFactory
from fazhi.enforcement.enums import (
    CaseStatus,
    CoerciveStatus,
    MajorReason,
    RecusalDecision,
    ReviewStatus,
)
from fazhi.enforcement.models import CaseOfficer, Decision, LegalReview, Payment
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.tests import builders as b
from fazhi.enforcement.views_steps import STEPS, steps_for
from fazhi.records.models import Entry

D = dt.date


def url(case, step):
    return reverse("enforcement:case_step", kwargs={"public_id": case.public_id, "step": step})


def detail(case):
    return reverse("enforcement:case_detail", kwargs={"public_id": case.public_id})


def cert(officer):
    return officer.certificates.get().number


def entries(case):
    return Entry.objects.filter(subject_id=str(case.public_id)).count()


def ok(client, case, step, data):
    """Post a step and expect the redirect to the case page (the form's errors otherwise, for the failure)."""
    response = client.post(url(case, step), data)
    errors = response.context["form"].errors if response.status_code == 200 and response.context else None
    assert response.status_code == 302, (step, response.status_code, errors)
    assert response.url == detail(case)
    case.refresh_from_db()
    return response


def step_names(case, user):
    return {s["name"]: s for s in steps_for(case, user)}


def test_general_case_from_filing_to_closing_through_the_step_screens(enf, client_for):
    d = enf.d
    case = b.filed(enf)  # filed 2026-06-01 with 张明 (lead) and 李华
    officer = client_for(d.officer_a)
    assert officer.get(url(case, "assign_officer")).status_code == 200
    ok(officer, case, "assign_officer", {"officer": enf.o3.pk, "on": "2026-06-02"})
    assert CaseOfficer.objects.filter(case=case, officer=enf.o3, active=True).exists()

    ok(officer, case, "onsite_record", {
        "occurred_at": "2026-06-03T10:30", "place": "赛罕区大学东街1号", "officers": [enf.o1.pk, enf.o2.pk],
        "certificates_shown": [cert(enf.o1), cert(enf.o2)], "party_present": "店长王某",
        "content": "现场检查发现超过保质期的食品12箱", "signed_by_party": "on"})
    assert case.onsite_records.count() == 1

    ok(officer, case, "recusal_request", {"officer": enf.o3.pk, "source": "party", "reason": "与当事人有亲属关系",
                                          "requested_on": "2026-06-04"})
    recusal = case.recusals.get()
    head = client_for(d.head_a)
    ok(head, case, "recusal_decide", {"recusal": recusal.pk, "granted": "1", "reason": "情况属实",
                                      "decided_on": "2026-06-05"})
    recusal.refresh_from_db()
    assert recusal.decision == RecusalDecision.GRANTED
    assert not CaseOfficer.objects.get(case=case, officer=enf.o3).active

    ok(officer, case, "clock_pause", {"reason": "testing", "started_on": "2026-06-10", "note": "送检"})
    assert "clock_resume" in step_names(case, d.officer_a)
    ok(officer, case, "clock_resume", {"ended_on": "2026-06-20"})
    assert case.pauses.get().ended_on == D(2026, 6, 20)
    head = client_for(d.head_a)
    ok(head, case, "clock_extend", {"days": "30", "approved_on": "2026-08-01", "reason": "案情复杂"})
    assert case.extensions.count() == 1

    officer = client_for(d.officer_a)
    ok(officer, case, "mark_major", {"reasons": [MajorReason.COMPLEX], "needs_collective_discussion": "on"})
    assert case.is_major and case.needs_collective_discussion

    ok(officer, case, "notice_issue", {
        "issued_on": "2026-09-01", "penalty_kinds": ["warning", "fine"], "fine_amount": "20000",
        "confiscation_amount": "0", "facts": "当事人销售过期食品12箱", "reasons_and_basis": "依据食品安全法第一百二十四条"})
    assert case.status == CaseStatus.NOTIFIED and case.notice.hearing_right  # 20,000 ≥ 10,000 (XZCF-63)
    ok(officer, case, "notice_serve", {"served_on": "2026-09-02", "method": "direct", "recipient": "法定代表人"})
    ok(officer, case, "statement_record", {"on": "2026-09-03", "statement": "当事人称不知食品已过期"})
    ok(officer, case, "hearing_request", {"requested_on": "2026-09-03"})
    ok(officer, case, "hearing_schedule", {"notice_served_on": "2026-09-04", "hearing_on": "2026-09-16",
                                           "place": "本局听证室", "presiding_officer": enf.presiding.pk})
    ok(officer, case, "hearing_hold", {"held_on": "2026-09-16", "record": "当事人陈述意见", "conclusion": "维持拟处罚"})
    assert case.hearing.held

    # the draft starts from the notice
    form = officer.get(url(case, "draft_save")).context["form"]
    assert form.initial["fine_amount"] == Decimal("20000") and form.initial["penalty_kinds"] == ["warning", "fine"]
    ok(officer, case, "draft_save", {
        "outcome": "penalty", "penalty_kinds": ["warning", "fine"], "fine_amount": "20000",
        "confiscation_amount": "0", "facts_and_evidence": "当事人销售过期食品12箱,有现场笔录为证",
        "penalty_and_basis": "依据食品安全法第一百二十四条,给予警告并处罚款", "compliance": "十五日内缴纳",
        "remedies": "六十日内申请复议或六个月内起诉"})
    ok(officer, case, "discussion_record", {"held_on": "2026-09-17", "participants": "局长、副局长",
                                            "minute": "讨论记录", "conclusion": "同意处罚"})
    ok(officer, case, "review_request", {"requested_on": "2026-09-17"})
    review = LegalReview.objects.get(case=case)
    reviewer = client_for(d.reviewer_a)
    checklist = {f"{p}_ok": "on" for p in ("competence", "qualification", "facts", "procedure", "basis",
                                           "discretion", "documents", "crime")}
    response = reviewer.post(reverse("enforcement:review_form", kwargs={"public_id": review.public_id}),
                             {**checklist, "opinion": "同意", "decided_on": "2026-09-18", "action": "approve"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.APPROVED

    head = client_for(d.head_a)
    assert step_names(case, d.head_a)["decide"]["allowed"]
    ok(head, case, "decide", {"decided_on": "2026-09-20"})
    assert case.status == CaseStatus.DECIDED and case.decision.review == review
    officer = client_for(d.officer_a)
    ok(officer, case, "decision_serve", {"served_on": "2026-09-21", "method": "direct", "recipient": "法定代表人"})
    case.decision.refresh_from_db()
    assert case.decision.payment_due == D(2026, 10, 8)

    # paying today (after 2026-10-08) is late: the screen shows the XZCF-72 surcharge, capped at the fine
    response = officer.get(url(case, "payment_record"))
    assert response.context["late_days"] > 0 and response.context["surcharge"] == Decimal("20000.00")
    assert "XZCF-72" in response.content.decode()
    ok(officer, case, "payment_record", {"paid_on": "2026-10-08", "amount": "20000", "receipt_number": "NMG-1"})
    assert case.status == CaseStatus.EXECUTED and Payment.objects.get(case=case).surcharge == 0
    ok(officer, case, "close", {"closed_on": "2026-10-09"})
    assert case.status == CaseStatus.CLOSED
    assert steps_for(case, d.officer_a) == []


def test_a_late_payment_through_the_screen_records_the_surcharge(enf, client_for):
    case, decision = b.served(enf)  # 5,000 due 2026-10-08
    officer = client_for(enf.d.officer_a)
    response = officer.get(url(case, "payment_record"), {"paid_on": "2026-10-10"})
    assert response.context["late_days"] == 2 and response.context["surcharge"] == Decimal("300.00")
    assert response.context["form"].initial["amount"] == Decimal("5300.00")
    on_time = officer.get(url(case, "payment_record"), {"paid_on": "2026-10-08"})  # the due day itself
    assert on_time.context["surcharge"] == 0 and on_time.context["form"].initial["amount"] == Decimal("5000")
    # the amount without the surcharge is refused with the rule and the amount due
    response = officer.post(url(case, "payment_record"), {"paid_on": "2026-10-10", "amount": "5000",
                                                          "receipt_number": "NMG-2"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "XZCF-72" in text and "300" in text  # 2 days × 3% × 5,000
    assert response.context["surcharge"] == Decimal("300.00")
    assert not Payment.objects.filter(case=case).exists()
    ok(officer, case, "payment_record", {"paid_on": "2026-10-10", "amount": "5300", "receipt_number": "NMG-2"})
    assert Payment.objects.get(case=case).surcharge == Decimal("300.00")


def test_execute_without_payment_then_close(enf, client_for):
    case, _ = b.served(enf, fine=Decimal("0"), kinds=("warning",))
    officer = client_for(enf.d.officer_a)
    assert "payment_record" not in step_names(case, enf.d.officer_a)
    ok(officer, case, "execute", {"on": "2026-09-22", "note": "警告已执行"})
    assert case.status == CaseStatus.EXECUTED
    ok(officer, case, "close", {"closed_on": "2026-09-23"})
    assert case.status == CaseStatus.CLOSED


def test_not_file_a_lead(enf, client_for):
    case = b.lead(enf)
    officer = client_for(enf.d.officer_a)
    assert set(step_names(case, enf.d.officer_a)) >= {"not_file", "onsite_record"}
    response = officer.post(url(case, "not_file"), {"reason": ""})
    assert response.status_code == 200 and "请填写不予立案理由" in response.content.decode()
    ok(officer, case, "not_file", {"reason": "违法事实不存在"})
    assert case.status == CaseStatus.NOT_FILED and case.not_filed_reason == "违法事实不存在"


def test_coercive_measure_apply_testing_extend_dispose(enf, client_for):
    d = enf.d
    case = b.filed(enf)
    officer = client_for(d.officer_a)
    form = officer.get(url(case, "coercion_apply")).context["form"]
    assert list(form.fields["approved_by"].queryset) == [d.head_a]
    ok(officer, case, "coercion_apply", {
        "kind": "seize", "items": "过期食品12箱", "approved_by": d.head_a.pk, "approved_on": "2026-06-02",
        "carried_out_on": "2026-06-02", "officers": [enf.o1.pk, enf.o2.pk],
        "certificates_shown": [cert(enf.o1), cert(enf.o2)]})
    measure = case.coercive_measures.get()
    ok(officer, case, "coercion_testing", {"measure": measure.pk, "started_on": "2026-06-05",
                                           "ended_on": "2026-06-09"})
    measure.refresh_from_db()
    assert measure.testing_ended_on == D(2026, 6, 9)
    # extending is the head's (XZQZ-25)
    assert officer.post(url(case, "coercion_extend"), {"measure": measure.pk, "days": "30",
                                                       "approved_on": "2026-06-20", "reason": "情况复杂"}
                        ).status_code == 403
    head = client_for(d.head_a)
    ok(head, case, "coercion_extend", {"measure": measure.pk, "days": "30", "approved_on": "2026-06-20",
                                       "reason": "情况复杂"})
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.EXTENDED and measure.extension_days == 30
    officer = client_for(d.officer_a)
    ok(officer, case, "coercion_dispose", {"measure": measure.pk, "disposal": "confiscate",
                                           "disposed_on": "2026-07-20", "note": "依法没收"})
    measure.refresh_from_db()
    assert measure.status == CoerciveStatus.DISPOSED
    assert "coercion_dispose" not in step_names(case, d.officer_a)


# --- the XZCF-58 gate: seen before the click, and a posted decision changes nothing ---------------------------


@pytest.fixture
def major_unreviewed(enf):
    """A notified major case with a draft and no passed review; the statement window has passed."""
    case = b.notified(enf)
    svc.case_mark_major(by=enf.d.officer_a, case=case, reasons=[MajorReason.COMPLEX])
    b.draft(enf, case)
    case.refresh_from_db()
    return case


def test_blocked_decision_shows_the_review_rule_and_changes_nothing(enf, client_for, major_unreviewed):
    case = major_unreviewed
    decide = step_names(case, enf.d.head_a)["decide"]
    assert decide["allowed"] is False and decide["rule_id"] == "XZCF-58"
    assert "法制审核" in decide["blocked_reason"]
    head = client_for(enf.d.head_a)
    page = head.get(url(case, "decide")).content.decode()
    assert "法制审核" in page and "XZCF-58" in page
    before = entries(case)
    response = head.post(url(case, "decide"), {"decided_on": "2026-09-20"})
    assert response.status_code == 200
    assert "XZCF-58" in str(response.context["form"].non_field_errors())
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED
    assert not Decision.objects.filter(case=case).exists()
    assert entries(case) == before


def test_the_case_page_shows_the_blocked_decision(enf, client_for, major_unreviewed):
    response = client_for(enf.d.head_a).get(detail(major_unreviewed))
    assert response.status_code == 200
    decide = next(s for s in response.context["steps"] if s["name"] == "decide")
    assert decide["rule_id"] == "XZCF-58"


def test_head_only_steps_are_refused_for_an_officer(enf, client_for):
    case = b.notified(enf)
    b.draft(enf, case)
    case.refresh_from_db()
    decide = step_names(case, enf.d.officer_a)["decide"]
    assert decide["allowed"] is False and decide["blocked_reason"] == "须由本机关负责人办理"
    officer = client_for(enf.d.officer_a)
    before = entries(case)
    assert officer.get(url(case, "decide")).status_code == 403
    response = officer.post(url(case, "decide"), {"decided_on": "2026-09-20"})
    assert response.status_code == 403
    assert "须由本机关负责人办理" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and not Decision.objects.filter(case=case).exists()
    assert officer.post(url(case, "clock_extend"), {"days": "30", "approved_on": "2026-08-01",
                                                    "reason": "复杂"}).status_code == 403
    assert not case.extensions.exists()
    assert entries(case) == before


def test_another_bodys_case_is_404(enf, client_for):
    case = b.filed(enf)
    admin_b = client_for(enf.d.admin_b)
    assert admin_b.get(url(case, "assign_officer")).status_code == 404
    assert admin_b.post(url(case, "clock_pause"), {"reason": "testing", "started_on": "2026-06-10",
                                                   "note": "x"}).status_code == 404
    assert not case.pauses.exists()


def test_reviewer_may_not_open_the_steps(enf, client_for):
    case = b.filed(enf)
    assert client_for(enf.d.reviewer_a).get(url(case, "assign_officer")).status_code == 403


def test_unknown_and_unavailable_steps(enf, client_for):
    case = b.filed(enf)
    officer = client_for(enf.d.officer_a)
    assert officer.get(url(case, "no_such_step")).status_code == 404
    page = officer.get(url(case, "close"))
    assert page.status_code == 200 and "调查取证" in page.content.decode() and page.context["form"] is None
    before = entries(case)
    assert officer.post(url(case, "close"), {"closed_on": "2026-06-02"}).status_code == 409
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING and entries(case) == before


def test_forms_check_amounts_and_dates_in_chinese(enf, client_for):
    case = b.filed(enf)
    officer = client_for(enf.d.officer_a)
    before = entries(case)
    response = officer.post(url(case, "notice_issue"), {
        "issued_on": "2099-01-01", "penalty_kinds": ["fine"], "fine_amount": "-1", "confiscation_amount": "1.234",
        "facts": "", "reasons_and_basis": "依据"})
    errors = response.context["form"].errors
    assert errors["issued_on"] == ["告知日期不能晚于今天"]
    assert errors["fine_amount"] == ["金额不能为负数"]
    assert errors["confiscation_amount"] == ["金额最多保留两位小数"]
    assert errors["facts"] == ["请填写违法事实"]
    response = officer.post(url(case, "notice_issue"), {
        "issued_on": "2026-09-01", "penalty_kinds": ["warning"], "fine_amount": "100", "confiscation_amount": "0",
        "facts": "事实", "reasons_and_basis": "依据"})
    assert "请在处罚种类中选择“罚款”" in response.context["form"].errors["fine_amount"][0]
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING and entries(case) == before


def test_officer_choices_are_the_bodys_certified_officers(enf, client_for):
    case = b.filed(enf)
    form = client_for(enf.d.officer_a).get(url(case, "assign_officer")).context["form"]
    choices = set(form.fields["officer"].queryset)
    assert enf.o3 in choices and enf.presiding in choices
    # assigned already, auxiliary, expired certificate (2026-03-01), other category: not offered
    assert not choices & {enf.o1, enf.o2, enf.auxiliary, enf.expired_officer, enf.urban_officer}
    response = client_for(enf.d.officer_a).post(url(case, "assign_officer"),
                                                {"officer": enf.expired_officer.pk, "on": "2026-06-02"})
    assert response.status_code == 200 and "officer" in response.context["form"].errors


def test_a_service_refusal_on_the_form_keeps_the_rule_id(enf, client_for):
    case = b.filed(enf)
    officer = client_for(enf.d.officer_a)
    before = entries(case)
    response = officer.post(url(case, "onsite_record"), {
        "occurred_at": "2026-06-03T10:30", "place": "现场", "officers": [enf.o1.pk],
        "certificates_shown": [cert(enf.o1)], "party_present": "店长", "content": "笔录", "signed_by_party": "on"})
    assert response.status_code == 200
    assert "XZCF-42" in response.content.decode()
    assert not case.onsite_records.exists() and entries(case) == before


def test_draft_screen_warns_that_saving_invalidates_an_approved_review(enf, client_for, major_unreviewed):
    case = major_unreviewed
    from fazhi.enforcement.services import review as review_services

    review = review_services.review_request(by=enf.d.officer_a, case=case, requested_on=D(2026, 9, 10))
    review_services.review_approve(by=enf.d.reviewer_a, review=review, opinion="同意", decided_on=D(2026, 9, 11),
                                   checklist={p: {"ok": True, "note": ""} for p in (
                                       "competence", "qualification", "facts", "procedure", "basis", "discretion",
                                       "documents", "crime")})
    officer = client_for(enf.d.officer_a)
    response = officer.get(url(case, "draft_save"))
    assert "审核意见即失效" in response.content.decode()
    assert response.context["form"].initial["fine_amount"] == case.drafts.get().fine_amount  # from the draft
    assert "review_request" in step_names(case, enf.d.officer_a)
    assert step_names(case, enf.d.officer_a)["review_request"]["allowed"] is False


def test_every_registered_step_has_a_label_and_a_form(enf):
    assert len(STEPS) == 27
    for step in STEPS.values():
        assert str(step.label) and step.form is not None


def test_no_step_buttons_for_who_may_not_open_the_steps(enf):
    case = b.filed(enf)
    legal = UserFactory(role=Role.LEGAL_OFFICE, organisation=enf.d.office)
    assert steps_for(case, legal) == []
    assert steps_for(case, enf.d.reviewer_a) == []
    assert steps_for(case, enf.d.officer_a)


def test_every_offered_step_screen_renders(enf, client_for):
    """Every button the case page would show opens a form, at each stage of a case."""
    d = enf.d
    lead = b.lead(enf)
    investigating = b.filed(enf, party_name="乙公司")
    svc.clock_pause(by=d.officer_a, case=investigating, reason="testing", started_on=D(2026, 6, 10), note="送检")
    svc.recusal_request(by=d.officer_a, case=investigating, officer=enf.o2, source="party", reason="亲属",
                        requested_on=D(2026, 6, 11))
    notified = b.notified(enf, fine=Decimal("20000"), party_name="丙公司")
    decided, _ = b.decided(enf, party_name="丁公司")
    served, _ = b.served(enf, party_name="戊公司")
    head = client_for(d.head_a)
    seen = set()
    for case in (lead, investigating, notified, decided, served):
        case.refresh_from_db()
        for step in steps_for(case, d.head_a):
            response = head.get(step["url"])
            assert response.status_code == 200, (case.status, step["name"])
            assert response.context["form"] is not None
            seen.add(step["name"])
    assert {"not_file", "recusal_decide", "clock_resume", "hearing_request", "decide", "decision_serve",
            "payment_record", "execute", "coercion_apply", "draft_save"} <= seen

"""Publishing decisions (GB118) and withdrawing them (XZCF-48): the due dates at their edges, what is public and what
never is, who may act, and that every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.enums import CaseStatus, LeadSource, Outcome, PartyType, PenaltyKind, PublicationStatus
from fazhi.enforcement.models import Case, Decision, Publication
from fazhi.enforcement.services import cases as case_services
from fazhi.enforcement.services import publication as svc
from fazhi.orgs.tests.factories import make_uscc
from fazhi.personnel.tests.factories import make_id_number
from fazhi.records.enums import Action
from fazhi.records.models import Entry
from fazhi.records.services import canonical_json

INTERNAL_SECRET = "内部备注-仅供内部-7f3a9c"
PERSON_ID = make_id_number(7, dt.date(1980, 3, 9))


def decide(enf, *, on=dt.date(2026, 9, 18), party_type=PartyType.PERSON, party_name="张三丰", party_id=None,
           facts=None, by=None) -> Decision:
    """A summary-procedure penalty decided on `on`, through the lead's service; its internal note set directly
    (no service writes it)."""
    if party_id is None:
        party_id = PERSON_ID if party_type == PartyType.PERSON else make_uscc(3)
    officers = [enf.o1, enf.o2]
    case = case_services.case_summary_decide(
        by=by or enf.d.officer_a, body=enf.body, category=enf.d.market, power_item=enf.item,
        legal_bases=[enf.article], officers=officers, decided_on=on, place="某市场", party_type=party_type,
        party_name=party_name, party_id_number=party_id, title="销售过期食品",
        facts=facts or f"当事人{party_name}(身份证号码{party_id})在市场销售过期食品。", penalty_kinds=["fine"],
        fine_amount="100" if party_type == PartyType.PERSON else "2000",
        certificates_shown=[o.certificates.get().number for o in officers])
    Case.objects.filter(pk=case.pk).update(internal_note=INTERNAL_SECRET)
    return Decision.objects.select_related("case").get(case=case)


def no_penalty_decision(enf, *, on: dt.date) -> Decision:
    """A no-penalty decision (XZCF-33), built directly: the general procedure's services are not needed here."""
    case = Case.objects.create(
        body=enf.body, organisation=enf.org, status=CaseStatus.DECIDED, number="赛市监立〔2026〕9号", title="未按规定公示",
        lead_source=LeadSource.INSPECTION, lead_received_on=on, lead_summary="检查发现", category=enf.d.market,
        party_type=PartyType.LEGAL_PERSON, party_name="某某商贸有限公司", party_id_number=make_uscc(5),
        outcome=Outcome.NO_PENALTY, decided_on=on, internal_note=INTERNAL_SECRET)
    return Decision.objects.create(
        case=case, number="赛市监不罚〔2026〕1号", decided_on=on, decided_by=enf.d.head_a, outcome=Outcome.NO_PENALTY,
        no_penalty_reason="first_offence", facts_and_evidence="初次违法且及时改正。", penalty_and_basis="依据行政处罚法第三十三条,不予行政处罚",
        compliance="—", remedies="六十日内申请行政复议")


# --- GB118 due dates at their edges --------------------------------------------------------------------------

@pytest.mark.parametrize("decided_on, due", [
    # Friday 09-18: the next day counted is Sunday 09-20, a make-up working day; 09-25 (Mid-Autumn) is skipped
    (dt.date(2026, 9, 18), dt.date(2026, 9, 29)),
    # Friday 04-30, before the May Day holiday (05-01…05-05): Saturday 05-09 is a make-up working day and counts
    (dt.date(2026, 4, 30), dt.date(2026, 5, 13)),
    # Friday 02-13, before the Spring Festival: Saturday 02-14 and 02-28 are make-up working days
    (dt.date(2026, 2, 13), dt.date(2026, 3, 2)),
], ids=["makeup-sunday-then-holiday", "before-may-day", "before-spring-festival"])
def test_penalty_publish_due_is_seven_working_days(enf, decided_on, due):
    decision = decide(enf, on=decided_on)
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=due)
    assert publication.publish_due == due
    entry = Entry.objects.get(ledger__key=publication.ledger_key, seq=publication.entry_seq)
    assert entry.action == Action.DECISION_PUBLISHED
    assert entry.payload["publish_due"] == due.isoformat() and "late" not in entry.payload


def test_publishing_the_day_after_the_due_date_is_allowed_and_recorded_as_late(enf):
    decision = decide(enf, on=dt.date(2026, 9, 18))
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 30))
    entry = Entry.objects.get(ledger__key=publication.ledger_key, seq=publication.entry_seq)
    assert entry.payload["late"] is True and entry.payload["published_on"] == "2026-09-30"


def test_no_penalty_decision_is_due_in_twenty_working_days(enf):
    decision = no_penalty_decision(enf, on=dt.date(2026, 9, 18))
    # 20 WD over the National Day week: 10-10 (Saturday) is a make-up working day
    assert svc.publish_due_for(decision).due == dt.date(2026, 10, 22)
    publication = svc.decision_publish(by=enf.d.legal, decision=decision, published_on=dt.date(2026, 10, 22))
    assert publication.public_fields["no_penalty_reason"].startswith("初次违法")
    assert INTERNAL_SECRET not in canonical_json(publication.public_fields).decode()


# --- public fields -------------------------------------------------------------------------------------------

def test_natural_person_is_masked_and_no_id_number_or_internal_note_is_published(enf):
    decision = decide(enf, party_name="张三丰")
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    fields = publication.public_fields
    text = canonical_json(fields).decode()
    assert fields["party_name"] == "张**" and fields["party_credit_code"] == ""
    assert "张三丰" not in text  # also masked where the facts quote the name
    assert PERSON_ID not in text and PERSON_ID[6:14] not in text  # nor the birth date part of the ID number
    assert INTERNAL_SECRET not in text
    assert enf.o1.id_number not in text and enf.o1.name not in text
    assert set(fields) == {"version", "decision_number", "title", "party_type", "party_name", "party_credit_code",
                           "outcome", "penalty_kinds", "fine_amount", "confiscation_amount", "no_penalty_reason",
                           "facts", "penalty_and_basis", "body", "decided_on", "published_on"}
    assert fields["fine_amount"] == "100.00" and fields["penalty_kinds"] == ["罚款"]



def test_public_fields_are_chinese_whatever_the_ui_language(enf):
    with translation.override("en"):
        assert str(PenaltyKind.FINE.label) != "罚款"  # the English UI shows the translation
        decision = decide(enf, party_type=PartyType.LEGAL_PERSON, party_name="某某食品有限公司")
        fields = svc.decision_publish(by=enf.d.officer_a, decision=decision,
                                      published_on=dt.date(2026, 9, 21)).public_fields
    assert fields["party_type"] == "法人" and fields["outcome"] == "给予行政处罚"
    assert fields["penalty_kinds"] == ["罚款"] and "给予罚款" in fields["penalty_and_basis"]

@pytest.mark.parametrize("name, masked", [("张三", "张*"), ("欧阳修", "欧阳*"), ("李", "李*"), ("司马相如", "司马**")])
def test_mask_person_name_keeps_the_family_name(name, masked):
    assert svc.mask_person_name(name) == masked


def test_organisation_name_and_credit_code_are_public(enf):
    uscc = make_uscc(11)
    decision = decide(enf, party_type=PartyType.LEGAL_PERSON, party_name="呼和浩特市某食品有限公司", party_id=uscc)
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    assert publication.public_fields["party_name"] == "呼和浩特市某食品有限公司"
    assert publication.public_fields["party_credit_code"] == uscc


def test_digest_is_recorded_in_the_ledger(enf):
    decision = decide(enf)
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    entry = Entry.objects.get(ledger__key=publication.ledger_key, seq=publication.entry_seq)
    assert publication.content_sha256 == svc.public_fields_digest(publication.public_fields)
    assert entry.payload["content_sha256"] == publication.content_sha256
    assert entry.payload["decision_number"] == decision.number
    assert entry.subject_id == str(decision.case.public_id)


# --- refusals change nothing ---------------------------------------------------------------------------------

def _refused(call, code):
    entries, publications = Entry.objects.count(), Publication.objects.count()
    with pytest.raises(DomainError) as exc:
        call()
    assert exc.value.code == code
    assert (Entry.objects.count(), Publication.objects.count()) == (entries, publications)


def test_second_publication_is_refused(enf):
    decision = decide(enf)
    svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    _refused(lambda: svc.decision_publish(by=enf.d.officer_a, decision=decision,
                                          published_on=dt.date(2026, 9, 22)), "already_published")


def test_dates_before_the_decision_or_in_the_future_are_refused(enf):
    decision = decide(enf, on=dt.date(2026, 9, 18))
    _refused(lambda: svc.decision_publish(by=enf.d.officer_a, decision=decision,
                                          published_on=dt.date(2026, 9, 17)), "date_too_early")
    _refused(lambda: svc.decision_publish(by=enf.d.officer_a, decision=decision,
                                          published_on=dt.date.today() + dt.timedelta(days=2)), "date_in_future")
    # the decision day itself is allowed
    assert svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 18))


def test_other_organisation_and_roles_without_the_right_are_refused(enf):
    decision = decide(enf)
    _refused(lambda: svc.decision_publish(by=enf.d.admin_b, decision=decision,
                                          published_on=dt.date(2026, 9, 21)), "permission_denied")
    _refused(lambda: svc.decision_publish(by=enf.d.reviewer_a, decision=decision,
                                          published_on=dt.date(2026, 9, 21)), "permission_denied")
    # the legal affairs office may act for any organisation in its jurisdiction
    assert svc.decision_publish(by=enf.d.legal, decision=decision, published_on=dt.date(2026, 9, 21))


def test_not_established_outcome_is_not_published(enf):
    decision = no_penalty_decision(enf, on=dt.date(2026, 9, 18))
    Decision.objects.filter(pk=decision.pk).update(outcome=Outcome.NOT_ESTABLISHED)
    decision.refresh_from_db()
    assert svc.publish_due_for(decision) is None
    _refused(lambda: svc.decision_publish(by=enf.d.officer_a, decision=decision,
                                          published_on=dt.date(2026, 9, 21)), "outcome_not_published")


# --- withdrawal (XZCF-48) ------------------------------------------------------------------------------------

@pytest.fixture
def published(enf):
    decision = decide(enf, on=dt.date(2026, 9, 14))
    return svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 15))


@pytest.mark.parametrize("change_on, withdrawn_on, due, late", [
    # Thursday 09-17: 3 WD are Friday 09-18, Sunday 09-20 (make-up working day), Monday 09-21
    (dt.date(2026, 9, 17), dt.date(2026, 9, 21), dt.date(2026, 9, 21), False),
    (dt.date(2026, 9, 17), dt.date(2026, 9, 22), dt.date(2026, 9, 21), True),
    # Wednesday 09-30 before National Day: the third working day is Saturday 10-10, a make-up working day
    (dt.date(2026, 9, 30), dt.date(2026, 10, 10), dt.date(2026, 10, 10), False),
    (dt.date(2026, 9, 30), dt.date(2026, 10, 12), dt.date(2026, 10, 10), True),
], ids=["makeup-sunday-day-of", "makeup-sunday-day-after", "national-day-day-of", "national-day-late"])
def test_withdraw_due_is_three_working_days_and_late_is_recorded(enf, published, change_on, withdrawn_on, due, late):
    publication = svc.publication_withdraw(by=enf.d.officer_a, publication=published, change_on=change_on,
                                           withdrawn_on=withdrawn_on, reason="经行政复议,原处罚决定被撤销")
    assert publication.status == PublicationStatus.WITHDRAWN and publication.withdraw_due == due
    entry = Entry.objects.filter(action=Action.DECISION_WITHDRAWN).get()
    assert entry.payload["reason"] == "经行政复议,原处罚决定被撤销"
    assert entry.payload["withdraw_due"] == due.isoformat()
    assert entry.payload.get("late", False) is late


def test_withdrawal_needs_a_reason_and_happens_once(enf, published):
    def withdraw(reason="决定被变更", change_on=dt.date(2026, 9, 17), withdrawn_on=dt.date(2026, 9, 18)):
        return lambda: svc.publication_withdraw(by=enf.d.officer_a, publication=published, change_on=change_on,
                                                withdrawn_on=withdrawn_on, reason=reason)

    _refused(withdraw(reason="  "), "reason_required")
    _refused(withdraw(change_on=dt.date(2026, 9, 14)), "date_too_early")  # before the publication
    _refused(withdraw(withdrawn_on=dt.date(2026, 9, 16)), "date_too_early")  # before the change
    _refused(withdraw(withdrawn_on=dt.date.today() + dt.timedelta(days=3)), "date_in_future")
    with pytest.raises(PermissionDenied):
        svc.publication_withdraw(by=enf.d.admin_b, publication=published, change_on=dt.date(2026, 9, 17),
                                 withdrawn_on=dt.date(2026, 9, 18), reason="x")
    published.refresh_from_db()
    assert published.status == PublicationStatus.PUBLISHED and published.withdrawal_reason == ""
    withdraw()()
    _refused(withdraw(), "already_withdrawn")


# --- staff pages ---------------------------------------------------------------------------------------------

def test_staff_list_shows_due_date_and_trace_and_publishes(enf, client_for):
    decision = decide(enf, on=dt.date(2026, 9, 18))
    client = client_for(enf.d.officer_a)
    page = client.get("/cases/publications/").content.decode()
    assert decision.number in page and "2026-09-29" in page and "调休工作日" in page
    preview = client.get(f"/cases/publications/decisions/{decision.case.public_id}/publish/").content.decode()
    assert "张**" in preview and PERSON_ID not in preview and INTERNAL_SECRET not in preview
    response = client.post(f"/cases/publications/decisions/{decision.case.public_id}/publish/",
                           {"published_on": "2026-09-21"})
    assert response.status_code == 302
    publication = Publication.objects.get(decision=decision)
    response = client.post(f"/cases/publications/{publication.public_id}/withdraw/",
                           {"change_on": "2026-09-22", "withdrawn_on": "2026-09-23", "reason": ""})
    assert response.status_code == 200 and "error-reason" in response.content.decode()
    response = client.post(f"/cases/publications/{publication.public_id}/withdraw/",
                           {"change_on": "2026-09-22", "withdrawn_on": "2026-09-23", "reason": "决定被撤销"})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.WITHDRAWN


def test_staff_pages_of_another_organisation_answer_404(enf, client_for):
    decision = decide(enf)
    client = client_for(enf.d.admin_b)
    assert decision.number not in client.get("/cases/publications/").content.decode()
    assert client.get(f"/cases/publications/decisions/{decision.case.public_id}/publish/").status_code == 404
    assert client.post(f"/cases/publications/decisions/{decision.case.public_id}/publish/",
                       {"published_on": "2026-09-21"}).status_code == 404
    assert not Publication.objects.exists()
    assert Decimal(decision.fine_amount) == Decimal("100")


# --- recording a change or revocation (XZCF-48) -------------------------------------------------------------------

CHANGE_URL = "/cases/publications/{}/change/"


@pytest.mark.parametrize("change_on, due", [
    # Tuesday 09-29: the 3 WD are Wednesday 09-30, then (National Day, 10-01…10-07) Thursday 10-08 and Friday 10-09
    (dt.date(2026, 9, 29), dt.date(2026, 10, 9)),
    # Friday 09-25 is the Mid-Autumn Festival: the 3 WD are Monday 09-28 … Wednesday 09-30, before National Day
    (dt.date(2026, 9, 25), dt.date(2026, 9, 30)),
], ids=["across-national-day", "mid-autumn-friday"])
def test_change_screen_records_the_change_and_the_withdraw_due(enf, published, client_for, change_on, due):
    from fazhi.core.deadlines import deadline

    assert deadline("XZCF-48", change_on).due == due
    client = client_for(enf.d.officer_a)
    case_page = client.get(f"/cases/{published.decision.case.public_id}/").content.decode()
    assert CHANGE_URL.format(published.public_id) in case_page and "登记决定被变更/撤销" in case_page
    assert CHANGE_URL.format(published.public_id) in client.get("/cases/publications/").content.decode()
    assert client.get(CHANGE_URL.format(published.public_id)).status_code == 200

    response = client.post(CHANGE_URL.format(published.public_id),
                           {"change_on": change_on.isoformat(), "note": "经行政复议,原处罚决定被撤销(赛政复决〔2026〕3号)"})
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{published.decision.case.public_id}/"
    published.refresh_from_db()
    assert published.change_on == change_on and published.withdraw_due == due
    assert published.status == PublicationStatus.PUBLISHED
    entry = Entry.objects.get(action=Action.DECISION_CHANGED)
    assert entry.payload["withdraw_due"] == due.isoformat() and entry.payload["change_on"] == change_on.isoformat()

    case_page = client.get(f"/cases/{published.decision.case.public_id}/").content.decode()
    assert f"撤回期限 {due:%Y-%m-%d}" in case_page and CHANGE_URL.format(published.public_id) not in case_page
    # the withdrawal form takes the recorded date and does not let it be edited
    withdraw_page = client.get(f"/cases/publications/{published.public_id}/withdraw/").content.decode()
    assert f'value="{change_on:%Y-%m-%d}"' in withdraw_page and "disabled" in withdraw_page
    response = client.post(f"/cases/publications/{published.public_id}/withdraw/",
                           {"change_on": "2026-09-16", "withdrawn_on": due.isoformat(), "reason": "原处罚决定被撤销"})
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == PublicationStatus.WITHDRAWN and published.change_on == change_on
    assert published.withdraw_due == due
    assert "late" not in Entry.objects.get(action=Action.DECISION_WITHDRAWN).payload


def test_change_screen_refusals_change_nothing(enf, published, client_for):
    client = client_for(enf.d.officer_a)
    entries = Entry.objects.count()
    for data, field in (({"change_on": "2026-09-14", "note": "复议撤销"}, "change_on"),  # before the publication
                        ({"change_on": "2026-09-29", "note": ""}, "note")):
        response = client.post(CHANGE_URL.format(published.public_id), data)
        assert response.status_code == 200 and f'data-testid="error-{field}"' in response.content.decode()
    published.refresh_from_db()
    assert published.change_on is None and published.withdraw_due is None and Entry.objects.count() == entries
    client.post(CHANGE_URL.format(published.public_id), {"change_on": "2026-09-29", "note": "复议撤销"})
    response = client.post(CHANGE_URL.format(published.public_id), {"change_on": "2026-09-30", "note": "再次登记"})
    page = response.content.decode()
    assert response.status_code == 200 and "XZCF-48" in page and "已登记该决定于 2026-09-29" in page
    published.refresh_from_db()
    assert published.change_on == dt.date(2026, 9, 29)


def test_change_screen_of_another_organisation_answers_404(enf, published, client_for):
    client = client_for(enf.d.admin_b)
    assert client.get(CHANGE_URL.format(published.public_id)).status_code == 404
    assert client.post(CHANGE_URL.format(published.public_id),
                       {"change_on": "2026-09-29", "note": "复议撤销"}).status_code == 404
    published.refresh_from_db()
    assert published.change_on is None and not Entry.objects.filter(action=Action.DECISION_CHANGED).exists()
    assert client_for(enf.d.volunteer).get(CHANGE_URL.format(published.public_id)).status_code == 403


def test_phone_address_and_withdrawal_reason_of_a_person_are_masked_in_public(enf, client):
    from django.urls import reverse

    from fazhi.enforcement.models import Case

    decision = decide(enf, facts="当事人张三丰(联系电话13912345678,住赛罕区大学东街1号)在市场销售过期食品。")
    Case.objects.filter(pk=decision.case_id).update(party_phone="13912345678", party_address="赛罕区大学东街1号")
    decision.case.refresh_from_db()
    publication = svc.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    shown = str(publication.public_fields)
    assert "13912345678" not in shown and "大学东街1号" not in shown and "张三丰" not in shown
    svc.publication_withdraw(by=enf.d.officer_a, publication=publication, change_on=dt.date(2026, 10, 9),
                                    withdrawn_on=dt.date(2026, 10, 9), reason="张三丰申请复议,复议机关撤销原决定")
    page = client.get(reverse("disclosure:decision_detail", args=[publication.public_id])).content.decode()
    assert "撤销原决定" in page and "张三丰" not in page and "张**" in page

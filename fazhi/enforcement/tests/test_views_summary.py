"""The summary procedure screen (当场处罚, 简易程序, XZCF-51) and its API action: the form an officer fills in on
site, the amount limits at their edges, XZCF-42, who may open it, and that a refusal creates nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from fazhi.core.numbering_models import NumberSequence
from fazhi.enforcement.enums import CaseStatus, PartyType, PenaltyKind, Procedure, ServiceMethod
from fazhi.enforcement.models import Case, CaseOfficer, Decision, ServiceRecord
from fazhi.records.models import Entry

URL = "/cases/summary/new/"
API = "/api/v1/cases/summary/"
DAY = dt.date(2026, 11, 2)  # a Monday, before today


def numbers(*officers) -> list[str]:
    return [o.certificates.get().number for o in officers]


def post_data(enf, **over) -> dict:
    data = {
        "body": str(enf.body.public_id), "category": enf.d.market.code, "power_item": str(enf.item.public_id),
        "legal_bases": [str(enf.article.pk)], "decided_on": DAY.isoformat(), "place": "大学东街农贸市场",
        "lead_officer": str(enf.o1.public_id), "assist_officers": [str(enf.o2.public_id)],
        "certificates_shown": numbers(enf.o1, enf.o2), "party_type": PartyType.PERSON, "party_name": "张三",
        "party_id_number": "", "title": "销售超过保质期的食品", "facts": "当事人在摊位销售超过保质期的面包3袋",
        "penalty_kinds": [PenaltyKind.WARNING, PenaltyKind.FINE], "fine_amount": "200",
    }
    data.update(over)
    return data


def state() -> tuple:
    """What a refusal must leave as it was: cases, decisions, record entries and the number sequences."""
    return (Case.objects.count(), Decision.objects.count(), Entry.objects.count(),
            list(NumberSequence.objects.order_by("pk").values_list("last", flat=True)))


# --- the screen -----------------------------------------------------------------------------------------------


def test_form_renders_for_an_officer_with_the_limits_officers_and_certificates(enf, client_for):
    response = client_for(enf.d.officer_a).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    # the XZCF-51 limits, from rules.SUMMARY_FINE_MAX
    assert "XZCF-51" in page and "对公民处二百元以下罚款" in page and "对法人或者其他组织处三千元以下罚款" in page
    # the one body and its one category are chosen; officers certified for them, each with the certificate number
    for officer in (enf.o1, enf.o2, enf.o3):
        assert officer.name in page and officer.certificates.get().number in page
    assert enf.auxiliary.name not in page  # auxiliary staff have no enforcement status
    assert enf.urban_officer.name not in page  # certified for another category only
    assert enf.expired_officer.name not in page  # certificate ended 2026-03-01
    assert enf.item.code in page and "第一百二十四条" in page
    # only a warning and a fine are offered
    assert 'value="warning"' in page and 'value="fine"' in page and 'value="revoke_licence"' not in page
    # the phone screen is this HTML: the viewport meta, the field layout, the local draft and the offline banner
    assert 'name="viewport"' in page and "field-screen" in page
    assert 'data-draft="summary-' in page and "enforcement/draft.js" in page and "data-offline-banner" in page


def test_refresh_rerenders_with_what_was_typed_and_creates_nothing(enf, client_for):
    before = state()
    response = client_for(enf.d.officer_a).post(URL, {**post_data(enf), "refresh": "1"})
    assert response.status_code == 200 and state() == before
    page = response.content.decode()
    assert "大学东街农贸市场" in page and 'data-draft-restore="false"' in page
    assert "errorlist" not in page


def test_field_home_and_case_list_link_to_the_screen(enf, client_for):
    client = client_for(enf.d.officer_a)
    assert 'data-testid="field-summary"' in client.get("/cases/field/").content.decode()
    page = client.get("/cases/").content.decode()
    assert 'data-testid="summary-decide"' in page and URL in page


@pytest.mark.parametrize(("party_type", "party_name", "fine"), [
    (PartyType.PERSON, "张三", "200"), (PartyType.LEGAL_PERSON, "某某食品店有限公司", "3000"),
])
def test_post_at_the_limit_creates_a_served_summary_case(enf, client_for, party_type, party_name, fine):
    response = client_for(enf.d.officer_a).post(URL, post_data(enf, party_type=party_type, party_name=party_name,
                                                               fine_amount=fine))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.public_id}/"
    assert case.procedure == Procedure.SUMMARY and case.status == CaseStatus.SERVED
    assert case.number == "赛市监罚〔2026〕1号" and case.decided_on == DAY
    decision = case.decision
    assert decision.number == case.number and decision.fine_amount == Decimal(fine)
    assert decision.penalty_kinds == [PenaltyKind.WARNING, PenaltyKind.FINE]
    service = ServiceRecord.objects.get(case=case)
    assert service.method == ServiceMethod.ON_SPOT and service.served_on == DAY
    lead = CaseOfficer.objects.get(case=case, officer=enf.o1)
    assert lead.role == "lead" and CaseOfficer.objects.filter(case=case).count() == 2
    page = client_for(enf.d.officer_a).get(response["Location"]).content.decode()
    assert case.number in page


@pytest.mark.parametrize(("party_type", "party_name", "fine"), [
    (PartyType.PERSON, "张三", "200.01"), (PartyType.LEGAL_PERSON, "某某食品店有限公司", "3000.01"),
])
def test_over_the_limit_is_refused_with_xzcf_51_and_nothing_is_created(enf, client_for, party_type, party_name,
                                                                        fine):
    before = state()
    response = client_for(enf.d.officer_a).post(URL, post_data(enf, party_type=party_type, party_name=party_name,
                                                               fine_amount=fine))
    assert response.status_code == 200
    page = response.content.decode()
    assert "XZCF-51" in page and "须适用普通程序" in page and 'data-testid="error-fine_amount"' in page
    assert state() == before and not Case.objects.exists()
    assert 'data-draft-restore="false"' in page  # the posted values are shown, not the device's draft


def test_a_penalty_other_than_warning_or_fine_is_not_offered(enf, client_for):
    before = state()
    response = client_for(enf.d.officer_a).post(URL, post_data(enf, penalty_kinds=["revoke_licence"],
                                                               fine_amount="0"))
    assert response.status_code == 200 and 'data-testid="error-penalty_kinds"' in response.content.decode()
    assert state() == before


def test_one_officer_is_refused_with_xzcf_42(enf, client_for):
    before = state()
    response = client_for(enf.d.officer_a).post(URL, post_data(enf, assist_officers=[],
                                                               certificates_shown=numbers(enf.o1)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "XZCF-42" in page and "不得少于2人" in page
    assert state() == before


def test_certificate_not_shown_is_refused_with_xzcf_52(enf, client_for):
    before = state()
    response = client_for(enf.d.officer_a).post(URL, post_data(enf, certificates_shown=numbers(enf.o1)))
    assert response.status_code == 200 and "XZCF-52" in response.content.decode()
    assert state() == before


def test_volunteer_supervisor_and_legal_reviewer_get_403(enf, client_for):
    assert client_for(enf.d.volunteer).get(URL).status_code == 403
    assert client_for(enf.d.volunteer).post(URL, post_data(enf)).status_code == 403
    assert client_for(enf.d.reviewer_a).post(URL, post_data(enf)).status_code == 403
    assert not Case.objects.exists()


def test_another_organisations_body_is_not_offered(enf, client_for):
    response = client_for(enf.d.admin_b).post(URL, post_data(enf))
    assert response.status_code == 200 and 'data-testid="error-body"' in response.content.decode()
    assert not Case.objects.exists()


# --- the API action -------------------------------------------------------------------------------------------


def token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def api_data(enf, **over) -> dict:
    data = {
        "body": str(enf.body.public_id), "category": enf.d.market.code, "power_item": str(enf.item.public_id),
        "legal_bases": [str(enf.article)], "officers": [str(enf.o1.public_id), str(enf.o2.public_id)],
        "certificates_shown": numbers(enf.o1, enf.o2), "decided_on": DAY.isoformat(), "place": "大学东街",
        "party_type": PartyType.PERSON, "party_name": "张三", "title": "占道经营", "facts": "当事人占道经营",
        "penalty_kinds": ["fine"], "fine_amount": "200.00",
    }
    data.update(over)
    return data


def test_api_summary_creates_the_case(enf):
    response = token_client(enf.d.officer_a).post(API, api_data(enf), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    case = Case.objects.get()
    assert body["id"] == str(case.public_id) and body["procedure"] == Procedure.SUMMARY
    assert body["status"] == CaseStatus.SERVED and body["number"] == "赛市监罚〔2026〕1号"
    assert [o["name"] for o in body["officers"]] == [enf.o1.name, enf.o2.name]
    assert case.decision.fine_amount == Decimal("200")


@pytest.mark.parametrize(("party_type", "fine"), [(PartyType.PERSON, "200.01"), (PartyType.LEGAL_PERSON, "3000.01")])
def test_api_summary_over_the_limit_is_refused_with_the_rule(enf, party_type, fine):
    before = state()
    response = token_client(enf.d.officer_a).post(
        API, api_data(enf, party_type=party_type, party_name="某商店", fine_amount=fine),
        content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["rule"] == "XZCF-51" and body["code"] == "summary_fine_over_limit" and body["field"] == "fine_amount"
    assert "须适用普通程序" in body["message"]
    assert state() == before


def test_api_summary_with_one_officer_is_refused_with_xzcf_42(enf):
    response = token_client(enf.d.officer_a).post(
        API, api_data(enf, officers=[str(enf.o1.public_id)], certificates_shown=numbers(enf.o1)),
        content_type="application/json")
    assert response.status_code == 400 and response.json()["rule"] == "XZCF-42"
    assert not Case.objects.exists()


def test_api_summary_is_forbidden_to_a_volunteer_supervisor(enf):
    response = token_client(enf.d.volunteer).post(API, api_data(enf), content_type="application/json")
    assert response.status_code == 403 and not Case.objects.exists()

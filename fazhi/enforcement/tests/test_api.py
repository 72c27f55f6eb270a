"""The cases API: scoped reads with the list's filters, a lead registered and filed, the decision refused with
the rule id while a required legal review has not passed (XZCF-58), the XZCF-60 clock with its trace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from fazhi.enforcement.enums import CaseStatus, LeadSource, MajorReason, PartyType
from fazhi.enforcement.models import Case, CaseOfficer, Decision
from fazhi.enforcement.services import cases as services
from fazhi.enforcement.services import review as review_services
from fazhi.records.models import Entry

CASES = "/api/v1/cases/"
TODAY = dt.date(2026, 6, 15)
PERSON_ID = "11010519491231002X"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def register(e, *, title="销售超过保质期的食品", received=dt.date(2026, 5, 4), by=None, body=None, category=None):
    return services.case_lead_register(
        by=by or e.d.officer_a, body=body or e.body, title=title, lead_source=LeadSource.COMPLAINT,
        lead_received_on=received, lead_summary="群众举报", category=category or e.d.market,
        party_type=PartyType.PERSON, party_name="张三", party_id_number=PERSON_ID)


def file_case(e, case, *, filed_on=None):
    filed_on = filed_on or case.lead_received_on + dt.timedelta(days=1)
    return services.case_file(by=e.d.officer_a, case=case, filed_on=filed_on, power_item=e.item,
                              legal_bases=[e.article], officers=[e.o1, e.o2], discovered_on=case.lead_received_on,
                              violation_on=case.lead_received_on)


def major_case_ready_to_decide(e):
    """Filed 2026-05-05, notice served 05-11, statement waived 05-12, a fine of 5,000 drafted, marked major."""
    case = file_case(e, register(e))
    by = e.d.officer_a
    services.notice_issue(by=by, case=case, issued_on=dt.date(2026, 5, 11), penalty_kinds=["fine"],
                          fine_amount=Decimal("5000"), confiscation_amount=Decimal("0"), facts="销售过期食品",
                          reasons_and_basis="依据食品安全法第一百二十四条")
    services.notice_serve(by=by, case=case, served_on=dt.date(2026, 5, 11), method="direct", recipient="张三")
    services.statement_record(by=by, case=case, statement="", on=dt.date(2026, 5, 12), waived=True)
    services.draft_save(by=by, case=case, outcome="penalty", penalty_kinds=["fine"], fine_amount=Decimal("5000"),
                        facts_and_evidence="事实与证据", penalty_and_basis="罚款5000元",
                        compliance="十五日内缴纳", remedies="六十日内申请复议或六个月内起诉")
    services.case_mark_major(by=by, case=case, reasons=[MajorReason.COMPLEX])
    case.refresh_from_db()
    return case


@pytest.fixture
def two(enf):
    a = file_case(enf, register(enf, title="甲案"))
    b = services.case_lead_register(
        by=enf.d.admin_b, body=enf.d.body_b, title="乙案", lead_source=LeadSource.INSPECTION,
        lead_received_on=dt.date(2026, 6, 1), lead_summary="巡查发现", category=enf.d.urban,
        party_type=PartyType.LEGAL_PERSON, party_name="乙公司")
    return a, b


def titles(response) -> set[str]:
    return {row["title"] for row in response.json()["results"]}


def test_list_is_scoped_and_filtered(enf, two):
    a, b = two
    assert titles(token_client(enf.d.officer_a).get(CASES)) == {"甲案"}
    office = token_client(enf.d.legal)
    assert titles(office.get(CASES)) == {"甲案", "乙案"}
    assert titles(office.get(CASES, {"body": str(enf.d.body_b.public_id)})) == {"乙案"}
    assert titles(office.get(CASES, {"status": "investigating"})) == {"甲案"}
    assert titles(office.get(CASES, {"lead_source": "inspection"})) == {"乙案"}
    assert titles(office.get(CASES, {"q": a.number})) == {"甲案"}
    assert titles(office.get(CASES, {"received_from": "2026-05-05"})) == {"乙案"}
    assert titles(office.get(CASES, {"overdue": "true"})) == set()
    assert office.get(CASES, {"status": "nonsense"}).status_code == 400


def test_person_id_masked_unless_the_role_sees_full_ids(enf, two):
    a, _ = two
    row = token_client(enf.d.officer_a).get(f"{CASES}{a.public_id}/").json()
    assert row["party_id_number"] == "110105********002X"
    assert token_client(enf.d.admin_a).get(f"{CASES}{a.public_id}/").json()["party_id_number"] == PERSON_ID


def test_detail_of_another_body_is_404(enf, two):
    _, b = two
    client = token_client(enf.d.officer_a)
    assert client.get(f"{CASES}{b.public_id}/").status_code == 404
    assert client.get(f"{CASES}{b.public_id}/clock/").status_code == 404
    assert client.post(f"{CASES}{b.public_id}/file/", {}, content_type="application/json").status_code == 404


def test_volunteer_supervisor_is_refused(enf, two):
    a, _ = two
    client = token_client(enf.d.volunteer)
    assert client.get(CASES).status_code == 403
    assert client.get(f"{CASES}{a.public_id}/").status_code == 403


def test_register_and_file_a_case(enf):
    client = token_client(enf.d.officer_a)
    response = client.post(CASES, {
        "body": str(enf.body.public_id), "category": "market", "title": "无证经营", "lead_source": "complaint",
        "lead_received_on": "2026-06-01", "lead_summary": "举报", "party_type": "person", "party_name": "李四",
    }, content_type="application/json")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    assert response.json()["status"] == CaseStatus.LEAD
    response = client.post(f"{CASES}{case_id}/file/", {
        "filed_on": "2026-06-02", "power_item": str(enf.item.public_id), "legal_bases": [str(enf.article)],
        "officers": [str(enf.o1.public_id), str(enf.o2.public_id)], "discovered_on": "2026-06-01",
        "violation_on": "2026-05-30",
    }, content_type="application/json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == CaseStatus.INVESTIGATING and body["number"]
    assert [o["name"] for o in body["officers"]] == ["张明", "李华"] and body["officers"][0]["role"] == "lead"
    assert body["legal_bases"] == [str(enf.article)]


def test_register_refuses_another_bodys_body(enf):
    response = token_client(enf.d.officer_a).post(CASES, {
        "body": str(enf.d.body_b.public_id), "category": "urban", "title": "越权", "lead_source": "complaint",
        "lead_received_on": "2026-06-01", "lead_summary": "举报", "party_type": "person", "party_name": "李四",
    }, content_type="application/json")
    assert response.status_code == 400 and "body" in response.json()
    assert not Case.objects.exists()


def test_filing_with_one_officer_is_refused_with_xzcf42(enf):
    case = register(enf)
    before = Entry.objects.count()
    response = token_client(enf.d.officer_a).post(f"{CASES}{case.public_id}/file/", {
        "filed_on": "2026-05-05", "power_item": str(enf.item.public_id), "legal_bases": [str(enf.article)],
        "officers": [str(enf.o1.public_id)], "discovered_on": "2026-05-04", "violation_on": "2026-05-04",
    }, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["rule"] == "XZCF-42" and response.json()["field"] == "officers"
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD and not CaseOfficer.objects.filter(case=case).exists()
    assert Entry.objects.count() == before


def test_filing_refuses_a_basis_outside_the_item(enf):
    case = register(enf)
    response = token_client(enf.d.officer_a).post(f"{CASES}{case.public_id}/file/", {
        "filed_on": "2026-05-05", "power_item": str(enf.item.public_id), "legal_bases": [str(enf.other_article)],
        "officers": [str(enf.o1.public_id), str(enf.o2.public_id)], "discovered_on": "2026-05-04",
        "violation_on": "2026-05-04",
    }, content_type="application/json")
    assert response.status_code == 400 and "legal_bases" in response.json()


def test_decide_refused_with_xzcf58_until_the_review_passes(enf):
    case = major_case_ready_to_decide(enf)
    before = Entry.objects.count()
    url = f"{CASES}{case.public_id}/decide/"
    head = token_client(enf.d.head_a)
    response = head.post(url, {"decided_on": "2026-06-01"}, content_type="application/json")
    assert response.status_code == 400
    problem = response.json()
    assert problem["rule"] == "XZCF-58" and problem["code"] and problem["message"]
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and not Decision.objects.filter(case=case).exists()
    assert Entry.objects.count() == before

    # an officer may not decide at all (APPROVE_CASES)
    assert token_client(enf.d.officer_a).post(url, {}, content_type="application/json").status_code == 403

    review = review_services.review_request(by=enf.d.officer_a, case=case, requested_on=dt.date(2026, 6, 2))
    from fazhi.enforcement.enums import ReviewPoint
    review_services.review_approve(by=enf.d.reviewer_a, review=review,
                                   checklist={p: {"ok": True, "note": ""} for p in ReviewPoint.values}, opinion="同意",
                                   decided_on=dt.date(2026, 6, 3))
    response = head.post(url, {"decided_on": "2026-06-04"}, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == CaseStatus.DECIDED


def test_clock_gives_the_due_date_and_its_trace(enf, two):
    a, _ = two
    response = token_client(enf.d.officer_a).get(f"{CASES}{a.public_id}/clock/")
    assert response.status_code == 200
    body = response.json()
    assert body["rule_id"] == "XZCF-60" and body["due"] == a.decision_due.isoformat()
    assert body["trace"] and body["days_left"] == (a.decision_due - TODAY).days and body["overdue"] is False
    lead = register(enf, title="未立案")
    response = token_client(enf.d.officer_a).get(f"{CASES}{lead.public_id}/clock/")
    assert response.status_code == 409 and response.json()["rule"] == "XZCF-60"


def test_schema_has_the_case_paths(enf, client_for):
    client = client_for(enf.d.legal)
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/cases/", "/api/v1/cases/{public_id}/", "/api/v1/cases/{public_id}/file/",
                 "/api/v1/cases/{public_id}/decide/", "/api/v1/cases/{public_id}/clock/"):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/cases/"]["get"]["parameters"]}
    assert {"status", "body", "overdue", "awaiting_review", "due_within", "received_from", "q"} <= params


def test_clock_in_a_year_without_holiday_data_is_a_409_naming_cal_year(enf, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 11, 28))
    case = register(enf, title="十一月立案", received=dt.date(2026, 11, 20))
    services.case_file(by=enf.d.officer_a, case=case, filed_on=dt.date(2026, 11, 20), power_item=enf.item,
                       legal_bases=[enf.article], officers=[enf.o1, enf.o2], discovered_on=dt.date(2026, 11, 20),
                       violation_on=dt.date(2026, 11, 18))
    response = token_client(enf.d.officer_a).get(f"{CASES}{case.public_id}/clock/")
    assert response.status_code == 409 and response.json()["rule"] == "CAL-YEAR"

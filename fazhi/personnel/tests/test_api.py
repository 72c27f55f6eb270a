"""The officers and certificates API: scoped reads, masking per role, writes through the services."""

import datetime as dt
import re

import pytest
import yaml
from django.test import Client
from rest_framework.authtoken.models import Token

from fazhi.core.validators import id_check_char
from fazhi.personnel.enums import CertificateStatus, StaffType
from fazhi.personnel.models import Certificate, Officer
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory, make_id_number
from fazhi.records.models import Entry

OFFICERS = "/api/v1/officers/"
CERTIFICATES = "/api/v1/certificates/"


def token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.fixture
def people(district):
    today = dt.date.today()
    a1 = OfficerFactory(name="甲一", organisation=district.org_a)
    a2 = OfficerFactory(name="甲二", organisation=district.org_a, staff_type=StaffType.AUXILIARY)
    b1 = OfficerFactory(name="乙一", organisation=district.org_b)
    soon = CertificateFactory(officer=a1, number="A-SOON", valid_to=today + dt.timedelta(days=20),
                              categories=[district.market])
    later = CertificateFactory(officer=b1, number="B-LATER", valid_to=today + dt.timedelta(days=400),
                               categories=[district.urban])
    return {"a1": a1, "a2": a2, "b1": b1, "soon": soon, "later": later}


def names(response) -> set[str]:
    return {row["name"] for row in response.json()["results"]}


def test_officer_list_is_scoped_and_paginated(district, people):
    response = token_client(district.admin_a).get(OFFICERS)
    assert response.status_code == 200
    body = response.json()
    assert names(response) == {"甲一", "甲二"}
    assert body["count"] == 2 and body["next"] is None
    assert names(token_client(district.legal).get(OFFICERS)) == {"甲一", "甲二", "乙一"}


def test_officer_list_pages_by_fifty(district):
    OfficerFactory.create_batch(55, organisation=district.org_a)
    first = token_client(district.legal).get(OFFICERS).json()
    assert first["count"] == 55 and len(first["results"]) == 50 and first["next"]
    second = token_client(district.legal).get(OFFICERS, {"page": 2}).json()
    assert len(second["results"]) == 5
    ids = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(ids) == 55


@pytest.mark.parametrize("params, expected", [
    ({"q": "甲"}, {"甲一", "甲二"}),
    ({"staff_type": "auxiliary"}, {"甲二"}),
    ({"expiring_within": 30}, {"甲一"}),
    ({"expiring_within": 500}, {"甲一", "乙一"}),
    ({"no_valid_certificate": "true"}, {"甲二"}),
    ({"status": "active", "q": "乙"}, {"乙一"}),
])
def test_officer_filters(district, people, params, expected):
    assert names(token_client(district.legal).get(OFFICERS, params)) == expected


def test_officer_filter_by_organisation_and_ordering(district, people):
    client = token_client(district.legal)
    assert names(client.get(OFFICERS, {"organisation": str(district.org_b.public_id)})) == {"乙一"}
    ordered = [r["name"] for r in client.get(OFFICERS, {"ordering": "-name"}).json()["results"]]
    assert ordered == sorted(ordered, reverse=True)


def test_bad_filter_values_answer_400(district, people):
    client = token_client(district.legal)
    assert client.get(OFFICERS, {"expiring_within": "soon"}).status_code == 400
    assert client.get(OFFICERS, {"staff_type": "wizard"}).status_code == 400
    assert client.get(OFFICERS, {"organisation": "not-a-uuid"}).status_code == 400


def test_officer_detail_by_public_id(district, people):
    a1 = people["a1"]
    response = token_client(district.admin_a).get(f"{OFFICERS}{a1.public_id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(a1.public_id)
    assert body["organisation"] == str(district.org_a.public_id)
    assert body["certificates"] == [str(people["soon"].public_id)]
    assert body["has_valid_certificate"] is True
    assert "pk" not in body and str(a1.pk) != body["id"]


@pytest.mark.parametrize("role, full", [
    ("sysadmin", True), ("legal", True), ("admin_a", True), ("officer_a", False), ("head_a", False),
    ("reviewer_a", False),
])
def test_id_numbers_masked_unless_the_role_needs_them(district, people, role, full):
    a1 = people["a1"]
    client = token_client(getattr(district, role))
    detail = client.get(f"{OFFICERS}{a1.public_id}/").json()["id_number"]
    listed = {r["id"]: r["id_number"] for r in client.get(OFFICERS).json()["results"]}[str(a1.public_id)]
    expected = a1.id_number if full else a1.id_number[:6] + "********" + a1.id_number[-4:]
    assert detail == listed == expected


def test_officer_create_through_the_service(district):
    client = token_client(district.admin_a)
    payload = {"name": "新人", "gender": "F", "id_number": make_id_number(321), "organisation":
               str(district.org_a.public_id), "staff_type": "civil_servant", "post": "科员"}
    response = client.post(OFFICERS, payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    officer = Officer.objects.get(public_id=response.json()["id"])
    assert Entry.objects.filter(subject_id=str(officer.public_id), action="officer.created").exists()


def test_lowercase_x_is_accepted_and_normalised(district):
    first17 = next(b for b in (f"15010519850615{n:03d}" for n in range(1000)) if id_check_char(b) == "X")
    response = token_client(district.admin_a).post(OFFICERS, {
        "name": "小写", "gender": "M", "id_number": first17 + "x", "organisation": str(district.org_a.public_id),
        "staff_type": "civil_servant"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["id_number"] == first17 + "X"
    assert Officer.objects.get(name="小写").id_number == first17 + "X"


def test_officer_create_with_bad_id_number_is_a_chinese_400(district):
    bad = make_id_number(5)[:-1] + ("0" if make_id_number(5)[-1] != "0" else "1")
    response = token_client(district.admin_a).post(OFFICERS, {
        "name": "错号", "gender": "M", "id_number": bad, "organisation": str(district.org_a.public_id),
        "staff_type": "civil_servant"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "id_number" and "身份证" in response.json()["message"]
    assert not Officer.objects.filter(name="错号").exists()


def test_officer_cannot_be_placed_in_another_body(district):
    response = token_client(district.admin_a).post(OFFICERS, {
        "name": "越界", "gender": "M", "id_number": make_id_number(6), "organisation": str(district.org_b.public_id),
        "staff_type": "civil_servant"}, content_type="application/json")
    assert response.status_code == 400
    assert "organisation" in response.json()
    assert not Officer.objects.filter(name="越界").exists()


def test_officer_update_records_a_change(district, people):
    a1 = people["a1"]
    response = token_client(district.admin_a).patch(f"{OFFICERS}{a1.public_id}/", {"post": "执法队长"},
                                                    content_type="application/json")
    assert response.status_code == 200
    assert response.json()["post"] == "执法队长"
    entry = Entry.objects.get(subject_id=str(a1.public_id), action="officer.changed")
    assert entry.payload["changes"]["post"] == ["科员", "执法队长"]


def test_officer_writes_need_the_manage_rule(district, people):
    client = token_client(district.officer_a)
    assert client.get(OFFICERS).status_code == 200
    response = client.patch(f"{OFFICERS}{people['a1'].public_id}/", {"post": "x"}, content_type="application/json")
    assert response.status_code == 403
    response = client.post(OFFICERS, {"name": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_domain_error_is_a_problem_response(district, people):
    """Making an officer with a valid certificate auxiliary staff is refused by the service: 400, code, message."""
    response = token_client(district.admin_a).patch(f"{OFFICERS}{people['a1'].public_id}/",
                                                    {"staff_type": "auxiliary"}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "auxiliary_with_certificate"
    assert "辅助人员" in body["message"]
    assert body["field"] == "staff_type"
    assert "rule" in body


# --- certificates -----------------------------------------------------------------------------------------

def test_certificate_list_scoped_and_filtered(district, people):
    client = token_client(district.admin_a)
    numbers = {r["number"] for r in client.get(CERTIFICATES).json()["results"]}
    assert numbers == {"A-SOON"}
    legal = token_client(district.legal)
    assert {r["number"] for r in legal.get(CERTIFICATES, {"expiring_within": 30}).json()["results"]} == {"A-SOON"}
    assert {r["number"] for r in legal.get(CERTIFICATES, {"category": "urban"}).json()["results"]} == {"B-LATER"}


def test_certificate_detail_shows_effective_status(district, people):
    cert = CertificateFactory(officer=people["a1"], number="A-OLD", valid_from=dt.date(2010, 1, 1),
                              valid_to=dt.date(2015, 12, 31))
    body = token_client(district.admin_a).get(f"{CERTIFICATES}{cert.public_id}/").json()
    assert body["status"] == "valid" and body["effective_status"] == "expired"
    assert body["officer"] == str(people["a1"].public_id)
    assert body["categories"] == ["market"]


def test_revoke_action_records_an_entry(district, people):
    cert = people["soon"]
    response = token_client(district.legal).post(f"{CERTIFICATES}{cert.public_id}/revoke/",
                                                 {"reason": "违法执法"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED and cert.status_reason == "违法执法"
    entry = Entry.objects.get(subject_id=str(cert.public_id), action="certificate.revoked")
    assert entry.payload["reason"] == "违法执法"


def test_suspend_then_reinstate(district, people):
    cert, client = people["soon"], token_client(district.legal)
    assert client.post(f"{CERTIFICATES}{cert.public_id}/suspend/", {"reason": "调查中"},
                       content_type="application/json").json()["status"] == "suspended"
    assert client.post(f"{CERTIFICATES}{cert.public_id}/reinstate/", {"reason": "调查结束"},
                       content_type="application/json").json()["status"] == "valid"
    assert Entry.objects.filter(subject_id=str(cert.public_id)).count() == 2


def test_revoke_twice_is_a_domain_error(district, people):
    cert, client = people["soon"], token_client(district.legal)
    client.post(f"{CERTIFICATES}{cert.public_id}/revoke/", {"reason": "违法"}, content_type="application/json")
    response = client.post(f"{CERTIFICATES}{cert.public_id}/revoke/", {"reason": "再次"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_transition" and "吊销" in response.json()["message"]


def test_revoke_without_reason_is_refused(district, people):
    cert = people["soon"]
    response = token_client(district.legal).post(f"{CERTIFICATES}{cert.public_id}/revoke/", {"reason": " "},
                                                 content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID


def test_body_admin_may_not_revoke(district, people):
    cert = people["soon"]
    response = token_client(district.admin_a).post(f"{CERTIFICATES}{cert.public_id}/revoke/", {"reason": "x"},
                                                   content_type="application/json")
    assert response.status_code == 403
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID


def test_issue_certificate(district, people):
    client = token_client(district.legal)
    response = client.post(CERTIFICATES, {
        "officer": str(people["b1"].public_id), "number": "B-NEW", "categories": ["urban"], "area": "赛罕区",
        "valid_from": "2026-01-01"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["valid_to"] == "2031-12-31"  # the region's six-year cycle
    assert Entry.objects.filter(subject_id=response.json()["id"], action="certificate.issued").exists()


def test_issue_certificate_to_auxiliary_staff_is_refused(district, people):
    response = token_client(district.legal).post(CERTIFICATES, {
        "officer": str(people["a2"].public_id), "number": "AUX-1", "categories": ["market"], "area": "赛罕区",
        "valid_from": "2026-01-01"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "auxiliary_no_certificate"
    assert not Certificate.objects.filter(number="AUX-1").exists()


def test_session_auth_works_and_needs_csrf_for_writes(district, people, client_for):
    client = client_for(district.legal)
    assert client.get(OFFICERS).status_code == 200
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(district.legal, backend="django.contrib.auth.backends.ModelBackend")
    response = csrf_client.post(f"{CERTIFICATES}{people['soon'].public_id}/revoke/", {"reason": "x"},
                                content_type="application/json")
    assert response.status_code == 403
    people["soon"].refresh_from_db()
    assert people["soon"].status == CertificateStatus.VALID


def test_token_endpoint_issues_a_working_token(district, people):
    response = Client().post("/api/v1/token/", {"username": "admin_a", "password": district.password})
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(key=key).user == district.admin_a
    listed = Client(HTTP_AUTHORIZATION=f"Token {key}").get(OFFICERS)
    assert listed.status_code == 200 and names(listed) == {"甲一", "甲二"}
    wrong = Client().post("/api/v1/token/", {"username": "admin_a", "password": "nope-Nope-1"})
    assert wrong.status_code == 400 and "token" not in wrong.json()


def test_invalid_token_is_refused(district, people):
    response = Client(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000").get(OFFICERS)
    assert response.status_code in (401, 403)  # DRF answers 403 when session auth is listed first
    assert "results" not in response.json()
    assert "甲一" not in response.content.decode()


def test_schema_includes_officer_and_certificate_paths(district, client_for):
    client = client_for(district.legal)
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/officers/", "/api/v1/officers/{public_id}/", "/api/v1/certificates/",
                 "/api/v1/certificates/{public_id}/revoke/", "/api/v1/organisations/", "/api/v1/bodies/"):
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/v1/officers/"]["get"]["parameters"]}
    assert {"q", "organisation", "status", "staff_type", "expiring_within", "no_valid_certificate"} <= params
    as_yaml = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert "/api/v1/certificates/" in as_yaml["paths"]


def test_schema_and_docs_need_a_login(db):
    assert Client().get("/api/v1/schema/").status_code in (401, 403)
    assert Client().get("/api/v1/docs/").status_code in (401, 403)


def test_swagger_ui_uses_local_assets_only(district, client_for):
    response = client_for(district.legal).get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html

    urls = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', html) + re.findall(r'"(https?://[^"]+)"', html)
    assert urls
    for url in urls:
        assert url.startswith("/static/") or url.startswith("/api/v1/"), url
    # no CDN host anywhere (a bare "cdn" can occur by chance inside the random CSRF token)
    assert not re.search(r"cdn[.\w-]*\.(?:com|net|org|io)|jsdelivr|unpkg|cdnjs", html.lower())

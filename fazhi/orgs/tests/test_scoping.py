"""Scoping across two bodies: a body's staff never see the other body's rows, by list, direct URL or API id."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.tests.people import make_certificate, make_officer

BODY_STAFF = ["admin_a", "officer_a", "head_a", "reviewer_a"]


@pytest.fixture
def rows(district):
    officer_a = make_officer(district, district.org_a, "甲方人员")
    officer_b = make_officer(district, district.org_b, "乙方人员")
    cert_a = make_certificate(district, officer_a, "CERT-A-0001", "market")
    cert_b = make_certificate(district, officer_b, "CERT-B-0001", "urban")
    return {"officer_a": officer_a, "officer_b": officer_b, "cert_a": cert_a, "cert_b": cert_b}


def token_client(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def b_markers(district, rows) -> list[str]:
    return [district.org_b.name, district.body_b.name, rows["officer_b"]["name"], rows["cert_b"]["number"],
            str(district.org_b.public_id), str(district.body_b.public_id), rows["officer_b"]["id"],
            rows["cert_b"]["id"], rows["officer_b"]["id_number"], masked(rows["officer_b"]["id_number"])]


def masked(id_number: str) -> str:
    return id_number[:6] + "*" * 8 + id_number[-4:]


# --- selectors ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", BODY_STAFF)
def test_selectors_return_only_the_own_body(district, rows, role):
    user = getattr(district, role)
    assert set(org_selectors.organisation_list(user=user)) == {district.org_a}
    assert set(org_selectors.body_list(user=user)) == {district.body_a}


def test_legal_office_sees_both_bodies(district, rows):
    user = district.legal
    assert {district.org_a, district.org_b} <= set(org_selectors.organisation_list(user=user))
    assert set(org_selectors.body_list(user=user)) == {district.body_a, district.body_b}


def test_volunteer_supervisor_sees_no_internal_rows(district, rows):
    user = district.volunteer
    assert not org_selectors.organisation_list(user=user).exists()
    assert not org_selectors.body_list(user=user).exists()


# --- web pages ------------------------------------------------------------------------------------------------

LIST_PAGES = ["orgs:organisation_list", "orgs:body_list", "personnel:officer_list", "personnel:certificate_list"]


@pytest.mark.parametrize("role", BODY_STAFF)
@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_show_no_row_of_the_other_body(district, rows, client_for, role, page):
    response = client_for(getattr(district, role)).get(reverse(page))
    assert response.status_code == 200
    html = response.content.decode()
    for marker in b_markers(district, rows):
        assert marker not in html, marker


def test_list_pages_show_own_rows(district, rows, client_for):
    client = client_for(district.admin_a)
    assert district.org_a.name in client.get(reverse("orgs:organisation_list")).content.decode()
    assert rows["officer_a"]["name"] in client.get(reverse("personnel:officer_list")).content.decode()
    assert rows["cert_a"]["number"] in client.get(reverse("personnel:certificate_list")).content.decode()


def detail_urls_of_b(district, rows) -> list[str]:
    return [
        reverse("orgs:organisation_detail", args=[district.org_b.public_id]),
        reverse("orgs:body_detail", args=[district.body_b.public_id]),
        reverse("personnel:officer_detail", args=[rows["officer_b"]["id"]]),
        reverse("personnel:certificate_detail", args=[rows["cert_b"]["id"]]),
        reverse("personnel:officer_edit", args=[rows["officer_b"]["id"]]),
    ]


@pytest.mark.parametrize("role", BODY_STAFF)
def test_direct_urls_of_the_other_body_answer_404_or_403(district, rows, client_for, role):
    client = client_for(getattr(district, role))
    for url in detail_urls_of_b(district, rows):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        html = response.content.decode()
        for marker in b_markers(district, rows)[:4]:
            assert marker not in html, (url, marker)


def test_own_detail_urls_open(district, rows, client_for):
    client = client_for(district.admin_a)
    assert client.get(reverse("orgs:organisation_detail", args=[district.org_a.public_id])).status_code == 200
    assert client.get(reverse("orgs:body_detail", args=[district.body_a.public_id])).status_code == 200
    assert client.get(reverse("personnel:officer_detail", args=[rows["officer_a"]["id"]])).status_code == 200


def test_legal_office_opens_both_bodies_pages(district, rows, client_for):
    client = client_for(district.legal)
    for url in detail_urls_of_b(district, rows):
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("orgs:body_list")).content.decode()
    assert district.body_a.name in html and district.body_b.name in html


# --- API --------------------------------------------------------------------------------------------------------

API_LISTS = ["/api/v1/organisations/", "/api/v1/bodies/", "/api/v1/officers/", "/api/v1/certificates/"]


@pytest.mark.parametrize("role", BODY_STAFF)
def test_api_lists_show_no_row_of_the_other_body(district, rows, role):
    client = token_client(getattr(district, role))
    for url in API_LISTS:
        response = client.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == 1, url
        for marker in b_markers(district, rows):
            assert marker not in response.content.decode(), (url, marker)


def api_details_of_b(district, rows) -> list[str]:
    return [
        f"/api/v1/organisations/{district.org_b.public_id}/",
        f"/api/v1/bodies/{district.body_b.public_id}/",
        f"/api/v1/officers/{rows['officer_b']['id']}/",
        f"/api/v1/certificates/{rows['cert_b']['id']}/",
    ]


@pytest.mark.parametrize("role", BODY_STAFF)
def test_api_ids_of_the_other_body_answer_404(district, rows, role):
    client = token_client(getattr(district, role))
    for url in api_details_of_b(district, rows):
        response = client.get(url)
        assert response.status_code == 404, url
        assert rows["officer_b"]["name"] not in response.content.decode()


def test_api_writes_to_the_other_body_answer_404(district, rows):
    response = token_client(district.admin_a).patch(f"/api/v1/officers/{rows['officer_b']['id']}/",
                                                    {"post": "被改"}, content_type="application/json")
    assert response.status_code == 404
    officer = token_client(district.legal).get(f"/api/v1/officers/{rows['officer_b']['id']}/").json()
    assert officer["post"] == "科员"


def test_legal_office_api_sees_both(district, rows):
    client = token_client(district.legal)
    for url in api_details_of_b(district, rows):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v1/officers/").json()["count"] == 2


@pytest.mark.parametrize("page", LIST_PAGES + ["orgs:organisation_create", "orgs:body_create"])
def test_volunteer_supervisor_is_refused_internal_pages(district, rows, client_for, page):
    assert client_for(district.volunteer).get(reverse(page)).status_code == 403


def test_volunteer_supervisor_is_refused_internal_pages_by_id(district, rows, client_for):
    client = client_for(district.volunteer)
    for url in detail_urls_of_b(district, rows):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", API_LISTS + ["/api/v1/categories/", "/api/v1/jurisdictions/"])
def test_volunteer_supervisor_is_refused_the_api(district, rows, client_for, url):
    for client in (token_client(district.volunteer), client_for(district.volunteer)):
        response = client.get(url)
        assert response.status_code == 403
        assert "results" not in response.json()


def test_volunteer_supervisor_is_refused_api_ids(district, rows):
    client = token_client(district.volunteer)
    for url in api_details_of_b(district, rows):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", API_LISTS)
def test_anonymous_api_requests_get_no_data(district, rows, url):
    response = Client().get(url)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()
    response = Client(HTTP_AUTHORIZATION="Basic eDp5").get(url)  # passes the middleware, refused by DRF
    assert response.status_code in (401, 403)
    assert "results" not in response.json()

"""The organisations, bodies, categories and jurisdictions API (read-only, scoped)."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from fazhi.orgs.enums import BodyBasis, BodyStatus, OrganisationType
from fazhi.orgs.tests.factories import BodyFactory, LiaisonFactory, OrganisationFactory
from fazhi.orgs.tests.people import make_officer


def api(user) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_organisation_list_fields_use_public_ids(district):
    LiaisonFactory(organisation=district.org_a, name="王法", phone="0471-1234567")
    make_officer(district, district.org_a, "甲一")
    make_officer(district, district.org_a, "甲二")
    rows = {r["name"]: r for r in results(api(district.legal).get("/api/v1/organisations/"))}
    a = rows["赛罕区市场监督管理局"]
    assert a["id"] == str(district.org_a.public_id)
    assert a["jurisdiction"] == str(district.jurisdiction.public_id)
    assert a["officer_count"] == 2 and a["body_count"] == 1
    assert a["legal_liaison"]["name"] == "王法"
    assert rows["赛罕区司法局"]["legal_liaison"] is None


def test_organisation_list_scoped_for_a_body(district):
    assert [r["name"] for r in results(api(district.admin_a).get("/api/v1/organisations/"))] == [
        "赛罕区市场监督管理局"]


def test_organisation_filters_and_ordering(district):
    OrganisationFactory(name="金河镇人民政府", org_type=OrganisationType.TOWN, jurisdiction=district.jurisdiction)
    client = api(district.legal)
    assert [r["name"] for r in results(client.get("/api/v1/organisations/", {"org_type": "town"}))] == [
        "金河镇人民政府"]
    assert {r["name"] for r in results(client.get("/api/v1/organisations/", {"q": "城市管理"}))} == {
        "赛罕区城市管理综合执法局"}
    assert len(results(client.get("/api/v1/organisations/",
                                  {"jurisdiction": str(district.jurisdiction.public_id)}))) == 4
    ordered = [r["name"] for r in results(client.get("/api/v1/organisations/", {"ordering": "name"}))]
    assert ordered == sorted(ordered)
    assert client.get("/api/v1/organisations/", {"org_type": "castle"}).status_code == 400


def test_organisation_pagination(district):
    OrganisationFactory.create_batch(52, jurisdiction=district.jurisdiction)
    body = api(district.sysadmin).get("/api/v1/organisations/").json()
    assert body["count"] == 55 and len(body["results"]) == 50 and body["next"]


def test_organisation_detail(district):
    response = api(district.admin_a).get(f"/api/v1/organisations/{district.org_a.public_id}/")
    assert response.status_code == 200
    assert response.json()["uscc"] == district.org_a.uscc


def test_body_list_and_filters(district):
    entrusted = BodyFactory(name="赛罕区市场监管执法大队", organisation=district.org_a, basis=BodyBasis.ENTRUSTED,
                            entrusting_body=district.body_a, publication_batch=2, status=BodyStatus.SUSPENDED)
    client = api(district.legal)
    rows = {r["name"]: r for r in results(client.get("/api/v1/bodies/"))}
    assert set(rows) == {"赛罕区市场监督管理局", "赛罕区城市管理综合执法局", "赛罕区市场监管执法大队"}
    assert rows["赛罕区市场监管执法大队"]["entrusting_body"] == str(district.body_a.public_id)
    assert rows["赛罕区市场监督管理局"]["categories"] == ["market"]
    for params in ({"basis": "entrusted"}, {"publication_batch": 2}, {"status": "suspended"}, {"q": "大队"}):
        assert [r["id"] for r in results(client.get("/api/v1/bodies/", params))] == [str(entrusted.public_id)]
    by_org = results(client.get("/api/v1/bodies/", {"organisation": str(district.org_b.public_id)}))
    assert [r["name"] for r in by_org] == ["赛罕区城市管理综合执法局"]


def test_body_detail(district):
    response = api(district.admin_b).get(f"/api/v1/bodies/{district.body_b.public_id}/")
    assert response.status_code == 200
    assert response.json()["organisation"] == str(district.org_b.public_id)


def test_categories_and_jurisdictions_are_read_only(district):
    client = api(district.legal)
    assert {r["code"] for r in results(client.get("/api/v1/categories/"))} == {"market", "urban"}
    assert client.get("/api/v1/categories/market/").json()["name"] == "市场监管"
    jurisdictions = results(client.get("/api/v1/jurisdictions/"))
    assert jurisdictions[0]["id"] == str(district.jurisdiction.public_id)
    assert client.post("/api/v1/categories/", {"code": "x", "name": "x"}).status_code in (403, 405)
    assert client.post("/api/v1/organisations/", {"name": "x"}).status_code in (403, 405)
    assert client.delete(f"/api/v1/bodies/{district.body_a.public_id}/").status_code in (403, 405)


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/api/v1/bodies/", "/api/v1/categories/"])
def test_anonymous_gets_no_data(district, path):
    response = Client().get(path)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()

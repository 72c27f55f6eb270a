"""The public pages of published decisions: masked fields only, withdrawal shown as such, the digest checked against
the ledger entry and the published ledger head; and the before-the-fact pages of bodies and officers."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from fazhi.enforcement.enums import PartyType
from fazhi.enforcement.models import Publication
from fazhi.enforcement.services import publication as publishing
from fazhi.enforcement.tests.conftest import enf  # noqa: F401 - the enforcement world, as a fixture here
from fazhi.enforcement.tests.test_publication import INTERNAL_SECRET, PERSON_ID, decide
from fazhi.orgs.enums import BodyStatus
from fazhi.records.services import heads_publish

PUBLISHED_ON = dt.date(2026, 9, 21)


@pytest.fixture
def published(enf):  # noqa: F811
    decision = decide(enf, on=dt.date(2026, 9, 18), party_name="张三丰")
    return publishing.decision_publish(by=enf.d.officer_a, decision=decision, published_on=PUBLISHED_ON)


def test_list_and_detail_show_masked_fields_only(client, published):
    listing = client.get("/public/decisions/").content.decode()
    assert published.decision_number in listing and "张**" in listing
    for url in (f"/public/decisions/{published.public_id}/", f"/public/decisions/{published.decision_number}/",
                f"/public/decisions/{published.public_id}.json"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "张**" in body or "\\u5f20**" in body
        assert "张三丰" not in body and PERSON_ID not in body and INTERNAL_SECRET not in body


def test_json_is_the_hashed_bytes(client, published):
    response = client.get(f"/public/decisions/{published.public_id}.json")
    assert hashlib.sha256(response.content).hexdigest() == published.content_sha256
    assert response["Content-Type"].startswith("application/json")


def test_search_by_number_party_and_body(client, enf, published):  # noqa: F811
    assert published.decision_number in client.get("/public/decisions/", {"number": "罚〔2026〕"}).content.decode()
    assert published.decision_number not in client.get("/public/decisions/", {"number": "不存在"}).content.decode()
    assert published.decision_number in client.get("/public/decisions/", {"party": "张"}).content.decode()
    assert published.decision_number in client.get(
        "/public/decisions/", {"body": str(enf.body.public_id)}).content.decode()
    assert published.decision_number not in client.get(
        "/public/decisions/", {"body": str(enf.d.body_b.public_id)}).content.decode()


def test_verification_passes_once_the_head_is_published(client, published):
    url = f"/public/decisions/{published.public_id}/?verify=1"
    before = client.get(url).content.decode()
    assert 'data-testid="verification"' in before and "核验未通过" in before  # no head published yet
    heads_publish(on=timezone.localdate())
    page = client.get(url).content.decode()
    assert "核验通过" in page and published.content_sha256 in page and published.ledger_key in page


def test_entry_after_the_latest_head_is_not_yet_covered(enf, published):  # noqa: F811
    from fazhi.disclosure import decisions

    heads_publish(on=timezone.localdate())
    later = decide(enf, on=dt.date(2026, 9, 22), party_name="李四")
    publication = publishing.decision_publish(by=enf.d.officer_a, decision=later, published_on=dt.date(2026, 9, 23))
    check = decisions.verify(publication)
    assert check.digest_ok and check.entry_hash_ok and not check.covered
    assert "晚于最新公布的账本头" in check.chain_break
    assert decisions.verify(published).ok  # the earlier one is covered by that head


def test_verification_detects_changed_public_fields(client, published):
    from fazhi.disclosure import decisions

    heads_publish(on=timezone.localdate())
    tampered = dict(published.public_fields, fine_amount="10.00")
    Publication.objects.filter(pk=published.pk).update(public_fields=tampered)
    published.refresh_from_db()
    check = decisions.verify(published)
    assert not check.digest_ok and not check.ok and check.covered  # the record itself is intact
    assert check.recorded_sha256 == published.content_sha256 != check.computed_sha256
    page = client.get(f"/public/decisions/{published.public_id}/?verify=1").content.decode()
    assert "核验未通过" in page


def test_lookup_by_number_redirects_to_the_verified_detail(client, published):
    response = client.get("/public/decisions/verify/", {"number": published.decision_number})
    assert response.status_code == 302 and response["Location"].endswith(f"{published.public_id}/?verify=1")
    assert 'data-testid="not-found"' in client.get("/public/decisions/verify/", {"number": "X"}).content.decode()


def test_withdrawn_shows_number_date_and_reason_only(client, enf, published):  # noqa: F811
    publishing.publication_withdraw(by=enf.d.officer_a, publication=published, change_on=dt.date(2026, 9, 22),
                                    withdrawn_on=dt.date(2026, 9, 23), reason="经行政复议,原决定被撤销")
    page = client.get(f"/public/decisions/{published.public_id}/").content.decode()
    assert "已撤回" in page and "经行政复议,原决定被撤销" in page and "2026-09-23" in page
    assert "张**" not in page and "销售过期食品" not in page and published.content_sha256 not in page
    listing = client.get("/public/decisions/").content.decode()
    assert "已撤回" in listing and "张**" not in listing
    assert published.decision_number not in client.get("/public/decisions/", {"party": "张"}).content.decode()
    assert client.get(f"/public/decisions/{published.public_id}.json").status_code == 410


def test_unknown_decision_is_404(client, db):
    assert client.get("/public/decisions/nothing-here/").status_code == 404


def test_organisation_party_shows_name_and_credit_code(client, enf):  # noqa: F811
    decision = decide(enf, party_type=PartyType.LEGAL_PERSON, party_name="某食品有限公司")
    publication = publishing.decision_publish(by=enf.d.officer_a, decision=decision, published_on=PUBLISHED_ON)
    page = client.get(f"/public/decisions/{publication.public_id}/").content.decode()
    assert "某食品有限公司" in page and decision.case.party_id_number in page


# --- before-the-fact disclosure: bodies and officers ------------------------------------------------------------

def test_body_pages_list_active_bodies_and_officers_certified_today(client, enf):  # noqa: F811
    enf.d.body_b.status = BodyStatus.SUSPENDED
    enf.d.body_b.save()
    listing = client.get("/public/bodies/").content.decode()
    assert enf.body.name in listing and enf.d.body_b.name not in listing
    assert client.get(f"/public/bodies/{enf.d.body_b.public_id}/").status_code == 404
    page = client.get(f"/public/bodies/{enf.body.public_id}/").content.decode()
    for officer in (enf.o1, enf.o2, enf.o3):
        assert officer.name in page and officer.certificates.get().number in page
        assert officer.id_number not in page
        assert not officer.phone or officer.phone not in page
    assert enf.expired_officer.name not in page  # certificate ended 2026-03-01
    assert enf.auxiliary.name not in page  # auxiliary staff hold no certificate
    assert enf.urban_officer.certificates.get().number in page  # an officer of the organisation, other category


def test_home_links_to_decisions_and_bodies(client, db):
    page = client.get("/public/").content.decode()
    assert "/public/decisions/" in page and "/public/bodies/" in page


def test_body_page_publishes_the_major_decision_catalogue(enf, client):  # noqa: F811
    import datetime as dt
    from decimal import Decimal

    from django.urls import reverse

    from fazhi.enforcement.models import MajorCatalogueItem

    MajorCatalogueItem.objects.create(body=enf.body, title="罚款数额在五万元以上的", min_fine=Decimal("50000"),
                                      published_on=dt.date(2026, 1, 5))
    MajorCatalogueItem.objects.create(body=enf.body, title="未公布的草稿事项", min_fine=Decimal("1"))
    page = client.get(reverse("disclosure:body_detail", args=[enf.body.public_id])).content.decode()
    assert "罚款数额在五万元以上的" in page and "50000" in page
    assert "未公布的草稿事项" not in page


def test_open_data_lists_published_decisions_with_their_digest_and_no_private_field(enf, client):  # noqa: F811
    import hashlib
    import json

    from fazhi.records.services import canonical_json

    decision = decide(enf)
    publication = publishing.decision_publish(by=enf.d.officer_a, decision=decision, published_on=dt.date(2026, 9, 21))
    response = client.get("/api/v1/open-data/decisions/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["decision_number"] == publication.decision_number and row["status"] == "published"
    assert row["content_sha256"] == hashlib.sha256(canonical_json(publication.public_fields)).hexdigest()
    text = json.dumps(body, ensure_ascii=False)
    assert PERSON_ID not in text and INTERNAL_SECRET not in text and "张三丰" not in text
    assert client.get("/api/v1/open-data/decisions/", {"party": "不存在"}).json()["count"] == 0
    assert client.get("/api/v1/open-data/decisions/", {"body": "not-a-uuid"}).status_code == 400

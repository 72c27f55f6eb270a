import dataclasses
import datetime as dt

import pytest
from django.urls import reverse

from fazhi.disclosure.selectors import PublicCertificate, certificate_verification
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.tests.factories import BodyFactory
from fazhi.personnel import services
from fazhi.personnel.selectors import today
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory

VERIFY = reverse("disclosure:certificate_verify")


@pytest.fixture
def cert(district):
    officer = OfficerFactory(name="张伟", organisation=district.org_a, phone="13912345678", post="执法大队队长")
    day = today()
    return CertificateFactory(officer=officer, number="15010500001", valid_from=day - dt.timedelta(100),
                              valid_to=day + dt.timedelta(1000), categories=[district.market])


def test_public_certificate_lists_exactly_the_public_fields():
    assert [f.name for f in dataclasses.fields(PublicCertificate)] == [
        "number", "holder_name", "enforcement_bodies", "categories", "area", "valid_from", "valid_to",
        "status_label", "valid_today",
    ]


def test_verification_of_a_valid_certificate(district, cert):
    result = certificate_verification("15010500001")
    assert result.valid_today is True
    assert result.status_label == "有效"
    assert result.holder_name == "张伟"
    assert result.enforcement_bodies == ("赛罕区市场监督管理局",)
    assert result.categories == ("市场监管",)
    assert certificate_verification("no-such-number") is None
    assert certificate_verification("") is None


def test_cancelled_bodies_are_not_named_and_the_organisation_stands_in(district, cert):
    district.body_a.status = BodyStatus.CANCELLED
    district.body_a.save()
    assert certificate_verification("15010500001").enforcement_bodies == (district.org_a.name,)
    BodyFactory(name="赛罕区市场监管综合执法大队", organisation=district.org_a)
    assert certificate_verification("15010500001").enforcement_bodies == ("赛罕区市场监管综合执法大队",)


@pytest.mark.parametrize(
    "change, label",
    [
        ({"valid_to_delta": -1}, "已过期"),  # ended yesterday: expired although the stored status is valid
        ({"valid_from_delta": 3}, "尚未生效"),
    ],
)
def test_validity_is_judged_today(district, change, label):
    day = today()
    officer = OfficerFactory(organisation=district.org_a)
    valid_from = day + dt.timedelta(change.get("valid_from_delta", -400))
    valid_to = day + dt.timedelta(change.get("valid_to_delta", 400))
    CertificateFactory(officer=officer, number="N-1", valid_from=valid_from, valid_to=valid_to)
    result = certificate_verification("N-1")
    assert result.valid_today is False and result.status_label == label


def test_verify_page_shows_valid_in_green(client, district, cert):
    response = client.get(VERIFY, {"number": "15010500001"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="verify-result ok"' in html and "有效" in html
    assert "张伟" in html and "赛罕区市场监督管理局" in html and "市场监管" in html


def test_verify_page_shows_revoked_as_invalid(client, district, cert):
    services.certificate_revoke(by=district.legal, certificate=cert, reason="内部原因:涉嫌违法执法,待查")
    html = client.get(VERIFY, {"number": "15010500001"}).content.decode()
    assert 'class="verify-result bad"' in html
    assert "无效(已吊销)" in html
    assert "涉嫌违法执法" not in html  # the reason is internal


def test_verify_page_unknown_number(client, district):
    html = client.get(VERIFY, {"number": "99999"}).content.decode()
    assert "未找到该证件" in html


def test_verify_page_without_a_number_shows_only_the_form(client, district):
    html = client.get(VERIFY).content.decode()
    assert 'data-testid="verify-number"' in html and 'data-testid="verify-result"' not in html
    assert "请输入证件编号" in client.get(VERIFY, {"number": " "}).content.decode()


@pytest.mark.parametrize("url_for", [
    lambda c: reverse("disclosure:certificate_verify") + f"?number={c.number}",
    lambda c: reverse("disclosure:certificate_qr", args=[c.number]),
])
def test_public_pages_never_show_id_number_phone_or_internal_fields(client, district, cert, url_for):
    html = client.get(url_for(cert)).content.decode()
    assert "张伟" in html  # the page did render the certificate
    officer = cert.officer
    for secret in (officer.id_number, officer.id_number_masked, officer.id_number[-6:], officer.phone,
                   officer.phone[-4:], officer.post, str(officer.public_id), str(cert.public_id)):
        assert secret not in html, secret


def test_qr_address_shows_the_same_result(client, district, cert):
    response = client.get(reverse("disclosure:certificate_qr", args=["15010500001"]))
    assert response.status_code == 200
    assert 'class="verify-result ok"' in response.content.decode()
    assert "未找到该证件" in client.get(reverse("disclosure:certificate_qr", args=["nope"])).content.decode()


def test_public_pages_need_no_login_and_the_home_page_links_the_check(client, district):
    response = client.get(reverse("disclosure:home"))
    assert response.status_code == 200
    assert VERIFY in response.content.decode()

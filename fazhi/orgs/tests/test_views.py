"""Organisation and enforcement-body screens."""

import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.orgs.enums import BodyBasis, OrganisationType
from fazhi.orgs.models import EnforcementBody, LegalLiaison, Organisation
from fazhi.orgs.tests.factories import BodyFactory, LiaisonFactory, OrganisationFactory, make_uscc
from fazhi.orgs.tests.people import make_officer
from fazhi.records.models import Entry


def org_form(district, **overrides) -> dict:
    data = {"name": "赛罕区应急管理局", "short_name": "应急局", "uscc": make_uscc(901), "org_type": "department",
            "jurisdiction": str(district.jurisdiction.public_id), "parent": "", "address": "", "phone": "",
            "is_active": "on", "sort_order": "100"}
    data.update(overrides)
    return data


def body_form(district, **overrides) -> dict:
    data = {"name": "赛罕区应急管理局", "organisation": str(district.org_a.public_id), "basis": "statutory",
            "entrusting_body": "", "legal_basis_text": "", "qualification_certificate_number": "",
            "publication_batch": "", "published_on": "", "status": "active", "categories": ["market"]}
    data.update(overrides)
    return data


# --- lists -----------------------------------------------------------------------------------------------------

def test_organisation_list_filters_and_sorts(district, client_for):
    OrganisationFactory(name="金河镇人民政府", org_type=OrganisationType.TOWN, jurisdiction=district.jurisdiction)
    LiaisonFactory(organisation=district.org_a, name="王法")
    client = client_for(district.legal)
    html = client.get(reverse("orgs:organisation_list")).content.decode()
    assert "赛罕区市场监督管理局" in html and "金河镇人民政府" in html and "王法" in html
    html = client.get(reverse("orgs:organisation_list"), {"org_type": "town"}).content.decode()
    assert "金河镇人民政府" in html and "赛罕区市场监督管理局" not in html
    html = client.get(reverse("orgs:organisation_list"), {"q": "城市管理"}).content.decode()
    assert "赛罕区城市管理综合执法局" in html and "金河镇人民政府" not in html
    page = client.get(reverse("orgs:organisation_list"), {"sort": "-name"})
    names = [o.name for o in page.context["page"]]
    assert names == sorted(names, reverse=True)
    # An unknown sort key falls back to the default instead of failing.
    assert client.get(reverse("orgs:organisation_list"), {"sort": "password"}).status_code == 200


def test_organisation_list_paginates_by_fifty(district, client_for):
    OrganisationFactory.create_batch(60, jurisdiction=district.jurisdiction)
    client = client_for(district.legal)
    first = client.get(reverse("orgs:organisation_list"))
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 63
    second = client.get(reverse("orgs:organisation_list"), {"page": 2})
    assert len(second.context["page"].object_list) == 13


def test_organisation_export_is_the_filtered_list(district, client_for):
    OrganisationFactory(name="金河镇人民政府", org_type=OrganisationType.TOWN, jurisdiction=district.jurisdiction)
    response = client_for(district.legal).get(reverse("orgs:organisation_list"),
                                              {"org_type": "town", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("单位名称", "简称", "统一社会信用代码")
    assert [row[0] for row in values[1:]] == ["金河镇人民政府"]


def test_body_list_filters_and_export(district, client_for):
    BodyFactory(name="赛罕区市场监管执法大队", organisation=district.org_a, basis=BodyBasis.ENTRUSTED,
                entrusting_body=district.body_a, publication_batch=2)
    client = client_for(district.legal)
    html = client.get(reverse("orgs:body_list")).content.decode()
    assert "赛罕区市场监管执法大队" in html and "赛罕区城市管理综合执法局" in html
    html = client.get(reverse("orgs:body_list"), {"basis": "entrusted"}).content.decode()
    assert "赛罕区市场监管执法大队" in html and "赛罕区城市管理综合执法局" not in html
    page = client.get(reverse("orgs:body_list"), {"publication_batch": "2"})
    assert [b.name for b in page.context["page"]] == ["赛罕区市场监管执法大队"]
    response = client.get(reverse("orgs:body_list"), {"basis": "entrusted", "export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0] == "执法主体名称"
    assert [(r[0], r[3]) for r in rows[1:]] == [("赛罕区市场监管执法大队", "赛罕区市场监督管理局")]


def test_body_admin_sees_no_create_button(district, client_for):
    html = client_for(district.admin_a).get(reverse("orgs:organisation_list")).content.decode()
    assert reverse("orgs:organisation_create") not in html
    html = client_for(district.legal).get(reverse("orgs:organisation_list")).content.decode()
    assert reverse("orgs:organisation_create") in html


# --- organisations ---------------------------------------------------------------------------------------------

def test_create_organisation_records_an_entry(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:organisation_create"), org_form(district))
    organisation = Organisation.objects.get(name="赛罕区应急管理局")
    assert response.status_code == 302
    assert response.url == reverse("orgs:organisation_detail", args=[organisation.public_id])
    assert Entry.objects.filter(subject_id=str(organisation.public_id), action="organisation.created").exists()


def test_create_with_bad_uscc_shows_the_checksum_error_and_creates_nothing(district, client_for):
    good = make_uscc(902)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    entries = Entry.objects.count()
    response = client_for(district.legal).post(reverse("orgs:organisation_create"), org_form(district, uscc=bad))
    assert response.status_code == 200
    errors = response.context["form"].errors["uscc"]
    assert any("校验位" in e for e in errors), errors
    assert "统一社会信用代码无效" in response.content.decode()
    assert not Organisation.objects.filter(name="赛罕区应急管理局").exists()
    assert Entry.objects.count() == entries


def test_create_with_duplicate_name_is_a_form_error(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:organisation_create"),
                                               org_form(district, name=district.org_a.name))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Organisation.objects.filter(name=district.org_a.name).count() == 1


def test_body_admin_cannot_create_organisations(district, client_for):
    response = client_for(district.admin_a).post(reverse("orgs:organisation_create"), org_form(district))
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="赛罕区应急管理局").exists()


def test_edit_organisation_records_the_change(district, client_for):
    url = reverse("orgs:organisation_edit", args=[district.org_a.public_id])
    client = client_for(district.legal)
    form = client.get(url).context["form"]
    assert form.initial["name"] == district.org_a.name
    data = org_form(district, name=district.org_a.name, uscc=district.org_a.uscc, short_name="市场局",
                    address="昭乌达路1号")
    response = client.post(url, data)
    assert response.status_code == 302
    district.org_a.refresh_from_db()
    assert district.org_a.short_name == "市场局"
    entry = Entry.objects.get(subject_id=str(district.org_a.public_id), action="organisation.changed")
    assert entry.payload["changes"]["short_name"] == ["", "市场局"]
    assert entry.payload["changes"]["address"] == ["", "昭乌达路1号"]
    assert "name" not in entry.payload["changes"]
    detail = client.get(reverse("orgs:organisation_detail", args=[district.org_a.public_id])).content.decode()
    assert "单位变更" in detail and "市场局" in detail


def test_edit_organisation_parent_cycle_is_refused(district, client_for):
    child = OrganisationFactory(name="下属单位", parent=district.org_a, jurisdiction=district.jurisdiction)
    url = reverse("orgs:organisation_edit", args=[district.org_a.public_id])
    data = org_form(district, name=district.org_a.name, uscc=district.org_a.uscc, parent=str(child.public_id))
    response = client_for(district.legal).post(url, data)
    assert response.status_code == 200
    assert "循环" in response.content.decode()
    district.org_a.refresh_from_db()
    assert district.org_a.parent is None


def test_liaison_set_replaces_the_liaison(district, client_for):
    url = reverse("orgs:liaison_set", args=[district.org_a.public_id])
    client = client_for(district.legal)
    assert client.post(url, {"name": "王法", "post": "科长", "phone": "13800000000"}).status_code == 302
    assert client.post(url, {"name": "李律", "full_time": "on"}).status_code == 302
    liaison = LegalLiaison.objects.get(organisation=district.org_a)
    assert (liaison.name, liaison.full_time) == ("李律", True)
    assert Entry.objects.filter(subject_id=str(district.org_a.public_id), action="liaison.set").count() == 2
    html = client.get(reverse("orgs:organisation_detail", args=[district.org_a.public_id])).content.decode()
    assert "李律" in html and "专职" in html


def test_liaison_name_is_required(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:liaison_set", args=[district.org_a.public_id]),
                                               {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not LegalLiaison.objects.filter(organisation=district.org_a).exists()


def test_organisation_detail_shows_bodies_and_officer_count(district, client_for):
    for name in ("甲一", "甲二", "甲三"):
        make_officer(district, district.org_a, name)
    response = client_for(district.admin_a).get(reverse("orgs:organisation_detail",
                                                        args=[district.org_a.public_id]))
    assert response.status_code == 200
    assert response.context["organisation"].officer_count == 3
    assert list(response.context["bodies"]) == [district.body_a]
    assert reverse("orgs:organisation_edit", args=[district.org_a.public_id]) not in response.content.decode()


# --- bodies ------------------------------------------------------------------------------------------------------

def test_create_body(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:body_create"), body_form(district))
    body = EnforcementBody.objects.get(name="赛罕区应急管理局")
    assert response.status_code == 302
    assert list(body.categories.values_list("code", flat=True)) == ["market"]
    assert Entry.objects.filter(subject_id=str(body.public_id), action="body.created").exists()


def test_entrusted_body_without_entrusting_body_is_refused(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:body_create"),
                                               body_form(district, basis="entrusted"))
    assert response.status_code == 200
    assert "受委托组织必须填写委托机关" in response.context["form"].errors["entrusting_body"]
    assert not EnforcementBody.objects.filter(name="赛罕区应急管理局").exists()


def test_entrusted_body_with_entrusting_body_is_created(district, client_for):
    response = client_for(district.legal).post(reverse("orgs:body_create"), body_form(
        district, basis="entrusted", entrusting_body=str(district.body_a.public_id)))
    assert response.status_code == 302
    body = EnforcementBody.objects.get(name="赛罕区应急管理局")
    assert body.entrusting_body == district.body_a
    html = client_for(district.legal).get(reverse("orgs:body_detail", args=[district.body_a.public_id]))
    assert "赛罕区应急管理局" in html.content.decode()


def test_edit_body_records_the_change(district, client_for):
    url = reverse("orgs:body_edit", args=[district.body_a.public_id])
    client = client_for(district.legal)
    assert client.get(url).context["form"].initial["categories"] == [district.market]
    data = body_form(district, name=district.body_a.name,
                     qualification_certificate_number=district.body_a.qualification_certificate_number,
                     publication_batch="3", categories=["market", "urban"])
    response = client.post(url, data)
    assert response.status_code == 302
    entry = Entry.objects.get(subject_id=str(district.body_a.public_id), action="body.changed")
    assert entry.payload["changes"]["publication_batch"] == [1, 3]
    assert entry.payload["changes"]["categories"] == [["market"], ["market", "urban"]]
    html = client.get(reverse("orgs:body_detail", args=[district.body_a.public_id])).content.decode()
    assert "执法主体变更" in html and "公布批次" in html


@pytest.mark.parametrize("route", ["orgs:body_edit", "orgs:organisation_edit", "orgs:liaison_set"])
def test_body_admin_cannot_edit(district, client_for, route):
    target = district.body_a if route == "orgs:body_edit" else district.org_a
    response = client_for(district.admin_a).post(reverse(route, args=[target.public_id]), {"name": "改名"})
    assert response.status_code == 403
    assert not Entry.objects.exists()

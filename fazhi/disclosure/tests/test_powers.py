"""Public power list, inspection item list and service guides, and their open data: only published items (only
service items in use), only the public fields — never drafts, review flags or internal notes."""

import csv
import dataclasses
import io

import pytest
from django.urls import reverse

from fazhi.disclosure import powers as public
from fazhi.disclosure.api_powers import (
    PublicInspectionItemSerializer,
    PublicPowerItemSerializer,
    PublicServiceGuideSerializer,
)
from fazhi.powers import services
from fazhi.powers.enums import LawLevel, PowerCategory, PowerItemStatus, ResponsibilityStage, ServiceItemKind
from fazhi.powers.models import Article, Law, LegalBasis, PowerItem, ResponsibilityItem

FOOD_LAW_TEXT = "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务,应当依法取得许可。"
SECRET = "内部:该条已被修改,待法制科复核"


@pytest.fixture
def power_items(district):
    law = Law.objects.create(title="中华人民共和国食品安全法", level=LawLevel.LAW, version="2021年修正")
    article = Article.objects.create(law=law, number=35, label="第三十五条", text=FOOD_LAW_TEXT)
    inspect_article = Article.objects.create(law=law, number=110, label="第一百一十条", text="县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责,有权采取下列措施……")

    def item(code, name, status=PowerItemStatus.PUBLISHED, category=PowerCategory.LICENSING, departments=None,
             **fields):
        obj = PowerItem.objects.create(code=code, name=name, category=category, status=status, version=1, **fields)
        obj.departments.set(departments or [district.org_a])
        return obj

    licence = item("XK-001", "食品经营许可", committed_time_limit="10个工作日", statutory_time_limit="20个工作日",
                   remedies="可依法申请行政复议或提起行政诉讼")
    LegalBasis.objects.create(power_item=licence, article=article, paragraph=1)
    ResponsibilityItem.objects.create(power_item=licence, stage=ResponsibilityStage.ACCEPT,
                                      content="公示申请条件和材料,一次性告知补正材料", sort_order=1)
    flagged = item("XK-002", "食品生产许可", needs_review=True, review_reason=SECRET)
    LegalBasis.objects.create(power_item=flagged, article=article)
    draft = item("XK-003", "草稿中的食品许可", status=PowerItemStatus.DRAFT)
    abolished = item("XK-004", "已取消的食品许可", status=PowerItemStatus.ABOLISHED)
    check = item("JC-001", "食品经营者监督检查", category=PowerCategory.INSPECTION, is_inspection_item=True,
                 inspection_method="双随机抽查", inspection_object_scope="辖区内食品经营者")
    LegalBasis.objects.create(power_item=check, article=inspect_article)
    item("JC-002", "草稿检查事项", status=PowerItemStatus.DRAFT, category=PowerCategory.INSPECTION,
         is_inspection_item=True)
    urban = item("CF-001", "对违法倾倒建筑垃圾的处罚", category=PowerCategory.PENALTY, departments=[district.org_b])
    sub = item("XK-001-01", "食品经营许可(新办)", parent=licence)
    item("XK-001-02", "食品经营许可(草稿子项)", parent=licence, status=PowerItemStatus.DRAFT)
    return {"licence": licence, "flagged": flagged, "draft": draft, "abolished": abolished, "check": check,
            "urban": urban, "sub": sub}


@pytest.fixture
def guides(district, power_items):
    def make(code, name, **fields):
        return services.service_item_create(by=district.legal, kind=ServiceItemKind.APPROVAL, code=code, name=name,
                                            department=district.org_a, **fields)

    active = make("S-1", "食品经营许可证核发", power_item=power_items["licence"], materials="申请书\n营业执照复印件",
                  statutory_limit_days=20, committed_limit_days=10, online=True, place="市民服务中心二楼")
    inactive = make("S-2", "已停用的事项", is_active=False)
    linked_draft = make("S-3", "链接到草稿的事项")
    linked_draft.power_item = power_items["draft"]
    linked_draft.save()
    return {"active": active, "inactive": inactive, "linked_draft": linked_draft}


def test_public_shapes_list_exactly_the_public_fields():
    assert public.public_field_names(public.PublicPowerItem) == [
        "public_id", "code", "name", "category", "category_label", "departments", "parent", "sub_items",
        "legal_bases", "responsibilities", "accountability", "statutory_time_limit", "committed_time_limit", "fees",
        "fee_basis", "remedies", "flow_description", "is_inspection_item", "inspection_method",
        "inspection_object_scope", "version"]
    for shape in (public.PublicPowerItem, public.PublicInspectionItem, public.PublicServiceGuide):
        names = set(public.public_field_names(shape))
        assert not names & {"needs_review", "review_reason", "status", "is_active", "created_by", "note"}
    # the API documents the same fields, no more, no fewer
    for shape, serializer in ((public.PublicPowerItem, PublicPowerItemSerializer),
                              (public.PublicInspectionItem, PublicInspectionItemSerializer),
                              (public.PublicServiceGuide, PublicServiceGuideSerializer)):
        assert list(serializer().fields) == public.public_field_names(shape)


def test_only_published_items_are_listed(district, power_items):
    codes = [i.code for i in public.power_item_list()[0:50]]
    assert codes == ["CF-001", "JC-001", "XK-001", "XK-001-01", "XK-002"]
    assert public.power_item_detail(public_id=power_items["draft"].public_id) is None
    assert public.power_item_detail(public_id=power_items["abolished"].public_id) is None


def test_detail_carries_the_article_text_and_only_published_sub_items(district, power_items):
    item = public.power_item_detail(public_id=power_items["licence"].public_id)
    assert item.legal_bases[0].text == FOOD_LAW_TEXT
    assert item.legal_bases[0].citation == "《中华人民共和国食品安全法》第三十五条第1款"
    assert [s.code for s in item.sub_items] == ["XK-001-01"]
    assert [r.stage_label for r in item.responsibilities] == ["受理"]


def test_public_pages_never_show_drafts_or_review_flags(client, district, power_items):
    listing = client.get(reverse("disclosure:power_item_list")).content.decode()
    assert "食品经营许可" in listing and "食品生产许可" in listing
    assert "草稿" not in listing and "已取消的食品许可" not in listing
    flagged = client.get(reverse("disclosure:power_item_detail", args=[power_items["flagged"].public_id]))
    html = flagged.content.decode()
    assert flagged.status_code == 200 and "食品生产许可" in html
    assert SECRET not in html and "复核" not in html
    assert client.get(reverse("disclosure:power_item_detail", args=[power_items["draft"].public_id])).status_code == 404
    licence = client.get(reverse("disclosure:power_item_detail", args=[power_items["licence"].public_id]))
    assert FOOD_LAW_TEXT in licence.content.decode() and "草稿子项" not in licence.content.decode()


def test_browse_by_department_category_and_keyword(client, district, power_items):
    url = reverse("disclosure:power_item_list")

    def codes(params):
        return [i.code for i in client.get(url, params).context["page"].object_list]

    assert codes({"department": str(district.org_b.public_id)}) == ["CF-001"]
    assert codes({"category": "inspection"}) == ["JC-001"]
    assert codes({"q": "生产"}) == ["XK-002"]
    assert codes({"q": "草稿"}) == []
    counts = {c.value: c.count for c in public.power_categories()}
    assert len(counts) == 10 and counts["licensing"] == 3 and counts["penalty"] == 1


def test_inspection_item_list_per_department(client, district, power_items):
    url = reverse("disclosure:inspection_item_list")
    page = client.get(url, {"department": str(district.org_a.public_id)}).context["page"]
    assert [(i.code, i.inspection_method) for i in page.object_list] == [("JC-001", "双随机抽查")]
    assert page.object_list[0].legal_bases == ("《中华人民共和国食品安全法》第一百一十条",)
    assert [i.code for i in client.get(url, {"department": str(district.org_b.public_id)}).context["page"]
            .object_list] == []


def test_service_guides_show_items_in_use_only(client, district, guides):
    listing = client.get(reverse("disclosure:service_guide_list")).content.decode()
    assert "食品经营许可证核发" in listing and "已停用的事项" not in listing
    detail = client.get(reverse("disclosure:service_guide_detail", args=[guides["active"].public_id])).content.decode()
    assert "营业执照复印件" in detail and "10 个工作日" in detail
    inactive = reverse("disclosure:service_guide_detail", args=[guides["inactive"].public_id])
    assert client.get(inactive).status_code == 404
    # a guide linked to a draft power item does not reveal it
    assert public.service_guide_detail(public_id=guides["linked_draft"].public_id).power_item is None


def test_open_data_json_has_exactly_the_public_fields(client, district, power_items, guides):
    response = client.get(reverse("api:open-power-item-list"))
    data = response.json()
    assert response.status_code == 200 and data["count"] == 5
    assert all(list(row) == public.public_field_names(public.PublicPowerItem) for row in data["results"])
    licence = next(r for r in data["results"] if r["code"] == "XK-001")
    assert licence["legal_bases"][0]["text"] == FOOD_LAW_TEXT
    assert SECRET not in response.content.decode()
    guides_json = client.get(reverse("api:open-service-guide-list")).json()
    assert [r["code"] for r in guides_json["results"]] == ["S-1", "S-3"]
    assert list(guides_json["results"][0]) == public.public_field_names(public.PublicServiceGuide)
    inspections = client.get(reverse("api:open-inspection-item-list"), {"department": str(district.org_a.public_id)})
    assert [r["code"] for r in inspections.json()["results"]] == ["JC-001"]
    assert client.get(reverse("api:open-power-item-list"), {"category": "nonsense"}).status_code == 400


def test_open_data_csv_has_exactly_the_public_fields(client, district, power_items, guides):
    response = client.get(reverse("api:open-power-item-csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == public.public_field_names(public.PublicPowerItem)
    assert [r["code"] for r in rows] == ["CF-001", "JC-001", "XK-001", "XK-001-01", "XK-002"]
    licence = next(r for r in rows if r["code"] == "XK-001")
    assert FOOD_LAW_TEXT in licence["legal_bases"] and licence["sub_items"] == "XK-001-01"
    assert SECRET not in text and "草稿" not in text
    guides_csv = b"".join(client.get(reverse("api:open-service-guide-csv")).streaming_content).decode("utf-8-sig")
    guide_rows = list(csv.DictReader(io.StringIO(guides_csv)))
    assert list(guide_rows[0]) == public.public_field_names(public.PublicServiceGuide)
    assert [r["code"] for r in guide_rows] == ["S-1", "S-3"]
    inspection_csv = b"".join(client.get(reverse("api:open-inspection-item-csv")).streaming_content).decode("utf-8-sig")
    assert list(next(csv.DictReader(io.StringIO(inspection_csv)))) == public.public_field_names(
        public.PublicInspectionItem)


def test_open_data_is_in_the_schema(district, client_for):
    schema = client_for(district.legal).get(reverse("api:schema")).content.decode()
    for path in ("/api/v1/open-data/power-items/", "/api/v1/open-data/power-items.csv",
                 "/api/v1/open-data/inspection-items/", "/api/v1/open-data/service-guides.csv"):
        assert path in schema


def test_home_links_to_the_power_pages(client):
    html = client.get(reverse("disclosure:home")).content.decode()
    for name in ("disclosure:power_item_list", "disclosure:inspection_item_list", "disclosure:service_guide_list"):
        assert reverse(name) in html


def test_a_new_internal_field_does_not_reach_the_public(district, power_items):
    """The dataclasses are the allow-list: setting any attribute on the model changes nothing public."""
    item = public.power_item_detail(public_id=power_items["flagged"].public_id)
    assert "review_reason" not in dataclasses.asdict(item) and SECRET not in str(dataclasses.asdict(item))

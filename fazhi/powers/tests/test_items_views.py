"""The power-list and post screens: list filters and export, detail, draft form, life-cycle forms, diff, stats,
inspection list, decomposition, and scoping (another department's item is a 404 for a body administrator)."""

import pytest
from django.urls import reverse

from fazhi.powers.enums import PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.powers.tests.items_fixtures import make_item, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(district, library):
    a = publish(make_item(district, library, code="A-1", name="食品经营许可", is_inspection_item=True,
                          inspection_method="双随机抽查", inspection_object_scope="食品经营者"), district.legal)
    b = make_item(district, library, code="B-1", name="占道经营处罚", category="penalty", departments=[district.org_b],
                  legal_bases=[(library.p9, None, None)])
    return a, b


def test_list_filters_and_scoping(district, items, client_for):
    client = client_for(district.legal)
    page = client.get(reverse("powers:item_list"), {"category": "penalty"}).content.decode()
    assert "占道经营处罚" in page and "食品经营许可" not in page
    page = client_for(district.admin_a).get(reverse("powers:item_list")).content.decode()
    assert "食品经营许可" in page and "占道经营处罚" not in page
    partial = client.get(reverse("powers:item_list"), {"is_inspection_item": "1"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "食品经营许可" in partial.content.decode()


def test_detail_shows_article_text_and_versions(district, items, client_for):
    a, _ = items
    page = client_for(district.officer_a).get(reverse("powers:item_detail", args=[a.public_id])).content.decode()
    assert "《中华人民共和国行政许可法》第十二条" in page and "下列事项可以设定行政许可" in page
    assert "赛政发〔2015〕20号" in page and "依法受理申请" in page


def test_body_admin_gets_404_for_another_departments_item(district, items, client_for):
    _, b = items
    client = client_for(district.admin_a)
    assert client.get(reverse("powers:item_detail", args=[b.public_id])).status_code == 404
    assert client.post(reverse("powers:item_edit", args=[b.public_id]), {"name": "x"}).status_code == 404
    assert client.post(reverse("powers:item_publish", args=[b.public_id])).status_code == 404


def test_officer_cannot_open_write_screens(district, items, client_for):
    assert client_for(district.officer_a).get(reverse("powers:item_create")).status_code == 403


def test_create_draft_through_the_form_and_errors_in_chinese(district, library, client_for):
    client = client_for(district.admin_a)
    data = {"code": "N-1", "name": "新事项", "category": "licensing", "departments": [str(district.org_a.public_id)],
            "legal_bases": "《中华人民共和国行政许可法》第十二条", "responsibilities": "受理:受理申请\n决定:作出决定"}
    response = client.post(reverse("powers:item_create"), data)
    assert response.status_code == 302
    item = PowerItem.objects.get(code="N-1")
    assert item.responsibilities.count() == 2
    bad = {**data, "code": "N-2", "legal_bases": "《城市市容管理暂行办法》第三条"}
    page = client.post(reverse("powers:item_create"), bad).content.decode()
    assert "已废止,不能作为执法依据" in page and not PowerItem.objects.filter(code="N-2").exists()
    other = {**data, "code": "N-3", "departments": [str(district.org_b.public_id)]}
    page = client.post(reverse("powers:item_create"), other).content.decode()
    assert "只能管理本单位牵头(列为第一实施部门)的权力事项" in page


def test_publish_adjust_abolish_screens(district, items, client_for):
    _, b = items
    client = client_for(district.legal)
    step = {"reason": "公布", "document_number": "赛政发〔2016〕1号", "effective_on": "2016-01-01"}
    assert client.post(reverse("powers:item_publish", args=[b.public_id]), step).status_code == 302
    b.refresh_from_db()
    assert b.status == PowerItemStatus.PUBLISHED
    form = client.get(reverse("powers:item_adjust", args=[b.public_id])).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(name="占道经营处罚(调整)", reason="名称规范", effective_on="2016-06-01", document_number="文1")
    response = client.post(reverse("powers:item_adjust", args=[b.public_id]), data)
    assert response.status_code == 302, response.context["form"].errors
    b.refresh_from_db()
    assert b.version == 2 and b.name == "占道经营处罚(调整)"
    page = client.post(reverse("powers:item_abolish", args=[b.public_id]), {**step, "reason": ""}).content.decode()
    assert "请填写原因" in page
    assert client.post(reverse("powers:item_abolish", args=[b.public_id]),
                       {**step, "effective_on": "2017-01-01"}).status_code == 302


def test_diff_stats_inspection_and_decomposition_screens(district, items, client_for):
    client = client_for(district.legal)
    page = client.get(reverse("powers:item_diff"), {"on_a": "2014-12-31", "on_b": "2017-12-31"}).content.decode()
    assert "新增 1 项" in page and "A-1" in page
    page = client.get(reverse("powers:item_stats")).content.decode()
    assert "现行权力事项共 1 项" in page
    page = client.get(reverse("powers:inspection_list")).content.decode()
    assert "双随机抽查" in page and "食品经营者" in page
    response = client.get(reverse("powers:inspection_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    page = client.get(reverse("powers:decomposition")).content.decode()
    assert district.body_a.name in page
    assert client.get(reverse("powers:post_list")).status_code == 200


def test_post_screens(district, items, client_for):
    from fazhi.personnel.tests.factories import OfficerFactory

    officer = OfficerFactory(organisation=district.org_a)
    a, _ = items
    client = client_for(district.admin_a)
    assert client.get(reverse("powers:post_create"), {"body": str(district.body_b.public_id)}).status_code == 404
    response = client.post(reverse("powers:post_create"), {
        "body": str(district.body_a.public_id), "name": "许可岗", "power_items": [str(a.public_id)],
        "officers": [str(officer.public_id)]})
    assert response.status_code == 302
    page = client.get(reverse("powers:post_list")).content.decode()
    assert "许可岗" in page


def test_review_confirm_screen_clears_the_flag(district, library, client_for):
    import datetime as dt

    from fazhi.powers import services
    from fazhi.powers.enums import LawStatus

    item = publish(make_item(district, library, code="R-1"), district.legal)
    detail = reverse("powers:item_detail", args=[item.public_id])
    confirm = reverse("powers:item_review_confirm", args=[item.public_id])
    assert 'data-testid="item-review-confirm"' not in client_for(district.admin_a).get(detail).content.decode()
    services.law_status_change(by=district.legal, law=library.licensing, status=LawStatus.AMENDED,
                               on=dt.date(2024, 1, 1), reason="修改决定")
    assert 'data-testid="item-review-confirm"' not in client_for(district.officer_a).get(detail).content.decode()
    assert client_for(district.officer_a).post(confirm, {"reason": "x"}).status_code == 403
    assert client_for(district.admin_b).post(confirm, {"reason": "x"}).status_code == 404
    client = client_for(district.admin_a)
    assert 'data-testid="item-review-confirm"' in client.get(detail).content.decode()
    assert "请填写复核意见" in client.post(confirm, {"reason": ""}).content.decode()
    assert client.post(confirm, {"reason": "修改未涉及本事项依据"}).status_code == 302
    item.refresh_from_db()
    assert not item.needs_review


def test_a_future_effective_date_is_a_form_error(district, items, client_for):
    import datetime as dt

    from django.utils import timezone

    _, b = items
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = client_for(district.legal).post(reverse("powers:item_publish", args=[b.public_id]),
                                           {"reason": "公布", "effective_on": f"{tomorrow}"}).content.decode()
    assert "决定请在生效之日录入" in page
    b.refresh_from_db()
    assert b.status == PowerItemStatus.DRAFT

"""Staff screens of the service-item catalogue: filters, sort, export, scoping (404 for another body's item),
write permissions, and service errors shown as Chinese form errors."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.powers import services
from fazhi.powers.enums import ServiceItemEventKind, ServiceItemKind
from fazhi.powers.models import ServiceItem

LIST = reverse("powers:service_item_list")
DAY = dt.date(2017, 3, 1)


@pytest.fixture
def items(district):
    def make(code, name, department, kind=ServiceItemKind.APPROVAL, **fields):
        return services.service_item_create(by=district.legal, kind=kind, code=code, name=name,
                                            department=department, happened_on=DAY, **fields)

    a1 = make("A-1", "食品经营许可证核发", district.org_a, online=True, committed_limit_days=10,
              statutory_limit_days=20)
    a2 = make("A-2", "个体工商户设立登记", district.org_a, kind=ServiceItemKind.PUBLIC_SERVICE)
    b1 = make("B-1", "城市建筑垃圾处置核准", district.org_b, committed_limit_days=5, statutory_limit_days=20)
    services.service_item_delegate(by=district.legal, kind=ServiceItemKind.APPROVAL, taken_over=True, happened_on=DAY,
                                   document_number="呼政发〔2017〕8号", code="B-2", name="户外广告设施设置审批",
                                   department=district.org_b)
    return {"a1": a1, "a2": a2, "b1": b1}


def names(response):
    return [i.name for i in response.context["page"].object_list]


def test_list_filters_by_kind_department_online_and_delegation(district, client_for, items):
    client = client_for(district.legal)
    assert len(names(client.get(LIST))) == 4
    assert names(client.get(LIST, {"kind": "public_service"})) == ["个体工商户设立登记"]
    assert set(names(client.get(LIST, {"department": str(district.org_b.public_id)}))) == {
        "城市建筑垃圾处置核准", "户外广告设施设置审批"}
    assert names(client.get(LIST, {"online": "1"})) == ["食品经营许可证核发"]
    assert names(client.get(LIST, {"delegated": "taken_over"})) == ["户外广告设施设置审批"]
    assert names(client.get(LIST, {"q": "建筑垃圾"})) == ["城市建筑垃圾处置核准"]
    assert names(client.get(LIST, {"sort": "committed"}))[:2] == ["城市建筑垃圾处置核准", "食品经营许可证核发"]
    assert client.get(LIST, {"sort": "password"}).status_code == 200  # not whitelisted: ignored, never a 500


def test_list_is_scoped_and_another_bodys_item_is_404(district, client_for, items):
    client = client_for(district.officer_a)
    assert set(names(client.get(LIST))) == {"食品经营许可证核发", "个体工商户设立登记"}
    other = reverse("powers:service_item_detail", args=[items["b1"].public_id])
    assert client.get(other).status_code == 404
    own = client.get(reverse("powers:service_item_detail", args=[items["a1"].public_id]))
    assert own.status_code == 200 and "食品经营许可证核发" in own.content.decode()


def test_export_is_the_filtered_scoped_list(district, client_for, items):
    response = client_for(district.admin_b).get(reverse("powers:service_item_export"), {"kind": "approval"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("事项编码", "事项名称", "事项类型", "实施部门")
    assert sorted(r[0] for r in rows[1:]) == ["B-1", "B-2"]


def test_volunteer_and_public_cannot_open_staff_screens(district, client_for, items, client):
    assert client.get(LIST).status_code == 302  # to the login page
    assert client_for(district.volunteer).get(LIST).status_code == 403


def test_officer_cannot_write(district, client_for, items):
    client = client_for(district.officer_a)
    assert client.get(reverse("powers:service_item_create")).status_code == 403
    assert client.post(reverse("powers:service_item_convert", args=[items["a1"].public_id]),
                       {"happened_on": "2017-06-01", "document_number": "1号"}).status_code == 403


def test_body_admin_edits_own_item_but_another_departments_is_404(district, client_for, items):
    client = client_for(district.admin_a)
    url = reverse("powers:service_item_edit", args=[items["a1"].public_id])
    data = {"name": "食品经营许可证核发", "department": str(district.org_a.public_id), "statutory_limit_days": "20",
            "committed_limit_days": "8", "online": "on", "resident_in_centre": "on", "is_active": "on",
            "place": "市民服务中心二楼"}
    assert client.post(url, data).status_code == 302
    items["a1"].refresh_from_db()
    assert items["a1"].committed_limit_days == 8
    assert client.get(reverse("powers:service_item_edit", args=[items["b1"].public_id])).status_code == 404


def test_create_shows_the_time_limit_error_in_chinese(district, client_for):
    client = client_for(district.legal)
    response = client.post(reverse("powers:service_item_create"), {
        "code": "N-1", "name": "新事项", "kind": "approval", "department": str(district.org_a.public_id),
        "statutory_limit_days": "10", "committed_limit_days": "15", "resident_in_centre": "on", "is_active": "on"})
    assert response.status_code == 200
    assert "承诺时限不得长于法定时限" in response.content.decode()
    assert not ServiceItem.objects.exists()


def test_convert_through_the_screen_and_refusal_for_a_service_item(district, client_for, items):
    client = client_for(district.legal)
    url = reverse("powers:service_item_convert", args=[items["a1"].public_id])
    response = client.post(url, {"happened_on": "2017-06-01", "document_number": "赛政发〔2017〕45号"})
    assert response.status_code == 302
    items["a1"].refresh_from_db()
    assert items["a1"].kind == ServiceItemKind.PUBLIC_SERVICE
    detail = client.get(reverse("powers:service_item_detail", args=[items["a1"].public_id])).content.decode()
    assert "审批转服务" in detail and "赛政发〔2017〕45号" in detail
    again = client.post(url, {"happened_on": "2017-06-02", "document_number": "2号"})
    assert again.status_code == 200 and "已是公共服务事项" in again.content.decode()


def test_delegate_screen_records_not_taken_over(district, client_for):
    client = client_for(district.legal)
    response = client.post(reverse("powers:service_item_delegate"), {
        "code": "D-1", "name": "燃气经营许可证核发", "kind": "approval", "department": str(district.org_b.public_id),
        "taken_over": "0", "happened_on": "2017-04-01", "document_number": "呼政发〔2017〕8号",
        "note": "专业人员不足,暂由市级办理"})
    assert response.status_code == 302
    item = ServiceItem.objects.get(code="D-1")
    assert (item.delegation_taken_over, item.is_active) == (False, False)
    assert item.events.get().kind == ServiceItemEventKind.NOT_TAKEN_OVER


def test_stats_screen_shows_the_counts(district, client_for, items):
    html = client_for(district.legal).get(reverse("powers:service_item_stats")).content.decode()
    assert 'data-testid="stat-total">4<' in html
    assert 'data-testid="stat-delegated">1 / 1<' in html

"""Who sees which warnings (selectors), the warning list, its export, and "my deadlines" on the workbench."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.selectors import warnings_for
from fazhi.supervision.services import warnings_scan

LIST = reverse("supervision:warning_list")


@pytest.fixture
def warned(district):
    """Certificates that warn as of today: officer_a's own (5 days left: expiry within 7 days, renewal overdue), a
    colleague's in body A (110 days: renewal due within 30 days) and one in body B (expired)."""
    today = timezone.localdate()
    w = type("Warned", (), {})()
    w.own = CertificateFactory(officer=OfficerFactory(name="刘洋", organisation=district.org_a, user=district.officer_a),
                               valid_to=today + dt.timedelta(days=5), categories=[district.market])
    w.colleague = CertificateFactory(officer=OfficerFactory(name="陈静", organisation=district.org_a),
                                     valid_to=today + dt.timedelta(days=110), categories=[district.market])
    w.other = CertificateFactory(officer=OfficerFactory(name="周涛", organisation=district.org_b),
                                 valid_to=today - dt.timedelta(days=3), categories=[district.urban])
    warnings_scan(on=today)
    return w


def holders(user, **filters):
    # certificate warnings only: a district-wide calendar warning may be open too, depending on today's date
    return {w.subject_label.split()[1] for w in warnings_for(user=user, filters=filters)
            if w.kind != WarningKind.CALENDAR_YEAR_MISSING}


@pytest.mark.parametrize("who, expected", [
    ("officer_a", {"刘洋"}),  # an officer: their own certificate only
    ("reviewer_a", set()),  # holds no certificate
    ("admin_a", {"刘洋", "陈静"}),  # a body administrator: the organisation's
    ("head_a", {"刘洋", "陈静"}),
    ("admin_b", {"周涛"}),
    ("legal", {"刘洋", "陈静", "周涛"}),  # the legal affairs office: the whole jurisdiction
    ("sysadmin", {"刘洋", "陈静", "周涛"}),
    ("volunteer", set()),
])
def test_warnings_are_scoped_to_the_user(district, warned, who, expected):
    assert holders(getattr(district, who)) == expected


def test_selector_filters(district, warned):
    legal = district.legal
    assert holders(legal, level=WarningLevel.OVERDUE) == {"刘洋", "周涛"}
    assert holders(legal, level=WarningLevel.WITHIN_30) == {"陈静"}
    assert holders(legal, kind=WarningKind.CERTIFICATE_EXPIRED) == {"周涛"}
    assert holders(legal, organisation=str(district.org_a.public_id)) == {"刘洋", "陈静"}
    due = [w.due_on for w in warnings_for(user=legal)]
    assert due == sorted(due)  # most urgent first


def test_list_page_filters_and_scopes(district, warned, client_for):
    html = client_for(district.admin_a).get(LIST).content.decode()
    assert "刘洋" in html and "陈静" in html and "周涛" not in html
    html = client_for(district.legal).get(LIST, {"kind": WarningKind.CERTIFICATE_EXPIRED}).content.decode()
    assert "周涛" in html and "刘洋" not in html
    assert 'class="badge warn warn-overdue"' in html and "已于" in html
    html = client_for(district.legal).get(LIST, {"organisation": str(district.org_b.public_id),
                                                 "sort": "-due_on"}).content.decode()
    assert "周涛" in html and "陈静" not in html
    assert client_for(district.volunteer).get(LIST).status_code == 403


def test_list_page_is_paginated(district, client_for):
    today = timezone.localdate()
    for _ in range(51):
        CertificateFactory(officer=OfficerFactory(organisation=district.org_a), valid_to=today - dt.timedelta(1),
                           categories=[district.market])
    warnings_scan(on=today)
    client = client_for(district.legal)
    expired = {"kind": WarningKind.CERTIFICATE_EXPIRED}
    first = client.get(LIST, expired).content.decode()
    assert first.count('data-testid="warning"') == 50 and "共 51 条" in first
    assert client.get(LIST, {**expired, "page": 2}).content.decode().count('data-testid="warning"') == 1


def test_export_holds_the_filtered_warnings_with_their_trace(district, warned, client_for):
    response = client_for(district.admin_a).get(reverse("supervision:warning_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("紧急程度", "预警类型")
    holders_in_sheet = {row[2].split()[1] for row in rows[1:]}
    assert holders_in_sheet == {"刘洋", "陈静"}
    assert all(row[7] for row in rows[1:])  # every row carries how its date was computed


def test_workbench_shows_my_deadlines_colour_coded_with_the_trace(district, warned, client_for):
    html = client_for(district.officer_a).get(reverse("web:workbench")).content.decode()
    assert "我的期限" in html
    assert html.count('data-testid="deadline"') == 2  # own certificate: expiry in 5 days + renewal overdue
    assert 'class="warn-row warn-within_7"' in html and 'class="warn-row warn-overdue"' in html
    assert "CERT-RENEW" in html and "有效期止" in html  # the traces, behind each deadline
    mine = html[html.index('data-testid="my-deadlines"'):html.index("即将到期的执法证件")]
    assert "刘洋" in mine and "陈静" not in mine


def test_workbench_without_deadlines(district, client_for):
    html = client_for(district.reviewer_a).get(reverse("web:workbench")).content.decode()
    assert 'data-testid="no-deadlines"' in html


def test_export_holds_district_wide_warnings_for_the_office(district, client_for):
    warnings_scan(on=dt.date(2026, 10, 15))  # reaches into 2027, which has no holiday data: a district-wide warning
    response = client_for(district.legal).get(reverse("supervision:warning_export"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert any(row[3] == "全区" and "2027年" in row[5] for row in rows[1:])
    page = client_for(district.legal).get(LIST, {"kind": WarningKind.CALENDAR_YEAR_MISSING}).content.decode()
    assert "全区" in page and "2027年" in page

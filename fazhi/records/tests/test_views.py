import datetime as dt
import uuid

import pytest
from django.db import transaction
from django.urls import reverse

from fazhi.records import services as records
from fazhi.records.enums import Action
from fazhi.records.tests.conftest import tamper

SUBJECT = "personnel.Officer"


@pytest.fixture
def subjects(district):
    """One subject recorded in body A's ledger (three entries), one in body B's, one in the office ledger."""
    a, b, office = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with transaction.atomic():
        for action in (Action.OFFICER_CREATED, Action.OFFICER_CHANGED, Action.OFFICER_LEFT):
            records.append(ledger_key=district.body_a.ledger_key, ledger_name=district.body_a.name,
                           actor=district.admin_a, action=action, subject_type=SUBJECT, subject_id=str(a),
                           payload={"姓名": "王五", "action": str(action)})
        records.append(ledger_key=district.body_b.ledger_key, ledger_name=district.body_b.name,
                       actor=district.admin_b, action=Action.OFFICER_CREATED, subject_type=SUBJECT,
                       subject_id=str(b), payload={"姓名": "赵六"})
        records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name="司法局", actor=district.legal,
                       action=Action.SUPERVISOR_CREATED, subject_type="personnel.Supervisor",
                       subject_id=str(office), payload={})
    return a, b, office


def _url(subject_id, subject_type=SUBJECT):
    return reverse("records:timeline", args=[subject_type, subject_id])


def test_timeline_lists_entries_in_order_with_labels_and_verified_marks(district, subjects, client_for):
    a, _b, _office = subjects
    response = client_for(district.admin_a).get(_url(a))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("执法人员创建") < html.index("执法人员变更") < html.index("执法人员离岗")
    assert html.count('data-testid="verified"') == 3
    assert "王五" in html and district.admin_a.display_name in html
    assert "<html" in html


def test_timeline_is_an_htmx_fragment_when_asked(district, subjects, client_for):
    a, _b, _office = subjects
    response = client_for(district.admin_a).get(_url(a), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'data-testid="record-timeline"' in html


def test_a_tampered_entry_loses_its_verified_mark(district, subjects, client_for):
    a, _b, _office = subjects
    tamper("UPDATE records_entry SET payload = %s WHERE subject_id = %s AND seq = 2",
           ['{"姓名":"伪造"}', str(a)])
    html = client_for(district.admin_a).get(_url(a)).content.decode()
    assert html.count('data-testid="verified"') == 2 and html.count('data-testid="not-verified"') == 1


@pytest.mark.parametrize("who, subject, status", [
    ("admin_a", "a", 200), ("officer_a", "a", 200), ("admin_b", "a", 404),  # another body's timeline: 404
    ("admin_a", "b", 404), ("admin_b", "b", 200),
    ("legal", "a", 200), ("legal", "b", 200), ("legal", "office", 200), ("sysadmin", "office", 200),
    ("admin_a", "office", 404),  # the office ledger is for the jurisdiction-wide roles
    ("volunteer", "a", 403),  # no internal data at all
])
def test_timeline_scoping(district, subjects, client_for, who, subject, status):
    a, b, office = subjects
    subject_id = {"a": a, "b": b, "office": office}[subject]
    subject_type = "personnel.Supervisor" if subject == "office" else SUBJECT
    assert client_for(getattr(district, who)).get(_url(subject_id, subject_type)).status_code == status


def test_timeline_of_an_unknown_subject_is_404(district, subjects, client_for):
    assert client_for(district.legal).get(_url(uuid.uuid4())).status_code == 404


def test_timeline_needs_login(district, subjects, client):
    a, _b, _office = subjects
    assert client.get(_url(a)).status_code == 302


def test_heads_page_is_public_and_searchable_by_date(district, subjects, client):
    records.heads_publish(on=dt.date(2026, 11, 1))
    records.heads_publish(on=dt.date(2026, 11, 2))
    response = client.get(reverse("records:heads"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("2026-11-01") >= 3 and district.body_a.name in html
    one_day = client.get(reverse("records:heads"), {"date": "2026-11-02"}).content.decode()
    assert 'data-testid="heads-table"' in one_day
    assert "<td data-label=\"公布日期\">2026-11-01</td>" not in one_day
    assert "<td data-label=\"公布日期\">2026-11-02</td>" in one_day
    empty = client.get(reverse("records:heads"), {"date": "2020-01-01"}).content.decode()
    assert "该日期没有公布记录" in empty
    bad = client.get(reverse("records:heads"), {"date": "yesterday"})
    assert bad.status_code == 200 and "日期格式应为" in bad.content.decode()


def test_heads_api_is_public_and_read_only(district, subjects, client):
    records.heads_publish(on=dt.date(2026, 11, 1))
    url = reverse("api:ledger-head-list")
    data = client.get(url, {"date": "2026-11-01"}).json()
    assert data["count"] == 3
    row = next(r for r in data["results"] if r["ledger"] == district.body_a.ledger_key)
    assert row["seq"] == 3 and len(row["hash"]) == 64 and row["date"] == "2026-11-01"
    assert client.get(url, {"date": "2020-01-01"}).json()["count"] == 0
    assert client.get(url, {"date": "not-a-date"}).status_code == 400
    assert client.post(url, {}).status_code in (403, 405)

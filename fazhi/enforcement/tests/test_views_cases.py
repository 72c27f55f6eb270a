"""The staff screens of cases: list filters, sorts and export; scoping; registering a lead and filing through
the forms; a filing refused by XZCF-42 shows the rule and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.enforcement.enums import CaseStatus, LeadSource, PartyType, ReviewStatus
from fazhi.enforcement.models import Case, CaseOfficer, DraftDecision, LegalReview
from fazhi.enforcement.services import cases as services
from fazhi.personnel.selectors import today
from fazhi.records.models import Entry

LIST = reverse("enforcement:case_list")
PERSON_ID = "11010519491231002X"
TODAY = dt.date(2026, 6, 15)  # a Monday; every XZCF-60 date below falls in a year whose holidays are entered


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """"Today" is decided in Asia/Shanghai by timezone.localdate everywhere (selectors, services, forms)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def register(e, *, by=None, body=None, category=None, title="销售超过保质期的食品", received=None, party="张三",
             party_type=PartyType.PERSON, party_id=PERSON_ID, source=LeadSource.COMPLAINT):
    return services.case_lead_register(
        by=by or e.d.officer_a, body=body or e.body, title=title, lead_source=source,
        lead_received_on=received or today() - dt.timedelta(days=20), lead_summary="群众举报",
        category=category or e.d.market, party_type=party_type, party_name=party, party_id_number=party_id)


def file_case(e, case, *, filed_on=None, officers=None):
    filed_on = filed_on or case.lead_received_on + dt.timedelta(days=1)
    return services.case_file(by=e.d.officer_a, case=case, filed_on=filed_on, power_item=e.item,
                              legal_bases=[e.article], officers=officers or [e.o1, e.o2],
                              discovered_on=case.lead_received_on, violation_on=case.lead_received_on)


def numbers_in(response) -> list[str]:
    return re.findall(r'data-testid="case-link">([^<]+)</a>', response.content.decode())


@pytest.fixture
def cases(enf):
    """Body A: an open case (filed), an overdue one, a lead, one awaiting review; body B: one lead."""
    d = enf.d
    c = type("Cases", (), {})()
    c.open = file_case(enf, register(enf, title="甲案", party="甲公司", party_type=PartyType.LEGAL_PERSON,
                                     party_id="91150105MA0N1234XD", received=today() - dt.timedelta(days=10)))
    c.late = file_case(enf, register(enf, title="乙案", party="乙某", received=today() - dt.timedelta(days=200)))
    c.lead = register(enf, title="丙案", party="丙某", source=LeadSource.INSPECTION,
                      received=today() - dt.timedelta(days=5))
    c.review = file_case(enf, register(enf, title="丁案", party="丁某", received=today() - dt.timedelta(days=75)))
    draft = DraftDecision.objects.create(public_id="6f0b3c84-8d43-4a0f-9d1c-1d0f3f1f0a01", case=c.review, version=1,
                                         outcome="penalty", penalty_kinds=["warning"], facts_and_evidence="事实",
                                         penalty_and_basis="依据", compliance="履行", remedies="救济",
                                         content_sha256="0" * 64, created_by=d.officer_a)
    LegalReview.objects.create(case=c.review, draft=draft, status=ReviewStatus.PENDING, requested_by=d.officer_a,
                               requested_on=today())
    c.other = services.case_lead_register(
        by=d.admin_b, body=d.body_b, title="戊案", lead_source=LeadSource.COMPLAINT,
        lead_received_on=today() - dt.timedelta(days=3), lead_summary="举报", category=d.urban,
        party_type=PartyType.PERSON, party_name="戊某")
    return c


def titles_in(response) -> set[str]:
    return set(re.findall(r'data-label="案由">([^<]+)</td>', response.content.decode()))


# --- the list -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params, expected", [
    ({}, {"甲案", "乙案", "丙案", "丁案"}),
    ({"status": "lead"}, {"丙案"}),
    ({"lead_source": "inspection"}, {"丙案"}),
    ({"q": "甲公司"}, {"甲案"}),  # party name
    ({"q": "丁"}, {"丁案"}),  # 案由
    ({"overdue": "on"}, {"乙案"}),
    ({"awaiting_review": "on"}, {"丁案"}),
    ({"category": "urban"}, set()),
    ({"procedure": "summary"}, set()),
])
def test_list_filters(enf, cases, client_for, params, expected):
    response = client_for(enf.d.officer_a).get(LIST, params)
    assert response.status_code == 200
    assert titles_in(response) == expected


def test_list_filters_by_number_dates_and_due(enf, cases, client_for):
    client = client_for(enf.d.officer_a)
    assert titles_in(client.get(LIST, {"q": cases.open.number})) == {"甲案"}
    day = today()
    received = {"received_from": (day - dt.timedelta(days=10)).isoformat(),
                "received_to": (day - dt.timedelta(days=5)).isoformat()}
    assert titles_in(client.get(LIST, received)) == {"甲案", "丙案"}  # both ends included
    # due within N days: only open cases whose XZCF-60 date falls between today and today + N (not the overdue)
    assert 0 <= (cases.review.decision_due - day).days <= 30 < (cases.open.decision_due - day).days
    assert titles_in(client.get(LIST, {"due_within": 30})) == {"丁案"}


def test_list_filter_by_body_for_the_office(enf, cases, client_for):
    client = client_for(enf.d.legal)  # the legal affairs office sees every body's cases
    assert titles_in(client.get(LIST)) == {"甲案", "乙案", "丙案", "丁案", "戊案"}
    assert titles_in(client.get(LIST, {"body": str(enf.d.body_b.public_id)})) == {"戊案"}


def test_list_sorts(enf, cases, client_for):
    client = client_for(enf.d.officer_a)
    received = re.findall(r'data-label="案由">([^<]+)</td>', client.get(LIST).content.decode())
    assert received == ["丙案", "甲案", "丁案", "乙案"]  # newest lead first (the default)
    oldest = re.findall(r'data-label="案由">([^<]+)</td>', client.get(LIST, {"sort": "received"}).content.decode())
    assert oldest == list(reversed(received))
    by_due = re.findall(r'data-label="案由">([^<]+)</td>', client.get(LIST, {"sort": "due"}).content.decode())
    assert by_due[0] == "乙案"  # the earliest decision date
    assert client.get(LIST, {"sort": "nonsense"}).status_code == 200


def test_overdue_rows_are_marked_with_their_due_date(enf, cases, client_for):
    html = client_for(enf.d.officer_a).get(LIST).content.decode()
    row = re.search(rf'<tr[^>]*data-case="{cases.late.public_id}"[^>]*>.*?</tr>', html, re.S).group(0)
    assert "warn-overdue" in row and cases.late.decision_due.strftime("%Y-%m-%d") in row
    ok = re.search(rf'<tr[^>]*data-case="{cases.open.public_id}"[^>]*>.*?</tr>', html, re.S).group(0)
    assert "warn-overdue" not in ok


def test_htmx_gets_only_the_rows(enf, cases, client_for):
    response = client_for(enf.d.officer_a).get(LIST, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith("<section id=\"results\"")


def test_export_follows_the_filters_and_masks_person_ids(enf, cases, client_for):
    response = client_for(enf.d.officer_a).get(reverse("enforcement:case_export"), {"status": "investigating"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0] == "案号"
    by_title = {r[1]: r for r in rows[1:]}
    assert set(by_title) == {"甲案", "乙案", "丁案"}
    assert by_title["乙案"][9] == "110105********002X"  # an officer sees a person's ID masked
    assert by_title["甲案"][9] == "91150105MA0N1234XD"  # a USCC is never masked
    assert by_title["乙案"][12] == "是" and by_title["甲案"][12] == "否"
    full = client_for(enf.d.admin_a).get(reverse("enforcement:case_export"), {"q": "乙案"})
    assert list(load_workbook(io.BytesIO(full.content)).active.values)[1][9] == PERSON_ID


def test_volunteer_supervisor_is_refused(enf, cases, client_for):
    client = client_for(enf.d.volunteer)
    for url in (LIST, reverse("enforcement:case_export"), reverse("enforcement:case_detail", args=[cases.open.public_id]),
                reverse("enforcement:case_create")):
        assert client.get(url).status_code == 403, url


# --- the case page --------------------------------------------------------------------------------------------


def test_detail_shows_the_case_clock_officers_and_record(enf, cases, client_for):
    response = client_for(enf.d.officer_a).get(reverse("enforcement:case_detail", args=[cases.late.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert cases.late.number in html
    assert 'data-testid="clock-due">{}'.format(cases.late.decision_due.strftime("%Y-%m-%d")) in html
    assert "XZCF-60" in html and 'data-testid="clock-trace"' in html
    assert 'data-testid="days-overdue"' in html
    for co in CaseOfficer.objects.filter(case=cases.late):
        assert co.certificate.number in html
    assert "110105********002X" in html and PERSON_ID not in html
    assert 'data-testid="verified"' in html and 'data-testid="not-verified"' not in html


def test_detail_shows_full_id_to_roles_that_need_it(enf, cases, client_for):
    html = client_for(enf.d.admin_a).get(reverse("enforcement:case_detail", args=[cases.late.public_id])).content
    assert PERSON_ID in html.decode()


def test_detail_shows_reviews_with_their_status(enf, cases, client_for):
    html = client_for(enf.d.officer_a).get(reverse("enforcement:case_detail",
                                                   args=[cases.review.public_id])).content.decode()
    assert 'data-review-status="pending"' in html and "待审核" in html


def test_another_bodys_case_is_404(enf, cases, client_for):
    client = client_for(enf.d.officer_a)
    assert client.get(reverse("enforcement:case_detail", args=[cases.other.public_id])).status_code == 404
    assert client.get(reverse("enforcement:case_file", args=[cases.other.public_id])).status_code == 404
    assert client_for(enf.d.legal).get(reverse("enforcement:case_detail",
                                               args=[cases.other.public_id])).status_code == 200


# --- lead and filing through the forms ------------------------------------------------------------------------


def lead_post(enf, **over):
    data = {"body": str(enf.body.public_id), "category": "market", "title": "无证经营食品", "lead_source": "complaint",
            "lead_received_on": (today() - dt.timedelta(days=3)).isoformat(), "lead_summary": "市民电话举报",
            "party_type": "person", "party_name": "李四", "party_id_number": PERSON_ID}
    data.update(over)
    return data


def file_post(enf, case, **over):
    data = {"filed_on": today().isoformat(), "power_item": str(enf.item.public_id),
            "legal_bases": [str(enf.article.pk)], "lead_officer": str(enf.o1.public_id),
            "assistants": [str(enf.o2.public_id)], "discovered_on": case.lead_received_on.isoformat(),
            "violation_on": case.lead_received_on.isoformat(), "facts": "经查……"}
    data.update(over)
    return data


def test_lead_then_filing_through_the_forms(enf, client_for):
    client = client_for(enf.d.officer_a)
    form = client.get(reverse("enforcement:case_create"))
    assert form.status_code == 200 and enf.d.body_b.name not in form.content.decode()  # only own bodies offered
    response = client.post(reverse("enforcement:case_create"), lead_post(enf))
    case = Case.objects.get(title="无证经营食品")
    assert response.status_code == 302 and response.url == reverse("enforcement:case_detail", args=[case.public_id])
    assert case.status == CaseStatus.LEAD and case.body == enf.body

    url = reverse("enforcement:case_file", args=[case.public_id])
    page = client.get(url).content.decode()
    cert_number = enf.o1.certificates.get().number
    assert cert_number in page  # officers shown with their certificate numbers
    assert enf.expired_officer.name not in page and enf.auxiliary.name not in page and enf.urban_officer.name not in page
    response = client.post(url, file_post(enf, case))
    assert response.status_code == 302, response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING and case.number and case.decision_due
    assert list(case.case_officers.order_by("-role").values_list("officer__name", "role")) == [
        ("张明", "lead"), ("李华", "assist")]
    assert list(case.legal_bases.all()) == [enf.article]


def test_lead_form_errors_are_chinese(enf, client_for):
    response = client_for(enf.d.officer_a).post(reverse("enforcement:case_create"),
                                                lead_post(enf, title="", party_id_number="123"))
    html = response.content.decode()
    assert response.status_code == 200 and "请填写案由" in html
    assert not Case.objects.exists()


def test_lead_form_refuses_a_category_the_body_lacks(enf, client_for):
    response = client_for(enf.d.officer_a).post(reverse("enforcement:case_create"), lead_post(enf, category="urban"))
    assert "选择一个有效的选项" in response.content.decode() or "执法类别" in response.content.decode()
    assert not Case.objects.exists()


def test_filing_with_one_officer_shows_xzcf42_and_changes_nothing(enf, client_for):
    case = register(enf)
    before = Entry.objects.count()
    response = client_for(enf.d.officer_a).post(reverse("enforcement:case_file", args=[case.public_id]),
                                                file_post(enf, case, assistants=[]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "XZCF-42" in html and "执法人员不得少于2人" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD and case.number == "" and case.decision_due is None
    assert not CaseOfficer.objects.filter(case=case).exists() and not case.legal_bases.exists()
    assert Entry.objects.count() == before


def test_filing_refuses_an_officer_without_a_valid_certificate(enf, client_for):
    case = register(enf)
    response = client_for(enf.d.officer_a).post(reverse("enforcement:case_file", args=[case.public_id]),
                                                file_post(enf, case, assistants=[str(enf.expired_officer.public_id)]))
    assert "XZCF-42" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


def test_filing_offers_officers_certified_on_the_filing_date(enf, client_for):
    """The expired officer's certificate ended 2026-03-01: on that day he may still file, the day after not."""
    case = register(enf, received=dt.date(2026, 2, 20))
    url = reverse("enforcement:case_file", args=[case.public_id])
    client = client_for(enf.d.officer_a)
    on_last_day = client.post(url, file_post(enf, case, filed_on="2026-03-01", lead_officer=str(enf.o1.public_id),
                                             assistants=[], discovered_on="2026-02-20", violation_on="2026-02-20"))
    assert enf.expired_officer.name in on_last_day.content.decode()
    day_after = client.post(url, file_post(enf, case, filed_on="2026-03-02", assistants=[],
                                           discovered_on="2026-02-20", violation_on="2026-02-20"))
    assert enf.expired_officer.name not in day_after.content.decode()


def test_filing_refuses_a_basis_of_another_item(enf, client_for):
    case = register(enf)
    response = client_for(enf.d.officer_a).post(reverse("enforcement:case_file", args=[case.public_id]),
                                                file_post(enf, case, legal_bases=[str(enf.other_article.pk)]))
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.LEAD


def test_menu_has_the_case_list(enf, client_for):
    html = client_for(enf.d.officer_a).get(LIST).content.decode()
    assert f'href="{LIST}"' in html and "执法案件" in html


def test_detail_shows_the_blocked_decision_with_its_rule_then_the_decision(enf, client_for):
    from fazhi.enforcement.enums import ReviewPoint
    from fazhi.enforcement.services import review as review_services
    from fazhi.enforcement.tests.test_api import major_case_ready_to_decide

    case = major_case_ready_to_decide(enf)
    url = reverse("enforcement:case_detail", args=[case.public_id])
    html = client_for(enf.d.head_a).get(url).content.decode()
    blocked = re.search(r'data-testid="step-decide-blocked">.*?</span>', html, re.S).group(0)
    assert "disabled" in blocked and "XZCF-58" in blocked
    assert 'data-testid="draft-1"' in html and "未提请法制审核" in html
    review = review_services.review_request(by=enf.d.officer_a, case=case, requested_on=dt.date(2026, 6, 2))
    review_services.review_approve(by=enf.d.reviewer_a, review=review, opinion="同意",
                                   checklist={p: {"ok": True, "note": ""} for p in ReviewPoint.values},
                                   decided_on=dt.date(2026, 6, 3))
    services.case_decide(by=enf.d.head_a, case=case, decided_on=dt.date(2026, 6, 4))
    html = client_for(enf.d.head_a).get(url).content.decode()
    assert 'data-review-status="approved"' in html and "同意" in html
    decision = case.decision
    assert f'data-testid="decision-number">{decision.number}' in html
    assert 'data-testid="document-penalty_decision"' in html and 'data-testid="publish"' in html

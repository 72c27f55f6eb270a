import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import UserFactory
from fazhi.orgs.tests.factories import JurisdictionFactory, OrganisationFactory
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType, SupervisorSector
from fazhi.personnel.models import Certificate, ExamResult, Officer, Training, VolunteerSupervisor
from fazhi.personnel.selectors import today
from fazhi.personnel.tests.factories import (
    CertificateFactory,
    ExamResultFactory,
    OfficerFactory,
    SupervisorFactory,
    make_id_number,
)
from fazhi.records.models import Entry

OFFICERS = reverse("personnel:officer_list")


def names_in(response) -> list[str]:
    """Officer names in the order the list shows them."""
    return re.findall(r'data-testid="officer-link">([^<]+)</a>', response.content.decode())


@pytest.fixture
def people(district):
    """Officers of body A and B covering each filter: valid, expiring, expired, auxiliary, left."""
    day = today()
    p = type("People", (), {})()
    p.zhang = OfficerFactory(name="张伟", organisation=district.org_a, phone="13900001111")
    p.zhang_cert = CertificateFactory(officer=p.zhang, number="15010500001", valid_from=day - dt.timedelta(400),
                                      valid_to=day + dt.timedelta(800), categories=[district.market])
    p.li = OfficerFactory(name="李娜", organisation=district.org_a)
    p.li_cert = CertificateFactory(officer=p.li, number="15010500002", valid_from=day - dt.timedelta(2000),
                                   valid_to=day + dt.timedelta(20), categories=[district.market])
    p.wang = OfficerFactory(name="王强", organisation=district.org_b)
    p.wang_cert = CertificateFactory(officer=p.wang, number="15010500003", valid_from=day - dt.timedelta(2200),
                                     valid_to=day - dt.timedelta(5), categories=[district.urban])
    p.aux = OfficerFactory(name="赵敏", organisation=district.org_b, staff_type=StaffType.AUXILIARY)
    p.gone = OfficerFactory(name="孙立", organisation=district.org_a, status=OfficerStatus.LEFT)
    return p


# --- the officer list -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, {"张伟", "李娜", "王强", "赵敏", "孙立"}),
        ({"q": "张伟"}, {"张伟"}),  # by name
        ({"q": "15010500002"}, {"李娜"}),  # by certificate number
        ({"organisation": "org_b"}, {"王强", "赵敏"}),
        ({"status": "left"}, {"孙立"}),
        ({"staff_type": "auxiliary"}, {"赵敏"}),
        ({"expiring_within": "30"}, {"李娜"}),  # valid, ends in 20 days
        ({"expiring_within": "90", "organisation": "org_a"}, {"李娜"}),
        ({"no_valid_certificate": "on"}, {"王强", "赵敏", "孙立"}),  # expired, never had one, left
    ],
)
def test_officer_list_filters(district, people, client_for, params, expected):
    params = {k: (str(getattr(district, v).public_id) if k == "organisation" else v) for k, v in params.items()}
    response = client_for(district.legal).get(OFFICERS, params)
    assert response.status_code == 200
    assert set(names_in(response)) == expected


def test_officer_list_filter_by_id_number(district, people, client_for):
    response = client_for(district.legal).get(OFFICERS, {"q": people.wang.id_number})
    assert names_in(response) == ["王强"]


def test_officer_list_organisation_choices_are_scoped(district, people, client_for):
    html = client_for(district.admin_a).get(OFFICERS).content.decode()
    assert str(district.org_a.public_id) in html
    assert str(district.org_b.public_id) not in html
    assert set(names_in(client_for(district.admin_a).get(OFFICERS))) == {"张伟", "李娜", "孙立"}


def test_officer_list_sort_whitelist(district, people, client_for):
    client = client_for(district.legal)
    by_name = names_in(client.get(OFFICERS, {"sort": "name"}))
    assert by_name == sorted(by_name) and len(by_name) == 5
    assert names_in(client.get(OFFICERS, {"sort": "-name"})) == list(reversed(by_name))
    assert names_in(client.get(OFFICERS, {"sort": "status"}))[-1] == "孙立"  # "left" sorts after "active"
    # a field outside the whitelist is ignored, never passed to order_by
    response = client.get(OFFICERS, {"sort": "id_number"})
    assert response.status_code == 200 and len(names_in(response)) == 5


def test_officer_list_paginates_by_50(district, client_for):
    OfficerFactory.create_batch(51, organisation=district.org_a)
    client = client_for(district.legal)
    first, second = client.get(OFFICERS), client.get(OFFICERS, {"page": 2})
    assert len(names_in(first)) == 50
    assert len(names_in(second)) == 1
    assert set(names_in(first)).isdisjoint(names_in(second))
    assert "共 51 人" in first.content.decode()


def test_htmx_request_gets_only_the_results(district, people, client_for):
    response = client_for(district.legal).get(OFFICERS, {"q": "张伟"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<section id="results"' in html and "<html" not in html
    assert names_in(response) == ["张伟"]


@pytest.mark.parametrize("role_user, full", [("legal", True), ("admin_a", True), ("officer_a", False),
                                             ("head_a", False), ("reviewer_a", False)])
def test_id_numbers_are_masked_unless_the_role_needs_them(district, people, client_for, role_user, full):
    client = client_for(getattr(district, role_user))
    for response in (client.get(OFFICERS), client.get(reverse("personnel:officer_detail", args=[people.zhang.public_id]))):
        html = response.content.decode()
        assert (people.zhang.id_number in html) is full
        assert people.zhang.id_number_masked in html or full


def test_volunteer_supervisor_is_refused_internal_lists(district, client_for):
    client = client_for(district.volunteer)
    for name in ("officer_list", "certificate_list", "exam_list", "supervisor_list", "officer_export"):
        assert client.get(reverse(f"personnel:{name}")).status_code == 403


def test_anonymous_user_is_sent_to_login(client, district):
    response = client.get(OFFICERS)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# --- scoping: another body's objects are 404 ---------------------------------------------------------------------


def test_body_admin_gets_404_for_another_bodys_officer_and_certificate(district, people, client_for):
    client = client_for(district.admin_a)
    for url in (
        reverse("personnel:officer_detail", args=[people.wang.public_id]),
        reverse("personnel:officer_edit", args=[people.wang.public_id]),
        reverse("personnel:officer_leave", args=[people.wang.public_id]),
        reverse("personnel:training_add", args=[people.wang.public_id]),
        reverse("personnel:certificate_detail", args=[people.wang_cert.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "王强" not in response.content.decode()
    response = client.post(reverse("personnel:officer_edit", args=[people.wang.public_id]), {"name": "改名"})
    assert response.status_code == 404
    people.wang.refresh_from_db()
    assert people.wang.name == "王强"
    # certificate actions belong to the legal affairs office: a body admin is refused the route itself
    url = reverse("personnel:certificate_action", args=[people.wang_cert.public_id, "revoke"])
    assert client.post(url, {"reason": "越权"}).status_code == 403
    # ...and its own officers still open
    assert client.get(reverse("personnel:officer_detail", args=[people.zhang.public_id])).status_code == 200


def test_certificate_action_of_another_jurisdiction_is_404(district, people, client_for):
    other = OrganisationFactory(name="新城区司法局", jurisdiction=JurisdictionFactory(code="150102", name="新城区"))
    outsider = UserFactory(role=Role.LEGAL_OFFICE, organisation=other, username="legal_other")
    client = client_for(outsider)
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, "revoke"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "越权"}).status_code == 404
    people.zhang_cert.refresh_from_db()
    assert people.zhang_cert.status == CertificateStatus.VALID
    assert client.get(reverse("personnel:certificate_detail", args=[people.zhang_cert.public_id])).status_code == 404


# --- certificate status actions ---------------------------------------------------------------------------------


def test_revoke_changes_status_and_appends_a_record_entry(district, people, client_for):
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, "revoke"])
    response = client_for(district.legal).post(url, {"reason": "违法执法,情节严重"})
    assert response.status_code == 302
    assert response["Location"] == reverse("personnel:certificate_detail", args=[people.zhang_cert.public_id])
    people.zhang_cert.refresh_from_db()
    assert people.zhang_cert.status == CertificateStatus.REVOKED
    assert people.zhang_cert.status_reason == "违法执法,情节严重"
    entry = Entry.objects.get(subject_id=str(people.zhang_cert.public_id), action="certificate.revoked")
    assert entry.payload["reason"] == "违法执法,情节严重"
    assert entry.actor == district.legal
    # the officer's page shows the entry in its timeline
    detail = client_for(district.legal).get(reverse("personnel:officer_detail", args=[people.zhang.public_id]))
    assert "执法证件吊销" in detail.content.decode()


def test_revoke_without_reason_shows_an_error_and_changes_nothing(district, people, client_for):
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, "revoke"])
    before = Entry.objects.count()
    response = client_for(district.legal).post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "请填写吊销原因" in response.content.decode()
    people.zhang_cert.refresh_from_db()
    assert people.zhang_cert.status == CertificateStatus.VALID
    assert Entry.objects.count() == before


def test_a_refused_transition_shows_the_service_error(district, people, client_for):
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, "reinstate"])
    response = client_for(district.legal).post(url, {"reason": "误操作"})
    assert response.status_code == 200
    assert "不能恢复" in response.content.decode()
    people.zhang_cert.refresh_from_db()
    assert people.zhang_cert.status == CertificateStatus.VALID


@pytest.mark.parametrize("action, status", [("suspend", CertificateStatus.SUSPENDED), ("lose", CertificateStatus.LOST)])
def test_other_status_actions(district, people, client_for, action, status):
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, action])
    assert client_for(district.legal).post(url, {"reason": "依规处理"}).status_code == 302
    people.zhang_cert.refresh_from_db()
    assert people.zhang_cert.status == status


def test_unknown_action_is_404(district, people, client_for):
    url = reverse("personnel:certificate_action", args=[people.zhang_cert.public_id, "delete"])
    assert client_for(district.legal).post(url, {"reason": "x"}).status_code == 404


# --- export ---------------------------------------------------------------------------------------------------


def _sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_masks_id_numbers_for_an_officer(district, people, client_for):
    rows = _sheet_rows(client_for(district.officer_a).get(reverse("personnel:officer_export"), {"q": "张伟"}))
    assert rows[0][:3] == ["姓名", "性别", "身份证号码"]
    assert len(rows) == 2
    assert rows[1][0] == "张伟"
    assert rows[1][2] == people.zhang.id_number_masked != people.zhang.id_number
    assert rows[1][8] == "15010500001"


def test_export_uses_the_filters_and_full_ids_for_the_legal_office(district, people, client_for):
    response = client_for(district.legal).get(reverse("personnel:officer_export"),
                                              {"organisation": str(district.org_b.public_id), "sort": "name"})
    rows = _sheet_rows(response)
    assert sorted(r[0] for r in rows[1:]) == ["王强", "赵敏"]
    assert {r[2] for r in rows[1:]} == {people.wang.id_number, people.aux.id_number}


def test_certificate_and_exam_exports(district, people, client_for):
    ExamResultFactory(officer=people.zhang)
    client = client_for(district.officer_a)
    certs = _sheet_rows(client.get(reverse("personnel:certificate_export"), {"status": "valid"}))
    assert sorted(r[0] for r in certs[1:]) == ["15010500001", "15010500002"]
    exams = _sheet_rows(client.get(reverse("personnel:exam_export")))
    assert exams[1][0] == "张伟" and exams[1][1] == people.zhang.id_number_masked


# --- the certificate list -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, {"15010500001", "15010500002", "15010500003"}),
        ({"status": "expired"}, {"15010500003"}),  # valid in the table but past its end date
        ({"status": "valid"}, {"15010500001", "15010500002"}),
        ({"expiring_within": "30"}, {"15010500002"}),
        ({"category": "urban"}, {"15010500003"}),
        ({"q": "李娜"}, {"15010500002"}),
    ],
)
def test_certificate_list_filters(district, people, client_for, params, expected):
    html = client_for(district.legal).get(reverse("personnel:certificate_list"), params).content.decode()
    shown = set(re.findall(r">(1501050000\d)</a>", html))
    assert shown == expected


def test_certificate_list_shows_effective_status(district, people, client_for):
    html = client_for(district.legal).get(reverse("personnel:certificate_list"), {"q": "15010500003"}).content.decode()
    assert 'data-status="expired"' in html


# --- officers: create, edit, leave ---------------------------------------------------------------------------


def officer_post(district, **overrides):
    data = {"name": "周杰", "gender": "M", "id_number": make_id_number(321), "organisation": str(district.org_a.public_id),
            "post": "科员", "staff_type": StaffType.CIVIL_SERVANT, "phone": ""}
    data.update(overrides)
    return data


def test_officer_create_with_a_bad_id_checksum_shows_the_chinese_message(district, client_for):
    good = make_id_number(321)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client_for(district.admin_a).post(reverse("personnel:officer_create"), officer_post(district, id_number=bad))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="error-id_number"' in html and "校验位" in html
    assert not Officer.objects.filter(name="周杰").exists()


def test_officer_create_records_and_redirects(district, client_for):
    response = client_for(district.admin_a).post(reverse("personnel:officer_create"), officer_post(district))
    officer = Officer.objects.get(name="周杰")
    assert response.status_code == 302
    assert response["Location"] == reverse("personnel:officer_detail", args=[officer.public_id])
    assert Entry.objects.filter(subject_id=str(officer.public_id), action="officer.created").exists()


def test_body_admin_cannot_create_an_officer_in_another_organisation(district, client_for):
    data = officer_post(district, organisation=str(district.org_b.public_id))
    response = client_for(district.admin_a).post(reverse("personnel:officer_create"), data)
    assert response.status_code == 200
    assert 'data-testid="error-organisation"' in response.content.decode()
    assert not Officer.objects.filter(name="周杰").exists()


def test_officer_create_duplicate_id_number_is_a_field_error(district, people, client_for):
    data = officer_post(district, id_number=people.zhang.id_number)
    response = client_for(district.legal).post(reverse("personnel:officer_create"), data)
    assert response.status_code == 200
    assert 'data-testid="error-id_number"' in response.content.decode()
    assert Officer.objects.filter(id_number=people.zhang.id_number).count() == 1


def test_officer_role_cannot_create(district, client_for):
    assert client_for(district.officer_a).get(reverse("personnel:officer_create")).status_code == 403


def test_officer_edit_saves_and_records_the_change(district, people, client_for):
    url = reverse("personnel:officer_edit", args=[people.zhang.public_id])
    client = client_for(district.admin_a)
    form = client.get(url).content.decode()
    assert people.zhang.id_number in form  # the form is prefilled
    data = officer_post(district, name="张伟", id_number=people.zhang.id_number, post="副队长", phone="13900001111")
    assert client.post(url, data).status_code == 302
    people.zhang.refresh_from_db()
    assert people.zhang.post == "副队长"
    entry = Entry.objects.get(subject_id=str(people.zhang.public_id), action="officer.changed")
    assert entry.payload["changes"]["post"] == ["科员", "副队长"]


def test_officer_edit_refused_by_service_changes_nothing(district, people, client_for):
    url = reverse("personnel:officer_edit", args=[people.zhang.public_id])
    data = officer_post(district, name="张伟", id_number=people.zhang.id_number, staff_type=StaffType.AUXILIARY)
    response = client_for(district.legal).post(url, data)
    assert response.status_code == 200
    assert "不能改为辅助人员" in response.content.decode()
    people.zhang.refresh_from_db()
    assert people.zhang.staff_type == StaffType.CIVIL_SERVANT


def test_officer_leave_withdraws_certificates(district, people, client_for):
    url = reverse("personnel:officer_leave", args=[people.zhang.public_id])
    response = client_for(district.admin_a).post(url, {"left_on": today().isoformat(), "reason": "调离执法岗位"})
    assert response.status_code == 302
    people.zhang.refresh_from_db()
    people.zhang_cert.refresh_from_db()
    assert people.zhang.status == OfficerStatus.LEFT
    assert people.zhang_cert.status == CertificateStatus.REVOKED


def test_officer_leave_requires_a_reason(district, people, client_for):
    url = reverse("personnel:officer_leave", args=[people.zhang.public_id])
    response = client_for(district.admin_a).post(url, {"left_on": today().isoformat(), "reason": ""})
    assert "请填写离岗原因" in response.content.decode()
    people.zhang.refresh_from_db()
    assert people.zhang.status == OfficerStatus.ACTIVE


# --- certificates: issue, renew ---------------------------------------------------------------------------------


def test_certificate_issue(district, client_for):
    officer = OfficerFactory(organisation=district.org_a)
    url = reverse("personnel:certificate_issue", args=[officer.public_id])
    page = client_for(district.legal).get(url).content.decode()
    assert re.search(r'<input[^>]*value="market"[^>]*checked', page)  # the body's categories are preselected
    assert not re.search(r'<input[^>]*value="urban"[^>]*checked', page)
    response = client_for(district.legal).post(url, {"number": "15010599999", "categories": ["market"],
                                                     "area": "赛罕区", "valid_from": "2026-01-01"})
    assert response.status_code == 302
    cert = Certificate.objects.get(number="15010599999")
    assert cert.officer == officer and cert.valid_to == dt.date(2031, 12, 31)


def test_certificate_issue_for_auxiliary_staff_is_refused(district, people, client_for):
    url = reverse("personnel:certificate_issue", args=[people.aux.public_id])
    response = client_for(district.legal).post(url, {"number": "15010599998", "categories": ["urban"],
                                                     "area": "赛罕区", "valid_from": "2026-01-01"})
    assert response.status_code == 200
    assert "辅助人员不得申领行政执法证件" in response.content.decode()
    assert not Certificate.objects.filter(number="15010599998").exists()


def test_certificate_issue_duplicate_number_and_bad_range(district, people, client_for):
    officer = OfficerFactory(organisation=district.org_a)
    url = reverse("personnel:certificate_issue", args=[officer.public_id])
    client = client_for(district.legal)
    dup = client.post(url, {"number": "15010500001", "categories": ["market"], "area": "赛罕区",
                            "valid_from": "2026-01-01"})
    assert dup.status_code == 200 and 'data-testid="error-number"' in dup.content.decode()
    backwards = client.post(url, {"number": "15010599997", "categories": ["market"], "area": "赛罕区",
                                  "valid_from": "2026-05-01", "valid_to": "2026-04-30"})
    assert "有效期止不能早于有效期起" in backwards.content.decode()
    assert not officer.certificates.exists()


def test_certificate_renew(district, people, client_for):
    url = reverse("personnel:certificate_renew", args=[people.li_cert.public_id])
    response = client_for(district.legal).post(url, {"number": "15010500102", "valid_from": today().isoformat()})
    new = Certificate.objects.get(number="15010500102")
    assert response["Location"] == reverse("personnel:certificate_detail", args=[new.public_id])
    people.li_cert.refresh_from_db()
    assert people.li_cert.status == CertificateStatus.REPLACED and new.replaces == people.li_cert


# --- training and exams ------------------------------------------------------------------------------------------


def test_training_add(district, people, client_for):
    url = reverse("personnel:training_add", args=[people.zhang.public_id])
    response = client_for(district.admin_a).post(url, {"course": "行政处罚法专题", "held_on": "2026-03-02",
                                                       "hours": "8"})
    assert response.status_code == 302
    assert Training.objects.get(officer=people.zhang).hours == 8
    assert "行政处罚法专题" in client_for(district.admin_a).get(
        reverse("personnel:officer_detail", args=[people.zhang.public_id])).content.decode()


def test_exam_add_and_list(district, people, client_for):
    url = reverse("personnel:exam_add", args=[people.li.public_id])
    client = client_for(district.legal)
    bad = client.post(url, {"exam_name": "执法资格考试", "taken_on": "2026-06-01", "score": "120"})
    assert bad.status_code == 200 and not ExamResult.objects.exists()
    assert client.post(url, {"exam_name": "执法资格考试", "taken_on": "2026-06-01", "score": "88",
                             "passed": "on"}).status_code == 302
    ExamResultFactory(officer=people.wang, passed=False, score=40)
    html = client.get(reverse("personnel:exam_list"), {"passed": "1"}).content.decode()
    assert "李娜" in html and "王强" not in html
    assert client_for(district.admin_a).get(url).status_code == 403  # exams are recorded by the legal office


# --- volunteer supervisors ---------------------------------------------------------------------------------------


def test_supervisor_screens(district, client_for):
    SupervisorFactory(name="钱律师")
    officer_client = client_for(district.officer_a)
    assert "钱律师" in officer_client.get(reverse("personnel:supervisor_list")).content.decode()
    assert officer_client.get(reverse("personnel:supervisor_create")).status_code == 403

    client = client_for(district.legal)
    data = {"name": "孙代表", "gender": "F", "sector": SupervisorSector.NPC_DEPUTY, "term_start": "2026-01-01",
            "term_end": "2025-12-31"}
    assert "聘任止不能早于聘任起" in client.post(reverse("personnel:supervisor_create"), data).content.decode()
    data["term_end"] = "2028-12-31"
    assert client.post(reverse("personnel:supervisor_create"), data).status_code == 302
    supervisor = VolunteerSupervisor.objects.get(name="孙代表")
    edit = reverse("personnel:supervisor_edit", args=[supervisor.public_id])
    assert client.post(edit, {**data, "status": "ended", "work_unit": "某律所"}).status_code == 302
    supervisor.refresh_from_db()
    assert supervisor.status == "ended" and supervisor.work_unit == "某律所"
    html = client.get(reverse("personnel:supervisor_list"), {"sector": SupervisorSector.NPC_DEPUTY}).content.decode()
    assert "孙代表" in html and "钱律师" not in html


# --- detail pages -----------------------------------------------------------------------------------------------


def test_officer_detail_shows_qr_to_the_public_check(district, people, client_for):
    response = client_for(district.officer_a).get(reverse("personnel:officer_detail", args=[people.zhang.public_id]))
    html = response.content.decode()
    assert "<svg" in html
    assert "http://testserver" + reverse("disclosure:certificate_qr", args=["15010500001"]) in html
    assert 'data-testid="action-revoke"' not in html  # an officer sees no certificate actions


def test_certificate_detail_shows_actions_for_the_legal_office(district, people, client_for):
    html = client_for(district.legal).get(
        reverse("personnel:certificate_detail", args=[people.zhang_cert.public_id])).content.decode()
    for action in ("suspend", "revoke", "lose"):
        assert f'data-testid="action-{action}"' in html
    assert 'data-testid="action-reinstate"' not in html


@pytest.mark.parametrize("role_user", ["sysadmin", "legal", "admin_a", "officer_a", "reviewer_a", "head_a"])
def test_every_list_opens_for_internal_roles(district, people, client_for, role_user):
    client = client_for(getattr(district, role_user))
    for name in ("officer_list", "certificate_list", "exam_list", "supervisor_list"):
        assert client.get(reverse(f"personnel:{name}")).status_code == 200, name


def test_a_masked_role_cannot_confirm_an_id_number_by_searching(district, client_for):
    from fazhi.personnel.tests.factories import OfficerFactory

    officer = OfficerFactory(organisation=district.org_a, name="赵明")
    as_officer = client_for(district.officer_a).get("/personnel/officers/", {"q": officer.id_number})
    assert "赵明" not in as_officer.content.decode()
    as_admin = client_for(district.admin_a).get("/personnel/officers/", {"q": officer.id_number})
    assert "赵明" in as_admin.content.decode()


def test_supervisor_export_lists_the_filtered_register(district, client_for):
    import io

    import openpyxl

    from fazhi.personnel.tests.factories import SupervisorFactory

    SupervisorFactory(name="包丽娟", sector="lawyer")
    SupervisorFactory(name="韩志刚", sector="npc")
    response = client_for(district.legal).get("/personnel/supervisors/export/", {"sector": "lawyer"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)
                                              if response.streaming else response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["包丽娟"]


def test_certificate_detail_shows_the_renewal_deadline_and_how_it_was_computed(district, client_for):
    import datetime as dt

    from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory

    # expires 2026-01-04: three months before is 2025-10-04, inside National Day, so the latest day is 09-30
    cert = CertificateFactory(officer=OfficerFactory(organisation=district.org_a), valid_to=dt.date(2026, 1, 4))
    page = client_for(district.legal).get(f"/personnel/certificates/{cert.public_id}/").content.decode()
    assert "2025-09-30" in page and "CERT-RENEW" in page and "法定节假日" in page

"""Officer, exam-result and volunteer-supervisor importers, including every bad input of issue 2."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import PermissionDenied
from fazhi.core.imports import services as imports
from fazhi.core.models import ImportJob
from fazhi.core.tests.files import csv_upload, xlsx_upload
from fazhi.personnel.enums import CertificateStatus, StaffType, SupervisorSector
from fazhi.personnel.models import Certificate, ExamResult, Officer, VolunteerSupervisor
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory, make_id_number
from fazhi.records.enums import Action
from fazhi.records.models import Entry

OFFICER_HEADERS = ["姓名", "性别", "身份证号码", "所属单位", "职务", "人员类别", "联系电话", "证件编号", "执法类别",
                   "执法区域", "有效期起", "有效期止"]
ID1, ID2, ID3 = make_id_number(1, dt.date(1980, 3, 1)), make_id_number(2, dt.date(1990, 7, 9)), make_id_number(3)


def officer_row(name, id_number, org, *, staff="公务员", number="", categories="", valid_from="", valid_to="",
                area=""):
    return [name, "男", id_number, org.name, "科员", staff, "13800000000", number, categories, area, valid_from,
            valid_to]


def counts():
    return (Officer.objects.count(), Certificate.objects.count(), ExamResult.objects.count(),
            VolunteerSupervisor.objects.count(), Entry.objects.count())


def run(user, file, key="officers"):
    job = imports.import_job_create(by=user, importer_key=key, upload=file)
    if job.status == ImportStatus.VALID:
        job = imports.import_job_confirm(by=user, job=job)
    return job


def errors_of(job):
    return {(e["row"], e["column"]): e["message"] for e in job.errors}


def assert_refused(user, rows, expected: dict, file=None):
    before = counts()
    job = run(user, file or xlsx_upload(OFFICER_HEADERS, rows))
    assert job.status == ImportStatus.INVALID
    found = errors_of(job)
    for key, fragment in expected.items():
        assert key in found, found
        assert fragment in found[key]
    assert counts() == before
    return job


# --- happy path ----------------------------------------------------------------------------------


def test_officers_with_and_without_certificates_are_imported(district):
    rows = [
        officer_row("张伟", ID1, district.org_a, number="15010500099001", categories="市场监管",
                    valid_from=dt.datetime(2023, 1, 1), valid_to="2028/12/31"),
        officer_row("王芳", ID2, district.org_a, staff="事业编制人员", number="15010500099002",
                    categories="市场监管、城市管理", valid_from="2024年3月1日"),
        officer_row("李强", ID3, district.org_b, staff="辅助人员"),
    ]
    entries = Entry.objects.count()
    job = run(district.legal, xlsx_upload(OFFICER_HEADERS, rows))
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    assert job.result == {"执法人员": 3, "执法证件": 2}
    zhang = Officer.objects.get(id_number=ID1)
    assert (zhang.name, zhang.organisation, zhang.staff_type) == ("张伟", district.org_a, StaffType.CIVIL_SERVANT)
    first = Certificate.objects.get(number="15010500099001")
    assert (first.officer, first.valid_from, first.valid_to) == (zhang, dt.date(2023, 1, 1), dt.date(2028, 12, 31))
    assert first.area == district.jurisdiction.name and first.status == CertificateStatus.VALID
    second = Certificate.objects.get(number="15010500099002")
    assert second.valid_to == dt.date(2030, 2, 28)  # the region's 6-year cycle
    assert set(second.categories.values_list("code", flat=True)) == {"market", "urban"}
    assert not Officer.objects.get(id_number=ID3).certificates.exists()
    public_ids = [o.public_id for o in Officer.objects.all()] + [c.public_id for c in Certificate.objects.all()]
    assert len(set(public_ids)) == 5 and {u.version for u in public_ids} == {4}
    # One summary entry per ledger touched: body A's and body B's.
    summaries = Entry.objects.filter(action=Action.IMPORT_COMMITTED)
    assert Entry.objects.count() == entries + 2 == entries + summaries.count()
    by_ledger = {e.ledger.key: e.payload for e in summaries}
    assert by_ledger[district.body_a.ledger_key]["officers_created"] == 2
    assert by_ledger[district.body_a.ledger_key]["certificates_issued"] == 2
    assert by_ledger[district.body_b.ledger_key]["officers_created"] == 1
    assert by_ledger[district.body_a.ledger_key]["file_sha256"] == job.file_sha256
    assert all(e.subject_id == str(job.public_id) for e in summaries)


def test_gbk_csv_imports_officers_with_chinese_intact(district):
    rows = [officer_row("欧阳娜仁其其格", ID1, district.org_a, number="15010500099003", categories="市场监管",
                        valid_from="2023-01-01", area="赛罕区昭乌达路街道")]
    job = run(district.legal, csv_upload(OFFICER_HEADERS, rows, encoding="gbk"))
    assert job.status == ImportStatus.COMMITTED, job.errors
    officer = Officer.objects.get(id_number=ID1)
    assert officer.name == "欧阳娜仁其其格" and officer.organisation == district.org_a
    assert officer.certificates.get().area == "赛罕区昭乌达路街道"


# --- bad input (issue 2) ----------------------------------------------------------------------------


def test_wrong_id_checksum(district):
    bad = ID1[:-1] + ("0" if ID1[-1] != "0" else "1")
    assert_refused(district.legal, [officer_row("张伟", bad, district.org_a)],
                   {(2, "身份证号码"): "校验位"})


def test_duplicate_id_number_in_file_and_against_the_database(district):
    OfficerFactory(id_number=ID3, organisation=district.org_a)
    assert_refused(district.legal, [officer_row("张伟", ID1, district.org_a), officer_row("张伟", ID1, district.org_a),
                                    officer_row("李强", ID3, district.org_a)],
                   {(3, "身份证号码"): "与第2行身份证号码重复", (4, "身份证号码"): "已登记"})


def test_duplicate_certificate_number_in_the_file(district):
    rows = [officer_row("张伟", ID1, district.org_a, number="15010500099009", categories="市场监管",
                        valid_from="2023-01-01"),
            officer_row("王芳", ID2, district.org_a, number="15010500099009", categories="市场监管",
                        valid_from="2023-01-01")]
    assert_refused(district.legal, rows, {(3, "证件编号"): "与第2行证件编号重复"})


def test_duplicate_certificate_number_against_the_database(district):
    CertificateFactory(number="15010500099010", officer__organisation=district.org_a,
                       categories=[district.market])
    rows = [officer_row("张伟", ID1, district.org_a, number="15010500099010", categories="市场监管",
                        valid_from="2023-01-01")]
    assert_refused(district.legal, rows, {(2, "证件编号"): "该证件编号已登记"})


def test_certificate_for_auxiliary_staff(district):
    rows = [officer_row("李强", ID1, district.org_a, staff="辅助人员", number="15010500099011",
                        categories="市场监管", valid_from="2023-01-01")]
    assert_refused(district.legal, rows, {(2, "证件编号"): "辅助人员不得持有行政执法证件"})


def test_valid_to_before_valid_from(district):
    rows = [officer_row("张伟", ID1, district.org_a, number="15010500099012", categories="市场监管",
                        valid_from="2026-01-31", valid_to="2025-01-31")]
    assert_refused(district.legal, rows, {(2, "有效期止"): "有效期止不能早于有效期起"})


def test_certificate_needs_number_categories_and_start(district):
    rows = [officer_row("张伟", ID1, district.org_a, categories="不存在的类别")]
    assert_refused(district.legal, rows, {(2, "证件编号"): "证件编号必填", (2, "执法类别"): "未登记的执法类别:不存在的类别",
                                          (2, "有效期起"): "有效期起"})


def test_unknown_organisation_and_bad_choices(district):
    bad_choices = officer_row("张伟", ID1, district.org_a, staff="临时工")
    bad_choices[1] = "未知"
    unknown_org = officer_row("王芳", ID2, district.org_a)
    unknown_org[3] = "不存在的局"
    assert_refused(district.legal, [bad_choices, unknown_org], {
        (2, "性别"): "不是有效选项", (2, "人员类别"): "公务员、事业编制人员、辅助人员", (3, "所属单位"): "不存在"})


def test_one_bad_row_in_a_hundred_commits_none(district):
    rows = [officer_row(f"人员{i}", make_id_number(i, dt.date(1988, 1, 1)), district.org_a) for i in range(100)]
    rows[73][2] = "150105198801010000"
    before = counts()
    job = run(district.legal, csv_upload(OFFICER_HEADERS, rows))
    assert job.status == ImportStatus.INVALID and job.total_rows == 100 and job.error_rows == 1
    assert list(errors_of(job)) == [(75, "身份证号码")]
    assert counts() == before


# --- scope and permission ---------------------------------------------------------------------------


def test_body_admin_imports_own_officers_but_not_another_organisations(district):
    rows = [officer_row("张伟", ID1, district.org_a), officer_row("王芳", ID2, district.org_b)]
    assert_refused(district.admin_a, rows, {(3, "所属单位"): "无权导入单位"})
    job = run(district.admin_a, xlsx_upload(OFFICER_HEADERS, rows[:1]))
    assert job.status == ImportStatus.COMMITTED
    assert Officer.objects.get().organisation == district.org_a


def test_body_admin_may_not_import_certificates(district):
    rows = [officer_row("张伟", ID1, district.org_a, number="15010500099013", categories="市场监管",
                        valid_from="2023-01-01")]
    assert_refused(district.admin_a, rows, {(2, "证件编号"): "无权导入执法证件"})


def test_roles_without_the_importer_are_refused(district):
    for user, key in ((district.officer_a, "officers"), (district.admin_a, "exams"), (district.admin_a, "supervisors")):
        with pytest.raises(PermissionDenied):
            imports.import_job_create(by=user, importer_key=key, upload=csv_upload(["姓名"], [["x"]]))


# --- exam results -------------------------------------------------------------------------------------

EXAM_HEADERS = ["身份证号码", "证件编号", "考试名称", "考试日期", "成绩", "是否合格"]


def test_exam_results_found_by_id_number_or_certificate_number(district):
    zhang = OfficerFactory(id_number=ID1, organisation=district.org_a)
    wang = OfficerFactory(id_number=ID2, organisation=district.org_b)
    CertificateFactory(number="15010500099020", officer=wang, categories=[district.urban])
    rows = [[ID1, "", "2026年度行政执法资格考试", "2026-06-10", 86, "是"],
            ["", "15010500099020", "2026年度行政执法资格考试", "2026/6/10", "59.5", "否"]]
    job = run(district.legal, xlsx_upload(EXAM_HEADERS, rows), key="exams")
    assert job.status == ImportStatus.COMMITTED, job.errors
    assert zhang.exam_results.get().passed is True
    result = wang.exam_results.get()
    assert (float(result.score), result.passed, result.taken_on) == (59.5, False, dt.date(2026, 6, 10))
    assert Entry.objects.filter(action=Action.EXAM_RECORDED).count() == 2


def test_exam_result_errors(district):
    OfficerFactory(id_number=ID1, organisation=district.org_a)
    other = OfficerFactory(id_number=ID2, organisation=district.org_a)
    CertificateFactory(number="15010500099021", officer=other, categories=[district.market])
    rows = [[ID3, "", "考试", "2026-06-10", 86, "是"],                  # unknown officer
            [ID1, "15010500099021", "考试", "2026-06-10", 86, "是"],    # id and certificate of two people
            ["", "", "考试", "2026-06-10", 120, "也许"],                 # nobody, score and passed invalid
            [ID1, "", "考试", "2026-06-10", 86, "是"],
            [ID1, "", "考试", "2026-06-10", 90, "是"]]                 # the same exam twice
    before = counts()
    job = run(district.legal, xlsx_upload(EXAM_HEADERS, rows), key="exams")
    found = errors_of(job)
    assert "没有该身份证号码" in found[(2, "身份证号码")]
    assert "不是同一人" in found[(3, "证件编号")]
    assert "须在0到100之间" in found[(4, "成绩")] and "是”或“否" in found[(4, "是否合格")]
    assert "与第5行重复" in found[(6, "考试名称")]
    assert counts() == before


# --- volunteer supervisors ------------------------------------------------------------------------------

SUPERVISOR_HEADERS = ["姓名", "性别", "界别", "工作单位", "联系电话", "聘任起", "聘任止"]


def test_supervisors_are_imported(district):
    rows = [["李娜", "女", "律师", "某律师事务所", "13900000000", "2026-01-01", "2028-12-31"],
            ["赵刚", "男", "人大代表", "", "", "2026/1/1", "2028/12/31"]]
    job = run(district.legal, csv_upload(SUPERVISOR_HEADERS, rows), key="supervisors")
    assert job.status == ImportStatus.COMMITTED, job.errors
    li = VolunteerSupervisor.objects.get(name="李娜")
    assert (li.sector, li.term_end) == (SupervisorSector.LAWYER, dt.date(2028, 12, 31))
    assert Entry.objects.filter(action=Action.SUPERVISOR_CREATED).count() == 2


def test_supervisor_errors(district):
    rows = [["李娜", "女", "网红", "", "13900000000", "2026-01-01", "2025-12-31"],
            ["赵刚", "男", "律师", "", "13900000001", "2026-01-01", "2027-01-01"],
            ["赵刚", "男", "律师", "", "13900000001", "2026-01-01", "2027-01-01"]]
    before = counts()
    job = run(district.legal, csv_upload(SUPERVISOR_HEADERS, rows), key="supervisors")
    found = errors_of(job)
    assert "不是有效选项" in found[(2, "界别")]
    assert found[(4, "姓名")] == "与第3行重复(同名同电话)"
    assert counts() == before
    rows = [["李娜", "女", "律师", "", "", "2026-01-01", "2025-12-31"]]
    job = run(district.legal, csv_upload(SUPERVISOR_HEADERS, rows), key="supervisors")
    assert errors_of(job) == {(2, "聘任止"): "聘任止不能早于聘任起"}


# --- screens --------------------------------------------------------------------------------------------


def test_officer_import_through_the_screens(district, client_for):
    client = client_for(district.legal)
    listing = client.get(reverse("core:import_list")).content.decode()
    for key in ("officers", "exams", "supervisors", "organisations", "bodies"):
        assert reverse("core:import_upload", args=[key]) in listing
    template = client.get(reverse("core:import_template", args=["officers"]))
    assert template.status_code == 200
    rows = [officer_row("张伟", ID1, district.org_a, number="15010500099030", categories="市场监管",
                        valid_from="2023-01-01")]
    response = client.post(reverse("core:import_upload", args=["officers"]),
                           {"file": xlsx_upload(OFFICER_HEADERS, rows, name="执法人员.xlsx")})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "全部 1 行校验通过" in preview and "确认导入" in preview
    assert Officer.objects.count() == 0  # nothing is written before confirmation
    done = client.post(reverse("core:import_commit", args=[job.public_id]), follow=True).content.decode()
    assert "已导入 1 行" in done and "执法证件" in done
    assert Officer.objects.get().certificates.get().number == "15010500099030"


def test_body_admin_does_not_see_importers_of_the_office(district, client_for):
    listing = client_for(district.admin_a).get(reverse("core:import_list")).content.decode()
    assert reverse("core:import_upload", args=["officers"]) in listing
    for key in ("exams", "supervisors", "organisations", "bodies"):
        assert reverse("core:import_upload", args=[key]) not in listing

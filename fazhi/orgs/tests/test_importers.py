"""Organisation and enforcement-body importers."""

import pytest

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import PermissionDenied
from fazhi.core.imports import services as imports
from fazhi.core.tests.files import csv_upload, xlsx_upload
from fazhi.orgs.enums import BodyBasis, OrganisationType
from fazhi.orgs.models import EnforcementBody, LegalLiaison, Organisation
from fazhi.orgs.tests.factories import JurisdictionFactory, make_uscc
from fazhi.records.enums import Action
from fazhi.records.models import Entry

ORG_HEADERS = ["单位名称", "简称", "统一社会信用代码", "单位类型", "所属区划", "上级单位", "地址", "电话", "法制联络员",
               "联络员职务", "联络员电话"]
BODY_HEADERS = ["执法主体名称", "所属单位", "主体资格依据", "委托机关", "主体资格证书编号", "公布批次", "执法类别"]


def counts():
    return (Organisation.objects.count(), EnforcementBody.objects.count(), LegalLiaison.objects.count(),
            Entry.objects.count())


def run(user, file, key):
    job = imports.import_job_create(by=user, importer_key=key, upload=file)
    if job.status == ImportStatus.VALID:
        job = imports.import_job_confirm(by=user, job=job)
    return job


def errors_of(job):
    return {(e["row"], e["column"]): e["message"] for e in job.errors}


def test_organisations_with_parents_and_liaisons_are_imported(district):
    town = JurisdictionFactory(code="150105100", name="金河镇", level="town", parent=district.jurisdiction)
    rows = [
        ["赛罕区教育局", "区教育局", make_uscc(9001), "政府部门", "赛罕区", "", "赛罕区大学东街", "0471-1234567",
         "王法", "法规科科长", "13800000000"],
        ["赛罕区教育局督导室", "", "", "其他", "150105", "赛罕区教育局", "", "", "", "", ""],
        ["金河镇人民政府", "金河镇", make_uscc(9002).lower(), "镇", "金河镇", "", "", "", "刘明", "", ""],
    ]
    entries = Entry.objects.count()
    job = run(district.legal, xlsx_upload(ORG_HEADERS, rows), "organisations")
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    assert job.result == {"单位": 3, "法制联络员": 2}
    education = Organisation.objects.get(name="赛罕区教育局")
    assert (education.org_type, education.uscc, education.short_name) == (
        OrganisationType.DEPARTMENT, make_uscc(9001), "区教育局")
    assert Organisation.objects.get(name="赛罕区教育局督导室").parent == education
    town_gov = Organisation.objects.get(name="金河镇人民政府")
    assert (town_gov.jurisdiction, town_gov.uscc) == (town, make_uscc(9002))
    assert education.legal_liaison.name == "王法" and education.legal_liaison.post == "法规科科长"
    # Small lists go through the per-row services: each creation and liaison has its own record entry.
    assert Entry.objects.count() == entries + 5
    assert Entry.objects.filter(action=Action.ORGANISATION_CREATED).count() >= 3


def test_wrong_uscc_checksum_changes_nothing(district):
    good = make_uscc(9003)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    before = counts()
    job = run(district.legal, xlsx_upload(ORG_HEADERS, [["赛罕区民政局", "", bad, "政府部门", "赛罕区"]]),
              "organisations")
    assert job.status == ImportStatus.INVALID
    assert "校验位不正确" in errors_of(job)[(2, "统一社会信用代码")]
    assert counts() == before


def test_organisation_row_errors(district):
    rows = [
        [district.org_a.name, "", district.office.uscc, "部委", "火星区", "不存在的单位", "", "", "", "科长", ""],
        ["新单位", "", make_uscc(9004), "政府部门", "赛罕区", "", "", "", "", "", ""],
        ["新单位", "", make_uscc(9004), "政府部门", "赛罕区", "", "", "", "", "", ""],
    ]
    before = counts()
    job = run(district.legal, csv_upload(ORG_HEADERS, rows), "organisations")
    found = errors_of(job)
    assert "不是有效选项" in found[(2, "单位类型")]
    assert found[(4, "单位名称")] == "与第3行单位名称重复"
    assert counts() == before
    rows[0][3] = "政府部门"
    job = run(district.legal, csv_upload(ORG_HEADERS, rows[:1]), "organisations")
    found = errors_of(job)
    assert "已登记" in found[(2, "单位名称")] and "已登记" in found[(2, "统一社会信用代码")]
    assert found[(2, "所属区划")] == "区划“火星区”不存在"
    assert "不存在" in found[(2, "上级单位")]
    assert "请同时填写法制联络员姓名" in found[(2, "法制联络员")]


def test_bodies_with_basis_entrusting_body_and_categories_are_imported(district):
    rows = [
        ["赛罕区教育局", district.office.name, "法定", "", "赛执主字第0901号", 2, "市场监管、城市管理"],
        ["赛罕区教育综合执法队", district.office.name, "委托", "赛罕区教育局", "", "", ""],
        ["赛罕区某授权组织", district.org_a.name, "授权", "", "", 2, "market"],
    ]
    job = run(district.legal, xlsx_upload(BODY_HEADERS, rows), "bodies")
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    parent = EnforcementBody.objects.get(name="赛罕区教育局")
    assert (parent.basis, parent.publication_batch, parent.qualification_certificate_number) == (
        BodyBasis.STATUTORY, 2, "赛执主字第0901号")
    assert set(parent.categories.values_list("code", flat=True)) == {"market", "urban"}
    entrusted = EnforcementBody.objects.get(name="赛罕区教育综合执法队")
    assert (entrusted.basis, entrusted.entrusting_body) == (BodyBasis.ENTRUSTED, parent)
    assert Entry.objects.filter(action=Action.BODY_CREATED, ledger__key=parent.ledger_key).count() == 1


def test_body_row_errors_change_nothing(district):
    rows = [
        ["新主体甲", district.org_a.name, "委托", "", "", "", ""],
        ["新主体乙", "不存在的单位", "法定", "赛罕区市场监督管理局", district.body_a.qualification_certificate_number,
         "第一批", "无此类别"],
        [district.body_b.name, district.org_b.name, "法定", "", "", "", ""],
    ]
    before = counts()
    job = run(district.legal, csv_upload(BODY_HEADERS, rows), "bodies")
    found = errors_of(job)
    assert found[(2, "委托机关")] == "受委托组织必须填写委托机关"
    assert found[(3, "公布批次")] == "“第一批”不是整数"
    assert counts() == before
    rows[1][5] = 1
    job = run(district.legal, csv_upload(BODY_HEADERS, rows), "bodies")
    found = errors_of(job)
    assert found[(3, "所属单位")] == "单位“不存在的单位”不存在"
    assert "只有依据为“委托”" in found[(3, "委托机关")]
    assert found[(3, "主体资格证书编号")] == "该主体资格证书编号已登记"
    assert found[(3, "执法类别")] == "未登记的执法类别:无此类别"
    assert "已登记" in found[(4, "执法主体名称")]
    assert counts() == before


def test_only_the_office_imports_organisations_and_bodies(district):
    for key in ("organisations", "bodies"):
        with pytest.raises(PermissionDenied):
            imports.import_job_create(by=district.admin_a, importer_key=key,
                                      upload=csv_upload(ORG_HEADERS, [["x"]]))

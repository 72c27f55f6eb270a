"""The power-list importer: every bad input of issue 4 reported per row in Chinese with nothing changed, publishing
directly, and the export's round trip."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.enums import ImportStatus
from fazhi.core.imports import services as imports
from fazhi.core.tests.files import xlsx_upload
from fazhi.powers import selectors
from fazhi.powers.enums import PowerItemStatus
from fazhi.powers.importers import EXPORT_HEADERS
from fazhi.powers.models import LegalBasis, PowerItem, PowerItemVersion, ResponsibilityItem
from fazhi.powers.tests.items_fixtures import make_item, publish
from fazhi.records.models import Entry

HEADERS = ["事项编码", "事项名称", "权力类别", "上级事项编码", "实施部门", "法律依据", "责任事项", "是否随机抽查事项",
           "检查方式", "检查对象范围", "状态", "生效日期", "公布文号"]
BASIS = "《中华人民共和国行政许可法》第十二条;第四十二条第一款"
RESP = "受理:依法受理申请|审查:审查申请材料|决定:作出许可决定"


def row(code, org, *, name="食品经营许可", category="行政许可", parent="", basis=BASIS, resp=RESP, inspect="否",
        status="", effective="", number=""):
    return [code, name, category, parent, org if isinstance(org, str) else org.name, basis, resp, inspect, "", "",
            status, effective, number]


def run(user, rows, headers=HEADERS):
    job = imports.import_job_create(by=user, importer_key="power_items", upload=xlsx_upload(headers, rows))
    if job.status == ImportStatus.VALID:
        job = imports.import_job_confirm(by=user, job=job)
    return job


def errors_of(job):
    return {(e["row"], e["column"]): e["message"] for e in job.errors}


def state():
    return (PowerItem.objects.count(), LegalBasis.objects.count(), ResponsibilityItem.objects.count(),
            PowerItemVersion.objects.count(), Entry.objects.count())


@pytest.mark.django_db
def test_import_creates_drafts_with_bases_and_responsibilities(district, library):
    job = run(district.legal, [row("SCJG-XK-001", district.org_a),
                               row("SCJG-XK-001-01", district.org_a, name="食品经营许可(新办)", parent="SCJG-XK-001")])
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    item = PowerItem.objects.get(code="SCJG-XK-001-01")
    assert item.status == PowerItemStatus.DRAFT and item.parent.code == "SCJG-XK-001"
    assert [(b.article.number, b.paragraph) for b in item.legal_bases.all()] == [(12, None), (42, 1)]
    assert list(item.responsibilities.values_list("stage", flat=True)) == ["accept", "review", "decide"]
    assert Entry.objects.filter(action="power_item.created").count() == 2


@pytest.mark.django_db
def test_import_can_publish_directly(district, library):
    job = run(district.legal, [row("A-1", district.org_a, status="已公布", effective="2015-06-30",
                                   number="赛政发〔2015〕20号")])
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message
    item = PowerItem.objects.get(code="A-1")
    assert item.status == PowerItemStatus.PUBLISHED and item.version == 1
    version = item.versions.get()
    assert version.effective_on == dt.date(2015, 6, 30) and version.document_number == "赛政发〔2015〕20号"
    assert version.snapshot == selectors.power_item_snapshot(item)
    assert list(Entry.objects.filter(subject_id=str(item.public_id)).order_by("seq").values_list("action", flat=True)) \
        == ["power_item.created", "power_item.published"]


@pytest.mark.django_db
@pytest.mark.parametrize("bad_row, column, words", [
    (lambda d: row("X-1", d.org_a, category="行政指导"), "权力类别", "不是有效选项"),
    (lambda d: row("X-1", "赛罕区不存在局"), "实施部门", "不存在"),
    (lambda d: row("EXIST-1", d.org_a), "事项编码", "已存在"),
    (lambda d: row("X-1", d.org_a, parent="X-1"), "上级事项编码", "循环"),
    (lambda d: row("X-1", d.org_a, basis="《城市市容管理暂行办法》第三条"), "法律依据", "已废止"),
    (lambda d: row("X-1", d.org_a, basis="《中华人民共和国行政许可法》第九十九条"), "法律依据", "没有第九十九条"),
    (lambda d: row("X-1", d.org_a, basis="《无此法》第一条"), "法律依据", "没有《无此法》"),
    (lambda d: row("X-1", d.org_a, resp="指导:说明"), "责任事项", "无法识别"),
    (lambda d: row("X-1", d.org_a, status="已公布"), "生效日期", "须填写生效日期"),
    (lambda d: row("X-1", d.org_a, basis="", status="已公布", effective="2016-01-01"), "法律依据", "至少有一项"),
    (lambda d: row("X-1", d.org_a, status="已公布", effective=f"{timezone.localdate() + dt.timedelta(days=1)}"),
     "生效日期", "决定请在生效之日录入"),
])
def test_each_bad_input_is_a_row_error_and_nothing_changes(district, library, bad_row, column, words):
    make_item(district, library, code="EXIST-1")
    before = state()
    job = run(district.legal, [row("OK-1", district.org_a), bad_row(district)])
    assert job.status == ImportStatus.INVALID
    errors = errors_of(job)
    assert list(errors) == [(3, column)], errors
    assert words in errors[(3, column)]
    assert state() == before


@pytest.mark.django_db
def test_duplicate_code_within_the_file_and_a_circle_between_rows(district, library):
    job = run(district.legal, [row("D-1", district.org_a), row("D-1", district.org_a),
                               row("P-1", district.org_a, parent="P-2"), row("P-2", district.org_a, parent="P-1")])
    errors = errors_of(job)
    assert "与第2行事项编码重复" in errors[(3, "事项编码")]
    assert "不存在" in errors[(4, "上级事项编码")]
    assert "循环" in errors[(5, "上级事项编码")]
    assert not PowerItem.objects.exists()


@pytest.mark.django_db
def test_body_admin_imports_only_its_own_departments_items(district, library):
    job = run(district.admin_a, [row("A-1", district.org_a), row("B-1", district.org_b)])
    assert errors_of(job) == {(3, "实施部门"): "只能导入本单位牵头(列为第一实施部门)的权力事项"}
    assert not PowerItem.objects.exists()


@pytest.mark.django_db
def test_body_admin_imports_a_joint_item_only_when_its_organisation_is_listed_first(district, library):
    job = run(district.admin_a, [row("J-1", f"{district.org_b.name}、{district.org_a.name}")])
    assert errors_of(job) == {(2, "实施部门"): "只能导入本单位牵头(列为第一实施部门)的权力事项"}
    assert not PowerItem.objects.exists()
    job = run(district.admin_a, [row("J-1", f"{district.org_a.name}、{district.org_b.name}")])
    assert job.status == ImportStatus.COMMITTED, job.errors or job.message


@pytest.mark.django_db
def test_export_round_trip(district, library, client_for):
    parent = publish(make_item(district, library, code="Z-1", name="父事项", deadline_rule_id="XZXK-42",
                               is_inspection_item=True, inspection_method="双随机抽查",
                               inspection_object_scope="辖区内食品经营者", fees="不收费"), district.legal)
    make_item(district, library, code="A-9", name="子事项", parent=parent,
              departments=[district.org_a, district.org_b], legal_bases=[(library.a42, 2, None)])
    before = {i.code: selectors.power_item_snapshot(i) for i in PowerItem.objects.all()}
    response = client_for(district.legal).get(reverse("powers:item_export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == EXPORT_HEADERS
    assert [r[0] for r in rows[1:]] == ["Z-1", "A-9"]  # the parent before its sub-item
    Entry.objects.all()  # the record stays; the items are removed to import them again
    PowerItem.objects.filter(parent__isnull=False).delete()
    PowerItem.objects.all().delete()
    upload = SimpleUploadedFile("权责清单.xlsx", content)
    job = imports.import_job_create(by=district.legal, importer_key="power_items", upload=upload)
    assert job.status == ImportStatus.VALID, job.errors or job.message
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.COMMITTED
    after = {i.code: selectors.power_item_snapshot(i) for i in PowerItem.objects.all()}
    for code in before:
        before[code].pop("legal_basis_refs"), after[code].pop("legal_basis_refs")
    assert after == before
    assert PowerItem.objects.get(code="Z-1").status == PowerItemStatus.PUBLISHED
    assert PowerItem.objects.get(code="A-9").status == PowerItemStatus.DRAFT

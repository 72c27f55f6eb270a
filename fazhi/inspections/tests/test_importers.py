"""The object pool's importer (key inspection_objects): the registry's export, csv or xlsx, through the core import
framework — new USCCs added, known ones updated, any bad row and the file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.imports import registry
from fazhi.core.imports import services as imports
from fazhi.core.imports.workbook import template_bytes
from fazhi.core.models import ImportJob
from fazhi.core.tests.files import csv_bytes, csv_upload, upload, xlsx_upload
from fazhi.core.validators import uscc_check_char
from fazhi.inspections.enums import ObjectKind, RegistrationStatus, RiskGrade
from fazhi.inspections.models import InspectionObject
from fazhi.inspections.services import objects as object_services
from fazhi.inspections.tests.builders import object_uscc
from fazhi.orgs.enums import JurisdictionLevel
from fazhi.orgs.tests.factories import JurisdictionFactory
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger
from fazhi.records.services import OFFICE_LEDGER_KEY

KEY = "inspection_objects"
HEADERS = ["统一社会信用代码", "名称", "对象类别", "主体类型", "所属行业", "住所(经营场所)", "所属辖区", "法定代表人(负责人)",
           "成立日期", "登记状态", "信用风险分类", "列入经营异常名录", "投诉举报次数", "最近检查日期"]


def code(body: str) -> str:
    return body + uscc_check_char(body)


A = code("92150105MA0N2W4X6")
B = code("91150105MA0RR8N51")
C = code("12150105E12345678")


def row(uscc, name="赛罕区惠民超市", *, kind="市场主体", entity_type="个体工商户", industry="批发和零售业",
        address="赛罕区金河镇金河村", jurisdiction="金河镇", representative="张三", registered="2018-05-20",
        status="存续", grade="B", abnormal="否", complaints="0", last=""):
    return [uscc, name, kind, entity_type, industry, address, jurisdiction, representative, registered, status, grade,
            abnormal, complaints, last]


def _state():
    return (InspectionObject.objects.count(), list(InspectionObject.objects.order_by("pk").values()),
            Entry.objects.count(), list(Ledger.objects.order_by("key").values_list("key", "head_seq", "head_hash")))


def _create(user, file):
    return imports.import_job_create(by=user, importer_key=KEY, upload=file)


def _commit(user, file):
    job = _create(user, file)
    assert job.status == ImportStatus.VALID, (job.message, job.errors)
    job = imports.import_job_confirm(by=user, job=job)
    assert job.status == ImportStatus.COMMITTED, (job.message, job.errors)
    return job


def _invalid(user, file) -> ImportJob:
    before = _state()
    job = _create(user, file)
    assert job.status == ImportStatus.INVALID
    assert _state() == before
    return job


def _errors(job) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.errors]


@pytest.fixture
def world(insp):
    JurisdictionFactory(code="150105101", name="榆林镇", level=JurisdictionLevel.TOWN, parent=insp.d.jurisdiction)
    return insp


def test_the_importer_is_registered_for_the_pool_keepers(world):
    importer = registry.get(KEY)
    assert importer.allowed(world.d.legal) and importer.allowed(world.d.admin_a)
    assert not importer.allowed(world.d.officer_a)
    assert template_bytes(importer)[:2] == b"PK"
    with pytest.raises(PermissionDenied):
        _create(world.d.officer_a, csv_upload(HEADERS, [row(A)]))


def test_utf8_csv_creates_objects_with_every_field(world):
    job = _commit(world.d.legal, csv_upload(HEADERS, [
        row(A, complaints="3", grade="C类", abnormal="是", last="2025/9/1"),
        row(B, "内蒙古鑫旺商贸有限公司", entity_type="有限责任公司", jurisdiction="150105001", status="注销",
            registered="2015年3月12日"),
        row(C, "赛罕区榆林镇中心小学", kind="事业单位", entity_type="事业单位", industry="教育", jurisdiction="榆林镇",
            grade="", status="", abnormal="", complaints=""),
    ]))
    assert job.result == {"新增检查对象": 3, "更新检查对象": 0, "内容未变的检查对象": 0}
    assert not job.parsed_name  # a streaming importer keeps no parsed copy of the file
    a, b, c = (InspectionObject.objects.get(uscc=u) for u in (A, B, C))
    assert (a.risk_grade, a.abnormal, a.complaint_count, a.last_inspected_on) == ("C", True, 3, dt.date(2025, 9, 1))
    assert a.jurisdiction == world.town and a.registered_on == dt.date(2018, 5, 20)
    assert a.legal_representative == "张三" and a.address == "赛罕区金河镇金河村"
    assert b.jurisdiction == world.street and b.registration_status == RegistrationStatus.CANCELLED
    assert b.registered_on == dt.date(2015, 3, 12)
    # blank cells on a new object take the defaults
    assert c.kind == ObjectKind.PUBLIC_INSTITUTION and c.jurisdiction.name == "榆林镇"
    assert (c.risk_grade, c.registration_status, c.abnormal, c.complaint_count) == (
        RiskGrade.B, RegistrationStatus.ACTIVE, False, 0)


def test_gbk_csv_from_chinese_excel(world):
    _commit(world.d.admin_a, csv_upload(HEADERS, [row(A, "赛罕区敕勒川路惠民烧麦馆")], encoding="gbk"))
    assert InspectionObject.objects.get(uscc=A).name == "赛罕区敕勒川路惠民烧麦馆"


def test_xlsx_with_real_dates_and_numbers(world):
    cells = row(A, complaints=2, registered=dt.date(2019, 7, 1), last=dt.datetime(2025, 6, 30))
    cells[0] = A.lower()  # codes are upper-cased
    _commit(world.d.legal, xlsx_upload(HEADERS, [cells], name="名录.xlsx"))
    obj = InspectionObject.objects.get(uscc=A)
    assert (obj.complaint_count, obj.registered_on, obj.last_inspected_on) == (2, dt.date(2019, 7, 1),
                                                                               dt.date(2025, 6, 30))


def test_a_uscc_stored_by_excel_as_a_number_is_explained(world):
    numeric = next(c for c in (code(f"121501050000{n:05d}") for n in range(100)) if c.isdigit())
    cells = row(numeric)
    cells[0] = int(numeric)
    job = _invalid(world.d.legal, xlsx_upload(HEADERS, [cells]))
    assert "文本" in _errors(job)[0][2]


def test_known_uscc_updates_and_a_blank_cell_keeps_what_the_pool_has(world):
    known = world.objects[0]  # grade A, 餐饮业, 金河镇
    InspectionObject.objects.filter(pk=known.pk).update(last_inspected_on=dt.date(2026, 5, 1), complaint_count=4)
    same = world.objects[1]
    same_row = row(same.uscc, same.name, entity_type=same.entity_type, industry=same.industry, address=same.address,
                   jurisdiction="金河镇", representative="", registered="", grade=same.risk_grade, complaints="")
    job = _commit(world.d.legal, csv_upload(HEADERS, [
        row(known.uscc.lower(), "赛罕区测试商户(已更名)", grade="D", address="", registered="", complaints="",
            representative="", entity_type="", industry=""),
        same_row,
        row(A),
    ]))
    assert job.result == {"新增检查对象": 1, "更新检查对象": 1, "内容未变的检查对象": 1}
    known.refresh_from_db()
    assert (known.name, known.risk_grade) == ("赛罕区测试商户(已更名)", "D")
    assert known.address == "赛罕区测试路0号" and known.industry == "餐饮业"  # blank: kept
    assert (known.complaint_count, known.last_inspected_on) == (4, dt.date(2026, 5, 1))
    assert InspectionObject.objects.count() == 201


def test_one_ledger_entry_for_the_whole_file(world):
    known = world.objects[0]
    before = Entry.objects.count()
    job = _commit(world.d.legal, csv_upload(HEADERS, [row(known.uscc, known.name, grade="D"), row(A), row(B)]))
    assert Entry.objects.count() == before + 1
    [entry] = Entry.objects.filter(action=Action.IMPORT_COMMITTED)
    assert entry.ledger.key == OFFICE_LEDGER_KEY and entry.subject_type == "core.ImportJob"
    assert entry.subject_id == str(job.public_id)
    payload = entry.payload
    assert payload["file_sha256"] == job.file_sha256 and len(payload["file_sha256"]) == 64
    assert (payload["importer"], payload["rows"], payload["created"], payload["updated"], payload["unchanged"]) == (
        KEY, 3, 2, 1, 0)
    assert payload["changed_fields"]["risk_grade"] == 1 and "name" not in payload["changed_fields"]
    import hashlib

    assert payload["outcome_sha256"] == hashlib.sha256(f"U\t{known.uscc}\nC\t{A}\nC\t{B}\n".encode()).hexdigest()
    assert not Entry.objects.filter(action__in=[Action.INSPECTION_OBJECT_CREATED,
                                                Action.INSPECTION_OBJECT_CHANGED]).exists()


def test_reimporting_the_same_file_changes_nothing_but_is_recorded(world):
    content = csv_bytes(HEADERS, [row(A), row(B, "内蒙古鑫旺商贸有限公司")])
    _commit(world.d.legal, upload(content, "2026-10.csv"))
    stamps = list(InspectionObject.objects.filter(uscc__in=[A, B]).order_by("uscc").values_list("updated_at"))
    job = _commit(world.d.legal, upload(content, "2026-11.csv"))
    assert job.result == {"新增检查对象": 0, "更新检查对象": 0, "内容未变的检查对象": 2}
    assert list(InspectionObject.objects.filter(uscc__in=[A, B]).order_by("uscc").values_list("updated_at")) == stamps
    assert Entry.objects.filter(action=Action.IMPORT_COMMITTED).count() == 2


def test_a_bad_checksum_blocks_the_whole_file(world):
    bad = A[:17] + ("0" if A[17] != "0" else "1")
    job = _invalid(world.d.legal, csv_upload(HEADERS, [row(B), row(bad), row(C)]))
    [(line, column, message)] = _errors(job)
    assert (line, column) == (3, "统一社会信用代码") and "校验位不正确" in message
    assert job.error_rows == 1 and job.total_rows == 3


def test_a_uscc_twice_in_the_file_names_both_rows(world):
    job = _invalid(world.d.legal, csv_upload(HEADERS, [row(A), row(B), row(A.lower(), "另一个名称")]))
    [(line, column, message)] = _errors(job)
    assert (line, column) == (4, "统一社会信用代码")
    assert message == "与第2行统一社会信用代码重复"


def test_unknown_and_ambiguous_jurisdictions(world):
    JurisdictionFactory(code="150121100", name="金河镇", level=JurisdictionLevel.TOWN)  # a namesake elsewhere
    job = _invalid(world.d.legal, csv_upload(HEADERS, [row(A, jurisdiction="火星镇"), row(B, jurisdiction="金河镇"),
                                                      row(C, jurisdiction="150105100")]))
    errors = _errors(job)
    assert errors[0] == (2, "所属辖区", "区划“火星镇”不存在,请填写已登记的镇(街道)名称或区划代码")
    assert errors[1] == (3, "所属辖区", "有多个名为“金河镇”的区划,请填写区划代码")
    assert len(errors) == 2  # the code is unambiguous


def test_bad_vocabulary_dates_and_counts_are_explained_per_row(world):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    job = _invalid(world.d.legal, csv_upload(HEADERS, [
        row(A, grade="E"),
        row(B, status="休眠"),
        row(C, kind="教会"),
        row(object_uscc(900), registered="2026-02-30"),
        row(object_uscc(901), complaints="-2"),
        row(object_uscc(902), last=tomorrow),
        row(object_uscc(903), abnormal="也许"),
        row(object_uscc(904), name=""),
    ]))
    errors = {(line, column): message for line, column, message in _errors(job)}
    assert "不是有效选项" in errors[(2, "信用风险分类")]
    assert "不是有效选项" in errors[(3, "登记状态")]
    assert "不是有效选项" in errors[(4, "对象类别")]
    assert errors[(5, "成立日期")] == "“2026-02-30”不是存在的日期"
    assert errors[(6, "投诉举报次数")] == "不能为负数(现为-2)"
    assert errors[(7, "最近检查日期")].startswith("不能晚于今天")
    assert "是" in errors[(8, "列入经营异常名录")]
    assert errors[(9, "名称")] == "必填,不能为空"
    assert job.error_rows == 8


def test_wrong_header_and_empty_files_are_refused_before_storing(world):
    jobs = ImportJob.objects.count()
    with pytest.raises(DomainError) as info:
        _create(world.d.legal, csv_upload(["代码", "名称"], [[A, "某商店"]]))
    assert info.value.code == "wrong_header" and "缺少必填列:统一社会信用代码" in info.value.message
    with pytest.raises(DomainError) as info:
        _create(world.d.legal, upload(b"", "empty.csv"))
    assert info.value.code == "empty_file"
    with pytest.raises(DomainError) as info:
        _create(world.d.legal, csv_upload(HEADERS, []))
    assert info.value.code == "no_rows"
    assert ImportJob.objects.count() == jobs and InspectionObject.objects.count() == 200


def test_header_aliases_of_registry_exports(world):
    headers = ["社会信用代码", "企业名称", "企业类型", "住所", "辖区", "法定代表人", "经营状态",
               "风险等级"]
    _commit(world.d.legal, csv_upload(headers, [[A, "赛罕区惠民超市", "个体工商户", "金河镇金河村", "金河镇", "张三", "在营",
                                                 "A"]]))
    obj = InspectionObject.objects.get(uscc=A)
    assert (obj.entity_type, obj.risk_grade, obj.jurisdiction) == ("个体工商户", "A", world.town)


def test_commit_rechecks_against_the_database_and_rolls_back_rows_already_written(world, monkeypatch):
    """Between validation and confirmation the jurisdiction of the last row disappears: rows written in earlier
    batches are rolled back and the error is shown."""
    monkeypatch.setattr(object_services, "IMPORT_BATCH_SIZE", 1)
    village = JurisdictionFactory(code="150105102", name="黄合少镇", level=JurisdictionLevel.TOWN,
                                  parent=world.d.jurisdiction)
    job = _create(world.d.legal, csv_upload(HEADERS, [row(A), row(B), row(C, jurisdiction="黄合少镇")]))
    assert job.status == ImportStatus.VALID
    village.delete()
    before = _state()
    job = imports.import_job_confirm(by=world.d.legal, job=job)
    assert job.status == ImportStatus.INVALID and "复核" in job.message
    assert _errors(job) == [(4, "所属辖区", "区划“黄合少镇”不存在,请填写已登记的镇(街道)名称或区划代码")]
    assert _state() == before


def test_the_registry_export_may_exceed_the_general_upload_limit(world, settings):
    settings.FAZHI_IMPORT_MAX_BYTES = 100  # the importer's own limit (a million rows) applies
    _commit(world.d.legal, csv_upload(HEADERS, [row(A), row(B)]))
    assert InspectionObject.objects.filter(uscc__in=[A, B]).count() == 2


def test_background_import_of_a_large_file(world, settings, django_capture_on_commit_callbacks):
    settings.FAZHI_IMPORT_INLINE_BYTES = 10
    rows = [row(object_uscc(1000 + i), f"赛罕区批量商户{i}") for i in range(30)]
    with django_capture_on_commit_callbacks(execute=True):
        job = _create(world.d.legal, csv_upload(HEADERS, rows))
    job.refresh_from_db()
    assert job.status == ImportStatus.VALID and not job.parsed_name
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_job_confirm(by=world.d.legal, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.COMMITTED and job.total_rows == 30
    assert InspectionObject.objects.count() == 230
    assert not default_storage.exists(f"imports/{job.public_id}.parsed.json")

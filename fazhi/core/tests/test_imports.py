"""The import framework, exercised with a test importer that writes django.contrib.auth groups (core may not
import the apps above it). Importers of real lists are tested in their apps."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.enums import ImportStatus
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.imports import engine, parsers, registry
from fazhi.core.imports import services as imports
from fazhi.core.imports.base import Column, Importer, RowInvalid
from fazhi.core.models import ImportJob
from fazhi.core.tests.files import csv_bytes, csv_upload, upload, xlsx_bytes, xlsx_upload

HEADERS = ["组名", "日期", "数量"]


class _Rule:
    def allows(self, user):
        return user.is_authenticated and user.username != "officer_a"


class GroupImporter(Importer):
    key = "test-groups"
    title = "测试分组"
    rule = _Rule()
    columns = (
        Column("组名", "name", parsers.text(150), required=True, example="甲组"),
        Column("日期", "day", parsers.date, example="2026-01-31"),
        Column("数量", "count", parsers.integer(min_value=0, max_value=10)),
    )
    fail_after = None  # set by a test: raise after writing this many rows

    def prepare(self, *, user):
        return {"existing": set(Group.objects.values_list("name", flat=True)), "seen": {}}

    def validate_row(self, row, context):
        if row["name"] in context["existing"]:
            raise RowInvalid({"name": "已存在"})
        if row["name"] in context["seen"]:
            raise RowInvalid({"name": f"与第{context['seen'][row['name']]}行重复"})
        context["seen"][row["name"]] = row["_row"]
        return row

    def commit(self, rows, *, by, job):
        for index, row in enumerate(rows):
            if self.fail_after is not None and index == self.fail_after:
                raise RuntimeError("disk on fire")
            Group.objects.create(name=row["name"])
        return {"分组": len(rows)}


@pytest.fixture
def importer():
    instance = registry.register(GroupImporter())
    yield instance
    registry._importers.pop(instance.key, None)


def _create(user, file):
    return imports.import_job_create(by=user, importer_key="test-groups", upload=file)


def _rejected(user, file) -> DomainError:
    jobs = ImportJob.objects.count()
    with pytest.raises(DomainError) as info:
        _create(user, file)
    assert ImportJob.objects.count() == jobs  # nothing stored
    assert Group.objects.count() == 0
    return info.value


# --- the file as a whole -------------------------------------------------------------------------------


def test_gbk_csv_from_chinese_excel_imports_with_chinese_intact(district, importer):
    file = csv_upload(HEADERS, [["执法一组", "2026/1/31", "3"], ["执法二组", "2026年2月1日", ""]], encoding="gbk")
    job = _create(district.legal, file)
    assert job.status == ImportStatus.VALID, job.errors
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.COMMITTED
    assert set(Group.objects.values_list("name", flat=True)) == {"执法一组", "执法二组"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encodings(district, importer, encoding):
    job = _create(district.legal, csv_upload(HEADERS, [["法制科", "", ""]], encoding=encoding))
    assert job.status == ImportStatus.VALID
    assert imports.import_job_confirm(by=district.legal, job=job).status == ImportStatus.COMMITTED
    assert Group.objects.get().name == "法制科"


def test_empty_file_is_refused(district, importer):
    error = _rejected(district.legal, upload(b"", "空.xlsx"))
    assert error.code == "empty_file" and "文件为空" in error.message


@pytest.mark.parametrize("content, name", [
    (csv_bytes(HEADERS, []), "只有表头.csv"),
    (xlsx_bytes(HEADERS, []), "只有表头.xlsx"),
    (xlsx_bytes(HEADERS, [[None, None, None], ["", " ", None]]), "空行.xlsx"),
], ids=["csv-header-only", "xlsx-header-only", "xlsx-blank-rows"])  # stable ids: xlsx bytes carry a timestamp
def test_file_without_data_rows_is_refused(district, importer, content, name):
    error = _rejected(district.legal, upload(content, name))
    assert error.code == "no_rows" and "没有数据行" in error.message


def test_xlsx_with_a_wrong_header_names_missing_and_unknown_columns(district, importer):
    error = _rejected(district.legal, xlsx_upload(["名称", "日期", "备注"], [["甲", "2026-01-01", "x"]]))
    assert error.code == "wrong_header"
    assert "缺少必填列:组名" in error.message
    assert "无法识别的列:名称、备注" in error.message


def test_duplicate_header_is_refused(district, importer):
    error = _rejected(district.legal, xlsx_upload(["组名", "组名"], [["甲", "乙"]]))
    assert "重复的列:组名" in error.message


def test_optional_columns_may_be_left_out_and_headers_tolerate_required_markers(district, importer):
    job = _create(district.legal, xlsx_upload(["组名*"], [["甲"]]))
    assert job.status == ImportStatus.VALID


def test_file_over_the_size_limit_is_refused_before_parsing(district, importer, settings):
    settings.FAZHI_IMPORT_MAX_BYTES = 1024
    # Not even a valid workbook: the size check must come first.
    error = _rejected(district.legal, upload(b"x" * 2048, "大.xlsx"))
    assert error.code == "too_large" and "文件过大" in error.message


def test_non_xlsx_named_xlsx_is_refused(district, importer):
    error = _rejected(district.legal, upload("组名\n甲\n".encode(), "伪装.xlsx"))
    assert error.code == "not_xlsx" and "不是有效的 .xlsx 文件" in error.message


def test_damaged_zip_named_xlsx_is_refused(district, importer):
    error = _rejected(district.legal, upload(xlsx_bytes(HEADERS, [["甲"]])[:-200], "坏.xlsx"))
    assert error.code == "not_xlsx"


@pytest.mark.parametrize("name, code", [("表.xls", "xls"), ("表.txt", "extension"), ("表", "extension")])
def test_unsupported_extension_is_refused(district, importer, name, code):
    assert _rejected(district.legal, upload(b"abc", name)).code == code


def test_xlsx_sent_as_csv_is_refused(district, importer):
    assert _rejected(district.legal, upload(xlsx_bytes(HEADERS, [["甲"]]), "表.csv")).code == "not_csv"


def test_undecodable_csv_is_refused(district, importer):
    assert _rejected(district.legal, upload("组名\n".encode() + b"\x81\x20\xff\xfe\x80\n", "表.csv")).code == \
        "encoding"


# --- rows ------------------------------------------------------------------------------------------


def test_errors_name_the_excel_row_the_column_and_the_reason(district, importer):
    rows = [
        ["甲", dt.datetime(2026, 1, 31), 1],   # row 2: fine (an Excel date)
        [None, None, None],                     # row 3: blank, skipped but still counted in Excel's numbering
        ["乙", "2026-02-30", 11],              # row 4: no such date, count out of range
        ["甲", None, None],                     # row 5: duplicate of row 2
        [None, "2026-01-01", None],             # row 6: required name missing
    ]
    job = _create(district.legal, xlsx_upload(HEADERS, rows))
    assert job.status == ImportStatus.INVALID
    assert job.total_rows == 4 and job.error_rows == 3 and job.error_count == 4
    assert {(e["row"], e["column"]) for e in job.errors} == {(4, "日期"), (4, "数量"), (5, "组名"), (6, "组名")}
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert "不是存在的日期" in messages[(4, "日期")]
    assert messages[(4, "数量")] == "须在0到10之间"
    assert messages[(5, "组名")] == "与第2行重复"
    assert messages[(6, "组名")] == "必填,不能为空"


def test_one_bad_row_in_a_hundred_blocks_the_whole_file(district, importer):
    rows = [[f"组{i}", "2026-01-01", 1] for i in range(100)]
    rows[57][2] = "很多"
    job = _create(district.legal, csv_upload(HEADERS, rows))
    assert job.status == ImportStatus.INVALID and job.error_rows == 1
    assert job.errors == [{"row": 59, "column": "数量", "message": "“很多”不是整数"}]
    with pytest.raises(DomainError) as info:
        imports.import_job_confirm(by=district.legal, job=job)
    assert info.value.code == "not_committable"
    assert Group.objects.count() == 0


def test_a_fault_during_commit_rolls_back_every_row(district, importer):
    importer.fail_after = 50
    job = _create(district.legal, csv_upload(HEADERS, [[f"组{i}", "", ""] for i in range(100)]))
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.FAILED and "未导入任何数据" in job.message
    assert Group.objects.count() == 0


def test_commit_rechecks_rows_against_the_database_as_it_is_now(district, importer):
    job = _create(district.legal, csv_upload(HEADERS, [["甲", "", ""], ["乙", "", ""]]))
    assert job.status == ImportStatus.VALID
    Group.objects.create(name="乙")  # someone registered it between preview and confirmation
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.INVALID
    assert job.errors == [{"row": 3, "column": "组名", "message": "已存在"}]
    assert list(Group.objects.values_list("name", flat=True)) == ["乙"]


def test_a_job_commits_only_once(district, importer):
    job = _create(district.legal, csv_upload(HEADERS, [["甲", "", ""]]))
    imports.import_job_confirm(by=district.legal, job=job)
    with pytest.raises(DomainError):
        imports.import_job_confirm(by=district.legal, job=job)
    assert Group.objects.count() == 1


def test_stored_errors_are_capped_but_counted(district, importer, monkeypatch):
    monkeypatch.setattr(engine, "MAX_STORED_ERRORS", 5)
    job = _create(district.legal, csv_upload(HEADERS, [[f"组{i}", "x", ""] for i in range(8)]))
    assert job.error_count == 8 and len(job.errors) == 5


def test_importer_permission_is_checked(district, importer):
    with pytest.raises(PermissionDenied):
        _create(district.officer_a, csv_upload(HEADERS, [["甲", "", ""]]))


def test_large_files_run_in_the_background_task(district, importer, settings, django_capture_on_commit_callbacks):
    settings.FAZHI_IMPORT_INLINE_BYTES = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = _create(district.legal, csv_upload(HEADERS, [[f"组{i}", "", ""] for i in range(30)]))
    assert job.status == ImportStatus.UPLOADED  # returned before the task ran
    job.refresh_from_db()
    assert job.status == ImportStatus.VALID and job.total_rows == 30
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.COMMITTING
    job.refresh_from_db()
    assert job.status == ImportStatus.COMMITTED and job.result == {"分组": 30}
    assert Group.objects.count() == 30


# --- parsers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [dt.datetime(2026, 1, 31), dt.date(2026, 1, 31), "2026-01-31", "2026/1/31",
                                 "2026年1月31日", "2026.1.31", "20260131", 46053, "2026-01-31 00:00:00"])
def test_dates_in_the_forms_users_type(raw):
    assert parsers.date(raw) == dt.date(2026, 1, 31)


@pytest.mark.parametrize("raw", ["31/01/2026", "2026-13-01", "明天", "2026年2月30日"])
def test_bad_dates_are_explained(raw):
    with pytest.raises(ValueError, match="日期"):
        parsers.date(raw)


def test_id_number_stored_by_excel_as_a_number_is_explained():
    with pytest.raises(ValueError, match="文本"):
        parsers.id_number(1.501051985061500e17)


def test_numbers_typed_into_excel_read_as_text():
    assert parsers.text()(13800000000.0) == "13800000000"
    assert parsers.phone(13800000000) == "13800000000"


# --- screens -------------------------------------------------------------------------------------------


def test_upload_preview_commit_through_the_screens(district, importer, client_for):
    client = client_for(district.legal)
    page = client.get(reverse("core:import_list"))
    assert page.status_code == 200
    assert reverse("core:import_upload", args=["test-groups"]) in page.content.decode()
    bad = client.post(reverse("core:import_upload", args=["test-groups"]),
                      {"file": csv_upload(HEADERS, [["甲", "", ""], ["甲", "", ""]])})
    job = ImportJob.objects.get()
    assert bad.status_code == 302 and bad["Location"] == reverse("core:import_detail", args=[job.public_id])
    detail = client.get(bad["Location"]).content.decode()
    assert "第 3 行" in detail and "与第2行重复" in detail and "确认导入" not in detail
    good = client.post(reverse("core:import_upload", args=["test-groups"]),
                       {"file": csv_upload(HEADERS, [["甲", "", ""], ["乙", "", ""]])})
    job = ImportJob.objects.get(pk__gt=job.pk)
    assert "确认导入" in client.get(good["Location"]).content.decode()
    progress = client.get(reverse("core:import_progress", args=[job.public_id]), HTTP_HX_REQUEST="true")
    assert progress.status_code == 200 and 'data-status="valid"' in progress.content.decode()
    done = client.post(reverse("core:import_commit", args=[job.public_id]), follow=True)
    assert "已导入 2 行" in done.content.decode()
    assert Group.objects.count() == 2


def test_upload_errors_are_shown_in_chinese_on_the_form(district, importer, client_for):
    client = client_for(district.legal)
    response = client.post(reverse("core:import_upload", args=["test-groups"]),
                           {"file": upload(b"not a zip", "x.xlsx")})
    assert response.status_code == 400
    assert "不是有效的 .xlsx 文件" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_template_has_chinese_headers_an_example_row_and_notes(district, importer, client_for):
    response = client_for(district.legal).get(reverse("core:import_template", args=["test-groups"]))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    import io

    workbook = load_workbook(io.BytesIO(response.content))
    data, notes = workbook.worksheets
    assert [c.value for c in data[1]] == HEADERS
    assert data["A2"].value == "甲组"
    assert notes.title == "填写说明"
    assert [c.value for c in notes[2]][:2] == ["组名", "必填"]


def test_another_bodys_job_is_not_found(district, importer, client_for):
    job = _create(district.admin_a, csv_upload(HEADERS, [["甲", "", ""]]))
    client = client_for(district.admin_b)
    for name in ("core:import_detail", "core:import_progress"):
        assert client.get(reverse(name, args=[job.public_id])).status_code == 404
    assert client.post(reverse("core:import_commit", args=[job.public_id])).status_code == 404
    assert Group.objects.count() == 0
    # The legal affairs office sees jobs of every organisation in its jurisdiction.
    assert client_for(district.legal).get(reverse("core:import_detail", args=[job.public_id])).status_code == 200


def test_a_user_without_the_importer_gets_no_upload_page(district, importer, client_for):
    client = client_for(district.officer_a)
    assert client.get(reverse("core:import_upload", args=["test-groups"])).status_code == 404
    assert "test-groups" not in client.get(reverse("core:import_list")).content.decode()


def test_commit_reuses_the_parsed_rows_and_removes_them_afterwards(district, importer):
    from django.core.files.storage import default_storage

    job = _create(district.legal, csv_upload(HEADERS, [["甲", "2026/1/31", "3"]]))
    assert job.parsed_name and default_storage.exists(job.parsed_name)
    parsed = engine.load_parsed(importer, default_storage.open(job.parsed_name).read())
    assert parsed == [{"_row": 2, "name": "甲", "day": dt.date(2026, 1, 31), "count": 3}]
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.COMMITTED and not job.parsed_name
    assert not default_storage.exists(f"imports/{job.public_id}.parsed.json")


def test_commit_parses_the_file_again_when_the_parsed_rows_are_gone(district, importer):
    from django.core.files.storage import default_storage

    job = _create(district.legal, csv_upload(HEADERS, [["甲", "", ""], ["乙", "", ""]]))
    default_storage.delete(job.parsed_name)
    job = imports.import_job_confirm(by=district.legal, job=job)
    assert job.status == ImportStatus.COMMITTED
    assert Group.objects.count() == 2

import datetime as dt
import io
from decimal import Decimal
from urllib.parse import unquote

from openpyxl import load_workbook

from fazhi.core.exports import XLSX_CONTENT_TYPE, content_disposition, xlsx_response


def _sheet(response):
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def test_xlsx_response_writes_chinese_headers_and_typed_cells():
    when = dt.datetime(2026, 1, 31, 1, 30, tzinfo=dt.UTC)  # 09:30 in Asia/Shanghai
    rows = [
        ["张三", dt.date(2026, 1, 31), True, Decimal("86.5"), when],
        ["李四", None, False, 3, None],
    ]
    response = xlsx_response(filename="执法人员名单", headers=["姓名", "有效期止", "持证", "成绩", "时间"],
                             rows=iter(rows))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = _sheet(response)
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("姓名", "有效期止", "持证", "成绩", "时间")
    assert values[1][0] == "张三"
    assert values[1][1] == dt.datetime(2026, 1, 31)  # stored as an Excel date, not text
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd"
    assert values[1][2] == "是" and values[2][2] == "否"
    assert values[1][3] == 86.5
    assert values[1][4] == dt.datetime(2026, 1, 31, 9, 30)
    assert values[2][1] is None
    assert sheet.title == "执法人员名单"


def test_filename_is_rfc5987_encoded_for_chinese():
    response = xlsx_response(filename="执法证件.xlsx", headers=["证件编号"], rows=[])
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "执法证件.xlsx"
    assert header.encode("latin-1")  # the header itself is pure ASCII
    assert 'filename="export.xlsx"' in content_disposition("执法证件.xlsx")
    assert 'filename="officers-2026.xlsx"' in content_disposition("officers-2026.xlsx")


def test_text_that_looks_like_a_formula_stays_text_and_control_characters_are_dropped():
    response = xlsx_response(filename="x", headers=["a"], rows=[["=HYPERLINK(\"http://evil\")"], ["a\x07b"]])
    sheet = _sheet(response)
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://evil")'
    assert sheet["A3"].value == "ab"


def test_rows_are_consumed_lazily_from_a_generator():
    def rows():
        for i in range(2000):
            yield [i, f"第{i}行"]

    sheet = _sheet(xlsx_response(filename="big", headers=["序号", "内容"], rows=rows()))
    assert sheet.max_row == 2001
    assert sheet.cell(row=2001, column=2).value == "第1999行"

"""Reading an uploaded table: xlsx (calamine) or csv (UTF-8 with or without BOM, UTF-16,
else GB18030 ⊇ GBK as saved by Chinese Excel). Rows come back numbered as Excel shows them: the header is row 1."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from fazhi.core.errors import DomainError

SUPPORTED_EXTENSIONS = (".xlsx", ".csv")


class FileRejected(DomainError):
    """The file as a whole cannot be read: nothing is imported."""

    def __init__(self, message: str, *, code: str = "file_rejected"):
        super().__init__(code, message, field="file")


def extension_of(name: str) -> str:
    name = (name or "").lower().strip()
    return name[name.rfind("."):] if "." in name else ""


def check_name_and_size(name: str, size: int, max_bytes: int) -> str:
    """Refuse before parsing: unsupported extensions, empty files and files over the limit."""
    ext = extension_of(name)
    if ext == ".xls":
        raise FileRejected("不支持旧版 .xls 格式,请在 Excel 中“另存为” .xlsx 或 .csv 后再上传", code="xls")
    if ext not in SUPPORTED_EXTENSIONS:
        raise FileRejected(f"不支持“{ext or '无扩展名'}”文件,仅支持 .xlsx 和 .csv", code="extension")
    if size == 0:
        raise FileRejected("文件为空(0 字节)", code="empty_file")
    if size > max_bytes:
        raise FileRejected(
            f"文件过大:{size / 1024 / 1024:.1f} MB,超过上限 {max_bytes / 1024 / 1024:.0f} MB;请拆分后分批导入",
            code="too_large",
        )
    return ext


def _cell(value):
    if type(value) is str or isinstance(value, str):
        value = value.strip()
        return value or None
    return value


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list]]  # (Excel row number, values aligned with headers)
    close: callable = lambda: None


def _xlsx_cell(value):
    # calamine gives every number as a float; a whole number (a phone, a batch, a score of 90) is an int to us,
    # as openpyxl would give it.
    if type(value) is float and value.is_integer():
        return int(value)
    return _cell(value)


def _xlsx_table(handle) -> Table:
    """xlsx through calamine (Rust): several times faster than openpyxl on large sheets (docs/adr/0006)."""
    from python_calamine import CalamineWorkbook

    if not zipfile.is_zipfile(handle):
        raise FileRejected("文件不是有效的 .xlsx 文件(可能是其他格式改了扩展名);请在 Excel 中另存为 .xlsx 或 .csv",
                           code="not_xlsx")
    handle.seek(0)
    try:
        workbook = CalamineWorkbook.from_filelike(handle)
        rows = workbook.get_sheet_by_index(0).iter_rows()
        header = next(rows, None)
    except Exception:  # noqa: BLE001 - any library failure on a damaged file is the same answer to the user
        raise FileRejected("文件已损坏或不是 Excel 工作簿,无法读取;请在 Excel 中另存为 .xlsx 后重试",
                           code="not_xlsx") from None
    if header is None or all(_cell(v) is None for v in header):
        workbook.close()
        raise FileRejected("文件中没有内容:第1行应为表头", code="empty_file")

    def numbered():
        for number, row in enumerate(rows, start=2):
            yield number, [_xlsx_cell(v) for v in row]

    return Table(headers=[_header(v) for v in header], rows=numbered(), close=workbook.close)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise FileRejected("无法识别 CSV 文件的编码;请另存为“CSV UTF-8”或 GBK 编码的 CSV", code="encoding") from None


def _csv_table(handle) -> Table:
    data = handle.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data[:4] == b"PK\x03\x04":
        raise FileRejected("文件是 Excel 工作簿而不是 CSV;请将扩展名改为 .xlsx 后上传", code="not_csv")
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise FileRejected("文件中没有内容:第1行应为表头", code="empty_file")

    def numbered():
        for number, row in enumerate(reader, start=2):
            yield number, [v.strip() or None for v in row]

    return Table(headers=[_header(v) for v in header], rows=numbered())


def _header(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\u3000", " ").strip()


def open_table(handle, name: str) -> Table:
    """Open a stored upload. The caller closes it with `table.close()` when done."""
    ext = extension_of(name)
    if ext == ".xlsx":
        return _xlsx_table(handle)
    if ext == ".csv":
        return _csv_table(handle)
    raise FileRejected(f"不支持“{ext or '无扩展名'}”文件,仅支持 .xlsx 和 .csv", code="extension")


def is_blank(values: list) -> bool:
    return all(v is None or v == "" for v in values)

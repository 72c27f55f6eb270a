"""Reading an uploaded table: xlsx (calamine) or csv (UTF-8 with or without BOM, UTF-16,
else GB18030 ⊇ GBK as saved by Chinese Excel). Rows come back numbered as Excel shows them: the header is row 1."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
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


CSV_CHUNK = 1 << 20


class _Chunks(io.RawIOBase):
    """An upload read in chunks for the text decoder, which may close this wrapper without closing the upload."""

    def __init__(self, handle):
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._handle.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _decodes_as(handle, encoding: str) -> bool:
    """Whether the whole upload decodes, read in chunks (the text is not kept)."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        while chunk := handle.read(CSV_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(handle, head: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 by its BOM, else GB18030 ⊇ GBK as saved by Chinese Excel."""
    if head.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        if _decodes_as(handle, encoding):
            return encoding
    raise FileRejected("无法识别 CSV 文件的编码;请另存为“CSV UTF-8”或 GBK 编码的 CSV", code="encoding")


def _csv_table(handle) -> Table:
    """Decoded and parsed as it is read: a csv of a million rows is never held in memory as text."""
    head = handle.read(4)
    if isinstance(head, str):  # a text handle
        handle = io.BytesIO((head + handle.read()).encode("utf-8"))
        head = handle.read(4)
    if head[:4] == b"PK\x03\x04":
        raise FileRejected("文件是 Excel 工作簿而不是 CSV;请将扩展名改为 .xlsx 后上传", code="not_csv")
    encoding = _encoding(handle, head)
    handle.seek(0)
    text = io.TextIOWrapper(io.BufferedReader(_Chunks(handle), CSV_CHUNK), encoding=encoding, newline="")
    first_line = text.readline()
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise FileRejected("文件中没有内容:第1行应为表头", code="empty_file")

    def numbered():
        for number, row in enumerate(reader, start=2):
            yield number, [v.strip() or None for v in row]

    return Table(headers=[_header(v) for v in header], rows=numbered(), close=text.close)


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

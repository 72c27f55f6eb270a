"""Export of any list to xlsx (DESIGN.md mechanism 6, the "out" half).

`xlsx_response` writes rows with openpyxl's write-only mode, so memory stays flat however long the list is:
rows are consumed one at a time from any iterable (a queryset's `.iterator()` is a good source). Dates stay
dates (Excel sorts and filters them), aware datetimes are shown in the site's time zone, booleans read 是/否.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import quote
from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
MAX_SHEET_TITLE = 31  # Excel's limit


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the real (Chinese) name encoded per RFC 5987/6266."""
    ascii_name = filename.encode("ascii", "ignore").decode().strip().replace('"', "").replace("\\", "")
    if not ascii_name or ascii_name.startswith("."):
        ascii_name = "export" + (ascii_name if ascii_name.startswith(".") else ".xlsx")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def excel_value(value):
    """A Python value as openpyxl should store it, or a string when Excel has no such type."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, (dt.date, int, float, Decimal)):
        return value
    if isinstance(value, (UUID, Promise)):
        return str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _cell(sheet, value):
    value = excel_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text: no formula injection through data
    return cell


def write_sheet(workbook: Workbook, *, title: str, headers: list, rows: Iterable[Iterable],
                widths: list[int] | None = None) -> None:
    """Append a write-only sheet with a bold, frozen header row to `workbook` (created with write_only=True)."""
    sheet = workbook.create_sheet(title=str(title)[:MAX_SHEET_TITLE] or "Sheet1")
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F3F4F6")
    for index, header in enumerate(headers, start=1):
        width = widths[index - 1] if widths and index <= len(widths) else max(10, min(40, 2 * len(str(header)) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def xlsx_bytes(*, headers: list, rows: Iterable[Iterable], sheet_title: str = "数据",
               extra_sheets: list[tuple[str, list, Iterable[Iterable]]] | None = None) -> bytes:
    """The workbook as bytes. Built in a temporary file (write-only mode) rather than in memory."""
    workbook = Workbook(write_only=True)
    write_sheet(workbook, title=sheet_title, headers=headers, rows=rows)
    for title, extra_headers, extra_rows in extra_sheets or []:
        write_sheet(workbook, title=title, headers=extra_headers, rows=extra_rows)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        return handle.read()


def xlsx_response(*, filename: str, headers: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """An xlsx download of `rows` under Chinese `headers`, named `filename` (".xlsx" is appended if missing)."""
    if not filename.lower().endswith(".xlsx"):
        filename += ".xlsx"
    title = filename[: -len(".xlsx")]
    for bad in "[]:*?/\\":
        title = title.replace(bad, "")
    response = HttpResponse(xlsx_bytes(headers=headers, rows=rows, sheet_title=title or "数据"),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "no-store"  # exports hold internal data
    return response

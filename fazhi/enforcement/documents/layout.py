"""The page of an administrative document, built in code with python-docx (no binary templates).

Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, the issuing body's name and the
document's title centred in 宋体, the number right-aligned, body text in 仿宋 三号 (16 pt) on a fixed 28 pt line with a
two-character first-line indent, and the body's name and the date in Chinese above the seal. East Asian font names are
set in w:eastAsia, which Word uses for Chinese characters (w:ascii alone would leave them in the theme font).

Same data, same bytes: the core properties are set from the document's own date, and the zip python-docx writes
(whose entries carry the time of writing) is re-packed with that date as every entry's time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core.deadlines import zh_date

SONG = "宋体"
FANGSONG = "仿宋"
HEI = "黑体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 12  # 小四
LINE_PT = 28
FORM_WIDTHS = (Mm(40), Mm(116))  # label | value columns of a form, within the 156 mm text width

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿", "万亿")


def _set_font(run, name: str, size: int | None = None, bold: bool = False) -> None:
    run.font.name = name
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True


def _group_upper(group: int) -> str:
    out, zero = "", False
    for pos in (3, 2, 1, 0):
        digit = group // 10**pos % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _UNITS[pos]
    return out


def _integer_upper(number: int) -> str:
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    out, zero_pending = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out += "零"
        out += _group_upper(group) + _GROUP_UNITS[index]
        zero_pending = False
    return out


def rmb_upper(amount: Decimal) -> str:
    """An amount of yuan in the capital figures of financial documents: 5000 → 伍仟元整, 1.05 → 壹元零伍分."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0:
        return "零元整"
    yuan = int(amount)
    jiao, fen = divmod(int((amount - yuan) * 100), 10)
    out = _integer_upper(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    return out + (_DIGITS[fen] + "分" if fen else "整")


def money(amount: Decimal) -> str:
    """人民币5,000.00元(大写:伍仟元整)."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    return f"人民币{amount:,}元(大写:{rmb_upper(amount)})"


class GovDocument:
    """One document being written: helpers for the parts every administrative document has."""

    def __init__(self, *, title: str, issuer: str, on: dt.date):
        self.title, self.issuer, self.on = title, issuer, on
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = FANGSONG
        normal.font.size = Pt(BODY_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)

    # --- parts ---------------------------------------------------------------------------------------------------
    def heading(self, number: str = "") -> None:
        """The issuing body and the title, centred; the document number right-aligned below them."""
        for text, size in ((self.issuer, TITLE_PT), (self.title, TITLE_PT)):
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(36)
            _set_font(paragraph.add_run(text), SONG, size, bold=True)
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_before = Pt(12)
        _set_font(paragraph.add_run(number), FANGSONG, BODY_PT)

    def para(self, text: str, *, indent: bool = True, bold_lead: str = "", align=WD_ALIGN_PARAGRAPH.JUSTIFY):
        """A body paragraph; `bold_lead` is a run in 黑体 before the text (a field's name: "违法事实:")."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(LINE_PT)
        fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(BODY_PT * 2)
        if bold_lead:
            _set_font(paragraph.add_run(bold_lead), HEI, BODY_PT)
        _set_font(paragraph.add_run(text), FANGSONG, BODY_PT)
        return paragraph

    def paras(self, text: str, **kwargs) -> None:
        """Stored multi-line text: one paragraph per non-empty line."""
        lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
        for line in lines or [""]:
            self.para(line, **kwargs)

    def addressee(self, name: str) -> None:
        self.para(f"{name}:", indent=False)

    def signature(self, *, seal: bool = True, on: dt.date | None = None, name: str | None = None) -> None:
        """The body's name and the date in Chinese, right-aligned, with room for the seal above the date."""
        self.para("", indent=False)
        if seal:
            self.para("(印章)", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.para(name or self.issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.para(zh_date(on or self.on), indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)

    def table(self, rows: list[tuple[str, str]], *, widths=FORM_WIDTHS) -> None:
        """A two-column form (label | value), bordered, as approval forms and receipts are printed."""
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            for cell, text, font, width in ((cells[0], label, HEI, widths[0]), (cells[1], value, FANGSONG, widths[1])):
                cell.width = width
                lines = (text or "").splitlines() or [""]
                cell.paragraphs[0].text = ""
                for i, line in enumerate(lines):
                    paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                    _set_font(paragraph.add_run(line), font, TABLE_PT)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- output --------------------------------------------------------------------------------------------------
    def to_bytes(self, *, subject: str = "") -> bytes:
        """The .docx bytes: the same for the same data (core properties and zip entry times from `self.on`)."""
        moment = dt.datetime.combine(self.on, dt.time(0, 0))
        props = self.doc.core_properties
        props.title = self.title
        props.subject = subject
        props.author = self.issuer
        props.last_modified_by = self.issuer
        props.created = moment
        props.modified = moment
        props.revision = 1
        props.comments = ""
        props.keywords = ""
        raw = io.BytesIO()
        self.doc.save(raw)
        return _repack(raw.getvalue(), (self.on.year, self.on.month, self.on.day, 0, 0, 0))


def _repack(data: bytes, date_time: tuple) -> bytes:
    """Re-write a zip with one fixed time on every entry (zip entries otherwise carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=max(date_time, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()

"""Split the official text of a statute into its title, history, chapters and articles (条), each article into its
paragraphs (款) and items (项).

The input is plain text (pasted, a .txt file in UTF-8 or GB18030, the paragraphs of a .docx, or the Markdown of
the shared texts: "# 标题", history lines up to "<!-- INFO END -->", "## 第一章 总则", "### 第一节 …"). Headings
without Markdown marks are recognised by their form ("第一章 总则", "一、受案范围"), and a table of contents is
skipped because a heading followed by no article opens no chapter. An article starts at a line "第X条 …" (Chinese
numerals, "第十条之一" for an inserted article); the lines that follow are its paragraphs, and a line opening with
"（一）" or "(一)" is an item of the paragraph before it. The parser never guesses silently: gaps, repeats and
other oddities are returned as warnings for the preview.

Pure Python: no database, so the preview costs nothing and the parser is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_CN_VALUES = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERALS = "零〇一二三四五六七八九十百千两"
MAX_NUMBER = 9999


def int_to_cn(n: int) -> str:
    """1..9999 as a statute writes it: 十, 十一, 二十, 一百零一, 一百一十, 一千零一十."""
    if not 1 <= n <= MAX_NUMBER:
        raise ValueError(f"out of range: {n}")
    if 10 <= n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out, zero = [], False
    for unit, name in UNITS:
        d, n = divmod(n, unit)
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(DIGITS[d] + name)
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(DIGITS[n])
    return "".join(out)


def cn_to_int(text: str) -> int:
    """The value of a Chinese numeral (十, 十一, 一百零一, 一千零一十; also 〇 and 两). ValueError otherwise."""
    if not text or any(c not in _CN_VALUES and c not in _CN_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _CN_VALUES:
            if digit is not None and digit != 0 and _CN_VALUES[c] != 0:
                raise ValueError(f"two digits in a row: {text!r}")
            digit = _CN_VALUES[c]
        else:
            unit = _CN_UNITS[c]
            if unit >= last_unit:
                raise ValueError(f"units out of order: {text!r}")
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit:
        total += digit
    if total == 0:
        raise ValueError(f"zero is no article number: {text!r}")
    return total


def article_label(number: int, sub_number: int = 0) -> str:
    return f"第{int_to_cn(number)}条" + (f"之{int_to_cn(sub_number)}" if sub_number else "")


ARTICLE_RE = re.compile(rf"^第([{NUMERALS}]+)条(?:之([{NUMERALS}]+))?(\s*)(.*)$")
ITEM_RE = re.compile(rf"^[（(]([{NUMERALS}]+)[)）]")
HEADING_RE = re.compile(rf"^第([{NUMERALS}]+)([编章节])\s*(.*)$")
ENUM_HEADING_RE = re.compile(rf"^([{NUMERALS}]+)、(.+)$")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
INFO_END = "<!-- INFO END -->"
CJK_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
SENTENCE_PUNCTUATION = "。；：，"
# Zero-width characters and BOMs that web copies of statutes carry; a no-break space reads as a space.
INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\xa0": " "})


@dataclass
class ParsedArticle:
    number: int
    sub_number: int
    label: str
    chapter: str
    section: str
    paragraphs: list[dict] = field(default_factory=list)  # [{"text": 款, "items": [项, …]}, …]

    @property
    def text(self) -> str:
        lines = []
        for paragraph in self.paragraphs:
            if paragraph["text"]:
                lines.append(paragraph["text"])
            lines.extend(paragraph["items"])
        return "\n".join(lines)

    @property
    def item_count(self) -> int:
        return sum(len(p["items"]) for p in self.paragraphs)


@dataclass
class ParsedChapter:
    heading: str
    sections: list[str] = field(default_factory=list)
    article_count: int = 0


@dataclass
class ParsedLaw:
    title: str
    history: list[str]
    preamble: str
    articles: list[ParsedArticle]
    chapters: list[ParsedChapter]
    warnings: list[str]

    @property
    def paragraph_count(self) -> int:
        return sum(len(a.paragraphs) for a in self.articles)

    @property
    def item_count(self) -> int:
        return sum(a.item_count for a in self.articles)


def _clean_heading(text: str) -> str:
    """"总 则" and "申 请 人" are spaced for print; the heading is the words."""
    text = re.sub(r"\s+", " ", text.strip())
    return CJK_GAP_RE.sub("", text)


def _bare_heading(line: str) -> tuple[str, str] | None:
    """A heading written without Markdown marks: ("chapter"|"section"|"part", text) or None."""
    m = HEADING_RE.match(line)
    if m and len(line) <= 40 and not any(p in line for p in SENTENCE_PUNCTUATION):
        kind = {"编": "part", "章": "chapter", "节": "section"}[m.group(2)]
        return kind, f"第{m.group(1)}{m.group(2)} {_clean_heading(m.group(3))}".strip()
    m = ENUM_HEADING_RE.match(line)
    if m and len(line) <= 30 and not any(p in line for p in SENTENCE_PUNCTUATION):
        return "chapter", _clean_heading(line)
    return None


def _looks_like_history(line: str) -> bool:
    stripped = line.strip("（）() \u3000")
    return bool(DATE_RE.match(stripped)) or stripped.startswith(("根据", "自"))


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)
    return [line.strip().strip("\u3000").strip() for line in text.split("\n")]


def parse(text: str) -> ParsedLaw:
    """Parse the text of one statute (see the module docstring). Never raises on odd input: an empty title or no
    article shows in the result (and its warnings); the import service refuses such a text."""
    lines = [line for line in split_lines(text) if line]
    warnings: list[str] = []
    title = ""
    history: list[str] = []
    preamble: list[str] = []
    has_info_end = INFO_END in lines
    i = 0
    # Title: "# 标题", or the first line that is not an article, a heading or a history line.
    if lines and lines[0].startswith("# "):
        title = lines[0][2:].strip()
        i = 1
    elif lines and not ARTICLE_RE.match(lines[0]) and not _bare_heading(lines[0]) and not _looks_like_history(
            lines[0]):
        title = lines[0].lstrip("#").strip()
        i = 1
    if has_info_end:
        end = lines.index(INFO_END)
        history = list(lines[i:end])
        i = end + 1
    else:
        while i < len(lines) and _looks_like_history(lines[i]):
            history.append(lines[i].strip("（）()"))
            i += 1

    articles: list[ParsedArticle] = []
    chapters: list[ParsedChapter] = []
    part = chapter = section = ""
    current: ParsedArticle | None = None
    after_items = False
    seen: set[tuple[int, int]] = set()

    def set_heading(kind: str, heading: str) -> None:
        nonlocal part, chapter, section, current
        current = None
        if kind == "part":
            part, chapter, section = heading, "", ""
        elif kind == "chapter":
            chapter, section = (f"{part} {heading}" if part else heading), ""
        else:
            section = heading

    for line in lines[i:]:
        if line == INFO_END or line.replace(" ", "") in ("目录", "目次"):
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            heading = line.lstrip("#").strip()
            bare = _bare_heading(heading)
            if bare:
                set_heading(*bare)
            else:
                set_heading("chapter" if level <= 2 else "section", _clean_heading(heading))
            continue
        m = ARTICLE_RE.match(line)
        if m:
            try:
                number = cn_to_int(m.group(1))
                sub_number = cn_to_int(m.group(2)) if m.group(2) else 0
            except ValueError:
                number = None
            expected_next = (articles[-1].number + 1) if articles else 1
            # "第一条为了…" without a space is an article only where the numbering expects one; otherwise it is a
            # paragraph that happens to start with an article reference ("第二十条规定的…").
            if number is not None and (m.group(3) or not m.group(4) or number == expected_next or sub_number):
                if articles:
                    prev = articles[-1]
                    if (number, sub_number) in seen:
                        warnings.append(f"{article_label(number, sub_number)}重复出现")
                    elif sub_number == 0 and number != prev.number + 1:
                        if number > prev.number + 1:
                            missing = (f"{article_label(prev.number + 1)}至{article_label(number - 1)}"
                                       if number > prev.number + 2 else article_label(prev.number + 1))
                            warnings.append(f"条文编号不连续:{prev.label}之后是{article_label(number)},缺少{missing}")
                        else:
                            warnings.append(f"条文编号倒序:{prev.label}之后是{article_label(number)}")
                    elif sub_number and number != prev.number:
                        warnings.append(f"{article_label(number, sub_number)}未紧随{article_label(number)}")
                elif number != 1:
                    warnings.append(f"第一个条文是{article_label(number, sub_number)},不是第一条")
                seen.add((number, sub_number))
                if (not chapters or chapters[-1].heading != chapter) and (chapter or chapters):
                    chapters.append(ParsedChapter(heading=chapter))
                if chapters:
                    chapters[-1].article_count += 1
                    if section and section not in chapters[-1].sections:
                        chapters[-1].sections.append(section)
                current = ParsedArticle(number=number, sub_number=sub_number,
                                        label=article_label(number, sub_number), chapter=chapter, section=section)
                articles.append(current)
                body = m.group(4).strip()
                after_items = False
                if body:
                    _add_line(current, body, after_items=False)
                    after_items = bool(ITEM_RE.match(body))
                continue
        bare = _bare_heading(line)
        if bare and (current is None or not ITEM_RE.match(line)):
            set_heading(*bare)
            continue
        if current is None:
            preamble.append(line)
            continue
        is_item = bool(ITEM_RE.match(line))
        _add_line(current, line, after_items=after_items)
        after_items = is_item

    if not title:
        warnings.append("未识别到法规名称,请在导入时填写")
    if not articles:
        warnings.append("未识别到任何条文(条文应以“第X条”开头)")
    for article in articles:
        if not article.text:
            warnings.append(f"{article.label}没有条文内容")
    if not has_info_end and preamble and articles:
        warnings.append(f"第一条之前有{len(preamble)}段文字,作为序言保存")
    return ParsedLaw(title=title, history=history, preamble="\n".join(preamble), articles=articles,
                     chapters=chapters, warnings=warnings)


def _add_line(article: ParsedArticle, line: str, *, after_items: bool) -> None:
    if ITEM_RE.match(line):
        if not article.paragraphs:
            article.paragraphs.append({"text": "", "items": []})
        article.paragraphs[-1]["items"].append(line)
    else:
        article.paragraphs.append({"text": line, "items": []})


# --- reading files ------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312). UnicodeDecodeError otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def docx_text(file) -> str:
    """The paragraphs of a .docx as lines (tables are not statute text). Headings styled "Heading 1/2/3" keep
    their level as Markdown marks, so a styled chapter heading is read as one even without "第X章"."""
    import docx  # python-docx

    lines = []
    for paragraph in docx.Document(file).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        m = re.match(r"Heading (\d)", style)
        if m and not ARTICLE_RE.match(text):
            level = int(m.group(1))
            text = "#" * min(level, 3) + " " + text
        lines.append(text)
    return "\n".join(lines)


def read_upload(name: str, data: bytes) -> str:
    """Text of an uploaded statute: .docx, or .txt/.md in UTF-8 or GB18030. ValueError with a Chinese message."""
    lower = name.lower()
    if lower.endswith(".docx"):
        import io
        import zipfile

        try:
            return docx_text(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise ValueError("无法读取该 Word 文件,请确认是 .docx 格式(不支持旧版 .doc)") from exc
    if lower.endswith((".txt", ".md", ".text")):
        try:
            return decode_text(data)
        except UnicodeDecodeError as exc:
            raise ValueError("无法识别文件编码,请保存为 UTF-8 或 GB18030 编码的文本文件") from exc
    raise ValueError("只支持 .docx、.txt 或 .md 文件")


# --- what the history lines say -----------------------------------------------------------------------------

LEVEL_HINTS = (
    # (words in the history or title, level, issuing body)
    ("最高人民法院", "judicial_interpretation", "最高人民法院"),
    ("全国人民代表大会常务委员会", "law", "全国人民代表大会常务委员会"),
    ("全国人民代表大会", "law", "全国人民代表大会"),
    ("国务院令", "admin_regulation", "国务院"),
    ("国务院第", "admin_regulation", "国务院"),
    ("市场监督管理总局令", "departmental_rule", "国家市场监督管理总局"),
)


def _date(text: str) -> dt.date | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def guess_metadata(parsed: ParsedLaw) -> dict:
    """Defaults for the import form from the history lines: level, issuing body, document number, dates and a
    version name. Only what the lines say; an administrator confirms or corrects each in the preview."""
    joined = " ".join(parsed.history)
    guess: dict = {}
    for words, level, body in LEVEL_HINTS:
        if words in joined or words in parsed.title:
            guess["level"], guess["issuing_body"] = level, body
            break
    numbers = re.findall(r"令第\s*(\d+)\s*号", joined)
    if numbers:
        prefix = "国务院令" if "国务院令" in joined else "令"
        guess["document_number"] = f"{prefix}第{numbers[-1]}号"
    made = [(line, _date(line)) for line in parsed.history if _date(line)]
    effective = [d for line, d in made if "施行" in line]
    acts = [(line, d) for line, d in made if "施行" not in line]
    if effective:
        guess["effective_on"] = effective[-1]
    else:  # "本法自2021年7月15日起施行", usually in the last article
        for article in reversed(parsed.articles[-3:]):
            m = re.search(r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起施行", article.text)
            if m and _date(m.group(1)):
                guess["effective_on"] = _date(m.group(1))
                break
    if acts:
        line, day = acts[-1]
        guess["promulgated_on"] = day
        kind = next((k for k in ("修订", "修正", "公布", "通过") if k in line), "公布")
        guess["version"] = f"{day.year}年{kind}"
    return guess

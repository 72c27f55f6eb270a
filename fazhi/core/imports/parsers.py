"""Cell parsers: raw cell value (str, number, date — never blank) → clean Python value, or ValueError with a
Chinese reason. Blank cells never reach a parser; the engine handles "required"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from fazhi.core.validators import is_valid_id_number, is_valid_uscc

EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
LIST_SEPARATORS = re.compile(r"[、,,;;\s]+")
TRUE_WORDS = {"是", "合格", "通过", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "不合格", "未通过", "n", "no", "false", "0", "×"}


def as_text(value) -> str:
    """Numbers typed into Excel come back as floats; 13800000000.0 must read as 13800000000."""
    if type(value) is str:  # the common case; the reader has already stripped it
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def text(max_length: int | None = None) -> Callable:
    def parse(value) -> str:
        value = as_text(value)
        if max_length and len(value) > max_length:
            raise ValueError(f"不能超过{max_length}个字符(现为{len(value)}个)")
        return value

    return parse


def choice(choices, *, extra: dict | None = None) -> Callable:
    """Accept a choice's Chinese label (what users type) or its code; `extra` maps further synonyms."""
    mapping = {str(label): value for value, label in choices.choices}
    mapping.update({str(value): value for value in choices.values})
    mapping.update(extra or {})
    allowed = "、".join(str(label) for label in choices.labels)

    def parse(value):
        key = as_text(value)
        if key in mapping:
            return mapping[key]
        raise ValueError(f"“{key}”不是有效选项,应为:{allowed}")

    return parse


def date(value) -> dt.date:
    """Excel dates, 2026-01-31, 2026/1/31, 2026.1.31, 20260131, 2026年1月31日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))  # an Excel serial day number without a date format
    raw = as_text(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise ValueError(f"“{raw}”不是存在的日期") from None
    raise ValueError(f"“{raw}”不是有效日期,请填写如 2026-01-31、2026/1/31 或 2026年1月31日")


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    raw = as_text(value).lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueError(f"“{raw}”无法识别,请填写“是”或“否”")


def decimal(*, min_value=None, max_value=None, places: int = 1) -> Callable:
    def parse(value) -> Decimal:
        raw = as_text(value)
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"“{raw}”不是数字") from None
        if not number.is_finite():
            raise ValueError(f"“{raw}”不是数字")
        if min_value is not None and number < min_value or max_value is not None and number > max_value:
            raise ValueError(f"须在{min_value}到{max_value}之间")
        return number.quantize(Decimal(1).scaleb(-places))

    return parse


def integer(*, min_value=None, max_value=None) -> Callable:
    def parse(value) -> int:
        raw = as_text(value)
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise ValueError(f"“{raw}”不是整数")
        number = int(raw)
        if min_value is not None and number < min_value or max_value is not None and number > max_value:
            raise ValueError(f"须在{min_value}到{max_value}之间")
        return number

    return parse


def id_number(value) -> str:
    if isinstance(value, float):
        raise ValueError("身份证号码被Excel存成了数字,末几位已丢失;请将该列设为“文本”格式后重新填写")
    raw = as_text(value).upper()
    if not is_valid_id_number(raw):
        if len(raw) != 18:
            raise ValueError(f"须为18位(现为{len(raw)}位)")
        raise ValueError("校验位或出生日期不正确(GB 11643-1999)")
    return raw


def uscc(value) -> str:
    raw = as_text(value).upper()
    if not is_valid_uscc(raw):
        if len(raw) != 18:
            raise ValueError(f"须为18位(现为{len(raw)}位)")
        raise ValueError("校验位不正确或含有不允许的字符(GB 32100-2015)")
    return raw


def phone(value) -> str:
    raw = as_text(value)
    if not re.fullmatch(r"[0-9+\-() ]{5,20}", raw):
        raise ValueError(f"“{raw}”不是有效的电话号码")
    return raw


def name_list(value) -> list[str]:
    """Several names in one cell, separated by 、 , , ; or spaces."""
    names = [part for part in LIST_SEPARATORS.split(as_text(value)) if part]
    if not names:
        raise ValueError("不能为空")
    return list(dict.fromkeys(names))

"""Validating every row of a table against an importer: header check, per-column parsing, the importer's row
hook, errors collected per row and column (capped for storage, counted in full)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.imports.base import Column, Importer, RowInvalid, normalise_header
from fazhi.core.imports.reader import FileRejected, Table, is_blank

MAX_STORED_ERRORS = 1000
PROGRESS_EVERY = 1000
REQUIRED_MESSAGE = "必填,不能为空"


@dataclass
class Outcome:
    total_rows: int = 0
    error_rows: int = 0
    error_count: int = 0
    errors: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # cleaned rows, when every row is valid and kept
    parsed: list[dict] = field(default_factory=list)  # parsed rows (before the row hook), when kept

    @property
    def errors_omitted(self) -> int:
        return self.error_count - len(self.errors)

    def add(self, row: int, column: str, message: str, cap: int) -> None:
        self.error_count += 1
        if len(self.errors) < cap:
            self.errors.append({"row": row, "column": column, "message": message})


def map_headers(importer: Importer, headers: list[str]) -> list[Column | None]:
    """Align the file's header row with the importer's columns. Unknown, duplicate or missing required headers
    reject the file, naming them; optional columns may be left out."""
    lookup = importer.header_lookup()
    # Trailing blank header cells are Excel's leftovers; a blank in the middle hides a column.
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise FileRejected("第1行表头为空:请使用导入模板,第1行为表头,数据从第2行开始", code="no_header")
    mapped: list[Column | None] = []
    unknown, blank_at, seen, duplicates = [], [], set(), []
    for index, header in enumerate(headers, start=1):
        if not header:
            blank_at.append(index)
            mapped.append(None)
            continue
        column = lookup.get(normalise_header(header))
        if column is None:
            unknown.append(header)
            mapped.append(None)
        elif column.field in seen:
            duplicates.append(header)
            mapped.append(None)
        else:
            seen.add(column.field)
            mapped.append(column)
    missing = [c.header for c in importer.columns if c.required and c.field not in seen]
    problems = []
    if missing:
        problems.append("缺少必填列:" + "、".join(missing))
    if unknown:
        problems.append("无法识别的列:" + "、".join(unknown))
    if duplicates:
        problems.append("重复的列:" + "、".join(duplicates))
    if blank_at:
        problems.append("第" + "、".join(str(i) for i in blank_at) + "列表头为空")
    if problems:
        raise FileRejected(
            "表头与“" + importer.title + "”模板不符:" + ";".join(problems) + "。请下载模板,按模板表头填写。",
            code="wrong_header",
        )
    return mapped


def _parse_rows(importer: Importer, table: Table):
    """(parsed row, errors) for every non-blank row; parsing depends on the file alone. Headers are checked now."""
    mapped = map_headers(importer, table.headers)
    positions = [(index, column) for index, column in enumerate(mapped) if column is not None]
    required = [c for c in importer.columns if c.required]
    return _parsed(importer, table, positions, required)


def _parsed(importer: Importer, table: Table, positions, required):
    for number, values in table.rows:
        if is_blank(values):
            continue
        parsed = {c.field: None for c in importer.columns}
        parsed["_row"] = number
        errors: dict[str, str] = {}
        width = len(values)
        for index, column in positions:
            raw = values[index] if index < width else None
            if raw is None:
                continue
            try:
                parsed[column.field] = column.parser(raw)
            except ValueError as exc:
                errors[column.field] = str(exc)
        for column in required:
            if parsed[column.field] is None and column.field not in errors:
                errors[column.field] = REQUIRED_MESSAGE
        yield parsed, errors


def _checked(importer: Importer, rows, outcome: Outcome, *, user, keep_parsed: bool,
             progress: Callable[[int], None] | None, cap: int):
    """Check every row, counting and keeping errors in `outcome`; yield each cleaned row while no row has failed."""
    context = importer.prepare(user=user)
    for parsed, errors in rows:
        outcome.total_rows += 1
        if not errors:
            if keep_parsed and not outcome.error_rows:
                outcome.parsed.append(dict(parsed))
            try:
                cleaned = importer.validate_row(parsed, context)
            except RowInvalid as exc:
                errors = exc.errors
            else:
                if not outcome.error_rows:
                    yield cleaned
        if errors:
            outcome.error_rows += 1
            for field_name, message in errors.items():
                outcome.add(parsed["_row"], importer.header_for(field_name), message, cap)
        if progress and outcome.total_rows % PROGRESS_EVERY == 0:
            progress(outcome.total_rows)
    if outcome.total_rows == 0:
        raise FileRejected("文件中没有数据行:第1行为表头,数据应从第2行开始填写", code="no_rows")


def _check_rows(importer: Importer, rows, outcome: Outcome, *, user, keep_rows: bool, keep_parsed: bool,
                progress: Callable[[int], None] | None, cap: int) -> Outcome:
    for cleaned in _checked(importer, rows, outcome, user=user, keep_parsed=keep_parsed, progress=progress,
                            cap=cap):
        if keep_rows:
            outcome.rows.append(cleaned)
    if outcome.error_rows:
        outcome.rows, outcome.parsed = [], []
    return outcome


def validate_table(importer: Importer, table: Table, *, user, keep_rows: bool = False, keep_parsed: bool = False,
                   progress: Callable[[int], None] | None = None, cap: int | None = None) -> Outcome:
    """Parse and validate every non-blank data row. Cleaned rows (for a commit) and parsed rows (to skip parsing
    next time) are kept only while no row has failed."""
    cap = MAX_STORED_ERRORS if cap is None else cap
    outcome = Outcome()
    return _check_rows(importer, _parse_rows(importer, table), outcome, user=user,
                       keep_rows=keep_rows, keep_parsed=keep_parsed, progress=progress, cap=cap)


def iter_valid_rows(importer: Importer, table: Table, outcome: Outcome, *, user,
                    progress: Callable[[int], None] | None = None, cap: int | None = None):
    """The streaming form of validate_table, for importers whose rows are too many to hold (Importer.streaming):
    yield the cleaned rows one by one while no row has failed. Once one fails nothing more is yielded, but the
    rest are still checked for `outcome`'s errors — so exhaust the iterator, then look at outcome.error_rows
    before keeping anything written from it."""
    cap = MAX_STORED_ERRORS if cap is None else cap
    return _checked(importer, _parse_rows(importer, table), outcome, user=user, keep_parsed=False,
                    progress=progress, cap=cap)


def validate_parsed(importer: Importer, parsed_rows: list[dict], *, user, keep_rows: bool = True,
                    progress: Callable[[int], None] | None = None, cap: int | None = None) -> Outcome:
    """Run the row hook again on rows parsed earlier from the same file: every check that depends on the
    database (duplicates, existence, scope) is made anew, the parsing is not repeated."""
    cap = MAX_STORED_ERRORS if cap is None else cap
    outcome = Outcome()
    return _check_rows(importer, ((row, {}) for row in parsed_rows), outcome, user=user, keep_rows=keep_rows,
                       keep_parsed=False, progress=progress, cap=cap)


def dump_parsed(importer: Importer, rows: list[dict]) -> bytes:
    """Parsed rows as JSON: one list per row aligned with the importer's columns; dates and decimals tagged."""
    fields = [c.field for c in importer.columns]

    def default(value):
        if isinstance(value, dt.date):
            return {"$d": value.isoformat()}
        if isinstance(value, Decimal):
            return {"$n": str(value)}
        raise TypeError(type(value).__name__)

    payload = {"importer": importer.key, "fields": fields,
               "rows": [[row["_row"]] + [row[f] for f in fields] for row in rows]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=default).encode()


def load_parsed(importer: Importer, data: bytes) -> list[dict] | None:
    """The rows dumped by dump_parsed, or None when they were dumped for other columns (the importer changed)."""

    def hook(obj):
        if "$d" in obj:
            return dt.date.fromisoformat(obj["$d"])
        if "$n" in obj:
            return Decimal(obj["$n"])
        return obj

    payload = json.loads(data, object_hook=hook)
    fields = [c.field for c in importer.columns]
    if payload.get("importer") != importer.key or payload.get("fields") != fields:
        return None
    names = ["_row", *fields]
    return [dict(zip(names, row, strict=True)) for row in payload["rows"]]


def check_structure(importer: Importer, table: Table) -> None:
    """The cheap checks done at upload: headers match and at least one data row exists."""
    map_headers(importer, table.headers)
    for _number, values in table.rows:
        if not is_blank(values):
            return
    raise FileRejected("文件中没有数据行:第1行为表头,数据应从第2行开始填写", code="no_rows")

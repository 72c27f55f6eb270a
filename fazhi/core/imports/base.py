"""Declaring an importer: its columns (Chinese header, field, parser, required, help, example), a row hook and
a commit that writes through the owning app's services."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fazhi.core.imports import parsers


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parser: Callable[[Any], Any] = field(default_factory=parsers.text)
    required: bool = False
    help: str = ""
    example: Any = ""
    aliases: tuple[str, ...] = ()


class RowInvalid(Exception):  # noqa: N818 - a row outcome, not a program fault
    """A row's errors keyed by column field (or "" for the row as a whole), each a Chinese reason."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(errors)


_HEADER_NOISE = re.compile(r"[\s*＊]|[((](必填|选填|可选)[))]")


def normalise_header(header: str) -> str:
    return _HEADER_NOISE.sub("", header or "")


class Importer:
    """Subclass per importable list; register an instance from the owning app's AppConfig.ready()."""

    key: str = ""
    title: str = ""
    description: str = ""
    columns: tuple[Column, ...] = ()
    rule = None  # a permission rule with .allows(user) (fazhi.accounts.permissions)
    notes: tuple[str, ...] = ()  # extra lines for the template's notes sheet
    # Largest file accepted, in bytes; None: settings.FAZHI_IMPORT_MAX_BYTES.
    max_bytes: int | None = None
    # Lists of hundreds of thousands of rows: never hold them all. Validation keeps no parsed copy; the commit
    # reads the file again and `commit` gets an iterator of cleaned rows, each re-checked against the database as
    # it is reached — a row that no longer passes rolls the whole file back (and its errors are shown).
    streaming: bool = False

    def allowed(self, user) -> bool:
        return bool(self.rule is not None and self.rule.allows(user))

    def prepare(self, *, user) -> Any:
        """Load what every row needs (lookups by name, existing keys) once, so validating a row costs no query."""
        return {}

    def validate_row(self, row: dict, context) -> dict:
        """`row` holds parsed values by field (None when blank) and "_row", the row number as Excel shows it.
        Return the cleaned row or raise RowInvalid."""
        return row

    def commit(self, rows: list[dict], *, by, job) -> dict:
        """Write every cleaned row through the app's services, inside the caller's transaction. Return a summary
        such as {"created": n} for the result page. A streaming importer gets an iterator (read it once)."""
        raise NotImplementedError

    # --- helpers for the framework ---------------------------------------------------------------
    def column_for(self, field_name: str) -> Column | None:
        return next((c for c in self.columns if c.field == field_name), None)

    def header_for(self, field_name: str) -> str:
        column = self.column_for(field_name)
        return column.header if column else ""

    def header_lookup(self) -> dict[str, Column]:
        lookup = {}
        for column in self.columns:
            lookup[normalise_header(column.header)] = column
            for alias in column.aliases:
                lookup[normalise_header(alias)] = column
        return lookup

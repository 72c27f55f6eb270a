"""Keyword search over the articles of the law library (Chinese text, no word segmentation).

Chinese has no spaces between words and no segmenter is available offline, so the index is of character
trigrams, which find any substring of three or more characters:
* SQLite: an FTS5 virtual table with the `trigram` tokenizer (SQLite ≥ 3.34), external-content over
  powers_article and kept in sync by triggers;
* PostgreSQL: a pg_trgm GIN index on powers_article.text, which serves LIKE '%…%'.
A query is split on white space into terms that must all occur. Terms of one or two characters cannot use a
trigram index: they are matched with LIKE on the rows the longer terms selected (or on all rows when every term
is short). Ranking is the same on both databases: occurrences of the terms per length of the article, with a
bonus when the law's title contains a term. The snippet shown is cut and highlighted in Python, for one page.

`install(connection)` creates the index and is idempotent; the migration and the post_migrate hook call it (a
later migration that rebuilds powers_article on SQLite drops its triggers, and the hook puts them back).
"""

from __future__ import annotations

import re
import sqlite3

from django.db import connection as default_connection
from django.db import transaction
from django.db.models import Case, FloatField, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Length, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FTS_TABLE = "powers_article_fts"
PG_INDEX = "powers_article_text_trgm"
TRIGRAM = 3
MAX_TERMS = 6
MAX_TERM_LENGTH = 50
SNIPPET_CHARS = 80
TITLE_BONUS = 0.05

_SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON powers_article BEGIN
        INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END""",
    f"{FTS_TABLE}_ad": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON powers_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text); END""",
    f"{FTS_TABLE}_au": f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF text ON powers_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO {FTS_TABLE}(rowid, text) VALUES (new.id, new.text); END""",
}


def sqlite_has_trigram() -> bool:
    return sqlite3.sqlite_version_info >= (3, 34, 0)


def install(connection) -> str:
    """Create the search index on `connection`'s database if it is missing. Returns what is in place:
    "fts5", "pg_trgm" or "like" (no index: the server lacks the feature; search still works, by scanning)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if not sqlite_has_trigram():
                return "like"
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
                           [f"{FTS_TABLE}%"])
            present = {row[0] for row in cursor.fetchall()}
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(text, "
                           f"content='powers_article', content_rowid='id', tokenize='trigram')")
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            if FTS_TABLE not in present or not set(_SQLITE_TRIGGERS) <= present:
                # New, or its triggers were lost with a table rebuild: index what is there now.
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return "fts5"
        if connection.vendor == "postgresql":
            if not _pg_trgm_ready(connection, cursor):
                return "like"
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON powers_article USING gin (text gin_trgm_ops)")
            return "pg_trgm"
    return "like"  # pragma: no cover - only the two supported databases


def _pg_trgm_ready(connection, cursor) -> bool:
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    if cursor.fetchone():
        return True
    cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if not cursor.fetchone():
        return False
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refused CREATE must not abort the rest
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - no privilege to create it: search falls back to scanning
        return False
    return True


def remove(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def fts_available(connection=None) -> bool:
    connection = connection or default_connection
    if connection.vendor != "sqlite" or not sqlite_has_trigram():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
        return cursor.fetchone() is not None


# --- queries ------------------------------------------------------------------------------------------------

_SPLIT_RE = re.compile(r"[\s,，、;；]+")


def terms_of(query: str) -> list[str]:
    """The distinct terms of a query, longest first, at most MAX_TERMS, each cut to MAX_TERM_LENGTH."""
    seen: list[str] = []
    for term in _SPLIT_RE.split((query or "").strip()):
        term = term.strip("\"'“”‘’")[:MAX_TERM_LENGTH]
        if term and term not in seen:
            seen.append(term)
    return sorted(seen, key=len, reverse=True)[:MAX_TERMS]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def apply(queryset: QuerySet, query: str, *, connection=None) -> QuerySet:
    """Narrow an Article queryset to the articles containing every term of `query`, annotated with `score`
    (higher is better) and ordered by it. An empty query returns the queryset unchanged."""
    terms = terms_of(query)
    if not terms:
        return queryset
    connection = connection or default_connection
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    if long_terms and fts_available(connection):
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        queryset = queryset.filter(id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                                                 [match]))
        like_terms = short_terms
    else:  # PostgreSQL (the trigram index serves LIKE), or no index at all
        like_terms = terms
    for term in like_terms:
        queryset = queryset.filter(text__contains=term)
    return queryset.annotate(score=_score(terms)).order_by("-score", "law__level", "law_id", "number", "sub_number")


def _score(terms: list[str]):
    """Σ occurrences(term) / (length + 50), plus TITLE_BONUS per term in the law's title."""
    occurrences = None
    for term in terms:
        count = Cast((Length("text") - Length(Replace("text", Value(term), Value("")))) / len(term),
                     output_field=FloatField())
        occurrences = count if occurrences is None else occurrences + count
    density = occurrences / (Cast(Length("text"), output_field=FloatField()) + Value(50.0))
    bonus = None
    for term in terms:
        hit = Case(When(law__title__contains=term, then=Value(1)), default=Value(0), output_field=IntegerField())
        bonus = hit if bonus is None else bonus + hit
    return density + Cast(bonus, output_field=FloatField()) * Value(TITLE_BONUS)


# --- snippets -----------------------------------------------------------------------------------------------


def snippet(text: str, query: str, *, width: int = SNIPPET_CHARS) -> SafeString:
    """A window of `text` around the first occurrence of a term, every term in it wrapped in <mark>; the rest
    escaped. Without a hit, the start of the text."""
    terms = terms_of(query)
    flat = text.replace("\n", " ")
    first = min((flat.find(t) for t in terms if t in flat), default=-1)
    start = 0 if first < 0 else max(0, first - width // 3)
    end = min(len(flat), start + width)
    if end - start < width:
        start = max(0, end - width)
    window = flat[start:end]
    parts = _highlight(window, terms)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    return mark_safe(prefix + parts + suffix)  # noqa: S308 - every piece of text went through escape()


def _highlight(text: str, terms: list[str]) -> str:
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out).replace("</mark><mark>", "")  # adjacent hits read as one


def highlight(text: str, query: str) -> SafeString:
    """All of `text`, escaped, every term of `query` in <mark>."""
    return mark_safe(_highlight(text, terms_of(query)))  # noqa: S308 - escaped piece by piece

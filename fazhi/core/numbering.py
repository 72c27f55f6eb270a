"""Gap-free, concurrency-safe document numbers (DESIGN.md mechanism 5): one sequence per scope, kind and year.

    with transaction.atomic():
        issued = number_next(scope=str(organisation.public_id), kind="penalty_decision", year=2026)
        decision.number = issued.text          # 赛市监罚〔2026〕17号
        decision.save()

Guarantees
* Gap-free: the number is taken inside the caller's transaction under a lock on the sequence row (SELECT … FOR
  UPDATE on PostgreSQL; on SQLite every write transaction is BEGIN IMMEDIATE — config/settings.py — so writers are
  already serialised). Until the caller commits, nobody else can take the next number; if it rolls back, the
  counter rolls back with it and the number is issued again. No number is ever skipped or issued twice.
* The price of gap-free: concurrent callers of one (scope, kind, year) wait for each other's transactions, so take
  the number as late as possible in the transaction. Different scopes, kinds or years never wait for each other.
* Text: the kind's NumberPattern (placeholders in fazhi.core.numbering_models.PLACEHOLDERS) with the scope's
  NumberPrefix. A missing pattern or prefix is an error, never a made-up number.

`scope` is a string key, usually an organisation's public id: core does not know organisations (layers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.core.numbering_models import NumberPattern, NumberPrefix, NumberSequence, pattern_fields


@dataclass(frozen=True)
class Issued:
    seq: int
    text: str
    scope: str
    kind: str
    year: int


def prefix_for(*, scope: str, kind: str) -> str | None:
    """The scope's prefix for `kind`, falling back to its prefix for every kind."""
    prefixes = dict(NumberPrefix.objects.filter(scope=scope, kind__in=[kind, ""]).values_list("kind", "prefix"))
    return prefixes.get(kind) or prefixes.get("")


def _prefix_required(*, pattern: str, scope: str, kind: str) -> str:
    if "prefix" not in pattern_fields(pattern):
        return ""
    prefix = prefix_for(scope=scope, kind=kind)
    if not prefix:
        raise DomainError("numbering_prefix_missing",
                          f"编号主体“{scope}”尚未设置“{kind}”的代字,无法编号;请先在编号代字中设置")
    return prefix


def number_next(*, scope: str, kind: str, year: int) -> Issued:
    """Take the next number of (scope, kind, year) inside the caller's transaction (see the module docstring).

    Every check comes before the counter moves, so a refused call takes no number even when the caller catches
    the error and carries on in the same transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next must run inside the transaction that uses the number")
    pattern = NumberPattern.objects.filter(kind=kind).values_list("pattern", flat=True).first()
    if pattern is None:
        raise DomainError("numbering_pattern_missing", f"编号种类“{kind}”尚未设置编号格式,无法编号")
    prefix = _prefix_required(pattern=pattern, scope=scope, kind=kind)
    # The year's first number creates the row. ON CONFLICT DO NOTHING (INSERT OR IGNORE on SQLite): when another
    # transaction is creating the same row at this moment, PostgreSQL makes this insert wait for that one to end.
    locked = NumberSequence.objects.select_for_update()
    sequence = locked.filter(scope=scope, kind=kind, year=year).first()
    if sequence is None:
        NumberSequence.objects.bulk_create([NumberSequence(scope=scope, kind=kind, year=year, last=0)],
                                           ignore_conflicts=True)
        sequence = locked.get(scope=scope, kind=kind, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    text = pattern.format(prefix=prefix, year=year, seq=sequence.last, kind=kind)
    return Issued(seq=sequence.last, text=text, scope=scope, kind=kind, year=year)


@transaction.atomic
def number_pattern_set(*, kind: str, pattern: str, description: str = "") -> NumberPattern:
    """Configure how numbers of `kind` read. Configuration, so not a recorded act."""
    obj = NumberPattern.objects.filter(kind=kind).first() or NumberPattern(kind=kind)
    obj.pattern, obj.description = pattern, description
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def number_prefix_set(*, scope: str, prefix: str, kind: str = "") -> NumberPrefix:
    """Set a scope's prefix (代字) for `kind`, or for every kind when `kind` is empty."""
    obj = NumberPrefix.objects.filter(scope=scope, kind=kind).first() or NumberPrefix(scope=scope, kind=kind)
    obj.prefix = prefix.strip()
    obj.full_clean()
    obj.save()
    return obj

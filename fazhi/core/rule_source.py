"""Where the engine reads rules: the code table, overridden by the database table DeadlineRule when present."""

from __future__ import annotations

import dataclasses
import time

from fazhi.core.rule_table import RULES_BY_ID, RuleRow

_TTL = 60.0
_cache: dict = {"at": -1e9, "rows": dict(RULES_BY_ID)}


def invalidate() -> None:
    _cache["at"] = -1e9


def _load() -> dict[str, RuleRow]:
    rows = dict(RULES_BY_ID)
    try:
        from fazhi.core.models import DeadlineRule

        for rule in DeadlineRule.objects.all():
            base = rows.get(rule.rule_id)
            if base is None:
                continue
            rows[rule.rule_id] = dataclasses.replace(base, length=rule.length,
                                                     extension_length=rule.extension_length)
    except Exception:  # noqa: BLE001 - no table (before migrate, or outside Django): the code table is the rule
        pass
    return rows


def rule_for(rule_id: str) -> RuleRow | None:
    now = time.monotonic()
    if now - _cache["at"] > _TTL:
        _cache["rows"] = _load()
        _cache["at"] = now
    return _cache["rows"].get(rule_id)

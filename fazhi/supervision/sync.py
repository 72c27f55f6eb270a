"""Keeping the open warnings of one kind equal to what a scan wants (one implementation for every scanner)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from fazhi.supervision.models import Warning

WARNING_FIELDS = ("subject_label", "organisation_id", "due_on", "rule_id", "trace", "level", "message_zh",
                  "last_scanned_on")


def upsert(*, kind: str, subject_type: str, wanted: dict[str, dict], open_ones: dict[str, Warning]) -> dict:
    """Create the wanted warnings that are not open, update the open ones whose fields changed."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for subject_id, values in wanted.items():
        warning = open_ones.get(subject_id)
        if warning is None:
            Warning.objects.create(kind=kind, subject_type=subject_type, subject_id=subject_id, **values)
            counts["created"] += 1
            continue
        changed = [f for f in WARNING_FIELDS if getattr(warning, f) != values[f]]
        if not changed:
            counts["unchanged"] += 1
            continue
        for f in changed:
            setattr(warning, f, values[f])
        warning.save(update_fields=[*changed, "updated_at"])
        counts["updated"] += 1
    return counts


def sync(*, kind: str, subject_type: str, wanted: dict[str, dict], keep: Iterable[str] = (),
         resolution: Callable[[list[str]], dict[str, str]]) -> dict:
    """Make the open warnings of `kind` equal `wanted` (subject id → field values); resolve the other open ones
    except `keep`, each with `resolution(subject_ids) -> {subject id: reason}`."""
    open_ones = {w.subject_id: w for w in Warning.objects.select_for_update().filter(
        kind=kind, resolved_at__isnull=True)}
    counts = {**upsert(kind=kind, subject_type=subject_type, wanted=wanted, open_ones=open_ones), "resolved": 0}
    keep = set(keep)
    stale = [w for key, w in open_ones.items() if key not in wanted and key not in keep]
    if stale:
        reasons = resolution([w.subject_id for w in stale])
        now = timezone.now()
        for warning in stale:
            warning.resolved_at, warning.resolution = now, reasons.get(warning.subject_id, "已不在预警期内")[:100]
            warning.save(update_fields=["resolved_at", "resolution", "updated_at"])
        counts["resolved"] = len(stale)
    return counts

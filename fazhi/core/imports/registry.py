"""Importers registered by the apps that own them (core is the lowest layer and imports none of them)."""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.imports.base import Importer

_importers: dict[str, Importer] = {}
_job_scope: list[Callable] = []


def register(importer: Importer) -> Importer:
    if not importer.key:
        raise ValueError("an importer needs a key")
    existing = _importers.get(importer.key)
    if existing is not None and type(existing) is not type(importer):
        raise ValueError(f"importer key {importer.key!r} registered twice")
    _importers[importer.key] = importer
    return importer


def get(key: str) -> Importer:
    """Raises KeyError for an unknown key."""
    return _importers[key]


def all_importers() -> list[Importer]:
    return list(_importers.values())


def importers_for(user) -> list[Importer]:
    return [importer for importer in _importers.values() if importer.allowed(user)]


def set_job_scope(scope: Callable) -> None:
    """`scope(queryset, user)` narrows import jobs to those of organisations the user may see (set by orgs)."""
    _job_scope[:] = [scope]


def job_scope() -> Callable | None:
    return _job_scope[0] if _job_scope else None

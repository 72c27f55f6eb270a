"""SHA-256 digests and sizes of files attached to record entries, computed while streaming (never whole in memory)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage

CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class FileDigest:
    name: str
    sha256: str
    size: int
    stored: bool  # True: `name` is a name in default storage, re-checked by `records_verify --check-files`

    def as_dict(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "size": self.size, "stored": self.stored}


def _digest_chunks(chunks) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def digest_stored(name: str) -> tuple[str, int]:
    """(sha256, size) of a file in default storage, read in chunks. Raises FileNotFoundError when it is gone."""
    with default_storage.open(name, "rb") as handle:
        return _digest_chunks(iter(lambda: handle.read(CHUNK_SIZE), b""))


def digest_file(item) -> FileDigest:
    """A storage name (str), a FieldFile (saved in storage) or any Django File (e.g. an upload not yet saved) —
    or a FileDigest a service computed itself while streaming the file into storage (a multi-GB evidence video is
    then not read a second time; `records_verify --check-files` re-reads it against the record later)."""
    if isinstance(item, FileDigest):
        return item
    if isinstance(item, str):
        sha, size = digest_stored(item)
        return FileDigest(name=item, sha256=sha, size=size, stored=True)
    if not isinstance(item, File):
        raise TypeError(f"an attached file must be a storage name or a django File, not {type(item).__name__}")
    stored = bool(getattr(item, "storage", None) is not None and getattr(item, "name", None))
    was_closed = item.closed
    if was_closed:
        item.open("rb")
    try:
        if hasattr(item, "seek"):
            item.seek(0)
        sha, size = _digest_chunks(item.chunks(CHUNK_SIZE))
        if hasattr(item, "seek"):
            item.seek(0)
    finally:
        if was_closed:
            item.close()
    name = item.name or ""
    if not stored:
        name = name.rsplit("/", 1)[-1]
    return FileDigest(name=name, sha256=sha, size=size, stored=stored)

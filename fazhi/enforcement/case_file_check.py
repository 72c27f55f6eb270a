#!/usr/bin/env python3
"""Check a case-file archive (卷宗) offline. Python standard library only: copy this one file anywhere and run

    python3 verify_case_file.py 卷宗-XXXX.zip

(scripts/verify_case_file.py is this file; `manage.py case_file_verify` runs the same checks.) What is checked:

1. every file listed in manifest.json is in the archive with the listed SHA-256 and size, and the archive holds
   no file the manifest does not list;
2. every ledger entry's hash recomputes as SHA-256(prev_hash ‖ canonical JSON of its body) (docs/records.md), its
   body names its own ledger and sequence number, and entries that follow each other in one ledger link up
   (prev_hash of #n+1 = hash of #n); an entry at the ledger's head sequence carries the head hash;
3. each evidence file's digest (recomputed from the bytes in the archive) equals the digest recorded in the
   ledger entry named for it, and that entry is one of the entries in the archive.

The first mismatch is printed and the exit status is 1; otherwise it prints OK with the counts. For the whole
chain (not only this case's entries) run `manage.py records_verify --ledger KEY` on the platform, and compare the
ledger head with the head published for that day.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass, field

FORMAT = "fazhi-case-file/1"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def canonical_json(data) -> bytes:
    """Sorted keys, no white space, UTF-8 as itself: the bytes a ledger entry's hash covers."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(prev_hash: str, body: dict) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


class Mismatch(Exception):
    """The first thing that does not match: where (a file in the archive, or a ledger entry) and what."""

    def __init__(self, where: str, what: str):
        self.where, self.what = where, what
        super().__init__(f"{where}: {what}")


@dataclass
class Result:
    ok: bool
    mismatch: Mismatch | None = None
    files: int = 0
    entries: int = 0
    evidence: int = 0
    manifest_sha256: str = ""
    case_number: str = ""
    ledger: dict = field(default_factory=dict)

    def line(self) -> str:
        if not self.ok:
            return f"MISMATCH {self.mismatch}"
        head = self.ledger
        return (f"OK {self.case_number}: {self.files} files, {self.entries} ledger entries, {self.evidence} "
                f"evidence digests match their ledger entries; ledger {head.get('key')} head "
                f"#{head.get('head_seq')} {str(head.get('head_hash', ''))[:16]}…; "
                f"manifest sha256 {self.manifest_sha256}")


def _digest_member(zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with zf.open(name) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _check_files(zf: zipfile.ZipFile, manifest: dict) -> dict[str, dict]:
    listed = {item["path"]: item for item in manifest.get("files", [])}
    present = {info.filename for info in zf.infolist() if not info.is_dir()}
    for name in sorted(present - set(listed) - {MANIFEST}):
        raise Mismatch(name, "文件不在清单(manifest.json)中 / not listed in the manifest")
    for path, item in listed.items():
        if path not in present:
            raise Mismatch(path, "清单所列文件缺失 / listed in the manifest but missing from the archive")
        try:
            sha, size = _digest_member(zf, path)
        except zipfile.BadZipFile as exc:  # the zip's own CRC check fails first when bytes were changed in place
            raise Mismatch(path, f"文件已损坏或被改动 / damaged or altered ({exc})") from exc
        if sha != item["sha256"] or size != item["size"]:
            raise Mismatch(path, f"摘要不符 / digest mismatch: manifest {item['sha256']} ({item['size']} bytes), "
                                 f"archive {sha} ({size} bytes)")
    return listed


def _check_entries(zf: zipfile.ZipFile, manifest: dict) -> dict[tuple[str, int], dict]:
    path = manifest["entries"]["path"]
    entries: dict[tuple[str, int], dict] = {}
    heads = manifest.get("ledger_heads", {})
    previous: dict[str, dict] = {}
    with zf.open(path) as handle:
        for number, raw in enumerate(handle, 1):
            entry = json.loads(raw)
            key, seq, body = entry["ledger"], entry["seq"], entry["body"]
            where = f"{path} 第{number}行 (ledger {key} #{seq})"
            if body.get("ledger") != key or body.get("seq") != seq:
                raise Mismatch(where, "条目内容中的账本或序号与条目不符 / body names another ledger or sequence")
            recomputed = entry_hash(entry["prev_hash"], body)
            if recomputed != entry["hash"]:
                raise Mismatch(where, f"哈希与条目内容不符(内容被改动)/ hash mismatch: recorded {entry['hash']}, "
                                      f"recomputed {recomputed}")
            before = previous.get(key)
            if before is not None and before["seq"] + 1 == seq and entry["prev_hash"] != before["hash"]:
                raise Mismatch(where, f"前一哈希与 #{before['seq']} 的哈希不一致 / prev_hash does not link")
            head = heads.get(key)
            if head and seq == head["head_seq"] and entry["hash"] != head["head_hash"]:
                raise Mismatch(where, "与导出时的账本头不一致 / differs from the ledger head at export")
            if before is not None and seq <= before["seq"]:
                raise Mismatch(where, "条目顺序错误或重复 / entries out of order or repeated")
            previous[key] = entry
            entries[(key, seq)] = entry
    if len(entries) != manifest["entries"].get("count", len(entries)):
        raise Mismatch(path, f"条目数 {len(entries)} 与清单所列 {manifest['entries']['count']} 不符 / count differs")
    return entries


def _check_evidence(manifest: dict, listed: dict, entries: dict) -> int:
    checked = 0
    for item in manifest.get("evidence", []):
        where = item["path"]
        recorded = item.get("recorded")
        if not recorded:
            raise Mismatch(where, "没有记录该证据摘要的账本条目 / no ledger entry records this evidence")
        entry = entries.get((recorded["ledger"], recorded["seq"]))
        if entry is None or entry["hash"] != recorded["hash"]:
            raise Mismatch(where, f"记录该证据的条目 {recorded['ledger']} #{recorded['seq']} 不在卷宗中或哈希不符 / "
                                  f"recording entry missing or different")
        attached = [f for f in entry["body"].get("files") or () if f.get("name") == recorded["file_name"]]
        if not attached:
            raise Mismatch(where, f"条目 #{recorded['seq']} 未附该文件 / the entry has no such attachment")
        actual = listed[where]  # already re-hashed from the archive's bytes
        if attached[0]["sha256"] != actual["sha256"] or attached[0]["size"] != actual["size"]:
            raise Mismatch(where, f"证据文件与账本记录的摘要不符 / evidence differs from its ledger record: ledger "
                                  f"#{recorded['seq']} {attached[0]['sha256']}, archive {actual['sha256']}")
        checked += 1
    return checked


def verify(path) -> Result:
    """Check one archive; returns a Result naming the first mismatch, if any."""
    result = Result(ok=False)
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                manifest_bytes = zf.read(MANIFEST)
            except KeyError as exc:
                raise Mismatch(MANIFEST, "缺少清单 / no manifest in the archive") from exc
            result.manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
            manifest = json.loads(manifest_bytes)
            if manifest.get("format") != FORMAT:
                raise Mismatch(MANIFEST, f"未知的卷宗格式 / unknown format {manifest.get('format')!r}")
            result.case_number = manifest["case"].get("number", "")
            result.ledger = manifest.get("ledger", {})
            listed = _check_files(zf, manifest)
            entries = _check_entries(zf, manifest)
            result.evidence = _check_evidence(manifest, listed, entries)
            result.files, result.entries = len(listed), len(entries)
    except Mismatch as exc:
        result.mismatch = exc
        return result
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        result.mismatch = Mismatch(str(path), f"无法读取卷宗 / unreadable archive: {exc!r}")
        return result
    result.ok = True
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: verify_case_file.py ARCHIVE.zip", file=sys.stderr)
        return 2
    result = verify(argv[0])
    print(result.line())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The case file (卷宗) archive: round trip verifies OK (service, management command, standalone script with the
standard library only), tampering with an evidence file or an entry body is detected and named, the export is
recorded with the manifest's digest, and the download is scoped."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from fazhi.enforcement.case_file_check import verify
from fazhi.enforcement.enums import EvidenceKind
from fazhi.enforcement.services.archive import case_file_export
from fazhi.enforcement.services.evidence import evidence_add
from fazhi.enforcement.tests import builders as b
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger

D = dt.date
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "verify_case_file.py"


def add_photo(enf, case, title, payload: bytes):
    upload = SimpleUploadedFile(f"{title}.png", PNG + payload, content_type="image/png")
    return evidence_add(by=enf.d.officer_a, case=case, file=upload, kind=EvidenceKind.PHOTO, title=title,
                        collected_on=D(2026, 6, 2), location="当事人经营场所", collected_by=enf.o1)


@pytest.fixture
def exported(enf, tmp_path):
    """A served penalty case with two photos, and another case of the same body (its entries must stay out)."""
    case, decision = b.served(enf)
    photos = [add_photo(enf, case, "现场照片一", b"one" * 1000), add_photo(enf, case, "现场照片二", b"two" * 10)]
    other = b.filed(enf, party_name="另一家公司")
    filename, path = case_file_export(by=enf.d.officer_a, case=case)
    yield case, decision, photos, other, filename, Path(path)
    Path(path).unlink(missing_ok=True)


def rewrite(source: Path, target: Path, changes: dict[str, bytes]) -> Path:
    """Copy an archive, replacing some members' bytes (what someone editing the zip would do)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, changes.get(info.filename, zin.read(info.filename)))
    return target


def test_round_trip_verifies_and_the_manifest_says_what_it_must(enf, exported):
    case, decision, photos, other, filename, path = exported
    assert filename == f"卷宗-{case.number}.zip"
    result = verify(path)
    assert result.ok, result.line()
    assert result.evidence == 2 and result.entries > 0
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest_bytes = zf.read("manifest.json")
        manifest = json.loads(manifest_bytes)
        lines = [json.loads(line) for line in zf.read("ledger/entries.jsonl").splitlines()]
        assert all(zf.getinfo(n).compress_type == zipfile.ZIP_STORED for n in names if n.startswith("evidence/"))
    assert names[-1] == "manifest.json"
    assert [n for n in names if n.startswith("documents/")] == [
        f"documents/01-立案审批表-{case.number}.docx", f"documents/02-行政处罚事先告知书-{case.notice.number}.docx",
        f"documents/03-行政处罚决定书-{decision.number}.docx", f"documents/04-送达回证-{case.number}.docx"]
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json"}
    assert manifest["case"]["number"] == case.number
    ledger = Ledger.objects.get(key=enf.body.ledger_key)
    export_entry = Entry.objects.get(action=Action.CASE_FILE_EXPORTED)
    # the head at export time is the one just before the export's own entry
    assert manifest["ledger"] == {"key": ledger.key, "name": ledger.name, "head_seq": export_entry.seq - 1,
                                  "head_hash": export_entry.prev_hash}
    # only this case's entries, each with the body that was hashed
    assert {line["body"]["subject_id"] for line in lines} == {str(case.public_id)}
    assert not Entry.objects.filter(subject_id=str(other.public_id), seq__in=[x["seq"] for x in lines]).exists()
    db = {e.seq: e for e in Entry.objects.filter(ledger=ledger, subject_id=str(case.public_id))
          .exclude(action=Action.CASE_FILE_EXPORTED)}
    assert sorted(line["seq"] for line in lines) == sorted(db)
    assert all(db[line["seq"]].hash == line["hash"] for line in lines)
    # each evidence file names the entry that recorded its digest, and the digest matches the evidence row
    for item, photo in zip(manifest["evidence"], photos, strict=True):
        assert item["sha256"] == photo.sha256 and item["size"] == photo.size
        entry = Entry.objects.get(ledger=ledger, seq=item["recorded"]["seq"])
        assert entry.action == Action.CASE_EVIDENCE_ADDED and entry.hash == item["recorded"]["hash"]
        assert entry.files[0]["sha256"] == photo.sha256
    # the export is recorded with the manifest's digest and the archive's
    assert export_entry.subject_id == str(case.public_id)
    assert export_entry.payload["manifest_sha256"] == hashlib.sha256(manifest_bytes).hexdigest()
    assert export_entry.payload["archive_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert export_entry.payload["entries"] == len(lines)


def test_sha256sums_matches_the_members(exported):
    *_, path = exported
    with zipfile.ZipFile(path) as zf:
        for line in zf.read("SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ", 1)
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest


def test_management_command_ok_and_mismatch(exported, tmp_path, capsys):
    *_, path = exported
    call_command("case_file_verify", str(path))
    assert capsys.readouterr().out.startswith("OK ")
    bad = rewrite(path, tmp_path / "bad.zip", {"SHA256SUMS": b"changed"})
    with pytest.raises(CommandError) as exc:
        call_command("case_file_verify", str(bad))
    assert exc.value.returncode == 1 and "SHA256SUMS" in str(exc.value)


def test_standalone_script_uses_only_the_standard_library(exported, tmp_path):
    *_, path = exported
    # -S: no site-packages at all; -I: no environment, no script directory tricks
    run = subprocess.run([sys.executable, "-S", "-I", str(SCRIPT), str(path)], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK ") and "2 evidence" in run.stdout
    with zipfile.ZipFile(path) as zf:
        evidence_name = next(n for n in zf.namelist() if n.startswith("evidence/"))
    bad = rewrite(path, tmp_path / "bad.zip", {evidence_name: PNG + b"edited"})
    run = subprocess.run([sys.executable, "-S", "-I", str(SCRIPT), str(bad)], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 1 and run.stdout.startswith("MISMATCH ") and evidence_name in run.stdout


def test_tampered_evidence_file_is_named(exported, tmp_path):
    *_, path = exported
    with zipfile.ZipFile(path) as zf:
        evidence_name = sorted(n for n in zf.namelist() if n.startswith("evidence/"))[1]
    result = verify(rewrite(path, tmp_path / "bad.zip", {evidence_name: PNG + b"two" * 9 + b"TWO"}))
    assert not result.ok
    assert result.mismatch.where == evidence_name and "digest mismatch" in result.mismatch.what


def test_tampered_evidence_with_a_matching_manifest_still_fails_against_the_ledger(exported, tmp_path):
    """Whoever edits a file and rewrites the manifest (and SHA256SUMS) to match is caught by the ledger entry,
    whose hash covers the digest recorded at upload."""
    *_, path = exported
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    target = manifest["evidence"][0]["path"]
    forged = PNG + b"forged"
    for item in manifest["files"]:
        if item["path"] == target:
            item["sha256"], item["size"] = hashlib.sha256(forged).hexdigest(), len(forged)
    bad = rewrite(path, tmp_path / "bad.zip", {target: forged, "manifest.json": json.dumps(manifest).encode()})
    result = verify(bad)
    assert not result.ok and result.mismatch.where == target
    assert "ledger" in result.mismatch.what


def test_bytes_changed_in_place_are_named(exported, tmp_path):
    """Flipping bytes inside the zip without re-packing: the member's CRC fails, and the member is named."""
    *_, path = exported
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("evidence/"))
    start = info.header_offset
    name_len, extra_len = int.from_bytes(data[start + 26:start + 28], "little"), \
        int.from_bytes(data[start + 28:start + 30], "little")
    offset = start + 30 + name_len + extra_len + 12  # a byte of the member's data, past the PNG signature
    data[offset] ^= 0xFF
    bad = tmp_path / "flipped.zip"
    bad.write_bytes(bytes(data))
    result = verify(bad)
    assert not result.ok and result.mismatch.where == info.filename


def test_tampered_entry_body_is_named(exported, tmp_path):
    *_, path = exported
    with zipfile.ZipFile(path) as zf:
        lines = zf.read("ledger/entries.jsonl").decode().splitlines()
    entries = [json.loads(line) for line in lines]
    target = next(i for i, e in enumerate(entries) if e["body"]["action"] == Action.CASE_DECIDED)
    entries[target]["body"]["payload"]["decided_on"] = "2026-09-19"
    body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode()
    # even with the manifest's digests brought in line, the entry's own hash gives it away
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    for item in manifest["files"]:
        if item["path"] == "ledger/entries.jsonl":
            item["sha256"], item["size"] = hashlib.sha256(body).hexdigest(), len(body)
    bad = rewrite(path, tmp_path / "bad.zip", {"ledger/entries.jsonl": body,
                                                 "manifest.json": json.dumps(manifest).encode()})
    result = verify(bad)
    assert not result.ok
    assert f"第{target + 1}行" in result.mismatch.where and f"#{entries[target]['seq']}" in result.mismatch.where
    assert "hash mismatch" in result.mismatch.what


def test_extra_file_in_the_archive_is_named(exported, tmp_path):
    *_, path = exported
    bad = tmp_path / "extra.zip"
    bad.write_bytes(path.read_bytes())
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("evidence/999-extra.png", PNG)
    result = verify(bad)
    assert not result.ok and result.mismatch.where == "evidence/999-extra.png"


def test_evidence_changed_in_storage_before_export_is_caught(enf, tmp_path):
    """The stored file was altered after upload: the archive carries what storage holds, and the check names it
    against the digest its ledger entry recorded."""
    case = b.filed(enf)
    photo = add_photo(enf, case, "现场照片", b"original")
    with photo.file.storage.open(photo.file.name, "wb") as handle:
        handle.write(PNG + b"altered!")
    _, path = case_file_export(by=enf.d.officer_a, case=case)
    try:
        result = verify(path)
        assert not result.ok and result.mismatch.where.startswith("evidence/001-")
        assert "ledger" in result.mismatch.what
    finally:
        os.unlink(path)


def test_export_refused_outside_scope_writes_nothing(enf):
    case = b.filed(enf)
    before = Entry.objects.count()
    with pytest.raises(Exception) as exc:
        case_file_export(by=enf.d.admin_b, case=case)
    assert getattr(exc.value, "code", "") == "permission_denied"
    assert Entry.objects.count() == before


# --- the download view ---------------------------------------------------------------------------------------------

def test_download_streams_the_archive_and_removes_the_temporary_file(enf, client_for, tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "tmp")
    os.makedirs(settings.FILE_UPLOAD_TEMP_DIR)
    case, _ = b.served(enf)
    add_photo(enf, case, "现场照片", b"x" * 5000)
    response = client_for(enf.d.officer_a).get(reverse("enforcement:case_file_download",
                                                       kwargs={"public_id": case.public_id}))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []  # unlinked while open
    archive = tmp_path / "download.zip"
    archive.write_bytes(b"".join(response.streaming_content))
    assert verify(archive).ok
    assert Entry.objects.filter(action=Action.CASE_FILE_EXPORTED, subject_id=str(case.public_id)).count() == 1


def test_download_another_bodys_case_is_404(enf, client_for):
    case = b.filed(enf)
    before = Entry.objects.count()
    response = client_for(enf.d.admin_b).get(reverse("enforcement:case_file_download",
                                                     kwargs={"public_id": case.public_id}))
    assert response.status_code == 404
    assert Entry.objects.count() == before

"""Evidence: the resumable upload (offsets, a broken chunk, resume, digest in the ledger), a truncated upload, content
that is not its claimed type, scoping, the simple form upload, the streamed download, and the field screens."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.enforcement.enums import CaseStatus, EvidenceKind, UploadStatus
from fazhi.enforcement.models import Case, Evidence, OnSiteRecord, Upload
from fazhi.enforcement.services import evidence as services
from fazhi.enforcement.tests import builders
from fazhi.records.enums import Action
from fazhi.records.models import Entry

CHUNK = 64 * 1024
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
JPG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
EXE_HEAD = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def content(head: bytes, size: int, seed: int = 5) -> bytes:
    rnd = random.Random(seed)
    return head + rnd.randbytes(size - len(head))


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(services, "CHUNK_SIZE", CHUNK)


@pytest.fixture
def case(enf):
    return builders.filed(enf)


def evidence_entries(case):
    return Entry.objects.filter(action=Action.CASE_EVIDENCE_ADDED, subject_id=str(case.public_id))


def create(client, case, *, filename="执法记录仪.mp4", size, kind=EvidenceKind.VIDEO, declared_type="video/mp4",
           **extra):
    body = {"filename": filename, "size": size, "kind": kind, "declared_type": declared_type,
            "title": "现场检查视频", "collected_on": "2026-11-20", "location": "大学东街1号", **extra}
    return client.post(reverse("enforcement:upload_create", args=[case.public_id]), data=json.dumps(body),
                       content_type="application/json")


def put(client, url, data: bytes, offset: int):
    return client.generic("PUT", url, data, content_type="application/offset+octet-stream",
                          headers={"Upload-Offset": str(offset)})


def chunks_left(upload_id) -> list[str]:
    try:
        return default_storage.listdir(f"uploads/{upload_id}")[1]
    except FileNotFoundError:
        return []


class BrokenStream:
    """A request body whose connection drops after `after` bytes."""

    def __init__(self, data: bytes, after: int):
        self.data, self.after, self.pos = data, after, 0

    def read(self, n: int) -> bytes:
        if self.pos >= self.after:
            raise OSError("connection reset by peer")
        piece = self.data[self.pos:min(self.pos + n, self.after)]
        self.pos += len(piece)
        return piece


def test_resumable_upload_in_pieces_with_a_break(enf, case, client_for, django_capture_on_commit_callbacks):
    client = client_for(enf.d.officer_a)
    data = content(MP4_HEAD, 3 * CHUNK + 1234)
    res = create(client, case, size=len(data))
    assert res.status_code == 201, res.content
    body = res.json()
    assert body["chunk_size"] == CHUNK and body["offset"] == 0
    url, upload_id = body["url"], body["id"]

    assert put(client, url, data[:CHUNK], 0).status_code == 204
    # the same chunk again (its answer was lost): 409 and the offset the server holds
    res = put(client, url, data[:CHUNK], 0)
    assert res.status_code == 409
    assert res["Upload-Offset"] == str(CHUNK) and res.json()["offset"] == CHUNK
    # ahead of the server: 409 too, nothing stored
    res = put(client, url, data[2 * CHUNK:3 * CHUNK], 2 * CHUNK)
    assert res.status_code == 409 and res.json()["offset"] == CHUNK
    # the connection drops in the middle of the second chunk: nothing of it is kept
    upload = Upload.objects.get(public_id=upload_id)
    with pytest.raises(DomainError) as exc:
        services.upload_chunk(by=enf.d.officer_a, upload=upload, offset=CHUNK,
                              stream=BrokenStream(data[CHUNK:2 * CHUNK], after=1000), length=CHUNK)
    assert exc.value.code == "chunk_truncated"
    upload.refresh_from_db()
    assert upload.received == CHUNK and upload.chunk_count == 1 and len(chunks_left(upload_id)) == 1
    # resume: ask where the server is (HEAD and GET), go on from there
    head = client.head(url)
    assert head.status_code == 200 and head["Upload-Offset"] == str(CHUNK)
    offset = client.get(url).json()["offset"]
    assert offset == CHUNK
    while offset < len(data):
        with django_capture_on_commit_callbacks(execute=True):  # the chunks are deleted once the evidence commits
            res = put(client, url, data[offset:offset + CHUNK], offset)
        offset += len(data[offset:offset + CHUNK])
        assert res.status_code == (201 if offset == len(data) else 204), res.content
    answer = res.json()
    sha = hashlib.sha256(data).hexdigest()
    assert answer["status"] == UploadStatus.COMPLETE and answer["evidence"]["sha256"] == sha

    evidence = Evidence.objects.get(case=case)
    assert (evidence.sha256, evidence.size, evidence.extension) == (sha, len(data), ".mp4")
    assert evidence.content_type == "video/mp4" and evidence.original_name == "执法记录仪.mp4"
    with default_storage.open(evidence.file.name, "rb") as handle:
        assert handle.read() == data
    assert evidence.file.name == f"evidence/{case.public_id}/{evidence.public_id}.mp4"
    entry = evidence_entries(case).get()
    assert entry.files == [{"name": evidence.file.name, "sha256": sha, "size": len(data), "stored": True}]
    assert entry.payload["sha256"] == sha and entry.payload["evidence_id"] == str(evidence.public_id)
    assert entry.payload["upload_id"] == upload_id
    assert chunks_left(upload_id) == []
    # finishing again answers the same evidence; another chunk is refused
    res = client.post(answer["finish_url"])
    assert res.status_code == 201 and res.json()["evidence"]["id"] == str(evidence.public_id)
    assert put(client, url, b"x", len(data)).status_code == 400
    assert Evidence.objects.filter(case=case).count() == 1 and evidence_entries(case).count() == 1


def test_truncated_upload_never_becomes_evidence(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    data = content(MP4_HEAD, 3 * CHUNK)
    body = create(client, case, size=len(data)).json()
    for offset in (0, CHUNK):
        assert put(client, body["url"], data[offset:offset + CHUNK], offset).status_code == 204
    res = client.post(body["finish_url"])
    assert res.status_code == 409
    assert res.json()["code"] == "upload_incomplete" and res.json()["upload"]["offset"] == 2 * CHUNK
    upload = Upload.objects.get(public_id=body["id"])
    with pytest.raises(DomainError, match="尚未上传完整"):
        services.upload_finish(by=enf.d.officer_a, upload=upload)
    # a chunk that would run past the declared size is refused too
    assert put(client, body["url"], data[2 * CHUNK:] + b"extra", 2 * CHUNK).status_code == 400
    assert not Evidence.objects.exists() and not evidence_entries(case).exists()
    assert Upload.objects.get(public_id=body["id"]).status == UploadStatus.RECEIVING


def test_exe_renamed_jpg_is_rejected_and_nothing_recorded(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    data = content(EXE_HEAD, 2 * CHUNK)
    body = create(client, case, filename="现场照片.jpg", size=len(data), kind=EvidenceKind.PHOTO,
                  declared_type="image/jpeg").json()
    res = put(client, body["url"], data[:CHUNK], 0)
    assert res.status_code == 415
    assert "exe" in res.json()["message"]
    upload = Upload.objects.get(public_id=body["id"])
    assert upload.status == UploadStatus.REJECTED and "exe" in upload.rejected_reason
    assert chunks_left(body["id"]) == []
    assert put(client, body["url"], data[:CHUNK], 0).status_code == 415
    assert client.get(body["url"]).json()["status"] == UploadStatus.REJECTED
    assert not Evidence.objects.exists() and not evidence_entries(case).exists()


def test_video_content_claimed_as_photo_is_rejected(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    data = content(MP4_HEAD, CHUNK // 2)
    body = create(client, case, filename="photo.jpg", size=len(data), kind=EvidenceKind.PHOTO,
                  declared_type="image/jpeg").json()
    res = put(client, body["url"], data, 0)
    assert res.status_code == 415 and res.json()["code"] == "type_mismatch"
    assert not Evidence.objects.exists() and not evidence_entries(case).exists()


def test_claimed_type_not_of_the_kind_is_refused_before_any_byte(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    res = create(client, case, filename="setup.exe", size=1000, kind=EvidenceKind.OTHER)
    assert res.status_code == 400 and res.json()["code"] == "type_not_allowed"
    res = create(client, case, filename="scan.mp4", size=1000, kind=EvidenceKind.DOCUMENT)
    assert res.status_code == 400
    assert not Upload.objects.exists()


def _docx() -> bytes:
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("询问笔录")
    document.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    buf = io.BytesIO()
    book = openpyxl.Workbook()
    book.active["A1"] = "物品清单"
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind, filename, head_of, ok", [
    (EvidenceKind.PHOTO, "a.jpg", lambda: JPG_HEAD + b"\x00" * 200, True),
    (EvidenceKind.PHOTO, "a.JPEG", lambda: JPG_HEAD + b"\x00" * 200, True),
    (EvidenceKind.PHOTO, "a.png", lambda: JPG_HEAD + b"\x00" * 200, False),  # the name claims another type
    (EvidenceKind.VIDEO, "a.mov", lambda: MP4_HEAD + b"\x00" * 200, True),  # one ISO media container
    (EvidenceKind.AUDIO, "a.mp4", lambda: MP4_HEAD + b"\x00" * 200, False),
    (EvidenceKind.DOCUMENT, "a.pdf", lambda: b"%PDF-1.7\n" + b"\x00" * 200, True),
    (EvidenceKind.DOCUMENT, "询问笔录.docx", _docx, True),
    (EvidenceKind.DOCUMENT, "清单.xlsx", _xlsx, True),
    (EvidenceKind.DOCUMENT, "清单.docx", _xlsx, False),
    (EvidenceKind.PHOTO, "a.pdf", lambda: b"%PDF-1.7\n" + b"\x00" * 200, False),
    (EvidenceKind.OTHER, "a.jpg", lambda: EXE_HEAD + b"\x00" * 200, False),
    (EvidenceKind.OTHER, "noname", lambda: b"just some text" * 20, False),  # unknown content
])
def test_content_type_check(kind, filename, head_of, ok):
    head = head_of()[:services.HEAD_SIZE]
    if ok:
        checked = services.check_content(head=head, kind=kind, filename=filename)
        assert checked.extension.startswith(".")
    else:
        with pytest.raises(DomainError):
            services.check_content(head=head, kind=kind, filename=filename)


def test_declared_mime_family_must_match(enf):
    with pytest.raises(DomainError, match="声明的文件类型"):
        services.check_content(head=JPG_HEAD + b"\x00" * 100, kind=EvidenceKind.PHOTO, filename="a.jpg",
                               declared_type="video/mp4")
    assert services.check_content(head=JPG_HEAD + b"\x00" * 100, kind=EvidenceKind.PHOTO, filename="a.jpg",
                                  declared_type="application/octet-stream").mime == "image/jpeg"


def test_small_file_path_and_streamed_download(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    data = content(JPG_HEAD, 150_000)
    url = reverse("enforcement:evidence_add", args=[case.public_id])
    assert client.get(url).status_code == 200
    res = client.post(url, {"kind": EvidenceKind.PHOTO, "title": "货架照片", "collected_on": "2026-11-20",
                            "collected_by": enf.o1.pk, "location": "仓库",
                            "file": SimpleUploadedFile("IMG_0001.jpeg", data, content_type="image/jpeg")})
    assert res.status_code == 302, res.content.decode()[:2000]
    evidence = Evidence.objects.get(case=case)
    sha = hashlib.sha256(data).hexdigest()
    assert (evidence.sha256, evidence.size, evidence.extension, evidence.collected_by) == (sha, len(data), ".jpg",
                                                                                          enf.o1)
    entry = evidence_entries(case).get()
    assert entry.files[0]["sha256"] == sha and entry.payload["upload_id"] is None
    download = client.get(reverse("enforcement:evidence_download", args=[evidence.public_id]))
    assert download.status_code == 200 and download.streaming
    assert b"".join(download.streaming_content) == data
    assert download["X-Content-SHA256"] == sha
    assert "attachment" in download["Content-Disposition"]
    listing = client.get(reverse("enforcement:evidence_list", args=[case.public_id]))
    assert "货架照片" in listing.content.decode()
    assert client.get(reverse("enforcement:evidence_detail", args=[evidence.public_id])).status_code == 200


def test_small_file_of_the_wrong_type_is_refused(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    res = client.post(reverse("enforcement:evidence_add", args=[case.public_id]), {
        "kind": EvidenceKind.PHOTO, "title": "照片", "collected_on": "2026-11-20",
        "file": SimpleUploadedFile("photo.jpg", content(EXE_HEAD, 5000), content_type="image/jpeg")})
    assert res.status_code == 200 and "exe" in res.content.decode()
    assert not Evidence.objects.exists() and not evidence_entries(case).exists()
    assert not default_storage.exists(f"evidence/{case.public_id}")


def test_another_bodys_user_gets_404(enf, case, client_for):
    owner = client_for(enf.d.officer_a)
    body = create(owner, case, size=CHUNK).json()
    evidence = services.evidence_add(by=enf.d.officer_a, case=case, kind=EvidenceKind.PHOTO, title="照片",
                                     collected_on=dt.date(2026, 11, 20),
                                     file=SimpleUploadedFile("a.jpg", content(JPG_HEAD, 3000), content_type="image/jpeg"))
    other = client_for(enf.d.admin_b)
    for name, arg in (("evidence_detail", evidence.public_id), ("evidence_download", evidence.public_id),
                      ("evidence_list", case.public_id), ("evidence_add", case.public_id),
                      ("field_evidence", case.public_id), ("field_onsite", case.public_id),
                      ("upload_detail", body["id"])):
        assert other.get(reverse(f"enforcement:{name}", args=[arg])).status_code == 404, name
    assert create(other, case, size=10).status_code == 404
    assert put(other, body["url"], b"x" * 10, 0).status_code == 404
    # a colleague of the same body may not write into someone else's upload either
    colleague = client_for(enf.d.head_a)
    assert colleague.get(body["url"]).status_code == 404


def test_evidence_only_on_a_filed_case(enf, client_for):
    lead = builders.lead(enf)
    res = create(client_for(enf.d.officer_a), lead, size=100)
    assert res.status_code == 400 and res.json()["code"] == "case_not_filed"
    with pytest.raises(DomainError):
        services.evidence_add(by=enf.d.officer_a, case=lead, kind=EvidenceKind.PHOTO, title="照片",
                              collected_on=dt.date(2026, 11, 20),
                              file=SimpleUploadedFile("a.jpg", content(JPG_HEAD, 3000), content_type="image/jpeg"))
    assert not Evidence.objects.exists()


def test_a_reviewer_may_read_but_not_upload(enf, case, client_for):
    client = client_for(enf.d.reviewer_a)
    assert client.get(reverse("enforcement:evidence_list", args=[case.public_id])).status_code == 200
    assert create(client, case, size=100).status_code == 403


# --- field screens --------------------------------------------------------------------------------------------------


def test_field_screens_render(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    home = client.get(reverse("enforcement:field_home"))
    assert home.status_code == 200 and case.title in home.content.decode()
    page = client.get(reverse("enforcement:field_case_open")).content.decode()
    assert 'data-draft="field-open-' in page and "网络已断开,草稿已保存在本机" in page
    page = client.get(reverse("enforcement:field_evidence", args=[case.public_id])).content.decode()
    assert 'capture="environment"' in page and "enforcement/upload.js" in page
    page = client.get(reverse("enforcement:field_onsite", args=[case.public_id])).content.decode()
    for officer in (enf.o1, enf.o2):
        assert officer.certificates.first().number in page


def _open_form(enf, **over):
    today = timezone.localdate()
    return {"body": enf.body.pk, "category": enf.d.market.pk, "title": "销售过期食品", "party_type": "legal_person",
            "party_name": "某某超市有限公司", "party_address": "大学西街2号", "lead_summary": "现场检查发现货架上有过期食品",
            "power_item": enf.item.pk, "legal_bases": [enf.article.pk], "lead_officer": enf.o1.pk,
            "assist_officers": [enf.o2.pk], "filed_on": today.isoformat(), "discovered_on": today.isoformat(),
            "violation_on": (today - dt.timedelta(days=3)).isoformat(), "facts": "货架上有过期食品12箱", **over}


def test_field_case_open_files_a_case(enf, client_for):
    client = client_for(enf.d.officer_a)
    res = client.post(reverse("enforcement:field_case_open"), _open_form(enf))
    assert res.status_code == 302, res.content.decode()[:3000]
    case = Case.objects.get()
    assert case.status == CaseStatus.INVESTIGATING and case.number
    assert res["Location"] == reverse("enforcement:field_evidence", args=[case.public_id])
    assert [co.officer for co in case.case_officers.order_by("-role", "id")][0] == enf.o1


def test_field_case_open_with_one_officer_leaves_no_lead(enf, client_for):
    client = client_for(enf.d.officer_a)
    res = client.post(reverse("enforcement:field_case_open"), _open_form(enf, assist_officers=[enf.auxiliary.pk]))
    assert res.status_code == 200
    assert "XZCF-42" in res.content.decode()
    assert not Case.objects.exists()


def test_field_onsite_record(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    numbers = [o.certificates.first().number for o in (enf.o1, enf.o2)]
    when = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    res = client.post(reverse("enforcement:field_onsite", args=[case.public_id]), {
        "occurred_at": when, "place": "大学东街1号店内", "officers": [enf.o1.pk, enf.o2.pk],
        "certificates_shown": numbers, "party_present": "店长王某", "content": "执法人员出示证件后进行检查……",
        "signed_by_party": "on"})
    assert res.status_code == 302, res.content.decode()[:3000]
    record = OnSiteRecord.objects.get(case=case)
    assert sorted(record.certificates_shown) == sorted(numbers)
    assert Entry.objects.filter(action=Action.CASE_ONSITE_RECORDED, subject_id=str(case.public_id)).exists()


def test_field_onsite_without_the_certificates_shown_is_refused(enf, case, client_for):
    client = client_for(enf.d.officer_a)
    when = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    res = client.post(reverse("enforcement:field_onsite", args=[case.public_id]), {
        "occurred_at": when, "place": "店内", "officers": [enf.o1.pk, enf.o2.pk], "certificates_shown": [],
        "party_present": "店长", "content": "……", "signed_by_party": "on"})
    assert res.status_code == 200 and 'data-draft-restore="false"' in res.content.decode()
    assert not OnSiteRecord.objects.exists()


def test_abandoned_uploads_are_pruned_after_a_week(enf, tmp_path, settings):
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from fazhi.enforcement.enums import UploadStatus
    from fazhi.enforcement.models import Upload
    from fazhi.enforcement.services.evidence import uploads_prune
    from fazhi.enforcement.tests import builders

    settings.MEDIA_ROOT = str(tmp_path)
    case = builders.filed(enf)
    upload = Upload.objects.create(case=case, created_by=enf.d.officer_a, filename="a.mp4", kind="video",
                                   total_size=10, received=4, chunk_count=1)
    default_storage.save(f"uploads/{upload.public_id}/{0:016d}", ContentFile(b"abcd"))
    now = timezone.now()
    assert uploads_prune(now=now + dt.timedelta(days=6)) == 0
    assert uploads_prune(now=now + dt.timedelta(days=8)) == 1
    upload.refresh_from_db()
    assert upload.status == UploadStatus.REJECTED
    assert not default_storage.exists(f"uploads/{upload.public_id}/{0:016d}")

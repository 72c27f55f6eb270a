"""A 2 GB body-camera video through the real resumable-upload endpoints: throughput and the server's peak memory.

Starts gunicorn (as `make demo` does: 2 workers × 4 threads) on a free port against a temporary SQLite database
and a MEDIA root under a temporary directory, files one case there, then uploads a generated file (an MP4 header
so the content check passes, then pseudo-random bytes, made chunk by chunk and never held whole) in 8 MiB PUTs.
Prints the upload throughput (chunks), the finish (type check, stream-join with SHA-256, ledger entry that reads
the file back), the end-to-end MB/s, and the peak RSS (VmHWM) of each gunicorn process. Checks that the server's
digest equals the one computed here while sending.

Run: .venv/bin/python bench/bench_evidence_upload.py [--size-mb 2048] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    return parser.parse_args()


def setup_django(workdir: str) -> dict:
    env = {
        "SQLITE_PATH": os.path.join(workdir, "bench.sqlite3"),
        "FAZHI_VAR_DIR": workdir,
        "MEDIA_ROOT": os.path.join(workdir, "media"),
        "STATIC_ROOT": os.path.join(workdir, "static"),
        "HUEY_IMMEDIATE": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def build_case():
    """One body with two certified officers and a published penalty item; a case filed through the services.
    Returns (user, case)."""
    from fazhi.accounts.enums import Role
    from fazhi.accounts.tests.factories import UserFactory
    from fazhi.core.numbering_models import NumberPattern, NumberPrefix
    from fazhi.enforcement.enums import LeadSource, PartyType
    from fazhi.enforcement.services import cases
    from fazhi.orgs.tests.factories import (
        BodyFactory,
        CategoryFactory,
        JurisdictionFactory,
        OrganisationFactory,
    )
    from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
    from fazhi.powers import services as power_services
    from fazhi.powers.enums import LawLevel, LawStatus, PowerCategory
    from fazhi.powers.models import Article, Law

    today = dt.date.today()
    jurisdiction = JurisdictionFactory()
    office = OrganisationFactory(name="司法局", jurisdiction=jurisdiction)
    org = OrganisationFactory(name="市场监督管理局", jurisdiction=jurisdiction)
    market = CategoryFactory(code="market", name="市场监管")
    body = BodyFactory(name="市场监督管理局", organisation=org)
    body.categories.set([market])
    NumberPattern.objects.update_or_create(kind="case", defaults={"pattern": "{prefix}立〔{year}〕{seq}号"})
    NumberPrefix.objects.update_or_create(scope=str(org.public_id), kind="", defaults={"prefix": "市监"})
    legal = UserFactory(role=Role.LEGAL_OFFICE, organisation=office, username="bench_legal")
    officer_user = UserFactory(role=Role.OFFICER, organisation=org, username="bench_officer")
    officers = []
    for name in ("张明", "李华"):
        o = OfficerFactory(name=name, organisation=org)
        CertificateFactory(officer=o, valid_from=today - dt.timedelta(days=365),
                           valid_to=today + dt.timedelta(days=365), categories=[market])
        officers.append(o)
    law = Law.objects.create(title="中华人民共和国食品安全法", short_title="食品安全法", level=LawLevel.LAW,
                             status=LawStatus.IN_FORCE, effective_on=dt.date(2021, 4, 29), version="2021年修正")
    article = Article.objects.create(law=law, number=124, label="第一百二十四条", text="违反本法规定……")
    item = power_services.power_item_create(
        by=legal, code="SCJG-CF-001", name="对生产经营不符合食品安全标准的食品的处罚", category=PowerCategory.PENALTY,
        departments=[org], legal_bases=[(article, None, None)], responsibilities=[("decide", "依法作出处罚决定")])
    item = power_services.power_item_publish(by=legal, item=item, reason="公布", effective_on=dt.date(2020, 1, 1))
    case = cases.case_lead_register(by=officer_user, body=body, title="销售过期食品", lead_source=LeadSource.INSPECTION,
                                    lead_received_on=today, lead_summary="现场检查发现", category=market,
                                    party_type=PartyType.LEGAL_PERSON, party_name="某某超市有限公司")
    case = cases.case_file(by=officer_user, case=case, filed_on=today, power_item=item, legal_bases=[article],
                           officers=officers, discovered_on=today, violation_on=today - dt.timedelta(days=3))
    return officer_user, case


def session_cookies(user) -> tuple[str, str]:
    """A logged-in session (as the login view would make it) and a CSRF token for the JS-style header."""
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    token = _get_new_csrf_string()
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}", token


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
           "--workers", str(workers), "--threads", "4", "--timeout", "300", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def server_pids(master: int) -> list[int]:
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = dict(line.split(":", 1) for line in (entry / "status").read_text().splitlines()
                              if ":" in line)
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(master):
                pids.append(int(entry.name))
    return pids


def memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB: the resident size now and its peak over the process's life."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, value = line.split(":", 1)
            values[key] = int(value.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def request(conn, method, path, *, cookie, token, body=None, headers=None):
    conn.request(method, path, body=body, headers={"Cookie": cookie, "X-CSRFToken": token, **(headers or {})})
    res = conn.getresponse()
    data = res.read()
    return res, data


def generated_chunks(size: int, chunk: int):
    """The file, chunk by chunk: an MP4 header, then a random 8 MiB block whose first bytes carry the chunk
    number (so no two chunks are equal). Only one chunk exists at a time."""
    block = bytearray(os.urandom(chunk))
    offset, n = 0, 0
    while offset < size:
        length = min(chunk, size - offset)
        block[0:8] = n.to_bytes(8, "big")
        piece = bytes(block[:length])
        if offset == 0:
            piece = MP4_HEAD + piece[len(MP4_HEAD):]
        yield offset, piece
        offset += length
        n += 1


def main() -> None:
    args = parse_args()
    size = args.size_mb * 1024 * 1024
    workdir = tempfile.mkdtemp(prefix="fazhi-bench-upload-")
    proc = None
    try:
        env = setup_django(workdir)
        user, case = build_case()
        cookie, token = session_cookies(user)
        from django.db import connections

        connections.close_all()
        port = free_port()
        proc = start_server(env, port, args.workers)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        res, _ = request(conn, "GET", "/healthz", cookie=cookie, token=token)
        pids = server_pids(proc.pid)
        baseline = {pid: memory_kb(pid) for pid in pids}

        meta = {"filename": "执法记录仪_0001.mp4", "size": size, "kind": "video", "declared_type": "video/mp4",
                "title": "现场执法记录仪视频", "collected_on": dt.date.today().isoformat(), "location": "现场"}
        t0 = time.perf_counter()
        res, data = request(conn, "POST", f"/cases/{case.public_id}/uploads/", cookie=cookie, token=token,
                            body=json.dumps(meta).encode(), headers={"Content-Type": "application/json"})
        if res.status != 201:
            raise SystemExit(f"create: {res.status} {data[:500]!r}")
        created = json.loads(data)
        url, chunk = created["url"], created["chunk_size"]
        digest = hashlib.sha256()
        last_time = 0.0
        for offset, piece in generated_chunks(size, chunk):
            digest.update(piece)
            t_req = time.perf_counter()
            res, data = request(conn, "PUT", url, cookie=cookie, token=token, body=piece,
                                headers={"Upload-Offset": str(offset),
                                         "Content-Type": "application/offset+octet-stream"})
            last_time = time.perf_counter() - t_req
            if res.status not in (201, 204):
                raise SystemExit(f"PUT at {offset}: {res.status} {data[:500]!r}")
        total = time.perf_counter() - t0
        answer = json.loads(data)
        evidence = answer["evidence"]
        ok = evidence["sha256"] == digest.hexdigest() and evidence["size"] == size
        peak = {pid: memory_kb(pid) for pid in server_pids(proc.pid)}
        mb = size / 1024 / 1024
        chunks_time = total - last_time
        print(f"evidence upload of {mb:.0f} MB in {(size + chunk - 1) // chunk} chunks of {chunk // 1048576} MiB "
              f"(gunicorn {args.workers} workers × 4 threads, SQLite, local disk)")
        print(f"  chunks:  {chunks_time:7.2f} s  {mb / chunks_time:8.1f} MB/s")
        print(f"  finish:  {last_time:7.2f} s  (last chunk + type check + stream-join with SHA-256 + "
              f"ledger entry with the digest computed while joining)")
        print(f"  overall: {total:7.2f} s  {mb / total:8.1f} MB/s")
        print(f"  digest matches the client's: {ok}  ({evidence['sha256']})")
        print("  server memory (kB)      RSS before   RSS after   peak RSS (VmHWM)")
        for pid, (rss, hwm) in sorted(peak.items()):
            role = "master" if pid == proc.pid else "worker"
            before = baseline.get(pid, (0, 0))[0]
            print(f"    {role} {pid:<8}      {before:>10}  {rss:>10}  {hwm:>10}")
        print(f"  peak RSS of the largest server process: {max(h for _, h in peak.values()) / 1024:.1f} MB")
        if not ok:
            raise SystemExit("digest mismatch")
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""An outsider can re-verify a ledger from `records_export` with the few lines printed in docs/records.md."""

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from fazhi.records import services as records

DOC = Path(settings.BASE_DIR) / "docs" / "records.md"


def _snippet(lang: str) -> str:
    return re.search(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


@pytest.fixture
def export(db):
    name = default_storage.save("evidence/a.txt", ContentFile("证据".encode()))
    with transaction.atomic():
        for n, payload in enumerate([{"a": 1}, {"名": '王"芳\\\n', "d": dt.date(2026, 1, 2), "m": Decimal("12.50")},
                                     {"nested": {"z": [1, {"b": None, "a": True}]}}]):
            records.append(ledger_key="office", ledger_name="司法局", actor=None, action="user.created",
                           subject_type="accounts.User", subject_id=str(n), payload=payload,
                           files=[name] if n == 2 else [])
    out = io.StringIO()
    call_command("records_export", "office", stdout=out)
    return out.getvalue()


def _run(cmd, text):
    return subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=60)


def test_the_documented_python_verifier_accepts_the_export_and_rejects_a_change(export, tmp_path):
    script = tmp_path / "verify.py"
    script.write_text(_snippet("python"), encoding="utf-8")
    good = _run([sys.executable, str(script), "office"], export)
    assert good.returncode == 0 and good.stdout.split() == ["1", "ok", "2", "ok", "3", "ok"]
    bad = _run([sys.executable, str(script), "office"], export.replace("12.50", "12.51"))
    assert bad.returncode == 1 and "2 BROKEN" in bad.stdout


@pytest.mark.skipif(shutil.which("jq") is None or shutil.which("bash") is None, reason="needs bash and jq")
def test_the_documented_shell_verifier_accepts_the_export_and_rejects_a_change(export, tmp_path):
    script = tmp_path / "verify.sh"
    script.write_text(_snippet("sh"), encoding="utf-8")
    good = _run(["bash", str(script), "office"], export)
    assert good.returncode == 0 and good.stdout.split() == ["1", "ok", "2", "ok", "3", "ok"]
    bad = _run(["bash", str(script), "office"], export.replace('"a": 1', '"a": 2'))
    assert bad.returncode == 1 and "1 hash BROKEN" in bad.stdout

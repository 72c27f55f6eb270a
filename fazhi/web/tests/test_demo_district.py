"""The demo district: deterministic, valid identifiers, a realistic mixture, and working demo accounts."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.core.validators import is_valid_id_number, is_valid_uscc
from fazhi.orgs.models import EnforcementBody, LegalLiaison, Organisation
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, ExamResult, Officer, VolunteerSupervisor
from fazhi.records.models import GENESIS_HASH, Entry, Ledger
from fazhi.records.services import entry_digest
from fazhi.web.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from fazhi.web.demo.plan import plan_district

SCALE = "0.03"


def build(seed: int = 7) -> str:
    out = io.StringIO()
    call_command("demo_district", "--seed", str(seed), "--scale", SCALE, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build()


def test_plan_is_deterministic_for_a_seed_and_differs_across_seeds():
    today = dt.date(2026, 11, 28)

    def fingerprint(seed):
        plan = plan_district(seed=seed, scale=0.03, today=today)
        return [(o.name, o.id_number, o.certificate.number if o.certificate else None) for o in plan.officers]

    assert fingerprint(7) == fingerprint(7)
    assert fingerprint(7) != fingerprint(8)


def test_same_seed_builds_the_same_officers_and_certificates(demo):
    first = sorted(Officer.objects.values_list("name", "id_number"))
    first_numbers = sorted(Certificate.objects.values_list("number", flat=True))
    plan = plan_district(seed=7, scale=float(SCALE), today=timezone.localdate())
    assert first == sorted((o.name, o.id_number) for o in plan.officers)
    planned_numbers = [n for o in plan.officers if o.certificate
                       for n in (o.certificate.number, o.certificate.renew_number, o.certificate.reissue_number) if n]
    assert first_numbers == sorted(planned_numbers)


def test_seed_scale_of_units_and_bodies(demo):
    assert Organisation.objects.count() == 72
    assert EnforcementBody.objects.count() == 25
    assert set(EnforcementBody.objects.values_list("publication_batch", flat=True)) == {1, 2}
    entrusted = EnforcementBody.objects.filter(basis="entrusted")
    assert entrusted.exists() and all(b.entrusting_body_id for b in entrusted)
    names = set(Organisation.objects.values_list("short_name", flat=True))
    assert {"金河镇", "榆林镇", "黄合少镇", "大学东路街道", "巴彦街道"} <= names
    assert Organisation.objects.filter(org_type="town").count() == 3
    assert Organisation.objects.filter(org_type="subdistrict").count() == 8


def test_every_identifier_is_checksum_valid(demo):
    assert Officer.objects.exists()
    assert all(is_valid_id_number(n) for n in Officer.objects.values_list("id_number", flat=True))
    assert all(is_valid_uscc(c) for c in Organisation.objects.values_list("uscc", flat=True))


def test_each_organisation_has_one_legal_liaison(demo):
    assert LegalLiaison.objects.count() == Organisation.objects.count()
    assert not Organisation.objects.filter(legal_liaison__isnull=True).exists()


def test_certificate_statuses_are_mixed_relative_to_today(demo):
    today = timezone.localdate()
    effective = Counter(c.effective_status(today) for c in Certificate.objects.all())
    for status in (CertificateStatus.VALID, CertificateStatus.EXPIRED, CertificateStatus.REPLACED,
                   CertificateStatus.SUSPENDED, CertificateStatus.REVOKED, CertificateStatus.LOST):
        assert effective[status] > 0, status
    expiring = Certificate.objects.filter(status=CertificateStatus.VALID, valid_to__gte=today,
                                          valid_to__lte=today + dt.timedelta(days=90))
    assert expiring.exists()
    renewed = Certificate.objects.filter(replaces__isnull=False).select_related("replaces")
    assert renewed.exists()
    assert all(c.replaces.status == CertificateStatus.REPLACED for c in renewed)
    assert not Certificate.objects.exclude(status=CertificateStatus.VALID).filter(status_reason="").exists()


def test_auxiliary_staff_hold_no_certificate_and_left_officers_hold_no_valid_one(demo):
    assert Officer.objects.filter(staff_type=StaffType.AUXILIARY).exists()
    assert not Certificate.objects.filter(officer__staff_type=StaffType.AUXILIARY).exists()
    left = Officer.objects.filter(status=OfficerStatus.LEFT)
    assert left.exists()
    assert not Certificate.objects.filter(officer__in=left, status=CertificateStatus.VALID).exists()


def test_exams_supervisors_and_records(demo):
    assert ExamResult.objects.filter(passed=True).count() == round(1443 * float(SCALE))
    assert ExamResult.objects.filter(passed=False).exists()
    assert VolunteerSupervisor.objects.exists()
    officer = Officer.objects.filter(certificates__isnull=False).first()
    actions = set(Entry.objects.filter(subject_id=str(officer.public_id)).values_list("action", flat=True))
    assert "officer.created" in actions
    assert Entry.objects.filter(action="certificate.renewed").count() == Certificate.objects.filter(
        replaces__isnull=False).count()


def test_bulk_written_ledgers_chain_correctly(demo):
    for ledger in Ledger.objects.all():
        prev = GENESIS_HASH
        for e in ledger.entries.order_by("seq"):
            body = {"ledger": ledger.key, "seq": e.seq, "actor": e.actor_name, "action": e.action,
                    "subject_type": e.subject_type, "subject_id": e.subject_id, "payload": e.payload,
                    "recorded_at": e.recorded_at.isoformat()}
            if e.files:  # evidence files of the demo cases (docs/records.md: "files" only when there are some)
                body["files"] = e.files
            assert e.prev_hash == prev
            assert e.hash == entry_digest(prev_hash=prev, body=body)
            prev = e.hash
        assert ledger.head_hash == prev


def test_second_run_refuses_and_if_empty_is_a_no_op(demo):
    count = Officer.objects.count()
    with pytest.raises(CommandError):
        build()
    out = io.StringIO()
    call_command("demo_district", "--if-empty", "--scale", SCALE, stdout=out)
    assert Officer.objects.count() == count


def test_demo_accounts_exist_per_role_and_log_in(demo, client):
    assert DEMO_PASSWORD in demo
    roles = set(User.objects.filter(username__startswith="demo_").values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    officer_user = User.objects.get(username="demo_officer")
    assert officer_user.officer.certificates.filter(status=CertificateStatus.VALID,
                                                    valid_to__gt=timezone.localdate()).exists()
    assert User.objects.get(username="demo_supervisor").volunteer_supervisor is not None
    for _role, username, *_rest in DEMO_ACCOUNTS:
        response = client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.get(reverse("web:workbench")).status_code == 200
        assert int(client.session["_auth_user_id"]) == User.objects.get(username=username).pk
        client.logout()


def test_demo_accounts_command_is_idempotent(demo):
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    assert User.objects.filter(username__startswith="demo_").count() == len(DEMO_ACCOUNTS)
    for _role, username, *_rest in DEMO_ACCOUNTS:
        assert username in out.getvalue()

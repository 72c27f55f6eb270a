"""The demo district's year of cases (fazhi.web.demo.cases): every status and outcome, a verified ledger, numbers
that the numbering engine continues, and work for the demo accounts."""

import datetime as dt
import io
import struct
import zlib
from collections import Counter

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.core.numbering_models import NumberSequence
from fazhi.core.validators import is_valid_id_number, is_valid_uscc
from fazhi.enforcement.enums import (
    OPEN_STATUSES,
    CaseStatus,
    CoerciveStatus,
    Outcome,
    PartyType,
    Procedure,
    PublicationStatus,
    ReviewStatus,
)
from fazhi.enforcement.models import (
    Case,
    ClockExtension,
    ClockPause,
    CoerciveMeasure,
    CollectiveDiscussion,
    Decision,
    Evidence,
    Hearing,
    LegalReview,
    MajorCatalogueItem,
    Payment,
    Publication,
)
from fazhi.enforcement.services import cases as case_services
from fazhi.personnel.models import Certificate
from fazhi.records.models import Entry
from fazhi.records.verification import verify_all
from fazhi.web.demo.cases import _pdf, _png


def test_generated_files_are_valid_png_and_pdf():
    import random

    png = _png(random.Random(1), "x")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (48, 36)
    idat_at = png.index(b"IDAT")
    length = struct.unpack(">I", png[idat_at - 4:idat_at])[0]
    assert len(zlib.decompress(png[idat_at + 4:idat_at + 4 + length])) == height * (1 + width * 3)
    pdf = _pdf(["line (one)", "line two"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref:xref + 4] == b"xref"


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_district", "--seed", "7", "--scale", "0.05", stdout=io.StringIO())


def test_a_year_of_cases(demo):
    today = timezone.localdate()
    cases = Case.objects.all()
    assert cases.count() >= 900
    # every status and outcome, both procedures
    statuses = Counter(cases.values_list("status", flat=True))
    assert set(statuses) == set(CaseStatus.values), statuses
    assert statuses[CaseStatus.CLOSED] > cases.count() / 2
    assert set(cases.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(cases.values_list("procedure", flat=True)) == set(Procedure.values)
    assert cases.filter(procedure=Procedure.SUMMARY, decision__fine_amount__gt=0).exists()
    for case in cases.filter(procedure=Procedure.SUMMARY).select_related("decision"):
        limit = 200 if case.party_type == PartyType.PERSON else 3000
        assert case.decision.fine_amount <= limit
    # dates: the past year, nothing after today
    assert cases.filter(lead_received_on__lt=dt.date(2025, 12, 1)).count() == 0
    assert cases.filter(lead_received_on__gte=today).count() == 0
    assert not Decision.objects.filter(decided_on__gt=today).exists()
    # parties with valid identifiers
    for party_type, id_number in cases.values_list("party_type", "party_id_number"):
        assert (is_valid_id_number if party_type == PartyType.PERSON else is_valid_uscc)(id_number)
    # officers: two or three, certified for the body's category on the day of filing
    filed = cases.exclude(filed_on=None).annotate(n=Count("case_officers"))
    assert set(filed.values_list("n", flat=True)) <= {2, 3}
    sample = filed.select_related("category").prefetch_related("case_officers__certificate__categories")[:200]
    for case in sample:
        for co in case.case_officers.all():
            cert: Certificate = co.certificate
            assert cert.valid_from <= case.filed_on <= cert.valid_to
            assert case.category in cert.categories.all()
        assert case.power_item is not None and case.legal_bases.exists()
    # the clock: some overdue (open past XZCF-60), paused, extended; decided cases keep no due date
    overdue = cases.filter(status__in=OPEN_STATUSES, decision_due__lt=today).count()
    assert 0.005 * cases.count() <= overdue <= 0.03 * cases.count()
    assert not cases.exclude(status__in=OPEN_STATUSES).exclude(decision_due=None).exists()
    assert ClockPause.objects.filter(ended_on=None).exists() and ClockPause.objects.exclude(ended_on=None).exists()
    assert ClockExtension.objects.exists() and CollectiveDiscussion.objects.exists()
    # reviews in every state; hearings; coercive measures in force / extended / disposed
    assert set(LegalReview.objects.values_list("status", flat=True)) == set(ReviewStatus.values)
    assert Hearing.objects.filter(held=True).exists()
    measures = set(CoerciveMeasure.objects.values_list("status", flat=True))
    assert CoerciveStatus.DISPOSED in measures and measures & {CoerciveStatus.IN_FORCE, CoerciveStatus.EXTENDED}
    # major decisions went through an approved review of the decided draft
    for decision in Decision.objects.filter(case__is_major=True).select_related("review", "draft")[:100]:
        assert decision.review.status == ReviewStatus.APPROVED and decision.review.draft_id == decision.draft_id
    # payments, late ones with the XZCF-72 surcharge; publications, late and withdrawn
    assert Payment.objects.filter(surcharge__gt=0).exists()
    pubs = Publication.objects.all()
    assert pubs.filter(status=PublicationStatus.WITHDRAWN).exists()
    assert any(p.published_on > p.publish_due for p in pubs)
    for pub in pubs[:50]:
        entry = Entry.objects.get(ledger__key=pub.ledger_key, seq=pub.entry_seq)
        assert entry.action == "decision.published" and entry.payload["content_sha256"] == pub.content_sha256
        assert "party_id_number" not in pub.public_fields
    # evidence rows each have their stored file
    evidence = Evidence.objects.all()
    assert evidence.exists()
    for item in evidence:
        assert item.size > 0 and len(item.sha256) == 64 and default_storage.exists(item.file.name)
    assert MajorCatalogueItem.objects.exists()


def test_ledger_verifies_and_numbers_continue(demo):
    reports = verify_all(check_files=True)
    assert reports and all(r.ok for r in reports), [str(r.first_break) for r in reports if not r.ok]
    assert Entry.objects.filter(action__startswith="case.").count() > Case.objects.count() * 3
    # numbers are unique and each sequence stands at the last number issued
    numbers = Case.objects.exclude(number="").values("organisation", "number").annotate(n=Count("id"))
    assert not numbers.filter(n__gt=1).exists()
    assert not Decision.objects.exclude(number="").values("number").annotate(n=Count("id")).filter(n__gt=1).exists()
    head = User.objects.get(username="demo_head")
    org = head.organisation
    seq = NumberSequence.objects.get(scope=str(org.public_id), kind="case", year=2026)
    assert Case.objects.filter(organisation=org, procedure=Procedure.GENERAL, filed_on__year=2026).count() == seq.last
    # a new case filed through the service takes the next number
    body = org.bodies.get()
    officer_user = User.objects.get(username="demo_officer")
    existing = set(Case.objects.filter(organisation=org).values_list("number", flat=True))
    on = dt.date(2026, 9, 1)  # XZCF-60 falls in 2026: the 2027 holiday schedule is not loaded
    case = case_services.case_lead_register(
        by=officer_user, body=body, title="测试当事人销售过期食品案", lead_source="inspection", lead_received_on=on,
        lead_summary="检查发现", category=body.categories.get(), party_type=PartyType.PERSON, party_name="测试人")
    template = Case.objects.filter(organisation=org, filed_on__year=2026).exclude(power_item=None).first()
    officers = [co.officer for co in template.case_officers.all()]
    case = case_services.case_file(by=officer_user, case=case, filed_on=on, power_item=template.power_item,
                                   legal_bases=list(template.legal_bases.all()), officers=officers,
                                   discovered_on=on, violation_on=on - dt.timedelta(days=3))
    assert case.number not in existing
    prefix = case.number.split("立")[0]
    assert case.number == f"{prefix}立〔2026〕{seq.last + 1}号"


def test_demo_accounts_have_work(demo):
    officer, reviewer, head = (User.objects.get(username=u) for u in ("demo_officer", "demo_reviewer", "demo_head"))
    own = Case.objects.filter(organisation=officer.organisation)
    assert own.filter(case_officers__officer__user=officer, status__in=OPEN_STATUSES).exists()
    assert LegalReview.objects.filter(status=ReviewStatus.PENDING, case__organisation=reviewer.organisation).exists()
    awaiting = own.filter(status=CaseStatus.NOTIFIED, reviews__status=ReviewStatus.APPROVED).exclude(
        reviews__status=ReviewStatus.PENDING)
    assert awaiting.exists() and head.organisation == officer.organisation

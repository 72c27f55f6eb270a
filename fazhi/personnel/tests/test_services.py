import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.personnel import services
from fazhi.personnel.enums import CertificateStatus, StaffType
from fazhi.personnel.selectors import officers_certified_for
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory, make_id_number
from fazhi.records.models import Entry


def test_officer_create_validates_id_checksum_and_records(district):
    officer = services.officer_create(by=district.admin_a, name="张三", gender="M", id_number=make_id_number(7),
                                      organisation=district.org_a, staff_type=StaffType.CIVIL_SERVANT)
    entry = Entry.objects.get(subject_id=str(officer.public_id))
    assert entry.action == "officer.created"
    assert entry.ledger.key == district.body_a.ledger_key
    bad = make_id_number(8)[:-1] + ("0" if make_id_number(8)[-1] != "0" else "1")
    with pytest.raises(Exception, match="身份证"):
        services.officer_create(by=district.admin_a, name="李四", gender="M", id_number=bad,
                                organisation=district.org_a, staff_type=StaffType.CIVIL_SERVANT)


def test_auxiliary_staff_cannot_hold_certificate(district):
    aux = OfficerFactory(organisation=district.org_a, staff_type=StaffType.AUXILIARY)
    with pytest.raises(DomainError, match="辅助人员"):
        services.certificate_issue(by=district.legal, officer=aux, number="X1", categories=[district.market],
                                   area="赛罕区", valid_from=dt.date(2026, 1, 1))
    assert not aux.certificates.exists()


def test_certificate_default_validity_follows_region_cycle(district):
    officer = OfficerFactory(organisation=district.org_a)
    cert = services.certificate_issue(by=district.legal, officer=officer, number="15010500099",
                                      categories=[district.market], area="赛罕区", valid_from=dt.date(2017, 3, 1))
    assert cert.valid_to == dt.date(2023, 2, 28)  # six years (NMG96), the day before the anniversary


def test_valid_to_before_valid_from_is_rejected(district):
    officer = OfficerFactory(organisation=district.org_a)
    with pytest.raises(DomainError, match="有效期止"):
        services.certificate_issue(by=district.legal, officer=officer, number="N1", categories=[district.market],
                                   area="赛罕区", valid_from=dt.date(2026, 5, 1), valid_to=dt.date(2026, 4, 30))


def test_revoke_records_and_rejects_second_revoke(district):
    cert = CertificateFactory(officer=OfficerFactory(organisation=district.org_a))
    services.certificate_revoke(by=district.legal, certificate=cert, reason="违法执法")
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert Entry.objects.filter(subject_id=str(cert.public_id), action="certificate.revoked").count() == 1
    with pytest.raises(DomainError, match="不能吊销"):
        services.certificate_revoke(by=district.legal, certificate=cert, reason="再次")


@pytest.mark.parametrize(
    "on, expected",
    [
        (dt.date(2025, 12, 31), False),  # the day before valid_from
        (dt.date(2026, 1, 1), True),  # the first day
        (dt.date(2026, 6, 30), True),  # the last day
        (dt.date(2026, 7, 1), False),  # the day after valid_to: expired
    ],
)
def test_officers_certified_for_edges(district, on, expected):
    officer = OfficerFactory(organisation=district.org_a)
    CertificateFactory(officer=officer, valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 6, 30),
                       categories=[district.market])
    assert (officer in officers_certified_for(district.body_a, on=on, category="market")) is expected


def test_officers_certified_for_category_and_body(district):
    officer = OfficerFactory(organisation=district.org_a)
    CertificateFactory(officer=officer, categories=[district.market])
    day = dt.date(2026, 3, 1)
    assert list(officers_certified_for(district.body_a, on=day, category="urban")) == []
    assert list(officers_certified_for(district.body_b, on=day)) == []
    assert list(officers_certified_for(district.body_a, on=day)) == [officer]


def test_leaving_withdraws_each_certificate_in_its_own_history(district):
    officer = OfficerFactory(organisation=district.org_a)
    cert = CertificateFactory(officer=officer)
    services.officer_leave(by=district.admin_a, officer=officer, left_on=dt.date(2026, 3, 1), reason="调离")
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    entry = Entry.objects.get(subject_id=str(cert.public_id), action="certificate.revoked")
    assert entry.payload["officer_left"] is True and entry.payload["on"] == "2026-03-01"


def test_a_status_change_cannot_be_dated_in_the_future(district):
    from django.utils import timezone

    cert = CertificateFactory(officer=OfficerFactory(organisation=district.org_a))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.certificate_revoke(by=district.legal, certificate=cert, reason="违法", on=tomorrow)
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID
    services.certificate_revoke(by=district.legal, certificate=cert, reason="违法", on=timezone.localdate())


@pytest.mark.parametrize("valid_from", [dt.date(9999, 6, 1), dt.date(1900, 1, 1)])
def test_a_certificate_date_outside_the_plausible_years_is_refused(district, valid_from):
    officer = OfficerFactory(organisation=district.org_a)
    with pytest.raises(DomainError, match="1980年至2100年"):
        services.certificate_issue(by=district.legal, officer=officer, number="N9", categories=[district.market],
                                   area="赛罕区", valid_from=valid_from)
    assert not officer.certificates.exists()

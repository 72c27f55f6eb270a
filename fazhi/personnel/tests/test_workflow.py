"""The certificate life cycle on the workflow engine: every transition from every state, roles, guards, one record
entry per step, and nothing changed when a step is refused."""

import datetime as dt

import pytest

from fazhi.core.errors import DomainError
from fazhi.personnel import services
from fazhi.personnel.enums import CertificateStatus as S
from fazhi.personnel.enums import OfficerStatus
from fazhi.personnel.models import Certificate
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.personnel.workflow import certificate_workflow
from fazhi.records.models import Entry

SERVICES = {
    "suspend": services.certificate_suspend,
    "reinstate": services.certificate_reinstate,
    "revoke": services.certificate_revoke,
    "lose": services.certificate_declare_lost,
}
# (action, from) -> to, for every pair the life cycle allows; every other pair is refused
ALLOWED = {
    ("suspend", S.VALID): S.SUSPENDED,
    ("reinstate", S.SUSPENDED): S.VALID,
    ("revoke", S.VALID): S.REVOKED,
    ("revoke", S.SUSPENDED): S.REVOKED,
    ("lose", S.VALID): S.LOST,
    ("lose", S.SUSPENDED): S.LOST,
}


@pytest.fixture
def cert(district):
    return CertificateFactory(officer=OfficerFactory(organisation=district.org_a), categories=[district.market])


def entries_of(cert):
    return Entry.objects.filter(subject_id=str(cert.public_id)).order_by("seq")


@pytest.mark.parametrize("action", list(SERVICES))
@pytest.mark.parametrize("start", [S.VALID, S.SUSPENDED, S.REVOKED, S.LOST, S.EXPIRED, S.REPLACED])
def test_every_action_from_every_state(district, cert, action, start):
    Certificate.objects.filter(pk=cert.pk).update(status=start)
    cert.refresh_from_db()
    target = ALLOWED.get((action, start))
    if target is None:
        with pytest.raises(DomainError) as err:
            SERVICES[action](by=district.legal, certificate=cert, reason="依规处理")
        assert err.value.code == "invalid_transition"
        assert err.value.message.startswith(f"证件当前状态为“{S(start).label}”,不能")
        cert.refresh_from_db()
        assert cert.status == start and not entries_of(cert).exists()
        return
    result = SERVICES[action](by=district.legal, certificate=cert, reason="依规处理", on=dt.date(2026, 3, 2))
    cert.refresh_from_db()
    assert result.status == cert.status == target
    assert (cert.status_reason, cert.status_changed_on) == ("依规处理", dt.date(2026, 3, 2))
    [entry] = entries_of(cert)
    assert entry.payload == {"number": cert.number, "reason": "依规处理", "on": "2026-03-02", "from": str(start),
                             "to": str(target)}
    assert entry.actor == district.legal and entry.ledger.key == district.body_a.ledger_key


@pytest.mark.parametrize("who", ["admin_a", "officer_a", "head_a", "reviewer_a"])
def test_only_the_legal_office_and_system_admin_change_a_certificate(district, cert, who):
    with pytest.raises(DomainError) as err:
        services.certificate_revoke(by=getattr(district, who), certificate=cert, reason="越权")
    assert err.value.code == "role_forbidden" and err.value.message == "无权吊销证件"
    cert.refresh_from_db()
    assert cert.status == S.VALID and not entries_of(cert).exists()
    services.certificate_suspend(by=district.sysadmin, certificate=cert, reason="调查")
    assert Certificate.objects.get(pk=cert.pk).status == S.SUSPENDED


def test_a_reason_is_required_and_named_as_such(district, cert):
    with pytest.raises(DomainError) as err:
        services.certificate_suspend(by=district.legal, certificate=cert, reason="  ")
    assert (err.value.code, err.value.field, err.value.message) == ("reason_required", "reason", "请填写暂扣原因")
    assert Certificate.objects.get(pk=cert.pk).status == S.VALID and not entries_of(cert).exists()


def test_a_suspended_certificate_of_an_officer_who_left_is_not_reinstated(district, cert):
    services.certificate_suspend(by=district.legal, certificate=cert, reason="调查")
    cert.officer.status = OfficerStatus.LEFT
    cert.officer.save()
    cert.refresh_from_db()
    with pytest.raises(DomainError) as err:
        services.certificate_reinstate(by=district.legal, certificate=cert, reason="调查结束")
    assert (err.value.code, err.value.rule) == ("officer_not_active", "NMG96")
    assert "持证人已离岗" in err.value.display
    assert Certificate.objects.get(pk=cert.pk).status == S.SUSPENDED
    assert entries_of(cert).count() == 1  # the suspension only
    # the screen offers no reinstatement; revoking is still possible
    options = {o.name: o for o in certificate_workflow.available(cert, district.legal)}
    assert options["reinstate"].blocked.rule_id == "NMG96"
    assert services.certificate_allowed_actions(cert, district.legal) == ["revoke", "lose"]


def test_allowed_actions_follow_state_and_role(district, cert):
    assert services.certificate_allowed_actions(cert) == ["suspend", "revoke", "lose"]
    assert services.certificate_allowed_actions(cert, district.legal) == ["suspend", "revoke", "lose"]
    assert services.certificate_allowed_actions(cert, district.admin_a) == []
    cert = services.certificate_suspend(by=district.legal, certificate=cert, reason="调查")
    assert services.certificate_allowed_actions(cert) == ["reinstate", "revoke", "lose"]


def test_renewal_replaces_the_old_certificate_through_the_workflow(district, cert):
    new = services.certificate_renew(by=district.legal, certificate=cert, number="15010577777",
                                     valid_from=dt.date(2026, 4, 1))
    cert.refresh_from_db()
    assert cert.status == S.REPLACED and new.replaces == cert and new.status == S.VALID
    assert (cert.status_reason, cert.status_changed_on) == ("换发为15010577777", dt.date(2026, 4, 1))
    [old_entry] = entries_of(cert)
    assert old_entry.action == "certificate.renewed"
    assert old_entry.payload == {"number": cert.number, "new_number": "15010577777", "reason": "换发为15010577777",
                                 "on": "2026-04-01", "from": "valid", "to": "replaced"}
    assert [e.action for e in entries_of(new)] == ["certificate.issued"]


def test_an_expired_certificate_may_be_renewed(district, cert):
    Certificate.objects.filter(pk=cert.pk).update(status=S.EXPIRED)
    cert.refresh_from_db()
    services.certificate_renew(by=district.legal, certificate=cert, number="15010577778",
                               valid_from=dt.date(2026, 4, 1))
    assert Certificate.objects.get(pk=cert.pk).status == S.REPLACED


@pytest.mark.parametrize("setup, code", [
    ("revoked", "invalid_transition"),
    ("officer_left", "officer_not_active"),
    ("duplicate_number", "invalid"),
])
def test_a_refused_renewal_changes_nothing(district, cert, setup, code):
    number = "15010577779"
    if setup == "revoked":
        Certificate.objects.filter(pk=cert.pk).update(status=S.REVOKED)
    elif setup == "officer_left":
        type(cert.officer).objects.filter(pk=cert.officer.pk).update(status=OfficerStatus.LEFT)
    else:
        number = CertificateFactory().number  # the new certificate fails to issue after the old one changed
    cert.refresh_from_db()
    before = cert.status
    entries = Entry.objects.count()
    with pytest.raises(DomainError) as err:
        services.certificate_renew(by=district.legal, certificate=cert, number=number,
                                   valid_from=dt.date(2026, 4, 1))
    assert err.value.code == code
    cert.refresh_from_db()
    assert cert.status == before and cert.status_reason == ""
    assert Entry.objects.count() == entries
    assert not Certificate.objects.filter(replaces=cert).exists()


def test_workflow_declares_the_whole_life_cycle():
    assert certificate_workflow.states() == {"valid", "suspended", "revoked", "lost", "expired", "replaced"}
    assert {t.name: (sorted(t.source), t.target) for t in certificate_workflow.transitions} == {
        "suspend": (["valid"], "suspended"),
        "reinstate": (["suspended"], "valid"),
        "revoke": (["suspended", "valid"], "revoked"),
        "lose": (["suspended", "valid"], "lost"),
        "replace": (["expired", "valid"], "replaced"),
    }

"""行政强制措施 (XZQZ-18/19/25): approval, officers and certificates, the 30-day deadline with its holiday moves,
the testing period, one extension, disposal — at their edges, and every refusal changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import UserFactory
from fazhi.core.deadlines import deadline
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.enforcement.enums import CaseStatus, CoerciveKind, CoerciveStatus, Disposal
from fazhi.enforcement.models import Case, CoerciveMeasure
from fazhi.enforcement.services import cases
from fazhi.enforcement.services import coercion as svc
from fazhi.enforcement.tests import builders
from fazhi.records.enums import Action
from fazhi.records.models import Entry

FILED = dt.date(2026, 2, 2)
SAT_0905 = dt.date(2026, 9, 5)  # + 30 days = Monday 2026-10-05, inside the National Day holiday (10-01 … 10-07)
DUE_0905 = dt.date(2026, 10, 8)  # the first working day after the holiday


def filed_case(enf) -> Case:
    return builders.filed(enf, filed_on=FILED)


def numbers(*officers) -> list[str]:
    return [o.certificates.get().number for o in officers]


def _snapshot():
    return (Entry.objects.count(), list(CoerciveMeasure.objects.order_by("pk").values()),
            list(CoerciveMeasure.officers.through.objects.order_by("pk").values_list("pk", flat=True)))


@contextlib.contextmanager
def refused(code: str | None = None, *, exc=DomainError, rule: str | None = None):
    """Refused with `code` (and `rule` when given), leaving no new row, no changed row and no record entry."""
    before = _snapshot()
    with pytest.raises(exc) as info:
        yield info
    if code is not None:
        assert info.value.code == code, info.value
    if rule is not None:
        assert info.value.rule == rule
    assert _snapshot() == before


@pytest.fixture
def case(enf):
    return filed_case(enf)


@pytest.fixture
def apply(enf, case):
    """coercion_apply with sound defaults (approved the day before, two certified officers who showed their
    certificates); any argument can be overridden."""

    def _apply(**kw):
        carried = kw.get("carried_out_on", SAT_0905)
        args = {"by": enf.d.officer_a, "case": case, "kind": CoerciveKind.SEIZE, "items": "不合格月饼200盒",
                "emergency": False, "approved_on": carried - dt.timedelta(days=1), "approved_by": enf.d.head_a,
                "carried_out_on": carried, "officers": [enf.o1, enf.o2],
                "certificates_shown": numbers(enf.o1, enf.o2)}
        args.update(kw)
        return svc.coercion_apply(**args)

    return _apply


def last_entry() -> Entry:
    return Entry.objects.order_by("-pk").first()


# --- applying a measure ------------------------------------------------------------------------------------------

def test_apply_records_the_measure_and_its_deadline(enf, case, apply):
    measure = apply()
    assert measure.status == CoerciveStatus.IN_FORCE and measure.due_on == DUE_0905
    assert set(measure.officers.all()) == {enf.o1, enf.o2}
    assert measure.certificates_shown == numbers(enf.o1, enf.o2) and measure.created_by == enf.d.officer_a
    entry = last_entry()
    assert entry.action == Action.COERCION_APPLIED and entry.subject_id == str(case.public_id)
    assert entry.payload["measure_id"] == str(measure.public_id)
    assert entry.payload["due_on"] == "2026-10-08" and "国庆节" in entry.payload["due_trace"]
    assert entry.payload["officers"] == [{"name": "张明", "certificates": numbers(enf.o1)},
                                         {"name": "李华", "certificates": numbers(enf.o2)}]


@pytest.mark.parametrize("carried, due", [
    (dt.date(2026, 9, 5), dt.date(2026, 10, 8)),   # day 30 is 10-05, National Day holiday: moves past the holiday
    (dt.date(2026, 9, 7), dt.date(2026, 10, 8)),   # day 30 is 10-07, the holiday's last day: moves to 10-08
    (dt.date(2026, 9, 10), dt.date(2026, 10, 10)),  # day 30 is Saturday 10-10, a make-up working day: no move
    (dt.date(2026, 6, 10), dt.date(2026, 7, 10)),  # an ordinary Friday
    (dt.date(2026, 6, 6), dt.date(2026, 7, 6)),    # day 30 is Monday 07-06 (carried out on a Saturday)
    (dt.date(2026, 6, 7), dt.date(2026, 7, 7)),
])
def test_due_date_follows_the_engine(apply, carried, due):
    measure = apply(carried_out_on=carried)
    assert measure.due_on == due == deadline("XZQZ-25", carried).due


def test_apply_on_a_holiday_is_allowed(apply):
    """XZQZ-43's ban on holidays concerns enforcement execution, not seizure in an investigation."""
    assert apply(carried_out_on=dt.date(2026, 10, 2)).due_on == deadline("XZQZ-25", dt.date(2026, 10, 2)).due


def test_prior_approval_needed_unless_emergency(apply):
    assert apply(approved_on=SAT_0905).pk  # approved the same day, before acting
    with refused("approval_after_measure", rule="XZQZ-18"):
        apply(approved_on=SAT_0905 + dt.timedelta(days=1))


def test_emergency_approval_within_one_day(apply):
    with refused("emergency_approval_late", rule="XZQZ-19"):
        apply(emergency=True, approved_on=SAT_0905 + dt.timedelta(days=2))
    measure = apply(emergency=True, approved_on=SAT_0905 + dt.timedelta(days=1))
    assert measure.emergency and measure.due_on == DUE_0905
    assert apply(emergency=True, approved_on=SAT_0905).pk


@pytest.mark.parametrize("who", ["officer_a", "admin_a", "reviewer_a", "legal", "head_b"])
def test_approver_must_be_the_head_of_the_body(enf, apply, who):
    approver = (UserFactory(role=Role.HEAD, organisation=enf.d.org_b, username="head_b") if who == "head_b"
                else getattr(enf.d, who))
    with refused("approver_not_head", rule="XZQZ-18"):
        apply(approved_by=approver)


def test_system_admin_may_approve(enf, apply):
    assert apply(approved_by=enf.d.sysadmin).approved_by == enf.d.sysadmin


def test_one_officer_refused(enf, apply):
    with refused("too_few_officers", rule="XZQZ-18"):
        apply(officers=[enf.o1], certificates_shown=numbers(enf.o1))
    with refused("too_few_officers", rule="XZQZ-18"):
        apply(officers=[enf.o1, enf.o1], certificates_shown=numbers(enf.o1))


def test_expired_certificate_edge(enf, apply):
    """The certificate ended 2026-03-01: valid that day, not the day after."""
    ok = apply(carried_out_on=dt.date(2026, 3, 1), officers=[enf.o1, enf.expired_officer],
               certificates_shown=numbers(enf.o1, enf.expired_officer))
    assert ok.due_on == dt.date(2026, 3, 31)
    with refused("officer_not_certified", rule="XZQZ-18") as info:
        apply(carried_out_on=dt.date(2026, 3, 2), officers=[enf.o1, enf.expired_officer],
              certificates_shown=numbers(enf.o1, enf.expired_officer))
    assert "孙强" in info.value.message


@pytest.mark.parametrize("name", ["urban_officer", "auxiliary"])
def test_officer_without_a_certificate_for_the_category_refused(enf, apply, name):
    other = getattr(enf, name)
    shown = numbers(enf.o1) + [c.number for c in other.certificates.all()]
    with refused("officer_not_certified", rule="XZQZ-18"):
        apply(officers=[enf.o1, other], certificates_shown=shown)


def test_certificate_not_shown_refused(enf, apply):
    with refused("certificate_not_shown", rule="XZQZ-18") as info:
        apply(certificates_shown=numbers(enf.o1))
    assert "李华" in info.value.message
    with refused("certificate_not_shown", rule="XZQZ-18"):
        apply(certificates_shown=numbers(enf.o1) + numbers(enf.o3))  # someone else's certificate
    with refused("certificate_unknown", rule="XZQZ-18"):
        apply(certificates_shown=numbers(enf.o1, enf.o2, enf.o3))  # a number not of the officers who acted
    assert apply(certificates_shown=[f" {n} " for n in numbers(enf.o1, enf.o2)]).pk  # spaces trimmed


@pytest.mark.parametrize("status", [CaseStatus.LEAD, CaseStatus.NOT_FILED, CaseStatus.DECIDED])
def test_case_must_be_filed_and_undecided(enf, apply, status):
    if status == CaseStatus.DECIDED:
        case, _ = builders.decided(enf)
    else:
        case = builders.lead(enf, received_on=FILED)
        if status == CaseStatus.NOT_FILED:
            case = cases.case_not_file(by=enf.d.officer_a, case=case, reason="不属于本机关管辖")
    assert case.status == status
    with refused("case_not_open"):
        apply(case=case, carried_out_on=dt.date(2026, 9, 25))


def test_notified_case_allowed(enf, apply):
    case = builders.notified(enf)
    assert case.status == CaseStatus.NOTIFIED and apply(case=case).pk


@pytest.mark.parametrize("who", ["reviewer_a", "legal", "admin_b", "volunteer"])
def test_apply_refused_for_other_roles_and_bodies(enf, apply, who):
    with refused(exc=PermissionDenied):
        apply(by=getattr(enf.d, who))


def test_apply_dates_not_in_the_future(apply):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with refused("date_in_future"):
        apply(carried_out_on=tomorrow, approved_on=tomorrow - dt.timedelta(days=1))
    with refused("date_in_future"):
        apply(carried_out_on=timezone.localdate(), approved_on=tomorrow, emergency=True)


def test_apply_fields(enf, apply):
    with refused("invalid_kind"):
        apply(kind="detain")
    with refused("items_required"):
        apply(items="   ")
    other_case = filed_case(enf)
    record = cases.onsite_record_add(
        by=enf.d.officer_a, case=other_case, occurred_at=dt.datetime(2026, 9, 5, 10, tzinfo=dt.UTC), place="厂区仓库",
        officers=[enf.o1, enf.o2], certificates_shown=numbers(enf.o1, enf.o2), party_present="厂长",
        content="现场检查发现不合格月饼200盒,予以扣押")
    with refused("onsite_record_other_case"):
        apply(onsite_record=record)
    assert apply(case=other_case, onsite_record=record).onsite_record == record


# --- the testing period ------------------------------------------------------------------------------------------

def test_testing_period_not_counted(enf, apply):
    measure = apply()
    measure = svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=dt.date(2026, 9, 10),
                                          ended_on=dt.date(2026, 9, 19))
    # 10-05 + 10 days of testing = Thursday 10-15, a working day
    expected = deadline("XZQZ-25", SAT_0905, pauses=[(dt.date(2026, 9, 10), dt.date(2026, 9, 19))]).due
    assert measure.due_on == expected == dt.date(2026, 10, 15)
    entry = last_entry()
    assert entry.action == Action.COERCION_TESTING_RECORDED and entry.payload["basis"] == "testing_period"
    assert entry.payload["paused_days"] == 10 and entry.payload["previous_due_on"] == "2026-10-08"
    with refused("testing_recorded"):
        svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=dt.date(2026, 9, 20),
                                    ended_on=dt.date(2026, 9, 21))
    # the extension adds to the testing period, not instead of it
    measure = svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=dt.date(2026, 10, 15),
                                  reason="检验结果需复检")
    assert measure.due_on == deadline("XZQZ-25", SAT_0905, extensions=[30],
                                      pauses=[(dt.date(2026, 9, 10), dt.date(2026, 9, 19))]).due == dt.date(2026, 11, 16)


def test_testing_period_edges(enf, apply):
    measure = apply()
    with refused("testing_before_measure"):
        svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=SAT_0905 - dt.timedelta(days=1),
                                    ended_on=SAT_0905)
    with refused("testing_after_due"):
        svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=DUE_0905 + dt.timedelta(days=1),
                                    ended_on=DUE_0905 + dt.timedelta(days=3))
    with refused("testing_end_before_start"):
        svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=dt.date(2026, 9, 10),
                                    ended_on=dt.date(2026, 9, 9))
    with refused(exc=PermissionDenied):
        svc.coercion_testing_record(by=enf.d.admin_b, measure=measure, started_on=dt.date(2026, 9, 10),
                                    ended_on=dt.date(2026, 9, 11))
    # testing that starts on the due day itself still counts
    measure = svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=DUE_0905,
                                          ended_on=DUE_0905 + dt.timedelta(days=1))
    assert measure.due_on == deadline("XZQZ-25", SAT_0905, pauses=[(DUE_0905, DUE_0905 + dt.timedelta(days=1))]).due


# --- extension -----------------------------------------------------------------------------------------------------

def test_extension_of_30_days_allowed_and_recorded(enf, apply):
    measure = svc.coercion_extend(by=enf.d.head_a, measure=apply(), days=30, approved_on=dt.date(2026, 9, 30),
                                  reason="涉案物品数量大,情况复杂")
    assert measure.status == CoerciveStatus.EXTENDED and measure.extension_days == 30
    assert measure.due_on == deadline("XZQZ-25", SAT_0905, extensions=[30]).due == dt.date(2026, 11, 4)
    entry = last_entry()
    assert entry.action == Action.COERCION_EXTENDED and entry.payload["days"] == 30
    assert entry.payload["previous_due_on"] == "2026-10-08" and entry.payload["due_on"] == "2026-11-04"


def test_extension_of_31_days_refused(enf, apply):
    measure = apply()
    with refused("bad_extension", rule="XZQZ-25"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=31, approved_on=dt.date(2026, 9, 30), reason="复杂")
    with refused("bad_extension", rule="XZQZ-25"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=0, approved_on=dt.date(2026, 9, 30), reason="复杂")


def test_second_extension_refused(enf, apply):
    measure = svc.coercion_extend(by=enf.d.head_a, measure=apply(), days=10, approved_on=dt.date(2026, 9, 30),
                                  reason="复杂")
    with refused("too_many_extensions", rule="XZQZ-25"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=10, approved_on=dt.date(2026, 10, 9), reason="再延")


@pytest.mark.parametrize("approved_on, allowed", [
    (dt.date(2026, 10, 7), True),   # the day before the due day
    (dt.date(2026, 10, 8), True),   # the due day itself
    (dt.date(2026, 10, 9), False),  # the day after: the measure has expired
])
def test_extension_only_before_expiry(enf, apply, approved_on, allowed):
    measure = apply()
    if allowed:
        assert svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=approved_on,
                                   reason="复杂").extension_approved_on == approved_on
    else:
        with refused("measure_expired", rule="XZQZ-25"):
            svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=approved_on, reason="复杂")


def test_extension_by_the_head_only_with_a_reason(enf, apply):
    measure = apply()
    head_b = UserFactory(role=Role.HEAD, organisation=enf.d.org_b, username="head_b")
    for who in (enf.d.officer_a, enf.d.admin_a, head_b):
        with refused("approver_not_head", rule="XZQZ-18"):
            svc.coercion_extend(by=who, measure=measure, days=30, approved_on=dt.date(2026, 9, 30), reason="复杂")
    with refused("reason_required"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=dt.date(2026, 9, 30), reason=" ")
    with refused("approved_before_measure"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=SAT_0905 - dt.timedelta(days=1),
                            reason="复杂")


# --- disposal ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("disposed_on, overdue", [
    (dt.date(2026, 10, 7), False),
    (dt.date(2026, 10, 8), False),  # on the due day
    (dt.date(2026, 10, 9), True),   # the day after: recorded, flagged overdue
])
def test_disposal_records_whether_it_was_overdue(enf, apply, disposed_on, overdue):
    measure = svc.coercion_dispose(by=enf.d.officer_a, measure=apply(), disposal=Disposal.CONFISCATE,
                                   disposed_on=disposed_on, note="依法没收")
    assert measure.status == CoerciveStatus.DISPOSED and measure.disposed_on == disposed_on
    entry = last_entry()
    assert entry.action == Action.COERCION_DISPOSED
    assert entry.payload["overdue"] is overdue and entry.payload["disposal"] == Disposal.CONFISCATE


def test_disposed_measure_is_final(enf, apply):
    measure = svc.coercion_dispose(by=enf.d.officer_a, measure=apply(), disposal=Disposal.RELEASE,
                                   disposed_on=dt.date(2026, 9, 20), note="检验合格,解除扣押")
    with refused("measure_disposed"):
        svc.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal=Disposal.DESTROY,
                             disposed_on=dt.date(2026, 9, 21), note="")
    with refused("measure_disposed", rule="XZQZ-25"):
        svc.coercion_extend(by=enf.d.head_a, measure=measure, days=30, approved_on=dt.date(2026, 9, 21), reason="复杂")
    with refused("measure_disposed", rule="XZQZ-25"):
        svc.coercion_testing_record(by=enf.d.officer_a, measure=measure, started_on=dt.date(2026, 9, 21),
                                    ended_on=dt.date(2026, 9, 22))


def test_disposal_edges(enf, apply):
    measure = apply()
    with refused("invalid_disposal"):
        svc.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal="sell", disposed_on=SAT_0905, note="")
    with refused("disposed_before_measure"):
        svc.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal=Disposal.RELEASE,
                             disposed_on=SAT_0905 - dt.timedelta(days=1), note="")
    with refused("date_in_future"):
        svc.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal=Disposal.RELEASE,
                             disposed_on=timezone.localdate() + dt.timedelta(days=1), note="")
    with refused(exc=PermissionDenied):
        svc.coercion_dispose(by=enf.d.admin_b, measure=measure, disposal=Disposal.RELEASE, disposed_on=SAT_0905,
                             note="")
    assert svc.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal=Disposal.TRANSFER,
                                disposed_on=SAT_0905, note="移送公安机关").status == CoerciveStatus.DISPOSED

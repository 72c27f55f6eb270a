"""Case warnings (fazhi.supervision.case_warnings): the XZCF-60 decision date, the XZQZ-25 seizure date, and who
sees them; a date left open for a year without holiday data is filled in once the year is entered."""

import datetime as dt

from fazhi.core import calendar_services
from fazhi.core.workdays import calendar
from fazhi.enforcement.enums import CoerciveKind
from fazhi.enforcement.services import coercion
from fazhi.enforcement.tests import builders as b
from fazhi.enforcement.tests.conftest import enf  # noqa: F401 - the enforcement world, as a fixture here
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.models import Warning
from fazhi.supervision.selectors import warnings_for
from fazhi.supervision.services import warnings_scan

D = dt.date


def _open(kind):
    return Warning.objects.filter(kind=kind, resolved_at__isnull=True)


def test_decision_date_warns_by_level_and_resolves_on_decision(enf):  # noqa: F811
    case = b.filed(enf, filed_on=D(2026, 6, 1))  # due 2026-08-31
    warnings_scan(on=D(2026, 6, 1))  # 91 days ahead: beyond the 90-day horizon
    assert not _open(WarningKind.CASE_DECISION_DUE).exists()
    warnings_scan(on=D(2026, 8, 24))
    warning = _open(WarningKind.CASE_DECISION_DUE).get()
    assert warning.level == WarningLevel.WITHIN_7 and warning.due_on == D(2026, 8, 31)
    assert warning.rule_id == "XZCF-60" and "90日" in warning.trace and warning.organisation == enf.org
    warnings_scan(on=D(2026, 8, 31))
    assert _open(WarningKind.CASE_DECISION_DUE).get().level == WarningLevel.WITHIN_7  # due today
    warnings_scan(on=D(2026, 9, 1))
    assert _open(WarningKind.CASE_DECISION_DUE).get().level == WarningLevel.OVERDUE
    b.draft(enf, case, outcome="not_established")
    b.svc.case_decide(by=enf.d.head_a, case=case, decided_on=D(2026, 9, 1))
    warnings_scan(on=D(2026, 9, 2))
    assert not _open(WarningKind.CASE_DECISION_DUE).exists()
    assert Warning.objects.get(kind=WarningKind.CASE_DECISION_DUE).resolution == "已作出处理决定"


def test_an_officer_sees_the_warnings_of_the_cases_they_handle_only(enf):  # noqa: F811
    enf.o1.user = enf.d.officer_a
    enf.o1.save()
    b.filed(enf, filed_on=D(2026, 6, 1))  # o1 and o2
    b.filed(enf, filed_on=D(2026, 6, 1), officers=[enf.o2, enf.o3], party_name="别人的案件")
    warnings_scan(on=D(2026, 8, 24))
    assert _open(WarningKind.CASE_DECISION_DUE).count() == 2
    assert [w.subject_label for w in warnings_for(user=enf.d.officer_a)] == [
        w.subject_label for w in _open(WarningKind.CASE_DECISION_DUE).exclude(subject_label__contains="2号")]
    assert warnings_for(user=enf.d.admin_a).filter(kind=WarningKind.CASE_DECISION_DUE).count() == 2
    assert not warnings_for(user=enf.d.admin_b).filter(kind=WarningKind.CASE_DECISION_DUE).exists()


def test_seizure_due_warns_until_disposed(enf):  # noqa: F811
    case = b.filed(enf, filed_on=D(2026, 9, 1))
    certs = [enf.o1.certificates.first().number, enf.o2.certificates.first().number]
    measure = coercion.coercion_apply(by=enf.d.officer_a, case=case, kind=CoerciveKind.SEIZE, items="过期牛奶36盒",
                                      emergency=False, approved_on=D(2026, 9, 5), approved_by=enf.d.head_a,
                                      carried_out_on=D(2026, 9, 5), officers=[enf.o1, enf.o2],
                                      certificates_shown=certs)
    warnings_scan(on=D(2026, 10, 1))
    warning = _open(WarningKind.COERCION_DUE).get()
    assert warning.due_on == measure.due_on == D(2026, 10, 8) and warning.rule_id == "XZQZ-25"
    coercion.coercion_dispose(by=enf.d.officer_a, measure=measure, disposal="confiscate", disposed_on=D(2026, 10, 8),
                              note="依法没收")
    warnings_scan(on=D(2026, 10, 9))
    assert not _open(WarningKind.COERCION_DUE).exists()


def test_a_due_date_left_open_is_filled_in_once_the_year_is_entered(enf):  # noqa: F811
    case = b.filed(enf, filed_on=D(2026, 11, 1))  # + 90 days = 2027-01-30, a Saturday
    assert case.decision_due is None
    try:
        calendar_services.holiday_year_set(by=enf.d.legal, year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知",
                                           published_on=None, text="2027-01-01 休 元旦")
        calendar.invalidate()
        warnings_scan(on=D(2026, 11, 28))
        case.refresh_from_db()
        assert case.decision_due == D(2027, 2, 1)  # Saturday 01-30 → Monday 02-01
        assert _open(WarningKind.CASE_DECISION_DUE).get().due_on == D(2027, 2, 1)
    finally:
        calendar.invalidate()

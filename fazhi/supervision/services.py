"""Warnings (预警): find what is due soon or overdue and keep one open warning per (kind, subject).

Certificates first (rules.md §11):
* certificate_expiry — a certificate in force whose end date (valid_to) is within HORIZON_DAYS;
* certificate_renewal_window — one whose renewal must be applied for by deadline("CERT-RENEW", valid_to) (the
  last working day on or before 3 months ahead of expiry, region-configurable), when that date is within
  HORIZON_DAYS or has passed;
* certificate_expired — one past its end date that was never replaced while its holder is still in post.
"In force" means status valid (or stored as expired), not replaced, holder in post: a renewed, revoked, lost or
suspended certificate, or one whose holder left, needs no warning, and its open warnings are resolved.

Urgency (WarningLevel), by days left until the due date on the scan day:
    due date passed (days left < 0)         overdue    red
    0 ≤ days left ≤ WITHIN_7_DAYS           within_7   orange   (due today counts here)
    days left ≤ WITHIN_30_DAYS              within_30  yellow
    otherwise (up to HORIZON_DAYS)          later      blue

`warnings_scan(on=day)` is idempotent: run twice for one day, the second run changes nothing. It runs daily
(fazhi.supervision.tasks) and on demand (manage.py warnings_scan). Warnings are derived data, recomputed from
the certificates each day, so they are not acts of the whole-process record.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import add_months, deadline, get_rule, zh_date, zh_date_weekday
from fazhi.core.errors import DomainError
from fazhi.core.rule_table import BEFORE_M, BEFORE_WD
from fazhi.core.workdays import CalendarDataMissing, calendar
from fazhi.personnel.enums import CertificateStatus, OfficerStatus
from fazhi.personnel.models import Certificate
from fazhi.powers.enums import LawStatus, PowerItemStatus
from fazhi.powers.models import Law, PowerItem
from fazhi.supervision.case_warnings import case_warnings_scan
from fazhi.supervision.enums import WarningKind, WarningLevel
from fazhi.supervision.inspection_warnings import inspection_warnings_scan
from fazhi.supervision.models import Warning
from fazhi.supervision.sync import sync, upsert

log = logging.getLogger(__name__)

HORIZON_DAYS = 90  # how far ahead a due date puts a warning on the workbench
WITHIN_7_DAYS = 7  # orange at or below this many days left
WITHIN_30_DAYS = 30  # yellow at or below this many days left; blue above, up to HORIZON_DAYS
EXPIRY_RULE = "NMG96"  # certificates lapse at their end date (rules.md §11; acting needs a valid one, XZCF-42)
RENEWAL_RULE = "CERT-RENEW"
CERTIFICATE = Certificate._meta.label
CERTIFICATE_KINDS = (WarningKind.CERTIFICATE_EXPIRY, WarningKind.CERTIFICATE_RENEWAL_WINDOW,
                     WarningKind.CERTIFICATE_EXPIRED)


def level_for(days_left: int) -> str:
    if days_left < 0:
        return WarningLevel.OVERDUE
    if days_left <= WITHIN_7_DAYS:
        return WarningLevel.WITHIN_7
    if days_left <= WITHIN_30_DAYS:
        return WarningLevel.WITHIN_30
    return WarningLevel.LATER


@dataclass(frozen=True)
class Wanted:
    kind: str
    subject_id: str
    subject_label: str
    organisation_id: int
    due_on: dt.date
    rule_id: str
    trace: str
    level: str
    message_zh: str


# More than the longest run of rest days a renewal date can move back over (Spring Festival, National Day).
MOVE_SLACK = dt.timedelta(days=20)


def _renewal_cannot_be_near(valid_to: dt.date, on: dt.date) -> bool:
    """True when the renewal date of a certificate ending `valid_to` is surely after the horizon, so it need not
    be computed — which keeps the scan from asking the calendar about years it need not know."""
    horizon = on + dt.timedelta(days=HORIZON_DAYS)
    rule = get_rule(RENEWAL_RULE)
    if rule.kind == BEFORE_M:
        return add_months(valid_to, -rule.length) - MOVE_SLACK > horizon
    if rule.kind == BEFORE_WD:
        return valid_to - dt.timedelta(days=2 * rule.length) - MOVE_SLACK > horizon
    return False


def _latest_end_date_to_look_at(on: dt.date) -> dt.date:
    """No certificate ending after this day can have an expiry or renewal date within the horizon."""
    horizon = on + dt.timedelta(days=HORIZON_DAYS)
    rule = get_rule(RENEWAL_RULE)
    if rule.kind == BEFORE_M:
        return max(horizon, add_months(horizon + MOVE_SLACK, rule.length) + dt.timedelta(days=3))
    if rule.kind == BEFORE_WD:
        return horizon + dt.timedelta(days=2 * rule.length) + MOVE_SLACK
    return horizon + dt.timedelta(days=366)


def _in_force(on: dt.date):
    return (Certificate.objects
            .filter(status__in=[CertificateStatus.VALID, CertificateStatus.EXPIRED],
                    officer__status=OfficerStatus.ACTIVE, replaced_by__isnull=True,
                    valid_to__lte=_latest_end_date_to_look_at(on))
            .select_related("officer"))


def _days(n: int) -> str:
    return "今日" if n == 0 else f"{n}日"


def _wanted_for(cert: Certificate, on: dt.date) -> tuple[list[Wanted], DomainError | None]:
    """The warnings a certificate in force should have on `on`, and the error that kept its renewal date from
    being computed (a year without holiday data), if any."""
    who = f"执法证件{cert.number}({cert.officer.name})"
    common = {"subject_id": str(cert.public_id), "subject_label": f"{cert.number} {cert.officer.name}",
              "organisation_id": cert.officer.organisation_id}
    expiry_trace = (f"证件记载的有效期止为{zh_date_weekday(cert.valid_to)};届满次日起证件失效,"
                    f"持证人不得从事行政执法(NMG96、XZCF-42)。")
    left = (cert.valid_to - on).days
    if left < 0 or cert.status == CertificateStatus.EXPIRED:
        return [Wanted(kind=WarningKind.CERTIFICATE_EXPIRED, due_on=cert.valid_to, rule_id=EXPIRY_RULE,
                       trace=expiry_trace, level=WarningLevel.OVERDUE,
                       message_zh=f"{who}已于{zh_date(cert.valid_to)}到期,持证人不得从事行政执法,请尽快换证",
                       **common)], None
    wanted = []
    if left <= HORIZON_DAYS:
        wanted.append(Wanted(kind=WarningKind.CERTIFICATE_EXPIRY, due_on=cert.valid_to, rule_id=EXPIRY_RULE,
                             trace=expiry_trace, level=level_for(left),
                             message_zh=(f"{who}今日到期" if left == 0 else
                                         f"{who}将于{zh_date(cert.valid_to)}到期,还有{left}日"),
                             **common))
    if _renewal_cannot_be_near(cert.valid_to, on):
        return wanted, None
    try:
        renewal = deadline(RENEWAL_RULE, cert.valid_to)
    except DomainError as exc:
        return wanted, exc
    renewal_left = (renewal.due - on).days
    if renewal_left <= HORIZON_DAYS:
        if renewal_left < 0:
            message = (f"{who}换证申请期限已于{zh_date(renewal.due)}届满,已逾期{-renewal_left}日;"
                       f"证件将于{zh_date(cert.valid_to)}到期")
        else:
            message = f"{who}最迟应于{zh_date(renewal.due)}申请换证,还有{_days(renewal_left)}"
        wanted.append(Wanted(kind=WarningKind.CERTIFICATE_RENEWAL_WINDOW, due_on=renewal.due, rule_id=RENEWAL_RULE,
                             trace=renewal.trace, level=level_for(renewal_left), message_zh=message, **common))
    return wanted, None


def _resolution(cert: Certificate | None, kind: str, on: dt.date) -> str:
    """Why an open warning no longer applies, in the words a user reads in its history."""
    if cert is None:
        return "证件已不存在"
    if cert.status == CertificateStatus.REPLACED or hasattr(cert, "replaced_by"):
        return "已换发新证"
    if cert.officer.status != OfficerStatus.ACTIVE:
        return "持证人已离岗,证件已收回"
    if cert.status in (CertificateStatus.REVOKED, CertificateStatus.LOST, CertificateStatus.SUSPENDED):
        return f"证件已{cert.get_status_display()}"
    if kind != WarningKind.CERTIFICATE_EXPIRED and cert.valid_to < on:
        return "证件已过期(见证件过期预警)"
    return "已不在预警期内"


@transaction.atomic
def warnings_scan(*, on: dt.date) -> dict:
    """Create, update and resolve the certificate warnings as of `on` (see the module docstring). Returns counts
    and the certificates whose renewal date could not be computed (their warnings are left as they were)."""
    wanted: dict[tuple[str, str], Wanted] = {}
    keep: set[tuple[str, str]] = set()  # renewal dates that could not be computed: leave their warnings alone
    errors: list[str] = []
    for cert in _in_force(on).iterator(chunk_size=2000):
        items, error = _wanted_for(cert, on)
        for item in items:
            wanted[(item.kind, item.subject_id)] = item
        if error is not None:
            errors.append(f"{cert.number}:{error.display}")
            keep.add((WarningKind.CERTIFICATE_RENEWAL_WINDOW, str(cert.public_id)))
            log.warning("warnings_scan: renewal date of certificate %s not computed: %s", cert.number, error.display)

    counts = {"created": 0, "updated": 0, "unchanged": 0, "resolved": 0}
    for kind in CERTIFICATE_KINDS:
        kind_wanted = {
            item.subject_id: {"subject_label": item.subject_label, "organisation_id": item.organisation_id,
                              "due_on": item.due_on, "rule_id": item.rule_id, "trace": item.trace,
                              "level": item.level, "message_zh": item.message_zh, "last_scanned_on": on}
            for (k, _sid), item in wanted.items() if k == kind}

        def resolution(ids, kind=kind):
            certs = {str(c.public_id): c for c in Certificate.objects.filter(public_id__in=ids)
                     .select_related("officer", "replaced_by")}
            return {i: _resolution(certs.get(i), kind, on) for i in ids}

        done = sync(kind=kind, subject_type=CERTIFICATE, wanted=kind_wanted,
                    keep={sid for (k, sid) in keep if k == kind}, resolution=resolution)
        for key, n in done.items():
            counts[key] += n
    counts["calendar"] = _calendar_coverage_scan(on)
    for key, n in power_item_review_scan(on=on).items():  # items flagged for review (section below)
        counts[key] += n
    for key, n in case_warnings_scan(on=on).items():  # enforcement cases (fazhi.supervision.case_warnings)
        counts[key] += n
    for key, n in inspection_warnings_scan(on=on).items():  # random inspections (fazhi.supervision.inspection_warnings)
        counts[key] += n
    counts["open"] = Warning.objects.filter(resolved_at__isnull=True).count()
    counts["errors"] = errors
    return counts


def _calendar_coverage_scan(on: dt.date) -> int:
    """A district-wide warning for each year within the horizon whose State Council holiday notice is not entered:
    every working-day deadline that runs into it would fail (rules.md §0: never guess a year)."""
    missing = []
    for year in range(on.year, (on + dt.timedelta(days=HORIZON_DAYS)).year + 1):
        try:
            calendar.year(year)
        except CalendarDataMissing:
            missing.append(year)
    open_ones = {w.subject_id: w for w in Warning.objects.select_for_update().filter(
        kind=WarningKind.CALENDAR_YEAR_MISSING, resolved_at__isnull=True)}
    now = timezone.now()
    for subject_id, warning in open_ones.items():
        if int(subject_id) not in missing:
            warning.resolved_at, warning.resolution = now, "节假日安排已录入"
            warning.save(update_fields=["resolved_at", "resolution", "updated_at"])
    for year in missing:
        due = dt.date(year, 1, 1) - dt.timedelta(days=1)
        values = {
            "subject_label": f"{year}年节假日安排", "organisation": None, "due_on": due, "rule_id": "CAL-YEAR",
            "trace": (f"{year}年的国务院节假日安排尚未录入。自{zh_date(on)}起{HORIZON_DAYS}日内的期限将跨入{year}年,"
                      f"按工作日计算的期限届时无法计算(不推测节假日);请于{zh_date(due)}前在“工作日历”中录入。"),
            "level": level_for((due - on).days), "message_zh": f"请录入{year}年国务院节假日安排",
            "last_scanned_on": on,
        }
        warning = open_ones.get(str(year))
        if warning is None:
            Warning.objects.create(kind=WarningKind.CALENDAR_YEAR_MISSING, subject_type="core.HolidayYear",
                                   subject_id=str(year), **values)
        else:
            for field, value in values.items():
                setattr(warning, field, value)
            warning.save()
    return len(missing)


# --- power items to review (a law they cite was amended or repealed) ----------------------------------------
# The powers app flags the items (PowerItem.needs_review) and records the flags; it sends power_items_flagged
# after the commit, and supervision (above powers in the layers) turns each flag into one open warning per
# department of the item, on its workbench. warnings_scan re-derives them daily and resolves those whose item
# was reviewed (needs_review cleared), abolished, or no longer held by that department.

POWER_ITEM_REVIEW_RULE = "POWER-REVIEW"


def _power_item_subject(item_public_id, organisation_id: int) -> str:
    return f"{item_public_id}@{organisation_id}"


def _power_item_review_wanted(items, on: dt.date) -> dict[str, dict]:
    wanted: dict[str, dict] = {}
    for item in items:
        if not item.needs_review or item.status == PowerItemStatus.ABOLISHED:
            continue
        laws = list(Law.objects.filter(articles__cited_by__power_item=item).exclude(status=LawStatus.IN_FORCE)
                    .distinct().order_by("status_changed_on", "title"))
        changed = [law.status_changed_on for law in laws if law.status_changed_on]
        due = min(changed) if changed else on
        trace = item.review_reason or "权力事项被标记为待复核"
        if laws:
            trace += "。所涉法规:" + "、".join(
                f"《{law.title}》{law.get_status_display()}"
                + (f"({law.status_changed_on:%Y-%m-%d})" if law.status_changed_on else "") for law in laws)
        trace += "。复核并调整执法依据后,预警自动解除。"
        for org in item.departments.all():
            wanted[_power_item_subject(item.public_id, org.pk)] = {
                "subject_label": f"{item.code} {item.name}"[:200], "organisation_id": org.pk, "due_on": due,
                "rule_id": POWER_ITEM_REVIEW_RULE, "trace": trace,
                "level": level_for((due - on).days),
                "message_zh": f"权力事项“{item.name}”的执法依据已变更,请复核"[:300], "last_scanned_on": on,
            }
    return wanted


def _power_item_review_upsert(wanted: dict[str, dict], open_ones: dict[str, Warning]) -> dict:
    return upsert(kind=WarningKind.POWER_ITEM_REVIEW, subject_type=PowerItem._meta.label, wanted=wanted,
                  open_ones=open_ones)


@transaction.atomic
def power_item_review_warn(*, item_ids, on: dt.date) -> dict:
    """Put (or refresh) the review warnings of the given power items — one per department of each item — now,
    rather than at the next nightly scan. Items not (or no longer) flagged get none."""
    items = PowerItem.objects.filter(pk__in=list(item_ids)).prefetch_related("departments")
    wanted = _power_item_review_wanted(items, on)
    open_ones = {w.subject_id: w for w in Warning.objects.select_for_update().filter(
        kind=WarningKind.POWER_ITEM_REVIEW, subject_id__in=list(wanted), resolved_at__isnull=True)}
    return _power_item_review_upsert(wanted, open_ones)


def power_item_review_scan(*, on: dt.date) -> dict:
    """Re-derive every review warning from the flagged items (called by warnings_scan, inside its transaction):
    create and update what is wanted, resolve the rest with the reason."""
    items = PowerItem.objects.filter(needs_review=True).prefetch_related("departments")
    wanted = _power_item_review_wanted(items, on)
    open_ones = {w.subject_id: w for w in Warning.objects.select_for_update().filter(
        kind=WarningKind.POWER_ITEM_REVIEW, resolved_at__isnull=True)}
    counts = _power_item_review_upsert(wanted, open_ones)
    stale = [w for key, w in open_ones.items() if key not in wanted]
    if stale:
        ids = {w.subject_id.split("@", 1)[0] for w in stale}
        by_id = {str(i.public_id): i for i in PowerItem.objects.filter(public_id__in=ids)}
        now = timezone.now()
        for warning in stale:
            item = by_id.get(warning.subject_id.split("@", 1)[0])
            if item is None:
                reason = "权力事项已不存在"
            elif item.status == PowerItemStatus.ABOLISHED:
                reason = "权力事项已取消"
            elif item.needs_review:
                reason = "该单位已不再实施此事项"
            else:
                reason = "已复核"
            warning.resolved_at, warning.resolution = now, reason
            warning.save(update_fields=["resolved_at", "resolution", "updated_at"])
    counts["resolved"] = len(stale)
    return counts

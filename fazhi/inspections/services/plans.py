"""Implementing rules (抽查工作细则) and annual plans (年度抽查计划) of a department (rules.md §7).

* `rules_issue` publishes a new version of a department's implementing rules; an old version is never edited.
* An annual plan is a small state machine on the core workflow engine (DESIGN.md mechanism 4):

      draft ──submit──▶ submitted ──acknowledge──▶ acknowledged
      returned ─submit─▶            ──return──────▶ returned

  The department's administrator or head writes and submits it (`check_may_plan`); the office (the level above)
  acknowledges it or returns it with a reason (`check_may_acknowledge`). A draft or returned plan may be changed.

Every act appends one entry to the ledger of the department's enforcement body (the office's ledger when the
department has none), in the same transaction; a refused call writes nothing. The validation of items and ratios
(`clean_items`, `clean_ratios`) is shared with the tasks (fazhi.inspections.services.tasks).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.workflow import Blocked, Transition, Workflow, guard
from fazhi.inspections import access
from fazhi.inspections.enums import PlanStatus, RiskGrade
from fazhi.inspections.ledger import SUBJECT_PLAN, SUBJECT_RULES
from fazhi.inspections.models import ImplementingRules, InspectionPlan
from fazhi.inspections.rules import MAX_RATIO, RATIO_RULE
from fazhi.inspections.selectors.tasks import item_list
from fazhi.orgs.models import Organisation
from fazhi.orgs.services import ledger_for_organisation
from fazhi.powers.models import PowerItem
from fazhi.records import services as records
from fazhi.records.enums import Action
from fazhi.records.files import digest_file

YEARS = (2000, 2100)
RULES_FILE_MAX_BYTES = 50 * 1024 * 1024
RATIO_FIELDS = {RiskGrade.A.value: "ratio_a", RiskGrade.B.value: "ratio_b", RiskGrade.C.value: "ratio_c",
                RiskGrade.D.value: "ratio_d"}
PLAN_FIELDS = ("year", "title", "items", "frequency", "planned_tasks", "ratios", "notes")


# --- shared validation ---------------------------------------------------------------------------------------------


def clean_text(value, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise DomainError("required", f"请填写{label}", field=field)
    if len(text) > max_length:
        raise DomainError("too_long", f"{label}不能超过{max_length}个字", field=field)
    return text


def clean_date(value, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DomainError("date_required", f"请填写{label}(日期)", field=field)
    return value


def not_in_future(value: dt.date, *, field: str, label: str) -> dt.date:
    today = timezone.localdate()
    if value > today:
        raise DomainError("date_in_future", f"{label}{value:%Y-%m-%d}晚于今天({today:%Y-%m-%d}),请在事后如实录入",
                          field=field)
    return value


def clean_ratios(ratios, *, base: dict | None = None, field: str = "ratios") -> dict[str, Decimal]:
    """{grade: percent} for the four risk grades: `base` (the current values) overlaid with `ratios`. Each ratio is a
    percentage from 0 to 100 with at most two decimals (GB58-RATIO); an unknown grade is refused."""
    result = dict(base or {})
    for key, value in (ratios or {}).items():
        grade = str(getattr(key, "value", key)).strip().upper()
        if grade not in RATIO_FIELDS:
            raise DomainError("bad_ratio_grade", f"未知的信用风险分类“{key}”,应为A、B、C、D之一", field=field,
                              rule=RATIO_RULE)
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip().rstrip("%"))
        except (InvalidOperation, ValueError):
            raise DomainError("bad_ratio", f"{grade}类抽查比例“{value}”不是数字", field=field, rule=RATIO_RULE) from None
        if not number.is_finite():
            raise DomainError("bad_ratio", f"{grade}类抽查比例“{value}”不是数字", field=field, rule=RATIO_RULE)
        if number > MAX_RATIO:
            raise DomainError("ratio_above_100", f"{grade}类抽查比例为{number}%:抽查比例不能超过100%", field=field,
                              rule=RATIO_RULE)
        if number < 0:
            raise DomainError("ratio_negative", f"{grade}类抽查比例为{number}%:抽查比例不能小于0", field=field,
                              rule=RATIO_RULE)
        if number != number.quantize(Decimal("0.01")):
            raise DomainError("ratio_precision", f"{grade}类抽查比例{number}%:最多保留两位小数", field=field,
                              rule=RATIO_RULE)
        result[grade] = number.quantize(Decimal("0.01"))
    return result


def clean_items(organisation: Organisation, items, *, field: str = "items", who: str = "") -> list[PowerItem]:
    """The department's items, each a published power item of category INSPECTION on its random-inspection list
    (`is_inspection_item`, selectors.tasks.item_list); at least one, none twice. `who` names the department in
    the messages of a joint task."""
    items = list(items or [])
    prefix = f"{who}:" if who else ""
    if not items:
        raise DomainError("items_required", f"{prefix}请至少选择一项抽查事项", field=field)
    listed = {i.pk: i for i in item_list(organisation=organisation).filter(pk__in=[i.pk for i in items])}
    seen: set[int] = set()
    result = []
    for item in items:
        if item.pk in seen:
            raise DomainError("item_twice", f"{prefix}抽查事项“{item.name}”重复选择", field=field)
        seen.add(item.pk)
        if item.pk not in listed:
            raise DomainError("item_not_listed",
                              f"{prefix}“{item.code} {item.name}”不是{organisation.name}已公布的随机抽查事项"
                              "(须为本部门实施、已公布、列入随机抽查事项清单的行政检查事项)", field=field)
        result.append(listed[item.pk])
    return result


def ratio_payload(ratios: dict) -> dict[str, str]:
    return {grade: str(value) for grade, value in sorted(ratios.items())}


def _ledger_for(organisation: Organisation) -> tuple[str, str]:
    return ledger_for_organisation(organisation)


def _record(organisation: Organisation, *, by, action, subject_type: str, subject_id, payload: dict, files=()):
    key, name = _ledger_for(organisation)
    return records.append(ledger_key=key, ledger_name=name, actor=by, action=action, subject_type=subject_type,
                          subject_id=str(subject_id), payload=payload, files=files)


# --- implementing rules ----------------------------------------------------------------------------------------------


@transaction.atomic
def rules_issue(*, by, organisation: Organisation, title: str, body: str, effective_on: dt.date,
                file=None) -> ImplementingRules:
    """Publish version n+1 of the department's implementing rules (细则). The attached file (optional) is stored with
    its SHA-256, and its digest goes into the ledger entry (records `files=`)."""
    access.check_may_plan(by, organisation.pk)
    title = clean_text(title, field="title", label="细则标题", max_length=200)
    body = clean_text(body, field="body", label="细则正文", max_length=200_000)
    effective_on = clean_date(effective_on, field="effective_on", label="施行日期")
    if file is not None:
        size = getattr(file, "size", None)
        if not size:
            raise DomainError("empty_file", "附件为空文件", field="file")
        if size > RULES_FILE_MAX_BYTES:
            raise DomainError("file_too_large", f"附件不能超过{RULES_FILE_MAX_BYTES // 1024 // 1024}MB", field="file")
    # the organisation row is locked so that two versions issued at once cannot take the same number
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    last = ImplementingRules.objects.filter(organisation=organisation).order_by("-version").first()
    if last is not None and effective_on < last.effective_on:
        raise DomainError("effective_before_previous",
                          f"施行日期不能早于第{last.version}版的施行日期{last.effective_on:%Y-%m-%d}",
                          field="effective_on")
    rules = ImplementingRules(organisation=organisation, version=(last.version + 1) if last else 1, title=title,
                              body=body, effective_on=effective_on, created_by=by)
    files = []
    if file is not None:
        digest = digest_file(file)
        rules.file_sha256 = digest.sha256
        rules.file.save(str(getattr(file, "name", "") or "file").rsplit("/", 1)[-1], file, save=False)
        files = [rules.file.name]
    rules.save()
    _record(organisation, by=by, action=Action.INSPECTION_RULES_ISSUED, subject_type=SUBJECT_RULES,
            subject_id=rules.public_id, files=files, payload={
                "organisation": organisation.name, "version": rules.version, "title": title,
                "effective_on": effective_on, "previous_version": last.version if last else None,
                "file_sha256": rules.file_sha256})
    return rules


# --- annual plans: create and change ------------------------------------------------------------------------------


def _clean_year(year) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not YEARS[0] <= year <= YEARS[1]:
        raise DomainError("bad_year", f"年度应为{YEARS[0]}至{YEARS[1]}之间的年份", field="year")
    return year


def _clean_planned(n) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 999:
        raise DomainError("bad_planned_tasks", "计划任务数应为1至999之间的整数", field="planned_tasks")
    return n


def _unique_year(organisation: Organisation, year: int, *, exclude_pk=None) -> None:
    others = InspectionPlan.objects.filter(organisation=organisation, year=year)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise DomainError("plan_exists", f"{organisation.name}{year}年度抽查计划已存在,每个部门每年只有一个年度计划",
                          field="year")


def _plan_snapshot(plan: InspectionPlan, items: list[PowerItem]) -> dict:
    return {"year": plan.year, "title": plan.title, "items": [i.code for i in items], "frequency": plan.frequency,
            "planned_tasks": plan.planned_tasks, "ratios": ratio_payload(plan.ratios()), "notes": plan.notes}


@transaction.atomic
def plan_create(*, by, organisation: Organisation, year: int, title: str, items, frequency: str,
                planned_tasks: int = 1, ratios: dict[str, Decimal] | None = None, notes: str = "") -> InspectionPlan:
    """Write a department's annual plan (draft). Items: the department's published inspection items; ratios 0–100%
    per risk grade (GB58-RATIO); one plan per department and year."""
    access.check_may_plan(by, organisation.pk)
    year = _clean_year(year)
    title = clean_text(title, field="title", label="计划名称", max_length=200)
    frequency = clean_text(frequency, field="frequency", label="抽查频次", max_length=100)
    planned_tasks = _clean_planned(planned_tasks)
    notes = clean_text(notes, field="notes", label="说明", max_length=20_000, required=False)
    items = clean_items(organisation, items)
    plan = InspectionPlan(organisation=organisation, year=year, title=title, frequency=frequency,
                          planned_tasks=planned_tasks, notes=notes, created_by=by)
    for grade, value in clean_ratios(ratios, base=plan.ratios()).items():
        setattr(plan, RATIO_FIELDS[grade], value)
    _unique_year(organisation, year)
    plan.save()
    plan.items.set(items)
    _record(organisation, by=by, action=Action.INSPECTION_PLAN_CREATED, subject_type=SUBJECT_PLAN,
            subject_id=plan.public_id, payload={"organisation": organisation.name, **_plan_snapshot(plan, items)})
    return plan


@transaction.atomic
def plan_update(*, by, plan: InspectionPlan, **changes) -> InspectionPlan:
    """Change a draft or returned plan: any of year, title, items, frequency, planned_tasks, ratios, notes. A change
    that changes nothing is refused; the entry records each changed field (old → new)."""
    unknown = sorted(set(changes) - set(PLAN_FIELDS))
    if unknown:
        raise DomainError("unknown_field", f"不能修改的字段:{'、'.join(unknown)}", field=unknown[0])
    plan = InspectionPlan.objects.select_for_update().select_related("organisation").get(pk=plan.pk)
    access.check_may_plan(by, plan.organisation_id)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise DomainError("plan_not_editable", f"年度抽查计划当前状态为“{plan.get_status_display()}”,只有草稿或被退回的计划可以修改",
                          field="status")
    old_items = list(plan.items.order_by("code"))
    before = _plan_snapshot(plan, old_items)
    new_items = old_items
    if "year" in changes:
        plan.year = _clean_year(changes["year"])
        _unique_year(plan.organisation, plan.year, exclude_pk=plan.pk)
    if "title" in changes:
        plan.title = clean_text(changes["title"], field="title", label="计划名称", max_length=200)
    if "frequency" in changes:
        plan.frequency = clean_text(changes["frequency"], field="frequency", label="抽查频次", max_length=100)
    if "planned_tasks" in changes:
        plan.planned_tasks = _clean_planned(changes["planned_tasks"])
    if "notes" in changes:
        plan.notes = clean_text(changes["notes"], field="notes", label="说明", max_length=20_000, required=False)
    if "ratios" in changes:
        for grade, value in clean_ratios(changes["ratios"], base=plan.ratios()).items():
            setattr(plan, RATIO_FIELDS[grade], value)
    if "items" in changes:
        new_items = sorted(clean_items(plan.organisation, changes["items"]), key=lambda i: i.code)
    after = _plan_snapshot(plan, new_items)
    changed = {k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]}
    if not changed:
        raise DomainError("no_change", "没有任何修改")
    plan.save()
    if "items" in changed:
        plan.items.set(new_items)
    _record(plan.organisation, by=by, action=Action.INSPECTION_PLAN_CHANGED, subject_type=SUBJECT_PLAN,
            subject_id=plan.public_id, payload={"organisation": plan.organisation.name, "year": plan.year,
                                                "changes": changed})
    return plan


# --- annual plans: the state machine -------------------------------------------------------------------------------


@guard("may_plan")
def may_plan(plan, ctx):
    try:
        access.check_may_plan(ctx.by, plan.organisation_id)
    except DomainError as exc:
        return Blocked(exc.message, code=exc.code)
    return None


@guard("may_acknowledge")
def may_acknowledge(plan, ctx):
    try:
        access.check_may_acknowledge(ctx.by)
    except DomainError as exc:
        return Blocked(exc.message, code=exc.code)
    return None


@guard("has_items")
def has_items(plan, ctx):
    if not plan.items.exists():
        return Blocked("年度抽查计划须至少列明一项抽查事项", code="items_required", field="items")
    return None


@guard("reason_given", checks_input=True)
def reason_given(plan, ctx):
    if not str(ctx.payload.get("reason") or "").strip():
        return Blocked("请填写退回原因", code="reason_required", field="reason")
    if len(str(ctx.payload.get("reason")).strip()) > 300:
        return Blocked("退回原因不能超过300个字", code="too_long", field="reason")
    return None


def _stamp_return(plan, payload):
    plan.return_reason = payload["reason"]


def _plan_ledger(plan) -> tuple[str, str]:
    return _ledger_for(plan.organisation)


plan_workflow = Workflow(
    field="status", subject_type=SUBJECT_PLAN, subject_label_zh="年度抽查计划", ledger=_plan_ledger,
    append=records.append,
    transitions=[
        Transition("submit", source={PlanStatus.DRAFT, PlanStatus.RETURNED}, target=PlanStatus.SUBMITTED,
                   label_zh="报送", guards=[may_plan, has_items], record_action=Action.INSPECTION_PLAN_SUBMITTED),
        Transition("acknowledge", source={PlanStatus.SUBMITTED}, target=PlanStatus.ACKNOWLEDGED, label_zh="备案",
                   guards=[may_acknowledge], record_action=Action.INSPECTION_PLAN_ACKNOWLEDGED),
        Transition("return", source={PlanStatus.SUBMITTED}, target=PlanStatus.RETURNED, label_zh="退回",
                   guards=[may_acknowledge, reason_given], record_action=Action.INSPECTION_PLAN_RETURNED,
                   effect=_stamp_return),
    ],
)


def _take(plan: InspectionPlan, name: str, *, by, payload: dict, stamp: dict) -> InspectionPlan:
    done = plan_workflow.transition(plan, name, by=by, payload={"year": plan.year, "title": plan.title, **payload})
    for field, value in stamp.items():
        setattr(done, field, value)
    if stamp:
        done.save(update_fields=[*stamp, "updated_at"])
    plan.refresh_from_db()
    return done


@transaction.atomic
def plan_submit(*, by, plan: InspectionPlan) -> InspectionPlan:
    """Submit a draft or returned plan to the office (the level above)."""
    return _take(plan, "submit", by=by, payload={},
                 stamp={"submitted_at": timezone.now(), "submitted_by": by})


@transaction.atomic
def plan_acknowledge(*, by, plan: InspectionPlan) -> InspectionPlan:
    """The office acknowledges (备案) a submitted plan."""
    return _take(plan, "acknowledge", by=by, payload={},
                 stamp={"acknowledged_at": timezone.now(), "acknowledged_by": by})


@transaction.atomic
def plan_return(*, by, plan: InspectionPlan, reason: str) -> InspectionPlan:
    """The office returns a submitted plan with its reason; the department changes it and submits it again."""
    return _take(plan, "return", by=by, payload={"reason": str(reason or "").strip()}, stamp={})

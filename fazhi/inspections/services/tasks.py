"""Random-inspection tasks (抽查任务): creation, changes before the draw, the published list of drawn objects, notices,
the end of the inspection and the publication of results (rules.md §7).

    draft ──(draw: services.draws)──▶ drawn ──task_end──▶ ended ──results_publish──▶ published

* A task has one part (`TaskDepartment`) per department taking part, the lead first; two or more parts make a joint
  inspection (联合抽查). Each part is carried out by the department's active enforcement body holding the part's
  category (its ledger, its inspectors), on the department's published inspection items.
* Results are published within 20 working days of the task's end (INSPECTION-PUBLISH): `task_end` stores the date
  from the deadline engine, or None with the reason when the year it runs into has no holiday schedule (CAL-YEAR;
  `tasks_refresh_due` fills it in once the year is entered); `results_publish` records whether it was late.

Every act appends one entry to the lead department's body ledger (fazhi.inspections.ledger.record_task) in the same
transaction. Every check comes before the first write: a refused call leaves no row, no number and no entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import deadline, zh_date
from fazhi.core.errors import DomainError
from fazhi.core.numbering import number_next
from fazhi.core.workdays import CalendarDataMissing
from fazhi.inspections import access
from fazhi.inspections.enums import (
    PROBLEM_OUTCOMES,
    DrawnStatus,
    ObjectKind,
    PlanStatus,
    ResultOutcome,
    RiskGrade,
    TaskKind,
    TaskStatus,
)
from fazhi.inspections.ledger import record_task
from fazhi.inspections.models import (
    Draw,
    DrawnObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    TaskDepartment,
)
from fazhi.inspections.rules import MIN_TEAM_SIZE, PUBLISH_RULE, TEAM_RULE
from fazhi.inspections.selectors.tasks import task_parts
from fazhi.inspections.services.plans import (
    RATIO_FIELDS,
    clean_date,
    clean_items,
    clean_ratios,
    clean_text,
    not_in_future,
    ratio_payload,
)
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation
from fazhi.powers.models import PowerItem
from fazhi.records.enums import Action

NUMBER_KIND = "inspection_task"
MAX_TEAM_SIZE = 20
MAX_EXCLUSION_MONTHS = 120
YEARS = (2000, 2100)
TASK_FIELDS = ("title", "start_on", "end_on", "departments", "plan", "object_kinds", "industries", "entity_types",
               "jurisdiction_codes", "risk_grades", "ratios", "team_size", "exclusion_months", "description")


# --- validation of a task's settings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    organisation: Organisation
    body: EnforcementBody
    category: EnforcementCategory
    items: tuple[PowerItem, ...]

    def payload(self) -> dict:
        return {"organisation": self.organisation.name, "organisation_id": str(self.organisation.public_id),
                "body": self.body.name, "category": self.category.code, "items": [i.code for i in self.items]}


@dataclass(frozen=True)
class Spec:
    title: str
    start_on: dt.date
    end_on: dt.date
    parts: tuple[Part, ...]
    plan: InspectionPlan | None
    object_kinds: list[str]
    industries: list[str]
    entity_types: list[str]
    jurisdiction_codes: list[str]
    risk_grades: list[str]
    ratios: dict
    team_size: int
    exclusion_months: int
    description: str

    def payload(self) -> dict:
        return {
            "title": self.title, "start_on": self.start_on, "end_on": self.end_on,
            "departments": [p.payload() for p in self.parts],
            "plan": (f"{self.plan.organisation.name}{self.plan.year}年度 {self.plan.title}" if self.plan else None),
            "filters": {"object_kinds": self.object_kinds, "industries": self.industries,
                        "entity_types": self.entity_types, "jurisdiction_codes": self.jurisdiction_codes,
                        "risk_grades": self.risk_grades},
            "ratios": ratio_payload(self.ratios), "team_size": self.team_size,
            "exclusion_months": self.exclusion_months, "description": self.description,
        }


def _int_in(value, *, low: int, high: int, field: str, message: str, rule: str | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise DomainError(f"bad_{field}", message, field=field, rule=rule)
    return value


def _team_size(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise DomainError("bad_team_size", "每个部门检查人员数应为整数", field="team_size", rule=TEAM_RULE)
    if value < MIN_TEAM_SIZE:
        raise DomainError("team_too_small",
                          f"每个部门的检查人员不得少于{MIN_TEAM_SIZE}人(现为{value}人):随机抽查须由两名以上执法人员实施",
                          field="team_size", rule=TEAM_RULE)
    if value > MAX_TEAM_SIZE:
        raise DomainError("team_too_large", f"每个部门的检查人员不超过{MAX_TEAM_SIZE}人(现为{value}人)",
                          field="team_size", rule=TEAM_RULE)
    return value


def _choices(values, enum, *, field: str, label: str) -> list[str]:
    allowed = {str(v) for v in enum.values}
    out = set()
    for value in values or ():
        value = str(getattr(value, "value", value)).strip()
        if value not in allowed:
            raise DomainError(f"bad_{field}", f"未知的{label}“{value}”", field=field)
        out.add(value)
    return sorted(out)


def _strings(values, *, field: str, label: str, max_length: int = 50) -> list[str]:
    if isinstance(values, str):
        values = [values]
    out = set()
    for value in values or ():
        text = str(value or "").strip()
        if not text:
            continue
        if len(text) > max_length:
            raise DomainError(f"bad_{field}", f"{label}“{text[:20]}…”超过{max_length}个字", field=field)
        out.add(text)
    return sorted(out)


def _jurisdiction_codes(values) -> list[str]:
    codes = _strings(values, field="jurisdiction_codes", label="辖区代码", max_length=12)
    known = set(Jurisdiction.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [c for c in codes if c not in known]
    if missing:
        raise DomainError("unknown_jurisdiction", f"未知的辖区代码:{'、'.join(missing)}", field="jurisdiction_codes")
    return codes


def _body_for(organisation: Organisation, category: EnforcementCategory) -> EnforcementBody:
    body = (EnforcementBody.objects.filter(organisation=organisation, status=BodyStatus.ACTIVE,
                                           categories=category).order_by("pk").first())
    if body is None:
        raise DomainError("no_body_for_category",
                          f"{organisation.name}没有持有“{category.name}”执法类别的有效执法主体,不能参与该类别的抽查",
                          field="departments")
    return body


def _parts(departments, lead_organisation: Organisation) -> tuple[Part, ...]:
    departments = list(departments or [])
    if not departments:
        raise DomainError("departments_required", "请至少填写一个参与部门(牵头部门)", field="departments")
    parts: list[Part] = []
    seen: set[int] = set()
    for index, dept in enumerate(departments):
        organisation = dept.get("organisation") if isinstance(dept, dict) else None
        category = dept.get("category") if isinstance(dept, dict) else None
        if not isinstance(organisation, Organisation) or not isinstance(category, EnforcementCategory):
            raise DomainError("bad_department", f"第{index + 1}个参与部门须填写部门和执法类别", field="departments")
        if index == 0 and organisation.pk != lead_organisation.pk:
            raise DomainError("lead_not_first",
                              f"牵头部门{lead_organisation.name}须列为第一个参与部门(现为{organisation.name})",
                              field="departments")
        if organisation.pk in seen:
            raise DomainError("department_twice", f"{organisation.name}重复列入参与部门,每个部门只能参与一次",
                              field="departments")
        seen.add(organisation.pk)
        body = _body_for(organisation, category)
        items = clean_items(organisation, dept.get("items"), field="departments", who=organisation.name)
        # one result per object and item: an item two departments share is checked by one of them in a joint visit
        shared = [i for i in items for p in parts if i in p.items]
        if shared:
            raise DomainError("item_twice",
                              f"事项“{shared[0].name}”已列入{next(p for p in parts if shared[0] in p.items).organisation.name}"
                              f"的抽查事项,联合抽查中同一事项只由一个部门检查", field="departments")
        parts.append(Part(organisation=organisation, body=body, category=category, items=tuple(items)))
    return tuple(parts)


def _plan(plan, lead_organisation: Organisation, year: int, lead_items) -> InspectionPlan | None:
    if plan is None:
        return None
    if plan.organisation_id != lead_organisation.pk:
        raise DomainError("plan_of_other_department", f"“{plan.title}”不是{lead_organisation.name}的年度抽查计划",
                          field="plan")
    if plan.year != year:
        raise DomainError("plan_of_other_year", f"“{plan.title}”是{plan.year}年度计划,任务在{year}年开始", field="plan")
    if plan.status != PlanStatus.ACKNOWLEDGED:
        raise DomainError("plan_not_acknowledged", f"年度抽查计划“{plan.title}”尚未备案,不能据以开展抽查任务",
                          field="plan")
    planned = set(plan.items.values_list("pk", flat=True))
    outside = [i for i in lead_items if i.pk not in planned]
    if outside:
        raise DomainError("item_not_in_plan", "抽查事项不在年度抽查计划中:" + "、".join(i.name for i in outside),
                          field="departments")
    return plan


def _spec(*, lead_organisation: Organisation, title, start_on, end_on, departments, plan, object_kinds, industries,
          entity_types, jurisdiction_codes, risk_grades, ratios, base_ratios: dict, team_size, exclusion_months,
          description) -> Spec:
    """Every check of a task's settings, in the order a form is read; nothing is written."""
    title = clean_text(title, field="title", label="任务名称", max_length=200)
    start_on = clean_date(start_on, field="start_on", label="检查开始日期")
    end_on = clean_date(end_on, field="end_on", label="检查结束日期")
    if not YEARS[0] <= start_on.year <= YEARS[1]:
        raise DomainError("bad_start_on", f"检查开始日期应在{YEARS[0]}年至{YEARS[1]}年之间", field="start_on")
    if end_on < start_on:
        raise DomainError("end_before_start",
                          f"检查结束日期{end_on:%Y-%m-%d}早于开始日期{start_on:%Y-%m-%d}", field="end_on")
    team_size = _team_size(team_size)
    ratios = clean_ratios(ratios, base=base_ratios)
    exclusion_months = _int_in(exclusion_months, low=0, high=MAX_EXCLUSION_MONTHS, field="exclusion_months",
                               message=f"近期已检查排除月数应为0至{MAX_EXCLUSION_MONTHS}之间的整数")
    parts = _parts(departments, lead_organisation)
    plan = _plan(plan, lead_organisation, start_on.year, parts[0].items)
    return Spec(
        title=title, start_on=start_on, end_on=end_on, parts=parts, plan=plan,
        object_kinds=_choices(object_kinds, ObjectKind, field="object_kinds", label="对象类别"),
        industries=_strings(industries, field="industries", label="行业"),
        entity_types=_strings(entity_types, field="entity_types", label="主体类型"),
        jurisdiction_codes=_jurisdiction_codes(jurisdiction_codes),
        risk_grades=_choices(risk_grades, RiskGrade, field="risk_grades", label="信用风险分类"),
        ratios=ratios, team_size=team_size, exclusion_months=exclusion_months,
        description=clean_text(description, field="description", label="任务说明", max_length=20_000,
                               required=False),
    )


def _apply(task: InspectionTask, spec: Spec) -> None:
    task.title, task.start_on, task.end_on, task.plan = spec.title, spec.start_on, spec.end_on, spec.plan
    task.kind = TaskKind.JOINT if len(spec.parts) > 1 else TaskKind.SINGLE
    task.object_kinds, task.industries, task.entity_types = spec.object_kinds, spec.industries, spec.entity_types
    task.jurisdiction_codes, task.risk_grades = spec.jurisdiction_codes, spec.risk_grades
    task.team_size, task.exclusion_months, task.description = spec.team_size, spec.exclusion_months, spec.description
    for grade, value in spec.ratios.items():
        setattr(task, RATIO_FIELDS[grade], value)


def _write_parts(task: InspectionTask, parts: tuple[Part, ...]) -> None:
    for index, part in enumerate(parts):
        row = TaskDepartment.objects.create(task=task, organisation=part.organisation, body=part.body,
                                            category=part.category, is_lead=index == 0)
        row.items.set(part.items)


def _default_ratios(plan) -> dict:
    if plan is not None and isinstance(plan, InspectionPlan):
        return plan.ratios()
    return InspectionTask().ratios()


def _locked(task: InspectionTask) -> InspectionTask:
    return InspectionTask.objects.select_for_update().select_related("lead_organisation").get(pk=task.pk)


def _status(task: InspectionTask, allowed, what: str) -> None:
    if task.status not in allowed:
        raise DomainError("invalid_status", f"抽查任务当前状态为“{task.get_status_display()}”,不能{what}",
                          field="status")


def _sync(task: InspectionTask, saved: InspectionTask) -> None:
    """Bring the caller's instance up to date with what was saved."""
    if task is not saved:
        task.refresh_from_db()


# --- create and change ----------------------------------------------------------------------------------------------


@transaction.atomic
def task_create(*, by, title: str, lead_organisation: Organisation, start_on: dt.date, end_on: dt.date,
                departments: list[dict], plan: InspectionPlan | None = None, object_kinds=(), industries=(),
                entity_types=(), jurisdiction_codes=(), risk_grades=(), ratios=None, team_size: int = 2,
                exclusion_months: int = 12, description: str = "") -> InspectionTask:
    """Create a task (draft, waiting for its draw), numbered in the lead department's sequence of the start year.

    `departments`: [{"organisation", "category", "items"}], the lead first; two or more make a joint task. Ratios
    default to the plan's (or the standard ones) and are each 0–100% (GB58-RATIO); team_size ≥ 2 (GB58-TEAM)."""
    access.check_may_plan(by, lead_organisation.pk)
    spec = _spec(lead_organisation=lead_organisation, title=title, start_on=start_on, end_on=end_on,
                 departments=departments, plan=plan, object_kinds=object_kinds, industries=industries,
                 entity_types=entity_types, jurisdiction_codes=jurisdiction_codes, risk_grades=risk_grades,
                 ratios=ratios, base_ratios=_default_ratios(plan), team_size=team_size,
                 exclusion_months=exclusion_months, description=description)
    year = spec.start_on.year
    issued = number_next(scope=str(lead_organisation.public_id), kind=NUMBER_KIND, year=year)
    task = InspectionTask(number=issued.text, lead_organisation=lead_organisation, year=year, created_by=by)
    _apply(task, spec)
    task.save()
    _write_parts(task, spec.parts)
    record_task(task, by=by, action=Action.INSPECTION_TASK_CREATED, payload={
        "number": task.number, "kind": task.kind, "lead_organisation": lead_organisation.name, **spec.payload()})
    return task


def _current_spec_args(task: InspectionTask) -> dict:
    parts = task_parts(task)
    return {
        "title": task.title, "start_on": task.start_on, "end_on": task.end_on, "plan": task.plan,
        "departments": [{"organisation": p.organisation, "category": p.category,
                         "items": sorted(p.items.all(), key=lambda i: i.code)} for p in parts],
        "object_kinds": task.object_kinds, "industries": task.industries, "entity_types": task.entity_types,
        "jurisdiction_codes": task.jurisdiction_codes, "risk_grades": task.risk_grades, "ratios": None,
        "team_size": task.team_size, "exclusion_months": task.exclusion_months, "description": task.description,
    }


def _spec_of(task: InspectionTask, args: dict) -> Spec:
    """The task's settings as stored (not re-checked: an item withdrawn since must not block reading them)."""
    parts = tuple(Part(organisation=p.organisation, body=p.body, category=p.category, items=tuple(p.items.all()))
                  for p in task_parts(task))
    return Spec(parts=parts, ratios=task.ratios(), **{k: v for k, v in args.items()
                                                       if k not in ("departments", "ratios")})


@transaction.atomic
def task_update(*, by, task: InspectionTask, **changes) -> InspectionTask:
    """Change a task before its draw (status DRAFT): any of TASK_FIELDS, checked as at creation. The lead department
    and the year of the number stay; a change that changes nothing is refused; the entry records old → new."""
    unknown = sorted(set(changes) - set(TASK_FIELDS))
    if unknown:
        raise DomainError("unknown_field", f"不能修改的字段:{'、'.join(unknown)}", field=unknown[0])
    saved = _locked(task)
    access.check_may_plan(by, saved.lead_organisation_id)
    _status(saved, {TaskStatus.DRAFT}, "修改(抽取后任务内容不能再修改)")
    current = _current_spec_args(saved)
    before = _spec_of(saved, current)
    merged = {**current, **changes}
    after = _spec(lead_organisation=saved.lead_organisation, base_ratios=saved.ratios(), **merged)
    if after.start_on.year != saved.year:
        raise DomainError("year_changed", f"任务编号{saved.number}为{saved.year}年度编号,检查开始日期不能改到其他年度",
                          field="start_on")
    old, new = before.payload(), after.payload()
    changed = {k: {"old": old[k], "new": new[k]} for k in new if old[k] != new[k]}
    if not changed:
        raise DomainError("no_change", "没有任何修改")
    _apply(saved, after)
    saved.save()
    if "departments" in changed:
        saved.departments.all().delete()
        _write_parts(saved, after.parts)
    record_task(saved, by=by, action=Action.INSPECTION_TASK_CHANGED,
                payload={"number": saved.number, "changes": changed})
    _sync(task, saved)
    return saved


# --- the list of drawn objects and the notices ------------------------------------------------------------------


def _current_drawn(task: InspectionTask):
    # the draw's JSON (inspector pool, strata) is large and not needed here
    return DrawnObject.objects.filter(task=task, is_current=True).select_related("object", "draw") \
        .defer("draw__inspector_pool", "draw__strata").order_by("draw__seq", "position")


def _list_digest(drawn) -> str:
    """SHA-256 of the published list as lines "<draw seq>\t<position>\t<uscc>\t<name>" (UTF-8): a list of tens of
    thousands of objects is recorded by its digest, not copied into the entry."""
    text = "".join(f"{d.draw.seq}\t{d.position}\t{d.object.uscc}\t{d.object.name}\n" for d in drawn)
    return hashlib.sha256(text.encode()).hexdigest()


def _last_draw_day(task: InspectionTask) -> dt.date | None:
    draw = Draw.objects.filter(task=task).order_by("-seq").first()
    return timezone.localtime(draw.drawn_at).date() if draw else None


@transaction.atomic
def drawn_list_publish(*, by, task: InspectionTask, published_on: dt.date) -> InspectionTask:
    """Publish the list of the task's current drawn objects (抽查名单公示). After a redraw or an addition the list may
    be published again, on a later day. The entry lists the objects published."""
    saved = _locked(task)
    access.check_may_plan(by, saved.lead_organisation_id)
    _status(saved, {TaskStatus.DRAWN, TaskStatus.ENDED, TaskStatus.PUBLISHED}, "公示抽查名单(尚未随机抽取)")
    published_on = not_in_future(clean_date(published_on, field="published_on", label="公示日期"),
                                 field="published_on", label="公示日期")
    drawn_day = _last_draw_day(saved)
    if drawn_day and published_on < drawn_day:
        raise DomainError("published_before_draw", f"公示日期不能早于抽取日期{zh_date(drawn_day)}",
                          field="published_on")
    previous = saved.drawn_list_published_on
    if previous and published_on <= previous:
        raise DomainError("already_published", f"抽查名单已于{zh_date(previous)}公示;重新公示的日期须晚于该日",
                          field="published_on")
    drawn = list(_current_drawn(saved))
    if not drawn:
        raise DomainError("nothing_drawn", "本任务没有有效的抽中对象,无需公示")
    saved.drawn_list_published_on = published_on
    saved.save(update_fields=["drawn_list_published_on", "updated_at"])
    record_task(saved, by=by, action=Action.INSPECTION_DRAWN_LIST_PUBLISHED, payload={
        "number": saved.number, "published_on": published_on, "previous_published_on": previous,
        "count": len(drawn), "list_digest": _list_digest(drawn)})
    _sync(task, saved)
    return saved


def _check_may_notify(by, task: InspectionTask) -> None:
    """Notices are sent by the staff of any department taking part (the lead's, usually)."""
    try:
        access.check_may_record(by, task.lead_organisation_id)
    except DomainError:
        org_id = getattr(by, "organisation_id", None)
        if org_id is None or org_id not in set(task.departments.values_list("organisation_id", flat=True)):
            raise
        access.check_may_record(by, org_id)


@transaction.atomic
def notices_send(*, by, task: InspectionTask, sent_on: dt.date, drawn_objects=None) -> int:
    """Record that the inspection notice (检查通知书, fazhi.inspections.documents) was sent on `sent_on` to the current
    drawn objects not yet notified — all of them, or those given. One entry lists them. Returns how many."""
    saved = _locked(task)
    _check_may_notify(by, saved)
    _status(saved, {TaskStatus.DRAWN}, "发送检查通知")
    sent_on = not_in_future(clean_date(sent_on, field="sent_on", label="通知日期"), field="sent_on", label="通知日期")
    drawn_day = _last_draw_day(saved)
    if drawn_day and sent_on < drawn_day:
        raise DomainError("notice_before_draw", f"通知日期不能早于抽取日期{zh_date(drawn_day)}", field="sent_on")
    current = _current_drawn(saved)
    if drawn_objects is not None:
        wanted = {d.pk for d in drawn_objects}
        rows = list(current.filter(pk__in=wanted))
        if len(rows) != len(wanted):
            raise DomainError("not_current_drawn", "所选对象不是本任务当前有效的抽中对象", field="drawn_objects")
    else:
        rows = list(current)
    rows = [d for d in rows if d.notice_sent_on is None]
    if not rows:
        raise DomainError("nothing_to_notify", "所选对象均已通知,没有需要发送检查通知的对象", field="drawn_objects")
    DrawnObject.objects.filter(pk__in=[d.pk for d in rows]).update(notice_sent_on=sent_on,
                                                                    updated_at=timezone.now())
    record_task(saved, by=by, action=Action.INSPECTION_NOTICE_SENT, payload={
        "number": saved.number, "sent_on": sent_on, "count": len(rows), "uscc": [d.object.uscc for d in rows]})
    return len(rows)


# --- end and publication ----------------------------------------------------------------------------------------


def missing_results(task: InspectionTask) -> tuple[int, int]:
    """(items without a result, drawn objects concerned) over every current drawn object and every item of every
    department of the task."""
    item_ids = list(TaskDepartment.items.through.objects.filter(taskdepartment__task=task)
                    .values_list("poweritem_id", flat=True))
    drawn_ids = list(DrawnObject.objects.filter(task=task, is_current=True).values_list("pk", flat=True))
    if not drawn_ids:
        return 0, 0
    have: dict[int, set[int]] = {}
    for drawn_id, item_id in InspectionResult.objects.filter(drawn_object_id__in=drawn_ids) \
            .values_list("drawn_object_id", "power_item_id"):
        have.setdefault(drawn_id, set()).add(item_id)
    missing = objects = 0
    for drawn_id in drawn_ids:
        lacking = len(set(item_ids) - have.get(drawn_id, set()))
        missing += lacking
        objects += lacking > 0
    return missing, objects


def _check_complete(task: InspectionTask, what: str) -> None:
    if not DrawnObject.objects.filter(task=task, is_current=True).exists():
        raise DomainError("nothing_drawn", f"本任务没有有效的抽中对象,不能{what}")
    missing, objects = missing_results(task)
    if missing:
        raise DomainError("results_missing",
                          f"尚有{missing}项检查结果未录入(涉及{objects}个抽中对象),不能{what};"
                          "无法联系或不配合的对象也须录入相应的检查结果")


def _due(ended_on: dt.date):
    """(Due or None, reason when None)."""
    try:
        return deadline(PUBLISH_RULE, ended_on), ""
    except CalendarDataMissing as exc:
        return None, exc.display


@transaction.atomic
def task_end(*, by, task: InspectionTask, ended_on: dt.date) -> InspectionTask:
    """End the inspection (DRAWN → ENDED) once every current drawn object has a result for every item (results are
    recorded while the task is DRAWN only). Stores the INSPECTION-PUBLISH date (20 WD), or None with the CAL-YEAR
    reason in the entry when the year it runs into has no holiday schedule."""
    saved = _locked(task)
    access.check_may_plan(by, saved.lead_organisation_id)
    _status(saved, {TaskStatus.DRAWN}, "结束检查")
    ended_on = not_in_future(clean_date(ended_on, field="ended_on", label="检查结束日期"), field="ended_on",
                             label="检查结束日期")
    if ended_on < saved.start_on:
        raise DomainError("ended_before_start", f"检查结束日期{ended_on:%Y-%m-%d}早于任务开始日期{saved.start_on:%Y-%m-%d}",
                          field="ended_on")
    last = (InspectionResult.objects.filter(drawn_object__task=saved, drawn_object__is_current=True)
            .order_by("-inspected_on").values_list("inspected_on", flat=True).first())
    if last and ended_on < last:
        raise DomainError("ended_before_inspection", f"检查结束日期不能早于最后一次检查日期{zh_date(last)}",
                          field="ended_on")
    _check_complete(saved, "结束检查")
    due, reason = _due(ended_on)
    saved.status, saved.ended_on = TaskStatus.ENDED, ended_on
    saved.publish_due = due.due if due else None
    saved.save(update_fields=["status", "ended_on", "publish_due", "updated_at"])
    record_task(saved, by=by, action=Action.INSPECTION_TASK_ENDED, payload={
        "number": saved.number, "from": TaskStatus.DRAWN, "to": TaskStatus.ENDED, "ended_on": ended_on,
        "rule": PUBLISH_RULE, "publish_due": due.due if due else None, "trace": due.trace if due else "",
        "publish_due_reason": reason})
    _sync(task, saved)
    return saved


@transaction.atomic
def results_publish(*, by, task: InspectionTask, published_on: dt.date) -> InspectionTask:
    """Publish the results (ENDED → PUBLISHED). Every current drawn object must have a result for every item of
    every department. `publication_late` = published after the INSPECTION-PUBLISH date (a date that still cannot be
    computed — CAL-YEAR — is not counted late; the entry says why)."""
    saved = _locked(task)
    access.check_may_plan(by, saved.lead_organisation_id)
    _status(saved, {TaskStatus.ENDED}, "公示检查结果")
    published_on = not_in_future(clean_date(published_on, field="published_on", label="公示日期"),
                                 field="published_on", label="公示日期")
    if published_on < saved.ended_on:
        raise DomainError("published_before_end", f"公示日期不能早于检查结束日期{zh_date(saved.ended_on)}",
                          field="published_on")
    _check_complete(saved, "公示检查结果")
    due, reason = _due(saved.ended_on)
    due_on = due.due if due else saved.publish_due
    late = bool(due_on and published_on > due_on)
    results = InspectionResult.objects.filter(drawn_object__task=saved, drawn_object__is_current=True)
    counts = {
        "objects": DrawnObject.objects.filter(task=saved, is_current=True).count(),
        "results": results.count(),
        "problems": results.filter(outcome__in=[str(o) for o in PROBLEM_OUTCOMES]).count(),
        "referred": results.filter(outcome=ResultOutcome.REFERRED).count(),
        "inspected": DrawnObject.objects.filter(task=saved, is_current=True, status=DrawnStatus.INSPECTED).count(),
    }
    saved.status, saved.published_on, saved.publication_late = TaskStatus.PUBLISHED, published_on, late
    saved.publish_due = due_on
    saved.save(update_fields=["status", "published_on", "publication_late", "publish_due", "updated_at"])
    record_task(saved, by=by, action=Action.INSPECTION_RESULTS_PUBLISHED, payload={
        "number": saved.number, "from": TaskStatus.ENDED, "to": TaskStatus.PUBLISHED, "published_on": published_on,
        "rule": PUBLISH_RULE, "publish_due": due_on, "late": late,
        "late_days": (published_on - due_on).days if late else 0, "publish_due_reason": "" if due_on else reason,
        **counts})
    _sync(task, saved)
    return saved


def tasks_refresh_due() -> int:
    """Keep the INSPECTION-PUBLISH date of ended tasks equal to what the calendar now gives: fill in a date that could
    not be computed (CAL-YEAR) once the year has been entered, and follow a corrected holiday schedule. Run by the
    nightly warnings scan. Derived data, not an act: nothing is recorded. Returns how many dates changed."""
    changed = 0
    for task in InspectionTask.objects.filter(status=TaskStatus.ENDED, ended_on__isnull=False) \
            .only("pk", "ended_on", "publish_due").iterator(chunk_size=500):
        due, _reason = _due(task.ended_on)
        if due is not None and due.due != task.publish_due:
            task.publish_due = due.due
            task.save(update_fields=["publish_due", "updated_at"])
            changed += 1
    return changed

"""What the public may read of random inspection (双随机一公开, rules.md §7): the "one public".

Every public field is named in the frozen dataclasses below (DESIGN.md mechanism 1); a field added to the models
later reaches no public page or open data unless it is added here. Nothing is public before it is published:

* an annual plan once the office has acknowledged it (status ACKNOWLEDGED);
* a task once its list of drawn objects is published (`drawn_list_published_on`) or its results are (PUBLISHED);
  a task in neither state does not exist for the public (404);
* the drawn objects of a public task, with the inspectors drawn for each (name and certificate number only — the
  same two facts /public/bodies/ shows of every certified officer);
* the results of a task once its results are published: outcome and date per object and item, with the
  inspectors; never the findings' text, the photos, the case opened or who entered it;
* the draws of a public task: everything an auditor needs to replay them (the seed, the algorithm, the digests, the
  strata, the witnesses, the reason of a redraw or an addition, the pool snapshot and the draw's JSON — the file
  scripts/replay_draw.py reads, fazhi.inspections.replay.draw_public_json) and the ledger entry that recorded it,
  checked against the published ledger heads like a published decision (fazhi.disclosure.decisions).

Conflicts of interest appear only as the certificate numbers a draw had to leave out for an object (the replay
needs them); their reasons never do. Exclusions are shown as counts per reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from fazhi.enforcement.enums import zh
from fazhi.inspections.enums import DrawKind, ExclusionReason, PlanStatus, ResultOutcome, TaskKind, TaskStatus
from fazhi.inspections.models import (
    Draw,
    DrawExclusion,
    DrawnObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    TaskDepartment,
    TeamMember,
)
from fazhi.orgs.models import Organisation
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger, LedgerHeadPublication
from fazhi.records.selectors import ROW_FIELDS, chain_to_head, row_recomputed_hash

DRAW_ACTIONS = frozenset({Action.INSPECTION_DRAWN, Action.INSPECTION_REDRAWN, Action.INSPECTION_OBJECT_ADDED})
# The draw's recorded values the ledger entry must repeat (the first four are what a replay rests on).
DRAW_CHECKED_FIELDS = ("seed", "pool_digest", "inspector_pool_digest", "result_digest", "algorithm", "pool_size",
                       "objects_drawn")
ESSENTIAL_FIELDS = frozenset({"seed", "pool_digest", "inspector_pool_digest", "result_digest"})

# --- public shapes -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicItem:
    """An inspection item (随机抽查事项) by its code and name; the portal's item list has the rest."""

    public_id: str
    code: str
    name: str


@dataclass(frozen=True)
class PublicInspector:
    name: str
    certificate_number: str


@dataclass(frozen=True)
class PublicPlan:
    public_id: str
    organisation: str
    year: int
    title: str
    frequency: str
    planned_tasks: int
    ratios: tuple[tuple[str, str], ...]  # (grade, percent)
    items: tuple[PublicItem, ...]
    acknowledged_on: dt.date | None


@dataclass(frozen=True)
class PublicTaskSummary:
    public_id: str
    number: str
    title: str
    kind: str
    kind_label: str
    lead_organisation: str
    departments: tuple[str, ...]
    year: int
    start_on: dt.date
    end_on: dt.date
    status: str
    status_label: str
    drawn_list_published_on: dt.date | None
    published_on: dt.date | None


@dataclass(frozen=True)
class PublicTaskPart:
    """One department's part in a task."""

    organisation: str
    body: str
    category: str
    is_lead: bool
    items: tuple[PublicItem, ...]


@dataclass(frozen=True)
class PublicTask:
    public_id: str
    number: str
    title: str
    kind: str
    kind_label: str
    lead_organisation: str
    year: int
    start_on: dt.date
    end_on: dt.date
    status: str
    status_label: str
    parts: tuple[PublicTaskPart, ...]
    object_kinds: tuple[str, ...]  # Chinese labels; empty: any
    industries: tuple[str, ...]
    entity_types: tuple[str, ...]
    jurisdictions: tuple[str, ...]  # names (codes when unknown)
    risk_grades: tuple[str, ...]
    ratios: tuple[tuple[str, str], ...]  # (grade, percent)
    team_size: int
    exclusion_months: int
    drawn_list_published_on: dt.date | None
    ended_on: dt.date | None
    publish_due: dt.date | None
    published_on: dt.date | None
    publication_late: bool
    results_public: bool
    drawn_list_public: bool


@dataclass(frozen=True)
class PublicTeam:
    organisation: str
    inspectors: tuple[PublicInspector, ...]


@dataclass(frozen=True)
class PublicItemResult:
    """The published result of one item on a drawn object (shown with the object on the task's page)."""

    organisation: str
    item_code: str
    item_name: str
    outcome: str
    outcome_label: str
    inspected_on: dt.date


@dataclass(frozen=True)
class PublicDrawnObject:
    position: int
    name: str
    uscc: str
    risk_grade: str
    draw_seq: int
    draw_kind_label: str
    is_current: bool
    superseded_by_seq: int | None
    teams: tuple[PublicTeam, ...]
    results: tuple[PublicItemResult, ...]  # empty until the task's results are published


@dataclass(frozen=True)
class PublicResult:
    public_id: str
    task_public_id: str
    task_number: str
    task_title: str
    object_name: str
    uscc: str
    organisation: str  # the department that inspected the item
    item_code: str
    item_name: str
    outcome: str
    outcome_label: str
    inspected_on: dt.date
    inspectors: tuple[PublicInspector, ...]
    published_on: dt.date | None


@dataclass(frozen=True)
class PublicDrawSummary:
    public_id: str
    seq: int
    kind: str
    kind_label: str
    reason: str
    drawn_at: dt.datetime
    objects_drawn: int


@dataclass(frozen=True)
class PublicExclusionCount:
    reason: str
    reason_label: str
    objects: int
    inspectors: int


@dataclass(frozen=True)
class PublicDraw:
    """One draw: what anyone needs to replay it with scripts/replay_draw.py and to check it against the ledger."""

    public_id: str
    task_public_id: str
    task_number: str
    task_title: str
    seq: int
    kind: str
    kind_label: str
    reason: str
    seed: str
    algorithm: str
    pool_size: int
    pool_digest: str
    inspector_pool_digest: str
    result_digest: str
    strata: dict
    objects_drawn: int
    objects_excluded: int
    inspectors_excluded: int
    exclusions: tuple[PublicExclusionCount, ...]
    witnesses: tuple[str, ...]
    drawn_at: dt.datetime
    ledger_key: str
    entry_seq: int | None
    has_snapshot: bool


@dataclass(frozen=True)
class PublicDepartment:
    public_id: str
    name: str


@dataclass(frozen=True)
class DrawVerification:
    """The result of checking a draw against the entry that recorded it and the published ledger heads."""

    ledger_key: str
    entry_seq: int | None
    entry_found: bool
    entry_action_ok: bool  # the entry records a draw (随机抽取 / 重新抽取 / 人工增补) of this draw
    entry_hash: str
    entry_hash_ok: bool  # the entry's stored hash recomputes from its content and its predecessor's hash
    compared: tuple[tuple[str, str, str, bool], ...]  # (field, shown value, recorded value, equal)
    snapshot_sha256: str  # SHA-256 of the decompressed snapshot ("" when the file is missing)
    snapshot_ok: bool
    head_date: dt.date | None
    head_seq: int | None
    head_hash: str
    covered: bool
    chain_checked: int
    chain_break: str

    @property
    def fields_ok(self) -> bool:
        return bool(self.compared) and all(equal for *_rest, equal in self.compared)

    @property
    def ok(self) -> bool:
        return self.entry_action_ok and self.entry_hash_ok and self.fields_ok and self.snapshot_ok and self.covered


# --- what is public (querysets never leave this module: callers receive the dataclasses above) ---------------


def _public_tasks() -> QuerySet[InspectionTask]:
    return InspectionTask.objects.filter(Q(drawn_list_published_on__isnull=False) | Q(status=TaskStatus.PUBLISHED))


def _published_results() -> QuerySet[InspectionResult]:
    return InspectionResult.objects.filter(drawn_object__task__status=TaskStatus.PUBLISHED,
                                           drawn_object__is_current=True)


def _drawn_list_public(task: InspectionTask) -> bool:
    return task.drawn_list_published_on is not None or task.status == TaskStatus.PUBLISHED


def _ratios(row) -> tuple[tuple[str, str], ...]:
    return tuple((grade, _percent(value)) for grade, value in row.ratios().items())


def _percent(value) -> str:
    text = format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)
    return text


def _item(item) -> PublicItem:
    return PublicItem(public_id=str(item.public_id), code=item.code, name=item.name)


def _uuid(value) -> uuid.UUID | None:
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        return uuid.UUID(str(value))
    return None


def _year(value) -> int | None:
    with contextlib.suppress(ValueError, TypeError):
        year = int(value)
        if 2000 <= year <= 2100:
            return year
    return None


# --- plans -------------------------------------------------------------------------------------------------


def plan_list(*, filters: dict | None = None) -> QuerySet[InspectionPlan]:
    """Acknowledged annual plans, newest year first. Filters: department (public id), year."""
    filters = filters or {}
    qs = InspectionPlan.objects.filter(status=PlanStatus.ACKNOWLEDGED)
    department = _uuid(filters.get("department"))
    if filters.get("department"):
        qs = qs.filter(organisation__public_id=department) if department else qs.none()
    year = _year(filters.get("year"))
    if year:
        qs = qs.filter(year=year)
    return (qs.select_related("organisation")
            .prefetch_related(Prefetch("items", queryset=_items_qs()))
            .order_by("-year", "organisation__sort_order", "organisation__name", "pk"))


def _items_qs():
    from fazhi.powers.models import PowerItem

    return PowerItem.objects.only("public_id", "code", "name").order_by("code")


def public_plan(plan: InspectionPlan) -> PublicPlan:
    acknowledged = timezone.localdate(plan.acknowledged_at) if plan.acknowledged_at else None
    return PublicPlan(public_id=str(plan.public_id), organisation=plan.organisation.name, year=plan.year,
                      title=plan.title, frequency=plan.frequency, planned_tasks=plan.planned_tasks,
                      ratios=_ratios(plan), items=tuple(_item(i) for i in plan.items.all()),
                      acknowledged_on=acknowledged)


def public_plans(plans) -> list[PublicPlan]:
    return [public_plan(p) for p in plans]


# --- tasks -------------------------------------------------------------------------------------------------


def task_list(*, filters: dict | None = None) -> QuerySet[InspectionTask]:
    """Public tasks, newest first. Filters: q (part of the number or title), department (public id of an
    organisation taking part), year."""
    filters = filters or {}
    qs = _public_tasks()
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q))
    if filters.get("department"):
        department = _uuid(filters["department"])
        qs = (qs.filter(pk__in=TaskDepartment.objects.filter(organisation__public_id=department).values("task_id"))
              if department else qs.none())
    year = _year(filters.get("year"))
    if year:
        qs = qs.filter(year=year)
    return (qs.select_related("lead_organisation")
            .prefetch_related(Prefetch("departments", queryset=TaskDepartment.objects.select_related("organisation")))
            .order_by("-start_on", "-pk"))


def task_summary(task: InspectionTask) -> PublicTaskSummary:
    return PublicTaskSummary(
        public_id=str(task.public_id), number=task.number, title=task.title, kind=task.kind,
        kind_label=zh(TaskKind(task.kind).label), lead_organisation=task.lead_organisation.name,
        departments=tuple(p.organisation.name for p in task.departments.all()), year=task.year,
        start_on=task.start_on, end_on=task.end_on, status=task.status,
        status_label=zh(TaskStatus(task.status).label), drawn_list_published_on=task.drawn_list_published_on,
        published_on=task.published_on)


def task_summaries(tasks) -> list[PublicTaskSummary]:
    return [task_summary(t) for t in tasks]


def task_lookup(key: str) -> InspectionTask | None:
    """A public task by its public id or its exact number; None when there is none or it is not public yet."""
    key = (key or "").strip()
    if not key:
        return None
    query = Q(number=key)
    public_id = _uuid(key)
    if public_id:
        query |= Q(public_id=public_id)
    return _public_tasks().filter(query).select_related("lead_organisation").first()


def _jurisdiction_names(codes) -> tuple[str, ...]:
    from fazhi.orgs.models import Jurisdiction

    names = dict(Jurisdiction.objects.filter(code__in=list(codes)).values_list("code", "name"))
    return tuple(names.get(code, code) for code in codes)


def _labels(enum, values) -> tuple[str, ...]:
    labels = {value: zh(label) for value, label in enum.choices}
    return tuple(labels.get(v, v) for v in values)


def public_task(task: InspectionTask) -> PublicTask:
    from fazhi.inspections.enums import ObjectKind, RiskGrade

    parts = (task.departments.select_related("organisation", "body", "category")
             .prefetch_related(Prefetch("items", queryset=_items_qs())))
    return PublicTask(
        public_id=str(task.public_id), number=task.number, title=task.title, kind=task.kind,
        kind_label=zh(TaskKind(task.kind).label), lead_organisation=task.lead_organisation.name, year=task.year,
        start_on=task.start_on, end_on=task.end_on, status=task.status,
        status_label=zh(TaskStatus(task.status).label),
        parts=tuple(PublicTaskPart(organisation=p.organisation.name, body=p.body.name, category=p.category.name,
                                   is_lead=p.is_lead, items=tuple(_item(i) for i in p.items.all()))
                    for p in parts),
        object_kinds=_labels(ObjectKind, task.object_kinds or []), industries=tuple(task.industries or []),
        entity_types=tuple(task.entity_types or []), jurisdictions=_jurisdiction_names(task.jurisdiction_codes or []),
        risk_grades=_labels(RiskGrade, task.risk_grades or []), ratios=_ratios(task), team_size=task.team_size,
        exclusion_months=task.exclusion_months, drawn_list_published_on=task.drawn_list_published_on,
        ended_on=task.ended_on, publish_due=task.publish_due, published_on=task.published_on,
        publication_late=task.publication_late, results_public=task.status == TaskStatus.PUBLISHED,
        drawn_list_public=_drawn_list_public(task))


def _teams(drawn: DrawnObject, names: dict[int, str]) -> tuple[PublicTeam, ...]:
    by_org: dict[int, list[PublicInspector]] = {}
    for member in drawn.team.all():
        by_org.setdefault(member.organisation_id, []).append(
            PublicInspector(name=member.officer.name, certificate_number=member.certificate_number))
    return tuple(PublicTeam(organisation=names.get(org_id, ""), inspectors=tuple(people))
                 for org_id, people in by_org.items())


def _drawn_queryset() -> QuerySet[DrawnObject]:
    team = TeamMember.objects.select_related("officer").only(
        "drawn_object_id", "organisation_id", "certificate_number", "officer__name").order_by("id")
    return (DrawnObject.objects.select_related("object", "draw", "superseded_by")
            .prefetch_related(Prefetch("team", queryset=team)))


def _item_results(rows, task_published: set[int]) -> dict[int, tuple[PublicItemResult, ...]]:
    """{drawn object id: its published results} for the drawn objects of `rows` whose task is in
    `task_published` (the ids of tasks whose results are published)."""
    ids = [d.pk for d in rows if d.task_id in task_published and d.is_current]
    if not ids:
        return {}
    out: dict[int, list[PublicItemResult]] = {}
    for r in (InspectionResult.objects.filter(drawn_object_id__in=ids).select_related("organisation", "power_item")
              .order_by("drawn_object_id", "power_item__code", "pk")):
        out.setdefault(r.drawn_object_id, []).append(PublicItemResult(
            organisation=r.organisation.name, item_code=r.power_item.code, item_name=r.power_item.name,
            outcome=r.outcome, outcome_label=zh(ResultOutcome(r.outcome).label), inspected_on=r.inspected_on))
    return {k: tuple(v) for k, v in out.items()}


def public_drawn_objects(rows, task: InspectionTask) -> list[PublicDrawnObject]:
    """A page of `task_drawn_queryset` or `draw_drawn_queryset` as public rows: object, grade, teams and, once the
    task's results are published, the result of each item."""
    rows = list(rows)
    names = _organisation_names(task)
    results = _item_results(rows, {task.pk} if task.status == TaskStatus.PUBLISHED else set())
    return [PublicDrawnObject(
        position=d.position, name=d.object.name, uscc=d.object.uscc, risk_grade=d.risk_grade, draw_seq=d.draw.seq,
        draw_kind_label=zh(DrawKind(d.draw.kind).label), is_current=d.is_current,
        superseded_by_seq=d.superseded_by.seq if d.superseded_by_id else None, teams=_teams(d, names),
        results=results.get(d.pk, ()))
        for d in rows]


def _organisation_names(task: InspectionTask) -> dict[int, str]:
    return dict(Organisation.objects.filter(inspection_task_parts__task=task).values_list("pk", "name"))


def task_drawn_queryset(task: InspectionTask) -> QuerySet[DrawnObject]:
    """The current drawn objects of a task whose list is public, in draw order (none before)."""
    if not _drawn_list_public(task):
        return DrawnObject.objects.none()
    return _drawn_queryset().filter(task=task, is_current=True).order_by("position", "pk")


def task_draws(task: InspectionTask) -> list[PublicDrawSummary]:
    """Every draw of a public task (the first, redraws, additions), in order."""
    if not _drawn_list_public(task):
        return []
    return [PublicDrawSummary(public_id=str(d.public_id), seq=d.seq, kind=d.kind,
                              kind_label=zh(DrawKind(d.kind).label), reason=d.reason, drawn_at=d.drawn_at,
                              objects_drawn=d.objects_drawn)
            for d in task.draws.order_by("seq")]


# --- results -----------------------------------------------------------------------------------------------


def result_search(*, filters: dict | None = None) -> QuerySet[InspectionResult]:
    """Published results, newest publication first. Filters: q (part of the entity's name, or the start of its
    USCC), department (public id of the inspecting organisation), year (the task's year), task (public id)."""
    filters = filters or {}
    qs = _published_results()
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(drawn_object__object__name__icontains=q) | Q(drawn_object__object__uscc__startswith=q.upper()))
    if filters.get("department"):
        department = _uuid(filters["department"])
        qs = qs.filter(organisation__public_id=department) if department else qs.none()
    year = _year(filters.get("year"))
    if year:
        qs = qs.filter(drawn_object__task__year=year)
    if filters.get("task"):
        task = _uuid(filters["task"])
        qs = qs.filter(drawn_object__task__public_id=task) if task else qs.none()
    team = TeamMember.objects.only("drawn_object_id", "officer_id", "certificate_number")
    return (qs.select_related("drawn_object__task", "drawn_object__object", "organisation", "power_item")
            .prefetch_related(Prefetch("drawn_object__team", queryset=team),
                              Prefetch("inspectors", queryset=_officers_qs()))
            .order_by("-drawn_object__task__published_on", "-drawn_object__task_id", "drawn_object__position",
                      "power_item__code", "pk"))


def _officers_qs():
    from fazhi.personnel.models import Officer

    return Officer.objects.only("id", "name").order_by("name", "id")


def public_result(result: InspectionResult) -> PublicResult:
    drawn = result.drawn_object
    certificates = {m.officer_id: m.certificate_number for m in drawn.team.all()}
    return PublicResult(
        public_id=str(result.public_id), task_public_id=str(drawn.task.public_id), task_number=drawn.task.number,
        task_title=drawn.task.title, object_name=drawn.object.name, uscc=drawn.object.uscc,
        organisation=result.organisation.name, item_code=result.power_item.code, item_name=result.power_item.name,
        outcome=result.outcome, outcome_label=zh(ResultOutcome(result.outcome).label),
        inspected_on=result.inspected_on,
        inspectors=tuple(PublicInspector(name=o.name, certificate_number=certificates.get(o.pk, ""))
                         for o in result.inspectors.all()),
        published_on=drawn.task.published_on)


def public_results(results) -> list[PublicResult]:
    return [public_result(r) for r in results]


# --- menus -------------------------------------------------------------------------------------------------


def task_departments() -> list[PublicDepartment]:
    """Organisations taking part in at least one public task (the department filter's menu)."""
    rows = (Organisation.objects.filter(inspection_task_parts__task__in=_public_tasks()).distinct()
            .order_by("sort_order", "name").values_list("public_id", "name"))
    return [PublicDepartment(public_id=str(pk), name=name) for pk, name in rows]


def plan_departments() -> list[PublicDepartment]:
    rows = (Organisation.objects.filter(inspection_plans__status=PlanStatus.ACKNOWLEDGED).distinct()
            .order_by("sort_order", "name").values_list("public_id", "name"))
    return [PublicDepartment(public_id=str(pk), name=name) for pk, name in rows]


def result_departments() -> list[PublicDepartment]:
    rows = (Organisation.objects.filter(inspection_results__in=_published_results()).distinct()
            .order_by("sort_order", "name").values_list("public_id", "name"))
    return [PublicDepartment(public_id=str(pk), name=name) for pk, name in rows]


def task_years() -> list[int]:
    return sorted(set(_public_tasks().values_list("year", flat=True)), reverse=True)


def plan_years() -> list[int]:
    return sorted(set(InspectionPlan.objects.filter(status=PlanStatus.ACKNOWLEDGED)
                      .values_list("year", flat=True)), reverse=True)


# --- draws -------------------------------------------------------------------------------------------------


def draw_lookup(public_id) -> Draw | None:
    """A draw of a public task by its public id; None otherwise."""
    key = _uuid(public_id)
    if key is None:
        return None
    return (Draw.objects.filter(public_id=key, task__in=_public_tasks()).select_related("task").first())


def _exclusion_counts(draw: Draw) -> tuple[PublicExclusionCount, ...]:
    counts: dict[str, list[int]] = {}
    for reason, officer_id in DrawExclusion.objects.filter(draw=draw).values_list("reason", "officer_id"):
        row = counts.setdefault(reason, [0, 0])
        # an officer's row (a recusal names the object too) counts the officer; an object's row the object
        row[1 if officer_id else 0] += 1
    labels = {value: zh(label) for value, label in ExclusionReason.choices}
    return tuple(PublicExclusionCount(reason=reason, reason_label=labels.get(reason, reason), objects=o, inspectors=i)
                 for reason, (o, i) in sorted(counts.items()))


def public_draw(draw: Draw) -> PublicDraw:
    return PublicDraw(
        public_id=str(draw.public_id), task_public_id=str(draw.task.public_id), task_number=draw.task.number,
        task_title=draw.task.title, seq=draw.seq, kind=draw.kind, kind_label=zh(DrawKind(draw.kind).label),
        reason=draw.reason, seed=draw.seed, algorithm=draw.algorithm, pool_size=draw.pool_size,
        pool_digest=draw.pool_digest, inspector_pool_digest=draw.inspector_pool_digest,
        result_digest=draw.result_digest, strata=dict(draw.strata or {}), objects_drawn=draw.objects_drawn,
        objects_excluded=draw.objects_excluded, inspectors_excluded=draw.inspectors_excluded,
        exclusions=_exclusion_counts(draw), witnesses=tuple(str(w) for w in draw.witnesses or ()),
        drawn_at=draw.drawn_at, ledger_key=draw.ledger_key, entry_seq=draw.entry_seq,
        has_snapshot=bool(draw.pool_file))


def draw_drawn_queryset(draw: Draw) -> QuerySet[DrawnObject]:
    """The objects this draw drew, in its order (superseded ones included: public_drawn_objects marks them)."""
    return _drawn_queryset().filter(draw=draw).order_by("position", "pk")


@dataclass(frozen=True)
class PublicStratum:
    grade: str
    pool: str  # objects of the grade in the pool
    ratio: str  # percent
    drawn: str  # ceil(pool × ratio / 100)


def strata_rows(strata: dict) -> list[PublicStratum]:
    """The recorded strata ({grade: {"pool", "ratio", "drawn"}}, fazhi.inspections.draw.strata_for) as rows."""
    rows = []
    for grade, value in (strata or {}).items():
        value = value if isinstance(value, dict) else {}
        rows.append(PublicStratum(grade=str(grade), pool=str(value.get("pool", "—")),
                                  ratio=str(value.get("ratio", "—")), drawn=str(value.get("drawn", "—"))))
    return rows


def draw_json(draw: Draw) -> bytes:
    """The draw's public JSON, byte for byte what fazhi.inspections.replay.draw_public_json gives (the file
    scripts/replay_draw.py reads)."""
    from fazhi.inspections.replay import draw_public_json

    data = draw_public_json(draw)
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")


def draw_snapshot_name(draw: Draw) -> str:
    return f"draw-{draw.public_id}-pool.txt.gz"


def _snapshot_sha256(draw: Draw) -> str:
    if not draw.pool_file:
        return ""
    digest = hashlib.sha256()
    try:
        with draw.pool_file.open("rb") as handle, gzip.GzipFile(fileobj=handle) as text:
            for chunk in iter(lambda: text.read(1 << 20), b""):
                digest.update(chunk)
    except (OSError, EOFError, ValueError):
        return ""
    return digest.hexdigest()


def verify_draw(draw: Draw) -> DrawVerification:
    """Check a draw against the ledger entry that recorded it (action, recorded values, the entry's own hash) and
    the latest published head of that ledger; and the snapshot file against the recorded pool digest."""
    ledger = Ledger.objects.filter(key=draw.ledger_key).first() if draw.ledger_key else None
    entry = (Entry.objects.filter(ledger=ledger, seq=draw.entry_seq).values_list(*ROW_FIELDS).first()
             if ledger and draw.entry_seq is not None else None)
    entry_hash, entry_hash_ok, action_ok, compared = "", False, False, ()
    if entry is not None:
        payload = entry[7] or {}
        entry_hash = entry[2]
        entry_hash_ok = row_recomputed_hash(ledger.key, entry) == entry_hash
        action_ok = (entry[4] in DRAW_ACTIONS and entry[6] in (str(draw.public_id), str(draw.task.public_id))
                     and payload.get("draw", str(draw.public_id)) == str(draw.public_id))
        rows = []
        for name in DRAW_CHECKED_FIELDS:
            if name not in payload and name not in ESSENTIAL_FIELDS:
                continue
            shown, recorded = getattr(draw, name), payload.get(name)
            rows.append((name, str(shown), "" if recorded is None else str(recorded), str(shown) == str(recorded)))
        compared = tuple(rows)
    snapshot = _snapshot_sha256(draw)
    head = LedgerHeadPublication.objects.filter(ledger=ledger).order_by("-date").first() if ledger else None
    covered, checked, chain_break = False, 0, ""
    if entry is not None and head is not None:
        if draw.entry_seq > head.seq:
            chain_break = "该条目晚于最新公布的账本头,待下次公布后即可核验"
        else:
            checked, chain_break = chain_to_head(ledger, from_seq=draw.entry_seq, head=head)
            covered = not chain_break
    elif entry is None:
        chain_break = "账本中找不到该条目"
    else:
        chain_break = "该账本尚未公布账本头"
    return DrawVerification(
        ledger_key=draw.ledger_key, entry_seq=draw.entry_seq, entry_found=entry is not None,
        entry_action_ok=action_ok, entry_hash=entry_hash, entry_hash_ok=entry_hash_ok, compared=compared,
        snapshot_sha256=snapshot, snapshot_ok=bool(snapshot) and snapshot == draw.pool_digest,
        head_date=head.date if head else None, head_seq=head.seq if head else None,
        head_hash=head.hash if head else "", covered=covered, chain_checked=checked, chain_break=chain_break)

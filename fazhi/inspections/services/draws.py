"""The draw (随机抽取, rules.md §7): objects and inspectors drawn with a recorded seed over a recorded pool snapshot,
exclusions with their reasons, the result's digest in the lead department's ledger (docs/draw.md, ADR 0012).

Every service computes the whole draw in memory first — pools, exclusions, selection, teams — and refuses (a
DomainError) before anything is written: a refused draw leaves no row, no file, no entry. Only then is the snapshot
stored, the entry appended and the rows inserted, in one transaction.

A redraw or a manual addition is a new `Draw` with its own seed and reason; the first draw is never edited: a redraw
marks the rows it replaces superseded (`is_current=False`, `superseded_by`)."""

from __future__ import annotations

import bisect
import datetime as dt
import gzip
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core.deadlines import zh_date
from fazhi.core.errors import DomainError
from fazhi.enforcement.enums import zh
from fazhi.inspections import draw as algo
from fazhi.inspections import rules
from fazhi.inspections.access import check_may_plan
from fazhi.inspections.enums import DrawKind, DrawnStatus, ExclusionReason, RiskGrade, TaskStatus
from fazhi.inspections.ledger import SUBJECT_TASK, record_task
from fazhi.inspections.models import (
    ConflictDeclaration,
    Draw,
    DrawExclusion,
    DrawnObject,
    InspectionObject,
    InspectionResult,
    InspectionTask,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.selectors.pools import (
    Eligible,
    Ineligible,
    inspector_pool,
    object_pool_queryset,
    recently_inspected,
)
from fazhi.records.enums import Action
from fazhi.records.files import FileDigest

SNAPSHOT_GZIP_LEVEL = 1  # the text is hashed, not the gzip: level 1 is 3× faster and 7% larger than 6
ACTIONS = {DrawKind.INITIAL: Action.INSPECTION_DRAWN, DrawKind.REDRAW: Action.INSPECTION_REDRAWN,
           DrawKind.ADDITION: Action.INSPECTION_OBJECT_ADDED}
INSERT_BATCH = 5000


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _lap(timings: dict | None, phase: str, since: tuple[float, float]) -> tuple[float, float]:
    """Add the wall-clock and CPU seconds since `since` to timings[phase] and timings[phase + " cpu"] (when the
    caller asked for timings: the benchmark); returns now."""
    now = _now()
    if timings is not None:
        timings[phase] = timings.get(phase, 0.0) + now[0] - since[0]
        timings[f"{phase} cpu"] = timings.get(f"{phase} cpu", 0.0) + now[1] - since[1]
    return now


# --- the parts and their inspector pools ------------------------------------------------------------------------


@dataclass
class _Part:
    part: TaskDepartment
    eligible: list[Eligible]
    ineligible: list[Ineligible]

    @property
    def org_key(self) -> str:
        return str(self.part.organisation.public_id)


def ordered_parts(task: InspectionTask) -> list[TaskDepartment]:
    """The departments in the draw's order: the lead first, then by organisation public id (docs/draw.md)."""
    parts = list(task.departments.select_related("organisation", "body", "category"))
    return sorted(parts, key=lambda p: (not p.is_lead, str(p.organisation.public_id)))


def _inspector_pools(task: InspectionTask) -> list[_Part]:
    parts = ordered_parts(task)
    if not parts:
        raise DomainError("no_departments", "任务没有参与部门,不能抽取")
    out = [_Part(p, *inspector_pool(p, start_on=task.start_on, end_on=task.end_on)) for p in parts]
    short = [p for p in out if len(p.eligible) < task.team_size]
    if short:
        messages = []
        for p in short:
            why = ";".join(f"{i.name}({i.reason})" for i in p.ineligible) or "没有其他在岗执法人员"
            messages.append(
                f"{p.part.organisation.name}符合条件的检查人员只有{len(p.eligible)}名,少于每组{task.team_size}名"
                f"(须持有{zh_date(task.start_on)}至{zh_date(task.end_on)}期间有效且含“{p.part.category.name}”"
                f"类别的执法证件)。不符合条件的人员:{why}")
        raise DomainError("too_few_inspectors", "。".join(messages), field="team_size", rule=rules.TEAM_RULE)
    return out


def _inspector_pool_json(task: InspectionTask, parts: list[_Part], conflicts: dict[str, list[str]]) -> dict:
    return {
        "departments": [
            {"organisation": p.org_key, "name": p.part.organisation.name, "category": p.part.category.code,
             "category_name": p.part.category.name, "team_size": task.team_size,
             "inspectors": [{"certificate": e.certificate, "name": e.name} for e in p.eligible]}
            for p in parts
        ],
        "conflicts": {uscc: sorted(certs) for uscc, certs in sorted(conflicts.items())},
    }


def _conflicts(parts: list[_Part], within) -> tuple[dict[str, list[str]], dict[tuple[str, str], tuple]]:
    """Declared conflicts between the eligible inspectors and the objects for which `within(id, grade, uscc)` holds:
    ({uscc: [certificate, …]}, {(uscc, certificate): (officer id, organisation id, reason)})."""
    cert_of = {}
    for p in parts:
        for e in p.eligible:
            cert_of[e.officer_id] = (e.certificate, p.part.organisation_id)
    rows = ConflictDeclaration.objects.filter(officer_id__in=list(cert_of)).order_by().values_list(
        "object_id", "object__risk_grade", "object__uscc", "officer_id", "reason")
    by_uscc: dict[str, list[str]] = {}
    detail = {}
    for object_id, grade, uscc, officer_id, reason in rows:
        if not within(object_id, grade, uscc):
            continue
        certificate, organisation_id = cert_of[officer_id]
        by_uscc.setdefault(uscc, []).append(certificate)
        detail[(uscc, certificate)] = (officer_id, organisation_id, reason)
    return by_uscc, detail


# --- the object pool ---------------------------------------------------------------------------------------------


@dataclass
class _Pool:
    usccs: dict[str, list[str]]  # grade → the stratum's USCCs sorted by code point
    excluded: list[tuple[str, str]]  # (uscc, reason code) sorted by uscc
    excluded_rows: list[tuple[int, dt.date, int]]  # (object id, day, organisation id)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.usccs.values())

    def sizes(self) -> dict[str, int]:
        return {g: len(v) for g, v in self.usccs.items()}

    def __contains__(self, key: tuple[str, str]) -> bool:  # (grade, uscc)
        stratum = self.usccs.get(key[0], [])
        i = bisect.bisect_left(stratum, key[1])
        return i < len(stratum) and stratum[i] == key[1]


def _codes_by_grade(qs, *, leave_out: set[int]) -> dict[str, list[str]]:
    """The USCCs of `qs` per grade without the objects whose ids are in `leave_out`, each list sorted by code point
    whatever the database's collation.

    A pool can hold a million objects. PostgreSQL leaves the objects out itself (a hashed `= ANY` of an array) and
    concatenates each stratum (one row per grade, split in C); SQLite — whose GROUP BY would sort — hands over the
    rows, filtered and grouped with list operations."""
    out: dict[str, list[str]] = {g: [] for g in algo.GRADES}
    sql, params = qs.order_by().values_list("risk_grade", "uscc", "pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT grade, string_agg(uscc, E'\\n') FROM ({sql}) AS pool (grade, uscc, id) "  # noqa: S608
                           "WHERE NOT (id = ANY(%s::bigint[])) GROUP BY grade", [*params, sorted(leave_out)])
            for grade, codes in cursor.fetchall():
                out[grade] = codes.split("\n")
        else:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if leave_out:
                rows = [r for r in rows if r[2] not in leave_out]
            rows.sort()
            grades = [r[0] for r in rows]
            for grade in algo.GRADES:
                lo, hi = bisect.bisect_left(grades, grade), bisect.bisect_right(grades, grade)
                out[grade] = [r[1] for r in rows[lo:hi]]
    for codes in out.values():
        codes.sort()  # nearly free when the database gave them in order
    return out


def _ids_of(usccs: list[str]) -> dict[str, int]:
    """{uscc: object id} for the drawn objects (a few per cent of the pool: fetched by the unique index)."""
    out: dict[str, int] = {}
    for start in range(0, len(usccs), 2000):
        out.update(InspectionObject.objects.filter(uscc__in=usccs[start:start + 2000]).order_by()
                   .values_list("uscc", "pk"))
    return out


def _object_pool(task: InspectionTask, parts: list[_Part]) -> _Pool:
    """The task's pool per grade with the recently inspected objects set apart (GB58-REPLAY: both recorded)."""
    organisation_ids = [p.part.organisation_id for p in parts]
    base = object_pool_queryset(task)
    recent = recently_inspected(task, organisation_ids=organisation_ids)
    candidates = sorted(recent)
    out = []
    for start in range(0, len(candidates), 2000):  # which of them the filters select: by primary key
        out.extend(base.filter(pk__in=candidates[start:start + 2000]).order_by().values_list("pk", "uscc"))
    reason = str(ExclusionReason.RECENTLY_INSPECTED.value)
    return _Pool(usccs=_codes_by_grade(base, leave_out=set(recent)),
                 excluded=sorted((uscc, reason) for _pk, uscc in out),
                 excluded_rows=sorted((pk, *recent[pk]) for pk, _uscc in out))


# --- checks ------------------------------------------------------------------------------------------------------


def _check_ratios(task: InspectionTask) -> dict:
    ratios = task.ratios()
    for grade, ratio in ratios.items():
        if ratio is None or ratio < 0 or ratio > rules.MAX_RATIO:
            raise DomainError("bad_ratio", f"{grade}类抽查比例须在0%到100%之间,抽查比例不能超过100%",
                              field=f"ratio_{grade.lower()}", rule=rules.RATIO_RULE)
    return ratios


def _clean_witnesses(witnesses: Iterable[str] | None) -> list[str]:
    return [w.strip() for w in (witnesses or ()) if w and w.strip()]


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "重新抽取和人工增补必须说明理由", field="reason", rule=rules.REPLAY_RULE)
    return reason


def _locked(task: InspectionTask, status: str, verb: str) -> InspectionTask:
    task = InspectionTask.objects.select_for_update().get(pk=task.pk)
    if task.status != status:
        raise DomainError("wrong_status", f"任务状态为“{zh(TaskStatus(task.status).label)}”,不能{verb}"
                          f"(须为“{zh(TaskStatus(status).label)}”)", field="status")
    return task


def _teams(seed: str, objects, parts: list[tuple[_Part, int]], conflicts, *, first_position: int):
    try:
        return algo.draw_teams(seed, objects,
                               [algo.Department(p.org_key, tuple(e.certificate for e in p.eligible), t)
                                for p, t in parts],
                               conflicts, first_position=first_position)
    except algo.TeamImpossible as exc:
        part = next(p for p, _t in parts if p.org_key == exc.organisation)
        obj = InspectionObject.objects.filter(uscc=exc.uscc).values_list("name", flat=True).first() or ""
        raise DomainError(
            "team_impossible",
            f"抽中的第{exc.position}号对象{obj}({exc.uscc})与{part.part.organisation.name}的部分检查人员存在利害关系,"
            f"回避后只剩{exc.available}名,不足每组{exc.team_size}名,无法组成检查组",
            field="team_size", rule=rules.CONFLICT_RULE) from exc


# --- writing -----------------------------------------------------------------------------------------------------


@dataclass
class _Computed:
    kind: str
    reason: str
    seed: str
    witnesses: list[str]
    parts: list[_Part]
    inspector_pool: dict
    conflict_detail: dict
    snapshot: str
    pool_size: int
    strata: dict
    items: list[algo.DrawnItem]
    object_ids: dict[str, int]  # uscc → id of the drawn objects
    excluded_rows: list[tuple[int, dt.date, int]]
    first_position: int


def _gzip(text: str) -> bytes:
    """Reproducible gzip: no file name, mtime 0 — the same snapshot always gives the same bytes."""
    return gzip.compress(text.encode("utf-8"), compresslevel=SNAPSHOT_GZIP_LEVEL, mtime=0)


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows of prepared column values in one go: COPY on PostgreSQL, executemany elsewhere.

    A draw writes tens of thousands of rows (drawn objects, team members, exclusions); building a model instance
    and compiling SQL for each costs more than the rest of the draw together (bench/bench_inspection_draw.py, ADR
    0012). The rows are fresh inserts of this service's own tables, inside its transaction."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy"):  # psycopg 3
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        for start in range(0, len(rows), INSERT_BATCH):
            cursor.executemany(sql, rows[start:start + INSERT_BATCH])


def _new_public_ids(n: int) -> list[str]:
    """n random (version 4) UUIDs as 32 hex digits — what SQLite stores and what PostgreSQL's uuid input accepts —
    from one read of the OS's random source (uuid.uuid4() per row costs as much as inserting the row)."""
    raw = bytearray(os.urandom(16 * n))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])
    text = raw.hex()
    return [text[i:i + 32] for i in range(0, 32 * n, 32)]


def _persist(task: InspectionTask, c: _Computed, *, by, timings: dict | None = None) -> Draw:
    started = _now()
    now = timezone.now()
    seq = (Draw.objects.filter(task=task).aggregate(m=Max("seq"))["m"] or 0) + 1
    pool_digest = algo.sha256_hex(c.snapshot)
    ip_digest = algo.inspector_pool_digest(c.inspector_pool)
    result = algo.result_digest(c.items)
    org_ids = {p.org_key: p.part.organisation_id for p in c.parts}
    officer_of = {(p.org_key, e.certificate): e.officer_id for p in c.parts for e in p.eligible}
    org_names = {p.part.organisation_id: p.part.organisation.name for p in c.parts}

    # (object id, officer id, organisation id, reason, detail)
    exclusions: list[tuple] = []
    recent = str(ExclusionReason.RECENTLY_INSPECTED.value)
    for object_id, day, organisation_id in c.excluded_rows:
        exclusions.append((object_id, None, organisation_id, recent,
                           f"{zh_date(day)}已被{org_names.get(organisation_id, '')}检查(近{task.exclusion_months}个月内)"))
    for p in c.parts:
        for i in p.ineligible:
            exclusions.append((None, i.officer_id, p.part.organisation_id,
                               str(ExclusionReason.CERTIFICATE_INVALID.value), i.reason[:300]))
    drawn_usccs = {item.uscc for item in c.items}
    for (uscc, _certificate), (officer_id, organisation_id, why) in sorted(c.conflict_detail.items()):
        if uscc in drawn_usccs:
            exclusions.append((c.object_ids[uscc], officer_id, organisation_id, str(ExclusionReason.CONFLICT.value),
                               f"与抽中对象存在利害关系:{why}"[:300]))
    inspectors_excluded = sum(1 for e in exclusions if e[1] is not None)

    draw = Draw(task=task, seq=seq, kind=c.kind, reason=c.reason, seed=c.seed, algorithm=algo.ALGORITHM,
                pool_size=c.pool_size, pool_digest=pool_digest, strata=c.strata, inspector_pool=c.inspector_pool,
                inspector_pool_digest=ip_digest, result_digest=result, objects_drawn=len(c.items),
                objects_excluded=len(c.excluded_rows), inspectors_excluded=inspectors_excluded,
                witnesses=c.witnesses, drawn_at=now, drawn_by=by if getattr(by, "pk", None) else None)
    payload = {
        "task": task.number, "draw": str(draw.public_id), "draw_seq": seq, "kind": str(c.kind),
        "kind_label": zh(DrawKind(c.kind).label), "reason": c.reason, "seed": c.seed, "algorithm": algo.ALGORITHM,
        "pool_size": c.pool_size, "pool_digest": pool_digest, "inspector_pool_digest": ip_digest,
        "strata": c.strata, "objects_drawn": len(c.items), "objects_excluded": len(c.excluded_rows),
        "inspectors_excluded": inspectors_excluded, "first_position": c.first_position,
        "result_digest": result, "witnesses": c.witnesses,
    }
    gz = _gzip(c.snapshot)
    draw.pool_file.save("snapshot.txt.gz", ContentFile(gz), save=False)
    stored_name = draw.pool_file.name
    try:
        entry = record_task(task, by=by, action=ACTIONS[DrawKind(c.kind)], payload=payload,
                            files=[FileDigest(name=stored_name, sha256=algo.sha256_hex(gz), size=len(gz),
                                              stored=True)],
                            subject_type=SUBJECT_TASK, subject_id=task.public_id)
        draw.ledger_key, draw.entry_seq = entry.ledger.key, entry.seq
        draw.save(force_insert=True)
        if c.kind == DrawKind.REDRAW:
            DrawnObject.objects.filter(task=task, is_current=True).update(
                is_current=False, status=DrawnStatus.SUPERSEDED, superseded_by=draw, updated_at=now)
        stamp = connection.ops.adapt_datetimefield_value(now)
        pending = str(DrawnStatus.PENDING.value)
        # in object order: the indexes on the object column then grow at few places instead of everywhere
        by_object = sorted(c.items, key=lambda item: c.object_ids[item.uscc])
        _insert(DrawnObject, ("public_id", "created_at", "updated_at", "task_id", "draw_id", "object_id", "position",
                              "risk_grade", "status", "is_current"),
                [(public_id, stamp, stamp, task.pk, draw.pk, c.object_ids[item.uscc], item.position, item.grade,
                  pending, True) for public_id, item in zip(_new_public_ids(len(by_object)), by_object, strict=True)])
        row_of = dict(DrawnObject.objects.filter(draw=draw).values_list("object_id", "pk"))
        members = []
        for item in by_object:
            row = row_of[c.object_ids[item.uscc]]
            for org_key, certificates in item.teams:
                members.extend((row, org_ids[org_key], officer_of[(org_key, cert)], cert) for cert in certificates)
        _insert(TeamMember, ("drawn_object_id", "organisation_id", "officer_id", "certificate_number"), members)
        _insert(DrawExclusion, ("draw_id", "object_id", "officer_id", "organisation_id", "reason", "detail"),
                [(draw.pk, *e) for e in exclusions])
        if c.kind == DrawKind.INITIAL:
            task.status = TaskStatus.DRAWN
            task.save(update_fields=["status", "updated_at"])
    except BaseException:
        draw.pool_file.storage.delete(stored_name)
        raise
    _lap(timings, "persistence", started)
    return draw


# --- the services ------------------------------------------------------------------------------------------------


def _compute_full(task: InspectionTask, *, kind: str, reason: str, witnesses: list[str],
                  timings: dict | None) -> _Computed:
    """Pools, exclusions, selection and teams of a random draw (first draw or redraw), refusing bad input."""
    t = _now()
    ratios = _check_ratios(task)
    parts = _inspector_pools(task)
    pool = _object_pool(task, parts)
    t = _lap(timings, "pools", t)
    if pool.size == 0:
        why = (f"按任务的筛选条件选出{len(pool.excluded)}个对象,均因近{task.exclusion_months}个月内已被参与部门检查而排除"
               if pool.excluded else "按任务的筛选条件(对象类别、行业、主体类型、辖区、信用风险分类,且登记状态为存续)"
                                     "在检查对象名录库中没有可抽取的对象")
        raise DomainError("empty_pool", why, field="filters")
    sizes = pool.sizes()
    strata = algo.strata_for(sizes, ratios)
    if not any(s["drawn"] for s in strata.values()):
        raise DomainError("nothing_to_draw", f"备选对象{pool.size}个,按各类抽查比例计算应抽取0个对象",
                          field="ratio_b", rule=rules.RATIO_RULE)
    seed = algo.new_seed()
    objects = [(g, pool.usccs[g][i]) for g, i in algo.select_indices(seed, sizes, strata)]
    object_ids = _ids_of([uscc for _g, uscc in objects])
    t = _lap(timings, "selection", t)
    conflicts, detail = _conflicts(parts, lambda _pk, grade, uscc: (grade, uscc) in pool)
    items = _teams(seed, objects, [(p, task.team_size) for p in parts], conflicts, first_position=1)
    t = _lap(timings, "teams", t)
    snapshot = algo.snapshot_text_sorted(pool.usccs, pool.excluded)
    _lap(timings, "snapshot", t)
    return _Computed(kind=kind, reason=reason, seed=seed, witnesses=witnesses, parts=parts,
                     inspector_pool=_inspector_pool_json(task, parts, conflicts), conflict_detail=detail,
                     snapshot=snapshot, pool_size=pool.size, strata=strata, items=items, object_ids=object_ids,
                     excluded_rows=pool.excluded_rows, first_position=1)


@transaction.atomic
def task_draw(*, by, task: InspectionTask, witnesses: list[str] | tuple = (), timings: dict | None = None) -> Draw:
    """The first draw of a task (DRAFT → DRAWN): objects by risk-grade stratum at the task's ratios, then each
    department's team from its own inspector pool, recorded for replay (GB58-REPLAY, docs/draw.md).

    Refused, with nothing written: a status other than DRAFT; a department with fewer eligible inspectors than the
    team size (GB58-TEAM; the message names who is not eligible and why); an empty pool after filters and
    exclusions; ratios that draw nothing; a drawn object whose team cannot be formed after recusals
    (GB58-RECUSAL). `timings`, when given, receives the seconds of each phase (the benchmark's figures)."""
    check_may_plan(by, task.lead_organisation_id)
    task = _locked(task, TaskStatus.DRAFT, "随机抽取")
    computed = _compute_full(task, kind=DrawKind.INITIAL, reason="", witnesses=_clean_witnesses(witnesses),
                             timings=timings)
    return _persist(task, computed, by=by, timings=timings)


@transaction.atomic
def task_redraw(*, by, task: InspectionTask, reason: str, witnesses: list[str] | tuple = ()) -> Draw:
    """A new random draw replacing the current drawn list (status DRAWN, no result recorded yet; a reason is
    required). The earlier draws stay as they were; their current rows are marked superseded by this draw."""
    check_may_plan(by, task.lead_organisation_id)
    task = _locked(task, TaskStatus.DRAWN, "重新抽取")
    reason = _clean_reason(reason)
    if InspectionResult.objects.filter(drawn_object__task=task).exists():
        raise DomainError("results_recorded", "本任务已录入检查结果,不能重新抽取", rule=rules.REPLAY_RULE)
    computed = _compute_full(task, kind=DrawKind.REDRAW, reason=reason, witnesses=_clean_witnesses(witnesses),
                             timings=None)
    return _persist(task, computed, by=by)


@transaction.atomic
def task_object_add(*, by, task: InspectionTask, obj: InspectionObject, reason: str,
                    witnesses: list[str] | tuple = ()) -> Draw:
    """Add one object by hand (人工增补; status DRAWN, reason required, not already a current drawn object of the
    task). The object is chosen, not drawn; its team is drawn from each department's pool with a new seed, and the
    addition is recorded as a draw of its own (kind addition) that replays like any other."""
    check_may_plan(by, task.lead_organisation_id)
    task = _locked(task, TaskStatus.DRAWN, "人工增补检查对象")
    reason = _clean_reason(reason)
    obj = InspectionObject.objects.get(pk=obj.pk)  # the grade and code as they stand now
    if DrawnObject.objects.filter(task=task, object=obj, is_current=True).exists():
        raise DomainError("already_drawn", f"{obj.name}({obj.uscc})已在本任务的抽查名单中", field="object")
    parts = _inspector_pools(task)
    grade = RiskGrade(obj.risk_grade).value
    conflicts, detail = _conflicts(parts, lambda pk, _grade, _uscc: pk == obj.pk)
    first_position = (DrawnObject.objects.filter(task=task, is_current=True).aggregate(m=Max("position"))["m"]
                      or 0) + 1
    seed = algo.new_seed()
    items = _teams(seed, [(grade, obj.uscc)], [(p, task.team_size) for p in parts], conflicts,
                   first_position=first_position)
    computed = _Computed(
        kind=DrawKind.ADDITION, reason=reason, seed=seed, witnesses=_clean_witnesses(witnesses), parts=parts,
        inspector_pool=_inspector_pool_json(task, parts, conflicts), conflict_detail=detail,
        snapshot=algo.snapshot_text([(grade, obj.uscc)]), pool_size=1, strata={}, items=items,
        object_ids={obj.uscc: obj.pk}, excluded_rows=[], first_position=first_position)
    return _persist(task, computed, by=by)

"""Replaying a draw from what was recorded (GB58-REPLAY, docs/draw.md): the snapshot file against its digest, the
inspector pool against its digest, the selection and the teams recomputed from the seed and compared with the
stored rows, the result digest, and the ledger entry that recorded the draw.

`draw_public_json(draw)` is the evidence the public page serves for a draw: exactly what `scripts/replay_draw.py`
reads next to the snapshot file, so that anyone can replay a draw without the platform."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from fazhi.core.deadlines import zh_date
from fazhi.enforcement.enums import zh
from fazhi.inspections import draw as algo
from fazhi.inspections.enums import DrawKind, DrawnStatus, ExclusionReason
from fazhi.inspections.models import Draw, DrawExclusion, DrawnObject, TeamMember
from fazhi.personnel.models import Certificate
from fazhi.records.models import Entry
from fazhi.records.selectors import entry_recomputed_hash

PUBLIC_FORMAT = "fazhi-draw-public/1"
MAX_NAMED = 5  # differences named one by one before "… and n more"
_ACTIONS = {DrawKind.INITIAL: "inspection.drawn", DrawKind.REDRAW: "inspection.redrawn",
            DrawKind.ADDITION: "inspection.object_added"}
# payload key → Draw attribute, compared one by one
_PAYLOAD_FIELDS = (("seed", "seed", "随机种子"), ("algorithm", "algorithm", "算法版本"), ("kind", "kind", "抽取类型"),
                   ("reason", "reason", "理由"), ("draw_seq", "seq", "抽取序号"), ("pool_size", "pool_size", "备选对象数"),
                   ("pool_digest", "pool_digest", "备选对象快照SHA-256"),
                   ("inspector_pool_digest", "inspector_pool_digest", "备选检查人员SHA-256"),
                   ("strata", "strata", "分层抽取情况"), ("objects_drawn", "objects_drawn", "抽取对象数"),
                   ("objects_excluded", "objects_excluded", "排除对象数"),
                   ("result_digest", "result_digest", "抽取结果SHA-256"), ("witnesses", "witnesses", "见证人"))


@dataclass
class Replay:
    draw: Draw
    identical: bool = True
    lines: list[str] = field(default_factory=list)
    items: list[algo.DrawnItem] = field(default_factory=list)  # the recomputed draw

    def ok(self, text: str) -> None:
        self.lines.append(f"[一致] {text}")

    def bad(self, text: str) -> None:
        self.identical = False
        self.lines.append(f"[不一致] {text}")


def _short(digest: str) -> str:
    return (digest or "")[:16] + "…"


def _ledger_entry(draw: Draw) -> Entry | None:
    if not draw.ledger_key or draw.entry_seq is None:
        return None
    return Entry.objects.select_related("ledger").filter(ledger__key=draw.ledger_key, seq=draw.entry_seq).first()


def _read_snapshot(draw: Draw) -> tuple[bytes, str] | None:
    """(gzip bytes, text) of the stored snapshot, or None when the file cannot be read."""
    try:
        with draw.pool_file.storage.open(draw.pool_file.name, "rb") as handle:
            raw = handle.read()
        return raw, gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, ValueError):
        return None


def _stored_items(draw: Draw) -> tuple[list[algo.DrawnItem], list[DrawnObject]]:
    """The drawn objects and teams as stored, in position order, in the form the algorithm produces."""
    rows = list(DrawnObject.objects.filter(draw=draw).select_related("object").order_by("position", "id"))
    org_key = {}
    teams: dict[int, list[tuple[str, str]]] = {}
    members = (TeamMember.objects.filter(drawn_object__draw=draw).select_related("organisation")
               .order_by("drawn_object_id", "id"))
    for m in members:
        org_key.setdefault(m.organisation_id, str(m.organisation.public_id))
        teams.setdefault(m.drawn_object_id, []).append((org_key[m.organisation_id], m.certificate_number))
    order = [d["organisation"] for d in (draw.inspector_pool or {}).get("departments", [])]
    items = []
    for row in rows:
        by_org: dict[str, list[str]] = {}
        for org, cert in teams.get(row.pk, []):
            by_org.setdefault(org, []).append(cert)
        ordered = sorted(by_org.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
        items.append(algo.DrawnItem(position=row.position, grade=row.risk_grade, uscc=row.object.uscc,
                                    teams=tuple((org, tuple(certs)) for org, certs in ordered)))
    return items, rows


def _describe(item: algo.DrawnItem | None, names: dict[str, str]) -> str:
    if item is None:
        return "(无)"
    teams = ";".join(f"{names.get(org, org)}:{'、'.join(certs)}" for org, certs in item.teams)
    return f"{item.grade}类 {item.uscc} 检查组 {teams}"


def draw_replay(draw: Draw) -> Replay:
    """Recompute `draw` from its record and compare (GB58-REPLAY). Each check adds one Chinese line; `identical` is
    false on any difference, and the line names what differs (snapshot, inspector pool, a drawn row, the seed …)."""
    r = Replay(draw=draw)
    kind_label = zh(DrawKind(draw.kind).label) if draw.kind in DrawKind.values else draw.kind
    r.lines.append(f"第{draw.seq}次{kind_label}(任务{draw.task.number},"
                   f"{zh_date(timezone.localtime(draw.drawn_at).date())})")
    if draw.algorithm != algo.ALGORITHM:
        r.bad(f"算法版本“{draw.algorithm}”不是本程序实现的{algo.ALGORITHM},无法重算")
        return r
    r.ok(f"算法版本 {draw.algorithm}")

    # the snapshot
    snapshot = None
    gz_sha = ""
    read = _read_snapshot(draw)
    if read is None:
        r.bad(f"备选对象快照文件无法读取:{draw.pool_file.name}")
    else:
        raw, text = read
        gz_sha = hashlib.sha256(raw).hexdigest()
        digest = algo.sha256_hex(text)
        if digest != draw.pool_digest:
            r.bad(f"备选对象快照被改动:SHA-256为{_short(digest)},记录为{_short(draw.pool_digest)}")
        try:
            snapshot = algo.snapshot_parse(text)
        except algo.DrawInputError as exc:
            r.bad(f"备选对象快照格式错误:{exc}")
        if snapshot is not None and digest == draw.pool_digest:
            if snapshot.size != draw.pool_size:
                r.bad(f"备选对象数不一致:快照{snapshot.size}个,记录{draw.pool_size}个")
            else:
                r.ok(f"备选对象快照SHA-256 {_short(digest)}:{snapshot.size}个备选对象,{len(snapshot.excluded)}个排除对象")

    # the inspector pool
    ip_digest = algo.inspector_pool_digest(draw.inspector_pool or {})
    if ip_digest != draw.inspector_pool_digest:
        r.bad(f"备选检查人员名单被改动:SHA-256为{_short(ip_digest)},记录为{_short(draw.inspector_pool_digest)}")
    else:
        count = sum(len(d["inspectors"]) for d in draw.inspector_pool.get("departments", []))
        r.ok(f"备选检查人员SHA-256 {_short(ip_digest)}:{len(draw.inspector_pool.get('departments', []))}个部门"
             f"{count}名检查人员")

    # the strata
    strata = draw.strata or {}
    if snapshot is not None and draw.kind != DrawKind.ADDITION:
        wrong = []
        for grade in algo.GRADES:
            s = strata.get(grade) or {}
            n = len(snapshot.pool[grade])
            try:
                k = algo.stratum_size(n, s.get("ratio", "0"))
            except (ValueError, ZeroDivisionError, algo.DrawInputError):
                k = None
            if s.get("pool") != n or s.get("drawn") != k:
                wrong.append(f"{grade}类(记录:备选{s.get('pool')}个、比例{s.get('ratio')}%、抽取{s.get('drawn')}个;"
                             f"重算:备选{n}个、抽取{k}个)")
        if wrong:
            r.bad("分层抽取数不一致:" + ";".join(wrong))
        else:
            r.ok("分层抽取数:" + ",".join(f"{g}类{strata[g]['drawn']}/{strata[g]['pool']}(比例{strata[g]['ratio']}%)"
                                      for g in algo.GRADES))

    entry = _ledger_entry(draw)
    payload = entry.payload if entry is not None else {}
    stored, rows = _stored_items(draw)
    first_position = payload.get("first_position") or (stored[0].position if stored else 1)

    # recompute
    names = {d["organisation"]: d["name"] for d in (draw.inspector_pool or {}).get("departments", [])}
    if snapshot is not None:
        try:
            outcome = algo.run(seed=draw.seed, kind=draw.kind, snapshot=snapshot, strata=strata,
                               inspector_pool=draw.inspector_pool, first_position=first_position)
            r.items = outcome.items
        except (algo.DrawInputError, algo.TeamImpossible, KeyError, TypeError, ValueError) as exc:
            r.bad(f"无法按记录的随机种子重算:{exc}")
            outcome = None
        if outcome is not None:
            differences = []
            for i in range(max(len(outcome.items), len(stored))):
                want = outcome.items[i] if i < len(outcome.items) else None
                have = stored[i] if i < len(stored) else None
                if want != have:
                    position = (want or have).position
                    differences.append(f"第{position}号:记录为{_describe(have, names)},重算为{_describe(want, names)}")
            if differences:
                more = f";另有{len(differences) - MAX_NAMED}处不一致" if len(differences) > MAX_NAMED else ""
                r.bad(f"抽中对象或检查组与重算结果不一致({len(differences)}处):"
                      + ";".join(differences[:MAX_NAMED]) + more)
            else:
                r.ok(f"按随机种子{_short(draw.seed)}重算,{len(stored)}个抽中对象及其检查组与记录逐一相同")
            if outcome.result_digest != draw.result_digest:
                r.bad(f"抽取结果SHA-256:重算为{_short(outcome.result_digest)},记录为{_short(draw.result_digest)}")
            else:
                r.ok(f"抽取结果SHA-256 {_short(draw.result_digest)}")
    stored_digest = algo.result_digest(stored)
    if stored_digest != draw.result_digest:
        r.bad(f"抽中对象记录的SHA-256为{_short(stored_digest)},与记录的抽取结果SHA-256{_short(draw.result_digest)}不符")
    if len(rows) != draw.objects_drawn:
        r.bad(f"抽中对象数:记录{draw.objects_drawn}个,实有{len(rows)}个")
    moved = [row.position for row in rows if row.task_id != draw.task_id]
    if moved:
        r.bad(f"第{'、'.join(map(str, moved[:MAX_NAMED]))}号抽中对象记录不属于本任务")
    # the teams are compared by certificate number: each member must be the officer who holds that certificate
    # (results are recorded by the officers on the team, fazhi.inspections.services.results)
    members = list(TeamMember.objects.filter(drawn_object__draw=draw).order_by("drawn_object__position", "id")
                   .values_list("drawn_object__position", "certificate_number", "officer_id", "officer__name"))
    holders = dict(Certificate.objects.filter(number__in={m[1] for m in members}).values_list("number", "officer_id"))
    swapped = [f"第{position}号 {name}(证件{certificate})" for position, certificate, officer_id, name in members
               if holders.get(certificate) != officer_id]
    if swapped:
        r.bad(f"检查组成员与其执法证件的持证人不符({len(swapped)}处):" + ";".join(swapped[:MAX_NAMED])
              + (f";另有{len(swapped) - MAX_NAMED}处" if len(swapped) > MAX_NAMED else ""))

    # exclusions: the snapshot's excluded objects are the draw's recorded object exclusions
    if snapshot is not None:
        recorded = set(DrawExclusion.objects.filter(draw=draw, reason=ExclusionReason.RECENTLY_INSPECTED)
                       .values_list("object__uscc", flat=True))
        in_snapshot = {u for u, _reason in snapshot.excluded}
        if recorded != in_snapshot or len(in_snapshot) != draw.objects_excluded:
            r.bad(f"排除对象不一致:快照{len(in_snapshot)}个,排除记录{len(recorded)}个,抽取记录{draw.objects_excluded}个")
        else:
            r.ok(f"排除对象{len(in_snapshot)}个,与排除记录一致")

    # the ledger entry
    if entry is None:
        r.bad(f"找不到记录本次抽取的账本条目({draw.ledger_key}#{draw.entry_seq})")
    else:
        where = f"账本{entry.ledger.key}第{entry.seq}条"
        problems = []
        if entry_recomputed_hash(entry) != entry.hash:
            problems.append("条目哈希不能由其内容重算")
        if entry.action != _ACTIONS.get(draw.kind):
            problems.append(f"动作为{entry.action}")
        if payload.get("draw") != str(draw.public_id) or payload.get("task") != draw.task.number:
            problems.append("条目记录的是另一次抽取或另一个任务")
        for key, attr, label in _PAYLOAD_FIELDS:
            value = getattr(draw, attr)
            if payload.get(key) != (str(value) if key == "kind" else value):
                problems.append(f"{label}与账本记录不一致")
        files = entry.files or []
        if read is not None and (not files or files[0].get("sha256") != gz_sha):
            problems.append("快照文件的SHA-256与账本记录不一致")
        if problems:
            r.bad(f"{where}:" + ";".join(problems))
        else:
            r.ok(f"{where}记录的随机种子、快照、人员名单和结果摘要与本次抽取一致")

    # superseded or current
    later = Draw.objects.filter(task_id=draw.task_id, seq__gt=draw.seq, kind=DrawKind.REDRAW).order_by("seq").first()
    if later is None:
        wrong = [row.position for row in rows if not row.is_current or row.superseded_by_id is not None]
        if wrong:
            r.bad(f"未被重新抽取替代,但第{'、'.join(map(str, wrong[:MAX_NAMED]))}号被标为无效")
    else:
        wrong = [row.position for row in rows
                 if row.is_current or row.superseded_by_id != later.pk or row.status != DrawnStatus.SUPERSEDED]
        if wrong:
            r.bad(f"已被第{later.seq}次重新抽取替代,但第{'、'.join(map(str, wrong[:MAX_NAMED]))}号未标为被其替代")
        else:
            r.ok(f"本次抽取结果已被第{later.seq}次重新抽取替代(保留备查)")
    return r


def draw_public_json(draw: Draw) -> dict:
    """The public evidence of one draw, as the public page serves it and `scripts/replay_draw.py` reads it (with
    the snapshot file): the seed, algorithm, digests, strata, inspector pool and the facts of the record."""
    entry = _ledger_entry(draw)
    payload = entry.payload if entry is not None else {}
    files = (entry.files or []) if entry is not None else []
    departments = (draw.inspector_pool or {}).get("departments", [])
    return {
        "format": PUBLIC_FORMAT,
        "task": {"number": draw.task.number, "public_id": str(draw.task.public_id), "title": draw.task.title},
        "draw": str(draw.public_id),
        "seq": draw.seq,
        "kind": str(draw.kind),
        "kind_label": str(payload.get("kind_label") or draw.kind),
        "reason": draw.reason,
        "drawn_at": draw.drawn_at.isoformat(),
        "witnesses": list(draw.witnesses or []),
        "algorithm": draw.algorithm,
        "seed": draw.seed,
        "pool_size": draw.pool_size,
        "pool_digest": draw.pool_digest,
        "pool_file_sha256": files[0]["sha256"] if files else None,
        "objects_excluded": draw.objects_excluded,
        "strata": draw.strata,
        "team_size": departments[0]["team_size"] if departments else None,
        "inspector_pool": draw.inspector_pool,
        "inspector_pool_digest": draw.inspector_pool_digest,
        "first_position": payload.get("first_position", 1),
        "objects_drawn": draw.objects_drawn,
        "result_digest": draw.result_digest,
        "ledger": {"key": draw.ledger_key, "seq": draw.entry_seq, "hash": entry.hash if entry is not None else None},
    }

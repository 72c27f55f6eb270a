"""Replaying draws from their record (GB58-REPLAY): identical when untouched; a changed drawn row, team member,
snapshot file or seed is detected and named; the command's exit status; the standalone script gives the same list."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command, execute_from_command_line

from fazhi.inspections import draw as algo
from fazhi.inspections.models import Draw, DrawnObject, InspectionObject, TeamMember
from fazhi.inspections.replay import draw_public_json, draw_replay
from fazhi.inspections.services.draws import task_draw, task_object_add, task_redraw
from fazhi.inspections.tests.test_draws import make_task

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "replay_draw.py"


@pytest.fixture
def drawn(insp):
    """A joint task drawn, redrawn, and with a manual addition: three draws."""
    task = make_task(insp, parts=("a", "b"), jurisdiction_codes=[insp.town.code])
    first = task_draw(by=insp.d.admin_a, task=task, witnesses=["纪检组 刘洋"])
    second = task_redraw(by=insp.d.admin_a, task=task, reason="名录库登记状态未及时更新", witnesses=["刘洋"])
    current = DrawnObject.objects.filter(task=task, is_current=True).values("object_id")
    obj = InspectionObject.objects.exclude(pk__in=current).order_by("uscc").first()
    third = task_object_add(by=insp.d.admin_a, task=task, obj=obj, reason="投诉举报较多", witnesses=[])
    return task, [first, second, third]


def replay_text(draw: Draw) -> str:
    draw = Draw.objects.get(pk=draw.pk)
    replay = draw_replay(draw)
    return ("一致" if replay.identical else "不一致") + "\n" + "\n".join(replay.lines)


def test_every_draw_replays_identically(drawn):
    _task, draws = drawn
    for draw in draws:
        replay = draw_replay(Draw.objects.get(pk=draw.pk))
        assert replay.identical, replay.lines
        assert all(line.startswith(("[一致]", "第")) for line in replay.lines)
        assert len(replay.items) == draw.objects_drawn
    assert any("已被第2次重新抽取替代" in line for line in draw_replay(draws[0]).lines)


def test_changed_drawn_object_is_named(drawn):
    _task, (_first, second, _third) = drawn
    row = DrawnObject.objects.filter(draw=second).order_by("position")[2]
    other = InspectionObject.objects.exclude(pk__in=DrawnObject.objects.values("object_id")).first()
    DrawnObject.objects.filter(pk=row.pk).update(object=other)
    text = replay_text(second)
    assert text.startswith("不一致")
    # the row keeps the grade recorded at the draw; only its object was swapped
    assert f"第{row.position}号:记录为{row.risk_grade}类 {other.uscc}" in text
    assert "抽中对象记录的SHA-256" in text


def test_changed_team_member_is_named(drawn, insp):
    _task, (_first, second, _third) = drawn
    row = DrawnObject.objects.filter(draw=second).order_by("position").first()
    member = TeamMember.objects.filter(drawn_object=row, organisation=insp.d.org_a).first()
    team = set(TeamMember.objects.filter(drawn_object=row).values_list("officer_id", flat=True))
    outsider = next(o for o in (insp.a1, insp.a2, insp.a3, insp.a4) if o.pk not in team)
    TeamMember.objects.filter(pk=member.pk).update(officer=outsider,
                                                   certificate_number=outsider.certificates.get().number)
    text = replay_text(second)
    assert text.startswith("不一致") and f"第{row.position}号" in text


def test_changed_snapshot_file_is_named(drawn):
    _task, (first, _second, _third) = drawn
    raw = default_storage.open(first.pool_file.name, "rb").read()
    lines = gzip.decompress(raw).decode().splitlines(keepends=True)
    del lines[5]  # an object quietly removed from the pool
    default_storage.delete(first.pool_file.name)
    default_storage.save(first.pool_file.name, ContentFile(gzip.compress("".join(lines).encode(), mtime=0)))
    text = replay_text(first)
    assert text.startswith("不一致")
    assert "备选对象快照被改动" in text
    assert "快照文件的SHA-256与账本记录不一致" in text


def test_missing_snapshot_file_is_named(drawn):
    _task, (first, _second, _third) = drawn
    default_storage.delete(first.pool_file.name)
    assert "备选对象快照文件无法读取" in replay_text(first)


def test_changed_seed_is_named(drawn):
    _task, (_first, second, _third) = drawn
    Draw.objects.filter(pk=second.pk).update(seed="f" * 64)
    text = replay_text(second)
    assert text.startswith("不一致")
    assert "随机种子与账本记录不一致" in text
    assert "抽中对象或检查组与重算结果不一致" in text


def test_changed_inspector_pool_is_named(drawn):
    _task, (first, _second, _third) = drawn
    pool = Draw.objects.get(pk=first.pk).inspector_pool
    pool["departments"][0]["inspectors"].pop()
    Draw.objects.filter(pk=first.pk).update(inspector_pool=pool)
    assert "备选检查人员名单被改动" in replay_text(first)


def test_superseded_rows_made_current_again_are_named(drawn):
    _task, (first, _second, _third) = drawn
    DrawnObject.objects.filter(draw=first).update(is_current=True, superseded_by=None)
    assert "已被第2次重新抽取替代,但第" in replay_text(first)


def test_command_replays_every_draw_by_number_or_public_id(drawn, capsys):
    task, _draws = drawn
    call_command("inspection_draw_replay", task.number)
    out = capsys.readouterr().out
    assert f"抽查任务 {task.number}" in out and "共3次抽取" in out
    assert "第1次随机抽取" in out and "第2次重新抽取" in out and "第3次人工增补" in out
    assert "3次抽取均可由记录重算,结果完全一致" in out
    call_command("inspection_draw_replay", str(task.public_id))
    assert "结果完全一致" in capsys.readouterr().out


def test_command_exits_1_on_any_difference(drawn, capsys):
    task, (first, _second, _third) = drawn
    Draw.objects.filter(pk=first.pk).update(seed="e" * 64)
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["manage.py", "inspection_draw_replay", task.number])
    assert exc.value.code == 1
    captured = capsys.readouterr()
    assert "第1次:发现不一致" in captured.out
    assert "第1次抽取与记录不一致" in captured.err


def test_command_unknown_task(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到抽查任务"):
        call_command("inspection_draw_replay", "赛市监抽〔2026〕999号")


def _export(draw: Draw, tmp_path: Path) -> tuple[Path, Path]:
    """What a citizen downloads from the public page: the snapshot file and the draw's evidence JSON."""
    snapshot = tmp_path / f"draw-{draw.seq}.txt.gz"
    snapshot.write_bytes(default_storage.open(draw.pool_file.name, "rb").read())
    evidence = tmp_path / f"draw-{draw.seq}.json"
    evidence.write_text(json.dumps(draw_public_json(draw), ensure_ascii=False, indent=1), encoding="utf-8")
    return snapshot, evidence


def _run_script(snapshot: Path, evidence: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", str(SCRIPT), str(snapshot), str(evidence)], capture_output=True,
                          text=True, timeout=120, cwd=snapshot.parent)


def test_public_json_has_what_the_script_reads(drawn):
    _task, (first, _second, third) = drawn
    data = draw_public_json(first)
    for key in ("seed", "algorithm", "strata", "inspector_pool", "inspector_pool_digest", "pool_digest",
                "pool_file_sha256", "result_digest", "team_size", "first_position", "kind", "witnesses"):
        assert key in data
    assert data["seed"] == first.seed and data["team_size"] == 2 and data["first_position"] == 1
    assert data["witnesses"] == ["纪检组 刘洋"]
    assert draw_public_json(third)["first_position"] == DrawnObject.objects.get(draw=third).position
    json.dumps(data)  # plain JSON


@pytest.mark.parametrize("which", [0, 1, 2])
def test_standalone_script_recomputes_the_same_list(drawn, tmp_path, which):
    _task, draws = drawn
    draw = Draw.objects.get(pk=draws[which].pk)
    result = _run_script(*_export(draw, tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "IDENTICAL" in result.stdout and "matches result_digest" in result.stdout
    printed = [line for line in result.stdout.splitlines() if line[:1].isdigit()]
    expected = [item.line() for item in draw_replay(draw).items]
    assert printed == expected and len(printed) == draw.objects_drawn
    stored = [f"{r.position}\t{r.risk_grade}\t{r.object.uscc}" for r in
              DrawnObject.objects.filter(draw=draw).select_related("object").order_by("position")]
    assert ["\t".join(line.split("\t")[:3]) for line in printed] == stored


def test_standalone_script_detects_a_changed_seed_or_snapshot(drawn, tmp_path):
    _task, (first, _second, _third) = drawn
    snapshot, evidence = _export(first, tmp_path)
    data = json.loads(evidence.read_text(encoding="utf-8"))
    data["seed"] = "0" * 64
    evidence.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run_script(snapshot, evidence)
    assert result.returncode == 1 and "differs from result_digest" in result.stdout
    snapshot, evidence = _export(first, tmp_path)
    text = gzip.decompress(snapshot.read_bytes()).decode().replace("\nP\tD\t", "\nP\tC\t", 1)
    snapshot.write_bytes(gzip.compress(text.encode(), mtime=0))
    result = _run_script(snapshot, evidence)
    assert result.returncode == 1 and "MISMATCH" in result.stdout


def test_replay_does_not_depend_on_the_current_pool(drawn, insp):
    """Objects changing grade or closing after the draw do not change the replay: the snapshot is the pool."""
    _task, draws = drawn
    InspectionObject.objects.update(risk_grade="D", registration_status="revoked",
                                    last_inspected_on=dt.date(2027, 1, 1))
    assert all(draw_replay(Draw.objects.get(pk=d.pk)).identical for d in draws)
    assert algo.ALGORITHM == "fazhi-draw/1"

"""The public pages of random inspection (双随机一公开 — the "one public"): nothing before it is published (a task
whose list is not published is a 404, results before their publication are not shown), the search of published
results by entity name and USCC, each draw's evidence (its JSON is draw_public_json, its snapshot hashes to the
pool digest, its ledger entry checks against the published heads), and the open data of results.

The world is built with the inspections services, on a clock moved by the test (timezone.now / localdate)."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.inspections.enums import ResultOutcome, RiskGrade
from fazhi.inspections.models import DrawnObject, TeamMember
from fazhi.inspections.tests.builders import make_objects
from fazhi.inspections.tests.conftest import insp  # noqa: F401 - the inspections world, as a fixture here
from fazhi.records.services import heads_publish

D = dt.date
START, END = D(2026, 6, 1), D(2026, 6, 30)
SECRET_FINDINGS = "仓库温度记录缺失(内部核查备注XYZ-7731)"
SECRET_CONFLICT = "配偶在该单位任职(保密信息QQ-5521)"
INDUSTRY = "文化娱乐业"


class Clock:
    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def at(self, day: dt.date, hour: int = 10):
        # timezone.now() is in UTC (the ledger hashes its isoformat)
        moment = timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0)).astimezone(dt.UTC)
        self.monkeypatch.setattr(timezone, "now", lambda: moment)
        self.monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def _services():
    from fazhi.inspections.services import draws, objects, plans, results, tasks

    return plans, tasks, draws, results, objects


@pytest.fixture
def world(insp, clock):  # noqa: F811
    """Department A's task over three objects of one industry (ratio 100%: all drawn), a conflict of interest
    declared on one of them, drawn on 2026-05-29 — not yet published."""
    _plans, tasks, draws, _results, objects = _services()
    d = insp.d
    clock.at(D(2026, 5, 28))
    objs = make_objects(3, start=900, industry=INDUSTRY, grade=RiskGrade.B, jurisdiction=insp.town)
    objects.conflict_declare(by=d.admin_a, officer=insp.a3, obj=objs[0], reason=SECRET_CONFLICT,
                             declared_on=D(2026, 5, 28))
    task = tasks.task_create(
        by=d.admin_a, title="2026年文化娱乐场所双随机抽查", lead_organisation=d.org_a, start_on=START, end_on=END,
        departments=[{"organisation": d.org_a, "category": d.market, "items": insp.a_items[:2]}],
        industries=[INDUSTRY], ratios={"A": Decimal("0"), "B": Decimal("100"), "C": Decimal("0"), "D": Decimal("0")})
    clock.at(D(2026, 5, 29))
    draw = draws.task_draw(by=d.admin_a, task=task, witnesses=["见证人王某"])
    task.refresh_from_db()
    return {"insp": insp, "task": task, "draw": draw, "objects": objs}


def _publish_list(world, clock):
    _plans, tasks, *_ = _services()
    clock.at(D(2026, 5, 30))
    tasks.drawn_list_publish(by=world["insp"].d.admin_a, task=world["task"], published_on=D(2026, 5, 30))
    world["task"].refresh_from_db()


def _record_results(world, clock):
    *_, results, _objects = _services()
    w = world["insp"]
    clock.at(D(2026, 6, 20))
    for n, drawn in enumerate(DrawnObject.objects.filter(task=world["task"], is_current=True).order_by("position")):
        team = [m.officer for m in TeamMember.objects.filter(drawn_object=drawn).select_related("officer")]
        for item in w.a_items[:2]:
            problem = n == 0 and item == w.a_items[0]
            results.result_record(
                by=w.d.officer_a, drawn_object=drawn, power_item=item, inspected_on=D(2026, 6, 10 + n),
                outcome=ResultOutcome.CORRECTED if problem else ResultOutcome.NO_PROBLEM,
                findings=SECRET_FINDINGS if problem else "", inspectors=team)


def _end_and_publish(world, clock):
    _plans, tasks, *_ = _services()
    by = world["insp"].d.admin_a
    clock.at(D(2026, 6, 30))
    tasks.task_end(by=by, task=world["task"], ended_on=D(2026, 6, 30))
    clock.at(D(2026, 7, 10))
    tasks.results_publish(by=by, task=world["task"], published_on=D(2026, 7, 10))
    world["task"].refresh_from_db()


def _task_url(task):
    return reverse("disclosure:inspection_task_detail", args=[task.public_id])


def _draw_url(draw):
    return reverse("disclosure:inspection_draw_detail", args=[draw.public_id])


# --- nothing before it is published ----------------------------------------------------------------------------


def test_a_task_before_its_list_is_published_does_not_exist_for_the_public(client, world):
    task, draw, objs = world["task"], world["draw"], world["objects"]
    assert client.get(_task_url(task)).status_code == 404
    assert client.get(reverse("disclosure:inspection_task_detail", args=[task.number])).status_code == 404
    assert client.get(_draw_url(draw)).status_code == 404
    assert client.get(_draw_url(draw) + "?format=json").status_code == 404
    assert client.get(reverse("disclosure:inspection_draw_snapshot", args=[draw.public_id])).status_code == 404
    listing = client.get(reverse("disclosure:inspection_task_list")).content.decode()
    assert task.number not in listing and task.title not in listing
    search = client.get(reverse("disclosure:inspection_result_search"), {"q": objs[0].name}).content.decode()
    assert objs[0].uscc not in search


def test_the_published_list_shows_the_drawn_objects_and_teams_but_no_result_yet(client, world, clock):
    _publish_list(world, clock)
    _record_results(world, clock)  # recorded, not yet published
    task, objs = world["task"], world["objects"]
    listing = client.get(reverse("disclosure:inspection_task_list")).content.decode()
    assert task.title in listing
    for url in (_task_url(task), reverse("disclosure:inspection_task_detail", args=[task.number])):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        for obj in objs:
            assert obj.name in page and obj.uscc in page
        member = TeamMember.objects.filter(drawn_object__task=task).select_related("officer").first()
        assert member.officer.name in page and member.certificate_number in page
        assert 'data-testid="results-pending"' in page
        assert "发现问题,已责令改正" not in page and SECRET_FINDINGS not in page
    search = client.get(reverse("disclosure:inspection_result_search"), {"q": objs[0].uscc}).content.decode()
    assert 'data-testid="result-row"' not in search
    assert client.get(reverse("api:open-inspection-result-list")).json()["count"] == 0


def test_published_results_are_searchable_by_name_and_by_uscc(client, world, clock):
    _publish_list(world, clock)
    _record_results(world, clock)
    _end_and_publish(world, clock)
    task, objs = world["task"], world["objects"]
    url = reverse("disclosure:inspection_result_search")
    page = client.get(url, {"q": objs[1].name}).content.decode()
    assert page.count('data-testid="result-row"') == 2  # two items on that object
    assert objs[1].uscc in page and objs[2].uscc not in page
    page = client.get(url, {"q": objs[2].uscc.lower()}).content.decode()  # the USCC, whatever its case
    assert page.count('data-testid="result-row"') == 2 and objs[2].name in page
    page = client.get(url, {"q": objs[2].uscc[:12]}).content.decode()  # its start
    assert objs[2].name in page
    page = client.get(url, {"q": "没有这个商户"}).content.decode()
    assert 'data-testid="result-row"' not in page
    page = client.get(url, {"department": str(world["insp"].d.org_b.public_id)}).content.decode()
    assert 'data-testid="result-row"' not in page
    page = client.get(url, {"department": str(world["insp"].d.org_a.public_id), "year": "2026"}).content.decode()
    assert page.count('data-testid="result-row"') == 6
    detail = client.get(_task_url(task)).content.decode()
    assert "发现问题,已责令改正" in detail and detail.count('data-testid="result-row"') == 6
    assert SECRET_FINDINGS not in page + detail


def test_the_draw_page_gives_the_evidence_and_its_json_is_draw_public_json(client, world, clock):
    from fazhi.inspections.replay import draw_public_json

    _publish_list(world, clock)
    draw = world["draw"]
    draw.refresh_from_db()
    page = client.get(_draw_url(draw)).content.decode()
    for value in (draw.seed, draw.pool_digest, draw.inspector_pool_digest, draw.result_digest, draw.algorithm,
                  "见证人王某", "scripts/replay_draw.py"):
        assert value in page
    assert SECRET_CONFLICT not in page  # a conflict of interest is counted, never explained
    response = client.get(_draw_url(draw), {"format": "json"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert SECRET_CONFLICT not in response.content.decode()
    assert json.loads(response.content) == json.loads(json.dumps(draw_public_json(draw), default=str))
    snapshot = client.get(reverse("disclosure:inspection_draw_snapshot", args=[draw.public_id]))
    assert snapshot.status_code == 200
    text = gzip.decompress(b"".join(snapshot.streaming_content))
    assert hashlib.sha256(text).hexdigest() == draw.pool_digest
    assert text.startswith(b"fazhi-draw/1")


def test_the_draw_checks_against_its_ledger_entry_once_the_head_is_published(client, world, clock):
    _publish_list(world, clock)
    draw = world["draw"]
    before = client.get(_draw_url(draw), {"verify": "1"}).content.decode()
    assert 'data-testid="verification"' in before and "核验未通过" in before  # no head published yet
    heads_publish(on=D(2026, 5, 30))
    after = client.get(_draw_url(draw), {"verify": "1"}).content.decode()
    assert "核验通过" in after, after[after.find('data-testid="verification"'):][:3000]


def test_a_changed_draw_fails_its_check(world, clock):
    from fazhi.disclosure import inspections

    _publish_list(world, clock)
    heads_publish(on=D(2026, 5, 30))
    draw = world["draw"]
    assert inspections.verify_draw(draw).ok
    draw.seed = "f" * 64  # what an after-the-fact edit of the row would look like
    result = inspections.verify_draw(draw)
    assert not result.ok and not result.fields_ok
    assert [name for name, _shown, _recorded, equal in result.compared if not equal] == ["seed"]


def test_open_data_lists_published_results_with_public_fields_only(client, world, clock):
    _publish_list(world, clock)
    _record_results(world, clock)
    _end_and_publish(world, clock)
    objs = world["objects"]
    response = client.get(reverse("api:open-inspection-result-list"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    row = next(r for r in body["results"] if r["outcome"] == ResultOutcome.CORRECTED)
    first = DrawnObject.objects.get(task=world["task"], position=1).object  # the problem was found there
    assert row["uscc"] == first.uscc and row["object_name"] == first.name
    assert row["outcome_label"] == "发现问题,已责令改正" and row["task_number"] == world["task"].number
    assert row["inspected_on"] == "2026-06-10" and row["published_on"] == "2026-07-10"
    assert len(row["inspectors"]) == 2 and set(row["inspectors"][0]) == {"name", "certificate_number"}
    assert set(row) == {"public_id", "task_public_id", "task_number", "task_title", "object_name", "uscc",
                        "organisation", "item_code", "item_name", "outcome", "outcome_label", "inspected_on",
                        "inspectors", "published_on"}
    text = json.dumps(body, ensure_ascii=False)
    assert SECRET_FINDINGS not in text and "recorded_by" not in text and "findings" not in text
    assert client.get(reverse("api:open-inspection-result-list"), {"q": objs[1].uscc}).json()["count"] == 2
    assert client.get(reverse("api:open-inspection-result-list"), {"q": "没有"}).json()["count"] == 0
    assert client.get(reverse("api:open-inspection-result-list"), {"department": "x"}).status_code == 400


def test_the_open_data_is_in_the_schema(insp, client_for):  # noqa: F811
    schema = client_for(insp.d.legal).get(reverse("api:schema")).content.decode()
    assert "/api/v1/open-data/inspection-results/" in schema


def test_only_acknowledged_plans_are_public(client, insp, clock):  # noqa: F811
    plans, *_ = _services()
    d = insp.d
    clock.at(D(2026, 1, 10))
    plan_a = plans.plan_create(by=d.admin_a, organisation=d.org_a, year=2026, title="市场监管局2026年度抽查计划",
                               items=insp.a_items[:2], frequency="每季度一次", planned_tasks=4,
                               notes="内部说明:不公开NOTE-9")
    plan_b = plans.plan_create(by=d.admin_b, organisation=d.org_b, year=2026, title="城管局2026年度抽查计划(草稿)",
                               items=insp.b_items[:1], frequency="每半年一次")
    url = reverse("disclosure:inspection_plan_list")
    assert plan_a.title not in client.get(url).content.decode()
    plans.plan_submit(by=d.admin_a, plan=plan_a)
    assert plan_a.title not in client.get(url).content.decode()  # submitted is not acknowledged
    plans.plan_acknowledge(by=d.legal, plan=plan_a)
    page = client.get(url).content.decode()
    assert plan_a.title in page and insp.a_items[0].name in page and "每季度一次" in page
    assert plan_b.title not in page and "NOTE-9" not in page
    assert plan_a.title not in client.get(url, {"department": str(d.org_b.public_id)}).content.decode()
    assert plan_a.title in client.get(url, {"year": "2026"}).content.decode()


def test_the_portal_home_links_the_random_inspection_pages(client, db):
    page = client.get(reverse("disclosure:home")).content.decode()
    for name in ("inspection_task_list", "inspection_plan_list", "inspection_result_search"):
        assert reverse(f"disclosure:{name}") in page


def test_unknown_or_malformed_keys_are_404(client, db):
    assert client.get(reverse("disclosure:inspection_task_detail", args=["不存在的任务"])).status_code == 404
    assert client.get("/public/inspections/draws/not-a-uuid/").status_code == 404
    page = client.get(reverse("disclosure:inspection_result_search"), {"department": "nope", "year": "abc"})
    assert page.status_code == 200


def test_anyone_can_replay_the_draw_from_the_two_downloads(client, world, clock, tmp_path):
    """What the draw page tells the public to do: download the snapshot and the JSON, run scripts/replay_draw.py."""
    import subprocess
    import sys
    from pathlib import Path

    _publish_list(world, clock)
    draw = world["draw"]
    snapshot = client.get(reverse("disclosure:inspection_draw_snapshot", args=[draw.public_id]))
    evidence = client.get(_draw_url(draw), {"format": "json"})
    (tmp_path / "pool.txt.gz").write_bytes(b"".join(snapshot.streaming_content))
    (tmp_path / "draw.json").write_bytes(evidence.content)
    page = client.get(_draw_url(draw)).content.decode()
    assert reverse("disclosure:inspection_replay_script") in page  # the page offers the checker itself
    script = tmp_path / "replay_draw.py"
    download = client.get(reverse("disclosure:inspection_replay_script"))
    script.write_bytes(b"".join(download.streaming_content))
    assert script.read_bytes() == (Path(__file__).resolve().parents[3] / "scripts" / "replay_draw.py").read_bytes()
    run = subprocess.run([sys.executable, str(script), str(tmp_path / "pool.txt.gz"), str(tmp_path / "draw.json")],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("IDENTICAL")
    for obj in world["objects"]:
        assert obj.uscc in run.stdout  # the replayed list is the list on the page


def test_a_redraw_is_public_as_such_and_the_first_draw_stays(client, world, clock):
    _plans, _tasks, draws, *_ = _services()
    _publish_list(world, clock)
    first = world["draw"]
    clock.at(D(2026, 5, 31))
    second = draws.task_redraw(by=world["insp"].d.admin_a, task=world["task"], reason="见证人未到场,依规重新抽取",
                               witnesses=["见证人李某"])
    task_page = client.get(_task_url(world["task"])).content.decode()
    assert task_page.count('data-testid="draw-row"') == 2 and "见证人未到场,依规重新抽取" in task_page
    assert task_page.count('data-testid="drawn-row"') == 3  # the current list only
    first_page = client.get(_draw_url(first)).content.decode()
    assert first_page.count('data-testid="superseded"') == 3 and "已被第 2 次抽取替代" in first_page
    second_page = client.get(_draw_url(second)).content.decode()
    assert "重新抽取" in second_page and second.seed in second_page and 'data-testid="superseded"' not in second_page

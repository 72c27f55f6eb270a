"""The demo district's random inspection (fazhi.web.demo.inspections): a pool of valid identifiers written as one
import, plans, tasks in every state whose draws replay identically, results recorded as `result_record` records
them (one entry each), verifying ledgers, and work waiting for the demo accounts."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.core.validators import is_valid_uscc
from fazhi.enforcement.enums import LeadSource
from fazhi.inspections.enums import DrawnStatus, PlanStatus, RegistrationStatus, ResultOutcome, TaskStatus
from fazhi.inspections.models import (
    Draw,
    DrawnObject,
    InspectionObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    TeamMember,
)
from fazhi.inspections.replay import draw_replay
from fazhi.inspections.services.tasks import missing_results
from fazhi.personnel.models import Officer
from fazhi.records.enums import Action
from fazhi.records.models import Entry
from fazhi.records.verification import verify_all
from fazhi.web.demo import data
from fazhi.web.demo.inspections import plan_pool

TODAY = dt.date(2026, 11, 28)


def test_pool_is_planned_from_the_seed_with_valid_codes_and_the_districts_mixture():
    rows = plan_pool(seed=7, scale=0.02, today=TODAY)
    assert rows == plan_pool(seed=7, scale=0.02, today=TODAY)
    assert rows != plan_pool(seed=8, scale=0.02, today=TODAY)
    assert 1600 <= len(rows) <= 1650
    assert all(is_valid_uscc(r[0]) for r in rows)
    assert len({r[0] for r in rows}) == len(rows) and len({r[2] for r in rows}) == len(rows)
    prefixes = Counter(r[0][:2] for r in rows)
    assert {"91", "92", "93", "12", "31"} <= set(prefixes) and any(p.startswith("5") for p in prefixes)
    assert prefixes["92"] > prefixes["91"] > prefixes["93"]  # individual businesses, companies, co-operatives
    market = [r for r in rows if r[1] == "market_entity"]
    assert all(r[0][2:8] == data.DISTRICT_CODE for r in market)
    codes = {code for code, *_ in data.JURISDICTIONS}
    assert all(r[6] in codes for r in rows)
    assert all(r[8] is None or r[8] < TODAY for r in rows)
    active = [r for r in market if r[9] == RegistrationStatus.ACTIVE]
    assert 0.8 < len(active) / len(market) < 0.95
    grades = Counter(r[10] for r in active)
    shares = {g: grades[g] / len(active) for g in "ABCD"}
    assert 0.28 < shares["A"] < 0.42 and 0.42 < shares["B"] < 0.58 and 0.07 < shares["C"] < 0.17
    assert 0.01 < shares["D"] < 0.06
    industries = Counter(r[4] for r in market)
    assert industries.most_common(1)[0][0] == "批发和零售业" and industries["住宿和餐饮业"] > industries["制造业"]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_district", "--seed", "7", "--scale", "0.05", stdout=io.StringIO())


def test_a_year_of_random_inspection(demo):  # noqa: C901 - one demo build, checked from every side
    today = timezone.localdate()
    # the pool: written as one import (one entry for the whole file), not one entry per object
    objects = InspectionObject.objects.count()
    assert objects >= 3900
    imports = Entry.objects.filter(ledger__key="office", action=Action.IMPORT_COMMITTED,
                                   payload__importer="inspection_objects")
    assert imports.count() == 1 and imports.get().payload["created"] == objects
    assert len(imports.get().payload["file_sha256"]) == 64
    assert not Entry.objects.filter(action=Action.INSPECTION_OBJECT_CREATED).exists()

    # tasks in every state; each draw made by the service replays identically from what was recorded
    assert set(InspectionTask.objects.values_list("status", flat=True)) == set(TaskStatus.values)
    draws = list(Draw.objects.select_related("task"))
    assert draws
    for draw in draws:
        replay = draw_replay(draw)
        assert replay.identical, replay.lines
        assert timezone.localtime(draw.drawn_at).date() < today
    assert Draw.objects.filter(kind="redraw").exclude(reason="").exists()
    for task in InspectionTask.objects.filter(status__in=[TaskStatus.ENDED, TaskStatus.PUBLISHED]):
        assert missing_results(task) == (0, 0), task.number
        assert task.ended_on >= task.start_on and task.publish_due is not None
    for task in InspectionTask.objects.filter(status=TaskStatus.PUBLISHED):
        assert task.drawn_list_published_on and task.published_on <= today - dt.timedelta(days=1)
        assert task.publication_late == (task.published_on > task.publish_due)
    assert not DrawnObject.objects.filter(task__status=TaskStatus.DRAFT).exists()

    # results: by the object's drawn team of the department, within the task's dates, one entry each
    results = list(InspectionResult.objects.select_related("drawn_object__task", "drawn_object__draw", "organisation")
                   .prefetch_related("inspectors"))
    assert results
    assert Counter(r.outcome for r in results).most_common(1)[0][0] == ResultOutcome.NO_PROBLEM
    teams: dict[tuple[int, int], dict[int, str]] = {}
    for drawn_id, org_id, officer_id, number in TeamMember.objects.values_list(
            "drawn_object_id", "organisation_id", "officer_id", "certificate_number"):
        teams.setdefault((drawn_id, org_id), {})[officer_id] = number
    entries = {e.subject_id: e for e in Entry.objects.filter(action=Action.INSPECTION_RESULT_RECORDED)
               .select_related("ledger")}
    assert len(entries) == len(results)
    for r in results:
        task, drawn = r.drawn_object.task, r.drawn_object
        team = teams[(drawn.pk, r.organisation_id)]
        inspectors = {o.pk for o in r.inspectors.all()}
        assert len(inspectors) >= 2 and inspectors <= set(team)
        assert task.start_on <= r.inspected_on <= min(task.end_on, today)
        assert r.inspected_on >= timezone.localtime(drawn.draw.drawn_at).date()
        entry = entries[str(r.public_id)]
        part = task.departments.get(organisation_id=r.organisation_id)
        assert entry.ledger.key == part.body.ledger_key
        assert entry.payload["outcome_code"] == r.outcome and entry.payload["inspected_on"] == r.inspected_on.isoformat()
        assert entry.payload["task"] == task.number and entry.payload["uscc"] == drawn.object.uscc
        assert sorted(i["certificate"] for i in entry.payload["inspectors"]) == sorted(team[o] for o in inspectors)
        if r.outcome == ResultOutcome.REFERRED:
            assert r.case.lead_source == LeadSource.RANDOM_INSPECTION and r.case.inspection_task_ref == task.number
    # a drawn object is inspected exactly when every item of every department has its result
    for drawn in DrawnObject.objects.filter(is_current=True).exclude(task__status=TaskStatus.DRAFT):
        items = sum(p.items.count() for p in drawn.task.departments.all())
        done = drawn.results.count()
        assert (drawn.status == DrawnStatus.INSPECTED) == (done == items), drawn
        if done:
            assert drawn.object.last_inspected_on >= drawn.inspected_on

    # every ledger still verifies, stored files (snapshots, photos, rules) included
    reports = verify_all(check_files=True)
    assert reports and all(r.ok for r in reports), [str(r.first_break) for r in reports if not r.ok]

    # plans: acknowledged, one waiting for the office; the demo accounts have inspection work
    assert InspectionPlan.objects.filter(status=PlanStatus.ACKNOWLEDGED).exists()
    assert InspectionPlan.objects.filter(status=PlanStatus.SUBMITTED).exists()
    officer = Officer.objects.get(user__username="demo_officer")
    assert TeamMember.objects.filter(officer=officer, drawn_object__is_current=True,
                                     drawn_object__status=DrawnStatus.PENDING,
                                     drawn_object__task__status=TaskStatus.DRAWN).exists()
    market = officer.organisation
    assert InspectionTask.objects.filter(lead_organisation=market, status=TaskStatus.DRAFT).exists()
    assert InspectionTask.objects.filter(lead_organisation=market, status=TaskStatus.ENDED).exists()

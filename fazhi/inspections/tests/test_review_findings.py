"""Defects found in review of the inspections app, each shown by a test that failed before its fix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.inspections.enums import ExclusionReason, ResultOutcome, RiskGrade
from fazhi.inspections.models import Draw, DrawExclusion, DrawnObject, TeamMember
from fazhi.inspections.replay import draw_replay
from fazhi.inspections.services import draws as draw_services
from fazhi.inspections.services import tasks as task_services
from fazhi.inspections.services.objects import conflict_declare
from fazhi.inspections.services.results import result_record
from fazhi.inspections.tests.builders import make_objects
from fazhi.inspections.tests.test_replay import drawn  # noqa: F401 - a task with three draws, as a fixture here
from fazhi.inspections.tests.test_results import _drawn_task_rows, _state, jpg

D = dt.date
SECRET_REASON = "配偶在该单位任职(内部申报QX-4417)"


# --- GB58-RECUSAL: a conflict declared after the draw -----------------------------------------------------------


def test_an_inspector_who_declared_a_conflict_after_the_draw_cannot_record_its_result(insp, settings, monkeypatch):
    """services/results.py `_check_inspectors` checked that the inspectors were drawn for the object, not that they
    had no declared conflict with it: an officer who declared one after the draw still inspected the object."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2026, 12, 28))
    _task, (row, *_rest) = _drawn_task_rows(insp)
    conflict_declare(by=insp.d.admin_a, officer=insp.a1, obj=row.object, reason=SECRET_REASON,
                     declared_on=D(2026, 12, 5))
    before = _state(settings)
    with pytest.raises(DomainError) as exc:
        result_record(by=insp.d.officer_a, drawn_object=row, power_item=insp.a_items[0],
                      outcome=ResultOutcome.NO_PROBLEM, inspected_on=D(2026, 12, 10), inspectors=[insp.a1, insp.a2],
                      photos=[jpg()])
    assert exc.value.code == "inspector_conflict" and exc.value.rule == "GB58-RECUSAL"
    assert insp.a1.name in exc.value.message and exc.value.field == "inspectors"
    assert _state(settings) == before  # no result, no photo file, no entry


# --- GB58-REPLAY: a team member's officer swapped behind the record ----------------------------------------------


def test_replay_notices_a_team_member_whose_officer_was_swapped(drawn, insp):  # noqa: F811
    """replay.py compared the teams by certificate number only: changing a TeamMember's officer (who then records
    the results, services/results.py checks team membership by officer) left the replay "identical"."""
    _task, (_first, second, _third) = drawn
    row = DrawnObject.objects.filter(draw=second).order_by("position").first()
    member = TeamMember.objects.filter(drawn_object=row, organisation=insp.d.org_a).first()
    team = set(TeamMember.objects.filter(drawn_object=row).values_list("officer_id", flat=True))
    outsider = next(o for o in (insp.a1, insp.a2, insp.a3, insp.a4) if o.pk not in team)
    TeamMember.objects.filter(pk=member.pk).update(officer=outsider)  # the certificate number is left as drawn
    replay = draw_replay(Draw.objects.get(pk=second.pk))
    assert not replay.identical
    assert any("持证人不符" in line and outsider.name in line for line in replay.lines), replay.lines


def test_replay_notices_a_drawn_row_moved_to_another_task(drawn, insp):  # noqa: F811
    task, (_first, second, _third) = drawn
    other = _drawn_task_rows(insp)[0]
    row = DrawnObject.objects.filter(draw=second).order_by("position").first()
    DrawnObject.objects.filter(pk=row.pk).update(task=other)
    replay = draw_replay(Draw.objects.get(pk=second.pk))
    assert not replay.identical
    assert any("不属于本任务" in line for line in replay.lines), replay.lines


# --- staff screens: a partner department sees another department's conflict reasons ---------------------------


def test_the_draw_page_hides_another_departments_conflict_reason(insp, client_for):
    """views_tasks.draw_detail listed every DrawExclusion with its detail, which for a recusal is the reason the
    officer declared: department B, a partner of A's joint task, read A's officer's declared conflict, which
    conflict_list (scoped to the officer's department) never shows it."""
    d = insp.d
    objs = make_objects(3, start=700, industry="娱乐业", grade=RiskGrade.B)
    conflict_declare(by=d.admin_a, officer=insp.a1, obj=objs[0], reason=SECRET_REASON, declared_on=D(2026, 5, 1))
    task = task_services.task_create(
        by=d.admin_a, title="联合抽查", lead_organisation=d.org_a, start_on=D(2026, 6, 1), end_on=D(2026, 6, 30),
        departments=[{"organisation": d.org_a, "category": d.market, "items": insp.a_items[:1]},
                     {"organisation": d.org_b, "category": d.urban, "items": insp.b_items[:1]}],
        industries=["娱乐业"], ratios={"A": Decimal(0), "B": Decimal(100), "C": Decimal(0), "D": Decimal(0)})
    draw = draw_services.task_draw(by=d.admin_a, task=task, witnesses=["见证人"])
    assert DrawExclusion.objects.filter(draw=draw, reason=ExclusionReason.CONFLICT, officer=insp.a1).exists()
    url = reverse("inspections:draw_detail", args=[draw.public_id])

    own = client_for(d.admin_a).get(url)
    assert own.status_code == 200 and SECRET_REASON in own.content.decode()  # A's own department sees it
    partner = client_for(d.admin_b).get(url)
    assert partner.status_code == 200
    page = partner.content.decode()
    assert SECRET_REASON not in page
    assert "依规回避" in page  # the recusal itself stays visible


# --- crashes: a stored file missing ------------------------------------------------------------------------------


def test_the_staff_snapshot_download_of_a_missing_file_is_a_404_not_a_500(drawn, insp, client_for):  # noqa: F811
    """views_tasks.draw_snapshot opened the stored file unguarded: a snapshot missing from storage (the case a
    replay reports) gave a server error instead of a 404 (the public download already answered 404)."""
    from django.core.files.storage import default_storage
    from django.test import Client

    _task, (first, _second, _third) = drawn
    default_storage.delete(first.pool_file.name)
    client = Client(raise_request_exception=False)
    client.force_login(insp.d.admin_a, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("inspections:draw_snapshot", args=[first.public_id])).status_code == 404

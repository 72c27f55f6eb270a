"""Implementing rules and annual plans (fazhi.inspections.services.plans): versions of the rules with the file's
digest recorded, a plan's items and ratios checked, its changes while a draft, and its small state machine
(draft/returned → submitted → acknowledged or returned), every step recorded, every refusal writing nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.errors import DomainError
from fazhi.inspections.enums import PlanStatus
from fazhi.inspections.models import ImplementingRules, InspectionPlan
from fazhi.inspections.selectors import tasks as sel
from fazhi.inspections.services import plans as svc
from fazhi.inspections.tests.test_tasks import last_entry, world_state
from fazhi.records.enums import Action

D = dt.date


def rules_state():
    return (ImplementingRules.objects.count(), world_state())


def make_plan(insp, by=None, **kw):
    args = {"organisation": insp.d.org_a, "year": 2026, "title": "赛罕区市场监督管理局2026年度双随机抽查工作计划",
            "items": insp.a_items[:2], "frequency": "每季度一次", "planned_tasks": 4,
            "ratios": {"A": Decimal("2"), "B": "5", "C": 20, "D": 100}}
    args.update(kw)
    return svc.plan_create(by=by or insp.d.admin_a, **args)


# --- implementing rules -----------------------------------------------------------------------------------------


def test_rules_are_issued_as_numbered_versions_with_the_file_digest_recorded(insp):
    first = svc.rules_issue(by=insp.d.admin_a, organisation=insp.d.org_a, title="随机抽查工作细则",
                            body="第一条 为规范随机抽查工作……", effective_on=D(2025, 1, 1))
    content = b"%PDF-1.4 rules v2"
    second = svc.rules_issue(by=insp.d.head_a, organisation=insp.d.org_a, title="随机抽查工作细则(修订)",
                             body="第一条 ……", effective_on=D(2026, 1, 1),
                             file=SimpleUploadedFile("细则.pdf", content, content_type="application/pdf"))
    assert (first.version, second.version) == (1, 2)
    assert second.file_sha256 == hashlib.sha256(content).hexdigest() and second.file.read() == content
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_RULES_ISSUED and entry.payload["version"] == 2
    assert entry.payload["previous_version"] == 1
    assert entry.files == [{"name": second.file.name, "sha256": second.file_sha256, "size": len(content),
                            "stored": True}]
    assert sel.rules_current(insp.d.org_a, on=D(2025, 6, 1)) == first
    assert sel.rules_current(insp.d.org_a, on=D(2026, 6, 1)) == second
    assert [r.version for r in sel.rules_list(user=insp.d.admin_b)] == []
    assert sel.rules_get(user=insp.d.legal, public_id=second.public_id) == second


@pytest.mark.parametrize("by, changes, code", [
    ("admin_b", {}, "role_forbidden"),
    ("officer_a", {}, "role_forbidden"),
    ("admin_a", {"title": ""}, "required"),
    ("admin_a", {"effective_on": D(2024, 12, 31)}, "effective_before_previous"),
    ("admin_a", {"effective_on": "2026-01-01"}, "date_required"),
])
def test_rules_refusals_write_nothing(insp, by, changes, code):
    svc.rules_issue(by=insp.d.admin_a, organisation=insp.d.org_a, title="细则", body="正文",
                    effective_on=D(2025, 1, 1))
    before = rules_state()
    args = {"organisation": insp.d.org_a, "title": "细则", "body": "正文", "effective_on": D(2026, 1, 1), **changes}
    with pytest.raises(DomainError) as exc:
        svc.rules_issue(by=getattr(insp.d, by), **args)
    assert exc.value.code == code and rules_state() == before


# --- creating and changing a plan ------------------------------------------------------------------------------


def test_a_plan_is_created_with_its_items_and_ratios_and_recorded(insp):
    plan = make_plan(insp)
    assert plan.status == PlanStatus.DRAFT and plan.created_by == insp.d.admin_a
    assert plan.ratios() == {"A": Decimal("2.00"), "B": Decimal("5.00"), "C": Decimal("20.00"), "D": Decimal("100.00")}
    assert sorted(plan.items.values_list("code", flat=True)) == ["SCJG-JC-001", "SCJG-JC-002"]
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_PLAN_CREATED and entry.subject_id == str(plan.public_id)
    assert entry.payload["items"] == ["SCJG-JC-001", "SCJG-JC-002"]
    assert entry.payload["ratios"] == {"A": "2.00", "B": "5.00", "C": "20.00", "D": "100.00"}


@pytest.mark.parametrize("changes, code, field, rule", [
    ({"ratios": {"D": 120}}, "ratio_above_100", "ratios", "GB58-RATIO"),
    ({"ratios": {"A": "-0.5"}}, "ratio_negative", "ratios", "GB58-RATIO"),
    ({"ratios": {"B": "五"}}, "bad_ratio", "ratios", "GB58-RATIO"),
    ({"ratios": {"B": "5.555"}}, "ratio_precision", "ratios", "GB58-RATIO"),
    ({"items": []}, "items_required", "items", None),
    ({"items": "unlisted"}, "item_not_listed", "items", None),
    ({"items": "of_b"}, "item_not_listed", "items", None),
    ({"year": 1999}, "bad_year", "year", None),
    ({"planned_tasks": 0}, "bad_planned_tasks", "planned_tasks", None),
    ({"frequency": " "}, "required", "frequency", None),
    ({"year": 2026, "title": "重复"}, "plan_exists", "year", None),
    ({"by": "admin_b"}, "role_forbidden", None, None),
])
def test_plan_refusals_write_nothing(insp, changes, code, field, rule):
    make_plan(insp, year=2026)
    if changes.get("items") == "unlisted":
        changes["items"] = [insp.a_items[0], insp.a_unlisted]
    elif changes.get("items") == "of_b":
        changes["items"] = insp.b_items
    if "by" in changes:
        changes["by"] = getattr(insp.d, changes["by"])
    changes.setdefault("year", 2027)
    if code == "plan_exists":
        changes["year"] = 2026
    before = world_state()
    with pytest.raises(DomainError) as exc:
        make_plan(insp, **changes)
    assert (exc.value.code, exc.value.field, exc.value.rule) == (code, field, rule)
    if code == "ratio_above_100":
        assert "抽查比例不能超过100%" in exc.value.message
    assert world_state() == before


def test_a_draft_plan_changes_with_old_and_new_recorded(insp):
    plan = make_plan(insp)
    svc.plan_update(by=insp.d.admin_a, plan=plan, items=insp.a_items, ratios={"B": 10}, notes="增加特种设备")
    plan.refresh_from_db()
    assert plan.items.count() == 3 and plan.ratio_b == Decimal("10.00") and plan.notes == "增加特种设备"
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_PLAN_CHANGED
    assert entry.payload["changes"]["items"] == {"old": ["SCJG-JC-001", "SCJG-JC-002"],
                                                 "new": ["SCJG-JC-001", "SCJG-JC-002", "SCJG-JC-003"]}
    assert entry.payload["changes"]["ratios"]["old"]["B"] == "5.00"
    assert set(entry.payload["changes"]) == {"items", "ratios", "notes"}
    before = world_state()
    for changes, code in (({"notes": "增加特种设备"}, "no_change"), ({"ratios": {"C": 101}}, "ratio_above_100"),
                          ({"status": "acknowledged"}, "unknown_field")):
        with pytest.raises(DomainError) as exc:
            svc.plan_update(by=insp.d.admin_a, plan=plan, **changes)
        assert exc.value.code == code
    assert world_state() == before


# --- the state machine --------------------------------------------------------------------------------------------


def test_submit_return_change_resubmit_acknowledge(insp):
    plan = make_plan(insp)
    svc.plan_submit(by=insp.d.head_a, plan=plan)
    assert plan.status == PlanStatus.SUBMITTED and plan.submitted_by == insp.d.head_a and plan.submitted_at
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_PLAN_SUBMITTED
    assert (entry.payload["from"], entry.payload["to"]) == ("draft", "submitted")

    before = world_state()
    with pytest.raises(DomainError) as exc:
        svc.plan_update(by=insp.d.admin_a, plan=plan, notes="报送后修改")
    assert exc.value.code == "plan_not_editable"
    with pytest.raises(DomainError) as exc:
        svc.plan_acknowledge(by=insp.d.admin_a, plan=plan)  # a department cannot acknowledge its own plan
    assert exc.value.code == "role_forbidden" and "司法局" in exc.value.message
    with pytest.raises(DomainError) as exc:
        svc.plan_return(by=insp.d.legal, plan=plan, reason="  ")
    assert (exc.value.code, exc.value.field) == ("reason_required", "reason")
    assert world_state() == before

    svc.plan_return(by=insp.d.legal, plan=plan, reason="抽查比例偏低,请调整")
    assert plan.status == PlanStatus.RETURNED and plan.return_reason == "抽查比例偏低,请调整"
    entry = last_entry(insp.d.body_a.ledger_key)
    assert entry.action == Action.INSPECTION_PLAN_RETURNED and entry.payload["reason"] == "抽查比例偏低,请调整"
    assert entry.actor_name and (entry.payload["from"], entry.payload["to"]) == ("submitted", "returned")

    svc.plan_update(by=insp.d.admin_a, plan=plan, ratios={"B": 8})
    svc.plan_submit(by=insp.d.admin_a, plan=plan)
    assert last_entry(insp.d.body_a.ledger_key).payload["from"] == "returned"
    svc.plan_acknowledge(by=insp.d.legal, plan=plan)
    assert plan.status == PlanStatus.ACKNOWLEDGED and plan.acknowledged_by == insp.d.legal
    assert last_entry(insp.d.body_a.ledger_key).action == Action.INSPECTION_PLAN_ACKNOWLEDGED

    before = world_state()
    for call in (lambda: svc.plan_submit(by=insp.d.admin_a, plan=plan),
                 lambda: svc.plan_return(by=insp.d.legal, plan=plan, reason="再退回"),
                 lambda: svc.plan_acknowledge(by=insp.d.legal, plan=plan)):
        with pytest.raises(DomainError) as exc:
            call()
        assert exc.value.code == "invalid_source" and "已备案" in exc.value.message
    assert world_state() == before


def test_only_the_department_submits_its_plan(insp):
    plan = make_plan(insp)
    before = world_state()
    for user in (insp.d.admin_b, insp.d.officer_a, insp.d.legal):
        with pytest.raises(DomainError) as exc:
            svc.plan_submit(by=user, plan=plan)
        assert exc.value.code == "role_forbidden"
    assert world_state() == before
    assert InspectionPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_plans_are_listed_within_scope(insp):
    plan = make_plan(insp)
    assert list(sel.plan_list(user=insp.d.admin_a)) == [plan]
    assert list(sel.plan_list(user=insp.d.admin_b)) == []
    assert list(sel.plan_list(user=insp.d.legal, filters={"year": "2026", "status": "draft"})) == [plan]
    assert list(sel.plan_list(user=insp.d.legal, filters={"year": "2025"})) == []
    assert sel.plan_get(user=insp.d.sysadmin, public_id=plan.public_id) == plan
    with pytest.raises(InspectionPlan.DoesNotExist):
        sel.plan_get(user=insp.d.admin_b, public_id=plan.public_id)

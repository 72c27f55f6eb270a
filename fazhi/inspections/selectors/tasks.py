"""Reads of plans, implementing rules, tasks and their drawn objects, already scoped to the user.

Scoping (fazhi.orgs.scoping): the system administrator sees everything and the office (a jurisdiction role) every
organisation of its jurisdiction; a department's user sees its own plans and rules, and the tasks its organisation
(or one below it) takes part in — a joint task is seen by every department taking part.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from fazhi.core.deadlines import Due, deadline
from fazhi.core.workdays import CalendarDataMissing
from fazhi.inspections.enums import TaskStatus
from fazhi.inspections.models import (
    DrawnObject,
    ImplementingRules,
    InspectionPlan,
    InspectionTask,
    TaskDepartment,
    TeamMember,
)
from fazhi.inspections.rules import PUBLISH_RULE
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import organisation_ids_visible_to, scope_queryset
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.records.enums import Action
from fazhi.records.models import Entry


def _truthy(value) -> bool:
    return value not in (None, "", "0", 0, False, "false", "False")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- items --------------------------------------------------------------------------------------------------------


def item_list(*, organisation: Organisation) -> QuerySet[PowerItem]:
    """The department's random-inspection item list (随机抽查事项清单): its published power items of category
    INSPECTION marked `is_inspection_item`, by code."""
    return (PowerItem.objects.filter(departments=organisation, status=PowerItemStatus.PUBLISHED,
                                     category=PowerCategory.INSPECTION, is_inspection_item=True)
            .order_by("code"))


# --- implementing rules -------------------------------------------------------------------------------------------


def rules_list(*, user, filters: dict | None = None) -> QuerySet[ImplementingRules]:
    """Implementing rules the user may see, newest version first per department. Filters: organisation (public id)."""
    filters = filters or {}
    qs = scope_queryset(ImplementingRules.objects.select_related("organisation", "created_by"), user)
    if filters.get("organisation"):
        qs = qs.filter(organisation__public_id=filters["organisation"])
    return qs.order_by("organisation__sort_order", "organisation_id", "-version")


def rules_get(*, user, public_id) -> ImplementingRules:
    """One version the user may see; ImplementingRules.DoesNotExist otherwise."""
    return rules_list(user=user).get(public_id=public_id)


def rules_current(organisation: Organisation, *, on: dt.date | None = None) -> ImplementingRules | None:
    """The version in force on `on` (today): the highest version whose effective date has come."""
    on = on or timezone.localdate()
    return (ImplementingRules.objects.filter(organisation=organisation, effective_on__lte=on)
            .order_by("-version").first())


# --- plans --------------------------------------------------------------------------------------------------------


def plan_list(*, user, filters: dict | None = None) -> QuerySet[InspectionPlan]:
    """Plans the user may see. Filters: q (title), year, status, organisation (public id)."""
    filters = filters or {}
    qs = scope_queryset(InspectionPlan.objects.select_related("organisation"), user)
    if filters.get("q"):
        qs = qs.filter(title__icontains=str(filters["q"]).strip())
    if _int(filters.get("year")):
        qs = qs.filter(year=_int(filters["year"]))
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("organisation"):
        qs = qs.filter(organisation__public_id=filters["organisation"])
    return qs.order_by("-year", "organisation__sort_order", "organisation_id")


def plan_get(*, user, public_id) -> InspectionPlan:
    """One plan the user may see, with its items; InspectionPlan.DoesNotExist otherwise."""
    return (plan_list(user=user).select_related("submitted_by", "acknowledged_by", "created_by")
            .prefetch_related(Prefetch("items", queryset=PowerItem.objects.order_by("code")))
            .get(public_id=public_id))


# --- tasks --------------------------------------------------------------------------------------------------------


def _scoped_tasks(user) -> QuerySet[InspectionTask]:
    visible = organisation_ids_visible_to(user)
    qs = InspectionTask.objects.all()
    if visible is None:
        return qs
    return qs.filter(Exists(TaskDepartment.objects.filter(task=OuterRef("pk"), organisation_id__in=visible)))


def task_list(*, user, filters: dict | None = None) -> QuerySet[InspectionTask]:
    """Tasks the user may see (see the module docstring). Filters: q (number or title), status, kind, organisation
    (public id of a department taking part), year, overdue (truthy: ended, not published, past its INSPECTION-PUBLISH
    date). Newest first."""
    filters = filters or {}
    qs = _scoped_tasks(user).select_related("lead_organisation", "plan")
    if filters.get("q"):
        q = str(filters["q"]).strip()
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q))
    for key in ("status", "kind"):
        if filters.get(key):
            qs = qs.filter(**{key: filters[key]})
    if filters.get("organisation"):
        qs = qs.filter(Exists(TaskDepartment.objects.filter(task=OuterRef("pk"),
                                                            organisation__public_id=filters["organisation"])))
    if _int(filters.get("year")):
        qs = qs.filter(year=_int(filters["year"]))
    if _truthy(filters.get("overdue")):
        qs = qs.filter(status=TaskStatus.ENDED, publish_due__lt=timezone.localdate())
    return qs.order_by("-start_on", "-id")


def task_get(*, user, public_id) -> InspectionTask:
    """One task the user may see, with its departments (lead first) and their items; DoesNotExist otherwise."""
    parts = TaskDepartment.objects.select_related("organisation", "body", "category").prefetch_related(
        Prefetch("items", queryset=PowerItem.objects.order_by("code"))).order_by("-is_lead", "organisation__sort_order",
                                                                                  "organisation_id")
    return (_scoped_tasks(user).select_related("lead_organisation", "plan", "created_by")
            .prefetch_related(Prefetch("departments", queryset=parts)).get(public_id=public_id))


def task_parts(task: InspectionTask) -> list[TaskDepartment]:
    """The departments of a task in the order recorded: the lead first, then by organisation public id (the order
    the draw forms teams in, docs/draw.md)."""
    parts = list(task.departments.select_related("organisation", "body", "category")
                 .prefetch_related(Prefetch("items", queryset=PowerItem.objects.order_by("code"))))
    return sorted(parts, key=lambda p: (not p.is_lead, str(p.organisation.public_id)))


def task_drawn_objects(task: InspectionTask, *, current: bool = True) -> QuerySet[DrawnObject]:
    """The task's drawn objects in draw order (draw by draw), with their teams; `current=False` includes the ones a
    redraw superseded."""
    qs = DrawnObject.objects.filter(task=task)
    if current:
        qs = qs.filter(is_current=True)
    team = TeamMember.objects.select_related("officer", "organisation").order_by("id")
    return (qs.select_related("object", "object__jurisdiction", "draw")
            .prefetch_related(Prefetch("team", queryset=team)).order_by("draw__seq", "position"))


def task_publication(task: InspectionTask) -> tuple[Due | None, str]:
    """(the INSPECTION-PUBLISH date of an ended task — 20 working days from its end — with its trace, or None; the
    reason it is unknown, or ""). Before the task ends: (None, ""); while the year the date runs into has no holiday
    schedule: (None, the CAL-YEAR message)."""
    if task.ended_on is None:
        return None, ""
    try:
        return deadline(PUBLISH_RULE, task.ended_on), ""
    except CalendarDataMissing as exc:
        return None, exc.display


def task_publication_due(task: InspectionTask) -> Due | None:
    """The INSPECTION-PUBLISH date of an ended task, or None (see `task_publication`)."""
    return task_publication(task)[0]


def drawn_list_outdated(task: InspectionTask) -> bool:
    """Whether a redraw or a manual addition came after the drawn list was last published, so that the published
    list no longer matches the current drawn objects (it may then be published again)."""
    if not task.drawn_list_published_on:
        return False
    # both acts are entries of the lead body's ledger: their order there is the order they happened in
    last_draw = task.draws.order_by("-seq").values_list("ledger_key", "entry_seq").first()
    if not last_draw or last_draw[1] is None:
        return False
    published = (Entry.objects.filter(ledger__key=last_draw[0], subject_id=str(task.public_id),
                                      action=Action.INSPECTION_DRAWN_LIST_PUBLISHED)
                 .order_by("-seq").values_list("seq", flat=True).first())
    return bool(published and last_draw[1] > published)

"""Reads of the result screens: an inspector's own visits, one drawn object and its items with their results.
Scoped to the user: a drawn object is visible when the user's organisation (or one the user oversees) takes part in
its task."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from fazhi.inspections.enums import TaskStatus
from fazhi.inspections.models import DrawnObject, InspectionResult, InspectionTask, TaskDepartment, TeamMember
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.personnel.models import Officer


def _officer_of(user) -> Officer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Officer.objects.filter(user=user).first()


def _visible_tasks(user) -> QuerySet[InspectionTask]:
    visible = organisation_ids_visible_to(user)
    if visible is None:
        return InspectionTask.objects.all()
    return InspectionTask.objects.filter(departments__organisation_id__in=visible)


def _count(queryset, group_field: str):
    return Coalesce(Subquery(queryset.values(group_field).annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), Value(0))


def my_inspections(*, user) -> QuerySet[DrawnObject]:
    """The current drawn objects of tasks in progress (DRAWN) whose team includes the user's officer, those where
    the officer's department still has items without a result first, then by the task's end date and draw order.

    Annotations: `my_items` (items of the officer's department in the task), `my_done` (of those, with a result)."""
    officer = _officer_of(user)
    if officer is None:
        return DrawnObject.objects.none()
    org_id = officer.organisation_id
    on_team = Exists(TeamMember.objects.filter(drawn_object=OuterRef("pk"), officer=officer))
    items = TaskDepartment.items.through.objects.filter(taskdepartment__task_id=OuterRef("task_id"),
                                                        taskdepartment__organisation_id=org_id)
    done = InspectionResult.objects.filter(drawn_object=OuterRef("pk"), organisation_id=org_id)
    return (
        DrawnObject.objects.filter(is_current=True, task__status=TaskStatus.DRAWN)
        .filter(on_team)
        .annotate(my_items=_count(items, "taskdepartment__task_id"), my_done=_count(done, "drawn_object_id"))
        .annotate(open_first=Case(When(my_done__gte=F("my_items"), then=Value(1)), default=Value(0),
                                  output_field=IntegerField()))
        .select_related("task", "object", "object__jurisdiction")
        .order_by("open_first", "task__end_on", "task__number", "position")
    )


def drawn_object_get(*, user, public_id) -> DrawnObject:
    """One drawn object (current or superseded) of a task the user may see; DrawnObject.DoesNotExist otherwise."""
    return (
        DrawnObject.objects.filter(task__in=_visible_tasks(user).values("pk"))
        .select_related("task", "task__lead_organisation", "draw", "object", "object__jurisdiction",
                        "superseded_by")
        .prefetch_related(Prefetch("team", queryset=TeamMember.objects.select_related("officer", "organisation")))
        .get(public_id=public_id)
    )


def drawn_object_items(drawn_object: DrawnObject) -> list[tuple]:
    """[(part, item, result or None)] for every item of every department taking part, lead department first then in
    the departments' order, items by code. Results carry their inspectors, photos and case."""
    results = {
        r.power_item_id: r
        for r in InspectionResult.objects.filter(drawn_object=drawn_object)
        .select_related("case", "organisation", "recorded_by").prefetch_related("inspectors", "photos")
    }
    rows = []
    parts = (TaskDepartment.objects.filter(task_id=drawn_object.task_id)
             .select_related("organisation", "body", "category").prefetch_related("items"))
    for part in parts:
        for item in sorted(part.items.all(), key=lambda i: i.code):
            rows.append((part, item, results.get(item.pk)))
    return rows

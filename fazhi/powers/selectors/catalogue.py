"""Reads of the service-item catalogue (政务服务事项), scoped to the user's organisations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import scope_queryset
from fazhi.powers.enums import PowerCategory, PowerItemStatus, ServiceItemEventKind, ServiceItemKind
from fazhi.powers.models import PowerItem, ServiceItem, ServiceItemEvent

__all__ = [
    "CatalogueStats",
    "ResidentDepartment",
    "service_item_departments",
    "service_item_events",
    "service_item_get",
    "service_item_list",
    "service_item_power_item_choices",
    "service_item_resident_departments",
    "service_item_stats",
]


def _converted() -> Exists:
    return Exists(ServiceItemEvent.objects.filter(service_item=OuterRef("pk"), kind=ServiceItemEventKind.CONVERTED))


def service_item_list(*, user, filters: dict | None = None) -> QuerySet[ServiceItem]:
    """Items of the departments the user may see. Filters: q (name or code), kind, department (public id),
    online ("1"/"0"), delegated ("taken_over", "not_taken_over", "any"), converted (truthy), active ("1"/"0")."""
    filters = filters or {}
    qs = (scope_queryset(ServiceItem.objects.all(), user, org_field="department")
          .select_related("department", "power_item")
          .annotate(was_converted=_converted()))
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("department"):
        qs = qs.filter(department__public_id=filters["department"])
    if filters.get("online") in ("1", "0"):
        qs = qs.filter(online=filters["online"] == "1")
    delegated = filters.get("delegated")
    if delegated == "any":
        qs = qs.filter(delegated_from_city=True)
    elif delegated == "taken_over":
        qs = qs.filter(delegated_from_city=True, delegation_taken_over=True)
    elif delegated == "not_taken_over":
        qs = qs.filter(delegated_from_city=True, delegation_taken_over=False)
    if filters.get("converted"):
        qs = qs.filter(was_converted=True)
    if filters.get("active") in ("1", "0"):
        qs = qs.filter(is_active=filters["active"] == "1")
    return qs


def service_item_get(*, user, public_id) -> ServiceItem:
    return service_item_list(user=user).get(public_id=public_id)


def service_item_events(*, item: ServiceItem) -> QuerySet[ServiceItemEvent]:
    return item.events.select_related("created_by").order_by("happened_on", "pk")


def service_item_departments(*, user) -> QuerySet[Organisation]:
    """Departments the user may choose for an item (or filter by): those it may see, in use."""
    return scope_queryset(Organisation.objects.filter(is_active=True), user, org_field="pk").order_by(
        "sort_order", "name")


def service_item_power_item_choices(*, user) -> QuerySet[PowerItem]:
    """Power items an item may be linked to: licensing and other published items of visible departments."""
    visible = service_item_departments(user=user).values("pk")
    return (PowerItem.objects.filter(departments__in=visible, status=PowerItemStatus.PUBLISHED,
                                     category__in=[PowerCategory.LICENSING, PowerCategory.CONFIRMATION,
                                                   PowerCategory.BENEFIT, PowerCategory.OTHER])
            .distinct().order_by("code"))


@dataclass(frozen=True)
class ResidentDepartment:
    public_id: str
    name: str
    approval: int
    public_service: int

    @property
    def total(self) -> int:
        return self.approval + self.public_service


def service_item_resident_departments(*, user) -> list[ResidentDepartment]:
    """The centre's resident departments: a department is resident when it has an item in use that is resident
    in the citizen service centre. With its counts of items by kind."""
    items = service_item_list(user=user).filter(is_active=True, resident_in_centre=True)
    rows = (items.values("department__public_id", "department__name", "department__sort_order")
            .annotate(approval=Count("pk", filter=Q(kind=ServiceItemKind.APPROVAL)),
                      public_service=Count("pk", filter=Q(kind=ServiceItemKind.PUBLIC_SERVICE)))
            .order_by("department__sort_order", "department__name"))
    return [ResidentDepartment(public_id=str(r["department__public_id"]), name=r["department__name"],
                               approval=r["approval"], public_service=r["public_service"]) for r in rows]


@dataclass(frozen=True)
class CatalogueStats:
    """The figures the seed reports: items in use by kind, conversions, delegations taken over or not."""

    total: int
    approval: int
    public_service: int
    converted: int
    delegated: int
    delegated_taken_over: int
    delegated_not_taken_over: int
    online: int
    resident_departments: int
    inactive: int


def service_item_stats(*, user) -> CatalogueStats:
    items = service_item_list(user=user)
    active = Q(is_active=True)
    figures = items.aggregate(
        total=Count("pk", filter=active),
        approval=Count("pk", filter=active & Q(kind=ServiceItemKind.APPROVAL)),
        public_service=Count("pk", filter=active & Q(kind=ServiceItemKind.PUBLIC_SERVICE)),
        online=Count("pk", filter=active & Q(online=True)),
        inactive=Count("pk", filter=Q(is_active=False) & ~Q(delegation_taken_over=False)),
        delegated=Count("pk", filter=Q(delegated_from_city=True)),
        delegated_taken_over=Count("pk", filter=Q(delegated_from_city=True, delegation_taken_over=True)),
        delegated_not_taken_over=Count("pk", filter=Q(delegated_from_city=True, delegation_taken_over=False)),
    )
    # Conversions are counted from the history: an item converted once stays counted whatever happens later.
    converted = (ServiceItemEvent.objects.filter(kind=ServiceItemEventKind.CONVERTED,
                                                 service_item__in=items.values("pk"))
                 .values("service_item").distinct().count())
    resident = (items.filter(is_active=True, resident_in_centre=True).values("department").distinct().count())
    return CatalogueStats(converted=converted, resident_departments=resident, **figures)

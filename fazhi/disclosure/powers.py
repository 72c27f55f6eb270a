"""What the public may read of the power list, the random-inspection item list and the service guides.

Every public field is listed here explicitly, in frozen dataclasses (DESIGN.md mechanism 1): drafts, abolished
items, review flags (needs_review, review_reason), internal notes and anything added to the models later never
reach a public page or the open data unless a field is added here. Only PUBLISHED power items are public; only
service items in use have a public guide. An item's current row is the version in force today: the powers
workflow refuses a publication, adjustment or abolition dated after the day it is entered (guard not_in_future),
so filtering on the status never shows a decision before its effective day."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.orgs.models import Organisation
from fazhi.powers.enums import PowerCategory, PowerItemStatus, ServiceItemKind
from fazhi.powers.models import LegalBasis, PowerItem, ResponsibilityItem, ServiceItem

# --- public shapes -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicItemRef:
    """A link to another published power item."""

    public_id: str
    code: str
    name: str


@dataclass(frozen=True)
class PublicLegalBasis:
    law_title: str
    article_label: str
    paragraph: int | None
    item: int | None
    citation: str
    text: str  # the article's text as the statute words it


@dataclass(frozen=True)
class PublicResponsibility:
    stage: str
    stage_label: str
    content: str


@dataclass(frozen=True)
class PublicPowerItemSummary:
    public_id: str
    code: str
    name: str
    category: str
    category_label: str
    departments: tuple[str, ...]


@dataclass(frozen=True)
class PublicPowerItem:
    """One published item of the power and responsibility list, with the text of its legal bases."""

    public_id: str
    code: str
    name: str
    category: str
    category_label: str
    departments: tuple[str, ...]
    parent: PublicItemRef | None
    sub_items: tuple[PublicItemRef, ...]
    legal_bases: tuple[PublicLegalBasis, ...]
    responsibilities: tuple[PublicResponsibility, ...]
    accountability: str
    statutory_time_limit: str
    committed_time_limit: str
    fees: str
    fee_basis: str
    remedies: str
    flow_description: str
    is_inspection_item: bool
    inspection_method: str
    inspection_object_scope: str
    version: int


@dataclass(frozen=True)
class PublicInspectionItem:
    """One entry of a department's random-inspection item list (随机抽查事项清单)."""

    public_id: str
    code: str
    name: str
    category_label: str
    departments: tuple[str, ...]
    inspection_method: str
    inspection_object_scope: str
    legal_bases: tuple[str, ...]  # citations


@dataclass(frozen=True)
class PublicServiceGuide:
    """The service guide (办事指南) of a service item in use."""

    public_id: str
    code: str
    name: str
    kind: str
    kind_label: str
    department: str
    requirements: str
    materials: str
    statutory_limit_days: int | None
    committed_limit_days: int | None
    fees: str
    place: str
    online: bool
    resident_in_centre: bool
    delegated_from_city: bool
    power_item: PublicItemRef | None


@dataclass(frozen=True)
class PublicDepartment:
    public_id: str
    name: str
    count: int


@dataclass(frozen=True)
class PublicCategory:
    value: str
    label: str
    count: int


# --- querysets (never leave this module: callers receive the dataclasses above) -------------------------------


def _published() -> QuerySet[PowerItem]:
    return PowerItem.objects.filter(status=PowerItemStatus.PUBLISHED)


def _active_guides() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(is_active=True)


def _filter_items(qs: QuerySet[PowerItem], filters: dict) -> QuerySet[PowerItem]:
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if filters.get("category"):
        qs = qs.filter(category=filters["category"])
    if filters.get("department"):
        qs = qs.filter(departments__public_id=filters["department"])
    return qs


def _with_departments(qs: QuerySet[PowerItem]) -> QuerySet[PowerItem]:
    return qs.prefetch_related(Prefetch("departments", queryset=Organisation.objects.order_by("sort_order", "name")))


def _with_detail(qs: QuerySet[PowerItem]) -> QuerySet[PowerItem]:
    return _with_departments(qs).select_related("parent").prefetch_related(
        Prefetch("legal_bases", queryset=LegalBasis.objects.select_related("article", "article__law")),
        Prefetch("responsibilities", queryset=ResponsibilityItem.objects.order_by("sort_order", "pk")),
        Prefetch("sub_items", queryset=_published().order_by("code"), to_attr="published_sub_items"),
    )


# --- conversion to the public shapes -------------------------------------------------------------------------


def _departments(item: PowerItem) -> tuple[str, ...]:
    return tuple(d.name for d in item.departments.all())


def _citation(basis: LegalBasis) -> str:
    law = basis.article.law
    title = law.title if law.title.startswith("《") else f"《{law.title}》"
    parts = [title, basis.article.label]
    if basis.paragraph:
        parts.append(f"第{basis.paragraph}款")
    if basis.item:
        parts.append(f"第{basis.item}项")
    return "".join(parts)


def _legal_basis(basis: LegalBasis) -> PublicLegalBasis:
    return PublicLegalBasis(law_title=str(basis.article.law), article_label=basis.article.label,
                            paragraph=basis.paragraph, item=basis.item, citation=_citation(basis),
                            text=basis.article.text)


def _ref(item: PowerItem | None) -> PublicItemRef | None:
    if item is None or item.status != PowerItemStatus.PUBLISHED:
        return None
    return PublicItemRef(public_id=str(item.public_id), code=item.code, name=item.name)


def _summary(item: PowerItem) -> PublicPowerItemSummary:
    return PublicPowerItemSummary(public_id=str(item.public_id), code=item.code, name=item.name,
                                  category=item.category, category_label=item.get_category_display(),
                                  departments=_departments(item))


def _detail(item: PowerItem) -> PublicPowerItem:
    return PublicPowerItem(
        public_id=str(item.public_id), code=item.code, name=item.name, category=item.category,
        category_label=item.get_category_display(), departments=_departments(item), parent=_ref(item.parent),
        sub_items=tuple(_ref(sub) for sub in item.published_sub_items),
        legal_bases=tuple(_legal_basis(b) for b in item.legal_bases.all()),
        responsibilities=tuple(PublicResponsibility(stage=r.stage, stage_label=r.get_stage_display(),
                                                    content=r.content) for r in item.responsibilities.all()),
        accountability=item.accountability, statutory_time_limit=item.statutory_time_limit,
        committed_time_limit=item.committed_time_limit, fees=item.fees, fee_basis=item.fee_basis,
        remedies=item.remedies, flow_description=item.flow_description,
        is_inspection_item=item.is_inspection_item, inspection_method=item.inspection_method,
        inspection_object_scope=item.inspection_object_scope, version=item.version,
    )


def _inspection(item: PowerItem) -> PublicInspectionItem:
    return PublicInspectionItem(
        public_id=str(item.public_id), code=item.code, name=item.name, category_label=item.get_category_display(),
        departments=_departments(item), inspection_method=item.inspection_method,
        inspection_object_scope=item.inspection_object_scope,
        legal_bases=tuple(_citation(b) for b in item.legal_bases.all()),
    )


def _guide(item: ServiceItem) -> PublicServiceGuide:
    return PublicServiceGuide(
        public_id=str(item.public_id), code=item.code, name=item.name, kind=item.kind,
        kind_label=item.get_kind_display(), department=item.department.name, requirements=item.requirements,
        materials=item.materials, statutory_limit_days=item.statutory_limit_days,
        committed_limit_days=item.committed_limit_days, fees=item.fees, place=item.place, online=item.online,
        resident_in_centre=item.resident_in_centre, delegated_from_city=item.delegated_from_city,
        power_item=_ref(item.power_item),
    )


class PublicPage:
    """A page of public rows: what the templates and the API paginate. Rows are converted lazily per page."""

    def __init__(self, queryset: QuerySet, convert):
        self.queryset = queryset
        self.convert = convert

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.convert(row) for row in self.queryset[index]]
        return self.convert(self.queryset[index])

    def __iter__(self) -> Iterator:
        for row in self.queryset.iterator(chunk_size=500):
            yield self.convert(row)


# --- the public reads ----------------------------------------------------------------------------------------


def power_item_list(*, filters: dict | None = None) -> PublicPage:
    """Published power items, by department / category / keyword (name or code), ordered by code."""
    qs = _filter_items(_published(), filters or {}).distinct().order_by("code")
    return PublicPage(_with_departments(qs), _summary)


def power_item_records(*, filters: dict | None = None) -> PublicPage:
    """The same items with every public field (the open data)."""
    qs = _filter_items(_published(), filters or {}).distinct().order_by("code")
    return PublicPage(_with_detail(qs), _detail)


def power_item_detail(*, public_id) -> PublicPowerItem | None:
    item = _with_detail(_published().filter(public_id=public_id)).first()
    return _detail(item) if item is not None else None


def power_departments() -> list[PublicDepartment]:
    """Departments with published items, with their counts (the browse-by-department list)."""
    rows = (Organisation.objects.filter(power_items__status=PowerItemStatus.PUBLISHED)
            .annotate(n=Count("power_items", filter=Q(power_items__status=PowerItemStatus.PUBLISHED), distinct=True))
            .order_by("sort_order", "name"))
    return [PublicDepartment(public_id=str(o.public_id), name=o.name, count=o.n) for o in rows.distinct()]


def power_categories() -> list[PublicCategory]:
    """The ten categories, each with its count of published items (zero included: the list is fixed)."""
    counts = dict(_published().values_list("category").annotate(n=Count("pk")).order_by())
    return [PublicCategory(value=value, label=str(label), count=counts.get(value, 0))
            for value, label in PowerCategory.choices]


def _inspection_items(filters: dict) -> QuerySet[PowerItem]:
    qs = _filter_items(_published().filter(is_inspection_item=True), filters).distinct().order_by("code")
    return _with_departments(qs).prefetch_related(
        Prefetch("legal_bases", queryset=LegalBasis.objects.select_related("article", "article__law")))


def inspection_item_list(*, filters: dict | None = None) -> PublicPage:
    """The random-inspection item list: published inspection items, per department when one is given."""
    return PublicPage(_inspection_items(filters or {}), _inspection)


def inspection_departments() -> list[PublicDepartment]:
    rows = (Organisation.objects.filter(power_items__status=PowerItemStatus.PUBLISHED,
                                        power_items__is_inspection_item=True)
            .annotate(n=Count("power_items", filter=Q(power_items__status=PowerItemStatus.PUBLISHED,
                                                      power_items__is_inspection_item=True), distinct=True))
            .order_by("sort_order", "name"))
    return [PublicDepartment(public_id=str(o.public_id), name=o.name, count=o.n) for o in rows.distinct()]


def _guides(filters: dict) -> QuerySet[ServiceItem]:
    qs = _active_guides().select_related("department", "power_item")
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if filters.get("department"):
        qs = qs.filter(department__public_id=filters["department"])
    if filters.get("kind") in ServiceItemKind.values:
        qs = qs.filter(kind=filters["kind"])
    if filters.get("online") in ("1", "0", True, False):
        qs = qs.filter(online=filters["online"] in ("1", True))
    return qs.order_by("department__sort_order", "department__name", "code")


def service_guide_list(*, filters: dict | None = None) -> PublicPage:
    """Service guides of the items in use, by department, kind, online acceptance and keyword."""
    return PublicPage(_guides(filters or {}), _guide)


def service_guide_detail(*, public_id) -> PublicServiceGuide | None:
    item = _active_guides().select_related("department", "power_item").filter(public_id=public_id).first()
    return _guide(item) if item is not None else None


def service_guide_departments() -> list[PublicDepartment]:
    rows = (Organisation.objects.filter(service_items__is_active=True)
            .annotate(n=Count("service_items", filter=Q(service_items__is_active=True), distinct=True))
            .order_by("sort_order", "name"))
    return [PublicDepartment(public_id=str(o.public_id), name=o.name, count=o.n) for o in rows.distinct()]


def public_field_names(shape) -> list[str]:
    """The public fields of a shape, in order: the open data's columns."""
    return [f.name for f in dataclasses.fields(shape)]

"""Reads of the object pool (检查对象名录库) and of conflicts of interest, for the screens.

The pool is shared by every department: every internal user sees all of it (a volunteer supervisor, who sees
public data only, sees none). Conflicts are scoped like the officers they concern."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from fazhi.accounts.enums import PUBLIC_DATA_ROLES
from fazhi.inspections.models import ConflictDeclaration, InspectionObject
from fazhi.orgs.models import Jurisdiction
from fazhi.orgs.scoping import jurisdiction_subtree_ids, scope_queryset

# Sort keys a screen or the API may ask for (anything else: by USCC).
OBJECT_SORTS = {
    "uscc": ("uscc",), "-uscc": ("-uscc",),
    "name": ("name", "uscc"), "-name": ("-name", "-uscc"),
    "risk_grade": ("risk_grade", "uscc"), "-risk_grade": ("-risk_grade", "uscc"),
    "complaint_count": ("complaint_count", "uscc"), "-complaint_count": ("-complaint_count", "uscc"),
    "registered_on": ("registered_on", "uscc"), "-registered_on": ("-registered_on", "uscc"),
    "last_inspected_on": ("last_inspected_on", "uscc"), "-last_inspected_on": ("-last_inspected_on", "uscc"),
    "updated_at": ("updated_at", "uscc"), "-updated_at": ("-updated_at", "uscc"),
}
DEFAULT_OBJECT_SORT = "uscc"
CONFLICT_SORTS = {
    "-declared_on": ("-declared_on", "-id"), "declared_on": ("declared_on", "id"),
    "officer": ("officer__name", "id"), "object": ("object__name", "id"),
}
_ASCII_CODE = re.compile(r"[0-9A-Za-z]+")
_TRUE = {"1", "true", "yes", "on", "是"}
_FALSE = {"0", "false", "no", "off", "否"}


def _may_see_pool(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or user.role not in PUBLIC_DATA_ROLES


def _values(value) -> list[str]:
    """A filter value: one value or a list of them (blank ones dropped)."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def _flag(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _by_values(qs: QuerySet, field: str, value) -> QuerySet:
    values = _values(value)
    if len(values) == 1:
        return qs.filter(**{field: values[0]})
    if values:
        return qs.filter(**{f"{field}__in": values})
    return qs


def search_objects(qs: QuerySet, q: str) -> QuerySet:
    """q: an 18-character code finds that USCC; letters and digits find a USCC prefix or a name containing them;
    anything else (Chinese) a name containing it."""
    q = q.strip()
    if not q:
        return qs
    if _ASCII_CODE.fullmatch(q):
        code = q.upper()
        if len(code) == 18:
            return qs.filter(uscc=code)
        return qs.filter(Q(uscc__startswith=code) | Q(name__icontains=q))
    return qs.filter(name__contains=q)


def object_list(*, user, filters: dict | None = None) -> QuerySet[InspectionObject]:
    """Objects of the pool. Filters: q (name substring or USCC prefix), kind, industry, entity_type, jurisdiction
    (a code: that division and the ones within it), registration_status, risk_grade (each one value or a list),
    abnormal (truthy / falsy; blank: any), sort (OBJECT_SORTS; default by USCC)."""
    filters = filters or {}
    if not _may_see_pool(user):
        return InspectionObject.objects.none()
    qs = InspectionObject.objects.select_related("jurisdiction")
    if filters.get("q"):
        qs = search_objects(qs, str(filters["q"]))
    for field in ("kind", "industry", "entity_type", "registration_status", "risk_grade"):
        qs = _by_values(qs, field, filters.get(field))
    codes = _values(filters.get("jurisdiction"))
    if codes:
        roots = list(Jurisdiction.objects.filter(code__in=codes).values_list("pk", flat=True))
        ids: set[int] = set()
        for root in roots:
            ids |= jurisdiction_subtree_ids(root)
        qs = qs.filter(jurisdiction_id__in=ids) if ids else qs.none()
    abnormal = _flag(filters.get("abnormal"))
    if abnormal is not None:
        qs = qs.filter(abnormal=abnormal)
    sort = filters.get("sort") or DEFAULT_OBJECT_SORT
    return qs.order_by(*OBJECT_SORTS.get(sort, OBJECT_SORTS[DEFAULT_OBJECT_SORT]))


def object_get(*, user, public_id) -> InspectionObject:
    """One object of the pool; InspectionObject.DoesNotExist for a user who may not see the pool."""
    if not _may_see_pool(user):
        raise InspectionObject.DoesNotExist
    return InspectionObject.objects.select_related("jurisdiction").get(public_id=public_id)


def object_conflicts(obj: InspectionObject, *, user) -> QuerySet[ConflictDeclaration]:
    """The conflicts declared on one object, as far as the user may see the officers."""
    return conflict_list(user=user, filters={"object": obj.public_id})


def conflict_list(*, user, filters: dict | None = None) -> QuerySet[ConflictDeclaration]:
    """Declared conflicts of officers the user may see. Filters: q (officer name, object name or USCC prefix),
    officer / object / organisation (public ids), sort (CONFLICT_SORTS; default newest first)."""
    filters = filters or {}
    if not _may_see_pool(user):
        return ConflictDeclaration.objects.none()
    qs = scope_queryset(ConflictDeclaration.objects.all(), user, "officer__organisation").select_related(
        "officer", "officer__organisation", "object", "declared_by")
    q = str(filters.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(officer__name__contains=q) | Q(object__name__contains=q)
                       | Q(object__uscc__startswith=q.upper()))
    if filters.get("officer"):
        qs = qs.filter(officer__public_id=filters["officer"])
    if filters.get("object"):
        qs = qs.filter(object__public_id=filters["object"])
    if filters.get("organisation"):
        qs = qs.filter(officer__organisation__public_id=filters["organisation"])
    sort = filters.get("sort") or "-declared_on"
    return qs.order_by(*CONFLICT_SORTS.get(sort, CONFLICT_SORTS["-declared_on"]))


def conflict_get(*, user, public_id) -> ConflictDeclaration:
    return conflict_list(user=user).get(public_id=public_id)


def _distinct_by_index(column: str) -> list[str]:
    """Distinct non-blank values of an indexed column, one index seek per value (a "loose index scan"): a few
    milliseconds on 1,000,000 objects where SELECT DISTINCT reads the whole index."""
    qn = connection.ops.quote_name
    table, col = qn(InspectionObject._meta.db_table), qn(column)
    sql = (f"WITH RECURSIVE v(x) AS ("  # noqa: S608 - fixed identifiers
           f" SELECT (SELECT {col} FROM {table} WHERE {col} > '' ORDER BY {col} LIMIT 1)"
           f" UNION ALL"
           f" SELECT (SELECT {col} FROM {table} WHERE {col} > v.x ORDER BY {col} LIMIT 1) FROM v WHERE v.x IS NOT NULL"
           f") SELECT x FROM v WHERE x IS NOT NULL")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def industry_choices() -> list[str]:
    """The industries in the pool, sorted (for filter and task forms)."""
    return sorted(_distinct_by_index("industry"))


def entity_type_choices() -> list[str]:
    """The entity types in the pool, sorted."""
    return sorted(InspectionObject.objects.exclude(entity_type="").order_by()
                  .values_list("entity_type", flat=True).distinct())

"""Every write to the service-item catalogue (政务服务事项): creation with its service guide, edits, conversion of
an approval item into a public-service item, and items delegated by the city (taken over or not).

Each write keeps a ServiceItemEvent (the item's history, shown to staff) and appends to the whole-process record
of the department's ledger in the same transaction. Who may write: the route table lets MANAGE_POWERS roles in;
here a body administrator is further held to the items of the departments it may see (its own organisation).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.permissions import MANAGE_POWERS
from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import can_see_organisation
from fazhi.orgs.services import ledger_for_organisation
from fazhi.powers.enums import ServiceItemEventKind, ServiceItemKind
from fazhi.powers.models import PowerItem, ServiceItem, ServiceItemEvent
from fazhi.records import services as records
from fazhi.records.enums import Action

__all__ = [
    "GUIDE_FIELDS",
    "SERVICE_ITEM_FIELDS",
    "service_item_convert",
    "service_item_create",
    "service_item_delegate",
    "service_item_update",
    "service_item_may_manage",
]

# The service guide (办事指南) of an item.
GUIDE_FIELDS = ("requirements", "materials", "statutory_limit_days", "committed_limit_days", "fees", "place",
                "online")
# Everything a create or an edit may set. `kind` changes only through conversion; delegation only through
# service_item_delegate.
SERVICE_ITEM_FIELDS = ("code", "name", "department", "power_item", "resident_in_centre", *GUIDE_FIELDS, "is_active")
_EDITABLE = tuple(f for f in SERVICE_ITEM_FIELDS if f != "code")


def _today() -> dt.date:
    return timezone.localdate()


def service_item_may_manage(user, department: Organisation | None) -> bool:
    """Whether `user` may write items of `department`: a MANAGE_POWERS role that may see the department.
    `user` None stands for the system itself (the demo loader, data migrations)."""
    if user is None:
        return True
    if not MANAGE_POWERS.allows(user):
        return False
    return department is None or can_see_organisation(user, department.pk)


def _check_may_manage(by, department: Organisation) -> None:
    if not service_item_may_manage(by, department):
        raise PermissionDenied(f"无权管理“{department.name}”的政务服务事项")


def _snapshot(item: ServiceItem) -> dict:
    out = {}
    for field in ("code", "name", "kind", "department", "power_item", "resident_in_centre", *GUIDE_FIELDS,
                  "delegated_from_city", "delegation_taken_over", "is_active"):
        value = getattr(item, field)
        out[field] = str(value) if hasattr(value, "pk") else value
    return out


def _record(item: ServiceItem, *, by, action: Action, payload: dict) -> None:
    ledger_key, ledger_name = ledger_for_organisation(item.department)
    records.append(ledger_key=ledger_key, ledger_name=ledger_name, actor=by, action=action,
                   subject_type=ServiceItem._meta.label, subject_id=str(item.public_id), payload=payload)


def _event(item: ServiceItem, *, by, kind: str, happened_on: dt.date, document_number: str = "",
           note: str = "") -> ServiceItemEvent:
    event = ServiceItemEvent(service_item=item, kind=kind, happened_on=happened_on,
                             document_number=(document_number or "").strip(), note=(note or "").strip(),
                             created_by=by if getattr(by, "pk", None) else None)
    event.full_clean(exclude=["created_by"])  # None: written by the system (the demo loader, a migration)
    event.save()
    return event


def _clean_fields(fields: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}


def _check_power_item(power_item: PowerItem | None, department: Organisation) -> None:
    """A service item may point at a power item only of the same department (the item it is the service of)."""
    if power_item is not None and not power_item.departments.filter(pk=department.pk).exists():
        raise DomainError("power_item_department", f"权力事项“{power_item}”不属于“{department.name}”",
                          field="power_item")


def _check_code_free(code: str, *, exclude_pk: int | None = None) -> None:
    qs = ServiceItem.objects.filter(code=code)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise DomainError("duplicate_code", f"事项编码“{code}”已被使用", field="code")


def _save_new(item: ServiceItem) -> None:
    try:
        item.full_clean()
    except ValidationError as exc:
        if "code" in getattr(exc, "error_dict", {}):
            _check_code_free(item.code)  # the clearer message for the usual cause
        raise
    item.save()


@transaction.atomic
def service_item_create(*, by, kind: str, happened_on: dt.date | None = None, document_number: str = "",
                        **fields) -> ServiceItem:
    """Enter an item with its service guide. The committed time limit may not exceed the statutory one."""
    fields = _clean_fields(fields, SERVICE_ITEM_FIELDS)
    if kind not in ServiceItemKind.values:
        raise DomainError("kind", "事项类型应为审批事项或公共服务事项", field="kind")
    department = fields.get("department")
    if department is None:
        raise DomainError("department_required", "请选择实施部门", field="department")
    _check_may_manage(by, department)
    _check_code_free(fields.get("code") or "")
    _check_power_item(fields.get("power_item"), department)
    item = ServiceItem(kind=kind, **fields)
    _save_new(item)
    happened_on = happened_on or _today()
    _event(item, by=by, kind=ServiceItemEventKind.CREATED, happened_on=happened_on, document_number=document_number)
    _record(item, by=by, action=Action.SERVICE_ITEM_CREATED,
            payload=_snapshot(item) | {"happened_on": happened_on, "document_number": document_number})
    return item


@transaction.atomic
def service_item_update(*, by, item: ServiceItem, happened_on: dt.date | None = None, note: str = "",
                        **changes) -> ServiceItem:
    """Edit an item or its guide. Recorded with the changed fields only; nothing changed, nothing recorded."""
    changes = _clean_fields(changes, _EDITABLE)
    item = ServiceItem.objects.select_for_update().select_related("department").get(pk=item.pk)
    _check_may_manage(by, item.department)
    if "department" in changes and changes["department"] is not None:
        _check_may_manage(by, changes["department"])
    if changes.get("is_active") and item.delegation_taken_over is False:
        raise DomainError("not_taken_over", "未承接的市级下放事项不能设为在用;如已承接,请按承接办理",
                          field="is_active")
    before = _snapshot(item)
    for field, value in changes.items():
        setattr(item, field, value)
    _check_power_item(item.power_item, item.department)
    item.full_clean()
    after = _snapshot(item)
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not diff:
        return item
    item.save()
    happened_on = happened_on or _today()
    _event(item, by=by, kind=ServiceItemEventKind.CHANGED, happened_on=happened_on,
           note=note or "变更:" + "、".join(str(ServiceItem._meta.get_field(k).verbose_name) for k in diff))
    _record(item, by=by, action=Action.SERVICE_ITEM_CHANGED, payload={"changes": diff, "happened_on": happened_on})
    return item


@transaction.atomic
def service_item_convert(*, by, item: ServiceItem, happened_on: dt.date, document_number: str,
                         note: str = "") -> ServiceItem:
    """Convert an approval item into a public-service item (审批事项转为服务事项), as the document decided.
    Only an approval item in use can be converted; the date and the deciding document are kept."""
    item = ServiceItem.objects.select_for_update().select_related("department").get(pk=item.pk)
    _check_may_manage(by, item.department)
    if item.kind != ServiceItemKind.APPROVAL:
        raise DomainError("already_service", f"“{item.name}”已是公共服务事项,不能再转为服务事项")
    if not item.is_active:
        raise DomainError("inactive", f"“{item.name}”已停用,不能转为服务事项")
    document_number = (document_number or "").strip()
    if not document_number:
        raise DomainError("document_required", "请填写决定转为服务事项的文件文号", field="document_number")
    if happened_on is None:
        raise DomainError("date_required", "请填写转为服务事项的日期", field="happened_on")
    created = item.events.filter(kind=ServiceItemEventKind.CREATED).order_by("happened_on").first()
    if created is not None and happened_on < created.happened_on:
        raise DomainError("before_created", f"转为服务事项的日期不能早于事项设立日期({created.happened_on:%Y-%m-%d})",
                          field="happened_on")
    item.kind = ServiceItemKind.PUBLIC_SERVICE
    item.full_clean()
    item.save(update_fields=["kind", "updated_at"])
    _event(item, by=by, kind=ServiceItemEventKind.CONVERTED, happened_on=happened_on,
           document_number=document_number, note=note)
    _record(item, by=by, action=Action.SERVICE_ITEM_CONVERTED,
            payload={"from": ServiceItemKind.APPROVAL, "to": ServiceItemKind.PUBLIC_SERVICE,
                     "happened_on": happened_on, "document_number": document_number, "note": note})
    return item


@transaction.atomic
def service_item_delegate(*, by, kind: str, taken_over: bool, happened_on: dt.date, document_number: str,
                          note: str = "", **fields) -> ServiceItem:
    """Register an item the city delegated to the district (市级下放事项) and whether the district took it over.

    Taken over: the item enters the catalogue in use. Not taken over: the row is kept, out of use, as the record
    of the delegation and of the decision (with its reason in `note`), so that "19 of 29 taken over" is data."""
    fields = _clean_fields(fields, SERVICE_ITEM_FIELDS)
    fields.pop("is_active", None)
    if kind not in ServiceItemKind.values:
        raise DomainError("kind", "事项类型应为审批事项或公共服务事项", field="kind")
    department = fields.get("department")
    if department is None:
        raise DomainError("department_required", "请选择承接部门", field="department")
    _check_may_manage(by, department)
    document_number = (document_number or "").strip()
    if not document_number:
        raise DomainError("document_required", "请填写市级下放文件文号", field="document_number")
    if happened_on is None:
        raise DomainError("date_required", "请填写下放日期", field="happened_on")
    if not taken_over and not (note or "").strip():
        raise DomainError("reason_required", "未承接的,请说明原因", field="note")
    _check_code_free(fields.get("code") or "")
    _check_power_item(fields.get("power_item"), department)
    item = ServiceItem(kind=kind, delegated_from_city=True, delegation_taken_over=bool(taken_over),
                       is_active=bool(taken_over), **fields)
    _save_new(item)
    event_kind = ServiceItemEventKind.DELEGATED if taken_over else ServiceItemEventKind.NOT_TAKEN_OVER
    _event(item, by=by, kind=event_kind, happened_on=happened_on, document_number=document_number, note=note)
    _record(item, by=by, action=Action.SERVICE_ITEM_DELEGATED,
            payload=_snapshot(item) | {"taken_over": bool(taken_over), "happened_on": happened_on,
                                       "document_number": document_number, "note": note})
    return item

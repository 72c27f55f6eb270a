"""The life cycle of a power item (权力事项), declared in one place on the core workflow engine.

    draft ──publish──▶ published ──adjust──▶ published (a new version)
                       published ──abolish─▶ abolished

Publishing, every adjustment and the abolition each write a version (fazhi.powers.services.items) with the full
snapshot, the reason, the deciding document's number and the effective date, and one record entry in the ledger
of the item's first department. Who may act: the legal affairs office and the system administrator for every
item, a body administrator for the items its own organisation leads — the first (lead) department is its own
(MANAGE_POWERS, checked by the guard `may_manage_item`); system acts (by=None: the demo loader, management commands)
pass. A decision takes effect on a stated day that is not in the future: a future-dated decision is entered on its
effective day, so the current row, the public list and the version history always agree.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.accounts.permissions import MANAGE_POWERS
from fazhi.core.workflow import Blocked, Transition, Workflow, guard
from fazhi.orgs.scoping import organisation_ids_visible_to
from fazhi.orgs.services import ledger_for_organisation
from fazhi.powers.enums import LawStatus
from fazhi.powers.enums import PowerItemStatus as S
from fazhi.records import services as records
from fazhi.records.enums import Action

JURISDICTION_MANAGERS = frozenset({Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE})


def first_department(item):
    """The department named first: its body's ledger keeps the item's record."""
    through = item.departments.through
    link = through.objects.filter(poweritem_id=item.pk).order_by("pk").select_related("organisation").first()
    return link.organisation if link else None


def department_ids_in_order(item) -> list[int]:
    """The item's department ids in the order they were given: the first is the lead department."""
    through = item.departments.through
    return list(through.objects.filter(poweritem_id=item.pk).order_by("pk").values_list("organisation_id", flat=True))


def may_manage_departments(user, department_ids) -> bool:
    """Whether `user` may change items implemented by `department_ids` (in order, the lead department first):
    system acts and the office always; a body administrator only when the lead department is (under) its own
    organisation — the lead department's body keeps the item's record and publishes it, so another body may not
    act in its name by listing it first."""
    if user is None:
        return True
    if not MANAGE_POWERS.allows(user):
        return False
    if user.is_superuser or user.role in JURISDICTION_MANAGERS:
        return True
    visible = organisation_ids_visible_to(user)
    department_ids = list(department_ids)
    return visible is None or (bool(department_ids) and department_ids[0] in visible)


@guard("may_manage_item")
def may_manage_item(item, ctx):
    ids = department_ids_in_order(item)
    if not may_manage_departments(ctx.by, ids):
        return Blocked("只能管理本单位牵头(列为第一实施部门)的权力事项", code="permission_denied")
    return None


@guard("reason_given", checks_input=True)
def reason_given(item, ctx):
    """Every publication, adjustment and abolition states its reason and takes effect on a stated day."""
    if not str(ctx.payload.get("reason") or "").strip():
        return Blocked(f"请填写{ctx.transition.label_zh}原因", code="reason_required", field="reason")
    if not isinstance(ctx.payload.get("effective_on"), dt.date):
        return Blocked("请填写生效日期", code="effective_on_required", field="effective_on")
    return None


def future_effective_message(effective_on: dt.date) -> str | None:
    """The refusal of an effective date later than today, or None."""
    today = timezone.localdate()
    if effective_on > today:
        return (f"生效日期{effective_on:%Y-%m-%d}晚于今天({today:%Y-%m-%d}):决定请在生效之日录入,"
                "录入后即对外公布")
    return None


@guard("not_in_future", checks_input=True)
def not_in_future(item, ctx):
    """A publication, adjustment or abolition is entered on (or after) its effective day, never ahead of it: the
    item's status and fields change when it is entered, so a future date would make them public too early."""
    effective_on = ctx.payload.get("effective_on")
    message = future_effective_message(effective_on) if isinstance(effective_on, dt.date) else None
    if message:
        return Blocked(message, code="effective_in_future", field="effective_on")
    return None


@guard("not_before_current_version", checks_input=True)
def not_before_current_version(item, ctx):
    """A new version cannot take effect before the version now in force: the history is a sequence in time."""
    effective_on = ctx.payload.get("effective_on")
    current = item.versions.order_by("-version").first()
    if current is not None and isinstance(effective_on, dt.date) and effective_on < current.effective_on:
        return Blocked(f"生效日期不能早于现行版本(第{current.version}版)的生效日期{current.effective_on:%Y-%m-%d}",
                       code="effective_before_current", field="effective_on")
    return None


@guard("legal_basis_cited")
def legal_basis_cited(item, ctx):
    """职权法定: an item is published only with at least one legal basis, none of them from a repealed law."""
    bases = list(item.legal_bases.select_related("article__law"))
    if not bases:
        return Blocked("权力事项须至少有一项法律依据才能公布或调整", code="no_legal_basis", field="legal_bases")
    repealed = sorted({b.article.law.title for b in bases if b.article.law.status == LawStatus.REPEALED})
    if repealed:
        return Blocked("法律依据中的《" + "》《".join(repealed) + "》已废止,请先修改依据", code="repealed_law",
                       field="legal_bases")
    return None


def _item_ledger(item) -> tuple[str, str]:
    department = first_department(item)
    if department is None:
        return records.OFFICE_LEDGER_KEY, "司法局(法制办)"
    return ledger_for_organisation(department)


power_item_workflow = Workflow(
    field="status",
    subject_type="powers.PowerItem",
    subject_label_zh="权力事项",
    ledger=_item_ledger,
    append=records.append,
    transitions=[
        Transition("publish", source={S.DRAFT}, target=S.PUBLISHED, label_zh="公布",
                   guards=[may_manage_item, reason_given, not_in_future, legal_basis_cited],
                   record_action=Action.POWER_ITEM_PUBLISHED),
        Transition("adjust", source={S.PUBLISHED}, target=S.PUBLISHED, label_zh="调整",
                   guards=[may_manage_item, reason_given, not_in_future, not_before_current_version,
                           legal_basis_cited],
                   record_action=Action.POWER_ITEM_ADJUSTED),
        Transition("abolish", source={S.PUBLISHED}, target=S.ABOLISHED, label_zh="取消",
                   guards=[may_manage_item, reason_given, not_in_future, not_before_current_version],
                   record_action=Action.POWER_ITEM_ABOLISHED),
    ],
)

# change names written on versions, per transition
VERSION_CHANGES = {"publish": "published", "adjust": "adjusted", "abolish": "abolished"}

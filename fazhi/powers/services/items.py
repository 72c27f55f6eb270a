"""Every write to the power and responsibility list (权责清单) and to posts (执法岗位).

Items are drafted (power_item_create / power_item_update, only while a draft), then go through the life cycle of
fazhi.powers.workflow: publish → adjust (a new version, still published) → abolish. Each of those steps writes a
PowerItemVersion holding the full snapshot (fields, legal bases, responsibility items, departments), the reason,
the deciding document's number and the effective date; "what changed between two dates" compares the versions
in force on each date (fazhi.powers.selectors.items.power_list_diff).

The rules every write checks (issue 4, "bad input"): a code used once; a category among exactly the ten; departments
that exist; a parent that is another item and forms no cycle; legal bases that are articles of laws not repealed;
a deadline rule id from the rule table (or none). A body administrator may only change items its own organisation
leads (the first department). Every act is appended to the record of the item's first department's body
(ledger_for_organisation).

An item flagged for review (a law it cites was amended or repealed: laws.law_status_change) is cleared by an
adjustment after which every legal basis cites a law in force, or by power_item_review_confirm when the reviewer
finds the change does not affect the item; supervision's scan then resolves the workbench warnings.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.errors import DomainError, PermissionDenied
from fazhi.core.rule_table import RULES_BY_ID
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.services import ledger_for_organisation
from fazhi.personnel.models import Officer
from fazhi.powers.enums import LawStatus, PowerCategory, PowerItemStatus, ResponsibilityStage
from fazhi.powers.models import Article, LegalBasis, Post, PowerItem, PowerItemVersion, ResponsibilityItem
from fazhi.powers.selectors.items import (
    SNAPSHOT_TEXT_FIELDS,
    basis_label,
    power_item_snapshot,
    snapshot_changes,
)
from fazhi.powers.workflow import (
    VERSION_CHANGES,
    department_ids_in_order,
    future_effective_message,
    may_manage_departments,
    power_item_workflow,
)
from fazhi.records import services as records
from fazhi.records.enums import Action

__all__ = [
    "ITEM_TEXT_FIELDS",
    "power_item_abolish",
    "power_item_adjust",
    "power_item_create",
    "power_item_publish",
    "power_item_review_confirm",
    "power_item_update",
    "power_items_bulk_create",
    "post_create",
    "post_update",
]

# Plain fields a draft or an adjustment may set (besides code, name, category, parent, departments, legal bases
# and responsibilities).
ITEM_TEXT_FIELDS = SNAPSHOT_TEXT_FIELDS
_CATEGORY_LABELS = "、".join(str(label) for label in PowerCategory.labels)

BasisRef = tuple  # (Article, paragraph | None, item | None)


# --- checks ----------------------------------------------------------------------------------------------------


def _check_code(code: str, *, exclude_pk: int | None = None) -> str:
    code = (code or "").strip()
    if not code:
        raise DomainError("code_required", "请填写事项编码", field="code")
    taken = PowerItem.objects.filter(code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise DomainError("duplicate_code", f"事项编码“{code}”已存在,编码不能重复", field="code")
    return code


def _check_category(category: str) -> str:
    if category not in PowerCategory.values:
        raise DomainError("invalid_category", f"权力类别“{category}”不在十类权力之内,应为:{_CATEGORY_LABELS}",
                          field="category")
    return category


def _check_departments(departments) -> list[Organisation]:
    departments = list(departments or [])
    if not departments:
        raise DomainError("departments_required", "请至少选择一个实施部门", field="departments")
    if any(d.pk is None for d in departments):
        raise DomainError("unknown_department", "实施部门不存在", field="departments")
    departments = list(dict.fromkeys(departments))
    ids = [d.pk for d in departments]
    if Organisation.objects.filter(pk__in=ids).count() != len(ids):
        raise DomainError("unknown_department", "实施部门不存在", field="departments")
    return departments


def _check_parent(parent: PowerItem | None, item: PowerItem | None) -> None:
    """A parent is another existing item, and following parents up from it never reaches the item (no cycle)."""
    if parent is None:
        return
    if parent.pk is None:
        raise DomainError("unknown_parent", "上级事项不存在", field="parent")
    if item is not None and item.pk is not None:
        seen, node = set(), parent
        while node is not None:
            if node.pk == item.pk:
                raise DomainError("cycle", f"上级事项“{parent.code}”是本事项的下级事项,不能形成循环", field="parent")
            if node.pk in seen:  # pragma: no cover - an existing cycle cannot have been saved by these services
                break
            seen.add(node.pk)
            node = node.parent


def _check_bases(bases) -> list[tuple[Article, int | None, int | None]]:
    cleaned, seen = [], set()
    for ref in bases or []:
        article, paragraph, number = (tuple(ref) + (None, None))[:3]
        if not isinstance(article, Article) or article.pk is None:
            raise DomainError("unknown_article", "法律依据条文不存在", field="legal_bases")
        if article.law.status == LawStatus.REPEALED:
            raise DomainError("repealed_law", f"《{article.law.title}》已废止,不能作为执法依据", field="legal_bases")
        key = (article.pk, paragraph or None, number or None)
        if key not in seen:
            seen.add(key)
            cleaned.append((article, paragraph or None, number or None))
    return cleaned


def _check_responsibilities(responsibilities) -> list[tuple[str, str]]:
    cleaned = []
    for stage, content in responsibilities or []:
        if stage not in ResponsibilityStage.values:
            raise DomainError("invalid_stage", f"责任环节“{stage}”无效", field="responsibilities")
        content = (content or "").strip()
        if not content:
            raise DomainError("responsibility_empty", "责任事项内容不能为空", field="responsibilities")
        cleaned.append((stage, content))
    return cleaned


def _check_rule_id(rule_id: str) -> str:
    rule_id = (rule_id or "").strip()
    if rule_id and rule_id not in RULES_BY_ID:
        raise DomainError("unknown_rule", f"期限规则编号“{rule_id}”不在期限规则表中", field="deadline_rule_id")
    return rule_id


def _check_may_manage(by, departments) -> None:
    if not may_manage_departments(by, [d.pk for d in departments]):
        raise PermissionDenied("只能管理本单位牵头(列为第一实施部门)的权力事项")


def _check_may_manage_item(by, item: PowerItem) -> None:
    if not may_manage_departments(by, department_ids_in_order(item)):
        raise PermissionDenied("只能管理本单位牵头(列为第一实施部门)的权力事项")


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(ITEM_TEXT_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    out = {}
    for key, value in fields.items():
        if key == "is_inspection_item":
            out[key] = bool(value)
        else:
            out[key] = (value or "").strip() if isinstance(value, str) or value is None else value
    if "deadline_rule_id" in out:
        out["deadline_rule_id"] = _check_rule_id(out["deadline_rule_id"])
    return out


def _as_domain_error(exc: ValidationError) -> DomainError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return DomainError("invalid", "; ".join(m for e in errors for m in e.messages), field=field)
    return DomainError("invalid", "; ".join(exc.messages))


# --- writing an item's parts -------------------------------------------------------------------------------------


def _record(item: PowerItem, *, by, action: Action, payload: dict, department: Organisation | None = None) -> None:
    department = department or _first_department(item)
    if department is None:
        key, name = records.OFFICE_LEDGER_KEY, "司法局(法制办)"
    else:
        key, name = ledger_for_organisation(department)
    records.append(ledger_key=key, ledger_name=name, actor=by, action=action, subject_type="powers.PowerItem",
                   subject_id=str(item.public_id), payload=payload)


def _first_department(item: PowerItem) -> Organisation | None:
    from fazhi.powers.workflow import first_department

    return first_department(item)


def _set_departments(item: PowerItem, departments: list[Organisation]) -> None:
    through = PowerItem.departments.through
    through.objects.filter(poweritem_id=item.pk).delete()
    through.objects.bulk_create([through(poweritem_id=item.pk, organisation_id=d.pk) for d in departments])


def _set_bases(item: PowerItem, bases) -> None:
    item.legal_bases.all().delete()
    LegalBasis.objects.bulk_create([LegalBasis(power_item=item, article=a, paragraph=p, item=i) for a, p, i in bases])


def _set_responsibilities(item: PowerItem, responsibilities) -> None:
    item.responsibilities.all().delete()
    ResponsibilityItem.objects.bulk_create([ResponsibilityItem(power_item=item, stage=stage, content=content,
                                                               sort_order=index)
                                            for index, (stage, content) in enumerate(responsibilities)])


def _draft_payload(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k not in ("department_ids", "legal_basis_refs")}


# --- drafts -------------------------------------------------------------------------------------------------------


@transaction.atomic
def power_item_create(*, by, code: str, name: str, category: str, departments: list[Organisation],
                      parent: PowerItem | None = None, legal_bases=(), responsibilities=(), **fields) -> PowerItem:
    """Draft a new item (status draft, version 0). Checks every rule of the module docstring; recorded as
    power_item.created in the ledger of its first department."""
    departments = _check_departments(departments)
    _check_may_manage(by, departments)
    item = PowerItem(code=_check_code(code), name=(name or "").strip(), category=_check_category(category),
                     parent=parent, status=PowerItemStatus.DRAFT, version=0, **_clean_fields(fields))
    _check_parent(parent, None)
    bases = _check_bases(legal_bases)
    responsibilities = _check_responsibilities(responsibilities)
    try:
        item.full_clean()
    except ValidationError as exc:
        raise _as_domain_error(exc) from exc
    item.save()
    _set_departments(item, departments)
    _set_bases(item, bases)
    _set_responsibilities(item, responsibilities)
    _record(item, by=by, action=Action.POWER_ITEM_CREATED, department=departments[0],
            payload=_draft_payload(power_item_snapshot(item)))
    return item


_UNSET = object()


def _apply_changes(item: PowerItem, *, by, code=_UNSET, name=_UNSET, category=_UNSET, parent=_UNSET,
                   departments=_UNSET, legal_bases=_UNSET, responsibilities=_UNSET, **fields) -> None:
    """Check and write the given changes to the item and its parts (the caller holds the row lock)."""
    _check_may_manage_item(by, item)
    if departments is not _UNSET:
        departments = _check_departments(departments)
        _check_may_manage(by, departments)
    if code is not _UNSET:
        item.code = _check_code(code, exclude_pk=item.pk)
    if name is not _UNSET:
        item.name = (name or "").strip()
    if category is not _UNSET:
        item.category = _check_category(category)
    if parent is not _UNSET:
        _check_parent(parent, item)
        item.parent = parent
    for key, value in _clean_fields(fields).items():
        setattr(item, key, value)
    if legal_bases is not _UNSET:
        legal_bases = _check_bases(legal_bases)
    if responsibilities is not _UNSET:
        responsibilities = _check_responsibilities(responsibilities)
    try:
        item.full_clean()
    except ValidationError as exc:
        raise _as_domain_error(exc) from exc
    item.save()
    if departments is not _UNSET:
        _set_departments(item, departments)
    if legal_bases is not _UNSET:
        _set_bases(item, legal_bases)
    if responsibilities is not _UNSET:
        _set_responsibilities(item, responsibilities)


def _locked(item: PowerItem) -> PowerItem:
    return PowerItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def power_item_update(*, by, item: PowerItem, **changes) -> PowerItem:
    """Edit a draft. A published item changes only by an adjustment (a new version with reason and document);
    an abolished one not at all. Recorded as power_item.created (drafting) with the field-level changes."""
    item = _locked(item)
    if item.status != PowerItemStatus.DRAFT:
        raise DomainError("not_draft", f"权力事项当前状态为“{item.get_status_display()}”,只有草稿可以直接修改;"
                                       "已公布的事项请通过“调整”形成新版本", field="status")
    before = power_item_snapshot(item)
    _apply_changes(item, by=by, **changes)
    after = power_item_snapshot(item)
    diff = snapshot_changes(before, after)
    if diff:
        _record(item, by=by, action=Action.POWER_ITEM_CHANGED,
                payload={"changes": {c["field"]: [before.get(c["field"]), after.get(c["field"])] for c in diff}})
    return item


# --- the life cycle ---------------------------------------------------------------------------------------------


def _write_version(item: PowerItem, *, by, change: str, reason: str, document_number: str,
                   effective_on: dt.date) -> PowerItemVersion:
    item.version += 1
    PowerItem.objects.filter(pk=item.pk).update(version=item.version)
    return PowerItemVersion.objects.create(
        power_item=item, version=item.version, change=change, snapshot=power_item_snapshot(item),
        reason=reason.strip(), document_number=(document_number or "").strip(), effective_on=effective_on,
        created_by=by if getattr(by, "pk", None) else None)


def _step(name: str, item: PowerItem, *, by, reason: str, document_number: str, effective_on: dt.date,
          extra: dict | None = None) -> PowerItem:
    payload = {"code": item.code, "reason": (reason or "").strip(), "document_number": (document_number or "").strip(),
               "effective_on": effective_on, "version": item.version + 1, **(extra or {})}
    item = power_item_workflow.transition(item, name, by=by, payload=payload)
    _write_version(item, by=by, change=VERSION_CHANGES[name], reason=reason, document_number=document_number,
                   effective_on=effective_on)
    return item


@transaction.atomic
def power_item_publish(*, by, item: PowerItem, reason: str, effective_on: dt.date,
                       document_number: str = "") -> PowerItem:
    """draft → published: version 1 with the full snapshot, in force from `effective_on`."""
    return _step("publish", item, by=by, reason=reason, document_number=document_number, effective_on=effective_on)


@transaction.atomic
def power_item_adjust(*, by, item: PowerItem, reason: str, effective_on: dt.date, document_number: str = "",
                      **changes) -> PowerItem:
    """Adjust a published item: apply `changes` (the same keys as power_item_create), then write a new version in
    force from `effective_on` (not before the current version's). The status stays published. An adjustment that
    changes nothing is refused."""
    item = _locked(item)
    if item.status != PowerItemStatus.PUBLISHED:
        power_item_workflow.check(item, "adjust", by=by, payload={"reason": reason, "effective_on": effective_on})
    before = power_item_snapshot(item)
    _apply_changes(item, by=by, **changes)
    after = power_item_snapshot(item)
    changes = {c["field"]: [before.get(c["field"]), after.get(c["field"])] for c in snapshot_changes(before, after)}
    if "legal_bases" not in changes and before["legal_basis_refs"] != after["legal_basis_refs"]:
        changes["legal_bases"] = _versioned_basis_labels(before, after)
    if not changes:
        raise DomainError("no_change", "调整内容与现行版本相同,没有需要调整的内容")
    extra = {"changes": changes}
    if item.needs_review and _bases_all_in_force(item):
        extra["review_cleared"] = item.review_reason
        item.needs_review, item.review_reason = False, ""
        item.save(update_fields=["needs_review", "review_reason", "updated_at"])
    return _step("adjust", item, by=by, reason=reason, document_number=document_number, effective_on=effective_on,
                 extra=extra)


def _versioned_basis_labels(before: dict, after: dict) -> list[list[str]]:
    """The bases before and after, naming each law's version: re-pointing a basis to the new version of an
    amended law (the same title and article) is a change although the citations read alike."""
    refs = [*before["legal_basis_refs"], *after["legal_basis_refs"]]
    articles = Article.objects.select_related("law").in_bulk([ref[0] for ref in refs])

    def labels(snapshot: dict) -> list[str]:
        out = []
        for article_id, paragraph, number in snapshot["legal_basis_refs"]:
            article = articles[article_id]
            version = f"({article.law.version})" if article.law.version else ""
            out.append(basis_label(article, paragraph, number) + version)
        return out

    return [labels(before), labels(after)]


def _bases_all_in_force(item: PowerItem) -> bool:
    statuses = list(item.legal_bases.values_list("article__law__status", flat=True))
    return bool(statuses) and all(status == LawStatus.IN_FORCE for status in statuses)


@transaction.atomic
def power_item_review_confirm(*, by, item: PowerItem, reason: str) -> PowerItem:
    """The reviewer found that the amendment or repeal of a cited law does not affect the item (its bases stand):
    clear the review flag, stating why. Recorded as power_item.flagged with needs_review false, the reason and the
    flag's former reason, in the item's ledger; the workbench warnings resolve at the next scan. An item that must
    change is adjusted instead (power_item_adjust clears the flag when its bases all cite laws in force)."""
    item = _locked(item)
    _check_may_manage_item(by, item)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", "请填写复核意见(为何执法依据无需调整)", field="reason")
    if not item.needs_review:
        raise DomainError("not_flagged", "该权力事项没有待复核标记", field="needs_review")
    if item.status == PowerItemStatus.ABOLISHED:
        raise DomainError("abolished", "已取消的权力事项无需复核", field="status")
    flag_reason = item.review_reason
    item.needs_review, item.review_reason = False, ""
    item.save(update_fields=["needs_review", "review_reason", "updated_at"])
    _record(item, by=by, action=Action.POWER_ITEM_REVIEWED,
            payload={"code": item.code, "name": item.name, "needs_review": False, "reason": reason,
                     "review_cleared": flag_reason})
    return item


@transaction.atomic
def power_item_abolish(*, by, item: PowerItem, reason: str, effective_on: dt.date,
                       document_number: str = "") -> PowerItem:
    """published → abolished: a last version (the snapshot as it stood) in force from `effective_on`; from that
    day the item is no longer in the list. Sub-items still published must be abolished first (checked under the
    item's row lock)."""
    item = _locked(item)
    live_children = list(item.sub_items.filter(status=PowerItemStatus.PUBLISHED).order_by("code")
                         .values_list("code", flat=True))
    if live_children:
        raise DomainError("has_live_sub_items", "请先取消其下级事项:" + "、".join(live_children))
    return _step("abolish", item, by=by, reason=reason, document_number=document_number, effective_on=effective_on)


# --- bulk (the importer and the demo) ------------------------------------------------------------------------------

BULK_BATCH_SIZE = 1000


@transaction.atomic
def power_items_bulk_create(*, by, items: list[dict], source: dict | None = None) -> dict:
    """Create many items in bulk, checking the same rules as power_item_create (code unique in the batch and in
    the database, category among the ten, departments existing, parents existing or earlier/later in the batch
    with no cycle, bases not from repealed laws, deadline rule ids from the table, body administrators only for
    their own departments) and, for an item with `publish` = {reason, effective_on, document_number}, publishing it
    (the workflow's publish guards: a reason, a legal basis). Writes one record entry per act —
    power_item.created, and power_item.published with its version — as the single services do (docs/adr/0004).

    Each item dict: code, name, category, departments [Organisation], parent (PowerItem) or parent_code (str),
    legal_bases [(Article, paragraph, item)], responsibilities [(stage, content)], the ITEM_TEXT_FIELDS, and
    optionally publish. `source` (e.g. the import job) is added to every entry's payload.
    Returns counts: items, published, legal_bases, responsibilities, versions, record_entries."""
    source = source or {}
    publish_step = power_item_workflow.get("publish")
    codes: dict[str, int] = {}
    for index, spec in enumerate(items):
        code = (spec.get("code") or "").strip()
        if not code:
            raise DomainError("code_required", "请填写事项编码", field="code")
        if code in codes:
            raise DomainError("duplicate_code", f"事项编码“{code}”重复", field="code")
        codes[code] = index
    for start in range(0, len(codes), 900):
        chunk = list(codes)[start:start + 900]
        taken = list(PowerItem.objects.filter(code__in=chunk).values_list("code", flat=True)[:1])
        if taken:
            raise DomainError("duplicate_code", f"事项编码“{taken[0]}”已存在,编码不能重复", field="code")
    organisation_ids = set(Organisation.objects.values_list("pk", flat=True))
    may_manage_cache: dict[tuple, bool] = {}
    rows: list[PowerItem] = []
    parents: list[tuple[PowerItem, str | PowerItem | None]] = []
    for spec in items:
        departments = list(dict.fromkeys(spec.get("departments") or []))
        if not departments:
            raise DomainError("departments_required", f"{spec['code']}:请至少填写一个实施部门", field="departments")
        if any(d.pk not in organisation_ids for d in departments):
            raise DomainError("unknown_department", f"{spec['code']}:实施部门不存在", field="departments")
        key = tuple(d.pk for d in departments)
        if key not in may_manage_cache:
            may_manage_cache[key] = may_manage_departments(by, key)
        if not may_manage_cache[key]:
            raise PermissionDenied(f"{spec['code']}:只能管理本单位牵头(列为第一实施部门)的权力事项")
        fields = _clean_fields({k: spec[k] for k in ITEM_TEXT_FIELDS if k in spec})
        item = PowerItem(code=spec["code"].strip(), name=(spec.get("name") or "").strip(),
                         category=_check_category(spec.get("category")), status=PowerItemStatus.DRAFT, version=0,
                         **fields)
        try:
            item.clean_fields(exclude=["parent"])
        except ValidationError as exc:
            error = _as_domain_error(exc)
            error.message = f"{item.code}:{error.message}"
            raise error from exc
        spec_bases = _check_bases(spec.get("legal_bases"))
        spec_resp = _check_responsibilities(spec.get("responsibilities"))
        publish = spec.get("publish")
        if publish:
            if not (publish.get("reason") or "").strip() or not isinstance(publish.get("effective_on"), dt.date):
                raise DomainError("reason_required", f"{item.code}:公布须填写原因和生效日期", field="reason")
            future = future_effective_message(publish["effective_on"])
            if future:
                raise DomainError("effective_in_future", f"{item.code}:{future}", field="effective_on")
            if not spec_bases:
                raise DomainError("no_legal_basis", f"{item.code}:权力事项须至少有一项法律依据才能公布",
                                  field="legal_bases")
        item._bulk = {"departments": departments, "bases": spec_bases, "responsibilities": spec_resp,
                      "publish": publish}
        rows.append(item)
        parents.append((item, spec.get("parent") or (spec.get("parent_code") or "").strip() or None))

    # parents: an existing item, or another item of the batch; no cycle among the batch's items
    existing_codes = {p for _, p in parents if isinstance(p, str) and p not in codes}
    existing = {i.code: i for i in PowerItem.objects.filter(code__in=existing_codes)}
    batch_parent: dict[str, str] = {}
    for item, parent in parents:
        if isinstance(parent, PowerItem):
            item.parent = parent
        elif isinstance(parent, str):
            if parent in codes:
                batch_parent[item.code] = parent
            elif parent in existing:
                item.parent = existing[parent]
            else:
                raise DomainError("unknown_parent", f"{item.code}:上级事项“{parent}”不存在", field="parent")
    for code in batch_parent:
        seen, node = {code}, batch_parent.get(code)
        while node is not None:
            if node in seen:
                raise DomainError("cycle", f"{code}:上级事项形成循环({node})", field="parent")
            seen.add(node)
            node = batch_parent.get(node)

    # insert parents before children (depth order within the batch)
    def depth(code: str) -> int:
        d = 0
        while code in batch_parent:
            code, d = batch_parent[code], d + 1
        return d

    by_code = {item.code: item for item in rows}
    for level in sorted({depth(c) for c in codes}):
        batch = [i for i in rows if depth(i.code) == level]
        for item in batch:
            if item.code in batch_parent:
                item.parent = by_code[batch_parent[item.code]]
        PowerItem.objects.bulk_create(batch, batch_size=BULK_BATCH_SIZE)
    if rows and rows[0].pk is None:  # backends that do not return ids from bulk inserts
        pks = dict(PowerItem.objects.filter(code__in=list(codes)).values_list("code", "pk"))
        for item in rows:
            item.pk = item.id = pks[item.code]

    through = PowerItem.departments.through
    through.objects.bulk_create([through(poweritem_id=i.pk, organisation_id=d.pk)
                                 for i in rows for d in i._bulk["departments"]], batch_size=BULK_BATCH_SIZE)
    LegalBasis.objects.bulk_create([LegalBasis(power_item=i, article=a, paragraph=p, item=n)
                                    for i in rows for a, p, n in i._bulk["bases"]], batch_size=BULK_BATCH_SIZE)
    ResponsibilityItem.objects.bulk_create([ResponsibilityItem(power_item=i, stage=s, content=c, sort_order=k)
                                            for i in rows for k, (s, c) in enumerate(i._bulk["responsibilities"])],
                                           batch_size=BULK_BATCH_SIZE)

    ledgers: dict[int, tuple[str, str]] = {}
    entries: dict[str, tuple[str, list[dict]]] = {}
    versions = []
    created_by = by if getattr(by, "pk", None) else None
    published = 0
    for item in rows:
        bulk = item._bulk
        first = bulk["departments"][0]
        if first.pk not in ledgers:
            ledgers[first.pk] = ledger_for_organisation(first)
        key, ledger_name = ledgers[first.pk]
        snapshot = _bulk_snapshot(item, bulk)
        subject = {"subject_type": "powers.PowerItem", "subject_id": str(item.public_id)}
        entries.setdefault(key, (ledger_name, []))[1].append(
            {"action": Action.POWER_ITEM_CREATED, **subject, "payload": {**_draft_payload(snapshot), **source}})
        publish = bulk["publish"]
        if publish:
            reason = publish["reason"].strip()
            document_number = (publish.get("document_number") or "").strip()
            item.status, item.version = publish_step.target, 1
            snapshot = {**snapshot}
            versions.append(PowerItemVersion(power_item=item, version=1, change=VERSION_CHANGES["publish"],
                                             snapshot=snapshot, reason=reason, document_number=document_number,
                                             effective_on=publish["effective_on"], created_by=created_by))
            entries[key][1].append({"action": publish_step.record_action, **subject, "payload": {
                "code": item.code, "reason": reason, "document_number": document_number,
                "effective_on": publish["effective_on"], "version": 1, "from": PowerItemStatus.DRAFT,
                "to": publish_step.target, **source}})
            published += 1
    if published:
        _bulk_mark_published([i for i in rows if i.status == PowerItemStatus.PUBLISHED])
        PowerItemVersion.objects.bulk_create(versions, batch_size=BULK_BATCH_SIZE)
    count = sum(records.append_many(ledger_key=k, ledger_name=n, actor=by, items=e) for k, (n, e) in entries.items())
    return {"items": len(rows), "published": published,
            "legal_bases": sum(len(i._bulk["bases"]) for i in rows),
            "responsibilities": sum(len(i._bulk["responsibilities"]) for i in rows),
            "versions": len(versions), "record_entries": count,
            "created_sha256": hashlib.sha256("\n".join(sorted(str(i.public_id) for i in rows)).encode()).hexdigest()}


def _bulk_mark_published(items: list[PowerItem]) -> None:
    """The status half of the publish step for items this bulk service has just created (recorded above)."""
    pks = [i.pk for i in items]
    for start in range(0, len(pks), 900):
        PowerItem.objects.filter(pk__in=pks[start:start + 900]).update(status=PowerItemStatus.PUBLISHED, version=1)


def _bulk_snapshot(item: PowerItem, bulk: dict) -> dict:
    """power_item_snapshot without queries, from what the bulk service holds (the same keys and order)."""
    snapshot = {
        "code": item.code,
        "name": item.name,
        "category": item.category,
        "parent": item.parent.code if item.parent is not None else "",
        "departments": [d.name for d in bulk["departments"]],
        "department_ids": [d.pk for d in bulk["departments"]],
        "legal_bases": [basis_label(a, p, n) for a, p, n in bulk["bases"]],
        "legal_basis_refs": [[a.pk, p, n] for a, p, n in bulk["bases"]],
        "responsibilities": [[s, c] for s, c in bulk["responsibilities"]],
    }
    for field in SNAPSHOT_TEXT_FIELDS:
        snapshot[field] = getattr(item, field)
    return snapshot


# --- posts -----------------------------------------------------------------------------------------------------------


def _check_post_members(body: EnforcementBody, power_items, officers) -> tuple[list[PowerItem], list[Officer]]:
    power_items, officers = list(dict.fromkeys(power_items or [])), list(dict.fromkeys(officers or []))
    foreign = [o.name for o in officers if o.organisation_id != body.organisation_id]
    if foreign:
        raise DomainError("officer_not_of_body", "只能安排本单位的执法人员:" + "、".join(foreign) + "不属于"
                          + str(body.organisation), field="officers")
    if power_items:
        through = PowerItem.departments.through
        own = set(through.objects.filter(organisation_id=body.organisation_id,
                                         poweritem_id__in=[i.pk for i in power_items])
                  .values_list("poweritem_id", flat=True))
        others = [i.code for i in power_items if i.pk not in own]
        if others:
            raise DomainError("item_not_of_body", "只能承担本单位实施的权力事项:" + "、".join(others),
                              field="power_items")
        abolished = [i.code for i in power_items if i.status == PowerItemStatus.ABOLISHED]
        if abolished:
            raise DomainError("item_abolished", "已取消的权力事项不能分配到岗位:" + "、".join(abolished),
                              field="power_items")
    return power_items, officers


def _check_may_manage_body(by, body: EnforcementBody) -> None:
    if not may_manage_departments(by, [body.organisation_id]):
        raise PermissionDenied("只能管理本单位的执法岗位")


def _post_payload(post: Post) -> dict:
    return {"body": post.body.name, "name": post.name, "duties": post.duties,
            "power_items": sorted(post.power_items.values_list("code", flat=True)),
            "officers": sorted(post.officers.values_list("name", flat=True))}


@transaction.atomic
def post_create(*, by, body: EnforcementBody, name: str, duties: str = "", power_items=(), officers=()) -> Post:
    """Set up a post within a body, holding power items its organisation implements and staffed by officers of
    its organisation. Recorded as post.created in the body's ledger."""
    _check_may_manage_body(by, body)
    power_items, officers = _check_post_members(body, power_items, officers)
    post = Post(body=body, name=(name or "").strip(), duties=(duties or "").strip())
    if Post.objects.filter(body=body, name=post.name).exists():
        raise DomainError("duplicate_post", f"本主体已有岗位“{post.name}”", field="name")
    try:
        post.full_clean()
    except ValidationError as exc:
        raise _as_domain_error(exc) from exc
    post.save()
    post.power_items.set(power_items)
    post.officers.set(officers)
    records.append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=Action.POST_CREATED,
                   subject_type="powers.Post", subject_id=str(post.public_id), payload=_post_payload(post))
    return post


_POST_FIELDS = ("name", "duties", "power_items", "officers")


@transaction.atomic
def post_update(*, by, post: Post, **changes) -> Post:
    """Change a post's name, duties, power items or officers (the same rules as post_create)."""
    unknown = set(changes) - set(_POST_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"不能修改字段:{', '.join(sorted(unknown))}")
    post = Post.objects.select_for_update().select_related("body").get(pk=post.pk)
    _check_may_manage_body(by, post.body)
    before = _post_payload(post)
    power_items, officers = _check_post_members(post.body, changes.get("power_items"), changes.get("officers"))
    for key in ("name", "duties"):
        if key in changes:
            setattr(post, key, (changes[key] or "").strip())
    if Post.objects.filter(body=post.body, name=post.name).exclude(pk=post.pk).exists():
        raise DomainError("duplicate_post", f"本主体已有岗位“{post.name}”", field="name")
    try:
        post.full_clean()
    except ValidationError as exc:
        raise _as_domain_error(exc) from exc
    post.save()
    if "power_items" in changes:
        post.power_items.set(power_items)
    if "officers" in changes:
        post.officers.set(officers)
    after = _post_payload(post)
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if diff:
        records.append(ledger_key=post.body.ledger_key, ledger_name=post.body.name, actor=by,
                       action=Action.POST_CHANGED, subject_type="powers.Post", subject_id=str(post.public_id),
                       payload={"changes": diff})
    return post

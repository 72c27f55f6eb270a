"""Every write to jurisdictions, organisations, enforcement bodies and legal liaisons, recorded."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, LegalLiaison, Organisation
from fazhi.records import services as records
from fazhi.records.enums import Action

OFFICE_LEDGER_NAME = "司法局(法制办)"
ORGANISATION_FIELDS = ("name", "short_name", "uscc", "org_type", "jurisdiction", "parent", "address", "phone",
                       "is_active", "sort_order")
BODY_FIELDS = ("name", "organisation", "basis", "entrusting_body", "legal_basis_text",
               "qualification_certificate_number", "publication_batch", "published_on", "status")


def ledger_for_organisation(organisation: Organisation) -> tuple[str, str]:
    """The ledger an organisation's registry acts go to: its first enforcement body's chain, or the office's."""
    body = organisation.bodies.order_by("pk").first() if organisation.pk else None
    if body is not None:
        return body.ledger_key, body.name
    return records.OFFICE_LEDGER_KEY, OFFICE_LEDGER_NAME


def _snapshot(obj, fields) -> dict:
    out = {}
    for field in fields:
        value = getattr(obj, field)
        out[field] = str(value) if hasattr(value, "pk") else value
    return out


def _check_no_cycle(organisation: Organisation) -> None:
    seen = {organisation.pk}
    parent = organisation.parent
    while parent is not None:
        if parent.pk in seen:
            raise DomainError("cycle", "上级单位设置形成循环", field="parent")
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def organisation_create(*, by, **fields) -> Organisation:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
                   action=Action.ORGANISATION_CREATED, subject_type=organisation._meta.label,
                   subject_id=str(organisation.public_id), payload=_snapshot(organisation, ORGANISATION_FIELDS))
    return organisation


@transaction.atomic
def organisation_update(*, by, organisation: Organisation, **changes) -> Organisation:
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    before = _snapshot(organisation, ORGANISATION_FIELDS)
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    _check_no_cycle(organisation)
    organisation.save()
    after = _snapshot(organisation, ORGANISATION_FIELDS)
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if diff:
        records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
                       action=Action.ORGANISATION_CHANGED, subject_type=organisation._meta.label,
                       subject_id=str(organisation.public_id), payload={"changes": diff})
    return organisation


@transaction.atomic
def body_create(*, by, categories: list[EnforcementCategory] | None = None, **fields) -> EnforcementBody:
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    body = EnforcementBody(**fields)
    body.full_clean()
    body.save()
    if categories:
        body.categories.set(categories)
    payload = _snapshot(body, BODY_FIELDS) | {"categories": sorted(c.code for c in categories or [])}
    records.append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=Action.BODY_CREATED,
                   subject_type=body._meta.label, subject_id=str(body.public_id), payload=payload)
    return body


@transaction.atomic
def body_update(*, by, body: EnforcementBody, categories: list[EnforcementCategory] | None = None,
                **changes) -> EnforcementBody:
    unknown = set(changes) - set(BODY_FIELDS)
    if unknown:
        raise DomainError("unknown_field", f"未知字段:{', '.join(sorted(unknown))}")
    before = _snapshot(body, BODY_FIELDS) | {"categories": sorted(body.categories.values_list("code", flat=True))}
    for field, value in changes.items():
        setattr(body, field, value)
    body.full_clean()
    body.save()
    if categories is not None:
        body.categories.set(categories)
    after = _snapshot(body, BODY_FIELDS) | {"categories": sorted(body.categories.values_list("code", flat=True))}
    diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if diff:
        records.append(ledger_key=body.ledger_key, ledger_name=body.name, actor=by, action=Action.BODY_CHANGED,
                       subject_type=body._meta.label, subject_id=str(body.public_id), payload={"changes": diff})
    return body


@transaction.atomic
def liaison_set(*, by, organisation: Organisation, name: str, post: str = "", phone: str = "",
                full_time: bool = False) -> LegalLiaison:
    """Each organisation names exactly one legal liaison; setting a new one replaces the previous one."""
    if not name.strip():
        raise DomainError("name_required", "请填写法制联络员姓名", field="name")
    liaison, _ = LegalLiaison.objects.update_or_create(
        organisation=organisation,
        defaults={"name": name.strip(), "post": post.strip(), "phone": phone.strip(), "full_time": full_time},
    )
    records.append(ledger_key=records.OFFICE_LEDGER_KEY, ledger_name=OFFICE_LEDGER_NAME, actor=by,
                   action=Action.LIAISON_SET, subject_type=organisation._meta.label,
                   subject_id=str(organisation.public_id),
                   payload={"name": liaison.name, "post": liaison.post, "full_time": full_time})
    return liaison


# --- reference data (not recorded: the division tree and the category list are configuration, not acts) ----------


@transaction.atomic
def jurisdiction_ensure(*, code: str, name: str, level: str, parent: Jurisdiction | None = None) -> Jurisdiction:
    """Get or create an administrative division by its code; an existing one keeps its row."""
    jurisdiction, created = Jurisdiction.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    if created:
        jurisdiction.full_clean()
    return jurisdiction


@transaction.atomic
def category_ensure(*, code: str, name: str) -> EnforcementCategory:
    category, _ = EnforcementCategory.objects.get_or_create(code=code, defaults={"name": name})
    return category

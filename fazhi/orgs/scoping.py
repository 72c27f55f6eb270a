"""Scoping, one place: which organisations a user may see (DESIGN.md mechanism 1).

Selectors of every app narrow their querysets with `organisation_ids_visible_to`; views never filter by hand.
"""

from __future__ import annotations

from fazhi.accounts.enums import JURISDICTION_ROLES, PUBLIC_DATA_ROLES, Role
from fazhi.orgs.models import Jurisdiction, Organisation


def _descendants(parent_map: dict[int, list[int]], root: int) -> set[int]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(parent_map.get(node, ()))
    return seen


def jurisdiction_subtree_ids(jurisdiction_id: int) -> set[int]:
    parent_map: dict[int, list[int]] = {}
    for pk, parent_id in Jurisdiction.objects.values_list("pk", "parent_id"):
        parent_map.setdefault(parent_id, []).append(pk)
    return _descendants(parent_map, jurisdiction_id)


def organisation_subtree_ids(organisation_id: int) -> set[int]:
    parent_map: dict[int, list[int]] = {}
    for pk, parent_id in Organisation.objects.values_list("pk", "parent_id"):
        parent_map.setdefault(parent_id, []).append(pk)
    return _descendants(parent_map, organisation_id)


def organisation_ids_visible_to(user) -> set[int] | None:
    """None means every organisation (the system administrator); an empty set means none."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_fazhi_visible_orgs", "unset")
    if cache != "unset":
        return cache
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        result = None
    elif user.role in PUBLIC_DATA_ROLES or not user.organisation_id:
        result = set()
    elif user.role in JURISDICTION_ROLES:
        jurisdictions = jurisdiction_subtree_ids(user.organisation.jurisdiction_id)
        result = set(Organisation.objects.filter(jurisdiction_id__in=jurisdictions).values_list("pk", flat=True))
    else:
        result = organisation_subtree_ids(user.organisation_id)
    user._fazhi_visible_orgs = result
    return result


def scope_queryset(queryset, user, org_field: str = "organisation"):
    """Narrow any queryset whose rows belong to an organisation through `org_field`."""
    visible = organisation_ids_visible_to(user)
    if visible is None:
        return queryset
    return queryset.filter(**{f"{org_field}__in": visible})


def can_see_organisation(user, organisation_id: int) -> bool:
    visible = organisation_ids_visible_to(user)
    return visible is None or organisation_id in visible


def has_role(user, *roles: Role) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (user.is_superuser or user.role in roles)

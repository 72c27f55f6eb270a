"""Which record ledgers a user may read: the ledger → enforcement body → organisation mapping.

Named by settings.FAZHI_RECORD_VISIBILITY and called by fazhi.records.selectors, which (being a lower layer) cannot
import organisations itself."""

from __future__ import annotations

from fazhi.accounts.enums import JURISDICTION_ROLES
from fazhi.orgs.models import EnforcementBody
from fazhi.orgs.scoping import has_role, organisation_ids_visible_to
from fazhi.records.services import OFFICE_LEDGER_KEY


def ledger_keys_visible_to(user) -> set[str] | None:
    """None: every ledger (system administrator). A body's ledger is visible to whoever may see the body's
    organisation; the legal affairs office's ledger to the jurisdiction-wide roles only."""
    visible = organisation_ids_visible_to(user)
    if visible is None:
        return None
    keys = {f"body:{public_id}" for public_id in
            EnforcementBody.objects.filter(organisation_id__in=visible).values_list("public_id", flat=True)}
    if has_role(user, *JURISDICTION_ROLES):
        keys.add(OFFICE_LEDGER_KEY)
    return keys

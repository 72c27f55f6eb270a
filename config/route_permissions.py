"""The central route-permission table (DESIGN.md mechanism 1).

Every URL name and API route maps to exactly one rule. RoutePermissionMiddleware refuses any route that is
missing here, and fazhi/accounts/tests/test_route_table.py fails when a route has no entry. Object-level scoping
(a body's staff never see another body's rows) is done by the selectors; this table decides who may open a route.
"""

from fazhi.accounts.permissions import (
    INTERNAL,
    LOGGED_IN,
    MANAGE_CERTIFICATES,
    MANAGE_OFFICERS,
    MANAGE_ORGS,
    MANAGE_SUPERVISORS,
    PUBLIC,
    STAFF_ONLY,
)

ROUTES = {
    # --- platform -----------------------------------------------------------------------------------
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "admin:*": STAFF_ONLY,
    "web:workbench": LOGGED_IN,
    # --- accounts -----------------------------------------------------------------------------------
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": LOGGED_IN,
    # --- orgs ---------------------------------------------------------------------------------------
    # --- personnel ----------------------------------------------------------------------------------
    # --- imports (core) -----------------------------------------------------------------------------
    # --- public (disclosure) ------------------------------------------------------------------------
    # --- API ----------------------------------------------------------------------------------------
}

_UNUSED_YET = (INTERNAL, MANAGE_CERTIFICATES, MANAGE_OFFICERS, MANAGE_ORGS, MANAGE_SUPERVISORS)

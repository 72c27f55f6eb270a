"""The central route table is complete: every URL pattern has a rule, and no rule names a missing route."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from config.route_permissions import ROUTES
from fazhi.accounts.middleware import rule_for


def walk(patterns, namespace: str = ""):
    """Yield the view name of every named pattern, recursively through includes (admin and the API router)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(pattern.url_patterns, child)
        elif isinstance(pattern, URLPattern):
            # An unnamed pattern resolves to its callback's dotted path (what resolver_match.view_name holds).
            name = pattern.name or pattern.lookup_str
            yield f"{namespace}:{name}" if namespace else name


def all_route_names() -> set[str]:
    return set(walk(get_resolver().url_patterns))


def test_walk_finds_routes_of_every_kind():
    names = all_route_names()
    # One of each source: a plain view, an app namespace, the DRF router (list, detail, action) and the admin.
    for expected in ("healthz", "accounts:login", "orgs:organisation_list", "api:officer-list",
                     "api:officer-detail", "api:certificate-revoke", "admin:index"):
        assert expected in names


def test_every_route_has_a_rule():
    missing = sorted(name for name in all_route_names() if rule_for(name) is None)
    assert not missing, "routes missing from config/route_permissions.py: " + ", ".join(missing)


def test_no_stale_table_entries():
    names = all_route_names()
    namespaces = {name.split(":", 1)[0] for name in names if ":" in name}
    stale = sorted(
        key for key in ROUTES
        if (key.endswith(":*") and key[:-2] not in namespaces) or (not key.endswith(":*") and key not in names)
    )
    assert not stale, "table entries that name no route: " + ", ".join(stale)


@pytest.fixture
def table_without(monkeypatch):
    def _drop(name):
        table = {k: v for k, v in ROUTES.items() if k != name}
        monkeypatch.setattr("config.route_permissions.ROUTES", table)

    return _drop


def test_middleware_refuses_an_unregistered_route(district, client_for, table_without):
    client = client_for(district.sysadmin)
    assert client.get("/healthz").status_code == 200
    table_without("healthz")
    response = client.get("/healthz")
    assert response.status_code == 403
    assert "未登记" in response.content.decode()


def test_unregistered_api_route_is_refused_for_session_and_token(district, client_for, table_without):
    token = Token.objects.create(user=district.legal)
    table_without("api:organisation-list")
    response = client_for(district.sysadmin).get("/api/v1/organisations/")
    assert response.status_code == 403
    # A token request passes the middleware (DRF authenticates it later); RouteTablePermission refuses it.
    response = Client().get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403
    assert "results" not in response.json()
    assert response.json()["detail"] == "该地址未登记权限规则"

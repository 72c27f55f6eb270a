from django.db import connection


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok", "vendor": connection.vendor}
    assert connection.vendor in ("sqlite", "postgresql")


def test_healthz_needs_no_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200  # not a redirect to the login page: load balancers have no account

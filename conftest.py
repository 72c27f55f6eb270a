"""Shared fixtures: a district with two enforcement bodies (A and B) and a user of every role."""

import pytest

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import TEST_PASSWORD, UserFactory
from fazhi.orgs.enums import OrganisationType
from fazhi.orgs.tests.factories import BodyFactory, CategoryFactory, JurisdictionFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for production; tests hash with MD5 (test-only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def district(db):
    jurisdiction = JurisdictionFactory()
    office = OrganisationFactory(name="赛罕区司法局", jurisdiction=jurisdiction, org_type=OrganisationType.DEPARTMENT)
    org_a = OrganisationFactory(name="赛罕区市场监督管理局", jurisdiction=jurisdiction)
    org_b = OrganisationFactory(name="赛罕区城市管理综合执法局", jurisdiction=jurisdiction)
    market = CategoryFactory(code="market", name="市场监管")
    urban = CategoryFactory(code="urban", name="城市管理")
    body_a = BodyFactory(name="赛罕区市场监督管理局", organisation=org_a)
    body_a.categories.set([market])
    body_b = BodyFactory(name="赛罕区城市管理综合执法局", organisation=org_b)
    body_b.categories.set([urban])

    def user(role, organisation, **kw):
        return UserFactory(role=role, organisation=organisation, **kw)

    class District:
        pass

    d = District()
    d.jurisdiction, d.office, d.org_a, d.org_b = jurisdiction, office, org_a, org_b
    d.body_a, d.body_b, d.market, d.urban = body_a, body_b, market, urban
    d.password = TEST_PASSWORD
    d.sysadmin = user(Role.SYSTEM_ADMIN, office, username="sysadmin")
    d.legal = user(Role.LEGAL_OFFICE, office, username="legal")
    d.admin_a = user(Role.BODY_ADMIN, org_a, username="admin_a")
    d.admin_b = user(Role.BODY_ADMIN, org_b, username="admin_b")
    d.officer_a = user(Role.OFFICER, org_a, username="officer_a")
    d.reviewer_a = user(Role.LEGAL_REVIEWER, org_a, username="reviewer_a")
    d.head_a = user(Role.HEAD, org_a, username="head_a")
    d.volunteer = user(Role.VOLUNTEER_SUPERVISOR, None, username="volunteer")
    return d


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user (axes-aware: force_login skips the backend)."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture(autouse=True, scope="session")
def _huey_immediate():
    """Background tasks run synchronously in tests (djhuey reads settings at import, so set it on the instance)."""
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files (imports, evidence) go to a per-test directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences",
                           "django_db_serialized_rollback"}


@pytest.fixture(autouse=True)
def _record_triggers_lifted_for_flush(request):
    """Transactional tests end with a flush (DELETE on SQLite, TRUNCATE on PostgreSQL) that the append-only
    triggers refuse. Lift them just before that flush; records' post_migrate hook, which the flush emits,
    re-creates them with the functions the migration uses (docs/adr/0005-append-only-entries.md)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(_TRANSACTIONAL_FIXTURES & set(request.fixturenames)) or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up before us, so its flush runs after our teardown
    yield
    from django.db import connection

    from fazhi.records import triggers

    triggers.remove(connection)


@pytest.fixture(autouse=True)
def _fresh_rule_and_calendar_caches():
    """The working-day calendar and the rule table cache what they read for a minute; a test's rolled-back holiday
    year or rule override must not leak into the next test."""
    from fazhi.core import rule_source
    from fazhi.core.workdays import calendar

    calendar.invalidate()
    rule_source.invalidate()
    yield
    calendar.invalidate()
    rule_source.invalidate()

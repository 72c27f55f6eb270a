"""Shared fixtures: a district with two enforcement bodies (A and B) and a user of every role."""

import pytest

from fazhi.accounts.enums import Role
from fazhi.accounts.tests.factories import TEST_PASSWORD, UserFactory
from fazhi.orgs.enums import OrganisationType
from fazhi.orgs.tests.factories import BodyFactory, CategoryFactory, JurisdictionFactory, OrganisationFactory


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

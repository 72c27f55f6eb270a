"""The demo power list has the seed's counts and history, cites only articles of the library, and leaves the
decomposition indicators non-trivial."""

import datetime as dt
import random

import pytest

from fazhi.orgs.models import Organisation
from fazhi.orgs.tests.factories import BodyFactory, JurisdictionFactory, OrganisationFactory
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.powers import selectors
from fazhi.powers.enums import PowerItemStatus
from fazhi.powers.models import LegalBasis, PowerItem
from fazhi.records.models import Entry
from fazhi.web.demo import data, powers_items, powers_laws

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def district(db):
    jurisdiction = JurisdictionFactory(code=data.DISTRICT_CODE, name=data.DISTRICT_NAME)
    for _key, name, short, org_type, *_rest in data.ORGANISATIONS:
        OrganisationFactory(name=name, short_name=short, jurisdiction=jurisdiction, org_type=org_type)
    market = Organisation.objects.get(name="赛罕区市场监督管理局")
    BodyFactory(name=market.name, organisation=market)
    for n in range(10):
        officer = OfficerFactory(organisation=market)
        if n % 3:
            CertificateFactory(officer=officer, valid_from=dt.date(2023, 1, 1), valid_to=dt.date(2099, 1, 1))
    powers_laws.load(by=None, today=TODAY)
    return market


def test_demo_power_list_has_the_seed_counts_history_and_real_bases(district, django_user_model):
    counts = powers_items.load(by=None, today=TODAY, rng=random.Random(7))
    admin = django_user_model.objects.create(username="root", is_superuser=True)
    stats = selectors.power_item_stats(user=admin)
    assert stats["total"] == 3003 == counts["power_items_published_2017"]
    assert (stats["category_count"], stats["department_count"], stats["vertical_count"]) == (10, 30, 5)
    diff = selectors.power_list_diff(on_a=dt.date(2015, 12, 31), on_b=dt.date(2017, 12, 31))
    assert (diff["count_a"], diff["count_b"]) == (2617, 3003)
    assert (len(diff["added"]), len(diff["removed"])) == (426, 40) and len(diff["changed"]) == 120
    assert PowerItem.objects.filter(status=PowerItemStatus.DRAFT).count() == 12
    assert not PowerItem.objects.filter(status=PowerItemStatus.PUBLISHED, legal_bases__isnull=True).exists()
    licensing = LegalBasis.objects.filter(power_item__category="licensing").values_list("article__law__title",
                                                                                        flat=True).distinct()
    assert set(licensing) == {"中华人民共和国行政许可法"}
    assert PowerItem.objects.filter(name="食品经营许可").exists()
    assert Entry.objects.filter(action="power_item.published").count() == 3003 + 40
    row = selectors.decomposition_indicators(user=admin, on=TODAY)["bodies"][0]
    assert row["items"] > 0 and 0 < row["items_without_post"] < row["items"]
    assert row["posts"] > 1 and row["officers_without_post"] > 0

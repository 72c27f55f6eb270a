"""The demo catalogue has the seed's counts, its guides respect the time-limit rule, and it links service items
to the department's power item of the same name."""

import datetime as dt
import random

import pytest

from fazhi.orgs.models import Organisation
from fazhi.orgs.tests.factories import JurisdictionFactory, OrganisationFactory
from fazhi.powers import selectors
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem, ServiceItem
from fazhi.web.demo import data, powers_catalogue


@pytest.fixture
def departments(db):
    jurisdiction = JurisdictionFactory(code=data.DISTRICT_CODE, name=data.DISTRICT_NAME)
    for _key, name, short, *_rest in data.ORGANISATIONS:
        OrganisationFactory(name=name, short_name=short, jurisdiction=jurisdiction)
    return {row[0]: Organisation.objects.get(name=row[1]) for row in data.ORGANISATIONS}


def test_demo_catalogue_has_the_seed_counts(departments, django_user_model):
    licence = PowerItem.objects.create(code="XK-1", name="食品经营许可", category=PowerCategory.LICENSING,
                                       status=PowerItemStatus.PUBLISHED)
    licence.departments.set([departments["market"]])
    counts = powers_catalogue.load(by=None, today=dt.date(2026, 11, 28), rng=random.Random(7))
    assert (counts["service_items_in_use"], counts["approval"], counts["public_service"]) == (177, 95, 82)
    assert (counts["converted"], counts["delegated"], counts["delegated_taken_over"]) == (66, 29, 19)
    admin = django_user_model.objects.create(username="root", is_superuser=True)
    stats = selectors.service_item_stats(user=admin)
    assert (stats.total, stats.approval, stats.public_service) == (177, 95, 82)
    assert (stats.converted, stats.delegated, stats.delegated_taken_over) == (66, 29, 19)
    assert stats.resident_departments >= 15
    food = ServiceItem.objects.get(name="食品经营许可证核发")
    assert food.power_item == licence and counts["linked_to_power_items"] == 1
    for item in ServiceItem.objects.all():
        if item.statutory_limit_days is not None:
            assert item.committed_limit_days <= item.statutory_limit_days

"""Fixtures of the enforcement tests: body A (market regulation) with three certified officers, one auxiliary
officer, an officer whose certificate expired, a published penalty power item with its legal basis, the document
number patterns and prefixes; and helpers that bring a case to a given step through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.numbering_models import NumberPattern, NumberPrefix
from fazhi.enforcement.models import HearingThreshold
from fazhi.personnel.enums import StaffType
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.powers import services as power_services
from fazhi.powers.enums import LawLevel, LawStatus, PowerCategory
from fazhi.powers.models import Article, Law

PATTERNS = {
    "case": "{prefix}立〔{year}〕{seq}号",
    "penalty_notice": "{prefix}告〔{year}〕{seq}号",
    "hearing_notice": "{prefix}听〔{year}〕{seq}号",
    "penalty_decision": "{prefix}罚〔{year}〕{seq}号",
    "no_penalty_decision": "{prefix}不罚〔{year}〕{seq}号",
}


@pytest.fixture
def enf(district):
    """The enforcement world of body A. Dates: certificates valid 2023-01-01 … 2028-12-31, except `expired_officer`
    whose certificate ended 2026-03-01."""
    for kind, pattern in PATTERNS.items():
        NumberPattern.objects.update_or_create(kind=kind, defaults={"pattern": pattern})
    NumberPrefix.objects.update_or_create(scope=str(district.org_a.public_id), kind="",
                                          defaults={"prefix": "赛市监"})
    NumberPrefix.objects.update_or_create(scope=str(district.org_b.public_id), kind="",
                                          defaults={"prefix": "赛城管"})
    for party_type, amount in (("person", "2000"), ("legal_person", "10000"), ("other_organisation", "10000")):
        HearingThreshold.objects.update_or_create(category=None, party_type=party_type,
                                                  defaults={"min_fine": Decimal(amount),
                                                            "min_confiscation": Decimal(amount)})

    def officer(name, *, valid_to=dt.date(2028, 12, 31), categories=None, staff_type=StaffType.CIVIL_SERVANT,
                organisation=None, certificate=True):
        o = OfficerFactory(name=name, organisation=organisation or district.org_a, staff_type=staff_type)
        if certificate:
            CertificateFactory(officer=o, valid_to=valid_to,
                               categories=categories if categories is not None else [district.market])
        return o

    law = Law.objects.create(title="中华人民共和国食品安全法", short_title="食品安全法", level=LawLevel.LAW,
                             status=LawStatus.IN_FORCE, effective_on=dt.date(2021, 4, 29), version="2021年修正")
    art = Article.objects.create(law=law, number=124, label="第一百二十四条", text="违反本法规定……")
    other_art = Article.objects.create(law=law, number=125, label="第一百二十五条", text="违反本法规定……")
    item = power_services.power_item_create(
        by=district.legal, code="SCJG-CF-001", name="对生产经营不符合食品安全标准的食品的处罚",
        category=PowerCategory.PENALTY, departments=[district.org_a], legal_bases=[(art, None, None)],
        responsibilities=[("decide", "依法作出处罚决定")])
    item = power_services.power_item_publish(by=district.legal, item=item, reason="公布权责清单",
                                             effective_on=dt.date(2020, 1, 1))

    class Enf:
        pass

    e = Enf()
    e.d = district
    e.body, e.org = district.body_a, district.org_a
    e.o1, e.o2, e.o3 = officer("张明"), officer("李华"), officer("王芳")
    e.presiding = officer("赵敏")
    e.expired_officer = officer("孙强", valid_to=dt.date(2026, 3, 1))
    e.auxiliary = officer("周协管", staff_type=StaffType.AUXILIARY, certificate=False)
    e.urban_officer = officer("吴城", categories=[district.urban])
    e.law, e.article, e.other_article, e.item = law, art, other_art, item
    return e

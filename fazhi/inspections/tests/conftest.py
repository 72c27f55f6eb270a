"""Fixtures of the inspections tests: two departments of the root `district` fixture with published inspection
items, certified officers (and some who are not eligible), task number prefixes and a pool of objects.

Dates: certificates valid 2023-01-01 … 2028-12-31 unless said otherwise; `expiring` ends 2026-12-15."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.numbering_models import NumberPattern, NumberPrefix
from fazhi.inspections.tests.builders import make_objects
from fazhi.orgs.enums import JurisdictionLevel
from fazhi.orgs.tests.factories import JurisdictionFactory
from fazhi.personnel.enums import StaffType
from fazhi.personnel.tests.factories import CertificateFactory, OfficerFactory
from fazhi.powers import services as power_services
from fazhi.powers.enums import LawLevel, LawStatus, PowerCategory
from fazhi.powers.models import Article, Law


def _article():
    law = Law.objects.filter(short_title="企业信息公示暂行条例").first() or Law.objects.create(
        title="企业信息公示暂行条例", short_title="企业信息公示暂行条例", level=LawLevel.ADMINISTRATIVE_REGULATION,
        status=LawStatus.IN_FORCE, effective_on=dt.date(2014, 10, 1), version="2024年修订")
    return Article.objects.get_or_create(law=law, number=14, defaults={
        "label": "第十四条", "text": "国务院市场监督管理部门和省、自治区、直辖市人民政府市场监督管理部门应当按照公平规范的要求,"
                                  "根据企业注册号等随机摇号,确定抽查的企业……"})[0]


def _item(district, *, code, name, organisation, listed=True, category=PowerCategory.INSPECTION):
    item = power_services.power_item_create(
        by=district.legal, code=code, name=name, category=category, departments=[organisation],
        legal_bases=[(_article(), None, None)],
        responsibilities=[("accept", "制定抽查计划,随机抽取检查对象和执法检查人员")],
        is_inspection_item=listed, inspection_method="现场检查、书面检查",
        inspection_object_scope="辖区内市场主体")
    return power_services.power_item_publish(by=district.legal, item=item, reason="公布随机抽查事项清单",
                                             effective_on=dt.date(2020, 1, 1))


@pytest.fixture
def insp(district):
    """The random-inspection world: department A (market regulation, body_a) and B (urban management, body_b)."""
    # seeded by a data migration, which a live-server test's flush removes for the tests after it
    NumberPattern.objects.get_or_create(kind="inspection_task", defaults={"pattern": "{prefix}抽〔{year}〕{seq}号"})
    for org, prefix in ((district.org_a, "赛市监"), (district.org_b, "赛城管")):
        NumberPrefix.objects.update_or_create(scope=str(org.public_id), kind="", defaults={"prefix": prefix})

    def officer(name, *, organisation=None, valid_to=dt.date(2028, 12, 31), categories=None,
                staff_type=StaffType.CIVIL_SERVANT, certificate=True):
        o = OfficerFactory(name=name, organisation=organisation or district.org_a, staff_type=staff_type)
        if certificate:
            CertificateFactory(officer=o, valid_to=valid_to,
                               categories=categories if categories is not None else [district.market])
        return o

    class Insp:
        pass

    i = Insp()
    i.d = district
    i.town = JurisdictionFactory(code="150105100", name="金河镇", level=JurisdictionLevel.TOWN,
                                 parent=district.jurisdiction)
    i.street = JurisdictionFactory(code="150105001", name="人民路街道", level=JurisdictionLevel.SUBDISTRICT,
                                   parent=district.jurisdiction)
    i.a_items = [
        _item(district, code="SCJG-JC-001", name="食品经营者经营活动的监督检查", organisation=district.org_a),
        _item(district, code="SCJG-JC-002", name="企业公示信息情况的检查", organisation=district.org_a),
        _item(district, code="SCJG-JC-003", name="特种设备使用单位的监督检查", organisation=district.org_a),
    ]
    i.a_unlisted = _item(district, code="SCJG-JC-004", name="计量器具的监督检查", organisation=district.org_a,
                         listed=False)
    i.b_items = [
        _item(district, code="CGZF-JC-001", name="户外广告设施设置的监督检查", organisation=district.org_b,
              category=PowerCategory.INSPECTION),
        _item(district, code="CGZF-JC-002", name="门前三包责任落实情况的检查", organisation=district.org_b),
    ]
    # department A's inspector pool: four eligible, and three who are not
    i.a1, i.a2, i.a3, i.a4 = officer("张明"), officer("李华"), officer("王芳"), officer("赵敏")
    i.expiring = officer("孙强", valid_to=dt.date(2026, 12, 15))
    i.auxiliary = officer("周协管", staff_type=StaffType.AUXILIARY, certificate=False)
    i.wrong_category = officer("吴城", categories=[district.urban])
    # department B's pool
    i.b1 = officer("郑伟", organisation=district.org_b, categories=[district.urban])
    i.b2 = officer("冯丽", organisation=district.org_b, categories=[district.urban])
    i.b3 = officer("陈刚", organisation=district.org_b, categories=[district.urban])
    # 200 objects: grades A–D and four industries in turn, half in the town and half in the street
    i.objects = make_objects(100, jurisdiction=i.town) + make_objects(100, start=100, jurisdiction=i.street)
    return i

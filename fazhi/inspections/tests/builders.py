"""Test builders of the inspections tests: checksum-valid USCCs and objects written straight to the table (fixture
data, not acts: the services' own tests create objects through the services)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.validators import USCC_ALPHABET, uscc_check_char
from fazhi.inspections.enums import ObjectKind, RegistrationStatus, RiskGrade
from fazhi.inspections.models import InspectionObject

D = dt.date
GRADES = (RiskGrade.A, RiskGrade.B, RiskGrade.C, RiskGrade.D)
INDUSTRIES = ("餐饮业", "零售业", "食品制造业", "住宿业")


def object_uscc(n: int, *, prefix: str = "92150105") -> str:
    """A checksum-valid USCC for test object n (92 = individual business, region 150105)."""
    body = prefix + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(9))[::-1]
    return body + uscc_check_char(body)


def make_objects(n: int, *, start: int = 0, jurisdiction=None, grade=None, industry=None,
                 kind=ObjectKind.MARKET_ENTITY, status=RegistrationStatus.ACTIVE, **fields) -> list[InspectionObject]:
    """n objects numbered from `start`; grade and industry cycle through GRADES and INDUSTRIES unless given."""
    rows = [
        InspectionObject(
            kind=kind, uscc=object_uscc(i), name=f"赛罕区测试商户{i:05d}", entity_type="个体工商户",
            industry=industry or INDUSTRIES[i % len(INDUSTRIES)], address=f"赛罕区测试路{i}号",
            jurisdiction=jurisdiction, registration_status=status,
            risk_grade=grade or GRADES[i % len(GRADES)], **fields)
        for i in range(start, start + n)
    ]
    return InspectionObject.objects.bulk_create(rows)

"""The enforcement gates that are numbers but not deadlines, as data with their rule ids (rules.md §1, §3).

Deadlines (XZCF-60, -61, -64-1, -64-2, -67, -48, GB118-DECISION, XZQZ-25) come from the deadline engine
(fazhi.core.deadlines); the hearing thresholds (XZCF-63) and each body's catalogue of major decisions (XZCF-58)
are database tables an administrator keeps (models.HearingThreshold, models.MajorCatalogueItem)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.enforcement.enums import PartyType


@dataclass(frozen=True)
class Limit:
    rule_id: str
    value: Decimal | int
    text_zh: str


# XZCF-51: the summary procedure may impose a warning or a fine of at most 200 yuan on a citizen and 3,000 yuan on
# an organisation ("以下" includes the number).
SUMMARY_FINE_MAX = {
    PartyType.PERSON: Limit("XZCF-51", Decimal("200"), "对公民处二百元以下罚款"),
    PartyType.LEGAL_PERSON: Limit("XZCF-51", Decimal("3000"), "对法人或者其他组织处三千元以下罚款"),
    PartyType.OTHER_ORGANISATION: Limit("XZCF-51", Decimal("3000"), "对法人或者其他组织处三千元以下罚款"),
}

# XZCF-36: limitation periods, in years, from the act or the end of a continuing act.
LIMITATION_YEARS = Limit("XZCF-36", 2, "违法行为在二年内未被发现的,不再给予行政处罚")
LIMITATION_YEARS_GRAVE = Limit("XZCF-36", 5, "涉及公民生命健康安全、金融安全且有危害后果的,上述期限延长至五年")

# XZCF-42: at least two officers with enforcement status.
MIN_OFFICERS = Limit("XZCF-42", 2, "行政处罚应当由具有行政执法资格的执法人员实施,执法人员不得少于两人")

# XZCF-72: late surcharge of 3% of the fine per day, never more than the fine.
LATE_SURCHARGE_RATE = Limit("XZCF-72", Decimal("0.03"), "到期不缴纳罚款的,每日按罚款数额的百分之三加处罚款")

# XZQZ-25: one extension of a seizure.
COERCION_MAX_EXTENSIONS = Limit("XZQZ-25", 1, "情况复杂的,经行政机关负责人批准,可以延长,但是延长期限不得超过三十日")

# XZQZ-19: an emergency measure is reported to the head within 24 hours and approved afterwards.
EMERGENCY_REPORT_DAYS = Limit("XZQZ-19", 1, "情况紧急当场实施的,应当在二十四小时内向行政机关负责人报告,并补办批准手续")


def limitation_for(*, grave_harm: bool) -> Limit:
    return LIMITATION_YEARS_GRAVE if grave_harm else LIMITATION_YEARS

"""Demo: a year of enforcement cases in the demo district (issue 5) — about 20,000 at scale 1.

Cases run from 2025-12-01 to the day before `today` across the district's bodies, in proportion to their officers
(market regulation and urban management the largest), with a 案由 of the body's field, a party (a company with a
valid unified social credit code or a person with a valid ID number), two or three officers certified for the body
and the matter for the whole time, a penalty item of the body's published power list and its legal bases, and
every path a case takes: not filed, still a lead, the summary procedure, investigations (some paused for testing,
some extended, some with coercive measures), notices awaiting statements, hearings, major cases with legal reviews
approved / returned / invalidated / pending, collective discussions, decisions (penalty, no penalty for an XZCF-33
reason, not established, transfer to the judiciary), service, payment (some late, with the XZCF-72 surcharge),
execution, closing, publication (a few late, a couple withdrawn) — and about 1.5% open past their XZCF-60 date.

Planned with one random.Random(seed) (the same seed and scale give the same cases), then written in bulk: rows as
fazhi.enforcement.services would write them (same fields, same deadline-engine dates, same numbering), and every
act's record entry hash-chained into the body's ledger with the payload the service writes. Each entry carries the
account that acted (the handling officer, the head, the legal reviewer), so the chain is built here with the
records' own hashing (entry_body / entry_digest), like records.services.append_many but with one actor per entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import struct
import time
import uuid
import zlib
from bisect import bisect_right
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.accounts.services import OFFICE_LEDGER_NAME
from fazhi.core.deadlines import deadline
from fazhi.core.numbering import number_prefix_set
from fazhi.core.numbering_models import NumberPattern, NumberSequence
from fazhi.core.validators import USCC_ALPHABET, uscc_check_char
from fazhi.core.workdays import CalendarDataMissing
from fazhi.core.workdays import calendar as work_calendar
from fazhi.enforcement import rules
from fazhi.enforcement.enums import (
    CaseStatus,
    CoerciveKind,
    CoerciveStatus,
    Disposal,
    DocumentKind,
    EvidenceKind,
    LeadSource,
    MajorReason,
    NoPenaltyReason,
    OfficerRole,
    Outcome,
    PartyType,
    PauseReason,
    PenaltyKind,
    Procedure,
    PublicationStatus,
    ReviewPoint,
    ReviewStatus,
    ServiceMethod,
    zh,
)
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    ClockExtension,
    ClockPause,
    CoerciveMeasure,
    CollectiveDiscussion,
    Decision,
    DraftDecision,
    Evidence,
    Hearing,
    HearingThreshold,
    LegalReview,
    MajorCatalogueItem,
    OnSiteRecord,
    Payment,
    PenaltyNotice,
    Publication,
    ServiceRecord,
)
from fazhi.enforcement.services.publication import decision_public_fields, public_fields_digest
from fazhi.orgs.models import EnforcementBody, EnforcementCategory
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType
from fazhi.personnel.models import Certificate, Officer
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import LegalBasis, PowerItem
from fazhi.records import services as records
from fazhi.records.enums import Action
from fazhi.records.models import Entry, Ledger
from fazhi.web.demo import data
from fazhi.web.demo.plan import IdNumbers, Names, apportion, weighted

CASES_PER_YEAR = 20000
FIRST_DAY = dt.date(2025, 12, 1)
SUBJECT = "enforcement.Case"
CENT = Decimal("0.01")
OVERDUE_SHARE = 0.015
EVIDENCE_CASES_PER_YEAR = 320  # cases with stored evidence files (a small PNG photo and a small PDF each)

# 代字 of each body's organisation (NumberPrefix, kind "" = every kind).
PREFIXES = {
    "market": "赛市监", "urban": "赛城管", "eco": "呼环赛", "health": "赛卫健", "edu": "赛教", "agri": "赛农牧",
    "water": "赛水", "transport": "赛交", "emergency": "赛应急", "housing": "赛住建", "land": "呼自然资赛",
    "culture": "赛文旅", "civil": "赛民政", "hrss": "赛人社", "police": "赛公", "tax": "赛税", "fire": "赛消",
    "forestry": "赛林草", "medical": "赛医保", "drc": "赛发改", "health_sup": "赛卫监", "animal": "赛动监",
    "agri_team": "赛农执", "culture_team": "赛文执", "labour": "赛劳监",
}
# Case volume relative to the number of officers: the big street-level bodies carry most of the caseload.
VOLUME = {"market": 1.5, "urban": 1.6, "police": 0.6, "tax": 0.5, "fire": 0.8, "land": 0.7, "eco": 1.0}

# 案由 by enforcement category: (matter, (person, legal person, other organisation) weights, fine range in yuan for
# a legal person (a person pays about a fifth), further penalty kinds, whether the summary procedure fits).
MATTERS = {
    "market": [
        ("销售不符合食品安全标准的食品", (3, 5, 1), (5000, 150000), ["confiscate_gains", "confiscate_property"], False),
        ("未取得食品经营许可从事食品经营活动", (5, 3, 1), (5000, 50000), ["confiscate_gains"], False),
        ("经营超过保质期的食品", (4, 5, 1), (2000, 50000), ["confiscate_property"], False),
        ("未按规定明码标价", (4, 5, 1), (500, 5000), [], True),
        ("哄抬价格", (2, 6, 1), (10000, 300000), ["confiscate_gains"], False),
        ("未经设立登记从事经营活动(无照经营)", (8, 1, 1), (1000, 10000), ["confiscate_gains"], True),
        ("发布虚假广告", (1, 8, 1), (20000, 200000), [], False),
        ("销售侵犯注册商标专用权的商品", (4, 5, 1), (5000, 100000), ["confiscate_property"], False),
        ("特种设备未经定期检验继续使用", (1, 8, 1), (30000, 150000), [], False),
        ("使用未经检定的计量器具", (5, 4, 1), (500, 3000), [], True),
        ("餐饮服务从业人员未取得健康证明上岗", (3, 6, 1), (500, 5000), [], True),
    ],
    "urban": [
        ("擅自占用城市道路从事经营活动", (9, 1, 1), (50, 2000), [], True),
        ("未取得建设工程规划许可证进行违法建设", (5, 5, 1), (10000, 300000), [], False),
        ("夜间违规施工产生环境噪声污染", (1, 8, 1), (2000, 50000), [], False),
        ("未经批准擅自设置户外广告设施", (3, 6, 1), (1000, 20000), [], True),
        ("运输建筑垃圾车辆未密闭造成撒漏", (2, 7, 1), (2000, 20000), [], False),
        ("餐饮服务单位未安装油烟净化设施", (4, 5, 1), (5000, 50000), [], False),
        ("随意倾倒、抛撒生活垃圾", (8, 2, 1), (50, 2000), [], True),
        ("擅自占用城市绿地", (5, 4, 1), (1000, 20000), [], False),
    ],
    "eco": [
        ("超过大气污染物排放标准排放大气污染物", (1, 9, 1), (100000, 500000), [], False),
        ("建设项目未依法进行环境影响评价擅自开工建设", (1, 9, 1), (50000, 300000), ["stop_production"], False),
        ("工业企业环境噪声超标排放", (1, 9, 1), (20000, 100000), [], False),
        ("未按规定贮存危险废物", (1, 9, 1), (50000, 200000), [], False),
        ("未正常运行污染防治设施", (1, 9, 1), (50000, 200000), [], False),
    ],
    "health": [
        ("未取得医疗机构执业许可证擅自执业", (6, 3, 1), (10000, 100000), ["confiscate_gains", "confiscate_property"], False),
        ("公共场所经营者未取得卫生许可证经营", (4, 5, 1), (500, 5000), [], True),
        ("非医师行医", (9, 0, 0), (10000, 50000), ["confiscate_gains"], False),
        ("集中式供水单位供应的饮用水不符合卫生标准", (0, 9, 1), (20000, 50000), [], False),
        ("医疗机构未按规定处置医疗废物", (0, 9, 1), (5000, 30000), [], False),
    ],
    "education": [
        ("未经批准擅自举办校外培训机构", (6, 3, 1), (5000, 50000), ["confiscate_gains"], False),
        ("民办学校违规招生、发布虚假招生简章", (0, 8, 2), (10000, 50000), [], False),
    ],
    "agriculture": [
        ("经营假劣农药", (5, 5, 1), (5000, 50000), ["confiscate_property"], False),
        ("未取得兽药经营许可证经营兽药", (7, 3, 1), (5000, 30000), ["confiscate_property"], False),
        ("经营未附具检疫证明的动物产品", (7, 3, 1), (2000, 20000), ["confiscate_property"], False),
        ("种子经营者未按规定建立经营档案", (6, 4, 1), (2000, 20000), [], True),
        ("违法开垦草原", (8, 2, 1), (5000, 50000), [], False),
    ],
    "water": [
        ("未经批准擅自取水", (3, 6, 1), (20000, 100000), [], False),
        ("在河道管理范围内违法建设", (4, 5, 1), (10000, 100000), [], False),
        ("未经批准在河道管理范围内采砂", (6, 3, 1), (10000, 100000), ["confiscate_gains"], False),
    ],
    "transport": [
        ("未取得道路运输经营许可擅自从事道路客运经营", (9, 1, 1), (10000, 50000), ["confiscate_gains"], False),
        ("巡游出租汽车驾驶员拒载、议价", (9, 0, 0), (200, 2000), [], True),
        ("车辆违法超限运输", (5, 4, 1), (500, 30000), [], True),
        ("机动车维修经营者未按规定签发竣工出厂合格证", (3, 6, 1), (1000, 5000), [], True),
    ],
    "emergency": [
        ("未按规定对从业人员进行安全生产教育和培训", (0, 9, 1), (10000, 100000), [], False),
        ("未在有较大危险因素的场所设置安全警示标志", (0, 9, 1), (5000, 50000), [], False),
        ("未经许可经营危险化学品", (4, 5, 1), (100000, 200000), ["confiscate_gains", "confiscate_property"], False),
        ("特种作业人员未按规定持证上岗", (0, 9, 1), (10000, 50000), [], False),
        ("生产经营单位未建立事故隐患排查治理制度", (0, 9, 1), (10000, 50000), [], False),
    ],
    "housing": [
        ("未取得施工许可证擅自施工", (1, 9, 1), (20000, 200000), [], False),
        ("物业服务企业未按规定履行物业服务义务", (0, 9, 1), (10000, 50000), [], False),
        ("未取得商品房预售许可证预售商品房", (0, 9, 1), (50000, 300000), ["confiscate_gains"], False),
        ("建设单位未组织竣工验收擅自交付使用", (0, 9, 1), (100000, 300000), [], False),
    ],
    "land": [
        ("非法占用土地", (5, 5, 1), (10000, 300000), [], False),
        ("未经批准擅自改变土地用途", (3, 6, 1), (10000, 200000), [], False),
        ("未取得采矿许可证擅自采矿", (5, 4, 1), (50000, 300000), ["confiscate_gains", "confiscate_property"], False),
    ],
    "culture": [
        ("互联网上网服务营业场所接纳未成年人", (4, 5, 1), (2000, 15000), [], False),
        ("娱乐场所未按规定建立巡查制度", (2, 7, 1), (2000, 20000), [], False),
        ("未经批准举办营业性演出", (3, 6, 1), (10000, 100000), ["confiscate_gains"], False),
        ("旅行社未与旅游者签订旅游合同", (0, 9, 1), (2000, 20000), [], True),
    ],
    "civil": [
        ("社会组织未按规定参加年度检查", (0, 2, 8), (1000, 5000), [], True),
        ("擅自兴建殡葬设施", (6, 3, 1), (5000, 30000), [], False),
    ],
    "hrss": [
        ("用人单位未依法与劳动者订立书面劳动合同", (0, 9, 1), (2000, 20000), [], False),
        ("用人单位克扣、拖欠劳动者工资", (0, 9, 1), (5000, 50000), [], False),
        ("用人单位违法使用童工", (1, 8, 1), (5000, 50000), [], False),
        ("用人单位无理抗拒、阻挠劳动保障监察", (0, 9, 1), (2000, 20000), [], False),
    ],
    "police": [
        ("扰乱单位秩序", (10, 0, 0), (200, 500), [], True),
        ("旅馆业未按规定登记住宿旅客身份信息", (3, 6, 1), (200, 3000), [], True),
        ("娱乐场所未按规定安装、使用闭路电视监控设备", (1, 8, 1), (2000, 20000), [], False),
        ("违反规定燃放烟花爆竹", (10, 0, 0), (100, 500), [], True),
        ("未按规定备案从事保安服务", (0, 9, 1), (1000, 5000), [], True),
    ],
    "tax": [
        ("未按照规定期限办理纳税申报和报送纳税资料", (3, 6, 1), (200, 2000), [], True),
        ("未按照规定开具发票", (3, 6, 1), (200, 10000), [], True),
        ("虚开增值税普通发票", (1, 8, 1), (50000, 500000), ["confiscate_gains"], False),
        ("未按照规定保管发票", (3, 6, 1), (200, 3000), [], True),
    ],
    "fire": [
        ("消防设施、器材未保持完好有效", (1, 8, 1), (5000, 50000), [], False),
        ("占用、堵塞、封闭疏散通道、安全出口", (2, 7, 1), (5000, 50000), [], False),
        ("公众聚集场所未经消防安全检查擅自投入使用、营业", (1, 8, 1), (30000, 300000), ["stop_production"], False),
        ("电动自行车违规停放、充电", (9, 1, 0), (100, 500), [], True),
    ],
    "forestry": [
        ("滥伐林木", (7, 3, 1), (5000, 50000), ["confiscate_property"], False),
        ("未经批准擅自改变林地用途", (5, 4, 1), (10000, 100000), [], False),
        ("非法猎捕、出售陆生野生动物", (9, 1, 0), (2000, 20000), ["confiscate_property"], False),
    ],
    "medical": [
        ("定点医药机构违规结算医疗保障基金", (0, 9, 1), (20000, 200000), [], False),
        ("定点药店串换药品、医用耗材", (0, 9, 1), (10000, 100000), [], False),
    ],
    "development": [
        ("不执行政府指导价、政府定价", (1, 8, 1), (5000, 100000), ["confiscate_gains"], False),
        ("违反节能管理规定使用国家明令淘汰的用能设备", (0, 9, 1), (10000, 50000), [], False),
    ],
}
DEFAULT_MATTERS = MATTERS["market"]

TRADE_NAMES = ["恒通", "蒙源", "鑫盛", "金河", "青城", "敕勒", "草原", "塞北", "宏达", "兴隆", "福瑞", "德顺", "安泰", "博远",
               "华威", "聚丰", "万嘉", "吉祥", "天骄", "北疆", "昭君", "大青山", "伊利达", "银河", "嘉禾", "永盛", "汇丰源",
               "瑞祥", "金桥", "如意", "丰泽", "鸿运", "利民", "昌盛", "诚信", "众合", "广源", "腾飞", "锦程", "禾田"]
TRADES = {
    "market": ["食品", "商贸", "餐饮管理", "超市", "副食品经销", "药房", "电子商务", "服装"],
    "urban": ["建筑工程", "餐饮", "广告", "渣土运输", "房地产开发", "商贸"],
    "eco": ["化工", "建材", "热力", "汽车修理", "印刷", "环保科技"],
    "health": ["诊所", "医疗管理", "洗浴服务", "美容美发", "供水"],
    "education": ["教育咨询", "文化培训", "艺术培训"],
    "agriculture": ["农资", "兽药经销", "种业", "养殖专业合作社"],
    "water": ["砂石料", "建筑工程", "水务"],
    "transport": ["运输", "汽车修理", "出租汽车", "物流"],
    "emergency": ["化工", "机械制造", "建材", "燃气", "物流"],
    "housing": ["房地产开发", "建筑工程", "物业服务"],
    "land": ["砂石料", "建材", "农业开发"],
    "culture": ["网络会所", "娱乐", "文化传媒", "旅行社"],
    "hrss": ["餐饮管理", "建筑劳务", "保安服务", "商贸"],
    "police": ["宾馆", "娱乐", "保安服务"],
    "tax": ["商贸", "科技", "建材", "餐饮管理"],
    "fire": ["商贸", "宾馆", "娱乐", "餐饮"],
    "medical": ["大药房", "医院", "诊所"],
    "development": ["热力", "商贸", "物业服务"],
}
STREETS = ["大学东街", "大学西街", "昭乌达路", "呼伦贝尔南路", "丰州路", "鄂尔多斯大街", "乌兰察布东路", "新华东街", "敕勒川大街",
           "南二环路", "金桥开发区宝力尔街", "展东路", "巴彦淖尔南路", "东影南路", "兴安南路", "腾飞南路", "世纪六路"]
COMMUNITY_PLACES = ["赛罕区大学东路街道", "赛罕区人民路街道", "赛罕区中专路街道", "赛罕区昭乌达路街道", "赛罕区敕勒川路街道",
                    "赛罕区巴彦街道", "赛罕区金河镇", "赛罕区榆林镇", "赛罕区黄合少镇"]
NOT_FILED_REASONS = ["经核查,举报反映的违法事实不存在", "违法行为已超过追责时效(XZCF-36)", "不属于本机关管辖,已告知举报人向有管辖权的机关反映",
                     "违法行为轻微并已当场改正,没有造成危害后果,不予立案", "线索不具体,经补充核查仍无法确定违法主体"]
PAUSE_NOTES = {PauseReason.TESTING: "涉案物品送检,检验期间不计入办案期限",
               PauseReason.SUSPENSION: "当事人下落不明,案件中止调查"}
EXTENSION_REASONS = ["案情复杂,需进一步调查取证", "涉案物品检验结果待复核,需延长办案期限", "当事人提出新的证据材料,需核实"]
RETURN_OPINIONS = {
    ReviewPoint.DISCRETION: "罚款数额未说明适用的裁量基准档次,请补充裁量理由",
    ReviewPoint.FACTS: "违法所得计算依据不充分,请补充进货、销售凭证",
    ReviewPoint.DOCUMENTS: "送达回证缺少受送达人签名,请补正",
    ReviewPoint.BASIS: "引用的法律条款款项不准确,请核对后修改",
}
WITHDRAW_REASONS = ["经行政复议,原行政处罚决定被复议机关撤销", "原行政处罚决定经人民法院判决撤销"]
HEARING_PLACES = ["本机关听证室", "本机关第一会议室"]
SERVICE_METHODS = [(ServiceMethod.DIRECT, 60), (ServiceMethod.MAIL, 18), (ServiceMethod.ELECTRONIC, 14),
                   (ServiceMethod.LEFT, 5), (ServiceMethod.ENTRUSTED, 3)]
# Cases from random inspection (双随机抽查) are opened by the inspections demo from real tasks' findings
# (fazhi/web/demo/inspections.py), so none are invented here.
LEAD_SOURCES = [(LeadSource.COMPLAINT, 38), (LeadSource.INSPECTION, 40), (LeadSource.DISCOVERY, 12),
                (LeadSource.REFERRAL, 6), (LeadSource.TRANSFER, 4)]
MAJOR_CATALOGUE = [
    ("拟作出罚款数额在五万元以上的行政处罚决定", Decimal("50000"), []),
    ("拟作出吊销许可证件、降低资质等级的行政处罚决定", None, [PenaltyKind.REVOKE_LICENCE, PenaltyKind.DOWNGRADE]),
    ("拟作出责令停产停业、责令关闭、限制从业的行政处罚决定", None,
     [PenaltyKind.STOP_PRODUCTION, PenaltyKind.CLOSE, PenaltyKind.RESTRICT_EMPLOYMENT]),
]
CATALOGUE_PUBLISHED_ON = dt.date(2019, 6, 28)
# Category-specific 较大数额 (XZCF-63): market regulation follows 《市场监督管理行政处罚听证办法》第五条.
CATEGORY_THRESHOLDS = {
    "market": ({PartyType.PERSON: "10000", PartyType.LEGAL_PERSON: "100000", PartyType.OTHER_ORGANISATION: "100000"},
               "《市场监督管理行政处罚听证办法》第五条"),
    "eco": ({PartyType.PERSON: "5000", PartyType.LEGAL_PERSON: "50000", PartyType.OTHER_ORGANISATION: "50000"},
            "《生态环境行政处罚办法》第五十二条;本区较大数额标准"),
}
REMEDIES = "如不服本决定,可以在收到本决定书之日起六十日内向赛罕区人民政府申请行政复议,或者在六个月内依法向人民法院提起行政诉讼。"
COMPLIANCE = "自收到本决定书之日起十五日内,持缴款通知书到指定银行缴纳罚没款;到期不缴纳的,每日按罚款数额的百分之三加处罚款。"


class _Rng(random.Random):
    def chance(self, p: float) -> bool:
        return self.random() < p

    def span(self, lo: int, hi: int) -> int:
        return self.randint(lo, hi)


# --- small helpers -----------------------------------------------------------------------------------------------


def _wd(day: dt.date) -> dt.date:
    """The first working day on or after `day` (the district's calendar). Plans run past today into years without
    holiday data; such dates are never written (the plan is cut at the day before today), so they stay as they are."""
    try:
        return work_calendar.next_working_day(day)
    except CalendarDataMissing:
        return day


@lru_cache(maxsize=200_000)
def _due(rule_id: str, start: dt.date, pauses: tuple = (), extensions: tuple = ()) -> dt.date | None:
    """The deadline engine's due date, or None where the engine cannot compute it (a year without holiday data)."""
    try:
        return deadline(rule_id, start, pauses=list(pauses), extensions=list(extensions)).due
    except CalendarDataMissing:
        return None


def _trace(rule_id: str, start: dt.date, **kwargs) -> str:
    try:
        return deadline(rule_id, start, **kwargs).trace
    except CalendarDataMissing as exc:
        return exc.message if hasattr(exc, "message") else str(exc)


def _pdue(rule_id: str, start: dt.date, pauses: tuple = (), extensions: tuple = ()) -> dt.date:
    """For planning only: the engine's date, or a date well after it where the engine lacks the year's calendar
    (only ever for acts after today, which are cut from the plan)."""
    return _due(rule_id, start, pauses, extensions) or start + dt.timedelta(days=120)


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def _round_fine(amount: float) -> Decimal:
    step = 100 if amount < 10000 else 1000
    return _money(max(step, int(round(amount / step)) * step))


def _org_code(rng: random.Random) -> str:
    body = f"{rng.randrange(10**7, 10**8):08d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    check = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def _png(rng: random.Random, text: str) -> bytes:
    """A small valid PNG (48×36, a gradient with a tEXt note): a stand-in for a scene photo."""
    w, h = 48, 36
    r0, g0, b0 = rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200)
    rows = b"".join(b"\x00" + bytes(c for x in range(w) for c in ((r0 + x) % 256, (g0 + y * 2) % 256, b0))
                    for y in range(h))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"tEXt", b"Comment\x00" + text.encode("ascii")) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def _pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF (ASCII text in Helvetica) with a correct cross-reference table."""
    text = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text.encode("ascii") + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# --- context: bodies, officers, items, accounts -----------------------------------------------------------------


class BodyCtx:
    def __init__(self, body: EnforcementBody, key: str):
        self.body, self.key = body, key
        self.org = body.organisation
        self.category: EnforcementCategory | None = None
        self.pool: list[tuple[dt.date, Officer, Certificate]] = []  # sorted by the certificate's valid_from
        self.items: list[tuple[PowerItem, list[int]]] = []
        self.head: User | None = None
        self.reviewer: User | None = None
        self.handlers: list[tuple[User, Officer | None, float]] = []
        self.presiders: list[Officer] = []
        self.prefix = ""
        self._starts: list[dt.date] = []

    def eligible(self, day: dt.date) -> list[tuple[dt.date, Officer, Certificate]]:
        if len(self._starts) != len(self.pool):
            self._starts = [p[0] for p in self.pool]
        return self.pool[:bisect_right(self._starts, day)]


def _body_contexts(today: dt.date) -> list[BodyCtx]:
    key_by_org_name = {name: key for key, name, *_rest in data.ORGANISATIONS}
    contexts = []
    for body in EnforcementBody.objects.select_related("organisation").prefetch_related("categories").order_by("pk"):
        key = key_by_org_name.get(body.organisation.name)
        if key is None:
            continue
        ctx = BodyCtx(body, key)
        cats = list(body.categories.all())
        if not cats:
            continue
        ctx.category = cats[0]
        contexts.append(ctx)
    # Officers holding a certificate for the body's category that is valid now and stays valid past today.
    certs = (Certificate.objects.filter(status=CertificateStatus.VALID, valid_to__gte=today + dt.timedelta(days=1),
                                        officer__status=OfficerStatus.ACTIVE)
             .exclude(officer__staff_type=StaffType.AUXILIARY)
             .select_related("officer").prefetch_related("categories").order_by("valid_from", "pk"))
    by_org: dict[int, list[Certificate]] = defaultdict(list)
    for cert in certs:
        by_org[cert.officer.organisation_id].append(cert)
    items_by_org: dict[int, list[PowerItem]] = defaultdict(list)
    through = PowerItem.departments.through
    org_ids = [c.org.pk for c in contexts]
    published = {i.pk: i for i in PowerItem.objects.filter(category=PowerCategory.PENALTY,
                                                            status=PowerItemStatus.PUBLISHED).order_by("code")}
    for org_id, item_id in through.objects.filter(organisation_id__in=org_ids, poweritem_id__in=published).values_list(
            "organisation_id", "poweritem_id"):
        items_by_org[org_id].append(published[item_id])
    bases: dict[int, list[int]] = defaultdict(list)
    for item_id, article_id in LegalBasis.objects.filter(power_item_id__in=published).values_list(
            "power_item_id", "article_id").order_by("power_item_id", "article_id"):
        if article_id not in bases[item_id]:
            bases[item_id].append(article_id)
    for ctx in contexts:
        seen = set()
        for cert in by_org.get(ctx.org.pk, []):
            if cert.officer_id in seen or ctx.category.pk not in {c.pk for c in cert.categories.all()}:
                continue
            seen.add(cert.officer_id)
            ctx.pool.append((cert.valid_from, cert.officer, cert))
        ctx.items = [(item, bases[item.pk]) for item in sorted(items_by_org.get(ctx.org.pk, []), key=lambda i: i.code)
                     if bases.get(item.pk)]
    return contexts


class Chain:
    """Per ledger: the entries to append, in order, each with its own actor; hashed at the end."""

    def __init__(self):
        self.items: dict[str, list] = defaultdict(list)
        self.names: dict[str, str] = {}

    def add(self, ledger_key: str, ledger_name: str, *, sort_key, actor, action, subject_type, subject_id,
            payload, files=None, on_seq=None) -> None:
        self.names[ledger_key] = ledger_name
        self.items[ledger_key].append((sort_key, actor, action, subject_type, subject_id, payload, files, on_seq))

    def write(self) -> int:
        now = timezone.now()
        total = 0
        for key, items in self.items.items():
            items.sort(key=lambda item: item[0])
            ledger = records.ledger_get_or_create(key=key, name=self.names[key])
            ledger = Ledger.objects.select_for_update().get(pk=ledger.pk)
            seq, prev = ledger.head_seq, ledger.head_hash
            entries = []
            for _sort, actor, action, subject_type, subject_id, payload, files, on_seq in items:
                seq += 1
                payload = json.loads(records.canonical_json(payload))
                actor_name = actor.display_name if actor is not None else "system"
                body = records.entry_body(ledger_key=key, seq=seq, actor_name=actor_name, action=action,
                                          subject_type=subject_type, subject_id=subject_id, payload=payload,
                                          recorded_at=now, files=files or [])
                digest = records.entry_digest(prev_hash=prev, body=body)
                entries.append(Entry(ledger=ledger, seq=seq, prev_hash=prev, hash=digest, actor=actor,
                                     actor_name=actor_name, action=str(action), subject_type=subject_type,
                                     subject_id=str(subject_id), payload=payload, files=files or [],
                                     recorded_at=now))
                if on_seq is not None:
                    on_seq(key, seq)
                prev = digest
            Entry.objects.bulk_create(entries, batch_size=2000)
            Ledger.objects.filter(pk=ledger.pk).update(head_seq=seq, head_hash=prev)
            total += len(entries)
        return total


def _user_payload(user: User) -> dict:
    return {"username": user.username, "full_name": user.full_name, "role": user.role,
            "organisation": str(user.organisation) if user.organisation else None, "is_staff": False,
            "is_superuser": False}


def _staff(contexts: list[BodyCtx], rng: _Rng, names: Names, chain: Chain, demo: dict) -> int:
    """Each body's head, legal reviewer and a few officers with accounts. Where the demo accounts exist (market
    regulation) they are used; other accounts are created here in bulk with no usable password (nobody logs in
    with them), each recorded as user_create and officer_link_user record them."""
    new_users: list[User] = []
    links: list[tuple[BodyCtx, Officer, User]] = []
    unusable = make_password(None)
    for ctx in contexts:
        org = ctx.org
        demo_here = {u.role: u for u in demo.values() if u.organisation_id == org.pk}

        def account(role, suffix, full_name, org=org, key=ctx.key):
            user = User(username=f"{key}_{suffix}", full_name=full_name, role=role, organisation=org,
                        password=unusable, public_id=uuid.uuid4())
            new_users.append(user)
            return user

        ctx.head = demo_here.get(Role.HEAD) or account(Role.HEAD, "head", names.person()[0])
        ctx.reviewer = demo_here.get(Role.LEGAL_REVIEWER) or account(Role.LEGAL_REVIEWER, "reviewer",
                                                                     names.person()[0])
        pool = [p for p in ctx.pool]
        demo_officer = demo_here.get(Role.OFFICER)
        handlers = []
        if demo_officer is not None:
            linked = next((p[1] for p in pool if p[1].user_id == demo_officer.pk), None)
            if linked is not None:
                handlers.append((demo_officer, linked, 0.15))
        free = [p[1] for p in pool if p[1].user_id is None and all(p[1] != h[1] for h in handlers)]
        rng.shuffle(free)
        n_accounts = max(1, min(8, len(free) // 3))
        for i, officer in enumerate(free[:n_accounts]):
            user = account(Role.OFFICER, f"officer{i + 1}", officer.name)
            links.append((ctx, officer, user))
            handlers.append((user, officer, 1.0))
        ctx.handlers = handlers
        case_officers = {h[1].pk for h in handlers if h[1] is not None}
        ctx.presiders = [p[1] for p in pool if p[1].pk not in case_officers][-3:]
    User.objects.bulk_create(new_users, batch_size=500)
    for i, user in enumerate(new_users):
        chain.add(records.OFFICE_LEDGER_KEY, OFFICE_LEDGER_NAME, sort_key=(dt.date.min, 0, i), actor=None,
                  action=Action.USER_CREATED, subject_type=user._meta.label, subject_id=str(user.public_id),
                  payload=_user_payload(user))
    for i, (ctx, officer, user) in enumerate(links):
        officer.user = user
        chain.add(ctx.body.ledger_key, ctx.body.name, sort_key=(dt.date.min, 0, i), actor=None,
                  action=Action.OFFICER_CHANGED, subject_type=officer._meta.label, subject_id=str(officer.public_id),
                  payload={"changes": {"user": [None, user.username]}})
    Officer.objects.bulk_update([o for _c, o, _u in links], ["user"], batch_size=500)
    return len(new_users)


def _prefixes_for_every_body_organisation() -> None:
    """Every organisation with an enforcement body gets a document prefix (代字), also those without demo cases, so
    that filing a first case there works in the demo as in a district that configured its prefixes."""
    from fazhi.core.numbering_models import NumberPrefix
    from fazhi.orgs.models import Organisation

    have = set(NumberPrefix.objects.filter(kind="").values_list("scope", flat=True))
    for org in Organisation.objects.filter(bodies__isnull=False).distinct():
        if str(org.public_id) not in have:
            short = (org.short_name or org.name).removeprefix("赛罕区").removeprefix("区")
            number_prefix_set(scope=str(org.public_id), prefix="赛" + short[:2])


def _configure(contexts: list[BodyCtx]) -> dict:
    """Number prefixes, each body's catalogue of major decisions, the category-specific hearing thresholds."""
    for ctx in contexts:
        ctx.prefix = PREFIXES.get(ctx.key) or "赛" + ctx.org.short_name.removeprefix("区")[:2]
        number_prefix_set(scope=str(ctx.org.public_id), prefix=ctx.prefix)
    catalogue = []
    for ctx in contexts:
        if MajorCatalogueItem.objects.filter(body=ctx.body).exists():
            continue
        for title, min_fine, kinds in MAJOR_CATALOGUE:
            catalogue.append(MajorCatalogueItem(body=ctx.body, title=title, min_fine=min_fine,
                                                penalty_kinds=[str(k) for k in kinds],
                                                published_on=CATALOGUE_PUBLISHED_ON))
    MajorCatalogueItem.objects.bulk_create(catalogue)
    cats = {c.code: c for c in EnforcementCategory.objects.filter(code__in=CATEGORY_THRESHOLDS)}
    for code, (amounts, basis) in CATEGORY_THRESHOLDS.items():
        if code not in cats:
            continue
        for party_type, amount in amounts.items():
            HearingThreshold.objects.update_or_create(
                category=cats[code], party_type=party_type,
                defaults={"min_fine": Decimal(amount), "min_confiscation": Decimal(amount), "basis": basis})
    thresholds = {}
    for row in HearingThreshold.objects.all():
        thresholds[(row.category_id, row.party_type)] = (row.min_fine, row.min_confiscation)
    return thresholds


# --- one case ----------------------------------------------------------------------------------------------------


class CasePlan:
    """Everything decided about one case; dates only up to `end` (the day before today)."""

    __slots__ = ("idx", "ctx", "matter", "party", "lead_on", "source", "path", "handler", "officers", "item",
                 "bases", "ev", "status", "outcome", "number", "notice_number", "hearing_number", "decision_number",
                 "kinds", "fine", "confiscation", "decision_fine", "stalled", "evidence", "case", "rows", "acts",
                 "summary_paid", "withdraw", "npr", "major_reasons", "needs_discussion", "hold")

    def __init__(self, idx):
        self.idx = idx
        self.ev: dict = {}
        self.number = self.notice_number = self.hearing_number = self.decision_number = ""
        self.stalled = False
        self.evidence = False
        self.withdraw = None
        self.npr = ""
        self.major_reasons: list[str] = []
        self.needs_discussion = False
        self.hold = ""  # "review": left pending with the reviewer; "decide": approved, awaiting the head
        self.kinds: list[str] = []
        self.fine = self.decision_fine = self.confiscation = Decimal("0.00")
        self.outcome = ""


class Planner:
    def __init__(self, *, rng: _Rng, today: dt.date, thresholds: dict, names: Names, ids: IdNumbers):
        self.rng, self.today, self.end = rng, today, today - dt.timedelta(days=1)
        self.thresholds, self.names, self.ids = thresholds, names, ids
        self.used_uscc: set[str] = set()

    # parties
    def party(self, ctx: BodyCtx, weights) -> dict:
        rng = self.rng
        kind = weighted(rng, list(zip((PartyType.PERSON, PartyType.LEGAL_PERSON, PartyType.OTHER_ORGANISATION),
                                      weights, strict=True)))
        street = f"呼和浩特市赛罕区{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
        if kind == PartyType.PERSON:
            name, gender = self.names.person()
            return {"party_type": kind, "party_name": name,
                    "party_id_number": self.ids.make(gender, min_age=20, max_age=68),
                    "party_legal_representative": "", "party_address": street, "party_phone": self.names.phone()}
        trade = rng.choice(TRADES.get(ctx.category.code, TRADES["market"]))
        base = f"{rng.choice(['呼和浩特市', '内蒙古', '呼和浩特市赛罕区'])}{rng.choice(TRADE_NAMES)}{trade}"
        if kind == PartyType.OTHER_ORGANISATION:
            name = base + rng.choice(["有限公司赛罕分公司", "有限公司大学东街分店", "专业合作社"])
        else:
            name = base + rng.choice(["有限公司", "有限责任公司", "股份有限公司"])
        while True:
            first17 = "91" + data.DISTRICT_CODE + _org_code(rng)
            code = first17 + uscc_check_char(first17)
            if code not in self.used_uscc and all(c in USCC_ALPHABET for c in code):
                self.used_uscc.add(code)
                break
        return {"party_type": kind, "party_name": name, "party_id_number": code,
                "party_legal_representative": self.names.person()[0], "party_address": street,
                "party_phone": f"0471-{rng.randrange(3300000, 6999999)}"}

    def threshold(self, ctx: BodyCtx, party_type: str) -> tuple[Decimal, Decimal]:
        return (self.thresholds.get((ctx.category.pk, party_type))
                or self.thresholds.get((None, party_type)) or (Decimal("10000"), Decimal("10000")))

    def plan(self, p: CasePlan) -> None:
        rng, end = self.rng, self.end
        ctx = p.ctx
        matters = MATTERS.get(ctx.category.code, DEFAULT_MATTERS)
        p.matter = rng.choice(matters)
        name, weights, (lo, hi), extra_kinds, summary_ok = p.matter
        p.party = self.party(ctx, weights)
        person = p.party["party_type"] == PartyType.PERSON
        p.source = weighted(rng, LEAD_SOURCES)
        p.item, p.bases = rng.choice(ctx.items)
        p.bases = p.bases[:rng.randint(1, min(3, len(p.bases)))]
        eligible = ctx.eligible(p.lead_on)
        eligible_ids = {e[1].pk for e in eligible}
        users = [h for h in ctx.handlers if h[1] is None or h[1].pk in eligible_ids] or ctx.handlers
        p.handler = weighted(rng, [(h, h[2]) for h in users])
        if p.hold and users[0][2] < 1.0 and rng.chance(0.5):  # the demo officer handles some of the held cases
            p.handler = users[0]
        lead_officer = p.handler[1] if p.handler[1] is not None and p.handler[1].pk in eligible_ids else None
        lead_id = lead_officer.pk if lead_officer is not None else None
        others = [e for e in eligible if e[1].pk != lead_id]
        n = 2 if rng.chance(0.7) or len(eligible) < 3 else 3
        chosen = []
        if lead_officer is not None:
            chosen.append(next(e for e in eligible if e[1].pk == lead_id))
        chosen += rng.sample(others, n - len(chosen))
        p.officers = chosen
        ev = p.ev
        # the path
        summary_limit = rules.SUMMARY_FINE_MAX[p.party["party_type"]].value
        if summary_ok and rng.chance(0.62) and not p.hold:
            p.path = "summary"
            self.plan_summary(p, person, summary_limit)
            return
        age = (end - p.lead_on).days
        if (age <= 6 and rng.chance(0.65) or age <= 1) and not p.hold:
            p.path, p.status = "lead", CaseStatus.LEAD
            return
        if rng.chance(0.05) and not p.hold:
            p.path, p.status = "not_filed", CaseStatus.NOT_FILED
            ev["not_filed"] = min(end, _wd(p.lead_on + dt.timedelta(days=rng.span(1, 8))))
            return
        p.path = "general"
        self.plan_general(p, person, lo, hi, extra_kinds)

    def plan_summary(self, p: CasePlan, person: bool, limit: Decimal) -> None:
        rng, end = self.rng, self.end
        p.lead_on = min(end, _wd(p.lead_on))
        if rng.chance(0.15):
            p.kinds, p.fine = [str(PenaltyKind.WARNING)], _money(0)
        else:
            choices = [50, 100, 200] if person else [200, 500, 1000, 2000, 3000]
            p.kinds, p.fine = [str(PenaltyKind.FINE)], _money(min(limit, rng.choice(choices)))
            if rng.chance(0.2):
                p.kinds = [str(PenaltyKind.WARNING), str(PenaltyKind.FINE)]
        p.confiscation = p.decision_fine = _money(0)
        p.decision_fine = p.fine
        p.outcome = Outcome.PENALTY
        ev = p.ev
        ev["decided"] = p.lead_on
        ev["payment_due"] = _pdue("XZCF-67", p.lead_on) if p.fine else None
        p.status = CaseStatus.SERVED
        if p.fine:
            roll = rng.random()
            if roll < 0.7:
                paid = p.lead_on
            elif roll < 0.93:
                paid = p.lead_on + dt.timedelta(days=rng.span(1, 14))
            elif roll < 0.97 and ev["payment_due"]:
                paid = ev["payment_due"] + dt.timedelta(days=rng.span(1, 12))
            else:
                paid = None
            if paid is not None and paid <= end:
                ev["paid"] = paid
                p.status = CaseStatus.EXECUTED
        else:
            executed = p.lead_on
            ev["executed"] = executed
            p.status = CaseStatus.EXECUTED
        if p.status == CaseStatus.EXECUTED:
            closed = _wd((ev.get("paid") or ev["executed"]) + dt.timedelta(days=rng.span(0, 6)))
            if closed <= end:
                ev["closed"] = closed
                p.status = CaseStatus.CLOSED

    def plan_general(self, p: CasePlan, person: bool, lo: int, hi: int, extra_kinds: list[str]) -> None:
        rng, ev = self.rng, self.plan_events(p)
        ctx = p.ctx
        # what the investigation will find
        roll = 0.0 if p.hold else rng.random()
        outcome = (Outcome.PENALTY if roll < 0.83 else Outcome.NO_PENALTY if roll < 0.91
                   else Outcome.NOT_ESTABLISHED if roll < 0.975 else Outcome.TRANSFER_JUDICIARY)
        p.outcome = outcome
        p.kinds, p.fine, p.confiscation = [], _money(0), _money(0)
        if outcome == Outcome.PENALTY:
            scale = 0.2 if person else 1.0
            amount = rng.uniform(lo, hi) * scale if rng.chance(0.75) else rng.uniform(lo, lo + (hi - lo) * 0.2) * scale
            p.fine = _round_fine(amount)
            if p.hold:  # within the body's catalogue of major decisions
                p.fine = max(p.fine, _money(rng.choice([50000, 60000, 80000, 100000])))
            p.kinds = [str(PenaltyKind.FINE)]
            if rng.chance(0.25):
                p.kinds.insert(0, str(PenaltyKind.WARNING))
            for kind in extra_kinds:
                if rng.chance(0.45):
                    p.kinds.append(kind)
                    if kind == PenaltyKind.CONFISCATE_GAINS or kind == PenaltyKind.CONFISCATE_PROPERTY:
                        p.confiscation += _round_fine(float(p.fine) * rng.uniform(0.1, 0.6))
            if not person and rng.chance(0.012):
                p.kinds.append(str(rng.choice([PenaltyKind.REVOKE_LICENCE, PenaltyKind.STOP_PRODUCTION])))
            if rng.chance(0.03) and PenaltyKind.WARNING not in p.kinds:
                p.kinds, p.fine = [str(PenaltyKind.WARNING)], _money(0)
                p.confiscation = _money(0)
        elif outcome == Outcome.NO_PENALTY:
            p.npr = weighted(rng, [(NoPenaltyReason.FIRST_OFFENCE, 6), (NoPenaltyReason.MINOR_CORRECTED, 5),
                                   (NoPenaltyReason.NO_FAULT, 1)])
        filed = ev["filed"]
        # an investigation that stalls: open past its XZCF-60 date (the legal affairs office's overdue list)
        if p.stalled:
            if rng.chance(0.5) and outcome == Outcome.PENALTY:
                self.plan_notice(p, filed + dt.timedelta(days=rng.span(20, 45)))
            return
        cursor = filed
        # coercive measure, at filing
        if ctx.category.code in ("market", "eco", "agriculture", "health", "emergency", "forestry", "culture") \
                and rng.chance(0.07):
            ev["coercion"] = {"kind": weighted(rng, [(CoerciveKind.SEIZE, 6), (CoerciveKind.SEAL, 4)]),
                              "on": filed, "emergency": rng.chance(0.1)}
        # a testing pause
        if rng.chance(0.06):
            start = cursor + dt.timedelta(days=rng.span(3, 15))
            stop = start + dt.timedelta(days=rng.span(7, 30))
            ev["pause"] = (PauseReason.TESTING if rng.chance(0.85) else PauseReason.SUSPENSION, start, stop)
            cursor = stop
        investigation = rng.span(70, 110) if rng.chance(0.08) else rng.span(12, 45)
        if outcome != Outcome.PENALTY:
            ev["draft1"] = _wd(cursor + dt.timedelta(days=investigation))
            ev["decided"] = _wd(ev["draft1"] + dt.timedelta(days=rng.span(1, 6)))
            self.plan_extensions(p)
            self.plan_after_decision(p)
            return
        notice_on = _wd(cursor + dt.timedelta(days=investigation))
        self.plan_notice(p, notice_on)
        if "notice_served" not in ev:
            return
        served = ev["notice_served"]
        due = ev["hearing_request_due"]
        heard = False
        presider_free = len(ctx.pool) > len(p.officers)
        if ev["hearing_right"] and presider_free and rng.chance(0.32):
            requested = min(due, _wd(served + dt.timedelta(days=rng.span(1, 5))))
            hearing_on = _wd(requested + dt.timedelta(days=rng.span(13, 24)))
            latest = _pdue("XZCF-64-2", hearing_on)
            notice_served_on = min(latest, _wd(requested + dt.timedelta(days=rng.span(1, 3))))
            ev["hearing"] = {"requested": requested, "notice_served": notice_served_on, "on": hearing_on}
            after = hearing_on
            heard = True
        else:
            roll = rng.random()
            if roll < 0.5:
                ev["statement"] = (min(due, served + dt.timedelta(days=rng.span(1, 4))), False)
            elif roll < 0.72:
                ev["statement"] = (served + dt.timedelta(days=rng.span(0, 2)), True)
            after = due
            if "statement" in ev and (ev["statement"][1] or not ev["hearing_right"]):
                after = ev["statement"][0]
        # the draft, possibly reduced after the statement or the hearing (never heavier: XZCF-45)
        p.decision_fine = p.fine
        if (heard or "statement" in ev) and p.fine and rng.chance(0.2) and not p.hold:
            p.decision_fine = _round_fine(float(p.fine) * 0.8)
        ev["draft1"] = _wd(after + dt.timedelta(days=rng.span(1, 5)))
        # major: a hearing, or the body's catalogue (fine ≥ 50,000, licence revoked, production stopped)
        catalogue = p.decision_fine >= Decimal("50000") or bool(
            set(p.kinds) & {str(k) for _t, _f, kinds in MAJOR_CATALOGUE for k in kinds})
        p.major_reasons = ([MajorReason.HEARING] if heard else []) + ([MajorReason.CATALOGUE] if catalogue else [])
        step = ev["draft1"]
        if p.major_reasons:
            p.needs_discussion = p.decision_fine >= Decimal("100000") or bool(
                set(p.kinds) & {str(PenaltyKind.REVOKE_LICENCE), str(PenaltyKind.STOP_PRODUCTION)}) or rng.chance(0.15)
            reviews = []
            requested = _wd(step + dt.timedelta(days=rng.span(0, 2)))
            roll = rng.random()
            if roll < 0.14:  # returned, corrected, approved
                returned = _wd(requested + dt.timedelta(days=rng.span(2, 7)))
                reviews.append({"version": 1, "requested": requested, "status": ReviewStatus.RETURNED,
                                "decided": returned, "point": rng.choice(list(RETURN_OPINIONS))})
                ev["draft2"] = _wd(returned + dt.timedelta(days=rng.span(2, 6)))
                requested = _wd(ev["draft2"] + dt.timedelta(days=rng.span(0, 1)))
                version = 2
            elif roll < 0.2:  # approved, then the draft was edited: the approval lapses, a new review
                approved = _wd(requested + dt.timedelta(days=rng.span(2, 6)))
                reviews.append({"version": 1, "requested": requested, "status": ReviewStatus.APPROVED,
                                "decided": approved})
                ev["draft2"] = _wd(approved + dt.timedelta(days=rng.span(1, 3)))
                requested = _wd(ev["draft2"] + dt.timedelta(days=rng.span(0, 1)))
                version = 2
                if p.decision_fine > Decimal("1000") and rng.chance(0.5):
                    p.decision_fine = _round_fine(float(p.decision_fine) * 0.9)
            else:
                version = 1
            approved = _wd(requested + dt.timedelta(days=rng.span(1, 2)))
            if p.hold == "review" and requested <= self.end:
                approved = self.end + dt.timedelta(days=rng.span(1, 5))
            reviews.append({"version": version, "requested": requested, "status": ReviewStatus.APPROVED,
                            "decided": approved})
            ev["reviews"] = reviews
            step = approved
            if p.needs_discussion:
                ev["discussion"] = _wd(step + dt.timedelta(days=rng.span(1, 4)))
                step = ev["discussion"]
        ev["decided"] = _wd(step + dt.timedelta(days=rng.span(1, 4)))
        if p.hold == "decide" and step <= self.end:
            ev["decided"] = self.end + dt.timedelta(days=rng.span(1, 5))
        self.plan_extensions(p)
        self.plan_after_decision(p)

    def plan_events(self, p: CasePlan) -> dict:
        rng, ev = self.rng, p.ev
        ev["filed"] = min(self.end, _wd(p.lead_on + dt.timedelta(days=rng.span(0, 6))))
        if rng.chance(0.35):
            ev["onsite"] = ev["filed"]
        return ev

    def plan_notice(self, p: CasePlan, issued: dt.date) -> None:
        rng, ev = self.rng, p.ev
        ev["notice"] = _wd(issued)
        ev["notice_served"] = _wd(ev["notice"] + dt.timedelta(days=rng.span(0, 3)))
        ev["notice_method"] = weighted(rng, SERVICE_METHODS)
        ev["hearing_request_due"] = _pdue("XZCF-64-1", ev["notice_served"])
        min_fine, min_conf = self.threshold(p.ctx, p.party["party_type"])
        from fazhi.enforcement.enums import HEARING_KINDS

        ev["hearing_right"] = bool(set(p.kinds) & {str(k) for k in HEARING_KINDS}) or p.fine >= min_fine or p.confiscation >= min_conf
        p.decision_fine = p.fine

    def plan_extensions(self, p: CasePlan) -> None:
        """Approved extensions where the decision would fall after the XZCF-60 date; a second needs a discussion."""
        rng, ev = self.rng, p.ev
        pauses = self.pauses(p, until=ev["decided"])
        extensions: list[int] = []
        ev["extensions"] = []
        for _ in range(2):
            due = _due("XZCF-60", ev["filed"], tuple(pauses), tuple(extensions))
            if due is None or ev["decided"] <= due:
                break
            approved = max(ev["filed"], due - dt.timedelta(days=rng.span(2, 8)))
            discussion = None
            if extensions:
                discussion = max(ev["filed"], approved - dt.timedelta(days=1))
            ev["extensions"].append((approved, 30, discussion, rng.choice(EXTENSION_REASONS)))
            extensions.append(30)
        due = _due("XZCF-60", ev["filed"], tuple(pauses), tuple(extensions))
        if due is not None and ev["decided"] > due:
            ev["decided"] = due
        if rng.chance(0.02) and not ev["extensions"]:  # an extension asked for in good time, not needed in the end
            due0 = _due("XZCF-60", ev["filed"], tuple(pauses), ())
            if due0 is not None and ev["decided"] > due0 - dt.timedelta(days=30):
                ev["extensions"].append((max(ev["filed"], due0 - dt.timedelta(days=rng.span(5, 12))), 30, None,
                                         rng.choice(EXTENSION_REASONS)))

    def pauses(self, p: CasePlan, *, until: dt.date) -> list[tuple[dt.date, dt.date]]:
        ev, out = p.ev, []
        if "pause" in ev:
            _reason, start, stop = ev["pause"]
            out.append((start, stop if stop <= until else until))
        if "hearing" in ev:
            out.append((ev["hearing"]["requested"], min(ev["hearing"]["on"], until)))
        return sorted(out)

    def plan_after_decision(self, p: CasePlan) -> None:
        rng, ev = self.rng, p.ev
        decided = ev["decided"]
        if "coercion" in ev:
            c = ev["coercion"]
            c["due"] = _pdue("XZQZ-25", c["on"])
            if rng.chance(0.3):
                c["extended"] = max(c["on"], c["due"] - dt.timedelta(days=rng.span(1, 6)))
                c["due"] = _pdue("XZQZ-25", c["on"], (), (30,))
            c["disposed"] = min(decided, c["due"])
            c["disposal"] = {Outcome.PENALTY: weighted(rng, [(Disposal.CONFISCATE, 5), (Disposal.DESTROY, 3),
                                                              (Disposal.RELEASE, 2)]),
                             Outcome.TRANSFER_JUDICIARY: Disposal.TRANSFER}.get(p.outcome, Disposal.RELEASE)
        if p.outcome == Outcome.TRANSFER_JUDICIARY:
            ev["closed"] = _wd(decided + dt.timedelta(days=rng.span(1, 10)))
            return
        late_service = rng.chance(0.02)
        ev["served"] = _wd(decided + dt.timedelta(days=rng.span(8, 14) if late_service else rng.span(0, 5)))
        ev["serve_method"] = weighted(rng, SERVICE_METHODS)
        if p.outcome in (Outcome.PENALTY, Outcome.NO_PENALTY):
            rule = "GB118-DECISION" if p.outcome == Outcome.PENALTY else "GB118-OTHER"
            ev["publish_due"] = _pdue(rule, decided)
            if rng.chance(0.04):
                ev["published"] = ev["publish_due"] + dt.timedelta(days=rng.span(1, 12))
            elif rng.chance(0.97):
                ev["published"] = _wd(decided + dt.timedelta(days=rng.span(1, 5)))
                if ev["publish_due"] and ev["published"] > ev["publish_due"]:
                    ev["published"] = ev["publish_due"]
        if p.outcome != Outcome.PENALTY:
            ev["closed"] = _wd(ev["served"] + dt.timedelta(days=rng.span(1, 10)))
            return
        if p.decision_fine > 0:
            ev["payment_due"] = _pdue("XZCF-67", ev["served"])
            roll = rng.random()
            if roll < 0.85:
                ev["paid"] = ev["served"] + dt.timedelta(days=rng.span(1, 14))
            elif roll < 0.96 and ev["payment_due"]:
                ev["paid"] = ev["payment_due"] + dt.timedelta(days=rng.span(1, 25))
            if "paid" in ev:
                ev["closed"] = _wd(ev["paid"] + dt.timedelta(days=rng.span(1, 10)))
        else:
            ev["executed"] = _wd(ev["served"] + dt.timedelta(days=rng.span(1, 10)))
            ev["closed"] = _wd(ev["executed"] + dt.timedelta(days=rng.span(0, 5)))


# --- writing rows and acts ---------------------------------------------------------------------------------------


class Writer:
    """Turns the plans (cut at `end`) into rows and record entries, exactly as the services write them."""

    def __init__(self, *, rng: _Rng, today: dt.date, chain: Chain):
        self.rng, self.today, self.end, self.chain = rng, today, today - dt.timedelta(days=1), chain
        self.rows: dict[str, list] = defaultdict(list)
        self.m2m_bases: list[tuple[Case, int]] = []
        self.m2m_onsite: list[tuple[OnSiteRecord, Officer]] = []
        self.m2m_coercion: list[tuple[CoerciveMeasure, Officer]] = []
        self.files: list[tuple[str, bytes]] = []
        self.counts: Counter = Counter()
        self.publications: list[tuple[Publication, CasePlan]] = []

    def act(self, p: CasePlan, day: dt.date, step: int, actor, action, payload: dict, files=None, on_seq=None):
        self.chain.add(p.ctx.body.ledger_key, p.ctx.body.name, sort_key=(day, p.idx, step), actor=actor,
                       action=action, subject_type=SUBJECT, subject_id=str(p.case.public_id), payload=payload,
                       files=files, on_seq=on_seq)
        self.counts["record_entries_cases"] += 1

    def reached(self, p: CasePlan, key: str) -> bool:
        day = p.ev.get(key)
        return day is not None and day <= self.end

    def write(self, p: CasePlan) -> None:
        ctx, ev = p.ctx, p.ev
        user = p.handler[0]
        case = Case(
            public_id=uuid.uuid4(), body=ctx.body, organisation=ctx.org, procedure=Procedure.GENERAL,
            status=CaseStatus.LEAD, title=f"{p.party['party_name']}{p.matter[0]}案"[:200], lead_source=p.source,
            lead_received_on=p.lead_on, category=ctx.category, created_by=user,
            lead_summary=self.lead_summary(p),
            **p.party)
        p.case = case
        self.rows["cases"].append(case)
        if p.path == "summary":
            self.write_summary(p, case, user)
            return
        self.act(p, p.lead_on, 0, user, Action.CASE_LEAD_REGISTERED, {
            "title": case.title, "lead_source": case.lead_source, "received_on": case.lead_received_on,
            "party_name": case.party_name, "category": ctx.category.code})
        if p.path == "lead":
            return
        if p.path == "not_filed":
            reason = self.rng.choice(NOT_FILED_REASONS)
            case.status, case.not_filed_reason = CaseStatus.NOT_FILED, reason
            self.act(p, ev["not_filed"], 1, user, Action.CASE_NOT_FILED,
                     {"reason": reason, "from": CaseStatus.LEAD, "to": CaseStatus.NOT_FILED})
            return
        self.write_general(p, case, user)

    def lead_summary(self, p: CasePlan) -> str:
        source = zh(LeadSource(p.source).label)
        return f"{source}:反映{p.party['party_name']}在{p.party['party_address']}涉嫌{p.matter[0]}。"

    def officers(self, p: CasePlan, case: Case, on: dt.date) -> None:
        for i, (_from, officer, cert) in enumerate(p.officers):
            self.rows["case_officers"].append(CaseOfficer(case=case, officer=officer, certificate=cert,
                                                          role=OfficerRole.LEAD if i == 0 else OfficerRole.ASSIST,
                                                          assigned_on=on))

    def decision_texts(self, p: CasePlan, outcome: str, fine: Decimal) -> dict:
        item = p.item.name if p.item else ""
        facts = (f"经查,当事人{p.party['party_name']}于{p.ev.get('filed', p.lead_on):%Y年%m月%d日}前在"
                 f"{p.party['party_address']}{p.matter[0]}。上述事实有现场检查笔录、询问笔录、现场照片等证据证实。")
        if outcome == Outcome.PENALTY:
            kinds = "、".join(zh(PenaltyKind(k).label) for k in p.kinds)
            basis = f"依据权责清单事项“{item}”所列法律依据,决定给予{kinds}" + (f",罚款人民币{fine}元" if fine else "") + "。"
            compliance = COMPLIANCE if fine else "自收到本决定书之日起执行。"
        elif outcome == Outcome.NO_PENALTY:
            basis = f"鉴于{zh(NoPenaltyReason(p.npr).label)},依据《中华人民共和国行政处罚法》第三十三条,决定不予行政处罚。"
            compliance = ""
        elif outcome == Outcome.NOT_ESTABLISHED:
            facts = f"经调查,现有证据不能证明当事人{p.party['party_name']}存在{p.matter[0]}的违法行为。"
            basis = "依据《中华人民共和国行政处罚法》第五十七条第一款第(三)项,违法事实不能成立,不予行政处罚。"
            compliance = ""
        else:
            basis = "当事人的违法行为涉嫌构成犯罪,依据《中华人民共和国行政处罚法》第二十七条、第五十七条第一款第(四)项,移送公安机关。"
            compliance = ""
        return {"facts_and_evidence": facts, "penalty_and_basis": basis, "compliance": compliance,
                "remedies": "" if outcome == Outcome.TRANSFER_JUDICIARY else REMEDIES}

    def write_summary(self, p: CasePlan, case: Case, user) -> None:
        ev = p.ev
        day = p.lead_on
        case.procedure, case.status = Procedure.SUMMARY, CaseStatus.SERVED
        case.lead_source = LeadSource.INSPECTION
        case.power_item, case.filed_on, case.filed_by = p.item, day, user
        case.discovered_on = case.violation_on = case.decided_on = day
        case.outcome = Outcome.PENALTY
        case.facts = case.lead_summary = (f"{day:%Y年%m月%d日},执法人员在{p.party['party_address']}检查发现当事人"
                                          f"{p.party['party_name']}{p.matter[0]},事实清楚,当场予以处罚。")
        case.number = p.decision_number
        self.officers(p, case, day)
        for article_id in p.bases:
            self.m2m_bases.append((case, article_id))
        kinds_text = "、".join(zh(PenaltyKind(k).label) for k in p.kinds)
        basis_text = "、".join(self.article_labels[a] for a in p.bases)
        decision = Decision(
            case=case, number=p.decision_number, decided_on=day, decided_by=user, outcome=Outcome.PENALTY,
            penalty_kinds=[str(k) for k in p.kinds], fine_amount=p.fine, facts_and_evidence=case.facts,
            penalty_and_basis=f"依据{basis_text},给予{kinds_text}" + (f"罚款{p.fine}元" if p.fine else ""),
            compliance="当场缴纳或自收到本决定书之日起十五日内到指定银行缴纳罚款" if p.fine else "当场执行",
            remedies="如不服本决定,可在收到本决定书之日起六十日内申请行政复议,或者在六个月内依法提起行政诉讼",
            payment_due=ev["payment_due"])
        self.rows["decisions"].append((decision, p))
        self.rows["services"].append(ServiceRecord(
            case=case, document=DocumentKind.PENALTY_DECISION, document_number=p.decision_number,
            method=ServiceMethod.ON_SPOT, served_on=day, recipient=case.party_name, created_by=user))
        place = p.party["party_address"]
        shown = [c.number for _f, _o, c in p.officers]
        self.act(p, day, 0, user, Action.CASE_SUMMARY_DECIDED, {
            "decision": p.decision_number, "decided_on": day, "place": place, "penalty_kinds": p.kinds,
            "fine_amount": p.fine, "officers": [o.name for _f, o, _c in p.officers], "certificates_shown": shown,
            "party_name": case.party_name, "payment_due": ev["payment_due"]})
        self.counts["summary"] += 1
        if self.reached(p, "paid"):
            self.pay(p, case, user, ev["paid"], p.fine, ev["payment_due"], 1)
            case.status = CaseStatus.EXECUTED
        if self.reached(p, "executed"):
            self.act(p, ev["executed"], 1, user, Action.CASE_EXECUTED, {
                "on": ev["executed"], "note": "当事人已当场接受警告处罚", "from": CaseStatus.SERVED,
                "to": CaseStatus.EXECUTED})
            case.status = CaseStatus.EXECUTED
        if self.reached(p, "closed"):
            self.close(p, case, user, ev["closed"], case.status, 2)

    def pay(self, p, case, user, paid_on, fine, payment_due, step):
        days = (paid_on - payment_due).days if payment_due and paid_on > payment_due else 0
        surcharge = min(fine, (fine * rules.LATE_SURCHARGE_RATE.value * days).quantize(CENT, rounding=ROUND_HALF_UP))
        receipt = f"NM{paid_on:%Y%m%d}{p.idx:07d}"
        self.rows["payments"].append(Payment(case=case, paid_on=paid_on, amount=fine, surcharge=surcharge,
                                             receipt_number=receipt, created_by=user))
        self.act(p, paid_on, step, user, Action.CASE_PAID, {
            "paid_on": paid_on, "fine": fine, "surcharge": surcharge, "late_days": days, "payment_due": payment_due,
            "receipt_number": receipt, "from": CaseStatus.SERVED, "to": CaseStatus.EXECUTED})
        self.counts["payments"] += 1
        if surcharge:
            self.counts["payments_late_with_surcharge"] += 1

    def close(self, p, case, user, closed_on, before, step):
        case.status, case.closed_on = CaseStatus.CLOSED, closed_on
        self.act(p, closed_on, step, user, Action.CASE_CLOSED,
                 {"closed_on": closed_on, "from": before, "to": CaseStatus.CLOSED})

    def write_general(self, p: CasePlan, case: Case, user) -> None:  # noqa: C901 - one case's whole history
        rng, ev, ctx, end = self.rng, p.ev, p.ctx, self.end
        head, reviewer = ctx.head, ctx.reviewer
        filed = ev["filed"]
        case.status = CaseStatus.INVESTIGATING
        case.filed_on, case.filed_by, case.power_item = filed, head, p.item
        case.discovered_on = p.lead_on
        case.violation_on = p.lead_on - dt.timedelta(days=rng.span(1, 60))
        case.facts = f"当事人涉嫌{p.matter[0]}。"
        case.number = p.number
        self.officers(p, case, filed)
        for article_id in p.bases:
            self.m2m_bases.append((case, article_id))
        step = 10
        filed_due = _due("XZCF-60", filed)
        self.act(p, filed, 1, head, Action.CASE_FILED, {
            "number": p.number, "filed_on": filed, "power_item": p.item.code,
            "legal_bases": [self.article_labels[a] for a in p.bases], "decision_due": filed_due,
            "officers": [{"name": o.name, "certificate": c.number} for _f, o, c in p.officers],
            "from": CaseStatus.LEAD, "to": CaseStatus.INVESTIGATING})
        open_pause = False
        pauses_now: list[tuple[dt.date, dt.date]] = []

        def act(day, actor, action, payload, files=None, on_seq=None):
            nonlocal step
            step += 1
            self.act(p, day, step, actor, action, payload, files=files, on_seq=on_seq)

        if "onsite" in ev:
            occurred = timezone.make_aware(dt.datetime.combine(ev["onsite"], dt.time(9 + p.idx % 8, (p.idx * 7) % 60)))
            shown = [c.number for _f, _o, c in p.officers]
            content = (f"执法人员{'、'.join(o.name for _f, o, _c in p.officers)}出示执法证件(证号{'、'.join(shown)}),"
                       f"对{p.party['party_address']}进行现场检查,发现当事人{p.matter[0]}。当事人对检查情况无异议。")
            onsite = OnSiteRecord(public_id=uuid.uuid4(), case=case, occurred_at=occurred, place=p.party["party_address"],
                                  certificates_shown=shown, party_present=p.party["party_legal_representative"]
                                  or p.party["party_name"], content=content, signed_by_party=True, created_by=user)
            self.rows["onsite"].append(onsite)
            for _f, officer, _c in p.officers:
                self.m2m_onsite.append((onsite, officer))
            act(ev["onsite"], user, Action.CASE_ONSITE_RECORDED, {
                "onsite_record": str(onsite.public_id), "occurred_at": occurred.isoformat(), "place": onsite.place,
                "officers": [o.name for _f, o, _c in p.officers], "certificates_shown": shown,
                "content_sha256": hashlib.sha256(content.encode()).hexdigest()})
        if p.evidence:
            self.write_evidence(p, case, user, filed, act)
        if "coercion" in ev:
            self.write_coercion(p, case, user, act)
        if "pause" in ev:
            reason, start, stop = ev["pause"]
            if start <= end:
                ended = stop if stop <= end else None
                pause = ClockPause(public_id=uuid.uuid4(), case=case, reason=reason, started_on=start, ended_on=ended,
                                   note=PAUSE_NOTES[reason], created_by=user)
                self.rows["pauses"].append(pause)
                act(start, user, Action.CASE_CLOCK_PAUSED, {"pause": str(pause.public_id), "reason": reason,
                                                            "started_on": start, "note": pause.note})
                if ended:
                    act(ended, user, Action.CASE_CLOCK_RESUMED, {"pause": str(pause.public_id), "started_on": start,
                                                                 "ended_on": ended})
                    pauses_now.append((start, ended))
                else:
                    open_pause = True
                self.counts["pauses"] += 1
        # extensions approved before the decision date, in their date order with the clock acts
        extensions_done: list[int] = []
        pending_ext = sorted(ev.get("extensions", []), key=lambda e: e[0])

        def extensions_until(day):
            while pending_ext and pending_ext[0][0] <= min(day, end):
                approved, days, discussion_on, reason = pending_ext.pop(0)
                discussion = None
                if discussion_on is not None:
                    discussion = self.discussion(p, case, head, discussion_on, act,
                                                 conclusion="同意再次延长办案期限30日")
                extensions_done.append(days)
                ext = ClockExtension(public_id=uuid.uuid4(), case=case, days=days, approved_on=approved,
                                     approved_by=head, reason=reason, collective_discussion=discussion)
                self.rows["extensions"].append(ext)
                new_due = _due("XZCF-60", filed, tuple(self.clock(pauses_now, open_pause)), tuple(extensions_done))
                act(approved, head, Action.CASE_EXTENDED, {
                    "days": days, "approved_on": approved, "reason": reason, "new_due": None if open_pause else new_due,
                    "collective_discussion": str(discussion.public_id) if discussion else None})
                self.counts["extensions"] += 1

        case.decision_due = None
        if "notice" in ev and ev["notice"] <= end:
            extensions_until(ev["notice"])
            notice = PenaltyNotice(
                public_id=uuid.uuid4(), case=case, number=p.notice_number, issued_on=ev["notice"],
                penalty_kinds=[str(k) for k in p.kinds], fine_amount=p.fine, confiscation_amount=p.confiscation,
                facts=f"当事人{p.matter[0]}。", reasons_and_basis=self.decision_texts(p, Outcome.PENALTY, p.fine)[
                    "penalty_and_basis"], hearing_right=ev["hearing_right"])
            self.rows["notices"].append(notice)
            case.status = CaseStatus.NOTIFIED
            act(ev["notice"], user, Action.CASE_NOTICE_ISSUED, {
                "notice": p.notice_number, "issued_on": ev["notice"], "penalty_kinds": p.kinds, "fine_amount": p.fine,
                "confiscation_amount": p.confiscation, "hearing_right": ev["hearing_right"],
                "from": CaseStatus.INVESTIGATING, "to": CaseStatus.NOTIFIED})
            self.counts["notices"] += 1
            if self.reached(p, "notice_served"):
                served = ev["notice_served"]
                method = ev["notice_method"]
                notice.served_on, notice.hearing_request_due = served, ev["hearing_request_due"]
                self.service(p, case, user, DocumentKind.PENALTY_NOTICE, p.notice_number, served, method)
                act(served, user, Action.CASE_NOTICE_SERVED, {
                    "notice": p.notice_number, "served_on": served, "method": method, "recipient": case.party_name,
                    "statement_and_hearing_due": ev["hearing_request_due"],
                    "trace": _trace("XZCF-64-1", served)})
            if "statement" in ev and ev["statement"][0] <= end and notice.served_on:
                on, waived = ev["statement"]
                notice.statement_on, notice.waived = on, waived
                notice.statement = "" if waived else "当事人对违法事实无异议,称系初次违法,已立即整改,请求从轻处罚。"
                act(on, user, Action.CASE_STATEMENT_RECORDED, {
                    "on": on, "waived": waived, "statement_sha256": hashlib.sha256(notice.statement.encode()).hexdigest()})
            if "hearing" in ev and ev["hearing"]["requested"] <= end and notice.served_on:
                h = ev["hearing"]
                notice.hearing_requested_on = h["requested"]
                held = h["on"] <= end
                pause = ClockPause(public_id=uuid.uuid4(), case=case, reason=PauseReason.HEARING,
                                   started_on=h["requested"], ended_on=h["on"] if held else None,
                                   note="当事人申请听证,听证期间不计入办案期限", created_by=user)
                self.rows["pauses"].append(pause)
                act(h["requested"], user, Action.CASE_HEARING_REQUESTED,
                    {"requested_on": h["requested"], "due": ev["hearing_request_due"]})
                self.counts["hearings_requested"] += 1
                if h["notice_served"] <= end:
                    presiding = ctx.presiders[p.idx % len(ctx.presiders)] if ctx.presiders else None
                    on_case = {o.pk for _f, o, _c in p.officers}
                    if presiding is None or presiding.pk in on_case:
                        others = [e[1] for e in ctx.pool if e[1].pk not in on_case]
                        presiding = others[p.idx % len(others)]
                    hearing = Hearing(public_id=uuid.uuid4(), case=case, number=p.hearing_number,
                                      notice_served_on=h["notice_served"], hearing_on=h["on"],
                                      place=self.rng.choice(HEARING_PLACES), presiding_officer=presiding)
                    self.rows["hearings"].append(hearing)
                    self.service(p, case, user, DocumentKind.HEARING_NOTICE, p.hearing_number, h["notice_served"],
                                 ServiceMethod.DIRECT)
                    act(h["notice_served"], user, Action.CASE_HEARING_SCHEDULED, {
                        "hearing_notice": p.hearing_number, "notice_served_on": h["notice_served"],
                        "hearing_on": h["on"], "presiding_officer": presiding.name,
                        "latest_notice_day": _due("XZCF-64-2", h["on"])})
                    if held:
                        hearing.held = True
                        hearing.record = "听证会依法公开举行,调查人员陈述了违法事实、证据和处罚建议,当事人进行了申辩和质证。"
                        hearing.conclusion = "案件事实清楚,证据确实充分,建议维持拟处罚意见(或酌情从轻)。"
                        p.case.is_major = True
                        case.major_reasons = [MajorReason.HEARING]
                        act(h["on"], user, Action.CASE_HEARING_HELD, {
                            "held_on": h["on"], "conclusion_sha256": hashlib.sha256(hearing.conclusion.encode())
                            .hexdigest(), "major": True})
                        pauses_now.append((h["requested"], h["on"]))
                        self.counts["hearings_held"] += 1
                    else:
                        open_pause = True
                else:
                    open_pause = True
        # drafts, major flags, reviews, discussion
        drafts: dict[int, DraftDecision] = {}
        for version, key in ((1, "draft1"), (2, "draft2")):
            if not self.reached(p, key):
                continue
            extensions_until(ev[key])
            fine = p.decision_fine if version == 2 or "draft2" not in ev else p.fine
            if p.outcome != Outcome.PENALTY:
                fine = _money(0)
            fields = {"outcome": p.outcome, "penalty_kinds": [str(k) for k in p.kinds] if p.outcome == Outcome.PENALTY
                      else [], "fine_amount": str(fine),
                      "confiscation_amount": str(p.confiscation if p.outcome == Outcome.PENALTY else _money(0)),
                      "no_penalty_reason": p.npr if p.outcome == Outcome.NO_PENALTY else "",
                      **self.decision_texts(p, p.outcome, fine)}
            draft = DraftDecision(public_id=uuid.uuid4(), case=case, version=version, outcome=p.outcome,
                                  penalty_kinds=fields["penalty_kinds"], fine_amount=fine,
                                  confiscation_amount=Decimal(fields["confiscation_amount"]),
                                  no_penalty_reason=fields["no_penalty_reason"],
                                  facts_and_evidence=fields["facts_and_evidence"],
                                  penalty_and_basis=fields["penalty_and_basis"], compliance=fields["compliance"],
                                  remedies=fields["remedies"],
                                  content_sha256=hashlib.sha256(records.canonical_json(fields)).hexdigest(),
                                  created_by=user)
            drafts[version] = draft
            self.rows["drafts"].append(draft)
            act(ev[key], user, Action.CASE_DRAFT_SAVED, {
                "draft": str(draft.public_id), "version": version, "content_sha256": draft.content_sha256,
                "outcome": p.outcome, "fine_amount": fine})
            if version == 2:
                for review in self.rows_reviews_of(case):
                    if review.status in (ReviewStatus.PENDING, ReviewStatus.APPROVED) and review.draft.version < 2:
                        previous = review.status
                        review.status = ReviewStatus.INVALIDATED
                        review.invalidated_reason = "决定书草稿已修改为第2版"
                        act(ev[key], user, Action.CASE_REVIEW_INVALIDATED, {
                            "review_id": str(review.public_id), "previous_status": previous,
                            "reason": review.invalidated_reason, "draft_id": str(review.draft.public_id),
                            "draft_version": review.draft.version, "draft_sha256": review.draft.content_sha256,
                            "new_draft_version": 2, "new_draft_sha256": draft.content_sha256})
                        self.counts["reviews_invalidated"] += 1
            if version == 1 and p.major_reasons:
                reasons = list(dict.fromkeys([*case.major_reasons, *p.major_reasons]))
                if reasons != case.major_reasons or not case.is_major:
                    case.is_major, case.major_reasons = True, reasons
                    act(ev[key], user, Action.CASE_DRAFT_SAVED, {
                        "draft": str(draft.public_id), "major": True, "major_reasons": reasons,
                        "catalogue": [MAJOR_CATALOGUE[0][0]] if MajorReason.CATALOGUE in reasons else []})
                if p.needs_discussion:
                    case.needs_collective_discussion = True
                    act(ev[key], user, Action.CASE_DRAFT_SAVED, {
                        "major": True, "major_reasons": reasons, "needs_collective_discussion": True})
            # the reviews of this version
            for r in ev.get("reviews", []):
                if r["version"] != version or r["requested"] > end:
                    continue
                extensions_until(r["requested"])
                review = LegalReview(public_id=uuid.uuid4(), case=case, draft=draft, requested_by=user,
                                     requested_on=r["requested"], status=ReviewStatus.PENDING)
                self.rows["reviews"].append(review)
                self.reviews_by_case[id(case)].append(review)
                act(r["requested"], user, Action.CASE_REVIEW_REQUESTED, {
                    "review_id": str(review.public_id), "requested_on": r["requested"],
                    "major_reasons": list(case.major_reasons), "draft_id": str(draft.public_id),
                    "draft_version": version, "draft_sha256": draft.content_sha256})
                if r["decided"] > end:
                    self.counts["reviews_pending"] += 1
                    continue
                checklist = {point.value: {"ok": True, "note": ""} for point in ReviewPoint}
                approve = r["status"] == ReviewStatus.APPROVED
                opinion = "经审核,执法主体合法,程序合法,事实清楚,证据充分,适用依据正确,裁量适当,同意提交负责人决定。"
                payload_extra = {}
                if not approve:
                    point = r["point"]
                    checklist[point] = {"ok": False, "note": RETURN_OPINIONS[point]}
                    opinion = f"退回补正:{RETURN_OPINIONS[point]}。"
                    payload_extra["reasons"] = [{"point": point, "label": zh(ReviewPoint(point).label),
                                                 "note": RETURN_OPINIONS[point]}]
                review.status, review.reviewer, review.checklist = r["status"], reviewer, checklist
                review.opinion, review.decided_on = opinion, r["decided"]
                act(r["decided"], reviewer, Action.CASE_REVIEW_APPROVED if approve else Action.CASE_REVIEW_RETURNED, {
                    "review_id": str(review.public_id), "decided_on": r["decided"], "checklist": checklist,
                    "opinion": opinion, "draft_id": str(draft.public_id), "draft_version": version,
                    "draft_sha256": draft.content_sha256, **payload_extra})
                self.counts["reviews_approved" if approve else "reviews_returned"] += 1
        if self.reached(p, "discussion") and p.needs_discussion:
            extensions_until(ev["discussion"])
            self.discussion(p, case, head, ev["discussion"], act,
                            conclusion="经集体讨论,同意承办机构意见,按法制审核通过的决定书草稿作出决定。")
        # the decision
        if self.reached(p, "decided") and drafts:
            extensions_until(ev["decided"])
            self.write_decision(p, case, user, head, drafts[max(drafts)], act, pauses_now, extensions_done)
            return
        extensions_until(end)
        # still open: the XZCF-60 date as refresh_decision_due keeps it (empty while the clock stands still)
        if not open_pause:
            case.decision_due = _due("XZCF-60", filed, tuple(pauses_now), tuple(extensions_done))
        if case.decision_due and case.decision_due < self.today:
            self.counts["overdue"] += 1
        if not open_pause and case.decision_due is None:
            self.counts["decision_due_needs_next_year_calendar"] += 1

    def clock(self, pauses_now, open_pause):
        return sorted(pauses_now)

    def rows_reviews_of(self, case):
        return self.reviews_by_case.get(id(case), [])

    def discussion(self, p, case, head, on, act, *, conclusion):
        participants = f"{head.display_name}(主持)、分管负责人、法制审核机构负责人、承办机构负责人"
        minute = f"讨论{case.title}:承办机构汇报案件事实、证据、法律依据和处理意见,法制审核机构汇报审核意见,与会人员逐一发表意见。"
        discussion = CollectiveDiscussion(public_id=uuid.uuid4(), case=case, held_on=on, participants=participants,
                                          minute=minute, conclusion=conclusion, created_by=head)
        self.rows["discussions"].append(discussion)
        act(on, head, Action.CASE_DISCUSSION_RECORDED, {
            "discussion": str(discussion.public_id), "held_on": on, "participants": participants,
            "minute_sha256": hashlib.sha256(minute.encode()).hexdigest()})
        self.counts["discussions"] += 1
        return discussion

    def service(self, p, case, user, document, number, served_on, method):
        self.rows["services"].append(ServiceRecord(
            case=case, document=document, document_number=number, method=method, served_on=served_on,
            recipient=case.party_name, electronic_consent=method == ServiceMethod.ELECTRONIC, created_by=user))

    def write_evidence(self, p, case, user, on, act):
        rng = self.rng
        lead_officer = p.officers[0][1]
        specs = [
            (EvidenceKind.PHOTO, "现场照片", f"IMG_{on:%Y%m%d}_{p.idx % 86400:06d}.png", "image/png", ".png",
             _png(rng, f"Fazhi demo evidence {case.public_id} {on.isoformat()}")),
            (EvidenceKind.DOCUMENT, "现场检查笔录(扫描件)", f"onsite_{on:%Y%m%d}.pdf", "application/pdf", ".pdf",
             _pdf([f"Saihan District enforcement case file, evidence of case {case.public_id}",
                   f"On-site inspection record, {on.isoformat()}", "Signed by the party and two officers."])),
        ]
        for kind, title, original, content_type, ext, content in specs:
            public_id = uuid.uuid4()
            name = f"evidence/{case.public_id}/{public_id}{ext}"
            evidence = Evidence(public_id=public_id, case=case, kind=kind, title=title, file=name,
                                description=f"证明当事人{p.matter[0]}的事实", collected_on=on,
                                location=p.party["party_address"], collected_by=lead_officer, original_name=original,
                                content_type=content_type, extension=ext, size=len(content),
                                sha256=hashlib.sha256(content).hexdigest(), created_by=user)
            self.files.append((name, content))
            self.rows["evidence"].append(evidence)
            act(on, user, Action.CASE_EVIDENCE_ADDED, {
                "evidence_id": str(evidence.public_id), "kind": kind, "title": title, "collected_on": on.isoformat(),
                "location": evidence.location, "collected_by": lead_officer.name, "original_name": original,
                "content_type": content_type, "size": evidence.size, "sha256": evidence.sha256, "upload_id": None},
                files=[{"name": name, "sha256": evidence.sha256, "size": evidence.size, "stored": True}])
            self.counts["evidence"] += 1

    def write_coercion(self, p, case, user, act):
        c, end, head = p.ev["coercion"], self.end, p.ctx.head
        if c["on"] > end:
            return
        first_due = _due("XZQZ-25", c["on"])
        due = _due("XZQZ-25", c["on"], (), (30,)) if c.get("extended") else first_due
        items = f"{p.party['party_name']}涉案物品一批(详见查封扣押物品清单)" if c["kind"] == CoerciveKind.SEIZE \
            else f"{p.party['party_address']}涉案经营场所及设施"
        shown = [cert.number for _f, _o, cert in p.officers]
        measure = CoerciveMeasure(public_id=uuid.uuid4(), case=case, kind=c["kind"], items=items,
                                  emergency=c["emergency"], approved_on=c["on"], approved_by=head,
                                  carried_out_on=c["on"], certificates_shown=shown, due_on=first_due, created_by=user)
        self.rows["coercion"].append(measure)
        for _f, officer, _c in p.officers:
            self.m2m_coercion.append((measure, officer))
        act(c["on"], user, Action.COERCION_APPLIED, {
            "measure_id": str(measure.public_id), "kind": c["kind"], "items": items, "emergency": c["emergency"],
            "approved_on": c["on"], "approved_by": head.display_name, "carried_out_on": c["on"],
            "officers": [{"name": o.name, "certificates": [cert.number]} for _f, o, cert in p.officers],
            "certificates_shown": shown, "onsite_record_id": None, "due_on": first_due,
            "due_trace": _trace("XZQZ-25", c["on"])})
        self.counts["coercive_measures"] += 1
        if c.get("extended") and c["extended"] <= end:
            measure.extension_days, measure.extension_approved_on = 30, c["extended"]
            measure.extension_reason = "涉案物品数量较大、情况复杂,需进一步检验鉴定"
            measure.status, measure.due_on = CoerciveStatus.EXTENDED, due
            act(c["extended"], user, Action.COERCION_EXTENDED, {
                "measure_id": str(measure.public_id), "basis": "extension", "days": 30, "approved_on": c["extended"],
                "reason": measure.extension_reason, "previous_due_on": first_due, "due_on": due,
                "due_trace": _trace("XZQZ-25", c["on"], extensions=[30])})
            self.counts["coercive_measures_extended"] += 1
        if c.get("disposed") and c["disposed"] <= end:
            measure.status, measure.disposal, measure.disposed_on = CoerciveStatus.DISPOSED, c["disposal"], c["disposed"]
            measure.disposal_note = zh(Disposal(c["disposal"]).label)
            act(c["disposed"], user, Action.COERCION_DISPOSED, {
                "measure_id": str(measure.public_id), "disposal": c["disposal"], "disposed_on": c["disposed"],
                "note": measure.disposal_note, "due_on": measure.due_on,
                "overdue": bool(measure.due_on and c["disposed"] > measure.due_on)})
            self.counts["coercive_measures_disposed"] += 1

    def write_decision(self, p, case, user, head, draft, act, pauses_now, extensions):
        ev = p.ev
        decided = ev["decided"]
        review = None
        if case.is_major:
            approved = [r for r in self.rows_reviews_of(case) if r.draft is draft and r.status == ReviewStatus.APPROVED]
            review = approved[0] if approved else None
        due = _due("XZCF-60", case.filed_on, tuple(sorted(pauses_now)), tuple(extensions))
        decision = Decision(
            case=case, draft=draft, review=review, number=p.decision_number, decided_on=decided, decided_by=head,
            outcome=draft.outcome, penalty_kinds=draft.penalty_kinds, fine_amount=draft.fine_amount,
            confiscation_amount=draft.confiscation_amount, no_penalty_reason=draft.no_penalty_reason,
            facts_and_evidence=draft.facts_and_evidence, penalty_and_basis=draft.penalty_and_basis,
            compliance=draft.compliance, remedies=draft.remedies)
        self.rows["decisions"].append((decision, p))
        before = case.status
        case.status, case.outcome, case.decided_on, case.decision_due = CaseStatus.DECIDED, draft.outcome, decided, None
        act(decided, head, Action.CASE_DECIDED, {
            "decision": p.decision_number, "outcome": draft.outcome, "decided_on": decided,
            "draft_version": draft.version, "draft_sha256": draft.content_sha256,
            "review": str(review.public_id) if review else None, "fine_amount": draft.fine_amount,
            "decision_due": due, "overdue": bool(due and decided > due), "from": before, "to": CaseStatus.DECIDED})
        self.counts[f"decided_{draft.outcome}"] += 1
        if self.reached(p, "served"):
            served, method = ev["served"], ev["serve_method"]
            self.service(p, case, user, DocumentKind.PENALTY_DECISION, p.decision_number, served, method)
            service_due = _due("XZCF-61", decided)
            if draft.outcome == Outcome.PENALTY and draft.fine_amount > 0:
                decision.payment_due = _due("XZCF-67", served)
            case.status = CaseStatus.SERVED
            act(served, user, Action.CASE_SERVED, {
                "decision": p.decision_number, "served_on": served, "method": method, "recipient": case.party_name,
                "service_due": service_due, "late": bool(service_due and served > service_due),
                "payment_due": decision.payment_due, "from": CaseStatus.DECIDED, "to": CaseStatus.SERVED})
        if self.reached(p, "published") and p.decision_number:
            self.publish(p, case, decision, head, act)
        if self.reached(p, "paid") and case.status == CaseStatus.SERVED:
            self.pay(p, case, user, ev["paid"], draft.fine_amount, decision.payment_due, 900)
            case.status = CaseStatus.EXECUTED
        if self.reached(p, "executed") and case.status == CaseStatus.SERVED:
            act(ev["executed"], user, Action.CASE_EXECUTED, {
                "on": ev["executed"], "note": "当事人已履行处罚决定", "from": CaseStatus.SERVED,
                "to": CaseStatus.EXECUTED})
            case.status = CaseStatus.EXECUTED
        if self.reached(p, "closed"):
            before = case.status
            fine_due = draft.outcome == Outcome.PENALTY and draft.fine_amount > 0
            if (before == CaseStatus.EXECUTED or (before == CaseStatus.SERVED and not fine_due)
                    or (before == CaseStatus.DECIDED and draft.outcome == Outcome.TRANSFER_JUDICIARY)):
                self.close(p, case, user, ev["closed"], before, 990)

    def publish(self, p, case, decision, head, act):
        ev = p.ev
        published = ev["published"]
        public_fields = decision_public_fields(decision, published_on=published)
        digest = public_fields_digest(public_fields)
        rule = "GB118-DECISION" if decision.outcome == Outcome.PENALTY else "GB118-OTHER"
        publication = Publication(public_id=uuid.uuid4(), decision=decision, organisation=case.organisation,
                                  decision_number=decision.number, publish_due=ev["publish_due"],
                                  published_on=published, public_fields=public_fields, content_sha256=digest,
                                  ledger_key=p.ctx.body.ledger_key, entry_seq=0, status=PublicationStatus.PUBLISHED)
        self.publications.append((publication, p))
        payload = {"decision_number": decision.number, "content_sha256": digest, "publish_due": ev["publish_due"],
                   "published_on": published, "rule": rule}
        if published > ev["publish_due"]:
            payload["late"] = True
            self.counts["publications_late"] += 1

        def remember(_key, seq, publication=publication):
            publication.entry_seq = seq

        act(published, head, Action.DECISION_PUBLISHED, payload, on_seq=remember)
        self.counts["publications"] += 1
        if p.withdraw is not None:
            change_on, withdrawn_on, reason = p.withdraw
            due = _due("XZCF-48", change_on)
            publication.status, publication.change_on, publication.withdraw_due = (PublicationStatus.WITHDRAWN,
                                                                                   change_on, due)
            publication.withdrawn_on, publication.withdrawal_reason = withdrawn_on, reason

            def payload_for_withdrawal(publication=publication):
                return publication

            wpayload = {"decision_number": decision.number, "content_sha256": digest, "change_on": change_on,
                        "withdraw_due": due, "withdrawn_on": withdrawn_on, "reason": reason}
            self.withdrawals.append((wpayload, publication))
            act(withdrawn_on, head, Action.DECISION_WITHDRAWN, wpayload)
            self.counts["publications_withdrawn"] += 1


# --- numbering --------------------------------------------------------------------------------------------------


def _assign_numbers(plans: list[CasePlan], end: dt.date) -> dict[tuple[str, str, int], int]:
    """Numbers per (organisation, kind, year) in date order, as number_next would have issued them."""
    patterns = dict(NumberPattern.objects.values_list("kind", "pattern"))
    events: list[tuple] = []
    for p in plans:
        ev = p.ev
        if p.path == "summary":
            events.append((ev["decided"], p.idx, "penalty_decision", p, "decision_number"))
            continue
        if p.path != "general":
            continue
        if ev["filed"] <= end:
            events.append((ev["filed"], p.idx, "case", p, "number"))
        if ev.get("notice") and ev["notice"] <= end:
            events.append((ev["notice"], p.idx, "penalty_notice", p, "notice_number"))
        h = ev.get("hearing")
        if h and h["notice_served"] <= end and ev.get("notice_served", end + dt.timedelta(1)) <= end:
            events.append((h["notice_served"], p.idx, "hearing_notice", p, "hearing_number"))
        if ev.get("decided") and ev["decided"] <= end and not p.stalled and p.outcome != Outcome.TRANSFER_JUDICIARY:
            kind = "penalty_decision" if p.outcome == Outcome.PENALTY else "no_penalty_decision"
            events.append((ev["decided"], p.idx, kind, p, "decision_number"))
    events.sort(key=lambda e: (e[0], e[1]))
    counters: dict[tuple[str, str, int], int] = defaultdict(int)
    for day, _idx, kind, p, attr in events:
        scope = str(p.ctx.org.public_id)
        counters[(scope, kind, day.year)] += 1
        seq = counters[(scope, kind, day.year)]
        setattr(p, attr, patterns[kind].format(prefix=p.ctx.prefix, year=day.year, seq=seq, kind=kind))
    return counters


# --- the whole year ---------------------------------------------------------------------------------------------


@transaction.atomic
def load(*, today: dt.date, seed: int = 2017, scale: float = 1.0, accounts: bool = True, progress=None) -> Counter:
    """Build a year of cases (about 20,000 × scale) in one transaction. Returns counts of what was created."""
    started = time.monotonic()

    def step(label: str) -> None:
        if progress:
            progress(f"案件:{label}({time.monotonic() - started:.1f}s)")

    rng = _Rng(seed + 5)
    names, ids = Names(rng), IdNumbers(rng, today)
    end = today - dt.timedelta(days=1)
    counts: Counter = Counter()
    demo = {}
    if accounts:
        from fazhi.web.demo.accounts import ensure_demo_accounts

        ensure_demo_accounts()
        demo = {u.username: u for u in User.objects.filter(username__in=["demo_officer", "demo_reviewer",
                                                                          "demo_head"])}
    contexts = [c for c in _body_contexts(today) if len(c.pool) >= 2 and c.items]
    if not contexts:
        return counts
    thresholds = _configure(contexts)
    _prefixes_for_every_body_organisation()
    chain = Chain()
    counts["case_accounts"] = _staff(contexts, rng, names, chain, demo)
    contexts = [c for c in contexts if c.handlers and c.head and c.reviewer]
    step("账户与配置")

    # how many cases each body has, and when their leads came in
    total = max(len(contexts) * 4, round(CASES_PER_YEAR * scale))
    weights = [len(c.pool) * VOLUME.get(c.key, 1.0) for c in contexts]
    per_body = apportion(total, weights)
    days = (end - FIRST_DAY).days + 1
    planner = Planner(rng=rng, today=today, thresholds=thresholds, names=names, ids=ids)
    plans: list[CasePlan] = []
    for ctx, n in zip(contexts, per_body, strict=True):
        for _ in range(n):
            p = CasePlan(len(plans))
            p.ctx = ctx
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
            if day.weekday() >= 5 and rng.chance(0.7):  # fewer leads at weekends
                day -= dt.timedelta(days=day.weekday() - 4)
            p.lead_on = max(FIRST_DAY, day)
            if len(ctx.eligible(p.lead_on)) < 2:
                p.lead_on = max(p.lead_on, ctx.pool[1][0])
                if p.lead_on > end:
                    continue
            plans.append(p)
    # a few stall: filed 100–250 days ago and never decided (open past XZCF-60)
    n_stalled = max(1, round(len(plans) * OVERDUE_SHARE))
    stall_pool = [p for p in plans if 100 <= (end - p.lead_on).days <= 250]
    for p in rng.sample(stall_pool, min(n_stalled, len(stall_pool))):
        p.stalled = True
    # the demo accounts' work: market regulation cases left with the reviewer and with the head
    market = [p for p in plans if p.ctx.key == "market" and 45 <= (end - p.lead_on).days <= 80 and not p.stalled]
    for i, p in enumerate(rng.sample(market, min(len(market), max(8, round(40 * scale))))):
        p.hold = "review" if i % 2 == 0 else "decide"
    for p in plans:
        planner.plan(p)
        if p.stalled and p.path != "general":
            p.stalled = False
    # evidence files for a sample, and for the demo officer's open cases
    general = [p for p in plans if p.path == "general"]
    n_evidence = max(4, round(EVIDENCE_CASES_PER_YEAR * scale))
    for p in rng.sample(general, min(n_evidence, len(general))):
        p.evidence = True
    demo_officer = demo.get("demo_officer")
    if demo_officer is not None:
        for p in general:
            if p.handler[0] == demo_officer and p.ev.get("decided", end + dt.timedelta(1)) > end:
                p.evidence = True
    # a couple of published decisions are later revoked on review and withdrawn (XZCF-48)
    publishable = [p for p in general if p.outcome == Outcome.PENALTY and p.ev.get("published")
                   and p.ev["published"] <= end - dt.timedelta(days=60)]
    for p in rng.sample(publishable, min(max(1, round(2 * scale)) if scale >= 0.02 else 1, len(publishable))):
        change_on = _wd(p.ev["published"] + dt.timedelta(days=rng.span(25, 50)))
        withdrawn = min(end, _wd(change_on + dt.timedelta(days=rng.span(0, 2))))
        p.withdraw = (change_on, withdrawn, rng.choice(WITHDRAW_REASONS))
    step(f"{len(plans)} 件案件的办理过程")

    counters = _assign_numbers(plans, end)
    writer = Writer(rng=rng, today=today, chain=chain)
    writer.reviews_by_case = defaultdict(list)
    writer.withdrawals = []
    from fazhi.powers.models import Article

    article_ids = {a for p in plans for a in p.bases}
    writer.article_labels = {a.pk: str(a) for a in Article.objects.filter(pk__in=article_ids).select_related("law")}
    for p in plans:
        writer.write(p)
    step("行、记录条目")

    rows = writer.rows
    Case.objects.bulk_create(rows["cases"], batch_size=1000)
    through = Case.legal_bases.through
    through.objects.bulk_create([through(case_id=c.pk, article_id=a) for c, a in writer.m2m_bases],
                                batch_size=2000, ignore_conflicts=True)
    CaseOfficer.objects.bulk_create(rows["case_officers"], batch_size=2000)
    for name, content in writer.files:
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            raise RuntimeError(f"evidence file name taken in storage: {name}")
    Evidence.objects.bulk_create(rows["evidence"], batch_size=1000)
    OnSiteRecord.objects.bulk_create(rows["onsite"], batch_size=1000)
    through = OnSiteRecord.officers.through
    through.objects.bulk_create([through(onsiterecord_id=o.pk, officer_id=off.pk) for o, off in writer.m2m_onsite],
                                batch_size=2000)
    PenaltyNotice.objects.bulk_create(rows["notices"], batch_size=1000)
    Hearing.objects.bulk_create(rows["hearings"], batch_size=1000)
    ClockPause.objects.bulk_create(rows["pauses"], batch_size=1000)
    CollectiveDiscussion.objects.bulk_create(rows["discussions"], batch_size=1000)
    ClockExtension.objects.bulk_create(rows["extensions"], batch_size=1000)
    CoerciveMeasure.objects.bulk_create(rows["coercion"], batch_size=1000)
    through = CoerciveMeasure.officers.through
    through.objects.bulk_create([through(coercivemeasure_id=m.pk, officer_id=off.pk)
                                 for m, off in writer.m2m_coercion], batch_size=2000)
    DraftDecision.objects.bulk_create(rows["drafts"], batch_size=1000)
    LegalReview.objects.bulk_create(rows["reviews"], batch_size=1000)
    Decision.objects.bulk_create([d for d, _p in rows["decisions"]], batch_size=1000)
    ServiceRecord.objects.bulk_create(rows["services"], batch_size=2000)
    Payment.objects.bulk_create(rows["payments"], batch_size=2000)
    step("写入案件数据")

    counts["record_entries_cases"] = chain.write()
    Publication.objects.bulk_create([pub for pub, _p in writer.publications], batch_size=1000)
    step("记录条目(哈希链)")

    # the counters continue after the last number issued here
    existing = {(s.scope, s.kind, s.year): s for s in NumberSequence.objects.filter(
        scope__in=[str(c.org.public_id) for c in contexts])}
    new, changed = [], []
    for (scope, kind, year), last in counters.items():
        row = existing.get((scope, kind, year))
        if row is None:
            new.append(NumberSequence(scope=scope, kind=kind, year=year, last=last))
        elif row.last < last:
            row.last = last
            changed.append(row)
    NumberSequence.objects.bulk_create(new)
    NumberSequence.objects.bulk_update(changed, ["last"])

    by_status = Counter(p.case.status for p in plans)
    counts["cases"] = len(plans)
    for status, n in by_status.items():
        counts[f"cases_{status}"] = n
    counts.update({k: v for k, v in writer.counts.items() if k != "record_entries_cases"})
    counts["evidence_files"] = len(writer.files)
    counts["major_catalogue_items"] = MajorCatalogueItem.objects.count()
    step("完成")
    return counts

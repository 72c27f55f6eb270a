"""Demo: random inspection (双随机一公开, issue 6) in the demo district — one list, two pools, one set of rules.

What it builds, at scale 1 (the demo's "today" is the day it is built, as for the cases; the year runs from
2025-12-01 to the day before today):

* the object pool (检查对象名录库): about 80,000 objects — market entities with checksum-valid USCCs (91 companies,
  92 individual businesses, 93 co-operatives, region 150105), names by industry (GB/T 4754 sections), entity types,
  addresses on the district's streets and in its villages, registration dates, status (mostly active, some
  cancelled or revoked), credit risk grades (A ~35%, B ~50%, C ~12%, D ~3%), abnormal-operation flags and complaint
  counts — and a few hundred public institutions (12…), social organisations (51/52/53…) and law firms (31…). They
  are written like the registry's export is: through the pool's bulk import service
  (`objects_import`), one IMPORT_COMMITTED entry in the office ledger with the counts and the SHA-256 of the file;
* each department's implementing rules (细则, v1 from 2017, v2 for some), its 2026 annual plan (acknowledged; one
  submitted and waiting, one returned with a reason) and market regulation's 2027 plan waiting for the office;
* conflicts of interest declared by a few officers;
* about 200 tasks across the departments with inspection items (market regulation the most, about one in seven
  joint with two or three departments): created, drawn through `task_draw` (a few redrawn, a few objects added by
  hand, always with a reason), the drawn list published, notices sent, results recorded, ended and published — most
  on time, a few late, some ended and waiting (two overdue: warnings), some in progress, some drafts.

Every act goes through the inspections services (so seeds, snapshots, digests and ledger entries are real), except
the bulk of the results: one `result_record` call per result would cost about as much as the rest of the demo, so
results are written here in bulk with the rows `result_record` writes and one INSPECTION_RESULT_RECORDED entry per
result with its payload, appended through `records.append_many` (ADR 0004). The checks of `result_record` hold by
construction: the inspectors are the object's drawn team for the department (certificates valid over the whole task,
checked by the draw), the day is a working day within the task, after the draw and not after today. Findings that
are referred for a case go through `result_record` itself, which opens the case in enforcement, with photos.

The plan is decided by random.Random(seed): the same seed gives the same pool, schedule and outcomes. The draws
themselves use a cryptographic seed (by design), so which objects and officers are drawn differs from run to run.
Draws are dated: a draw's `drawn_at` is set to the day the schedule draws it (the services date the list's
publication, notices and results against it)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import random
import re
import secrets
import time
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from itertools import accumulate

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from fazhi.accounts import services as account_services
from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.core.errors import DomainError
from fazhi.core.validators import USCC_ALPHABET
from fazhi.core.workdays import CalendarDataMissing
from fazhi.core.workdays import calendar as work_calendar
from fazhi.enforcement.enums import zh
from fazhi.inspections.enums import (
    DrawnStatus,
    ObjectKind,
    PlanStatus,
    RegistrationStatus,
    ResultOutcome,
    RiskGrade,
    TaskStatus,
)
from fazhi.inspections.ledger import SUBJECT_RESULT
from fazhi.inspections.models import (
    Draw,
    DrawnObject,
    InspectionObject,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    TeamMember,
)
from fazhi.inspections.services import draws as draw_services
from fazhi.inspections.services import objects as object_services
from fazhi.inspections.services import plans as plan_services
from fazhi.inspections.services import results as result_services
from fazhi.inspections.services import tasks as task_services
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementBody, Jurisdiction, Organisation
from fazhi.personnel.enums import CertificateStatus, OfficerStatus, StaffType, SupervisorStatus
from fazhi.personnel.models import Certificate, Officer, VolunteerSupervisor
from fazhi.personnel.selectors import officers_certified_for
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.records import services as records
from fazhi.records.enums import Action
from fazhi.web.demo import data
from fazhi.web.demo.plan import Names, apportion, weighted

FIRST_DAY = dt.date(2025, 12, 1)
OBJECTS_PER_SCALE = 80_000
OTHER_OBJECTS_PER_SCALE = 400  # public institutions, social organisations, law firms
TASKS_PER_SCALE = 200
POOL_FILE_NAME = "赛罕区检查对象名录库(市场主体登记系统导出).csv"

# --- GB/T 4754-2017 sections used in the district ------------------------------------------------------------------

SECTIONS = {
    "A": "农、林、牧、渔业", "C": "制造业", "D": "电力、热力、燃气及水生产和供应业", "E": "建筑业", "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业", "I": "信息传输、软件和信息技术服务业", "J": "金融业",
    "K": "房地产业", "L": "租赁和商务服务业", "M": "科学研究和技术服务业", "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业", "P": "教育", "Q": "卫生和社会工作", "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
}
# section: (weight among companies, weight among individual businesses) — an urban district with two universities:
# trade, catering and services dominate, with building and business services among the companies.
SECTION_WEIGHTS = {
    "F": (30, 40), "H": (5, 20), "O": (3, 16), "L": (14, 3), "E": (10, 2), "C": (5, 3), "G": (4, 4), "I": (7, 1.5),
    "M": (6, 0.5), "R": (4, 3), "K": (4, 0.5), "A": (3, 2), "P": (2, 0.3), "Q": (1.5, 0.5), "J": (1, 0),
    "D": (1, 0), "N": (1.5, 0.3),
}
COMPANY_SECTIONS = [(s, w[0]) for s, w in SECTION_WEIGHTS.items() if w[0]]
INDIVIDUAL_SECTIONS = [(s, w[1]) for s, w in SECTION_WEIGHTS.items() if w[1]]
# Trade words: the end of an individual business's name, and the middle of a company's.
INDIVIDUAL_TRADES = {
    "F": ["便利店", "超市", "烟酒店", "副食店", "五金店", "日用百货店", "服装店", "鞋店", "水果店", "蔬菜店", "粮油店",
          "手机店", "眼镜店", "茶叶店", "建材经销部", "家电商行", "母婴用品店", "奶食品店", "牛羊肉店", "鲜花店", "文具店",
          "汽车配件经销部", "调料店", "干货店", "化妆品店", "农资经销部", "灯具店", "床上用品店", "土特产店", "烟酒商行",
          "饰品店", "冷饮批发部", "图书店", "宠物用品店"],
    "H": ["烧麦馆", "面馆", "羊杂碎馆", "火锅店", "涮羊肉馆", "快餐店", "饭店", "小吃店", "烧烤店", "奶茶馆", "包子铺",
          "莜面馆", "手把肉馆", "饺子馆", "麻辣烫店", "砂锅店", "早点铺", "凉皮店", "蛋糕店", "焖面馆", "家常菜馆", "旅馆",
          "宾馆", "招待所", "拉面馆", "炖菜馆"],
    "O": ["理发店", "美容美发店", "洗衣店", "汽车修理部", "家电维修部", "洗浴中心", "足疗店", "摄影部", "开锁服务部",
          "汽车美容店", "手机维修部", "裁缝店", "修脚店", "家政服务部", "美甲店", "干洗店", "轮胎修理部", "电动车维修部"],
    "L": ["图文快印部", "广告设计部", "复印部", "中介服务部", "婚庆服务部", "礼仪服务部"],
    "E": ["装饰工程部", "防水工程部", "水暖安装部", "门窗安装部"],
    "C": ["豆制品加工部", "糕点加工坊", "奶制品加工部", "门窗加工部", "面食加工部", "月饼加工坊", "服装加工部", "铁艺加工部",
          "木材加工部"],
    "G": ["货运部", "搬家服务部", "快递服务部", "运输部"],
    "I": ["网络服务部", "电脑维修部"],
    "M": ["技术服务部"],
    "R": ["网络会所", "台球室", "棋牌室", "健身房", "KTV", "书画装裱店"],
    "K": ["房产中介服务部"],
    "A": ["家庭农场", "养殖场", "种植园", "奶牛养殖场", "蔬菜种植园"],
    "P": ["艺术培训部"],
    "Q": ["按摩保健店"],
    "N": ["保洁服务部"],
}
COMPANY_TRADES = {
    "F": ["商贸", "贸易", "食品销售", "医药", "大药房连锁", "农资", "建材", "汽车销售", "电子商务", "五金机电", "酒业", "粮油",
          "百货", "医疗器械", "服装服饰", "农产品", "茶业", "乳品销售", "石油化工产品销售", "家居"],
    "H": ["餐饮管理", "酒店管理", "餐饮服务", "火锅餐饮", "宾馆", "烧麦餐饮", "蒙餐餐饮"],
    "O": ["家政服务", "保洁服务", "汽车服务", "洗涤服务", "美容美发", "汽车维修"],
    "L": ["广告", "商务咨询", "企业管理咨询", "人力资源服务", "保安服务", "会展服务", "设备租赁", "劳务派遣", "旅行社", "物业管理"],
    "E": ["建筑工程", "建筑安装工程", "装饰工程", "市政工程", "路桥工程", "钢结构工程", "水电安装工程", "防水工程"],
    "C": ["乳业", "食品", "肉业", "面业", "饮品", "家具", "印刷", "包装制品", "新型建材", "机械制造", "服装", "制药", "饲料"],
    "G": ["运输", "物流", "货运", "仓储", "快递", "客运", "出租汽车"],
    "I": ["网络科技", "信息技术", "软件开发", "电子科技", "数据科技", "通信工程"],
    "M": ["工程检测", "环保科技", "工程设计", "农业科技", "测绘", "生物科技", "工程咨询"],
    "R": ["文化传媒", "影视文化", "体育文化", "娱乐", "文化艺术", "健身"],
    "K": ["房地产开发", "物业服务", "房地产经纪", "置业"],
    "A": ["农业开发", "牧业", "农牧业科技", "种业", "生态农业"],
    "P": ["教育科技", "教育咨询", "文化培训"],
    "Q": ["医疗管理", "口腔门诊部", "健康管理", "养老服务"],
    "J": ["典当", "小额贷款", "融资担保", "保险代理"],
    "D": ["热力", "燃气", "新能源", "电力工程", "供水"],
    "N": ["环境卫生工程", "园林绿化", "环保工程"],
}
COOP_PRODUCTS = [("蔬菜种植", 6), ("奶牛养殖", 5), ("肉羊养殖", 5), ("马铃薯种植", 3), ("玉米种植", 3), ("葡萄种植", 2),
                 ("草莓种植", 2), ("食用菌种植", 2), ("苗木种植", 2), ("农机服务", 3), ("肉牛养殖", 3), ("蛋鸡养殖", 2),
                 ("生猪养殖", 2), ("杂粮种植", 2)]
TRADE_FIRST = list("鑫盛恒通源达宏泰丰瑞祥兴隆福金博华嘉顺德安宇晟昊鼎汇佳旺诚信和美乐康蒙青塞天北昭银永广锦禾润万聚亿众新盈正"
                   "伟志景明弘创旭晨凯腾远")
TRADE_SECOND = list("盛通达源泰丰祥隆兴福华顺安宇昊鼎汇旺信和利康成辉航远鑫诚茂基业恒益升荣发昌邦联")
TRADE_FIXED = ["蒙源", "塞北", "敕勒川", "大青山", "青城", "昭君", "天骄", "北疆", "金河", "草原", "阴山", "塞外", "乌素图",
               "昭乌达", "锡林", "蒙苑", "蒙亨", "黄河", "哈达", "苏力德", "乌兰", "额尔敦", "巴彦", "敖包"]
COMPANY_TYPES = [("有限责任公司(自然人投资或控股)", 58), ("有限责任公司(自然人独资)", 24),
                 ("有限责任公司(非自然人投资或控股的法人独资)", 5), ("有限责任公司分公司", 5),
                 ("股份有限公司(非上市、自然人投资或控股)", 1), ("个人独资企业", 4), ("普通合伙企业", 1), ("有限合伙企业", 2)]
COMPANY_TYPE_NAMES = [t for t, _w in COMPANY_TYPES]
COMPANY_PLACES = [("内蒙古", 30), ("呼和浩特市", 45), ("呼和浩特", 10), ("呼和浩特市赛罕区", 15)]
INDIVIDUAL_TYPE = "个体工商户"
COOP_TYPE = "农民专业合作社"

# Where objects are: subdistricts by weight, the towns for farming; streets and villages of each.
AREA_WEIGHTS = {"150105001": 10, "150105002": 12, "150105003": 12, "150105004": 10, "150105005": 12, "150105006": 9,
                "150105007": 14, "150105008": 8, "150105100": 6, "150105101": 3, "150105102": 3}
TOWNS = ("150105100", "150105101", "150105102")
AREAS = list(AREA_WEIGHTS.items())
FARM_AREAS = [("150105100", 5), ("150105101", 3), ("150105102", 3), ("150105008", 1)]
AREA_NAMES = {code: name for code, name, *_rest in data.JURISDICTIONS}
STREETS = {
    "150105001": ["人民路", "新华东街", "兴安南路", "东影北路"],
    "150105002": ["大学西街", "呼伦贝尔南路", "锡林郭勒南路", "昭乌达路"],
    "150105003": ["大学东街", "丰州路", "东影南路", "展东路"],
    "150105004": ["乌兰察布东路", "巴彦淖尔南路", "兴安南路", "东影南路"],
    "150105005": ["昭乌达路", "南二环路", "鄂尔多斯大街", "呼伦贝尔南路"],
    "150105006": ["新华东街", "丰州路", "展东路", "东二环路"],
    "150105007": ["敕勒川大街", "如意和大街", "腾飞南路", "世纪六路", "宝力尔街"],
    "150105008": ["机场路", "东二环路", "大学东街", "南二环路"],
}
VILLAGES = {
    "150105100": ["金河村", "曙光村", "根堡村", "西讨速号村", "前不塔气村", "南地村"],
    "150105101": ["榆林村", "麻什村", "什兰岱村", "苏木沁村", "大厂库伦村"],
    "150105102": ["黄合少村", "东干丈村", "石人湾村", "格此老村", "美岱村"],
}
ESTATES = ["东达城市广场", "巨华世纪城", "万达广场", "凯德广场", "金宇文苑", "嘉友国际", "维多利国际", "太伟方恒广场",
           "凯元广场", "恒大华府", "锦绣华庭", "天元商厦", "国际商贸城", "桥华小区", "锡林小区", "东瓦窑小区", "富丽小区",
           "保全庄小区", "兴泰御都", "如意家园", "金桥花园", "青城名都", "大学城公寓", "敕勒川小区"]
MARKETS = ["东瓦窑农贸市场", "大学东街农贸市场", "金桥农贸市场", "如意农贸市场", "巴彦综合市场"]

# Registration years: the register grew fast after the commercial registration reform of 2014.
YEAR_WEIGHTS = ([(y, 1) for y in range(1995, 2005)] + [(y, 2) for y in range(2005, 2010)]
                + [(y, 4) for y in range(2010, 2014)] + [(y, 7) for y in range(2014, 2017)]
                + [(y, 9) for y in range(2017, 2020)] + [(y, 10) for y in range(2020, 2027)])
GRADE_WEIGHTS = [(RiskGrade.A.value, 35), (RiskGrade.B.value, 50), (RiskGrade.C.value, 12), (RiskGrade.D.value, 3)]
REVOKED_GRADES = [("D", 6), ("C", 4)]
ABNORMAL = {"A": 0.002, "B": 0.02, "C": 0.18, "D": 0.5}
COMPLAINT_RATE = {"H": 0.5, "F": 0.35, "O": 0.3, "R": 0.4, "K": 0.6, "P": 0.4, "Q": 0.3}
GRADE_COMPLAINTS = {"A": 0.5, "B": 1.0, "C": 2.5, "D": 4.0}

# Other kinds of object.
SCHOOL_PLACES = ["金河", "榆林", "黄合少", "巴彦", "桥华", "锡林", "东达", "昭乌达", "敕勒川", "如意", "金桥", "东瓦窑",
                 "大学路", "丰州", "展东", "新华", "兴安", "呼伦", "南门外", "腾飞"]
# Place words of each subdistrict and town (its communities and villages), for the names of public institutions.
AREA_PLACES = {
    "150105001": ["桥华", "新华", "兴安", "人民路"], "150105002": ["内大", "呼伦", "锡林南路", "大学西路"],
    "150105003": ["东达", "丰州", "展东", "大学东路"], "150105004": ["乌兰察布", "巴彦淖尔", "东影", "畜牧"],
    "150105005": ["昭乌达", "南门外", "二环", "后八里庄"], "150105006": ["锡林", "东瓦窑", "中专", "新华东"],
    "150105007": ["敕勒川", "如意", "腾飞", "金桥"], "150105008": ["巴彦", "富丽", "机场", "讨思浩"],
    "150105100": ["金河", "曙光", "根堡", "南地"], "150105101": ["榆林", "麻什", "什兰岱", "苏木沁"],
    "150105102": ["黄合少", "东干丈", "石人湾", "美岱"],
}
SCHOOLS = ["小学", "中学", "第二小学", "实验小学", "幼儿园", "第一幼儿园", "第二幼儿园", "学校", "九年一贯制学校"]
ASSOCIATIONS = ["个体劳动者协会", "餐饮行业协会", "商会", "物业管理协会", "建筑业协会", "美容美发行业协会", "烹饪协会",
                "老年人体育协会", "书法家协会", "摄影家协会", "慈善协会", "志愿者协会", "奶业协会", "农牧业产业化协会",
                "汽车维修行业协会", "电子商务协会", "家政服务行业协会", "象棋协会", "马术协会", "搏克协会"]
NON_PROFITS = [("培训学校", "P", 8), ("幼儿园", "P", 6), ("养老院", "Q", 3), ("社会工作服务中心", "S", 2),
               ("康复中心", "Q", 1), ("职业技能培训学校", "P", 2), ("老年公寓", "Q", 1), ("社区服务中心", "S", 1)]

# --- scopes of the departments' inspection items -------------------------------------------------------------------

# subject of an item ("对{subject}的监督检查") → (GB/T 4754 sections, object kinds, entity class). None: the
# subject does not fit a random draw of objects (it is not about entities). Kinds: M market entity, P public
# institution, S social organisation, L law firm; entity class: "" any, "company", "individual".
SUBJECT_SCOPES = {
    # market regulation
    "食品经营": ("FH", "M", ""), "食品生产": ("C", "M", "company"), "食品小作坊": ("C", "M", "individual"),
    "餐饮服务": ("H", "M", ""), "药品零售": ("F", "M", ""), "医疗器械经营": ("FQ", "M", ""), "化妆品经营": ("FO", "M", ""),
    "特种设备使用": ("CHK", "M", "company"), "计量器具": ("FC", "M", ""), "产品质量": ("CF", "M", ""),
    "广告发布": ("LR", "M", "company"), "商品交易市场": ("F", "M", ""), "网络交易": ("FI", "M", ""),
    "价格行为": ("FHO", "M", ""), "农产品批发市场": ("FA", "M", ""), "保健食品经营": ("F", "M", ""),
    "直销经营": ("F", "M", "company"), "认证认可": ("MC", "M", "company"), "标准化": ("C", "M", "company"),
    "企业登记": ("", "M", "company"),
    # urban management
    "燃气设施": ("HD", "M", ""), "夜间施工噪声": ("E", "M", ""), "市容环境卫生": ("FHO", "M", ""), "临时建筑": ("EK", "M", ""),
    "城市道路挖掘": ("ED", "M", "company"), "城市绿化": ("ENK", "M", ""), "户外广告设施": ("FHL", "M", ""),
    "共享单车停放": ("GL", "M", "company"), "占道经营": ("FH", "M", "individual"), "餐饮油烟": ("H", "M", ""),
    "建筑垃圾运输": ("GE", "M", "company"), "渣土运输": ("GE", "M", "company"), "违法建设": ("EK", "M", ""),
    "排水设施": ("HO", "M", ""),
    # public security
    "娱乐场所治安": ("R", "M", ""), "旅馆业治安": ("H", "M", ""), "典当业治安": ("J", "M", ""),
    "民用爆炸物品": ("CE", "M", "company"), "剧毒化学品购买": ("CF", "M", "company"), "大型群众性活动": ("RL", "M", "company"),
    "保安服务": ("L", "M", "company"), "出入境管理": ("HL", "M", ""), "烟花爆竹运输": ("FG", "M", ""),
    "户籍管理": None, "居民身份证": None, "机动车驾驶": None, "枪支管理": None,
    # tax
    "税务登记": ("", "M", "company"), "纳税申报": ("", "M", "company"), "发票管理": ("FHL", "M", ""),
    "税款征收": ("", "M", "company"), "出口退税": ("FC", "M", "company"), "税收减免": ("CIM", "M", "company"),
    "代扣代缴": ("", "M", "company"),
    # natural resources
    "土地使用": ("AK", "M", ""), "建设用地": ("EK", "M", "company"), "矿产资源开采": ("C", "M", "company"),
    "测绘活动": ("M", "M", "company"), "耕地保护": ("A", "M", ""), "不动产登记": None, "地质灾害防治": ("EK", "M", "company"),
    # ecology and environment
    "排污许可": ("CD", "M", "company"), "建设项目环境影响评价": ("CED", "M", "company"), "大气污染防治": ("CDO", "M", ""),
    "水污染防治": ("CHO", "M", ""), "固体废物处置": ("CN", "M", ""), "危险废物经营": ("CON", "M", "company"),
    "噪声污染防治": ("CER", "M", ""), "辐射安全": ("QC", "MP", ""),
    # fire
    "公众聚集场所": ("HRF", "M", ""), "消防产品": ("FC", "M", ""), "消防设施": ("HRFK", "M", ""), "建筑消防安全": ("HRF", "MP", ""),
    "消防技术服务": ("ML", "M", "company"),
    # health
    "医疗机构执业": ("Q", "MP", ""), "医师执业": ("Q", "MP", ""), "护士执业": ("Q", "MP", ""), "公共场所卫生": ("HO", "M", ""),
    "生活饮用水卫生": ("DP", "MP", ""), "母婴保健技术服务": ("Q", "MP", ""), "放射诊疗": ("Q", "MP", ""),
    "职业卫生": ("C", "M", "company"), "消毒产品": ("CF", "M", ""),
    # education
    "民办学校办学": ("P", "MS", ""), "校外培训机构": ("P", "MS", ""), "幼儿园办园": ("P", "PS", ""), "教师资格": ("P", "PS", ""),
    "学生资助": ("P", "P", ""),
    # farming and husbandry
    "农药经营": ("FA", "M", ""), "兽药经营": ("FA", "M", ""), "种子经营": ("FA", "M", ""), "饲料经营": ("FAC", "M", ""),
    "农机安全": ("A", "M", ""), "草原保护": ("A", "M", ""), "农产品质量安全": ("A", "M", ""),
    "动物防疫条件": ("A", "M", ""), "动物检疫": ("AF", "M", ""), "动物诊疗": ("O", "M", ""), "病死动物无害化处理": ("A", "M", ""),
    # water
    "取水": ("DCA", "M", ""), "河道管理范围内建设": ("E", "M", "company"), "水土保持": ("EK", "M", "company"),
    "城市供水": ("D", "M", ""), "节约用水": ("HO", "M", ""), "地下水开采": ("AC", "M", ""),
    # transport
    "道路旅客运输": ("G", "M", ""), "道路货物运输": ("G", "M", ""), "机动车维修": ("O", "M", ""), "出租汽车经营": ("G", "M", ""),
    "公路路政": ("GE", "M", "company"), "驾驶员培训": ("PG", "M", ""), "超限运输": ("G", "M", ""),
    # emergency management
    "危险化学品经营": ("FC", "M", "company"), "安全生产": ("CEFG", "M", "company"), "烟花爆竹经营": ("F", "M", ""),
    "非煤矿山": ("C", "M", "company"), "工贸企业安全": ("CF", "M", "company"), "应急预案": ("CGD", "M", "company"),
    # housing and construction
    "建筑工程施工": ("E", "M", "company"), "建筑业企业资质": ("E", "M", "company"), "房地产开发": ("K", "M", "company"),
    "物业服务": ("K", "M", "company"), "商品房预售": ("K", "M", "company"), "建设工程质量": ("E", "M", "company"),
    "城镇燃气经营": ("D", "M", "company"),
    # culture and tourism
    "营业性演出": ("R", "M", ""), "娱乐场所经营": ("R", "M", ""), "旅行社经营": ("L", "M", "company"), "网吧经营": ("R", "M", ""),
    "文物保护": None, "体育经营活动": ("R", "M", ""),
    "出版物经营": ("F", "M", ""), "印刷经营": ("C", "M", ""), "音像制品经营": ("F", "M", ""), "互联网上网服务营业场所": ("R", "M", ""),
    # civil affairs
    "社会团体登记": ("", "S", ""), "民办非企业单位登记": ("", "S", ""), "殡葬管理": ("O", "M", ""), "最低生活保障": None,
    "养老机构": ("Q", "SM", ""), "婚姻登记": None,
    # human resources and social security
    "劳动合同": ("EHCL", "M", "company"), "工资支付": ("EHC", "M", "company"), "职业技能培训": ("P", "MS", ""),
    "人力资源服务": ("L", "M", "company"), "社会保险": ("EHCLF", "M", "company"), "劳务派遣": ("L", "M", "company"),
    # development and reform; medical insurance; forestry
    "固定资产投资项目": ("ECK", "M", "company"), "价格监督": ("FHO", "M", ""), "节约能源": ("CD", "M", "company"),
    "粮食流通": ("FC", "M", ""), "定点医药机构": ("QF", "MP", ""), "医疗保障基金": ("QF", "MP", ""),
    "林木采伐": ("A", "M", ""), "林地使用": ("AE", "M", ""), "野生动物保护": ("AH", "M", ""), "草原征占用": ("AE", "M", ""),
    "森林防火": ("A", "M", ""),
}
# Task volume per lead department, relative (market regulation carries most of the random inspection).
TASK_WEIGHTS = {"market": 60, "urban": 14, "health": 12, "emergency": 10, "fire": 10, "culture": 8, "transport": 8,
                "housing": 8, "eco": 8, "agri": 6, "edu": 6, "police": 6, "hrss": 6, "tax": 5, "water": 4, "land": 4,
                "civil": 4, "forestry": 3, "animal": 3, "culture_team": 4, "medical": 0, "drc": 0}
# Departments whose 2026 plan is not acknowledged (they lead no task of the year): submitted and waiting; returned.
PLAN_WAITING, PLAN_RETURNED = "drc", "medical"
RETURN_REASON = ("抽查比例未按信用风险分类分别设置,C类、D类对象抽查比例偏低;抽查事项未覆盖定点医药机构,"
                 "请修改后重新报送")
# Joint inspections: (lead, lead subjects, [(partner, partner subjects)]) — subjects tried in order.
JOINT = [
    ("market", ["餐饮服务", "食品经营"], [("fire", ["公众聚集场所", "消防设施", "建筑消防安全"])]),
    ("market", ["食品经营", "餐饮服务"], [("health", ["公共场所卫生"])]),
    ("culture", ["网吧经营", "娱乐场所经营"], [("police", ["娱乐场所治安"]), ("fire", ["消防设施", "建筑消防安全"])]),
    ("transport", ["机动车维修"], [("eco", ["大气污染防治", "噪声污染防治"])]),
    ("housing", ["建筑工程施工", "建设工程质量"], [("emergency", ["安全生产"]), ("hrss", ["工资支付", "劳动合同"])]),
    ("agri", ["兽药经营", "农药经营"], [("animal", ["动物检疫", "动物防疫条件"])]),
    ("edu", ["校外培训机构", "民办学校办学"], [("fire", ["消防设施", "建筑消防安全"])]),
    ("market", ["特种设备使用"], [("emergency", ["工贸企业安全", "安全生产"])]),
    ("urban", ["户外广告设施"], [("market", ["广告发布"])]),
    ("health", ["医疗机构执业"], [("medical", ["医疗保障基金", "定点医药机构"])]),
    ("police", ["旅馆业治安"], [("health", ["公共场所卫生"]), ("fire", ["公众聚集场所", "消防设施"])]),
    ("market", ["价格行为"], [("drc", ["价格监督"])]),
    ("emergency", ["危险化学品经营"], [("fire", ["消防设施"]), ("eco", ["危险废物经营"])]),
    ("market", ["药品零售", "医疗器械经营"], [("medical", ["医疗保障基金", "定点医药机构"])]),
    ("culture_team", ["出版物经营", "音像制品经营"], [("market", ["网络交易", "价格行为"])]),
]
JOINT_SHARE = 0.15
# Ratio ladder (percent): tasks take A, B, C, D at steps i, i+1, i+3, i+6 (D capped at 100).
LADDER = [Decimal(x) for x in ("0.5", "1", "2", "3", "5", "8", "10", "15", "20", "30", "50", "80", "100")]

# Fates of tasks (share of all tasks): where each stands today.
FATES = [("published", 0.72), ("in_progress", 0.12), ("ended", 0.05), ("drawn", 0.03), ("draft", 0.07)]
OVERDUE = 2  # ended and never published, past the INSPECTION-PUBLISH date: the warnings
LATE_SHARE = 0.06
REDRAWS = 3
ADDITIONS = 5
MONTH_WEIGHTS = {12: 3, 1: 2, 2: 1, 3: 10, 4: 12, 5: 12, 6: 11, 7: 9, 8: 9, 9: 11, 10: 7, 11: 8}

REDRAW_REASONS = [
    "抽取后核查发现执法检查人员名录库未及时更新(2名执法人员已调整岗位),经分管负责人批准,依程序重新抽取",
    "抽取时检查对象名录库尚未导入当月市场主体登记数据,经局务会研究,数据更新后重新抽取",
    "见证人对抽取过程中的网络中断提出异议,经分管负责人批准,在见证人监督下重新抽取",
]
ADDITION_REASONS = [
    "近一年群众投诉举报{n}次,经分管负责人批准,增补纳入本次抽查",
    "上级部门转办线索,要求对该主体一并检查,增补纳入本次抽查",
    "该主体被列入经营异常名录后申请移出,需现场核查经营情况,增补纳入本次抽查",
]
CONFLICT_REASONS = ["配偶在该单位任职", "本人近亲属为该个体工商户经营者", "本人曾在该企业任职(2019年离职)",
                    "本人近亲属持有该公司股份", "与该单位负责人系同学关系,主动申请回避", "本人子女在该机构就读"]
# Findings of the outcomes with a problem, by enforcement category (a default for the others).
CORRECTIONS = {
    "market": ["部分预包装食品未按规定标注生产日期和保质期", "从业人员健康证明过期", "未落实进货查验记录制度", "食品贮存区域卫生不达标",
               "未在经营场所醒目位置公示营业执照", "未按规定明码标价", "计量器具未按期检定", "年度报告公示的住所与实际经营场所不一致",
               "特种设备使用登记证未悬挂", "未按规定建立特种设备安全技术档案"],
    "urban": ["门前三包责任未落实,店外堆放杂物", "户外广告设施破损未及时维护", "油烟净化设施未定期清洗", "施工围挡不规范",
              "建筑垃圾未及时清运"],
    "fire": ["疏散通道堆放杂物", "部分灭火器压力不足", "应急照明灯损坏", "安全出口指示标志不亮", "未按规定开展消防安全培训"],
    "health": ["从业人员健康证明过期", "公共用品用具消毒记录不全", "卫生许可证未按规定公示", "空气质量检测报告过期"],
    "emergency": ["安全生产责任制不健全", "从业人员安全培训记录不全", "未设置安全警示标志", "隐患排查治理台账不完整"],
    "housing": ["施工现场安全防护不到位", "特种作业人员证书未随身携带", "物业服务收费未按规定公示", "工程资料签字不全"],
    "transport": ["车辆技术档案不完整", "维修竣工出厂合格证未按规定签发", "从业人员资格证未随车携带"],
    "eco": ["危险废物贮存场所未设置标识", "污染防治设施运行记录不全", "环保管理台账不完整"],
    "culture": ["未按规定核对登记上网消费者身份证件", "营业场所未张贴未成年人禁入标志", "演出场所安全疏散示意图缺失"],
    "agriculture": ["农药经营台账记录不全", "兽药未按规定分区陈列", "种子标签标注不规范"],
    "hrss": ["未与部分劳动者签订书面劳动合同", "工资支付台账不完整", "未按规定公示劳动规章制度"],
    "education": ["收费项目未公示", "部分教师未取得相应资格", "消防安全管理制度不健全"],
    "police": ["旅客住宿登记信息不全", "从业人员信息未按规定登记", "治安保卫制度不健全"],
    "tax": ["未按规定期限办理纳税申报", "发票保管不规范", "财务会计制度未备案"],
}
DEFAULT_CORRECTIONS = ["管理台账记录不完整", "相关证照未按规定公示", "从业人员培训记录缺失", "管理制度未上墙公示"]
REFERRALS = {
    "market": ["经营超过保质期的食品", "未取得食品经营许可从事食品经营活动", "销售不符合食品安全标准的食品",
               "特种设备未经定期检验继续使用", "使用未经检定的计量器具", "发布虚假广告"],
    "urban": ["未经批准擅自设置户外广告设施", "餐饮服务单位未安装油烟净化设施", "擅自占用城市道路从事经营活动"],
    "fire": ["占用、堵塞、封闭疏散通道、安全出口", "消防设施未保持完好有效"],
    "health": ["公共场所经营者未取得卫生许可证经营", "未取得医疗机构执业许可证擅自执业"],
    "emergency": ["未按规定对从业人员进行安全生产教育和培训", "未经许可经营危险化学品"],
    "housing": ["未取得施工许可证擅自施工", "物业服务企业未按规定履行物业服务义务"],
    "transport": ["未取得道路运输经营许可擅自从事道路运输经营", "机动车维修经营者未按规定签发竣工出厂合格证"],
    "eco": ["未按规定贮存危险废物", "未正常运行污染防治设施"],
    "culture": ["接纳未成年人进入互联网上网服务营业场所", "未经批准擅自从事营业性演出"],
    "agriculture": ["经营假劣农药", "未取得兽药经营许可证经营兽药", "经营未附具检疫证明的动物产品"],
    "hrss": ["克扣、无故拖欠劳动者工资", "未依法为劳动者缴纳社会保险费"],
    "education": ["未经批准擅自举办校外培训机构"],
    "police": ["旅馆未按规定登记住宿旅客身份信息"],
}
DEFAULT_REFERRALS = ["违反有关法律法规规定的经营行为"]
NO_PROBLEM_NOTES = ["", "", "", "证照齐全,经营规范,未发现违法违规行为", "现场检查,相关制度落实到位",
                    "经现场检查及查阅台账,未发现问题"]
NO_ACTIVITY_NOTES = ["经现场检查,该主体未开展本次抽查涉及的经营活动", "该主体已停业,未发现经营活动"]
NOT_FOUND_NOTES = ["通过登记的住所(经营场所)无法联系,现场已无该主体经营", "登记住所为居民住宅,无法联系到经营者"]
CLOSED_NOTES = ["经核查,该主体已于检查前办理注销登记"]
WITNESS_UNITS = ["区纪委监委派驻纪检监察组", "区司法局行政执法监督科", "本单位机关纪委"]


class _Rng(random.Random):
    def chance(self, p: float) -> bool:
        return self.random() < p


def _wd(day: dt.date) -> dt.date:
    """The first working day on or after `day`."""
    try:
        return work_calendar.next_working_day(day)
    except CalendarDataMissing:
        return day


def _add_wd(day: dt.date, n: int) -> dt.date:
    """n working days after `day` (n ≥ 0; 0: the first working day on or after it)."""
    day = _wd(day)
    for _ in range(n):
        day = _wd(day + dt.timedelta(days=1))
    return day


def _sub_wd(day: dt.date, n: int) -> dt.date:
    """n working days before `day`."""
    for _ in range(n):
        day -= dt.timedelta(days=1)
        while _wd(day) != day:
            day -= dt.timedelta(days=1)
    return day


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


_PICKERS: dict[int, tuple] = {}


def _pick(rng: random.Random, pairs):
    """A value of [(value, weight), …] by weight (plan.weighted, with the cumulative weights kept per list)."""
    entry = _PICKERS.get(id(pairs))
    if entry is None or entry[0] is not pairs:
        cumulative = list(accumulate(w for _v, w in pairs))
        entry = _PICKERS[id(pairs)] = (pairs, [v for v, _w in pairs], cumulative, cumulative[-1])
    _pairs, values, cumulative, total = entry
    return values[bisect_right(cumulative, rng.random() * total)]


HAN_SURNAME_SET = frozenset(s for s, _w in data.HAN_SURNAMES)


def _person(rng: random.Random) -> str:
    """A name of the region, as plan.Names.person makes them (Han names, and Mongolian with or without surname)."""
    male = rng.random() < 0.58
    if rng.random() < data.MONGOL_SHARE:
        given = rng.choice(data.MONGOL_MALE if male else data.MONGOL_FEMALE)
        if rng.random() < 0.45 and len(given) <= 3:
            return _pick(rng, data.MONGOL_SURNAMES) + given
        return given
    surname = _pick(rng, data.HAN_SURNAMES)
    if rng.random() < 0.3:
        return surname + rng.choice(data.HAN_MALE_SINGLE if male else data.HAN_FEMALE_SINGLE)
    return surname + rng.choice(data.HAN_MALE if male else data.HAN_FEMALE)


_USCC_INDEX = {c: i for i, c in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _uscc_check(first17: str) -> str:
    """fazhi.core.validators.uscc_check_char (GB 32100-2015), with a dict for the alphabet's positions."""
    total = sum(_USCC_INDEX[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


# --- the object pool ---------------------------------------------------------------------------------------------


def _org_check(body8: str) -> str:
    """Check character of a 9-character organisation code (GB 11714-1997; letters count 10–35)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, weights, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _base31(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 31)
        out.append(USCC_ALPHABET[r])
    return "".join(out)



class PoolPlanner:
    """The objects of the pool as the registry would export them (rows in the import's field order, with the
    jurisdiction as its code), decided by the random generator alone."""

    def __init__(self, rng: _Rng, today: dt.date):
        self.rng, self.today = rng, today
        self.used_codes: set[str] = set()
        self.used_names: set[str] = set()

    # identifiers ------------------------------------------------------------------------------------------------
    def uscc(self, prefix: str, region: str, kind: str, registered: dt.date | None) -> str:
        rng = self.rng
        while True:
            if kind == "MA":  # a code issued since the 2015 reform: MA + issuing batch + serial
                year = registered.year if registered else 2018
                batch = ("0N" if year <= 2017 else "0P" if year <= 2018 else "0Q" if year <= 2019 else "13"
                         if year <= 2021 else "7" + rng.choice("ABCDE") if year <= 2023 else "C" + rng.choice("ABCD"))
                serial = _base31(rng.randrange(31 ** (6 - len(batch))), 6 - len(batch))
                body8 = "MA" + batch + serial
            elif kind == "MJ":  # social organisations
                body8 = f"MJ{rng.randrange(10**6):06d}"
            elif kind == "E":  # law firms
                body8 = "E" + f"{rng.randrange(10**7):07d}"
            else:  # an organisation code from before the reform, kept in the USCC
                body8 = f"{rng.randrange(10**7, 10**8):08d}"
            first17 = prefix + region + body8 + _org_check(body8)
            code = first17 + _uscc_check(first17)
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def trade_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            return rng.choice(TRADE_FIXED) + (rng.choice(TRADE_SECOND) if rng.random() < 0.4 else "")
        first = rng.choice(TRADE_FIRST)
        second = rng.choice(TRADE_SECOND)
        if second == first:
            second = "盛" if first != "盛" else "达"
        return first + second

    def unique(self, make) -> str:
        for _ in range(50):
            name = make()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = make() + f"({len(self.used_names) % 97 + 1}店)"
        self.used_names.add(name)
        return name

    # places ---------------------------------------------------------------------------------------------------
    def area(self, farming: bool) -> str:
        if farming:
            return _pick(self.rng, FARM_AREAS)
        return _pick(self.rng, AREAS)

    def address(self, area: str, section: str) -> str:
        rng = self.rng
        town = AREA_NAMES.get(area, "")
        if area in TOWNS:
            village = rng.choice(VILLAGES[area])
            if rng.random() < 0.5:
                return f"呼和浩特市赛罕区{town}{village}{rng.randint(1, 12)}组"
            return f"呼和浩特市赛罕区{town}{village}{rng.randint(1, 320)}号"
        street = rng.choice(STREETS[area])
        base = f"呼和浩特市赛罕区{street}{rng.randint(1, 399)}号"
        roll = rng.random()
        if section in "FH" and roll < 0.08:
            return f"呼和浩特市赛罕区{rng.choice(MARKETS)}{rng.randint(1, 260)}号摊位"
        if roll < 0.35:
            return base
        estate = rng.choice(ESTATES)
        if roll < 0.65:
            return f"{base}{estate}底商{rng.randint(1, 40)}号"
        if roll < 0.85:
            return f"{base}{estate}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
        return f"{base}{estate}{rng.randint(1, 5)}层{rng.randint(101, 599)}室"

    def registered_on(self) -> dt.date:
        rng = self.rng
        year = _pick(rng, YEAR_WEIGHTS)
        start = dt.date(year, 1, 1)
        end = min(dt.date(year, 12, 31), self.today - dt.timedelta(days=1))
        return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))

    def status(self, registered: dt.date) -> str:
        age = (self.today - registered).days / 365.25
        roll = self.rng.random()
        cancelled = min(0.2, 0.03 + 0.009 * age)
        revoked = 0.035 if registered.year < 2020 else 0.004
        if roll < cancelled:
            return RegistrationStatus.CANCELLED.value
        if roll < cancelled + revoked:
            return RegistrationStatus.REVOKED.value
        if roll < cancelled + revoked + 0.008:
            return RegistrationStatus.MOVED_OUT.value
        return RegistrationStatus.ACTIVE.value

    def grade(self, status: str) -> str:
        if status == RegistrationStatus.REVOKED:
            return _pick(self.rng, REVOKED_GRADES)
        return _pick(self.rng, GRADE_WEIGHTS)

    def last_inspected(self, registered: dt.date) -> dt.date | None:
        """Some objects were inspected before the demo year (the registry's export carries the date)."""
        if self.rng.random() > 0.22:
            return None
        first = max(registered, dt.date(2021, 1, 1))
        last = FIRST_DAY - dt.timedelta(days=1)
        if first >= last:
            return None
        return first + dt.timedelta(days=self.rng.randrange((last - first).days))

    # market entities --------------------------------------------------------------------------------------------
    def market_entity(self) -> tuple:
        rng = self.rng
        roll = rng.random()
        if roll < 0.62:
            return self._individual()
        if roll < 0.985:
            return self._company()
        return self._cooperative()

    def _common(self, section: str, farming: bool) -> tuple:
        registered = self.registered_on()
        status = self.status(registered)
        grade = self.grade(status)
        abnormal = self.rng.random() < ABNORMAL[grade] or (status == RegistrationStatus.REVOKED
                                                           and self.rng.random() < 0.6)
        complaints = _poisson(self.rng, COMPLAINT_RATE.get(section, 0.15) * GRADE_COMPLAINTS[grade] * 0.4)
        area = self.area(farming)
        return registered, status, grade, abnormal, complaints, area

    def _individual(self) -> tuple:
        rng = self.rng
        section = _pick(rng, INDIVIDUAL_SECTIONS)
        registered, status, grade, abnormal, complaints, area = self._common(section, section == "A")
        owner = _person(rng)
        trades = INDIVIDUAL_TRADES.get(section) or INDIVIDUAL_TRADES["F"]

        def make():
            trade = rng.choice(trades)
            prefix = "呼和浩特市赛罕区" if rng.random() < 0.55 else "赛罕区"
            roll = rng.random()
            if roll < 0.12 and len(owner) <= 3 and owner[0] in HAN_SURNAME_SET:
                word = rng.choice(["老{s}家", "{s}记", "小{s}", "{s}姐"]).format(s=owner[0])
            elif roll < 0.2:
                word = owner
            else:
                word = self.trade_name()
            return prefix + word + trade

        name = self.unique(make)
        uscc = self.uscc("92", data.DISTRICT_CODE, "MA", registered)
        return (uscc, ObjectKind.MARKET_ENTITY.value, name, INDIVIDUAL_TYPE, SECTIONS[section],
                self.address(area, section), area, owner, registered, status, grade, abnormal, complaints,
                self.last_inspected(registered))

    def _company(self) -> tuple:
        rng = self.rng
        section = _pick(rng, COMPANY_SECTIONS)
        registered, status, grade, abnormal, complaints, area = self._common(section, section == "A")
        entity_type = _pick(rng, COMPANY_TYPES)
        trades = COMPANY_TRADES[section]

        def make():
            trade = rng.choice(trades)
            word = self.trade_name()
            if entity_type == "有限责任公司分公司":
                parent = rng.choice(["内蒙古", "呼和浩特市"]) + word + trade + "有限公司"
                return parent + rng.choice(["赛罕分公司", "赛罕区分公司", "呼和浩特赛罕区分店"])
            if entity_type == "个人独资企业":
                return "呼和浩特市赛罕区" + word + trade + rng.choice(["中心", "经营部", "商行"])
            if "合伙" in entity_type:
                return "呼和浩特" + word + trade + "中心(" + ("有限合伙" if entity_type.startswith("有限") else "普通合伙") + ")"
            place = _pick(rng, COMPANY_PLACES)
            if entity_type.startswith("股份"):
                return place + word + trade + "股份有限公司"
            return place + word + trade + ("有限责任公司" if rng.random() < 0.12 else "有限公司")

        name = self.unique(make)
        code_kind = "MA" if registered >= dt.date(2015, 10, 1) else "ORG"
        uscc = self.uscc("91", data.DISTRICT_CODE, code_kind, registered)
        legal = _person(rng)
        return (uscc, ObjectKind.MARKET_ENTITY.value, name, entity_type, SECTIONS[section],
                self.address(area, section), area, legal, registered, status, grade, abnormal, complaints,
                self.last_inspected(registered))

    def _cooperative(self) -> tuple:
        rng = self.rng
        section = "A" if rng.random() < 0.9 else "F"
        registered, status, grade, abnormal, complaints, area = self._common(section, True)
        if area not in TOWNS:
            area = rng.choice(TOWNS)
        product = _pick(rng, COOP_PRODUCTS)

        def make():
            place = rng.choice(VILLAGES[area]).removesuffix("村") if rng.random() < 0.6 else self.trade_name()
            return f"呼和浩特市赛罕区{place}{product}专业合作社"

        name = self.unique(make)
        uscc = self.uscc("93", data.DISTRICT_CODE, "MA" if registered.year >= 2016 else "ORG", registered)
        legal = _person(rng)
        return (uscc, ObjectKind.MARKET_ENTITY.value, name, COOP_TYPE, SECTIONS[section],
                self.address(area, section), area, legal, registered, status, grade, abnormal, complaints,
                self.last_inspected(registered))

    # other kinds -----------------------------------------------------------------------------------------------
    def others(self, n: int) -> list[tuple]:
        rng = self.rng
        counts = apportion(n, [45, 40, 15])
        rows = []
        for _ in range(counts[0]):
            rows.append(self._institution())
        for _ in range(counts[1]):
            rows.append(self._social())
        for _ in range(counts[2]):
            rows.append(self._law_firm())
        rng.shuffle(rows)
        return rows

    def _other_row(self, uscc, kind, name, entity_type, section, area, registered, grade_weights) -> tuple:
        rng = self.rng
        grade = _pick(rng, grade_weights)
        head = _person(rng)
        return (uscc, kind, name, entity_type, SECTIONS[section], self.address(area, section), area, head,
                registered, RegistrationStatus.ACTIVE.value, grade, False, _poisson(rng, 0.2), None)

    def _institution(self) -> tuple:
        rng = self.rng
        roll = rng.random()
        area = self.area(False)
        places = AREA_PLACES[area]
        if roll < 0.45:
            section = "P"

            def make():
                return (f"呼和浩特市赛罕区{rng.choice(places)}" + rng.choice(SCHOOLS)
                        + ("" if rng.random() < 0.85 else f"({rng.choice(places)}校区)"))
        elif roll < 0.7:
            section = "Q"

            def make():
                if area in TOWNS:
                    return f"呼和浩特市赛罕区{AREA_NAMES[area]}卫生院" + ("" if rng.random() < 0.3 else
                                                                       f"{rng.choice(VILLAGES[area])}卫生室")
                return f"呼和浩特市赛罕区{AREA_NAMES[area]}{rng.choice(places)}社区卫生服务站"
        elif roll < 0.85:
            section = "R"

            def make():
                return f"呼和浩特市赛罕区{rng.choice(places)}" + rng.choice(["文化站", "综合文化服务中心", "全民健身活动中心"])
        else:
            section, what = rng.choice([("A", "农牧业技术服务站"), ("A", "兽医站"), ("S", "便民服务中心")])

            def make():
                return f"呼和浩特市赛罕区{rng.choice(places)}{what}"
        name = self.unique(make)
        registered = dt.date(rng.randint(1995, 2018), rng.randint(1, 12), rng.randint(1, 28))
        uscc = self.uscc("12", data.DISTRICT_CODE, "ORG", registered)
        return self._other_row(uscc, ObjectKind.PUBLIC_INSTITUTION.value, name, "事业单位", section, area, registered,
                               [("A", 60), ("B", 38), ("C", 2)])

    def _social(self) -> tuple:
        rng = self.rng
        area = self.area(False)
        registered = dt.date(rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.35:
            what = rng.choice(ASSOCIATIONS)
            name = self.unique(lambda: f"呼和浩特市赛罕区{what}" if rng.random() < 0.4
                               else f"赛罕区{rng.choice(TRADE_FIXED + SCHOOL_PLACES)}{what}")
            uscc = self.uscc("51", data.DISTRICT_CODE, "MJ", registered)
            return self._other_row(uscc, ObjectKind.SOCIAL_ORGANISATION.value, name, "社会团体", "S", area, registered,
                                   [("A", 40), ("B", 50), ("C", 8), ("D", 2)])
        if rng.random() < 0.05:
            name = self.unique(lambda: f"内蒙古{self.trade_name()}公益基金会")
            uscc = self.uscc("53", "150000", "MJ", registered)
            return self._other_row(uscc, ObjectKind.SOCIAL_ORGANISATION.value, name, "基金会", "S", area, registered,
                                   [("A", 60), ("B", 40)])
        what, section, _w = weighted(rng, [((w, s, n), n) for w, s, n in NON_PROFITS])
        name = self.unique(lambda: f"赛罕区{self.trade_name()}{what}")
        uscc = self.uscc("52", data.DISTRICT_CODE, "MJ", registered)
        return self._other_row(uscc, ObjectKind.SOCIAL_ORGANISATION.value, name, "民办非企业单位", section, area,
                               registered, [("A", 30), ("B", 55), ("C", 12), ("D", 3)])

    def _law_firm(self) -> tuple:
        rng = self.rng
        area = rng.choice([a for a in AREA_WEIGHTS if a not in TOWNS])
        registered = dt.date(rng.randint(1998, 2024), rng.randint(1, 12), rng.randint(1, 28))
        name = self.unique(lambda: f"内蒙古{self.trade_name()}律师事务所")
        uscc = self.uscc("31", "150000", "E", registered)
        entity_type = weighted(rng, [("律师事务所(合伙)", 8), ("律师事务所(个人)", 2)])
        return self._other_row(uscc, ObjectKind.LAW_FIRM.value, name, entity_type, "L", area, registered,
                               [("A", 55), ("B", 42), ("C", 3)])


def plan_pool(*, seed: int, scale: float, today: dt.date) -> list[tuple]:
    """The pool's rows (IMPORT_FIELDS order, jurisdiction as its code), sorted by USCC. No database access."""
    rng = _Rng(seed + 11)
    planner = PoolPlanner(rng, today)
    n_market = max(300, round(OBJECTS_PER_SCALE * scale) - round(OTHER_OBJECTS_PER_SCALE * scale))
    rows = [planner.market_entity() for _ in range(n_market)]
    rows += planner.others(max(30, round(OTHER_OBJECTS_PER_SCALE * scale)))
    rows.sort(key=lambda r: r[0])
    return rows


def _pool_csv(rows: list[tuple]) -> bytes:
    """The rows as the registry's export would carry them (the file whose SHA-256 the import entry records)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["统一社会信用代码", "对象类别", "名称", "主体类型", "所属行业", "住所(经营场所)", "所属辖区",
                     "法定代表人(负责人)", "成立日期", "登记状态", "信用风险分类", "列入经营异常名录", "投诉举报次数",
                     "最近检查日期"])
    kinds = {k.value: zh(k.label) for k in ObjectKind}
    statuses = {s.value: zh(s.label) for s in RegistrationStatus}
    for r in rows:
        writer.writerow([r[0], kinds[r[1]], r[2], r[3], r[4], r[5], r[6], r[7], r[8].isoformat() if r[8] else "",
                         statuses[r[9]], r[10], "是" if r[11] else "否", r[12], r[13].isoformat() if r[13] else ""])
    return out.getvalue().encode("utf-8")


def load_pool(*, by, rows: list[tuple]) -> dict:
    """Write the pool through the import service: one IMPORT_COMMITTED entry for the whole file."""
    jurisdictions = dict(Jurisdiction.objects.values_list("code", "pk"))
    digest = hashlib.sha256(_pool_csv(rows)).hexdigest()
    prepared = ((*r[:6], jurisdictions[r[6]], *r[7:]) for r in rows)
    return object_services.objects_import(by=by, rows=prepared, source={
        "importer": "inspection_objects", "job": "", "file": POOL_FILE_NAME, "file_sha256": digest,
        "note": "演示区初始化:区市场监管局登记系统导出的市场主体及事业单位、社会组织、律师事务所名录"})


class PoolIndex:
    """Counts of the active objects by (kind, section letter, area, entity class, grade): what a task's filters
    would select, without asking the database."""

    def __init__(self, rows: list[tuple]):
        letters = {name: letter for letter, name in SECTIONS.items()}
        self.counts: Counter = Counter()
        for r in rows:
            if r[9] != RegistrationStatus.ACTIVE:
                continue
            self.counts[(r[1], letters.get(r[4], ""), r[6], _entity_class(r[3]), r[10])] += 1

        self._by_area: dict[tuple, dict[str, Counter]] = {}

    def sizes(self, *, kinds, sections, areas, entity) -> dict[str, int]:
        """Active objects per grade that the filters select (empty filter: any)."""
        key = (frozenset(kinds), frozenset(sections), entity)
        by_area = self._by_area.get(key)
        if by_area is None:  # one pass over the counts per scope; then a sum over the areas asked for
            by_area = self._by_area[key] = defaultdict(Counter)
            for (kind, section, area, klass, grade), n in self.counts.items():
                if (kinds and kind not in kinds) or (sections and section not in sections) or (
                        entity and klass != entity):
                    continue
                by_area[area][grade] += n
        out = dict.fromkeys("ABCD", 0)
        for area, grades in by_area.items():
            if not areas or area in areas:
                for grade, n in grades.items():
                    out[grade] += n
        return out


def _entity_class(entity_type: str) -> str:
    if entity_type == INDIVIDUAL_TYPE:
        return "individual"
    if entity_type in COMPANY_TYPE_NAMES:
        return "company"
    return "other"


# --- departments, accounts --------------------------------------------------------------------------------------


_SUBJECT = re.compile(r"^对(.+?)的(监督检查|专项检查|抽样检验)")


@dataclass
class Dept:
    key: str
    org: Organisation
    body: EnforcementBody
    category: object
    items: list[PowerItem]
    subjects: dict[str, list[PowerItem]]
    planner: User
    recorders: dict[int, User]  # officer id → account
    default_recorder: User
    plan: InspectionPlan | None = None
    used: set[int] = field(default_factory=set)  # items used in a task of the year

    def usable_subjects(self) -> list[str]:
        return [s for s in self.subjects if SUBJECT_SCOPES.get(s, ()) is not None]


def _strong_password() -> str:
    return "Dm#" + secrets.token_urlsafe(18) + "9a"


def _planner(key: str, org: Organisation, rng: random.Random) -> User:
    """Who plans, draws and publishes for a department: market regulation's demo administrator, else the head or
    administrator the district already has; an account is created through the accounts service where there is none
    (nobody knows its password)."""
    if key == "market":
        for username in ("demo_body_admin", "demo_head"):
            user = User.objects.filter(username=username, organisation=org).first()
            if user is not None:
                return user
    user = (User.objects.filter(organisation=org, role=Role.HEAD, is_active=True).order_by("pk").first()
            or User.objects.filter(organisation=org, role=Role.BODY_ADMIN, is_active=True).order_by("pk").first())
    return user or account_services.user_create(by=None, username=f"{key}_inspections", password=_strong_password(),
                                                full_name=_person(rng), role=Role.BODY_ADMIN, organisation=org)


def _departments(today: dt.date, rng: random.Random) -> dict[str, Dept]:
    """The departments that run random inspection: an active enforcement body, published inspection items, and
    enough certified officers to form teams."""
    key_by_name = {name: key for key, name, *_ in data.ORGANISATIONS}
    bodies = {}
    for body in (EnforcementBody.objects.filter(status=BodyStatus.ACTIVE).select_related("organisation")
                 .prefetch_related("categories").order_by("pk")):
        key = key_by_name.get(body.organisation.name)
        if key and key not in bodies and body.categories.exists():
            bodies[key] = body
    items = defaultdict(list)
    through = PowerItem.departments.through
    org_ids = {b.organisation_id: k for k, b in bodies.items()}
    listed = {i.pk: i for i in PowerItem.objects.filter(category=PowerCategory.INSPECTION,
                                                        status=PowerItemStatus.PUBLISHED, is_inspection_item=True)}
    for org_id, item_id in through.objects.filter(organisation_id__in=list(org_ids),
                                                  poweritem_id__in=list(listed)).values_list("organisation_id",
                                                                                             "poweritem_id"):
        items[org_ids[org_id]].append(listed[item_id])
    orgs = {k: b.organisation for k, b in bodies.items() if items.get(k)}
    depts = {}
    for key, org in orgs.items():
        body = bodies[key]
        if officers_certified_for(body, on=today).count() < 4:
            continue  # too small to form teams of two (the small-scale demo)
        planner = _planner(key, org, rng)
        recorders = {o.pk: o.user for o in Officer.objects.filter(organisation=org, user__isnull=False,
                                                                  user__role=Role.OFFICER)
                     .select_related("user")}
        default = next(iter(sorted(recorders.values(), key=lambda u: u.pk)), planner)
        subjects: dict[str, list[PowerItem]] = defaultdict(list)
        for item in sorted(items[key], key=lambda i: i.code):
            match = _SUBJECT.match(item.name)
            subjects[match.group(1) if match else item.name].append(item)
        depts[key] = Dept(key=key, org=org, body=body, category=body.categories.order_by("pk").first(),
                          items=sorted(items[key], key=lambda i: i.code), subjects=dict(subjects), planner=planner,
                          recorders=recorders, default_recorder=default)
    return depts


# --- rules, plans, conflicts -------------------------------------------------------------------------------------


def _rules_text(dept: Dept, version: int, year: int) -> str:
    org = dept.org.name
    n = len(dept.items)
    lines = [
        f"第一条 为规范{org}随机抽查工作,推进“双随机一公开”监管全覆盖、常态化,根据《国务院关于在市场监管领域全面推行"
        "部门联合“双随机、一公开”监管的意见》《内蒙古自治区推广随机抽查规范事中事后监管实施方案》,结合本部门实际,制定本细则。",
        f"第二条 本部门随机抽查事项清单共{n}项,以本部门权责清单中列入随机抽查事项的行政检查事项为准,实行动态调整。",
        "第三条 检查对象名录库以区级检查对象名录库为基础,按抽查事项确定检查对象范围;执法检查人员名录库由本部门持有效行政执法证件"
        "且证件载明执法类别与抽查事项相符的在编执法人员组成。",
        "第四条 随机抽取通过区“双随机一公开”监管平台进行,记录随机种子、名录库快照摘要和抽取结果摘要,邀请见证人现场见证,"
        "抽取结果不得擅自更改;确需重新抽取或增补检查对象的,须书面说明理由并经分管负责人批准。",
        "第五条 每个检查对象由本部门随机抽取的两名以上执法人员实施检查;执法人员与检查对象有利害关系的,应当主动申报并回避。",
        "第六条 近12个月内已被本部门抽查的检查对象不再列入抽取范围,信用风险高(D类)的检查对象除外。",
        "第七条 抽查检查结果自检查结束之日起20个工作日内通过国家企业信用信息公示系统(内蒙古)和区政府门户网站公示。",
    ]
    if version > 1:
        lines.insert(6, "第六条之一 根据企业信用风险分类结果实施差异化监管:对A类对象合理降低抽查比例和频次,对B类对象按常规比例"
                        "抽查,对C类对象适当提高抽查比例,对D类对象原则上全部纳入抽查范围并提高抽查频次。")
        lines.append(f"第八条 本细则自{year}年3月1日起施行,2017年印发的原细则同时废止。")
    else:
        lines.append("第八条 本细则自印发之日起施行。")
    return "\n".join(lines)


def _issue_rules(depts: dict[str, Dept], rng: _Rng, counts: Counter) -> None:
    for i, dept in enumerate(depts.values()):
        title = f"{dept.org.name}“双随机一公开”抽查工作实施细则"
        plan_services.rules_issue(by=dept.planner, organisation=dept.org, title=title,
                                  body=_rules_text(dept, 1, 2017),
                                  effective_on=dt.date(2017, rng.randint(8, 11), rng.randint(1, 28)))
        counts["rules_issued"] += 1
        if i % 5 in (0, 2):
            year = 2025 if i % 2 else 2026
            text = _rules_text(dept, 2, year)
            plan_services.rules_issue(
                by=dept.planner, organisation=dept.org, title=title + f"({year}年修订)", body=text,
                effective_on=dt.date(year, 3, 1),
                file=SimpleUploadedFile(f"{dept.org.short_name}抽查工作实施细则({year}年修订).txt",
                                        text.encode("utf-8"), content_type="text/plain"))
            counts["rules_issued"] += 1


def _ratios(a, b, c, d) -> dict:
    return {"A": Decimal(a), "B": Decimal(b), "C": Decimal(c), "D": Decimal(d)}


def _set_times(model, pk: int, **days: dt.date) -> None:
    """Date a row's timestamps to the day the schedule did the act (the services stamp the moment they run)."""
    tz = timezone.get_current_timezone()
    model.objects.filter(pk=pk).update(**{name: dt.datetime.combine(day, dt.time(9, 30), tzinfo=tz)
                                          for name, day in days.items()})


def _plans(depts: dict[str, Dept], office: User, year: int, tasks_per_dept: Counter, rng: _Rng,
           counts: Counter) -> None:
    """Each department's plan for the year; one is returned and then acknowledged, one waits, one is returned."""
    for key, dept in depts.items():
        n = max(1, tasks_per_dept.get(key, 0))
        frequency = ("每月组织一批次" if n >= 12 else "每季度组织一次" if n >= 4 else "每半年组织一次" if n >= 2
                     else "每年组织一次")
        ratios = _ratios(3, 5, 10, 30) if key == "market" else _ratios(5, 10, 20, 50)
        plan = plan_services.plan_create(
            by=dept.planner, organisation=dept.org, year=year, title=f"{dept.org.name}{year}年度“双随机一公开”抽查工作计划",
            items=dept.items, frequency=frequency, planned_tasks=n, ratios=ratios,
            notes=f"按照区“双随机一公开”工作要求,{year}年计划组织随机抽查{n}批次,抽查事项覆盖本部门随机抽查事项清单;"
                  "对信用风险高的检查对象提高抽查比例和频次。")
        created = dt.date(year - 1, 12, rng.randint(10, 28)) if key != PLAN_WAITING else dt.date(year, 11, 16)
        _set_times(InspectionPlan, plan.pk, created_at=created)
        counts["plans"] += 1
        if key == PLAN_RETURNED:
            plan_services.plan_submit(by=dept.planner, plan=plan)
            plan_services.plan_return(by=office, plan=plan, reason=RETURN_REASON)
            _set_times(InspectionPlan, plan.pk, submitted_at=dt.date(year, 11, 18))
            counts["plans_returned"] += 1
            continue
        plan_services.plan_submit(by=dept.planner, plan=plan)
        if key == PLAN_WAITING:
            _set_times(InspectionPlan, plan.pk, submitted_at=dt.date(year, 11, 20))
            counts["plans_waiting"] += 1
            continue
        if key == "health":  # returned once in January, changed and acknowledged
            plan_services.plan_return(by=office, plan=plan, reason="抽查事项未覆盖公共场所卫生,请补充后重新报送")
            plan_services.plan_update(by=dept.planner, plan=plan, notes=plan.notes + "已补充公共场所卫生抽查安排。")
            plan_services.plan_submit(by=dept.planner, plan=plan)
            counts["plans_returned_then_acknowledged"] += 1
        plan_services.plan_acknowledge(by=office, plan=plan)
        submitted = dt.date(year, 1, rng.randint(5, 20))
        _set_times(InspectionPlan, plan.pk, submitted_at=submitted,
                   acknowledged_at=submitted + dt.timedelta(days=rng.randint(3, 15)))
        dept.plan = InspectionPlan.objects.get(pk=plan.pk)
        counts["plans_acknowledged"] += 1
    market = depts.get("market")
    if market is not None:  # next year's plan, submitted and waiting for the office
        plan = plan_services.plan_create(
            by=market.planner, organisation=market.org, year=year + 1,
            title=f"{market.org.name}{year + 1}年度“双随机一公开”抽查工作计划", items=market.items,
            frequency="每月组织一批次", planned_tasks=max(1, tasks_per_dept.get("market", 0)),
            ratios=_ratios(2, 5, 10, 30),
            notes=f"{year + 1}年按信用风险分类实施差异化抽查,A类对象抽查比例由3%调整为2%。")
        plan_services.plan_submit(by=market.planner, plan=plan)
        counts["plans"] += 1
        counts["plans_waiting"] += 1


def _conflicts(depts: dict[str, Dept], rng: _Rng, today: dt.date, counts: Counter) -> None:
    """A few officers declare conflicts of interest with objects they may be drawn for (high-risk objects of the
    kinds their department inspects most, so that some recusals show in the draws)."""
    plan = [("market", "H", 4), ("market", "F", 3), ("urban", "H", 1), ("fire", "H", 1), ("health", "O", 1)]
    for key, letter, n in plan:
        dept = depts.get(key)
        if dept is None:
            continue
        officers = list(officers_certified_for(dept.body, on=today).order_by("pk")[:60])
        objects = list(InspectionObject.objects.filter(registration_status=RegistrationStatus.ACTIVE,
                                                       industry=SECTIONS[letter],
                                                       risk_grade__in=["C", "D"]).order_by("uscc")[:400])
        if not officers or not objects:
            continue
        for officer, obj in zip(rng.sample(officers, min(n, len(officers))), rng.sample(objects, n), strict=False):
            declared = dt.date(2026, rng.randint(1, 3), rng.randint(1, 28))
            object_services.conflict_declare(
                by=dept.recorders.get(officer.pk) or dept.planner, officer=officer, obj=obj, reason=rng.choice(CONFLICT_REASONS), declared_on=declared)
            counts["conflicts_declared"] += 1


# --- the schedule of tasks -----------------------------------------------------------------------------------------

KIND_LETTERS = {"M": ObjectKind.MARKET_ENTITY.value, "P": ObjectKind.PUBLIC_INSTITUTION.value,
                "S": ObjectKind.SOCIAL_ORGANISATION.value, "L": ObjectKind.LAW_FIRM.value}
DEPT_SCOPES = {"tax": ("", "M", "company"), "civil": ("", "S", ""), "edu": ("P", "MS", ""),
               "health": ("QO", "MP", ""), "medical": ("QF", "MP", "")}
DEFAULT_SCOPE = ("", "M", "")


@dataclass
class TaskPlan:
    idx: int
    lead: Dept
    parts: list[tuple[Dept, list[PowerItem], str]]  # department, items, subject
    scope: tuple[str, str, str] = DEFAULT_SCOPE
    areas: list[str] = field(default_factory=list)
    ratios: dict = field(default_factory=dict)
    team_size: int = 2
    exclusion_months: int = 12
    fate: str = "published"
    late: bool = False
    overdue: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    draw_day: dt.date | None = None
    list_day: dt.date | None = None
    notice_day: dt.date | None = None
    ended_on: dt.date | None = None
    redraw: str = ""
    addition: tuple[dt.date, str] | None = None
    target: int = 50
    title: str = ""
    witnesses: list[str] = field(default_factory=list)
    task: InspectionTask | None = None

    @property
    def joint(self) -> bool:
        return len(self.parts) > 1


def _scope(dept: Dept, subject: str):
    scope = SUBJECT_SCOPES.get(subject, "missing")
    if scope == "missing":
        return DEPT_SCOPES.get(dept.key, DEFAULT_SCOPE)
    return scope


def _expected(sizes: dict[str, int], ratios: dict) -> int:
    return sum(int((Decimal(sizes[g]) * ratios[g] / 100).to_integral_value(rounding=ROUND_CEILING)) for g in "ABCD")


def _ladder(i: int) -> dict:
    top = len(LADDER) - 1
    return {"A": LADDER[min(i, top)], "B": LADDER[min(i + 1, top)], "C": LADDER[min(i + 3, top)],
            "D": LADDER[min(i + 6, top)]}


def _fit(index: PoolIndex, scope, target: int, rng: _Rng, *, farming: bool) -> tuple[list[str], dict] | None:
    """Areas and ratios that draw about `target` objects from the scope (the whole district when it can)."""
    sections, kinds, entity = scope
    kinds = {KIND_LETTERS[k] for k in kinds}
    candidates = [[]]
    areas = list(AREA_WEIGHTS)
    order = list(TOWNS) + [a for a in areas if a not in TOWNS] if farming else rng.sample(areas, len(areas))
    candidates += [[a] for a in order] + [order[i:i + 2] for i in range(0, len(order) - 1, 2)]
    best = None
    for chosen in candidates:
        sizes = index.sizes(kinds=kinds, sections=set(sections), areas=set(chosen), entity=entity)
        if sum(sizes.values()) == 0:
            continue
        for i in range(0, 7):
            ratios = _ladder(i)
            n = _expected(sizes, ratios)
            score = abs(math.log(max(n, 1) / target)) + (0.15 if chosen else 0) + 0.02 * i
            if best is None or score < best[0]:
                best = (score, chosen, ratios)
        if best and best[0] < 0.35 and not chosen:
            break
    return (best[1], best[2]) if best else None


def _month_day(rng: _Rng, first: dt.date, last: dt.date) -> dt.date:
    """A day in [first, last], months weighted by the inspection season."""
    days = [(first + dt.timedelta(days=i)) for i in range((last - first).days + 1)]
    if not days:
        return first
    return rng.choices(days, weights=[MONTH_WEIGHTS.get(d.month, 5) for d in days], k=1)[0]


def _dates(p: TaskPlan, rng: _Rng, today: dt.date) -> None:
    end_cut = today - dt.timedelta(days=1)
    length = rng.randint(20, 55)
    if p.fate == "published":
        p.start = _wd(_month_day(rng, FIRST_DAY, today - dt.timedelta(days=85)))
        p.end = _wd(p.start + dt.timedelta(days=length))
    elif p.fate == "ended":
        back = rng.randint(42, 60) if p.overdue else rng.randint(3, 16)
        p.end = _sub_wd(end_cut, 0) - dt.timedelta(days=back)
        p.end = _wd(p.end)
        p.start = _wd(p.end - dt.timedelta(days=length))
    elif p.fate == "in_progress":
        p.start = _wd(today - dt.timedelta(days=rng.randint(6, 40)))
        p.end = _wd(today + dt.timedelta(days=rng.randint(8, 35)))
    elif p.fate == "drawn":
        p.start = _wd(today + dt.timedelta(days=rng.randint(4, 18)))
        p.end = _wd(p.start + dt.timedelta(days=rng.randint(20, 40)))
    else:  # draft
        last = min(today + dt.timedelta(days=30), dt.date(today.year, 12, 31))
        p.start = _wd(today + dt.timedelta(days=rng.randint(5, max(6, (last - today).days))))
        p.end = _wd(p.start + dt.timedelta(days=rng.randint(20, 35)))
    if p.fate == "draft":
        return
    p.draw_day = _sub_wd(p.start, rng.randint(2, 6))
    if p.fate == "drawn":
        p.draw_day = min(p.draw_day, _sub_wd(today, rng.randint(1, 4)))
    p.list_day = min(end_cut, _add_wd(p.draw_day, rng.choice([0, 0, 1, 1, 2])))
    notice = _sub_wd(p.start, rng.randint(1, 2))
    notice = max(notice, p.list_day)
    p.notice_day = notice if notice <= end_cut else None
    if p.fate in ("published", "ended"):
        p.ended_on = min(end_cut, _add_wd(p.end, rng.choice([0, 0, 0, 1, 2])))


def _subject_items(dept: Dept, subject: str, rng: _Rng) -> list[PowerItem]:
    items = dept.subjects[subject]
    unused = [i for i in items if i.pk not in dept.used]
    pick = (unused or items)[:]
    rng.shuffle(pick)
    chosen = pick[:rng.choice([1, 1, 2])]
    if len(chosen) < 2 and len(items) > 1 and rng.random() < 0.3:
        chosen += [i for i in items if i not in chosen][:1]
    return sorted(chosen, key=lambda i: i.code)


def _next_subject(dept: Dept, rng: _Rng) -> str | None:
    usable = dept.usable_subjects()
    if not usable:
        return None
    fresh = [s for s in usable if any(i.pk not in dept.used for i in dept.subjects[s])]
    return rng.choice(fresh or usable)


def _schedule(depts: dict[str, Dept], index: PoolIndex, rng: _Rng, today: dt.date, scale: float) -> list[TaskPlan]:
    leads = [k for k in depts if TASK_WEIGHTS.get(k, 2) > 0 and depts[k].usable_subjects()]
    total = max(12, round(TASKS_PER_SCALE * scale))
    per_lead = apportion(total, [TASK_WEIGHTS.get(k, 2) for k in leads])
    plans: list[TaskPlan] = []
    for key, n in zip(leads, per_lead, strict=True):
        dept = depts[key]
        for _ in range(max(n, 1 if key == "market" else 0)):
            subject = _next_subject(dept, rng)
            items = _subject_items(dept, subject, rng)
            dept.used.update(i.pk for i in items)
            plans.append(TaskPlan(idx=len(plans), lead=dept, parts=[(dept, items, subject)]))
    # joint inspections: some of the leads' tasks take partners
    n_joint = round(len(plans) * JOINT_SHARE)
    combos = [c for c in JOINT if c[0] in depts and any(s in depts[c[0]].subjects for s in c[1])
              and any(p in depts for p, _s in c[2])]
    made = 0
    for round_ in range(4):
        for lead_key, lead_subjects, partners in combos:
            if made >= n_joint:
                break
            singles = [p for p in plans if p.lead.key == lead_key and not p.joint and p.idx % 4 == round_]
            if not singles:
                continue
            p = singles[0]
            lead = depts[lead_key]
            subject = next(s for s in lead_subjects if s in lead.subjects)
            items = _subject_items(lead, subject, rng)
            lead.used.update(i.pk for i in items)
            parts = [(lead, items, subject)]
            for partner_key, subjects in partners:
                partner = depts.get(partner_key)
                if partner is None or partner_key == lead_key:
                    continue
                psubject = next((s for s in subjects if s in partner.subjects), None)
                if psubject is None:
                    continue
                pitems = _subject_items(partner, psubject, rng)
                partner.used.update(i.pk for i in pitems)
                parts.append((partner, pitems, psubject))
            if len(parts) > 1:
                p.parts = parts
                made += 1
    # fates
    fates = [weighted(rng, FATES) for _ in plans]
    market = [p for p in plans if p.lead.key == "market"]
    need = {"draft": 1, "ended": 1, "in_progress": 2, "drawn": 1}
    for fate, n in need.items():  # market regulation shows every stage (the demo accounts' work)
        have = [p for p in market if fates[p.idx] == fate]
        for p in [p for p in market if fates[p.idx] == "published"][:max(0, n - len(have))]:
            fates[p.idx] = fate
    for p in plans:
        p.fate = fates[p.idx]
    overdue = [p for p in plans if p.fate == "published" and p.lead.key != "market"][:OVERDUE]
    for p in overdue:
        p.fate, p.overdue = "ended", True
    published = [p for p in plans if p.fate == "published"]
    for p in rng.sample(published, min(len(published), max(1, round(len(published) * LATE_SHARE)))):
        p.late = True
    for p in plans:
        _dates(p, rng, today)
        lead_subject = p.parts[0][2]
        p.scope = _scope(p.lead, lead_subject)
        base = 140 if p.lead.key == "market" else 35
        p.target = max(4, round(rng.uniform(0.45, 1.6) * base * min(1.0, 2 * scale)))
        if p.joint:
            p.target = max(4, round(p.target * 0.7))
        fitted = _fit(index, p.scope, p.target, rng, farming="A" in p.scope[0] and len(p.scope[0]) <= 2)
        if fitted is None:
            p.scope = ("", "M", "")
            fitted = _fit(index, p.scope, p.target, rng, farming=False)
        p.areas, p.ratios = fitted
        p.team_size = 3 if (not p.joint and rng.random() < 0.12) else 2
        p.exclusion_months = weighted(rng, [(12, 85), (6, 12), (0, 3)])
    # redraws and additions among the finished tasks
    finished = [p for p in plans if p.fate == "published"]
    for p, reason in zip(rng.sample(finished, min(REDRAWS, len(finished))), REDRAW_REASONS, strict=False):
        p.redraw = reason
    candidates = [p for p in finished if not p.redraw and not p.joint]
    for p in rng.sample(candidates, min(ADDITIONS, len(candidates))):
        day = _add_wd(p.start, rng.randint(3, 10))
        if day < p.end:
            p.addition = (day, rng.choice(ADDITION_REASONS))
    plans.sort(key=lambda p: (p.draw_day or p.start, p.idx))
    return plans


def _area_label(codes: list[str]) -> str:
    names = dict((code, name) for code, name, *_ in data.JURISDICTIONS)
    return "、".join(names[c] for c in codes)


def _titles(plans: list[TaskPlan]) -> None:
    seen: Counter = Counter()
    for p in plans:
        year = p.start.year
        area = _area_label(p.areas)
        subjects = [s for _d, _i, s in p.parts]
        kind = "抽样检验" if all("抽样检验" in i.name for i in p.parts[0][1]) else "监督检查"
        if p.joint:
            base = f"{year}年{area}{'、'.join(dict.fromkeys(subjects))}跨部门联合“双随机”抽查"
        else:
            base = f"{year}年{area}{subjects[0]}{kind}“双随机”抽查"
        seen[base] += 1
        p.title = base if seen[base] == 1 else f"{base}(第{seen[base]}批)"


def _witnesses(rng: _Rng, names: Names, supervisors: list[str], dept: Dept) -> list[str]:
    out = []
    if supervisors:
        out.append(f"{rng.choice(supervisors)}(行政执法义务监督员)")
    out.append(f"{names.person()[0]}({rng.choice(WITNESS_UNITS)})")
    if rng.random() < 0.4:
        out.append(f"{names.person()[0]}({dept.org.short_name or dept.org.name}法制审核人员)")
    return out


def _description(p: TaskPlan) -> str:
    sections, kinds, entity = p.scope
    what = "、".join(SECTIONS[s] for s in sections) if sections else "各行业"
    who = {"company": "企业", "individual": "个体工商户"}.get(entity, "")
    kinds_text = "、".join(zh(ObjectKind(KIND_LETTERS[k]).label) for k in kinds)
    area = _area_label(p.areas) or "全区"
    ratio = "、".join(f"{g}类{p.ratios[g].normalize():f}%" for g in "ABCD")
    plan = "依据本部门年度抽查工作计划," if p.lead.plan and p.start.year == p.lead.plan.year else ""
    joint = ("由" + "、".join(d.org.short_name or d.org.name for d, _i, _s in p.parts) + "联合实施,一次检查、全面体检;"
             if p.joint else "")
    exclusion = (f"近{p.exclusion_months}个月内已被参与部门检查的对象不再抽取(D类除外)" if p.exclusion_months
                 else "本次不排除近期已检查的对象")
    return (f"{plan}对{area}{what}{who or kinds_text}开展随机抽查。{joint}抽查比例:{ratio};每个部门每组检查人员"
            f"{p.team_size}名;{exclusion}。检查结束后20个工作日内公示抽查结果。")


# --- writing the results ------------------------------------------------------------------------------------------


@dataclass
class _Visit:
    drawn: DrawnObject
    day: dt.date
    outcomes: list[tuple[Dept, PowerItem, str, str, str]]  # department, item, outcome, findings, case title


def _category_key(dept: Dept) -> str:
    return dept.category.code


def _outcomes(p: TaskPlan, drawn: DrawnObject, rng: _Rng) -> list[tuple[Dept, PowerItem, str, str, str]]:
    grade = drawn.risk_grade
    factor = {"A": 0.5, "B": 1.0, "C": 2.0, "D": 3.0}[grade]
    roll = rng.random()
    whole = None
    if roll < 0.035 * (1.5 if grade in "CD" else 1):
        whole = (ResultOutcome.NOT_FOUND.value, rng.choice(NOT_FOUND_NOTES))
    elif roll < 0.039:
        whole = (ResultOutcome.CLOSED.value, rng.choice(CLOSED_NOTES))
    elif roll < 0.075:
        whole = (ResultOutcome.NO_ACTIVITY.value, rng.choice(NO_ACTIVITY_NOTES))
    out = []
    for dept, items, _subject in p.parts:
        for item in items:
            if whole:
                out.append((dept, item, whole[0], whole[1], ""))
                continue
            r = rng.random()
            code = _category_key(dept)
            if r < 0.005 * factor:
                matter = rng.choice(REFERRALS.get(code, DEFAULT_REFERRALS))
                findings = f"检查发现该主体{matter},涉嫌违法,依法移送立案查处"
                out.append((dept, item, ResultOutcome.REFERRED.value, findings,
                            f"{drawn.object.name}{matter}案"[:200]))
            elif r < 0.095 * factor:
                problem = rng.choice(CORRECTIONS.get(code, DEFAULT_CORRECTIONS))
                out.append((dept, item, ResultOutcome.CORRECTED.value, f"{problem},已当场责令限期改正", ""))
            elif r < 0.107 * factor:
                problem = rng.choice(CORRECTIONS.get(code, DEFAULT_CORRECTIONS))
                out.append((dept, item, ResultOutcome.FOLLOW_UP.value, f"{problem},已责令整改,待复查", ""))
            elif r < 0.107 * factor + 0.003:
                out.append((dept, item, ResultOutcome.NOT_COOPERATING.value,
                            "经营者拒绝出示相关证照和台账,不配合检查", ""))
            elif r < 0.107 * factor + 0.02:
                out.append((dept, item, ResultOutcome.NO_ACTIVITY.value, rng.choice(NO_ACTIVITY_NOTES), ""))
            else:
                out.append((dept, item, ResultOutcome.NO_PROBLEM.value, rng.choice(NO_PROBLEM_NOTES), ""))
    return out


class ResultWriter:
    """Results in bulk, as result_record writes them (see the module's docstring), and the referrals through it."""

    def __init__(self, rng: _Rng, demo_officer: Officer | None):
        self.rng, self.demo_officer = rng, demo_officer
        self.counts: Counter = Counter()
        self.cpu: Counter = Counter()

    def recorder(self, p: TaskPlan, dept: Dept, team_officers: set[int]) -> User:
        if self.demo_officer is not None and self.demo_officer.pk in team_officers and \
                self.demo_officer.pk in dept.recorders:
            return dept.recorders[self.demo_officer.pk]
        on_team = [u for o, u in sorted(dept.recorders.items()) if o in team_officers]
        if on_team:
            return self.rng.choice(on_team)
        if dept.recorders:
            return self.rng.choice([u for _o, u in sorted(dept.recorders.items())])
        return dept.planner

    def write(self, p: TaskPlan, cutoff: dt.date, *, hold_demo: bool = False) -> int:
        """Results of the visits made up to `cutoff`; returns how many drawn objects are still to visit. With
        `hold_demo`, most visits of the demo officer's teams are still to come (work for the demo account)."""
        t0 = time.process_time()
        task = p.task
        drawn = list(DrawnObject.objects.filter(task=task, is_current=True).select_related("object")
                     .only("public_id", "position", "risk_grade", "draw_id", "status", "inspected_on", "object__uscc",
                           "object__name", "object__last_inspected_on")
                     .order_by("draw__seq", "position"))
        drawn_days = {pk: timezone.localtime(at).date()
                      for pk, at in Draw.objects.filter(task=task).values_list("pk", "drawn_at")}
        teams: dict[tuple[int, int], list[tuple[int, str, str]]] = defaultdict(list)  # officer id, name, cert.
        for drawn_id, org_id, officer_id, name, number in (
                TeamMember.objects.filter(drawn_object__task=task, drawn_object__is_current=True).order_by("pk")
                .values_list("drawn_object_id", "organisation_id", "officer_id", "officer__name",
                             "certificate_number")):
            teams[(drawn_id, org_id)].append((officer_id, name, number))
        team_officers = {m[0] for ms in teams.values() for m in ms}
        items_due = sum(len(items) for _d, items, _s in p.parts)
        visits: list[_Visit] = []
        pending = 0
        for d in drawn:
            drawn_day = drawn_days[d.draw_id]
            lo = max(p.start, _add_wd(drawn_day, 1), p.notice_day or p.start)
            hi = min(p.end, p.ended_on or p.end)
            if hi < lo:
                hi = lo
            day = lo + dt.timedelta(days=self.rng.randrange((hi - lo).days + 1))
            day = _wd(day)
            if day > hi:
                day = hi
            held = hold_demo and self.demo_officer is not None and any(
                m[0] == self.demo_officer.pk for m in teams[(d.pk, p.lead.org.pk)]) and self.rng.random() < 0.7
            if day > cutoff or held:
                pending += 1
                continue
            visits.append(_Visit(d, day, _outcomes(p, d, self.rng)))
        visits.sort(key=lambda v: (v.day, v.drawn.position))
        recorders = {dept.key: self.recorder(p, dept, team_officers) for dept, _i, _s in p.parts}
        now = timezone.now()
        rows: list[tuple] = []
        links: list[tuple[uuid.UUID, list[tuple[int, str, str]]]] = []
        outcomes: Counter = Counter()
        entries: dict[str, list[dict]] = defaultdict(list)
        referrals: list[tuple[_Visit, Dept, PowerItem, str, str]] = []
        drawn_updates: list[DrawnObject] = []
        last_seen: dict[int, dt.date] = {}
        for v in visits:
            done = 0
            complete = True
            for dept, item, outcome, findings, case_title in v.outcomes:
                if outcome == ResultOutcome.REFERRED:
                    referrals.append((v, dept, item, findings, case_title))
                    complete = False
                    continue
                members = teams[(v.drawn.pk, dept.org.pk)]
                public_id = uuid.uuid4()
                rows.append((public_id, v.drawn.pk, item.pk, dept.org.pk, outcome, findings, v.day,
                             recorders[dept.key].pk))
                links.append((public_id, members))
                outcomes[outcome] += 1
                done += 1
                status = DrawnStatus.INSPECTED.value if done >= items_due else DrawnStatus.PENDING.value
                obj = v.drawn.object
                entries[dept.key].append({
                    "action": Action.INSPECTION_RESULT_RECORDED, "subject_type": SUBJECT_RESULT,
                    "subject_id": str(public_id), "payload": {
                        "task": task.number, "drawn_object": str(v.drawn.public_id), "uscc": obj.uscc,
                        "object_name": obj.name, "department": dept.org.name, "item_code": item.code,
                        "item_name": item.name, "outcome": zh(ResultOutcome(outcome).label), "outcome_code": outcome,
                        "inspectors": [{"name": name, "certificate": number} for _o, name, number in members],
                        "inspected_on": v.day, "findings": findings, "photos": [], "drawn_status": status,
                        "case": None}})
            if done:
                v.drawn.inspected_on = v.day
                if complete:
                    v.drawn.status = DrawnStatus.INSPECTED.value
                v.drawn.updated_at = now
                drawn_updates.append(v.drawn)
                obj = v.drawn.object
                if obj.last_inspected_on is None or obj.last_inspected_on < v.day:
                    last_seen[obj.pk] = v.day
        _insert_results(rows, links, now)
        with connection.cursor() as cursor:
            adapt = connection.ops.adapt_datefield_value
            stamp = DrawnObject._meta.get_field("updated_at").get_db_prep_value(now, connection)
            if drawn_updates:
                cursor.executemany(
                    f"UPDATE {DrawnObject._meta.db_table} SET inspected_on = %s, status = %s, updated_at = %s "  # noqa: S608
                    "WHERE id = %s", [(adapt(d.inspected_on), d.status, stamp, d.pk) for d in drawn_updates])
            if last_seen:
                cursor.executemany(
                    f"UPDATE {InspectionObject._meta.db_table} SET last_inspected_on = %s WHERE id = %s",  # noqa: S608
                    [(adapt(day), pk) for pk, day in last_seen.items()])
        for dept, _items, _s in p.parts:
            if entries[dept.key]:
                records.append_many(ledger_key=dept.body.ledger_key, ledger_name=dept.body.name,
                                    actor=recorders[dept.key], items=entries[dept.key])
        self.counts["results_bulk"] += len(rows)
        for outcome, n in outcomes.items():
            self.counts[f"results_{outcome}"] += n
        self.cpu["results_bulk"] += time.process_time() - t0
        t0 = time.process_time()
        officers = {o.pk: o for o in Officer.objects.filter(
            pk__in={m[0] for v, dept, *_r in referrals for m in teams[(v.drawn.pk, dept.org.pk)]})}
        for v, dept, item, findings, case_title in referrals:
            members = [officers[m[0]] for m in teams[(v.drawn.pk, dept.org.pk)]]
            photos = [SimpleUploadedFile(f"现场照片{i + 1}.png", _photo(self.rng, f"{task.number} {v.drawn.object.uscc}"),
                                         content_type="image/png") for i in range(2)]
            result_services.result_record(
                by=recorders[dept.key], drawn_object=v.drawn, power_item=item, outcome=ResultOutcome.REFERRED,
                inspected_on=v.day, inspectors=members, findings=findings, photos=photos,
                case_title=case_title)
            self.counts["results_referred_cases"] += 1
            self.counts["result_photos"] += len(photos)
        self.cpu["result_record"] += time.process_time() - t0
        return pending


def _insert_results(rows: list[tuple], links: list[tuple], now: dt.datetime) -> None:
    """Insert result rows and their inspectors (cursor.executemany: the ORM's bulk_create costs twice as much)."""
    if not rows:
        return
    meta = InspectionResult._meta
    qn = connection.ops.quote_name
    prep_uuid = meta.get_field("public_id").get_db_prep_value
    stamp = meta.get_field("created_at").get_db_prep_value(now, connection)
    adapt = connection.ops.adapt_datefield_value
    columns = ["public_id", "created_at", "updated_at", "drawn_object_id", "power_item_id", "organisation_id",
               "outcome", "findings", "inspected_on", "recorded_by_id"]
    sql = (f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(prep_uuid(r[0], connection), stamp, stamp, *r[1:6], adapt(r[6]), r[7])
                                 for r in rows])
    ids = dict(InspectionResult.objects.filter(drawn_object_id__in={r[1] for r in rows})
               .values_list("public_id", "pk"))
    through = InspectionResult.inspectors.through
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {qn(through._meta.db_table)} ({qn('inspectionresult_id')}, {qn('officer_id')}) "  # noqa: S608
            "VALUES (%s, %s)", [(ids[public_id], m[0]) for public_id, members in links for m in members])


def _photo(rng: random.Random, text: str) -> bytes:
    from fazhi.web.demo.cases import _png

    return _png(rng, "".join(c if ord(c) < 128 else "?" for c in text))


# --- the year -------------------------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _date_draw(draw: Draw, day: dt.date, hour: int, rng: _Rng) -> None:
    """The draw took place on `day` in the schedule (the services date everything after it against this)."""
    Draw.objects.filter(pk=draw.pk).update(drawn_at=_at(day, hour, rng.randint(0, 50)))


class YearRunner:
    """Carries each planned task through the services, in the order of the draw days."""

    def __init__(self, *, rng: _Rng, today: dt.date, demo_officer: Officer | None, counts: Counter):
        self.rng = rng
        self.end_cut = today - dt.timedelta(days=1)
        self.counts = counts
        self.writer = ResultWriter(rng, demo_officer)
        self.demo_officer = demo_officer
        self.cpu: Counter = Counter()
        self.spans: dict[str, list] = {}
        self.timings: dict = {}
        self.writer.cpu = self.cpu

    def call(self, name: str, service, **kwargs):
        """Call a service, adding its processor time to `cpu[name]` (the figures of the demo's timing)."""
        started = time.process_time()
        try:
            return service(**kwargs)
        finally:
            self.cpu[name] += time.process_time() - started

    def _eligible(self, dept: Dept, start: dt.date, end: dt.date) -> int:
        """How many of the department's officers the draw would find eligible over [start, end] (a certificate of
        the department's category valid on every day), counted from one read of the certificates."""
        spans = self.spans.get(dept.key)
        if spans is None:
            by_officer: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
            rows = (Certificate.objects.filter(officer__organisation=dept.org, officer__status=OfficerStatus.ACTIVE,
                                               status=CertificateStatus.VALID, categories=dept.category)
                    .exclude(officer__staff_type=StaffType.AUXILIARY)
                    .values_list("officer_id", "valid_from", "valid_to"))
            for officer_id, valid_from, valid_to in rows:
                by_officer[officer_id].append((valid_from, valid_to))
            spans = self.spans[dept.key] = list(by_officer.values())
        return sum(1 for certs in spans if any(f <= start and t >= end for f, t in certs))

    def _parts_fit(self, p: TaskPlan) -> bool:
        """Each department has more eligible inspectors over the task's dates than its team size (else the draw
        would be refused, GB58-TEAM): partners that do not are left out; a lead that does not drops the task."""
        kept = []
        for dept, items, subject in p.parts:
            eligible = self._eligible(dept, p.start, p.end)
            if eligible > p.team_size:
                kept.append((dept, items, subject))
            elif dept is p.lead and p.team_size > 2 and eligible > 2:
                p.team_size = 2
                kept.append((dept, items, subject))
            elif dept is p.lead:
                return False
        p.parts = kept
        return True

    def create(self, p: TaskPlan) -> bool:
        if not self._parts_fit(p):
            self.counts["tasks_skipped_too_few_inspectors"] += 1
            return False
        sections, kinds, entity = p.scope
        lead = p.lead
        plan = lead.plan if lead.plan is not None and lead.plan.year == p.start.year else None
        p.task = self.call("task_create", task_services.task_create,
            by=lead.planner, title=p.title, lead_organisation=lead.org, start_on=p.start, end_on=p.end,
            departments=[{"organisation": d.org, "category": d.category, "items": items} for d, items, _s in p.parts],
            plan=plan, object_kinds=[KIND_LETTERS[k] for k in kinds], industries=[SECTIONS[s] for s in sections],
            entity_types=(COMPANY_TYPE_NAMES if entity == "company" else [INDIVIDUAL_TYPE] if entity == "individual"
                          else []),
            jurisdiction_codes=p.areas, ratios=p.ratios, team_size=p.team_size,
            exclusion_months=p.exclusion_months, description=_description(p))
        self.counts["tasks"] += 1
        return True

    def draw(self, p: TaskPlan) -> bool:
        lead = p.lead
        try:
            draw = self.call("task_draw", draw_services.task_draw, by=lead.planner, task=p.task,
                             witnesses=p.witnesses, timings=self.timings)
        except DomainError as exc:
            if exc.code not in ("empty_pool", "nothing_to_draw"):
                self.counts[f"draws_refused_{exc.code}"] += 1
                return False
            # the filters leave nothing after the exclusions (the small-scale demo): widen them once
            task_services.task_update(by=lead.planner, task=p.task, jurisdiction_codes=[], exclusion_months=0)
            p.areas, p.exclusion_months = [], 0
            draw = self.call("task_draw", draw_services.task_draw, by=lead.planner, task=p.task,
                             witnesses=p.witnesses)
        _date_draw(draw, p.draw_day, 9, self.rng)
        self.counts["draws"] += 1
        if p.redraw:
            redraw = self.call("task_redraw", draw_services.task_redraw, by=lead.planner, task=p.task,
                               reason=p.redraw, witnesses=p.witnesses)
            _date_draw(redraw, p.draw_day, 15, self.rng)
            self.counts["redraws"] += 1
        return True

    def notify(self, p: TaskPlan, drawn_objects=None, day=None) -> None:
        day = day or p.notice_day
        if day is None or day > self.end_cut:
            return
        self.counts["notices"] += self.call("notices_send", task_services.notices_send, by=p.lead.default_recorder,
                                            task=p.task, sent_on=day, drawn_objects=drawn_objects)

    def add_object(self, p: TaskPlan) -> None:
        from fazhi.inspections.selectors.pools import object_pool_queryset

        day, reason = p.addition
        if day > self.end_cut:
            return
        current = DrawnObject.objects.filter(task=p.task, is_current=True).values_list("object_id", flat=True)
        pool = list(object_pool_queryset(p.task).filter(complaint_count__gte=1).exclude(pk__in=list(current))
                    .order_by("-complaint_count", "uscc")[:30])
        if not pool:
            return
        obj = self.rng.choice(pool)
        draw = self.call("task_object_add", draw_services.task_object_add, by=p.lead.planner, task=p.task, obj=obj,
                         reason=reason.format(n=obj.complaint_count), witnesses=p.witnesses[:1])
        _date_draw(draw, day, 10, self.rng)
        self.counts["additions"] += 1
        added = list(DrawnObject.objects.filter(draw=draw))
        self.notify(p, drawn_objects=added, day=day)
        again = _add_wd(day, 1)
        if again <= self.end_cut and again > p.list_day:
            self.call("drawn_list_publish", task_services.drawn_list_publish, by=p.lead.planner, task=p.task,
                      published_on=again)

    def run(self, p: TaskPlan) -> None:
        if not self.create(p) or p.fate == "draft":
            return
        if not self.draw(p):
            return
        self.call("drawn_list_publish", task_services.drawn_list_publish, by=p.lead.planner, task=p.task,
                  published_on=p.list_day)
        self.notify(p)
        if p.addition:
            self.add_object(p)
        if p.fate == "drawn":
            return
        cutoff = self.end_cut if p.fate == "in_progress" else p.ended_on
        self.writer.write(p, cutoff, hold_demo=p.fate == "in_progress")
        if p.fate == "in_progress":
            return
        p.task = self.call("task_end", task_services.task_end, by=p.lead.planner, task=p.task, ended_on=p.ended_on)
        if p.fate != "published":
            return
        due = p.task.publish_due
        if p.late and due is not None:
            published = _add_wd(due, self.rng.randint(2, 12))
        else:
            published = _add_wd(p.ended_on, self.rng.randint(2, 16))
            if due is not None and published > due:
                published = due
        published = max(p.ended_on, min(published, self.end_cut))
        self.call("results_publish", task_services.results_publish, by=p.lead.planner, task=p.task,
                  published_on=published)


def _demo_officer_pending(officer: Officer | None) -> bool:
    if officer is None:
        return True
    return TeamMember.objects.filter(officer=officer, drawn_object__is_current=True,
                                     drawn_object__status=DrawnStatus.PENDING,
                                     drawn_object__task__status=TaskStatus.DRAWN).exists()


@transaction.atomic
def load(*, today: dt.date, seed: int = 2017, scale: float = 1.0, progress=None, timings: dict | None = None) -> Counter:
    """Build the pool and a year of random inspection in one transaction. Returns counts of what was created;
    `timings`, when given, receives the processor seconds spent in each service (and the draw's phases)."""
    started = time.monotonic()
    counts: Counter = Counter()

    def step(label: str) -> None:
        if progress:
            progress(f"双随机抽查:{label}({time.monotonic() - started:.1f}s)")

    rng = _Rng(seed + 23)
    names = Names(rng)
    cpu_used: Counter = Counter()
    justice = Organisation.objects.filter(name=dict((k, n) for k, n, *_ in data.ORGANISATIONS)["justice"]).first()
    if justice is None:
        return counts
    office = (User.objects.filter(username="demo_legal").first()
              or User.objects.filter(role=Role.LEGAL_OFFICE).order_by("pk").first()
              or account_services.user_create(by=None, username="office_inspections", password=_strong_password(),
                                              full_name="张晓梅", role=Role.LEGAL_OFFICE, organisation=justice))

    cpu = time.process_time()
    rows = plan_pool(seed=seed, scale=scale, today=today)
    cpu_used["pool_plan"] = time.process_time() - cpu
    step(f"检查对象名录库:生成 {len(rows)} 个对象")
    cpu = time.process_time()
    imported = load_pool(by=office, rows=rows)
    cpu_used["objects_import"] = time.process_time() - cpu
    counts["objects"] = imported["created"]
    for kind, n in Counter(r[1] for r in rows).items():
        counts[f"objects_{kind}"] = n
    counts["objects_active"] = sum(1 for r in rows if r[9] == RegistrationStatus.ACTIVE)
    step(f"检查对象名录库 {len(rows)} 个对象")

    cpu = time.process_time()
    depts = _departments(today, rng)
    if not depts:
        return counts
    _issue_rules(depts, rng, counts)
    index = PoolIndex(rows)
    plans = _schedule(depts, index, rng, today, scale)
    year = today.year
    lead_tasks = Counter(p.lead.key for p in plans if p.start.year == year)
    _plans(depts, office, year, lead_tasks, rng, counts)
    _conflicts(depts, rng, today, counts)
    _titles(plans)
    supervisors = list(VolunteerSupervisor.objects.filter(status=SupervisorStatus.ACTIVE).order_by("pk")
                       .values_list("name", flat=True)[:40])
    for p in plans:
        p.witnesses = _witnesses(rng, names, supervisors, p.lead)
    cpu_used["rules_plans_schedule"] = time.process_time() - cpu
    step(f"细则、年度计划、利害关系申报,{len(plans)} 个抽查任务的安排")

    demo_user = User.objects.filter(username="demo_officer").first()
    demo_officer = Officer.objects.filter(user=demo_user).first() if demo_user else None
    runner = YearRunner(rng=rng, today=today, demo_officer=demo_officer, counts=counts)
    for i, p in enumerate(plans):
        runner.run(p)
        if progress and i % 25 == 24:
            step(f"已办理 {i + 1} 个任务")
    # the demo officer has visits waiting: another market regulation task while there are none
    market = depts.get("market")
    extra = 0
    while market is not None and not _demo_officer_pending(demo_officer) and extra < 6:
        extra += 1
        subject = _next_subject(market, rng)
        p = TaskPlan(idx=len(plans), lead=market, parts=[(market, _subject_items(market, subject, rng), subject)],
                     fate="in_progress")
        _dates(p, rng, today)
        p.scope = _scope(market, subject)
        p.target = max(6, round(60 * min(1.0, 2 * scale)))
        p.areas, p.ratios = _fit(index, p.scope, p.target, rng, farming=False) or ([], _ladder(3))
        p.witnesses = _witnesses(rng, names, supervisors, market)
        plans.append(p)
        _titles(plans)
        runner.run(p)
    counts["demo_officer_extra_tasks"] = extra
    step("抽取、公示、通知、检查结果、结束与公示")

    for status, n in Counter(InspectionTask.objects.values_list("status", flat=True)).items():
        counts[f"tasks_{status}"] = n
    counts["tasks_joint"] = InspectionTask.objects.filter(kind="joint").count()
    counts["tasks_published_late"] = InspectionTask.objects.filter(publication_late=True).count()
    counts["drawn_objects"] = DrawnObject.objects.filter(is_current=True).count()
    counts["results"] = InspectionResult.objects.count()
    counts.update({k: v for k, v in runner.writer.counts.items()})
    counts["plans_total"] = InspectionPlan.objects.count()
    counts["plans_submitted_waiting"] = InspectionPlan.objects.filter(status=PlanStatus.SUBMITTED).count()
    cpu_used.update(runner.cpu)
    if timings is not None:
        timings.update({f"cpu.{name}": round(seconds, 2) for name, seconds in cpu_used.items()})
        timings.update({f"wall.task_draw.{name}": round(seconds, 2) for name, seconds in runner.timings.items()})
    step("完成;处理器用时:" + ",".join(f"{name} {seconds:.1f}s" for name, seconds in cpu_used.most_common()))
    return counts

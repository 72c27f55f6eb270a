"""Demo: the citizen service centre's catalogue (政务服务事项) as the seed report gives it.

The report: 177 items in the centre — 95 approval items and 82 public-service items; 66 approval items were
converted into service items; of the 29 items the city delegated, 19 were taken over. Here:

* 81 approval items entered in 2016 that stay approval items, plus 14 delegated approval items taken over → 95;
* 66 approval items entered in 2016 and converted in 2017 (two documents), 11 items entered as public-service
  items, plus 5 delegated service items taken over → 82;
* 10 delegated items not taken over, each with its reason: kept out of use as the record of that decision.

Names are those of real district-level items; the guides (requirements, materials, limits, fees, place) are
generated from the kind of item, with a committed limit never above the statutory one. Each item is linked to the
department's power item of the same name where helper I's power-list demo has one (run that first), else unlinked.
Everything goes through fazhi.powers.services, so every act is in the department's ledger.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from django.db import transaction

from fazhi.orgs.models import Organisation
from fazhi.powers import services
from fazhi.powers.enums import PowerCategory, ServiceItemKind
from fazhi.powers.models import PowerItem
from fazhi.web.demo import data

SEED_ITEMS = 177
SEED_APPROVAL = 95
SEED_PUBLIC_SERVICE = 82
SEED_CONVERTED = 66
SEED_DELEGATED = 29
SEED_TAKEN_OVER = 19

ESTABLISHED_ON = dt.date(2016, 6, 30)
ESTABLISHED_DOC = "赛政发〔2016〕31号"
CONVERSIONS = [(dt.date(2017, 3, 15), "赛政发〔2017〕18号", 40), (dt.date(2017, 9, 20), "赛政办发〔2017〕76号", 26)]
DELEGATED_ON = dt.date(2017, 5, 10)
DELEGATED_DOC = "呼政发〔2017〕23号"

# department key (fazhi.web.demo.data.ORGANISATIONS) -> (approval items that stay approval items,
#                                                       approval items converted into service items)
APPROVALS: dict[str, tuple[list[str], list[str]]] = {
    "market": (["食品经营许可证核发", "食品小作坊登记", "药品零售企业经营许可", "第三类医疗器械经营许可", "特种设备使用登记",
                "企业设立登记", "企业变更登记", "企业注销登记", "农民专业合作社设立登记"],
               ["个体工商户设立登记", "个体工商户变更登记", "个体工商户注销登记", "第二类医疗器械经营备案", "食品经营许可证延续",
                "食品经营许可证补办", "动产抵押登记", "企业名称自主申报", "股权出质登记"]),
    "urban": (["城市建筑垃圾处置核准", "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批", "临时占用城市道路审批",
               "挖掘城市道路审批", "砍伐城市树木审批", "临时占用城市绿地审批", "从事城市生活垃圾经营性清扫、收集、运输服务审批",
               "关闭、闲置、拆除城市环境卫生设施审批"],
              ["门头牌匾设置备案", "临时占道经营登记", "建筑垃圾运输车辆备案", "临时占用城市绿地期满恢复验收"]),
    "housing": (["建筑工程施工许可证核发", "商品房预售许可", "城镇污水排入排水管网许可", "建筑业企业资质(施工总承包三级)核准",
                 "房地产开发企业暂定资质核定"],
                ["房屋建筑和市政基础设施工程竣工验收备案", "建设工程质量监督注册", "建设工程安全监督备案", "物业服务企业备案",
                 "房屋租赁登记备案", "商品房买卖合同网签备案"]),
    "transport": (["道路普通货物运输经营许可", "公路超限运输许可", "占用、挖掘公路审批", "在公路用地范围内设置非公路标志审批",
                   "道路旅客运输站(场)经营许可"],
                  ["机动车维修经营备案", "道路运输从业人员从业资格证补发", "道路运输证年审", "机动车驾驶员培训机构备案"]),
    "agri": (["农药经营许可", "兽药经营许可证核发", "动物防疫条件合格证核发", "种畜禽生产经营许可", "农作物种子生产经营许可",
              "渔业捕捞许可", "生鲜乳收购站许可", "拖拉机和联合收割机登记"],
             ["农作物种子经营备案", "农业机械购置补贴申请受理", "拖拉机驾驶人员证件补发", "家庭农牧场认定",
              "耕地地力保护补贴申请受理"]),
    "water": (["取水许可", "河道管理范围内建设项目工程建设方案审批", "生产建设项目水土保持方案审批",
               "非防洪建设项目洪水影响评价报告审批", "占用农业灌溉水源、灌排工程设施审批"],
              ["取水许可延续", "水土保持补偿费缴纳登记", "农村集中供水工程验收备案"]),
    "health": (["医疗机构执业登记", "医疗机构设置审批", "公共场所卫生许可", "放射诊疗许可", "母婴保健技术服务执业许可",
                "医师执业注册", "护士执业注册", "饮用水供水单位卫生许可"],
               ["出生医学证明办理", "医疗机构校验", "乡村医生执业再注册", "公共场所卫生许可延续", "诊所备案", "中医诊所备案",
                "消毒产品生产企业卫生许可延续"]),
    "civil": (["社会团体成立登记", "民办非企业单位成立登记", "社会团体变更登记", "民办非企业单位变更登记"],
              ["养老机构备案", "内地居民结婚登记", "内地居民离婚登记", "补领婚姻登记证", "城乡最低生活保障对象认定"]),
    "hrss": (["人力资源服务许可", "劳务派遣经营许可", "民办职业培训学校设立审批",
              "企业实行不定时工作制和综合计算工时工作制审批"],
             ["就业失业登记", "社会保险登记", "职工正常退休申请", "失业保险金申领", "高校毕业生就业报到",
              "灵活就业人员社会保险登记", "城乡居民基本养老保险参保登记"]),
    "edu": (["民办学校设立审批", "民办幼儿园办学许可", "校外培训机构设立审批", "教师资格认定"],
            ["教师资格证书补发", "家庭经济困难学生资助申请受理", "中小学教师职称评审申报"]),
    "culture": (["娱乐场所经营许可", "互联网上网服务营业场所经营单位设立审批", "营业性演出审批", "出版物零售业务许可",
                 "经营高危险性体育项目许可"],
                ["艺术品经营单位备案", "演出场所经营单位备案", "个体演员备案"]),
    "emergency": (["危险化学品经营许可证核发(不带储存设施)", "烟花爆竹经营(零售)许可"],
                  ["生产经营单位生产安全事故应急预案备案", "第二类非药品类易制毒化学品经营备案",
                   "第三类非药品类易制毒化学品经营备案"]),
    "land": (["建设用地规划许可证核发", "建设工程规划许可证核发", "乡村建设规划许可证核发", "临时用地审批"],
             ["建设工程规划条件核实", "土地复垦验收"]),
    "eco": (["建设项目环境影响报告表审批", "建设项目环境影响报告书审批"],
            ["建设项目环境影响登记表备案", "固定污染源排污登记"]),
    "drc": (["企业投资项目核准", "固定资产投资项目节能审查"], ["企业投资项目备案", "价格认定"]),
    "forestry": (["林木采伐许可证核发", "草原征占用审核", "林草种子生产经营许可", "使用林地审核"], ["森林经营方案备案"]),
    "civil_defence": (["应建防空地下室的民用建筑项目报建审批", "拆除人民防空工程审批"], []),
}
# Entered as public-service items from the start.
SERVICES: dict[str, list[str]] = {
    "medical": ["城乡居民基本医疗保险参保登记", "异地就医备案", "门诊慢特病待遇认定", "零星医疗费用报销"],
    "veterans": ["退役士兵安置待遇申请", "优抚对象抚恤补助金发放", "退役军人优待证申领"],
    "estate": ["不动产登记资料查询", "不动产权证书补(换)发"],
    "tax": ["发票领用", "税务登记信息确认"],
}
# Delegated by the city and taken over: (department, kind, name)
A, S = ServiceItemKind.APPROVAL, ServiceItemKind.PUBLIC_SERVICE
TAKEN_OVER = [
    ("housing", A, "燃气燃烧器具安装维修企业资质核准"), ("transport", A, "出租汽车驾驶员从业资格注册"),
    ("transport", A, "机动车驾驶员培训经营许可"), ("market", A, "食品生产许可证核发(部分食品类别)"),
    ("agri", A, "水产苗种生产许可"), ("water", A, "河道采砂许可"), ("land", A, "建设项目用地预审与选址意见书核发"),
    ("forestry", A, "草种生产经营许可"), ("edu", A, "中等职业学校设立审批"),
    ("eco", A, "辐射安全许可(使用Ⅳ、Ⅴ类放射源)"), ("emergency", A, "烟花爆竹批发经营许可初审"),
    ("culture", A, "文物保护单位建设控制地带内建设工程设计方案审核"), ("drc", A, "政府投资项目可行性研究报告审批"),
    ("hrss", A, "技工学校设立审核"),
    ("health", S, "职业健康检查机构备案"), ("culture", S, "旅行社分社设立备案"), ("civil_defence", S, "人民防空工程竣工验收备案"),
    ("housing", S, "建设工程消防验收备案抽查"), ("transport", S, "道路运输车辆年度审验"),
]
NO_STAFF = "经评估,区级暂无相应专业技术人员和检验检测设备,不具备承接条件,仍由市级实施"
REGIONAL = "涉及跨区域统筹和总量控制,经市区协商继续由市级实施"
NO_SYSTEM = "市级审批系统尚未向区级开放相应权限,暂不承接"
NOT_TAKEN_OVER = [
    ("market", A, "药品批发企业经营许可", NO_STAFF), ("market", A, "医疗器械生产许可", NO_STAFF),
    ("market", A, "大型游乐设施使用登记", NO_STAFF), ("health", A, "二级医疗机构设置审批", REGIONAL),
    ("police", A, "民用爆炸物品购买许可", REGIONAL), ("housing", A, "燃气经营许可", NO_SYSTEM),
    ("transport", A, "县际道路旅客运输班线经营许可", REGIONAL), ("land", A, "采矿许可证核发(部分矿种)", REGIONAL),
    ("eco", A, "排污许可证核发(重点管理)", NO_SYSTEM), ("water", A, "取水许可(年取水量10万立方米以上)", REGIONAL),
]
# Departments whose windows are outside the centre (their items are not resident in it).
NOT_RESIDENT = {"forestry", "civil_defence"}

_NAME_NOISE = re.compile(r"(证|证书)?(核发|审批|许可|核准|登记|备案|审核|认定)$|[((].*?[))]")


def _organisations() -> dict[str, Organisation]:
    by_name = {o.name: o for o in Organisation.objects.all()}
    return {row[0]: by_name[row[1]] for row in data.ORGANISATIONS if row[1] in by_name}


def _stem(name: str) -> str:
    previous = None
    while previous != name:
        previous, name = name, _NAME_NOISE.sub("", name).strip()
    return name


def _power_item_index() -> dict[tuple[int, str], PowerItem]:
    """(department pk, name stem) -> a power item that a service item of that name in that department serves."""
    index: dict[tuple[int, str], PowerItem] = {}
    categories = [PowerCategory.LICENSING, PowerCategory.CONFIRMATION, PowerCategory.BENEFIT, PowerCategory.OTHER]
    for item in PowerItem.objects.filter(category__in=categories).prefetch_related("departments").order_by("code"):
        for department in item.departments.all():
            index.setdefault((department.pk, _stem(item.name)), item)
    return index


def _guide(name: str, kind: str, department: Organisation, rng: random.Random) -> dict:
    short = department.short_name or department.name
    if kind == ServiceItemKind.APPROVAL:
        statutory = rng.choice([20, 20, 20, 15, 10, 30])
        committed = max(1, min(statutory, rng.choice([3, 5, 5, 7, 10, 12])))
        requirements = (f"一、申请人为依法设立的法人、其他组织或具有完全民事行为能力的自然人;\n"
                        f"二、符合“{name}”所依据的法律、法规规定的条件和标准;\n三、申请材料齐全、符合法定形式。")
        materials = (f"《{name}申请表》(原件1份)\n申请人身份证明或营业执照(复印件1份,验原件)\n"
                     "法定代表人(负责人)身份证明及授权委托书(委托办理的)\n相关场所、设施、人员符合条件的证明材料")
        fees = "不收费"
    else:
        statutory = rng.choice([None, 5, 10, 15, 20])
        committed = rng.choice([0, 1, 1, 3, 5])
        if statutory is not None:
            committed = min(committed, statutory)
        requirements = f"符合“{name}”办理条件的个人或单位均可申请。"
        materials = f"《{name}申请表》\n申请人身份证件(原件)\n相关证明材料(按窗口一次性告知清单提供)"
        fees = "不收费"
    if name.startswith("不动产"):
        fees = "按《不动产登记收费标准》收取(工本费每本10元)"
    floor = rng.choice(["一", "二", "三"])
    return {"requirements": requirements, "materials": materials, "statutory_limit_days": statutory,
            "committed_limit_days": committed, "fees": fees, "online": rng.random() < 0.6,
            "place": f"{data.DISTRICT_NAME}市民服务中心{floor}楼{short}窗口(昭乌达路169号)"}


@transaction.atomic
def load(*, by, today: dt.date, rng: random.Random) -> dict:
    """Create the centre's catalogue. Returns counts; refuses to run twice (item codes are unique)."""
    orgs = _organisations()
    index = _power_item_index()
    counts = {"service_items": 0, "service_items_in_use": 0, "approval": 0, "public_service": 0, "converted": 0,
              "delegated": 0, "delegated_taken_over": 0, "linked_to_power_items": 0}
    serial = {"n": 0}

    def day(value: dt.date) -> dt.date:
        return min(value, today)

    def code(prefix: str) -> str:
        serial["n"] += 1
        return f"{data.DISTRICT_CODE}-{prefix}-{serial['n']:04d}"

    def common(key: str, name: str, kind: str) -> dict:
        department = orgs[key]
        power_item = index.get((department.pk, _stem(name)))
        counts["linked_to_power_items"] += power_item is not None
        return {"name": name, "department": department, "power_item": power_item,
                "resident_in_centre": key not in NOT_RESIDENT, **_guide(name, kind, department, rng)}

    to_convert = []
    for key, (stay, converted) in APPROVALS.items():
        for name in stay + converted:
            item = services.service_item_create(by=by, kind=A, code=code("SP"), happened_on=day(ESTABLISHED_ON),
                                                document_number=ESTABLISHED_DOC, **common(key, name, A))
            if name in converted:
                to_convert.append(item)
    for key, names in SERVICES.items():
        for name in names:
            services.service_item_create(by=by, kind=S, code=code("FW"), happened_on=day(ESTABLISHED_ON),
                                         document_number=ESTABLISHED_DOC, **common(key, name, S))
    rng.shuffle(to_convert)
    start = 0
    for on, document_number, n in CONVERSIONS:
        for item in to_convert[start:start + n]:
            services.service_item_convert(by=by, item=item, happened_on=day(on), document_number=document_number,
                                          note="深化“放管服”改革,不再作为行政审批事项,转为公共服务事项办理")
            counts["converted"] += 1
        start += n
    for key, kind, name in TAKEN_OVER:
        services.service_item_delegate(by=by, kind=kind, taken_over=True, happened_on=day(DELEGATED_ON),
                                       document_number=DELEGATED_DOC, code=code("XF"), **common(key, name, kind),
                                       note="按市级下放事项目录承接,已进驻市民服务中心")
        counts["delegated"] += 1
        counts["delegated_taken_over"] += 1
    for key, kind, name, reason in NOT_TAKEN_OVER:
        services.service_item_delegate(by=by, kind=kind, taken_over=False, happened_on=day(DELEGATED_ON),
                                       document_number=DELEGATED_DOC, code=code("XF"), note=reason,
                                       **common(key, name, kind))
        counts["delegated"] += 1
    counts["service_items"] = serial["n"]
    approval = sum(len(stay) for stay, _ in APPROVALS.values()) + sum(1 for _, k, _ in TAKEN_OVER if k == A)
    counts["approval"] = approval
    counts["service_items_in_use"] = serial["n"] - len(NOT_TAKEN_OVER)
    counts["public_service"] = counts["service_items_in_use"] - approval
    return counts

"""Demo: the district's power and responsibility list (权责清单) and its posts (执法岗位).

The seed report: 3,003 power items in 10 categories across 30 departments and 5 vertically managed units; the list
grew from 2,617 items in 2015 to 3,003 in 2017. So: 2,617 items are published in force from 2015-06-30; 40 of them
are abolished (2016-08-01 and 2017-06-30), 426 new items are published on those two dates, 120 items are adjusted;
the diff between 2015-12-31 and 2017-12-31 shows 2,617 → 3,003. A dozen drafts are under preparation.

Item names follow each department's field (市场监督管理局: 食品经营许可, 对经营不符合食品安全标准的食品的处罚 …).
Legal bases cite real articles of the laws in the library (loaded before this by fazhi.web.demo.powers_laws): the
Licensing Law for licensing, the Administrative Penalty Law for penalties, the Coercion Law for coercion …; a
citation whose article is not in the library is left out, never invented. Posts are set up per body with officers
of its organisation; some items are left without a post and some posts without a certified officer, so that the
decomposition indicators are not trivial.

Everything is written through fazhi.powers.services (bulk creation with one record entry per act, then the single
life-cycle services for the adjustments and abolitions).
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.personnel.enums import OfficerStatus, StaffType
from fazhi.personnel.models import Officer
from fazhi.powers import services
from fazhi.powers.enums import PowerCategory as C
from fazhi.powers.enums import PowerItemStatus
from fazhi.powers.models import PowerItem
from fazhi.powers.selectors.items import CitationResolver
from fazhi.web.demo import data

SEED_ITEMS_2015 = 2617
SEED_ITEMS_2017 = 3003
ABOLISHED = 40
ADJUSTED = 120
DRAFTS = 12
FIRST_ON, SECOND_ON, THIRD_ON = dt.date(2015, 6, 30), dt.date(2016, 8, 1), dt.date(2017, 6, 30)
DOCUMENTS = {FIRST_ON: "赛政发〔2015〕56号", SECOND_ON: "赛政发〔2016〕41号", THIRD_ON: "赛政发〔2017〕38号"}
REASONS = {FIRST_ON: "公布区级权责清单", SECOND_ON: "权责清单动态调整(2016年)", THIRD_ON: "权责清单动态调整(2017年)"}

# org key -> (code prefix, weight, subjects of its field)
DEPARTMENTS = {
    "market": ("SCJG", 11, ["食品经营", "食品生产", "食品小作坊", "餐饮服务", "药品零售", "医疗器械经营", "化妆品经营",
                            "特种设备使用", "计量器具", "产品质量", "广告发布", "商品交易市场", "网络交易", "价格行为",
                            "农产品批发市场", "保健食品经营", "直销经营", "认证认可", "标准化", "企业登记"]),
    "urban": ("CGZF", 8, ["占道经营", "户外广告设施", "建筑垃圾运输", "城市绿化", "市容环境卫生", "违法建设", "渣土运输",
                          "夜间施工噪声", "餐饮油烟", "城市道路挖掘", "临时建筑", "燃气设施", "排水设施", "共享单车停放"]),
    "police": ("GAFJ", 8, ["治安管理", "娱乐场所治安", "旅馆业治安", "剧毒化学品购买", "烟花爆竹运输", "大型群众性活动",
                           "户籍管理", "居民身份证", "保安服务", "民用爆炸物品", "机动车驾驶", "出入境管理", "枪支管理",
                           "典当业治安"]),
    "tax": ("SWJ", 5, ["税务登记", "纳税申报", "发票管理", "税款征收", "出口退税", "税收减免", "代扣代缴"]),
    "land": ("ZRZY", 5, ["土地使用", "建设用地", "矿产资源开采", "测绘活动", "耕地保护", "不动产登记", "地质灾害防治"]),
    "eco": ("STHJ", 5, ["排污许可", "建设项目环境影响评价", "大气污染防治", "水污染防治", "固体废物处置", "危险废物经营",
                        "噪声污染防治", "辐射安全"]),
    "fire": ("XFJY", 3, ["公众聚集场所", "消防产品", "消防设施", "建筑消防安全", "消防技术服务"]),
    "health": ("WSJK", 5, ["医疗机构执业", "医师执业", "护士执业", "公共场所卫生", "生活饮用水卫生", "母婴保健技术服务",
                           "放射诊疗", "职业卫生", "消毒产品"]),
    "edu": ("JYJ", 3, ["民办学校办学", "校外培训机构", "幼儿园办园", "教师资格", "学生资助"]),
    "agri": ("NMJ", 4, ["农药经营", "兽药经营", "种子经营", "饲料经营", "农机安全", "草原保护", "农产品质量安全"]),
    "animal": ("DWJD", 2, ["动物防疫条件", "动物检疫", "动物诊疗", "病死动物无害化处理"]),
    "water": ("SWUJ", 3, ["取水", "河道管理范围内建设", "水土保持", "城市供水", "节约用水", "地下水开采"]),
    "transport": ("JTYS", 4, ["道路旅客运输", "道路货物运输", "机动车维修", "出租汽车经营", "公路路政", "驾驶员培训",
                              "超限运输"]),
    "emergency": ("YJGL", 4, ["危险化学品经营", "安全生产", "烟花爆竹经营", "非煤矿山", "工贸企业安全", "应急预案"]),
    "housing": ("ZJJ", 4, ["建筑工程施工", "建筑业企业资质", "房地产开发", "物业服务", "商品房预售", "建设工程质量",
                           "城镇燃气经营"]),
    "culture": ("WLTY", 3, ["营业性演出", "娱乐场所经营", "旅行社经营", "网吧经营", "文物保护", "体育经营活动"]),
    "culture_team": ("WHZF", 2, ["出版物经营", "印刷经营", "音像制品经营", "互联网上网服务营业场所"]),
    "civil": ("MZJ", 3, ["社会团体登记", "民办非企业单位登记", "殡葬管理", "最低生活保障", "养老机构", "婚姻登记"]),
    "hrss": ("RSJ", 3, ["劳动合同", "工资支付", "职业技能培训", "人力资源服务", "社会保险", "劳务派遣"]),
    "drc": ("FGW", 2, ["固定资产投资项目", "价格监督", "节约能源", "粮食流通"]),
    "industry": ("GXJ", 1, ["无线电管理", "民用爆炸物品生产", "工业节能"]),
    "ethnic": ("MWJ", 1, ["清真食品", "少数民族语言文字", "民族团结进步"]),
    "finance": ("CZJ", 1, ["政府采购", "会计管理", "财政票据"]),
    "veterans": ("TYJR", 1, ["退役军人安置", "优抚对象", "烈士褒扬"]),
    "audit": ("SJJ", 1, ["审计监督", "内部审计", "审计整改"]),
    "stats": ("TJJ", 1, ["统计调查", "统计报表", "统计执法"]),
    "medical": ("YBJ", 2, ["定点医药机构", "医疗保障基金", "医疗救助", "医保待遇"]),
    "forestry": ("LCJ", 2, ["林木采伐", "林地使用", "野生动物保护", "草原征占用", "森林防火"]),
    "petition": ("XFJ", 1, ["信访事项", "信访复查", "信访秩序"]),
    "service": ("ZWFW", 2, ["投资项目审批", "企业开办", "工程建设项目审批", "政务服务"]),
    "civil_defence": ("RFB", 1, ["人防工程建设", "人防工程使用", "防空警报设施"]),
    "science": ("KJJ", 1, ["科技成果", "科技计划项目", "科学技术普及"]),
    "justice": ("SFJ", 1, ["法律援助", "人民调解", "律师执业", "基层法律服务"]),
    "office": ("ZFB", 1, ["政府信息公开", "应急值守", "地方志编纂"]),
    "commerce": ("SHWJ", 1, ["成品油零售", "报废机动车回收", "单用途商业预付卡", "再生资源回收"]),
}

PATTERNS = {
    C.PENALTY: ["对未经许可从事{s}活动的处罚", "对{s}不符合规定标准的处罚", "对伪造、变造、出租、出借{s}相关证件的处罚",
                "对拒绝、阻碍{s}监督检查的处罚", "对{s}未按规定建立管理制度的处罚", "对{s}未按规定报告有关情况的处罚",
                "对{s}违反安全管理规定的处罚", "对{s}中提供虚假材料的处罚", "对{s}未按规定公示信息的处罚",
                "对{s}擅自变更许可事项的处罚", "对{s}中未履行法定义务的处罚", "对{s}逾期不改正违法行为的处罚"],
    C.LICENSING: ["{s}许可", "{s}许可变更", "{s}许可延续"],
    C.COERCION: ["查封、扣押与{s}违法行为有关的场所、物品", "对{s}违法行为的加处罚款", "对{s}违法行为的代履行"],
    C.INSPECTION: ["对{s}的监督检查", "对{s}的专项检查", "对{s}的抽样检验"],
    C.LEVY: ["{s}相关费用征收"],
    C.BENEFIT: ["{s}补助发放", "{s}救助金给付"],
    C.CONFIRMATION: ["{s}资格确认", "{s}登记", "{s}证明出具"],
    C.REWARD: ["对{s}工作中成绩突出单位和个人的奖励", "对举报{s}违法行为有功人员的奖励"],
    C.ADJUDICATION: ["{s}争议裁决"],
    C.OTHER: ["{s}投诉举报处理", "{s}工作指导监督", "{s}行政指导"],
}
CATEGORY_WEIGHTS = {C.PENALTY: 60, C.LICENSING: 9, C.COERCION: 6, C.INSPECTION: 8, C.LEVY: 1, C.BENEFIT: 2,
                    C.CONFIRMATION: 5, C.REWARD: 2, C.ADJUDICATION: 1, C.OTHER: 6}
CATEGORY_CODES = {C.PENALTY: "CF", C.LICENSING: "XK", C.COERCION: "QZ", C.INSPECTION: "JC", C.LEVY: "ZS",
                  C.BENEFIT: "GF", C.CONFIRMATION: "QR", C.REWARD: "JL", C.ADJUDICATION: "CJ", C.OTHER: "QT"}

# Articles of the library that are the general basis of each kind of power (specific statutes are not loaded).
CITATIONS = {
    C.LICENSING: "《中华人民共和国行政许可法》第十二条;第二十九条;第三十四条;第三十八条;第四十二条",
    C.PENALTY: "《中华人民共和国行政处罚法》第九条;第二十二条;第二十八条",
    C.COERCION: "《中华人民共和国行政强制法》第九条;第十八条;第二十二条;第四十五条",
    C.INSPECTION: "《中华人民共和国行政处罚法》第五十五条;《企业信息公示暂行条例》第十四条",
    C.LEVY: "《中华人民共和国行政强制法》第四十五条",
    C.BENEFIT: "《优化营商环境条例》第三十五条;第三十六条",
    C.CONFIRMATION: "《优化营商环境条例》第三十五条;第三十六条",
    C.REWARD: "《优化营商环境条例》第三十四条",
    C.ADJUDICATION: "《优化营商环境条例》第三十五条",
    C.OTHER: "《中华人民共和国政府信息公开条例》第二十七条;《优化营商环境条例》第三十五条",
}
RESPONSIBILITIES = {
    C.LICENSING: [("accept", "公示申请条件、材料和办理流程;对申请材料齐全、符合法定形式的予以受理,不予受理的书面说明理由"),
                  ("review", "对申请材料进行审查,需要核实的指派两名以上工作人员现场核查"),
                  ("decide", "在法定期限内作出准予或者不予许可的决定,不予许可的说明理由并告知救济途径"),
                  ("serve", "准予许可的在规定期限内颁发、送达许可证件"),
                  ("supervise", "对被许可人从事许可事项的活动进行监督检查")],
    C.PENALTY: [("accept", "对检查发现、投诉举报、移送的违法线索及时登记,符合立案条件的予以立案"),
                ("review", "两名以上执法人员出示证件调查取证,全面、客观、公正收集证据"),
                ("decide", "履行告知、陈述申辩、听证程序,重大案件经法制审核、集体讨论后作出决定"),
                ("serve", "依法送达行政处罚决定书"),
                ("enforce", "监督当事人履行处罚决定,逾期不履行的依法强制执行")],
    C.COERCION: [("review", "实施前向行政机关负责人报告并经批准,两名以上执法人员实施,出示证件"),
                 ("decide", "制作现场笔录,当场告知当事人采取行政强制的理由、依据和救济途径"),
                 ("serve", "依法送达查封、扣押决定书和清单"),
                 ("enforce", "在法定期限内作出处理决定,及时解除不再需要的强制措施")],
    C.INSPECTION: [("accept", "制定年度抽查计划,随机抽取检查对象和执法检查人员"),
                   ("review", "两名以上执法人员出示证件依法实施检查,如实记录检查情况"),
                   ("decide", "对检查发现的问题依法处理,涉嫌违法的移送立案"),
                   ("supervise", "在规定期限内公示抽查检查结果")],
}
DEFAULT_RESPONSIBILITIES = [("accept", "公示办理条件和程序,依法受理申请或启动程序"),
                            ("review", "对有关材料和情况进行审查核实"),
                            ("decide", "依法作出决定并说明理由"),
                            ("serve", "依法送达决定文书")]
DEADLINES = {C.LICENSING: ("20个工作日(经负责人批准可延长10个工作日)", "XZXK-42", "10个工作日"),
             C.PENALTY: ("自立案之日起90日内作出处罚决定", "XZCF-60", ""),
             C.COERCION: ("查封、扣押期限不得超过30日", "XZQZ-25", "")}
REMEDIES = ("对决定不服的,可以自知道该行政行为之日起60日内依法申请行政复议,或者自知道之日起6个月内依法向人民法院"
            "提起行政诉讼")
ACCOUNTABILITY = ("因不履行或不正确履行行政职责,有下列情形之一的,行政机关及相关工作人员应承担相应责任:1.对符合法定条件的"
                  "申请不予受理、不予办理的;2.未严格履行法定程序的;3.违法实施行政行为,给当事人造成损失的;4.在履职过程中"
                  "滥用职权、玩忽职守、徇私舞弊的;5.其他违反法律法规规章规定的行为。")
POSTS = {C.LICENSING: "行政许可审查岗", C.PENALTY: "行政处罚办案岗", C.INSPECTION: "监督检查岗",
         C.COERCION: "行政强制执行岗"}
GENERAL_POST = "综合执法岗"


def _organisations() -> dict[str, Organisation]:
    by_name = {o.name: o for o in Organisation.objects.all()}
    return {key: by_name[name] for key, name, *_ in data.ORGANISATIONS if name in by_name}


def _plan(orgs: dict[str, Organisation], total: int, rng: random.Random) -> list[dict]:
    """`total` items over the departments by weight, categories by weight, names unique per department."""
    keys = [k for k in DEPARTMENTS if k in orgs]
    weights = sum(DEPARTMENTS[k][1] for k in keys)
    shares = {k: max(6, round(total * DEPARTMENTS[k][1] / weights)) for k in keys}
    shares[keys[0]] += total - sum(shares.values())
    specs = []
    for key in keys:
        prefix, _weight, subjects = DEPARTMENTS[key]
        candidates = [(cat, pattern, subject) for cat, patterns in PATTERNS.items() for pattern in patterns
                      for subject in subjects]
        rng.shuffle(candidates)
        # every category once first (the list covers all ten where a department has them), then by weight
        chosen, seen_cats = [], set()
        for candidate in candidates:
            if candidate[0] not in seen_cats and len(chosen) < shares[key]:
                chosen.append(candidate)
                seen_cats.add(candidate[0])
        rest = [c for c in candidates if c not in chosen]
        rest.sort(key=lambda c: rng.random() ** (1.0 / CATEGORY_WEIGHTS[c[0]]), reverse=True)
        chosen += rest[:shares[key] - len(chosen)]
        numbers: dict[str, int] = {}
        for category, pattern, subject in chosen:
            numbers[category] = numbers.get(category, 0) + 1
            specs.append({"key": key, "organisation": orgs[key], "category": category, "subject": subject,
                          "pattern": pattern, "name": pattern.format(s=subject),
                          "code": f"{prefix}-{CATEGORY_CODES[category]}-{numbers[category]:03d}"})
    return specs


def _fill(spec: dict, bases) -> dict:
    category = spec["category"]
    statutory, rule, committed = DEADLINES.get(category, ("", "", ""))
    inspection = category == C.INSPECTION
    return {
        "code": spec["code"], "name": spec["name"], "category": category, "departments": [spec["organisation"]],
        "legal_bases": bases[category], "responsibilities": RESPONSIBILITIES.get(category, DEFAULT_RESPONSIBILITIES),
        "accountability": ACCOUNTABILITY, "statutory_time_limit": statutory, "deadline_rule_id": rule,
        "committed_time_limit": committed, "fees": "不收费", "fee_basis": "", "remedies": REMEDIES,
        "flow_description": "受理—审查—决定—送达" if category == C.LICENSING else "",
        "is_inspection_item": inspection, "inspection_method": "双随机抽查、现场检查" if inspection else "",
        "inspection_object_scope": f"辖区内{spec['subject']}相关单位和个人" if inspection else "",
    }


def load(*, by, today: dt.date, rng: random.Random) -> dict:
    orgs = _organisations()
    if not orgs:
        return {"power_items": 0}
    resolver = CitationResolver()
    bases = {}
    for category, text in CITATIONS.items():
        bases[category], _missing = resolver.resolve(text)  # articles absent from the library are left out
    if not all(bases.values()):
        raise RuntimeError("权责清单演示数据需要先载入法律法规库(fazhi.web.demo.powers_laws)")
    total_rows = SEED_ITEMS_2017 + ABOLISHED + DRAFTS
    specs = _plan(orgs, total_rows, rng)
    # sub-items: a licence's change and renewal are sub-items of the licence
    by_name = {(s["key"], s["name"]): s for s in specs}
    for spec in specs:
        for suffix in ("许可变更", "许可延续"):
            if spec["name"].endswith(suffix):
                parent = by_name.get((spec["key"], spec["subject"] + "许可"))
                if parent is not None:
                    spec["parent_code"] = parent["code"]
    parents = {s["parent_code"] for s in specs if s.get("parent_code")}
    free = [s for s in specs if not s.get("parent_code") and s["code"] not in parents]
    rng.shuffle(free)
    drafts = free[:DRAFTS]
    new_items = free[DRAFTS:DRAFTS + SEED_ITEMS_2017 - SEED_ITEMS_2015 + ABOLISHED]
    abolished = free[DRAFTS + len(new_items):DRAFTS + len(new_items) + ABOLISHED]
    cohort = {}
    for spec in specs:
        cohort[spec["code"]] = FIRST_ON
    for index, spec in enumerate(new_items):
        cohort[spec["code"]] = SECOND_ON if index < len(new_items) // 2 else THIRD_ON
    for spec in drafts:
        cohort[spec["code"]] = None
    items = []
    for spec in specs:
        item = _fill(spec, bases)
        if spec.get("parent_code"):
            item["parent_code"] = spec["parent_code"]
        on = cohort[spec["code"]]
        if on is not None:
            item["publish"] = {"reason": REASONS[on], "effective_on": on, "document_number": DOCUMENTS[on]}
        items.append(item)
    result = services.power_items_bulk_create(by=by, items=items, source={"demo": "权责清单"})

    # abolitions and adjustments through the life-cycle services (versions and record entries as any user's)
    by_code = {i.code: i for i in PowerItem.objects.filter(code__in=[s["code"] for s in abolished])}
    for index, spec in enumerate(abolished):
        on = SECOND_ON if index < ABOLISHED // 2 else THIRD_ON
        services.power_item_abolish(by=by, item=by_code[spec["code"]], effective_on=on, document_number=DOCUMENTS[on],
                                    reason="法律法规修改,该事项依据已调整,予以取消")
    stable = [s for s in specs if cohort[s["code"]] == FIRST_ON and s not in abolished]
    adjusted = rng.sample(stable, ADJUSTED)
    items_by_code = {i.code: i for i in PowerItem.objects.filter(code__in=[s["code"] for s in adjusted])}
    for index, spec in enumerate(adjusted):
        on = SECOND_ON if index % 2 == 0 else THIRD_ON
        item = items_by_code[spec["code"]]
        if index % 3 == 0:
            changes = {"committed_time_limit": "5个工作日" if spec["category"] == C.LICENSING else "承诺提速办理"}
        elif index % 3 == 1:
            changes = {"name": spec["name"].replace("的处罚", "行为的处罚") if "的处罚" in spec["name"]
                       else spec["name"] + "(含分支机构)"}
        else:
            changes = {"fees": "不收费(依法免征)", "remedies": REMEDIES + ";也可依法提出申诉"}
        services.power_item_adjust(by=by, item=item, effective_on=on, document_number=DOCUMENTS[on],
                                   reason="根据法律法规修改和机构职能调整进行动态调整", **changes)

    posts = _posts(by=by, orgs=orgs, today=today, rng=rng)
    return {"power_items": result["items"] + 0, "power_items_published_2017": SEED_ITEMS_2017,
            "power_items_abolished": len(abolished), "power_items_adjusted": len(adjusted),
            "power_item_drafts": len(drafts), "legal_bases": result["legal_bases"],
            "responsibility_items": result["responsibilities"], **posts}


def _posts(*, by, orgs, today: dt.date, rng: random.Random) -> dict:
    """Posts per body: one per category the body's items fall in, plus a general post. About one item in twelve is
    left without a post, about one officer in eight without a post, and one body in four has a post staffed only by
    officers without a valid certificate (or nobody)."""
    from fazhi.personnel.selectors import officers_certified_for

    counts = {"posts": 0, "post_officers": 0, "post_items": 0}
    through = PowerItem.departments.through
    for index, body in enumerate(EnforcementBody.objects.select_related("organisation").order_by("pk")):
        item_ids = list(through.objects.filter(organisation_id=body.organisation_id,
                                               poweritem__status=PowerItemStatus.PUBLISHED)
                        .values_list("poweritem_id", flat=True))
        items = list(PowerItem.objects.filter(pk__in=item_ids).order_by("code"))
        certified = set(officers_certified_for(body, on=today).values_list("pk", flat=True))
        officers = list(Officer.objects.filter(organisation_id=body.organisation_id, status=OfficerStatus.ACTIVE)
                        .exclude(staff_type=StaffType.AUXILIARY).order_by("pk"))
        rng.shuffle(officers)
        officers = officers[:len(officers) - len(officers) // 8]
        rng.shuffle(items)
        items = items[:len(items) - len(items) // 12]
        groups: dict[str, list[PowerItem]] = {}
        for item in items:
            groups.setdefault(POSTS.get(item.category, GENERAL_POST), []).append(item)
        names = sorted(groups) or [GENERAL_POST]
        staff: dict[str, list[Officer]] = {name: [] for name in names}
        uncertified_post = names[-1] if index % 4 == 0 and len(names) > 1 else None
        pool = [o for o in officers if uncertified_post is None or o.pk not in certified]
        for i, officer in enumerate(officers):
            name = names[i % len(names)]
            if name == uncertified_post and officer.pk in certified:
                name = names[0]
            staff[name].append(officer)
        if uncertified_post is not None:
            staff[uncertified_post] = [o for o in pool if o.pk not in certified][:2]
            for name in names:
                if name != uncertified_post:
                    staff[name] = [o for o in staff[name] if o not in staff[uncertified_post]]
        for name in names:
            services.post_create(by=by, body=body, name=name, duties=f"承担{body.organisation.short_name or body.name}"
                                 f"{name.removesuffix('岗')}相关职责", power_items=groups.get(name, []),
                                 officers=staff[name])
            counts["posts"] += 1
            counts["post_officers"] += len(staff[name])
            counts["post_items"] += len(groups.get(name, []))
    return counts

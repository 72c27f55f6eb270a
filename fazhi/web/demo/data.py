"""The demo district's fixed facts: 赛罕区 of 呼和浩特市 as its 2017 rule-of-law report describes it.

The seed report: 43 district units, 3 towns and 8 subdistricts each with a legal liaison (72 units in all, counting
the government, its institutions and the 5 vertically managed units); 25 enforcement bodies published in two
batches; 2,638 officers in the electronic register; 1,443 officers passed the 2017 training exam; 105 volunteer
supervisors. 2017 was Inner Mongolia's six-yearly certificate replacement year.
"""

from __future__ import annotations

import datetime as dt

from fazhi.orgs.enums import BodyBasis, JurisdictionLevel, OrganisationType

SEED_OFFICERS = 2638
SEED_PASSED_EXAMS = 1443
SEED_SUPERVISORS = 105
REPLACEMENT_BASE_YEAR = 2017  # NMG96: certificates are replaced every 6 years; 2017 was a replacement year

DISTRICT_CODE = "150105"
DISTRICT_NAME = "赛罕区"
DISTRICT_ADDRESS = "呼和浩特市赛罕区昭乌达路169号"
DISTRICT_PHONE = "0471-4211860"

# (code, name, level, parent code)
JURISDICTIONS = [
    ("150000", "内蒙古自治区", JurisdictionLevel.PROVINCE, None),
    ("150100", "呼和浩特市", JurisdictionLevel.CITY, "150000"),
    ("150105", "赛罕区", JurisdictionLevel.DISTRICT, "150100"),
    ("150105001", "人民路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105002", "大学西路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105003", "大学东路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105004", "乌兰察布东路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105005", "昭乌达路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105006", "中专路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105007", "敕勒川路街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105008", "巴彦街道", JurisdictionLevel.SUBDISTRICT, "150105"),
    ("150105100", "金河镇", JurisdictionLevel.TOWN, "150105"),
    ("150105101", "榆林镇", JurisdictionLevel.TOWN, "150105"),
    ("150105102", "黄合少镇", JurisdictionLevel.TOWN, "150105"),
]

# Enforcement categories (执法类别): code, name.
CATEGORIES = [
    ("market", "市场监管"),
    ("urban", "城市管理"),
    ("eco", "生态环境"),
    ("health", "卫生健康"),
    ("education", "教育"),
    ("agriculture", "农牧业"),
    ("water", "水务"),
    ("transport", "交通运输"),
    ("emergency", "应急管理"),
    ("housing", "住房城乡建设"),
    ("land", "自然资源"),
    ("culture", "文化旅游"),
    ("civil", "民政"),
    ("hrss", "人力资源社会保障"),
    ("police", "公安"),
    ("tax", "税务"),
    ("fire", "消防"),
    ("forestry", "林业草原"),
    ("medical", "医疗保障"),
    ("development", "发展改革"),
    ("statistics", "统计"),
    ("audit", "审计"),
]

G, D, V, T, S, OTH = (OrganisationType.GOVERNMENT, OrganisationType.DEPARTMENT, OrganisationType.VERTICAL,
                    OrganisationType.TOWN, OrganisationType.SUBDISTRICT, OrganisationType.OTHER)

# key, name, short name, type, parent key, jurisdiction code, officer weight, auxiliary share, categories
# (categories of officers in units that are not themselves bodies: the field their certificates cover).
ORGANISATIONS = [
    ("gov", "呼和浩特市赛罕区人民政府", "区政府", G, None, "150105", 0, 0, []),
    ("office", "赛罕区人民政府办公室", "区政府办", D, "gov", "150105", 0, 0, []),
    ("justice", "赛罕区司法局", "区司法局", D, "gov", "150105", 14, 0, ["civil"]),
    ("drc", "赛罕区发展和改革委员会", "区发改委", D, "gov", "150105", 18, 0, []),
    ("edu", "赛罕区教育局", "区教育局", D, "gov", "150105", 42, 0, []),
    ("industry", "赛罕区工业和信息化局", "区工信局", D, "gov", "150105", 8, 0, ["development"]),
    ("ethnic", "赛罕区民族事务委员会", "区民委", D, "gov", "150105", 4, 0, ["civil"]),
    ("civil", "赛罕区民政局", "区民政局", D, "gov", "150105", 28, 0, []),
    ("finance", "赛罕区财政局", "区财政局", D, "gov", "150105", 10, 0, ["audit"]),
    ("hrss", "赛罕区人力资源和社会保障局", "区人社局", D, "gov", "150105", 30, 0, []),
    ("housing", "赛罕区住房和城乡建设局", "区住建局", D, "gov", "150105", 105, 0.05, []),
    ("transport", "赛罕区交通运输局", "区交通局", D, "gov", "150105", 48, 0, []),
    ("agri", "赛罕区农牧局", "区农牧局", D, "gov", "150105", 38, 0, []),
    ("water", "赛罕区水务局", "区水务局", D, "gov", "150105", 58, 0.05, []),
    ("commerce", "赛罕区商务局", "区商务局", D, "gov", "150105", 12, 0, ["market"]),
    ("culture", "赛罕区文化旅游体育局", "区文旅体局", D, "gov", "150105", 26, 0, []),
    ("health", "赛罕区卫生健康委员会", "区卫健委", D, "gov", "150105", 52, 0, []),
    ("veterans", "赛罕区退役军人事务局", "区退役军人局", D, "gov", "150105", 6, 0, ["civil"]),
    ("emergency", "赛罕区应急管理局", "区应急局", D, "gov", "150105", 66, 0.04, []),
    ("audit", "赛罕区审计局", "区审计局", D, "gov", "150105", 12, 0, ["audit"]),
    ("market", "赛罕区市场监督管理局", "区市场监管局", D, "gov", "150105", 415, 0.06, []),
    ("stats", "赛罕区统计局", "区统计局", D, "gov", "150105", 10, 0, ["statistics"]),
    ("medical", "赛罕区医疗保障局", "区医保局", D, "gov", "150105", 24, 0, []),
    ("urban", "赛罕区城市管理综合执法局", "区城管执法局", D, "gov", "150105", 560, 0.36, []),
    ("forestry", "赛罕区林业和草原局", "区林草局", D, "gov", "150105", 28, 0.05, []),
    ("petition", "赛罕区信访局", "区信访局", D, "gov", "150105", 0, 0, []),
    ("service", "赛罕区行政审批和政务服务局", "区政务服务局", D, "gov", "150105", 8, 0, ["market"]),
    ("civil_defence", "赛罕区人民防空办公室", "区人防办", D, "gov", "150105", 6, 0, ["housing"]),
    ("science", "赛罕区科学技术局", "区科技局", D, "gov", "150105", 0, 0, []),
    ("affairs", "赛罕区机关事务服务中心", "区机关事务中心", OTH, "gov", "150105", 0, 0, []),
    ("health_sup", "赛罕区卫生监督所", "区卫生监督所", OTH, "health", "150105", 108, 0, []),
    ("cdc", "赛罕区疾病预防控制中心", "区疾控中心", OTH, "health", "150105", 0, 0, []),
    ("animal", "赛罕区动物卫生监督所", "区动监所", OTH, "agri", "150105", 34, 0, []),
    ("agri_team", "赛罕区农牧业综合行政执法大队", "区农牧执法大队", OTH, "agri", "150105", 52, 0.05, []),
    ("culture_team", "赛罕区文化市场综合行政执法大队", "区文化执法大队", OTH, "culture", "150105", 38, 0.05, []),
    ("labour", "赛罕区劳动保障监察大队", "区劳动监察大队", OTH, "hrss", "150105", 44, 0, []),
    ("water_team", "赛罕区水政监察大队", "区水政监察大队", OTH, "water", "150105", 0, 0, []),
    ("transport_team", "赛罕区交通运输综合行政执法大队", "区交通执法大队", OTH, "transport", "150105", 0, 0, []),
    ("centre", "赛罕区市民服务中心", "区市民服务中心", OTH, "service", "150105", 0, 0, []),
    ("estate", "赛罕区不动产登记中心", "区不动产登记中心", OTH, "gov", "150105", 0, 0, []),
    ("garden", "赛罕区园林绿化中心", "区园林中心", OTH, "urban", "150105", 0, 0, []),
    ("sanitation", "赛罕区环境卫生服务中心", "区环卫中心", OTH, "urban", "150105", 0, 0, []),
    ("media", "赛罕区融媒体中心", "区融媒体中心", OTH, "gov", "150105", 0, 0, []),
    ("archives", "赛罕区档案史志馆", "区档案馆", OTH, "gov", "150105", 0, 0, []),
    ("investment", "赛罕区投资促进中心", "区投促中心", OTH, "commerce", "150105", 0, 0, []),
    ("housing_sec", "赛罕区住房保障服务中心", "区住房保障中心", OTH, "housing", "150105", 0, 0, []),
    ("roads", "赛罕区市政设施养护中心", "区市政养护中心", OTH, "housing", "150105", 0, 0, []),
    ("grid", "赛罕区社会治理网格化服务中心", "区网格中心", OTH, "gov", "150105", 0, 0, []),
    ("elderly", "赛罕区社会福利中心", "区福利中心", OTH, "civil", "150105", 0, 0, []),
    ("employment", "赛罕区公共就业服务中心", "区就业服务中心", OTH, "hrss", "150105", 0, 0, []),
    ("insurance", "赛罕区社会保险事业服务中心", "区社保中心", OTH, "hrss", "150105", 0, 0, []),
    ("school_sup", "赛罕区教育督导室", "区教育督导室", OTH, "edu", "150105", 0, 0, []),
    ("tourism", "赛罕区旅游发展服务中心", "区旅游服务中心", OTH, "culture", "150105", 0, 0, []),
    ("agri_tech", "赛罕区农牧业技术推广中心", "区农技中心", OTH, "agri", "150105", 0, 0, []),
    ("flood", "赛罕区防汛抗旱服务中心", "区防汛中心", OTH, "water", "150105", 0, 0, []),
    ("food_test", "赛罕区食品药品检验检测中心", "区食药检测中心", OTH, "market", "150105", 0, 0, []),
    ("police", "呼和浩特市公安局赛罕区分局", "赛罕公安分局", V, None, "150105", 265, 0.08, []),
    ("tax", "国家税务总局呼和浩特市赛罕区税务局", "赛罕区税务局", V, None, "150105", 150, 0, []),
    ("land", "呼和浩特市自然资源局赛罕区分局", "自然资源分局", V, None, "150105", 92, 0.04, []),
    ("eco", "呼和浩特市生态环境局赛罕区分局", "生态环境分局", V, None, "150105", 68, 0, []),
    ("fire", "呼和浩特市赛罕区消防救援大队", "赛罕消防大队", V, None, "150105", 36, 0, []),
    ("s_renmin", "赛罕区人民路街道办事处", "人民路街道", S, "gov", "150105001", 18, 0.3, ["urban"]),
    ("s_daxuexi", "赛罕区大学西路街道办事处", "大学西路街道", S, "gov", "150105002", 16, 0.3, ["urban"]),
    ("s_daxuedong", "赛罕区大学东路街道办事处", "大学东路街道", S, "gov", "150105003", 18, 0.3, ["urban"]),
    ("s_wulanchabu", "赛罕区乌兰察布东路街道办事处", "乌兰察布东路街道", S, "gov", "150105004", 15, 0.3, ["urban"]),
    ("s_zhaowuda", "赛罕区昭乌达路街道办事处", "昭乌达路街道", S, "gov", "150105005", 16, 0.3, ["urban"]),
    ("s_zhongzhuan", "赛罕区中专路街道办事处", "中专路街道", S, "gov", "150105006", 14, 0.3, ["urban"]),
    ("s_chilechuan", "赛罕区敕勒川路街道办事处", "敕勒川路街道", S, "gov", "150105007", 15, 0.3, ["urban"]),
    ("s_bayan", "赛罕区巴彦街道办事处", "巴彦街道", S, "gov", "150105008", 14, 0.3, ["urban", "land"]),
    ("t_jinhe", "赛罕区金河镇人民政府", "金河镇", T, "gov", "150105100", 16, 0.25, ["agriculture", "land"]),
    ("t_yulin", "赛罕区榆林镇人民政府", "榆林镇", T, "gov", "150105101", 15, 0.25, ["agriculture", "land"]),
    ("t_huanghe", "赛罕区黄合少镇人民政府", "黄合少镇", T, "gov", "150105102", 15, 0.25, ["agriculture", "land"]),
]

# Public institutions (事业单位) carry USCC prefix 12; organs of state 11.
INSTITUTION_TYPES = {OTH}

BATCH_DATES = {1: dt.date(2016, 9, 20), 2: dt.date(2017, 8, 15)}

# key, organisation key, basis, entrusting body key, batch, categories, legal basis
BODIES = [
    ("market", "market", BodyBasis.STATUTORY, None, 1, ["market"], "《中华人民共和国行政处罚法》《中华人民共和国食品安全法》等"),
    ("urban", "urban", BodyBasis.STATUTORY, None, 1, ["urban"], "《内蒙古自治区城市管理综合执法条例》"),
    ("eco", "eco", BodyBasis.STATUTORY, None, 1, ["eco"], "《中华人民共和国环境保护法》"),
    ("health", "health", BodyBasis.STATUTORY, None, 1, ["health"], "《中华人民共和国基本医疗卫生与健康促进法》"),
    ("edu", "edu", BodyBasis.STATUTORY, None, 1, ["education"], "《中华人民共和国教育法》《中华人民共和国民办教育促进法》"),
    ("agri", "agri", BodyBasis.STATUTORY, None, 1, ["agriculture"], "《中华人民共和国农业法》《中华人民共和国草原法》"),
    ("water", "water", BodyBasis.STATUTORY, None, 1, ["water"], "《中华人民共和国水法》"),
    ("transport", "transport", BodyBasis.STATUTORY, None, 1, ["transport"], "《中华人民共和国公路法》《中华人民共和国道路运输条例》"),
    ("emergency", "emergency", BodyBasis.STATUTORY, None, 1, ["emergency"], "《中华人民共和国安全生产法》"),
    ("housing", "housing", BodyBasis.STATUTORY, None, 1, ["housing"], "《中华人民共和国建筑法》《建设工程质量管理条例》"),
    ("land", "land", BodyBasis.STATUTORY, None, 1, ["land"], "《中华人民共和国土地管理法》"),
    ("culture", "culture", BodyBasis.STATUTORY, None, 1, ["culture"], "《中华人民共和国旅游法》《娱乐场所管理条例》"),
    ("civil", "civil", BodyBasis.STATUTORY, None, 1, ["civil"], "《社会团体登记管理条例》《殡葬管理条例》"),
    ("hrss", "hrss", BodyBasis.STATUTORY, None, 1, ["hrss"], "《中华人民共和国劳动法》《劳动保障监察条例》"),
    ("police", "police", BodyBasis.STATUTORY, None, 1, ["police"], "《中华人民共和国治安管理处罚法》"),
    ("tax", "tax", BodyBasis.STATUTORY, None, 1, ["tax"], "《中华人民共和国税收征收管理法》"),
    ("fire", "fire", BodyBasis.STATUTORY, None, 1, ["fire"], "《中华人民共和国消防法》"),
    ("forestry", "forestry", BodyBasis.STATUTORY, None, 1, ["forestry"], "《中华人民共和国森林法》《中华人民共和国草原法》"),
    ("medical", "medical", BodyBasis.STATUTORY, None, 2, ["medical"], "《医疗保障基金使用监督管理条例》"),
    ("drc", "drc", BodyBasis.STATUTORY, None, 2, ["development"], "《中华人民共和国价格法》《中华人民共和国节约能源法》"),
    ("health_sup", "health_sup", BodyBasis.ENTRUSTED, "health", 2, ["health"], "区卫生健康委员会委托书"),
    ("animal", "animal", BodyBasis.AUTHORISED, None, 2, ["agriculture"], "《中华人民共和国动物防疫法》"),
    ("agri_team", "agri_team", BodyBasis.ENTRUSTED, "agri", 2, ["agriculture"], "区农牧局委托书"),
    ("culture_team", "culture_team", BodyBasis.AUTHORISED, None, 2, ["culture"], "《内蒙古自治区文化市场综合行政执法管理办法》"),
    ("labour", "labour", BodyBasis.ENTRUSTED, "hrss", 2, ["hrss"], "区人力资源和社会保障局委托书"),
]

# Region codes for resident ID numbers: mostly born in 呼和浩特, some elsewhere in Inner Mongolia.
ID_REGIONS = [
    ("150105", 22), ("150102", 14), ("150103", 10), ("150104", 9), ("150121", 8), ("150122", 5), ("150123", 5),
    ("150124", 3), ("150125", 4), ("150202", 4), ("150203", 3), ("152601", 4), ("152626", 2), ("150402", 3),
    ("152502", 2), ("152701", 3), ("152822", 2), ("152201", 2),
]

HAN_SURNAMES = [
    ("王", 80), ("李", 72), ("张", 70), ("刘", 62), ("赵", 34), ("杨", 32), ("高", 28), ("郭", 26), ("马", 24),
    ("陈", 22), ("武", 18), ("贾", 16), ("郝", 16), ("乔", 12), ("韩", 14), ("任", 14), ("孙", 16), ("周", 14),
    ("吴", 10), ("徐", 12), ("胡", 10), ("朱", 10), ("田", 12), ("冯", 10), ("董", 10), ("于", 10), ("曹", 8),
    ("梁", 8), ("宋", 8), ("许", 8), ("白", 14), ("云", 8), ("石", 8), ("薛", 6), ("闫", 10), ("范", 8),
    ("侯", 6), ("苏", 6), ("魏", 6), ("常", 6), ("温", 6), ("崔", 6), ("程", 6), ("霍", 5), ("段", 5),
    ("吕", 6), ("姚", 5), ("康", 5), ("邢", 4), ("牛", 5), ("訾", 2), ("秦", 5), ("尚", 4), ("史", 5),
    ("杜", 5), ("卢", 4), ("孟", 5), ("薄", 2), ("樊", 4), ("岳", 4), ("黄", 6), ("林", 4), ("罗", 4),
]
MONGOL_SURNAMES = [("包", 10), ("白", 6), ("云", 5), ("奇", 4), ("宝", 3), ("鲍", 3), ("敖", 3), ("韩", 2),
                   ("特", 1), ("巴", 1)]
HAN_MALE_SINGLE = list("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊旭宁龙林海峰亮斌彬猛")
HAN_MALE = [
    "建国", "建军", "志强", "晓东", "海军", "永平", "志刚", "建平", "文斌", "俊峰", "子豪", "宇航", "浩然", "志远",
    "国华", "立军", "晓峰", "建华", "云飞", "振华", "瑞峰", "海龙", "润生", "宏伟", "世杰", "鹏飞", "永强", "建伟",
    "志军", "晓军", "海涛", "俊杰", "文博", "天宇", "浩宇", "子轩", "明轩", "家豪", "志华", "卫东", "红军", "利民",
    "忠义", "玉龙", "金山", "银柱", "福全", "来喜", "二虎", "永胜", "俊明", "伟东", "少华", "建新", "国庆", "跃进",
    "志勇", "学军", "兴旺", "晓明", "晓波", "春雷", "宝山", "德胜", "瑞军", "鸿飞", "靖宇", "博文", "佳乐", "思远",
]
HAN_FEMALE_SINGLE = list("芳娜敏静丽艳娟霞燕玲颖琳倩婷雪慧红梅莉丹萍洁璐佳瑞欣悦晶")
HAN_FEMALE = [
    "桂英", "秀英", "丽娟", "海燕", "晓燕", "春梅", "玉兰", "慧敏", "雅琴", "婷婷", "晓丽", "秀梅", "美玲", "丽萍",
    "雪梅", "佳琪", "欣怡", "雨涵", "晓敏", "瑞芳", "艳霞", "丽霞", "宇彤", "梦瑶", "晓红", "丽华", "俊英", "凤英",
    "玉梅", "金花", "彩霞", "晓静", "文静", "丽娜", "海霞", "春燕", "秀兰", "建英", "艳红", "晓玲", "雅楠", "思雨",
    "佳怡", "子涵", "欣然", "一诺", "梓萱", "晓慧", "亚楠", "丽君", "淑芬", "慧娟", "美霞", "红梅", "瑞霞", "玉珍",
]
MONGOL_MALE = ["巴特尔", "乌力吉", "额尔敦", "阿拉坦", "朝鲁", "宝音", "巴雅尔", "呼和", "孟和", "那顺", "苏和",
               "吉日嘎拉", "额尔德尼", "毕力格", "特木尔", "布和", "巴图", "图门", "青格勒", "哈斯巴根", "道尔吉",
               "满都拉", "阿木古楞", "其日格", "斯琴毕力格", "巴音", "格日乐图", "达来", "乌恩", "旭日", "那日苏",
               "额尔敦巴特尔", "宝力道", "阿斯根", "朝格图", "敖特根", "吉雅图", "巴图孟和", "苏日勒图", "达布希拉图",
               "额日和木", "乌日图", "那木吉拉", "赛音", "胡日查", "孟克", "图布新", "扎拉根", "巴彦", "包力高",
               "乌力吉图", "宝音图", "白音仓", "查干", "吉仁台", "阿拉腾", "金宝", "双喜", "全胜", "布仁"]
MONGOL_FEMALE = ["其其格", "萨仁", "苏日娜", "斯琴", "乌云", "图雅", "娜仁", "乌日娜", "萨日娜", "乌兰", "塔娜",
                 "高娃", "敖登", "其木格", "托娅", "格日勒", "斯琴高娃", "阿茹娜", "乌日罕", "娜日苏", "哈斯",
                 "萨出拉", "额尔敦其木格", "乌兰托娅", "其勒木格", "阿拉腾其其格", "乌云毕力格", "萨仁高娃",
                 "斯日古楞", "乌仁", "额尔登", "娜布其", "苏布达", "吉日木图", "宝日玛", "卓娜", "呼日查", "敖敦",
                 "满达", "格根", "乌达巴拉", "萨如拉", "诺敏", "伊茹勒", "额日登", "桑布", "乌日汗", "高娃其其格",
                 "明月", "金花", "玉荣", "桂荣", "秀珍", "春花"]
MONGOL_SHARE = 0.13  # Mongols among Hohhot civil servants: a little above their share of the population

MOBILE_PREFIXES = ["139471", "139480", "138480", "150471", "152480", "186471", "155488", "133047", "189471",
                   "158470", "136484", "187471", "151477", "135047", "182480"]

CIVIL_POSTS = [("科员", 30), ("一级科员", 14), ("四级主任科员", 10), ("副科长", 8), ("科长", 5), ("执法队员", 25),
               ("副中队长", 5), ("中队长", 4), ("副局长", 2), ("三级主任科员", 6)]
INSTITUTION_POSTS = [("执法队员", 50), ("监督员", 18), ("副中队长", 6), ("中队长", 5), ("副大队长", 2),
                     ("专业技术人员", 12)]
AUXILIARY_POSTS = [("协管员", 50), ("辅助执法人员", 35), ("网格员", 15)]

LIAISON_POSTS_DEPARTMENT = ["法制股股长", "办公室主任", "办公室副主任", "法规科科长", "政策法规股负责人"]
LIAISON_POSTS_LOCAL = ["党政办主任", "党政办副主任"]

SUSPEND_REASONS = ["涉嫌违法违纪被立案调查,暂扣执法证件", "未按规定参加年度法律知识培训,暂扣待补训",
                   "注册审验未通过,限期整改"]
REVOKE_REASONS = ["违法实施行政执法,造成严重后果,经调查属实", "利用执法职权谋取私利,经纪检监察机关查实",
                  "将执法证件转借他人使用"]
LOST_REASONS = ["执法证件遗失,已在《呼和浩特日报》登报声明作废", "外勤执法途中遗失证件,本人申请作废"]
LEAVE_REASONS = ["退休", "调离本单位", "辞职", "转任非行政执法岗位", "交流到其他旗县区任职"]

EXAM_NAME = "2017年度行政执法人员培训考试"
EXAM_SESSIONS = [dt.date(2017, 7, 8), dt.date(2017, 9, 16), dt.date(2017, 11, 11)]

TRAININGS = [
    # course, organiser (None: the officer's own unit), month-day, hours, year offset from the cycle year
    ("行政执法证件换发集中培训", "赛罕区人民政府法制办公室", (6, 20), 16, "previous"),
    ("行政执法“三项制度”专题培训", "赛罕区司法局", (4, 17), 8, 2019),
    ("新修订《中华人民共和国行政处罚法》专题培训", "赛罕区司法局", (7, 14), 8, 2021),
    ("行政执法证件换发集中培训", "赛罕区司法局", (5, 23), 16, "cycle"),
    ("年度执法业务知识培训", None, (3, 28), 24, "last"),
]

SUPERVISOR_SECTORS = [("npc", 18), ("cppcc", 16), ("lawyer", 14), ("enterprise", 20), ("community", 25),
                      ("media", 6), ("other", 6)]
LAW_FIRMS = ["内蒙古正信律师事务所", "内蒙古敕勒川律师事务所", "内蒙古青城律师事务所", "内蒙古大学路律师事务所",
             "内蒙古金桥律师事务所"]
COMPANIES = ["呼和浩特市赛罕区恒通商贸有限公司", "内蒙古蒙原乳业有限公司", "呼和浩特市金河建材有限责任公司",
             "内蒙古草原兴发物流有限公司", "呼和浩特市昭乌达餐饮管理有限公司", "内蒙古绿野农牧科技有限公司"]
COMMUNITIES = ["大学东路街道东达社区居委会", "人民路街道桥华社区居委会", "中专路街道锡林社区居委会",
               "昭乌达路街道南门外社区居委会", "金河镇金河村村民委员会", "黄合少镇黄合少村村民委员会",
               "巴彦街道富丽社区居委会", "大学西路街道内大社区居委会"]
MEDIA = ["呼和浩特日报社", "赛罕区融媒体中心", "内蒙古广播电视台"]
OTHERS = ["内蒙古大学法学院", "内蒙古师范大学", "赛罕区退休干部"]

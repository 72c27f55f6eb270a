"""The deadline rule table of ../shared/domain/rules.md ("Deadline rule ids"), as data.

Each row: id, law, article, kind, length, what starts the clock (Chinese), what must happen by then (Chinese),
and the allowed extension. Kinds (rules.md): WD n — the n-th working day after the start day; CD n — start + n
days, moved to the next working day if that is a rest day; M n — same day n months later (month end if none),
moved like CD; BEFORE_WD n — the n-th working day before the event day; BEFORE_M n — n months before the event
day, moved back to the last working day on or before it (the latest day to act).
The database table DeadlineRule is seeded from these rows; a region may override lengths there."""

from __future__ import annotations

from dataclasses import dataclass

WD, CD, M, BEFORE_WD, BEFORE_M = "WD", "CD", "M", "BEFORE_WD", "BEFORE_M"
UNIT_LABELS = {WD: "工作日", CD: "日(自然日)", M: "个月", BEFORE_WD: "工作日(倒数)", BEFORE_M: "个月(倒数)"}

LAWS = {
    "XZCF": "《中华人民共和国行政处罚法》",
    "XZXK": "《中华人民共和国行政许可法》",
    "XZQZ": "《中华人民共和国行政强制法》",
    "XZFY": "《中华人民共和国行政复议法》",
    "XZSS": "《中华人民共和国行政诉讼法》",
    "XXGK": "《中华人民共和国政府信息公开条例》",
    "GB118": "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》(国办发〔2018〕118号)",
    "GB58": "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》(国办发〔2015〕58号)",
    "NORM": "行政规范性文件备案审查规定",
    "CERT": "行政执法证件管理办法(按地区配置)",
}


@dataclass(frozen=True)
class RuleRow:
    id: str
    law: str
    article: str
    kind: str
    length: int
    starts_from: str  # Chinese noun phrase: the event that starts the clock
    must: str  # Chinese: what must happen by then
    extension_length: int = 0  # one approved extension of this many units (same unit), 0 = none
    max_extensions: int | None = 1  # None: no fixed limit (each extension is its own approved record)
    note: str = ""


RULES: tuple[RuleRow, ...] = (
    RuleRow("XZCF-60", "XZCF", "第六十条", CD, 90, "立案", "作出行政处罚决定", extension_length=30,
            max_extensions=None, note="中止期间不计入;经批准延长,每次不超过30日(市场监管:负责人批准,再延长须集体讨论)"),
    RuleRow("XZCF-61", "XZCF", "第六十一条", WD, 7, "作出处罚决定(当事人不在场)", "送达处罚决定书"),
    RuleRow("XZCF-64-1", "XZCF", "第六十四条", WD, 5, "送达行政处罚事先告知书", "当事人提出听证要求"),
    RuleRow("XZCF-64-2", "XZCF", "第六十四条", BEFORE_WD, 7, "听证日", "送达听证通知"),
    RuleRow("XZCF-48", "XZCF", "第四十八条", WD, 3, "公开的处罚决定被变更、撤销或确认违法、无效", "撤回原决定信息并公开说明理由"),
    RuleRow("XZCF-67", "XZCF", "第六十七条", CD, 15, "收到行政处罚决定书", "缴纳罚款"),
    RuleRow("GB118-DECISION", "GB118", "三、(一)", WD, 7, "作出行政许可、行政处罚决定", "公示执法决定"),
    RuleRow("GB118-OTHER", "GB118", "三、(一)", WD, 20, "作出其他行政执法决定", "公开执法结果"),
    RuleRow("XZXK-32", "XZXK", "第三十二条", WD, 5, "收到许可申请", "一次告知需补正的全部内容"),
    RuleRow("XZXK-42", "XZXK", "第四十二条", WD, 20, "受理许可申请", "作出行政许可决定", extension_length=10),
    RuleRow("XZXK-44", "XZXK", "第四十四条", WD, 10, "作出准予许可决定", "颁发、送达许可证件"),
    RuleRow("XZQZ-25", "XZQZ", "第二十五条", CD, 30, "实施查封、扣押", "作出处理决定", extension_length=30),
    RuleRow("XZFY-20", "XZFY", "第二十条", CD, 60, "知道或者应当知道行政行为", "提出行政复议申请"),
    RuleRow("XZFY-30", "XZFY", "第三十条", WD, 5, "收到行政复议申请", "审查决定是否受理(逾期视为受理)"),
    RuleRow("XZFY-31-1", "XZFY", "第三十一条", WD, 5, "收到行政复议申请", "发出补正通知"),
    RuleRow("XZFY-31-2", "XZFY", "第三十一条", WD, 10, "收到补正通知", "申请人提交补正材料"),
    RuleRow("XZFY-48-1", "XZFY", "第四十八条", WD, 7, "受理行政复议申请", "将申请书副本发送被申请人"),
    RuleRow("XZFY-48-2", "XZFY", "第四十八条", WD, 10, "被申请人收到申请书副本", "提出书面答复并提交证据、依据"),
    RuleRow("XZFY-54-1", "XZFY", "第五十四条", WD, 3, "受理(简易程序)", "将申请书副本发送被申请人"),
    RuleRow("XZFY-54-2", "XZFY", "第五十四条", WD, 5, "被申请人收到申请书副本(简易程序)", "提出书面答复"),
    RuleRow("XZFY-62-1", "XZFY", "第六十二条", CD, 60, "受理行政复议申请", "作出行政复议决定", extension_length=30),
    RuleRow("XZFY-62-2", "XZFY", "第六十二条", CD, 30, "受理(简易程序)", "作出行政复议决定"),
    RuleRow("XZSS-46", "XZSS", "第四十六条", M, 6, "知道或者应当知道作出行政行为", "提起行政诉讼"),
    RuleRow("XZSS-67", "XZSS", "第六十七条", CD, 15, "被告收到起诉状副本", "提交答辩状、证据和所依据的规范性文件"),
    RuleRow("XZSS-85-1", "XZSS", "第八十五条", CD, 15, "判决书送达", "提起上诉"),
    RuleRow("XZSS-85-2", "XZSS", "第八十五条", CD, 10, "裁定书送达", "提起上诉"),
    RuleRow("XXGK-26", "XXGK", "第二十六条", WD, 20, "政府信息形成或者变更", "主动公开"),
    RuleRow("XXGK-33", "XXGK", "第三十三条", WD, 20, "收到政府信息公开申请", "答复申请人", extension_length=20),
    RuleRow("INSPECTION-PUBLISH", "GB58", "", WD, 20, "随机抽查任务结束", "公示抽查结果"),
    RuleRow("NORM-FILE", "NORM", "", CD, 30, "规范性文件公布", "报送备案"),
    RuleRow("NORM-REVIEW", "NORM", "", CD, 30, "备案登记", "完成备案审查"),
    RuleRow("CERT-RENEW", "CERT", "", BEFORE_M, 3, "执法证件有效期届满", "申请换证", note="周期按地区配置(NMG96)"),
)

RULES_BY_ID = {row.id: row for row in RULES}

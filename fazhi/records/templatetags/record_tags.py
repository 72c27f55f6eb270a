"""Reading an entry's payload on screen: Chinese labels for the keys the services write, values as text.

The payload itself is what was hashed and stays as recorded (docs/records.md); only its display is translated."""

from __future__ import annotations

import json

from django import template

register = template.Library()

LABELS = {
    "from": "原状态", "to": "新状态", "reason": "理由", "note": "说明", "title": "名称/案由", "number": "编号",
    "filed_on": "立案日期", "decision_due": "决定期限", "power_item": "权力事项", "legal_bases": "法律依据",
    "officers": "执法人员", "officer": "执法人员", "certificate": "执法证件", "certificates_shown": "出示的执法证件",
    "lead_source": "案源", "received_on": "登记日期", "party_name": "当事人", "category": "执法类别",
    "notice": "告知书文号", "issued_on": "告知日期", "penalty_kinds": "处罚种类", "fine_amount": "罚款(元)",
    "confiscation_amount": "没收金额(元)", "hearing_right": "告知听证权利", "served_on": "送达日期",
    "method": "送达方式", "recipient": "受送达人", "statement_and_hearing_due": "陈述申辩/听证申请期限",
    "trace": "期限计算", "on": "日期", "waived": "放弃陈述申辩", "statement_sha256": "陈述申辩内容摘要",
    "requested_on": "申请/提请日期", "due": "期限", "hearing_notice": "听证通知书文号",
    "notice_served_on": "通知送达日期", "hearing_on": "听证日期", "presiding_officer": "听证主持人",
    "latest_notice_day": "最迟通知日", "held_on": "举行/讨论日期", "conclusion_sha256": "听证意见摘要",
    "major": "重大执法决定", "major_reasons": "法制审核理由", "catalogue": "落入的目录事项",
    "needs_collective_discussion": "须集体讨论", "draft": "草稿", "version": "版本", "draft_version": "草稿版本",
    "content_sha256": "内容摘要", "draft_sha256": "草稿摘要", "outcome": "处理结果", "decision": "决定书文号",
    "decided_on": "决定日期", "review": "法制审核", "overdue": "逾期", "service_due": "送达期限", "late": "逾期",
    "payment_due": "缴款期限", "paid_on": "缴款日期", "fine": "罚款(元)", "surcharge": "加处罚款(元)",
    "late_days": "逾期天数", "receipt_number": "缴款凭证号", "closed_on": "结案日期", "days": "天数",
    "approved_on": "批准日期", "new_due": "新的期限", "collective_discussion": "集体讨论", "pause": "中止",
    "started_on": "起始日期", "ended_on": "结束日期", "recusal": "回避", "source": "申请方", "decision_reason": "决定理由",
    "onsite_record": "现场笔录", "occurred_at": "时间", "place": "地点", "participants": "参加人员",
    "minute_sha256": "讨论记录摘要", "evidence_id": "证据", "kind": "种类", "collected_on": "取证日期",
    "location": "取证地点", "collected_by": "取证人", "original_name": "原文件名", "content_type": "文件类型",
    "size": "大小(字节)", "sha256": "SHA-256", "upload_id": "上传", "checklist": "审核要点", "opinion": "审核意见",
    "reasons": "未通过的要点", "decision_number": "决定书文号", "publish_due": "公示期限", "published_on": "公示日期",
    "rule": "规则", "change_on": "变更/撤销日期", "withdraw_due": "撤回期限", "withdrawn_on": "撤回日期",
    "measure_id": "强制措施", "carried_out_on": "实施日期", "emergency": "紧急情况", "approved_by": "批准人",
    "items": "清单", "disposal": "处理结果", "disposed_on": "处理日期", "testing_started_on": "检测开始",
    "testing_ended_on": "检测结束", "basis": "依据", "due_on": "期限", "documents": "文书", "filename": "文件名",
    "prefix": "代字", "min_fine": "罚款达到(元)", "min_confiscation": "没收达到(元)", "party_type": "当事人类型",
}


def _text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "、".join(str(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@register.simple_tag
def payload_rows(entry) -> list[tuple[str, str, str]]:
    """[(label, key, value as text)] of the entry's payload, in the recorded key order."""
    return [(LABELS.get(key, key), key, _text(value)) for key, value in (entry.payload or {}).items()]

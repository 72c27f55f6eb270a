"""One builder per document kind: read the case's rows, refuse when the data does not exist yet, write the page.

Every number printed is the one stored on its row (Case.number, PenaltyNotice.number, Hearing.number,
Decision.number, ServiceRecord.document_number): a document never numbers itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist

from fazhi.core.deadlines import zh_date
from fazhi.core.errors import DomainError
from fazhi.enforcement.documents.layout import GovDocument, money
from fazhi.enforcement.enums import (
    DocumentKind,
    LeadSource,
    NoPenaltyReason,
    OfficerRole,
    Outcome,
    PartyType,
    PenaltyKind,
    Procedure,
    ServiceMethod,
    zh,
)
from fazhi.enforcement.models import Case

LAW = "《中华人民共和国行政处罚法》"
REMEDY_TEXT = ("如不服本决定,可以在收到本决定书之日起六十日内向{authority}申请行政复议,也可以在六个月内依法向"
               "人民法院提起行政诉讼。行政复议或者行政诉讼期间,本决定不停止执行,法律另有规定的除外。")


@dataclass(frozen=True)
class Rendered:
    kind: str
    title: str
    number: str
    filename: str
    data: bytes


def not_ready(message: str) -> DomainError:
    return DomainError("document_not_ready", message)


def _related(case: Case, name: str):
    try:
        return getattr(case, name)
    except ObjectDoesNotExist:
        return None


def _you(case: Case) -> str:
    return "你" if case.party_type == PartyType.PERSON else "你单位"


def _party_rows(case: Case) -> list[tuple[str, str]]:
    rows = [("当事人", case.party_name), ("当事人类型", zh(PartyType(case.party_type).label))]
    id_label = "身份证件号码" if case.party_type == PartyType.PERSON else "统一社会信用代码"
    rows.append((id_label, case.party_id_number or "—"))
    if case.party_type != PartyType.PERSON:
        rows.append(("法定代表人(负责人)", case.party_legal_representative or "—"))
    rows += [("住所(地址)", case.party_address or "—"), ("联系电话", case.party_phone or "—")]
    return rows


def _party_paragraphs(doc: GovDocument, case: Case) -> None:
    for label, value in _party_rows(case):
        if label in ("当事人类型", "联系电话"):
            continue
        doc.para(value, indent=False, bold_lead=f"{label}:")


def penalty_text(kinds: list[str], fine: Decimal, confiscation: Decimal) -> list[str]:
    """The penalties as the documents state them, one line each, amounts in figures and capitals."""
    lines = []
    confiscation_kind = next((k for k in (PenaltyKind.CONFISCATE_GAINS, PenaltyKind.CONFISCATE_PROPERTY)
                              if k in kinds), None)
    for kind in kinds:
        label = zh(PenaltyKind(kind).label) if kind in PenaltyKind.values else kind
        if kind == PenaltyKind.FINE:
            lines.append(f"罚款{money(fine)}")
        elif kind == confiscation_kind and confiscation:
            lines.append(f"{label}{money(confiscation)}")
        else:
            lines.append(label)
    return [f"{i}. {line};" if i < len(lines) else f"{i}. {line}。" for i, line in enumerate(lines, 1)]


def _bases(case: Case) -> str:
    return "、".join(f"《{a.law.title}》{a.label}" for a in case.legal_bases.select_related("law")
                    .order_by("law__title", "number", "sub_number")) or "—"


def _filename(case: Case, title: str, number: str) -> str:
    stem = (number or case.number or str(case.public_id)).replace("/", "-")
    return f"{title}-{stem}.docx"


def _done(case: Case, kind: str, doc: GovDocument, number: str) -> Rendered:
    return Rendered(kind=str(kind), title=doc.title, number=number, filename=_filename(case, doc.title, number),
                    data=doc.to_bytes(subject=f"{case.number} {case.title}"))


# --- 立案审批表 ----------------------------------------------------------------------------------------------------
def filing_approval(case: Case) -> Rendered:
    if case.procedure == Procedure.SUMMARY:
        raise not_ready("简易程序案件当场作出决定,不制作立案审批表")
    if not case.filed_on or not case.number:
        raise not_ready("案件尚未立案,不能生成立案审批表")
    doc = GovDocument(title=zh(DocumentKind.FILING_APPROVAL.label), issuer=case.body.name, on=case.filed_on)
    doc.heading(case.number)
    officers = (case.case_officers.filter(assigned_on__lte=case.filed_on)
                .select_related("officer", "certificate").order_by("-role", "id"))
    officer_lines = "\n".join(f"{co.officer.name}({zh(OfficerRole(co.role).label)}) 执法证号:{co.certificate.number}"
                              for co in officers) or "—"
    item = case.power_item
    lead = f"{zh(LeadSource(case.lead_source).label)}({zh_date(case.lead_received_on)}登记)"
    if case.inspection_task_ref:
        lead += f",关联抽查任务 {case.inspection_task_ref}"
    violation = zh_date(case.violation_on) if case.violation_on else "—"
    if case.violation_continuing_until:
        violation += f"(连续或继续状态至{zh_date(case.violation_continuing_until)})"
    rows = [("案号", case.number), ("案由", case.title), *_party_rows(case),
            ("案件来源", lead), ("线索内容", case.lead_summary),
            ("违法行为发生日期", violation),
            ("发现日期", zh_date(case.discovered_on) if case.discovered_on else "—"),
            ("违法事实", case.facts or "—"),
            ("权力事项", f"{item.name}({item.code})" if item else "—"),
            ("法律依据", _bases(case)),
            ("执法类别", case.category.name),
            ("办案人员及执法证号", officer_lines),
            ("承办意见", "经初步核查,有违法事实,需要给予行政处罚,符合立案条件,建议立案调查。"),
            ("立案登记人", case.filed_by.display_name if case.filed_by else "—"),
            ("立案日期", zh_date(case.filed_on)),
            ("负责人审批意见", "\n\n签名:                    年    月    日")]
    doc.table(rows)
    return _done(case, DocumentKind.FILING_APPROVAL, doc, case.number)


# --- 行政处罚事先告知书 (XZCF-44, -45, -63, -64) ---------------------------------------------------------------------
def penalty_notice(case: Case) -> Rendered:
    notice = _related(case, "notice")
    if notice is None:
        raise not_ready("尚未作出行政处罚事先告知,不能生成告知书")
    you = _you(case)
    doc = GovDocument(title=zh(DocumentKind.PENALTY_NOTICE.label), issuer=case.body.name, on=notice.issued_on)
    doc.heading(notice.number)
    doc.addressee(case.party_name)
    doc.para(f"本机关于{zh_date(case.filed_on) if case.filed_on else ''}对{you}涉嫌{case.title}一案立案调查"
             f"(案号:{case.number})。经查明:")
    doc.paras(notice.facts)
    doc.para("以上事实,有本机关调查取得的证据证实。")
    doc.para("本机关认为:", indent=True)
    doc.paras(notice.reasons_and_basis)
    doc.para(f"依据{LAW}第四十四条的规定,本机关拟对{you}作出如下行政处罚:")
    for line in penalty_text(notice.penalty_kinds, notice.fine_amount, notice.confiscation_amount):
        doc.para(line)
    doc.para(f"依据{LAW}第四十四条、第四十五条的规定,{you}享有陈述、申辩的权利,可以在本机关作出行政处罚决定前"
             f"以书面或者口头形式提出陈述、申辩意见。本机关不因{you}陈述、申辩而给予更重的处罚。")
    if notice.hearing_right:
        due = (f",即{zh_date(notice.hearing_request_due)}前" if notice.hearing_request_due else "")
        doc.para(f"依据{LAW}第六十三条、第六十四条的规定,{you}有权要求举行听证。要求听证的,应当在收到本告知书之日起"
                 f"五个工作日内{due}向本机关提出;逾期未提出的,视为放弃听证权利。")
    doc.signature()
    return _done(case, DocumentKind.PENALTY_NOTICE, doc, notice.number)


# --- 听证通知书 (XZCF-64) -------------------------------------------------------------------------------------------
def hearing_notice(case: Case) -> Rendered:
    hearing = _related(case, "hearing")
    if hearing is None:
        raise not_ready("尚未安排听证,不能生成听证通知书")
    you = _you(case)
    # The document is dated the day it reached the party: the row keeps that day, not a separate signing day.
    doc = GovDocument(title=zh(DocumentKind.HEARING_NOTICE.label), issuer=case.body.name, on=hearing.notice_served_on)
    doc.heading(hearing.number)
    doc.addressee(case.party_name)
    notice = _related(case, "notice")
    requested = (f"于{zh_date(notice.hearing_requested_on)}" if notice and notice.hearing_requested_on else "")
    doc.para(f"根据{you}{requested}提出的听证申请,本机关决定就{you}涉嫌{case.title}一案(案号:{case.number})"
             f"举行听证。现将有关事项通知如下:")
    doc.para(zh_date(hearing.hearing_on), bold_lead="一、听证时间:")
    doc.para(hearing.place, bold_lead="二、听证地点:")
    doc.para(hearing.presiding_officer.name, bold_lead="三、听证主持人:")
    doc.para(f"{you}可以亲自参加听证,也可以委托一至二人代理;委托代理的,应当提交授权委托书。", bold_lead="四、")
    doc.para(f"{you}认为听证主持人与本案有直接利害关系的,有权申请回避。", bold_lead="五、")
    doc.para(f"{you}无正当理由拒不出席听证或者未经许可中途退出听证的,视为放弃听证权利,本机关终止听证。"
             f"(依据{LAW}第六十四条)", bold_lead="六、")
    doc.signature()
    return _done(case, DocumentKind.HEARING_NOTICE, doc, hearing.number)


# --- 行政处罚决定书 (XZCF-59, -67, -72) ------------------------------------------------------------------------------
def _decision_title(case: Case, outcome: str) -> str:
    if case.procedure == Procedure.SUMMARY:
        return "当场行政处罚决定书"
    if outcome == Outcome.PENALTY:
        return zh(DocumentKind.PENALTY_DECISION.label)
    return "不予行政处罚决定书"


def penalty_decision(case: Case) -> Rendered:
    decision = _related(case, "decision")
    if decision is None:
        raise not_ready("案件尚未作出处理决定,不能生成决定书")
    if decision.outcome == Outcome.TRANSFER_JUDICIARY:
        raise not_ready("移送司法机关的案件不制作行政处罚决定书")
    you = _you(case)
    doc = GovDocument(title=_decision_title(case, decision.outcome), issuer=case.body.name, on=decision.decided_on)
    doc.heading(decision.number)
    _party_paragraphs(doc, case)
    if case.procedure == Procedure.GENERAL:
        doc.para(f"本机关于{zh_date(case.filed_on) if case.filed_on else ''}对{you}涉嫌{case.title}一案立案调查"
                 f"(案号:{case.number}),现已调查终结。")
    doc.para("", indent=False, bold_lead="一、违法事实和证据")
    doc.paras(decision.facts_and_evidence)
    notice = _related(case, "notice")
    if notice is not None and notice.served_on:
        heard = "并依法组织了听证" if _related(case, "hearing") is not None else ""
        said = ("提出了陈述、申辩意见" if notice.statement else
                "放弃陈述、申辩" if notice.waived else "在规定期限内未提出陈述、申辩意见")
        doc.para(f"本机关于{zh_date(notice.served_on)}向{you}送达了《行政处罚事先告知书》({notice.number}),"
                 f"告知了拟作出行政处罚的内容及事实、理由、依据和{you}依法享有的权利。{you}{said}{heard}。")
    if decision.outcome == Outcome.PENALTY:
        doc.para("", indent=False, bold_lead="二、行政处罚的内容和依据")
        doc.paras(decision.penalty_and_basis)
        doc.para(f"本机关决定对{you}作出如下行政处罚:")
        for line in penalty_text(decision.penalty_kinds, decision.fine_amount, decision.confiscation_amount):
            doc.para(line)
        doc.para("", indent=False, bold_lead="三、履行方式和期限")
        doc.paras(decision.compliance)
        if decision.fine_amount:
            due = (f"于{zh_date(decision.payment_due)}前" if decision.payment_due
                   else "自收到本决定书之日起十五日内")
            doc.para(f"请{you}{due}缴纳罚款(依据{LAW}第六十七条)。到期不缴纳罚款的,本机关将每日按罚款数额的百分之三"
                     f"加处罚款,加处罚款的数额不超出罚款的数额(依据{LAW}第七十二条)。")
    else:
        reason = (zh(NoPenaltyReason(decision.no_penalty_reason).label)
                  if decision.no_penalty_reason in NoPenaltyReason.values else "")
        doc.para("", indent=False, bold_lead="二、处理决定及依据")
        doc.paras(decision.penalty_and_basis)
        doc.para(f"本机关决定对{you}{zh(Outcome(decision.outcome).label)}" + (f"。理由:{reason}。" if reason else "。"))
    doc.para("", indent=False, bold_lead="四、救济途径和期限" if decision.outcome == Outcome.PENALTY
             else "三、救济途径和期限")
    remedies = (decision.remedies or "").strip()
    if remedies:
        doc.paras(remedies)
    if "六十日" not in remedies or "六个月" not in remedies:
        doc.para(REMEDY_TEXT.format(authority=f"{case.organisation.jurisdiction.name}人民政府"))
    doc.signature()
    return _done(case, DocumentKind.PENALTY_DECISION, doc, decision.number)


# --- 送达回证 --------------------------------------------------------------------------------------------------------
def service_receipt(case: Case) -> Rendered:
    services = list(case.services.select_related("created_by").order_by("served_on", "id"))
    if not services:
        raise not_ready("案件尚无送达记录,不能生成送达回证")
    last: dt.date = max(s.served_on for s in services)
    doc = GovDocument(title=zh(DocumentKind.SERVICE_RECEIPT.label), issuer=case.body.name, on=last)
    for index, service in enumerate(services):
        if index:
            doc.page_break()
        doc.heading(case.number)
        rows = [("案号", case.number or "—"), ("案由", case.title),
                ("送达文书名称", zh(DocumentKind(service.document).label)),
                ("文书文号", service.document_number or "—"),
                ("受送达人", service.recipient),
                ("送达方式", zh(ServiceMethod(service.method).label)),
                ("送达日期", zh_date(service.served_on)),
                ("送达人", service.created_by.display_name if service.created_by else "—")]
        if service.electronic_consent:
            rows.append(("电子送达确认", "当事人已签署电子送达地址确认书"))
        if service.note:
            rows.append(("备注", service.note))
        rows += [("受送达人签名或盖章", "\n\n                                年    月    日"),
                 ("送达人签名", "\n\n                                年    月    日"),
                 ("见证人签名(留置送达时)", "\n\n                                年    月    日")]
        doc.table(rows)
    return _done(case, DocumentKind.SERVICE_RECEIPT, doc, case.number)


BUILDERS = {
    DocumentKind.FILING_APPROVAL: filing_approval,
    DocumentKind.PENALTY_NOTICE: penalty_notice,
    DocumentKind.HEARING_NOTICE: hearing_notice,
    DocumentKind.PENALTY_DECISION: penalty_decision,
    DocumentKind.SERVICE_RECEIPT: service_receipt,
}

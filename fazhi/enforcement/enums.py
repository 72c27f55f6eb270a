"""The enforcement vocabulary (glossary.md): procedures, states, outcomes and the reasons the statutes name."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def zh(label) -> str:
    """The Chinese (source) text of a label whatever language is active. Use it for anything stored or published
    (ledger payloads, public fields, document text): str() of a lazy label would give the active UI language."""
    with translation.override(None):
        return str(label)


class Procedure(models.TextChoices):
    GENERAL = "general", _("普通程序")
    SUMMARY = "summary", _("简易程序")


class LeadSource(models.TextChoices):
    COMPLAINT = "complaint", _("投诉举报")
    INSPECTION = "inspection", _("监督检查")
    RANDOM_INSPECTION = "random_inspection", _("双随机抽查")
    REFERRAL = "referral", _("上级交办")
    TRANSFER = "transfer", _("其他机关移送")
    DISCOVERY = "discovery", _("自行发现")


class CaseStatus(models.TextChoices):
    LEAD = "lead", _("案源登记")
    NOT_FILED = "not_filed", _("不予立案")
    INVESTIGATING = "investigating", _("调查取证")
    NOTIFIED = "notified", _("已告知")
    DECIDED = "decided", _("已决定")
    SERVED = "served", _("已送达")
    EXECUTED = "executed", _("已执行")
    CLOSED = "closed", _("已结案")


OPEN_STATUSES = (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED)  # the XZCF-60 clock runs until the decision


class Outcome(models.TextChoices):
    """XZCF-57: what the head decides after the investigation."""

    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY = "no_penalty", _("不予行政处罚")
    NOT_ESTABLISHED = "not_established", _("违法事实不能成立")
    TRANSFER_JUDICIARY = "transfer_judiciary", _("移送司法机关")


class NoPenaltyReason(models.TextChoices):
    """XZCF-33: the reasons a penalty is not imposed."""

    MINOR_CORRECTED = "minor_corrected", _("违法行为轻微并及时改正,没有造成危害后果(应当不予处罚)")
    FIRST_OFFENCE = "first_offence", _("初次违法且危害后果轻微并及时改正(可以不予处罚)")
    NO_FAULT = "no_fault", _("当事人有证据足以证明没有主观过错")


class PenaltyKind(models.TextChoices):
    """XZCF-9: the kinds of administrative penalty (detention is the police's and not offered)."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_ACTIVITY = "restrict_activity", _("限制开展生产经营活动")
    STOP_PRODUCTION = "stop_production", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_EMPLOYMENT = "restrict_employment", _("限制从业")


# XZCF-63: penalty kinds that carry the right to a hearing whatever the amount.
HEARING_KINDS = frozenset({
    PenaltyKind.DOWNGRADE, PenaltyKind.REVOKE_LICENCE, PenaltyKind.STOP_PRODUCTION, PenaltyKind.CLOSE,
    PenaltyKind.RESTRICT_ACTIVITY, PenaltyKind.RESTRICT_EMPLOYMENT,
})
# XZCF-51: the only penalties the summary procedure may impose.
SUMMARY_KINDS = frozenset({PenaltyKind.WARNING, PenaltyKind.FINE})


class PartyType(models.TextChoices):
    PERSON = "person", _("自然人")
    LEGAL_PERSON = "legal_person", _("法人")
    OTHER_ORGANISATION = "other_organisation", _("其他组织")


class OfficerRole(models.TextChoices):
    LEAD = "lead", _("主办")
    ASSIST = "assist", _("协办")


class RecusalSource(models.TextChoices):
    OFFICER = "officer", _("执法人员自行申请")
    PARTY = "party", _("当事人申请")


class RecusalDecision(models.TextChoices):
    PENDING = "pending", _("待决定")
    GRANTED = "granted", _("准予回避")
    REFUSED = "refused", _("不予回避")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("照片")
    VIDEO = "video", _("视频(执法记录仪)")
    AUDIO = "audio", _("录音")
    DOCUMENT = "document", _("书证/文件")
    OTHER = "other", _("其他")


class UploadStatus(models.TextChoices):
    RECEIVING = "receiving", _("上传中")
    COMPLETE = "complete", _("已完成")
    REJECTED = "rejected", _("已拒收")


class MajorReason(models.TextChoices):
    """XZCF-58: why a case needs legal review before the head decides."""

    PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
    HEARING = "hearing", _("经过听证程序")
    COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
    LAW_REQUIRES = "law_requires", _("法律、法规规定应当进行法制审核")
    CATALOGUE = "catalogue", _("列入本机关重大执法决定事项目录")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回修改")
    INVALIDATED = "invalidated", _("已失效(草稿已修改)")


class ReviewPoint(models.TextChoices):
    """GB118 / rules.md §6: what a legal review covers."""

    COMPETENCE = "competence", _("执法主体是否合法、是否超越职权")
    QUALIFICATION = "qualification", _("执法人员是否具备执法资格")
    FACTS = "facts", _("案件事实是否清楚、证据是否确凿充分")
    PROCEDURE = "procedure", _("执法程序是否合法")
    BASIS = "basis", _("适用法律依据是否准确")
    DISCRETION = "discretion", _("自由裁量是否适当")
    DOCUMENTS = "documents", _("执法文书是否规范齐备")
    CRIME = "crime", _("是否涉嫌犯罪需移送司法机关")


class PauseReason(models.TextChoices):
    """XZCF-60: periods not counted in the 90 days."""

    SUSPENSION = "suspension", _("案件中止")
    HEARING = "hearing", _("听证")
    PUBLIC_NOTICE = "public_notice", _("公告")
    TESTING = "testing", _("检测、检验、检疫、鉴定")


class DocumentKind(models.TextChoices):
    FILING_APPROVAL = "filing_approval", _("立案审批表")
    PENALTY_NOTICE = "penalty_notice", _("行政处罚事先告知书")
    HEARING_NOTICE = "hearing_notice", _("听证通知书")
    PENALTY_DECISION = "penalty_decision", _("行政处罚决定书")
    SERVICE_RECEIPT = "service_receipt", _("送达回证")


class ServiceMethod(models.TextChoices):
    """XZCF-61 and the Civil Procedure Law's service methods."""

    ON_SPOT = "on_spot", _("当场交付")
    DIRECT = "direct", _("直接送达")
    MAIL = "mail", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达(须当事人同意并签订确认书)")
    LEFT = "left", _("留置送达")
    ENTRUSTED = "entrusted", _("委托送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")


class CoerciveKind(models.TextChoices):
    SEAL = "seal", _("查封场所、设施或者财物")
    SEIZE = "seize", _("扣押财物")
    FREEZE = "freeze", _("冻结存款、汇款")


class CoerciveStatus(models.TextChoices):
    IN_FORCE = "in_force", _("实施中")
    EXTENDED = "extended", _("已延长")
    DISPOSED = "disposed", _("已处理")


class Disposal(models.TextChoices):
    """XZQZ-27/28: what follows a seizure."""

    RELEASE = "release", _("解除查封扣押(冻结)")
    CONFISCATE = "confiscate", _("依法没收")
    DESTROY = "destroy", _("依法销毁")
    TRANSFER = "transfer", _("移送有关机关")


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("已公示")
    WITHDRAWN = "withdrawn", _("已撤回")

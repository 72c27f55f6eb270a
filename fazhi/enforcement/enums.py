"""The enforcement vocabulary (glossary.md): procedures, states, outcomes and the reasons the statutes name."""

from django.db import models


class Procedure(models.TextChoices):
    GENERAL = "general", "普通程序"
    SUMMARY = "summary", "简易程序"


class LeadSource(models.TextChoices):
    COMPLAINT = "complaint", "投诉举报"
    INSPECTION = "inspection", "监督检查"
    RANDOM_INSPECTION = "random_inspection", "双随机抽查"
    REFERRAL = "referral", "上级交办"
    TRANSFER = "transfer", "其他机关移送"
    DISCOVERY = "discovery", "自行发现"


class CaseStatus(models.TextChoices):
    LEAD = "lead", "案源登记"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATING = "investigating", "调查取证"
    NOTIFIED = "notified", "已告知"
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    EXECUTED = "executed", "已执行"
    CLOSED = "closed", "已结案"


OPEN_STATUSES = (CaseStatus.INVESTIGATING, CaseStatus.NOTIFIED)  # the XZCF-60 clock runs until the decision


class Outcome(models.TextChoices):
    """XZCF-57: what the head decides after the investigation."""

    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立"
    TRANSFER_JUDICIARY = "transfer_judiciary", "移送司法机关"


class NoPenaltyReason(models.TextChoices):
    """XZCF-33: the reasons a penalty is not imposed."""

    MINOR_CORRECTED = "minor_corrected", "违法行为轻微并及时改正,没有造成危害后果(应当不予处罚)"
    FIRST_OFFENCE = "first_offence", "初次违法且危害后果轻微并及时改正(可以不予处罚)"
    NO_FAULT = "no_fault", "当事人有证据足以证明没有主观过错"


class PenaltyKind(models.TextChoices):
    """XZCF-9: the kinds of administrative penalty (detention is the police's and not offered)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    DOWNGRADE = "downgrade", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT_ACTIVITY = "restrict_activity", "限制开展生产经营活动"
    STOP_PRODUCTION = "stop_production", "责令停产停业"
    CLOSE = "close", "责令关闭"
    RESTRICT_EMPLOYMENT = "restrict_employment", "限制从业"


# XZCF-63: penalty kinds that carry the right to a hearing whatever the amount.
HEARING_KINDS = frozenset({
    PenaltyKind.DOWNGRADE, PenaltyKind.REVOKE_LICENCE, PenaltyKind.STOP_PRODUCTION, PenaltyKind.CLOSE,
    PenaltyKind.RESTRICT_ACTIVITY, PenaltyKind.RESTRICT_EMPLOYMENT,
})
# XZCF-51: the only penalties the summary procedure may impose.
SUMMARY_KINDS = frozenset({PenaltyKind.WARNING, PenaltyKind.FINE})


class PartyType(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL_PERSON = "legal_person", "法人"
    OTHER_ORGANISATION = "other_organisation", "其他组织"


class OfficerRole(models.TextChoices):
    LEAD = "lead", "主办"
    ASSIST = "assist", "协办"


class RecusalSource(models.TextChoices):
    OFFICER = "officer", "执法人员自行申请"
    PARTY = "party", "当事人申请"


class RecusalDecision(models.TextChoices):
    PENDING = "pending", "待决定"
    GRANTED = "granted", "准予回避"
    REFUSED = "refused", "不予回避"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "照片"
    VIDEO = "video", "视频(执法记录仪)"
    AUDIO = "audio", "录音"
    DOCUMENT = "document", "书证/文件"
    OTHER = "other", "其他"


class UploadStatus(models.TextChoices):
    RECEIVING = "receiving", "上传中"
    COMPLETE = "complete", "已完成"
    REJECTED = "rejected", "已拒收"


class MajorReason(models.TextChoices):
    """XZCF-58: why a case needs legal review before the head decides."""

    PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
    HEARING = "hearing", "经过听证程序"
    COMPLEX = "complex", "案件情况疑难复杂、涉及多个法律关系"
    LAW_REQUIRES = "law_requires", "法律、法规规定应当进行法制审核"
    CATALOGUE = "catalogue", "列入本机关重大执法决定事项目录"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "退回修改"
    INVALIDATED = "invalidated", "已失效(草稿已修改)"


class ReviewPoint(models.TextChoices):
    """GB118 / rules.md §6: what a legal review covers."""

    COMPETENCE = "competence", "执法主体是否合法、是否超越职权"
    QUALIFICATION = "qualification", "执法人员是否具备执法资格"
    FACTS = "facts", "案件事实是否清楚、证据是否确凿充分"
    PROCEDURE = "procedure", "执法程序是否合法"
    BASIS = "basis", "适用法律依据是否准确"
    DISCRETION = "discretion", "自由裁量是否适当"
    DOCUMENTS = "documents", "执法文书是否规范齐备"
    CRIME = "crime", "是否涉嫌犯罪需移送司法机关"


class PauseReason(models.TextChoices):
    """XZCF-60: periods not counted in the 90 days."""

    SUSPENSION = "suspension", "案件中止"
    HEARING = "hearing", "听证"
    PUBLIC_NOTICE = "public_notice", "公告"
    TESTING = "testing", "检测、检验、检疫、鉴定"


class DocumentKind(models.TextChoices):
    FILING_APPROVAL = "filing_approval", "立案审批表"
    PENALTY_NOTICE = "penalty_notice", "行政处罚事先告知书"
    HEARING_NOTICE = "hearing_notice", "听证通知书"
    PENALTY_DECISION = "penalty_decision", "行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"


class ServiceMethod(models.TextChoices):
    """XZCF-61 and the Civil Procedure Law's service methods."""

    ON_SPOT = "on_spot", "当场交付"
    DIRECT = "direct", "直接送达"
    MAIL = "mail", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达(须当事人同意并签订确认书)"
    LEFT = "left", "留置送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class CoerciveKind(models.TextChoices):
    SEAL = "seal", "查封场所、设施或者财物"
    SEIZE = "seize", "扣押财物"
    FREEZE = "freeze", "冻结存款、汇款"


class CoerciveStatus(models.TextChoices):
    IN_FORCE = "in_force", "实施中"
    EXTENDED = "extended", "已延长"
    DISPOSED = "disposed", "已处理"


class Disposal(models.TextChoices):
    """XZQZ-27/28: what follows a seizure."""

    RELEASE = "release", "解除查封扣押(冻结)"
    CONFISCATE = "confiscate", "依法没收"
    DESTROY = "destroy", "依法销毁"
    TRANSFER = "transfer", "移送有关机关"


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回"

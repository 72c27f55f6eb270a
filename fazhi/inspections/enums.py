"""Vocabularies of random inspection (rules.md §7, glossary). Labels are lazy for the English UI; anything stored,
published or recorded takes the Chinese text through `fazhi.enforcement.enums.zh`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjectKind(models.TextChoices):
    """One pool serves every department: market entities and the other kinds of object the law lets them inspect."""

    MARKET_ENTITY = "market_entity", _("市场主体")
    PUBLIC_INSTITUTION = "public_institution", _("事业单位")
    SOCIAL_ORGANISATION = "social_organisation", _("社会组织")
    LAW_FIRM = "law_firm", _("律师事务所")
    OTHER = "other", _("其他")


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", _("存续(在营)")
    REVOKED = "revoked", _("吊销")
    CANCELLED = "cancelled", _("注销")
    MOVED_OUT = "moved_out", _("迁出")


class RiskGrade(models.TextChoices):
    """Credit risk classification of market entities (信用风险分类): A low … D high."""

    A = "A", _("A类(信用风险低)")
    B = "B", _("B类(信用风险一般)")
    C = "C", _("C类(信用风险较高)")
    D = "D", _("D类(信用风险高)")


HIGH_RISK_GRADES = frozenset({RiskGrade.D})


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    ACKNOWLEDGED = "acknowledged", _("已备案")
    RETURNED = "returned", _("已退回")


class TaskKind(models.TextChoices):
    SINGLE = "single", _("部门抽查")
    JOINT = "joint", _("跨部门联合抽查")


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("待抽取")
    DRAWN = "drawn", _("检查中")
    ENDED = "ended", _("检查结束,待公示")
    PUBLISHED = "published", _("结果已公示")


class DrawKind(models.TextChoices):
    INITIAL = "initial", _("随机抽取")
    REDRAW = "redraw", _("重新抽取")
    ADDITION = "addition", _("人工增补")


class ExclusionReason(models.TextChoices):
    RECENTLY_INSPECTED = "recently_inspected", _("近期已被本部门检查")
    CONFLICT = "conflict", _("存在利害关系,回避")
    CERTIFICATE_INVALID = "certificate_invalid", _("执法证件在检查期间无效或不含本执法类别")


class DrawnStatus(models.TextChoices):
    PENDING = "pending", _("待检查")
    INSPECTED = "inspected", _("已检查")
    SUPERSEDED = "superseded", _("已被重新抽取替代")


class ResultOutcome(models.TextChoices):
    """Result of one item on one object (抽查结果类型)."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题,已责令改正")
    FOLLOW_UP = "follow_up", _("发现问题,待后续处理")
    REFERRED = "referred", _("发现问题,移送立案查处")
    NOT_COOPERATING = "not_cooperating", _("不配合检查")
    NO_ACTIVITY = "no_activity", _("未发现开展本次抽查涉及的经营活动")
    NOT_FOUND = "not_found", _("通过登记的住所(经营场所)无法联系")
    CLOSED = "closed", _("已注销或被吊销营业执照")


PROBLEM_OUTCOMES = frozenset({ResultOutcome.CORRECTED, ResultOutcome.FOLLOW_UP, ResultOutcome.REFERRED,
                              ResultOutcome.NOT_COOPERATING})

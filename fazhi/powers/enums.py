from django.db import models


class LawLevel(models.TextChoices):
    LAW = "law", "法律"
    ADMINISTRATIVE_REGULATION = "admin_regulation", "行政法规"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    DEPARTMENTAL_RULE = "departmental_rule", "部门规章"
    LOCAL_GOVERNMENT_RULE = "local_rule", "地方政府规章"
    NORMATIVE_DOCUMENT = "normative_document", "规范性文件"
    JUDICIAL_INTERPRETATION = "judicial_interpretation", "司法解释"


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class PowerCategory(models.TextChoices):
    """Exactly the ten categories of the power list (glossary)."""

    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


class PowerItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"
    ABOLISHED = "abolished", "已取消"


class ResponsibilityStage(models.TextChoices):
    ACCEPT = "accept", "受理"
    REVIEW = "review", "审查"
    DECIDE = "decide", "决定"
    SERVE = "serve", "送达"
    ENFORCE = "enforce", "执行"
    SUPERVISE = "supervise", "事后监管"
    OTHER = "other", "其他"


class ServiceItemKind(models.TextChoices):
    APPROVAL = "approval", "审批事项"
    PUBLIC_SERVICE = "public_service", "公共服务事项"


class ServiceItemEventKind(models.TextChoices):
    CREATED = "created", "设立"
    CONVERTED = "converted", "审批转服务"
    DELEGATED = "delegated", "市级下放承接"
    CHANGED = "changed", "变更"
    ABOLISHED = "abolished", "取消"
    NOT_TAKEN_OVER = "not_taken_over", "市级下放未承接"

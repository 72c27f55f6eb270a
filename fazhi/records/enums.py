from django.db import models


class Action(models.TextChoices):
    """Every recordable act, one vocabulary for the whole platform (DESIGN.md mechanism 2)."""

    ORGANISATION_CREATED = "organisation.created", "单位创建"
    ORGANISATION_CHANGED = "organisation.changed", "单位变更"
    BODY_CREATED = "body.created", "执法主体创建"
    BODY_CHANGED = "body.changed", "执法主体变更"
    LIAISON_SET = "liaison.set", "法制联络员设置"
    OFFICER_CREATED = "officer.created", "执法人员创建"
    OFFICER_CHANGED = "officer.changed", "执法人员变更"
    OFFICER_LEFT = "officer.left", "执法人员离岗"
    CERTIFICATE_ISSUED = "certificate.issued", "执法证件核发"
    CERTIFICATE_RENEWED = "certificate.renewed", "执法证件换发"
    CERTIFICATE_SUSPENDED = "certificate.suspended", "执法证件暂扣"
    CERTIFICATE_REINSTATED = "certificate.reinstated", "执法证件恢复"
    CERTIFICATE_REVOKED = "certificate.revoked", "执法证件吊销"
    CERTIFICATE_LOST = "certificate.lost", "执法证件遗失作废"
    TRAINING_RECORDED = "training.recorded", "培训记录"
    EXAM_RECORDED = "exam.recorded", "考试成绩记录"
    SUPERVISOR_CREATED = "supervisor.created", "义务监督员创建"
    SUPERVISOR_CHANGED = "supervisor.changed", "义务监督员变更"
    USER_CREATED = "user.created", "账户创建"
    IMPORT_COMMITTED = "import.committed", "批量导入"
    CALENDAR_YEAR_SET = "calendar.year_set", "节假日安排录入"
    CALENDAR_RULE_OVERRIDE = "calendar.rule_override", "期限规则地区调整"
    CALENDAR_RULE_RESET = "calendar.rule_reset", "期限规则恢复法定"

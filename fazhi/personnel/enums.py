from django.db import models


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class StaffType(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", "公务员"
    INSTITUTION_STAFF = "institution_staff", "事业编制人员"
    AUXILIARY = "auxiliary", "辅助人员"


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    LEFT = "left", "离岗"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
    EXPIRED = "expired", "过期"
    LOST = "lost", "遗失作废"
    REPLACED = "replaced", "已换发"


class SupervisorSector(models.TextChoices):
    NPC_DEPUTY = "npc", "人大代表"
    CPPCC_MEMBER = "cppcc", "政协委员"
    LAWYER = "lawyer", "律师"
    ENTERPRISE = "enterprise", "企业代表"
    COMMUNITY = "community", "社区代表"
    MEDIA = "media", "新闻媒体"
    OTHER = "other", "其他"


class SupervisorStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    ENDED = "ended", "已届满"

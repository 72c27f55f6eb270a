from django.db import models


class Role(models.TextChoices):
    """The roles of DESIGN.md's table. The public has no account."""

    SYSTEM_ADMIN = "system_admin", "系统管理员"
    LEGAL_OFFICE = "legal_office", "司法局(法制办)工作人员"
    BODY_ADMIN = "body_admin", "执法单位管理员"
    OFFICER = "officer", "执法人员"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核人员"
    HEAD = "head", "单位负责人"
    VOLUNTEER_SUPERVISOR = "volunteer_supervisor", "行政执法义务监督员"


# Roles that see the whole jurisdiction rather than their own organisation's subtree.
JURISDICTION_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.LEGAL_OFFICE})
# Roles that see no internal organisation data at all (public data and their own submissions only).
PUBLIC_DATA_ROLES = frozenset({Role.VOLUNTEER_SUPERVISOR})

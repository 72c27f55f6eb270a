from django.db import models


class ImportStatus(models.TextChoices):
    """The life of an import job (DESIGN.md mechanism 6): upload → validate → preview → commit."""

    UPLOADED = "uploaded", "已上传"
    VALIDATING = "validating", "校验中"
    INVALID = "invalid", "校验未通过"
    VALID = "valid", "校验通过,待确认"
    COMMITTING = "committing", "导入中"
    COMMITTED = "committed", "已导入"
    FAILED = "failed", "导入失败"

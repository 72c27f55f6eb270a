import uuid

from django.conf import settings
from django.db import models

from fazhi.core.enums import ImportStatus


class TimeStampedModel(models.Model):
    """Base of every domain row: a public UUID (never an enumerable integer in URLs or the API) and timestamps."""

    public_id = models.UUIDField("公开标识", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


def _import_upload_to(instance, filename: str) -> str:
    # The stored name is the job's id: user-supplied names never become paths.
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"imports/{instance.public_id}{suffix}"


class ImportJob(TimeStampedModel):
    """One uploaded file on its way through validation, preview and an all-or-nothing commit."""

    importer_key = models.CharField("导入类型", max_length=50)
    file = models.FileField("文件", upload_to=_import_upload_to, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    file_size = models.PositiveBigIntegerField("文件大小(字节)", default=0)
    file_sha256 = models.CharField("文件SHA-256", max_length=64, blank=True)
    # Rows parsed at validation, kept until the commit so that it re-checks them without parsing the file again.
    parsed_name = models.CharField("已解析数据", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    phase = models.CharField("当前步骤", max_length=30, blank=True)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    processed_rows = models.PositiveIntegerField("已处理行数", default=0)
    error_rows = models.PositiveIntegerField("错误行数", default=0)
    error_count = models.PositiveIntegerField("错误总数", default=0)
    errors = models.JSONField("错误明细", default=list, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)
    result = models.JSONField("导入结果", default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="import_jobs", verbose_name="上传人")
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="确认导入人")
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="import_jobs", verbose_name="所属单位")
    validated_at = models.DateTimeField("校验完成时间", null=True, blank=True)
    committed_at = models.DateTimeField("导入完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入任务"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="core_importjob_user_idx")]

    def __str__(self):
        return f"{self.original_name} · {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.COMMITTING)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, int(self.processed_rows * 100 / self.total_rows))


from fazhi.core.calendar_models import DeadlineRule, HolidayDay, HolidayYear  # noqa: E402,F401
from fazhi.core.numbering_models import NumberPattern, NumberPrefix, NumberSequence  # noqa: E402,F401

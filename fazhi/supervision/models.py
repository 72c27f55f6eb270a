from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.supervision.enums import WarningKind, WarningLevel


class Warning(TimeStampedModel):  # noqa: A001 - the domain's word (预警, glossary); never the builtin here
    """预警: something due soon or overdue, put on the responsible users' workbench ("my deadlines").

    Written only by fazhi.supervision.services.warnings_scan, which creates, updates and resolves them; at most one
    open warning per (kind, subject). A resolved warning stays as history."""

    kind = models.CharField("预警类型", max_length=40, choices=WarningKind.choices)
    subject_type = models.CharField("对象类型", max_length=60)
    subject_id = models.CharField("对象标识", max_length=64)
    subject_label = models.CharField("对象", max_length=200)
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="warnings",
                                     null=True, blank=True, verbose_name="所属单位",
                                     help_text="空:全区性的预警(如节假日安排未录入),由司法局和系统管理员处理")
    due_on = models.DateField("期限")
    rule_id = models.CharField("规则", max_length=40)
    trace = models.TextField("期限计算过程")
    level = models.CharField("紧急程度", max_length=12, choices=WarningLevel.choices)
    message_zh = models.CharField("预警内容", max_length=300)
    last_scanned_on = models.DateField("最近扫描日期")
    resolved_at = models.DateTimeField("解除时间", null=True, blank=True)
    resolution = models.CharField("解除原因", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "预警"
        ordering = ["due_on", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_type", "subject_id"],
                                    condition=models.Q(resolved_at__isnull=True),
                                    name="supervision_warning_one_open_per_subject"),
        ]
        indexes = [
            models.Index(fields=["organisation", "resolved_at", "due_on"], name="supervision_warning_org_open"),
            models.Index(fields=["subject_type", "subject_id"], name="supervision_warning_subject"),
        ]

    def __str__(self):
        return self.message_zh

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

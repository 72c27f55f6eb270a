"""The holiday table administrators extend each year, and the deadline rules a region may override.
Imported by fazhi.core.models so Django sees them."""

from django.core.exceptions import ValidationError
from django.db import models


class HolidayYear(models.Model):
    """A year whose State Council holiday notice has been entered. Its days override the package's data."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    notice = models.CharField("通知文号/名称", max_length=200, help_text="例如:国办发明电〔2026〕X号")
    published_on = models.DateField("发布日期", null=True, blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排(年度)"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年 {self.notice}"


class HolidayDay(models.Model):
    KIND_CHOICES = [("holiday", "法定节假日(休息)"), ("makeup_workday", "调休工作日(上班)")]

    year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    day = models.DateField("日期")
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES)
    name = models.CharField("节日名称", max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排(日)"
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["day"], name="core_holidayday_unique_day")]

    def __str__(self):
        return f"{self.day} {self.get_kind_display()} {self.name}"

    def clean(self):
        if self.day and self.year_id and self.day.year != self.year.year:
            raise ValidationError({"day": f"日期须在{self.year.year}年内"})
        if self.day and self.kind == "makeup_workday" and self.day.weekday() < 5:
            raise ValidationError({"kind": "调休工作日须为周六或周日"})
        if self.day and self.kind == "holiday" and self.day.weekday() >= 5:
            raise ValidationError({"kind": "周末本为休息日,无须登记为法定节假日"})


class DeadlineRule(models.Model):
    """A region's override of a statutory period (rules.md: "Regions can override lengths and thresholds")."""

    rule_id = models.CharField("规则编号", max_length=40, unique=True)
    length = models.PositiveIntegerField("期限长度")
    extension_length = models.PositiveIntegerField("可延长", default=0)
    reason = models.CharField("调整依据", max_length=300)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "期限规则(地区调整)"
        ordering = ["rule_id"]

    def __str__(self):
        return self.rule_id

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.models import TimeStampedModel
from fazhi.core.validators import mask_id_number, validate_id_number
from fazhi.orgs.models import EnforcementCategory, Jurisdiction, Organisation
from fazhi.personnel.enums import (
    CertificateStatus,
    Gender,
    OfficerStatus,
    StaffType,
    SupervisorSector,
    SupervisorStatus,
)


class CertificatePolicy(models.Model):
    """Region-configurable certificate cycles (rules.md §11: NMG96 replaces every 6 years, reviews every 3)."""

    jurisdiction = models.OneToOneField(Jurisdiction, on_delete=models.CASCADE, related_name="certificate_policy",
                                        verbose_name="适用区划")
    validity_years = models.PositiveSmallIntegerField("证件有效期(年)", default=6)
    renewal_window_months = models.PositiveSmallIntegerField("提前申请换证(月)", default=3)
    review_cycle_years = models.PositiveSmallIntegerField("注册审验周期(年)", default=3)
    annual_training_hours = models.PositiveSmallIntegerField("年度培训学时要求", default=60)
    issuing_authority = models.CharField("发证机关", max_length=100, default="内蒙古自治区人民政府")

    class Meta:
        verbose_name = verbose_name_plural = "证件管理规则"

    def __str__(self):
        return f"{self.jurisdiction} · {self.validity_years}年换证"


class Officer(TimeStampedModel):
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    id_number = models.CharField("身份证号码", max_length=18, unique=True, validators=[validate_id_number])
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="officers",
                                     verbose_name="所属单位")
    post = models.CharField("职务/岗位", max_length=50, blank=True)
    staff_type = models.CharField("人员类别", max_length=20, choices=StaffType.choices)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    status = models.CharField("状态", max_length=10, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE)
    left_on = models.DateField("离岗日期", null=True, blank=True)
    left_reason = models.CharField("离岗原因", max_length=200, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="officer", verbose_name="登录账户")

    class Meta:
        verbose_name = verbose_name_plural = "执法人员"
        ordering = ["organisation__sort_order", "name"]
        indexes = [models.Index(fields=["organisation", "status"], name="personnel_officer_org_status")]

    def __str__(self):
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    def clean(self):
        if self.id_number:
            self.id_number = self.id_number.upper()


class Certificate(TimeStampedModel):
    number = models.CharField("证件编号", max_length=30, unique=True)
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="certificates",
                                verbose_name="持证人")
    issuing_authority = models.CharField("发证机关", max_length=100)
    categories = models.ManyToManyField(EnforcementCategory, related_name="certificates", verbose_name="执法类别")
    area = models.CharField("执法区域", max_length=100)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止")
    status = models.CharField("状态", max_length=12, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID)
    status_reason = models.CharField("状态原因", max_length=300, blank=True)
    status_changed_on = models.DateField("状态变更日期", null=True, blank=True)
    last_reviewed_on = models.DateField("最近审验日期", null=True, blank=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="replaced_by", verbose_name="换发自")

    class Meta:
        verbose_name = verbose_name_plural = "执法证件"
        ordering = ["-valid_to", "number"]
        indexes = [models.Index(fields=["status", "valid_to"], name="personnel_cert_status_to")]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")),
                                   name="personnel_certificate_valid_range"),
        ]

    def __str__(self):
        return self.number

    def is_valid_on(self, day: dt.date) -> bool:
        return self.status == CertificateStatus.VALID and self.valid_from <= day <= self.valid_to

    def effective_status(self, today: dt.date | None = None) -> str:
        """The status a reader should see: a valid certificate past its end date is expired."""
        today = today or timezone.localdate()  # expiry is decided by the date in Asia/Shanghai (rules.md §0)
        if self.status == CertificateStatus.VALID and self.valid_to < today:
            return CertificateStatus.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        return CertificateStatus(self.effective_status()).label

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "有效期止不能早于有效期起"
        if self.officer_id and self.officer.staff_type == StaffType.AUXILIARY:
            errors["officer"] = "辅助人员不得申领行政执法证件"
        if errors:
            raise ValidationError(errors)


class Training(TimeStampedModel):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="trainings", verbose_name="执法人员")
    course = models.CharField("培训课程", max_length=200)
    organiser = models.CharField("主办单位", max_length=100, blank=True)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = verbose_name_plural = "培训记录"
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.officer} · {self.course}"


class ExamResult(TimeStampedModel):
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="exam_results",
                                verbose_name="执法人员")
    exam_name = models.CharField("考试名称", max_length=200)
    taken_on = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("是否合格")

    class Meta:
        verbose_name = verbose_name_plural = "考试成绩"
        ordering = ["-taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "exam_name", "taken_on"], name="personnel_exam_once"),
        ]

    def __str__(self):
        return f"{self.officer} · {self.exam_name}"

    def clean(self):
        if self.score is not None and not (0 <= self.score <= 100):
            raise ValidationError({"score": "成绩须在0到100之间"})


class VolunteerSupervisor(TimeStampedModel):
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    sector = models.CharField("界别", max_length=20, choices=SupervisorSector.choices)
    work_unit = models.CharField("工作单位", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    term_start = models.DateField("聘任起")
    term_end = models.DateField("聘任止")
    status = models.CharField("状态", max_length=10, choices=SupervisorStatus.choices,
                              default=SupervisorStatus.ACTIVE)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="volunteer_supervisor", verbose_name="登录账户")

    class Meta:
        verbose_name = verbose_name_plural = "行政执法义务监督员"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "聘任止不能早于聘任起"})

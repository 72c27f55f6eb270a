from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.core.validators import validate_uscc
from fazhi.orgs.enums import BodyBasis, BodyStatus, JurisdictionLevel, OrganisationType


class Jurisdiction(TimeStampedModel):
    """An administrative division: province › city › district › town/subdistrict."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=20, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self):
        return self.name


class EnforcementCategory(models.Model):
    """执法类别: the field a certificate or a body covers (市场监管, 城市管理 …)."""

    code = models.CharField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法类别"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Organisation(TimeStampedModel):
    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True, null=True, blank=True,
                            validators=[validate_uscc])
    org_type = models.CharField("单位类型", max_length=20, choices=OrganisationType.choices)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="organisations",
                                     verbose_name="所属区划")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name="上级单位")
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    is_active = models.BooleanField("在用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.uscc:
            self.uscc = self.uscc.upper()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "上级单位不能是本单位"})


class EnforcementBody(TimeStampedModel):
    """行政执法主体: an organisation (or its unit) with the legal status to enforce."""

    name = models.CharField("执法主体名称", max_length=100, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bodies",
                                     verbose_name="所属单位")
    basis = models.CharField("主体资格依据", max_length=20, choices=BodyBasis.choices)
    entrusting_body = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="entrusted_bodies", verbose_name="委托机关")
    legal_basis_text = models.CharField("设定依据", max_length=300, blank=True)
    qualification_certificate_number = models.CharField("主体资格证书编号", max_length=50, unique=True, null=True,
                                                        blank=True)
    publication_batch = models.PositiveSmallIntegerField("公布批次", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=BodyStatus.choices, default=BodyStatus.ACTIVE)
    categories = models.ManyToManyField(EnforcementCategory, blank=True, related_name="bodies",
                                        verbose_name="执法类别")

    class Meta:
        verbose_name = verbose_name_plural = "执法主体"
        ordering = ["organisation__sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def ledger_key(self) -> str:
        return f"body:{self.public_id}"

    def clean(self):
        if self.basis == BodyBasis.ENTRUSTED and not self.entrusting_body_id:
            raise ValidationError({"entrusting_body": "受委托组织必须填写委托机关"})
        if self.basis != BodyBasis.ENTRUSTED and self.entrusting_body_id:
            raise ValidationError({"entrusting_body": "只有受委托组织才能填写委托机关"})
        if self.entrusting_body_id and self.entrusting_body_id == self.pk:
            raise ValidationError({"entrusting_body": "委托机关不能是本主体"})


class LegalLiaison(TimeStampedModel):
    """法制专(兼)职人员: one per organisation (the seed: every unit named one)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="legal_liaison",
                                        verbose_name="单位")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    full_time = models.BooleanField("专职", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "法制联络员"

    def __str__(self):
        return f"{self.organisation} · {self.name}"

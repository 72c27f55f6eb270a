"""The law library, the power and responsibility list (权责清单), posts, and the service-item catalogue."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.personnel.models import Officer
from fazhi.powers.enums import (
    LawLevel,
    LawStatus,
    PowerCategory,
    PowerItemStatus,
    ResponsibilityStage,
    ServiceItemEventKind,
    ServiceItemKind,
)


class Law(TimeStampedModel):
    """A statute, regulation, rule or normative document, in one version."""

    title = models.CharField("名称", max_length=200)
    short_title = models.CharField("简称", max_length=100, blank=True)
    level = models.CharField("效力层级", max_length=30, choices=LawLevel.choices)
    issuing_body = models.CharField("制定机关", max_length=200, blank=True)
    document_number = models.CharField("文号/令号", max_length=100, blank=True)
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    status = models.CharField("时效性", max_length=20, choices=LawStatus.choices, default=LawStatus.IN_FORCE)
    version = models.CharField("版本", max_length=50, blank=True, help_text="如:2021年修订")
    history = models.TextField("制定修改沿革", blank=True)
    preamble = models.TextField("序言", blank=True, help_text="第一条之前的文字,如司法解释的制定说明")
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="supersedes", verbose_name="被以下版本取代")
    status_changed_on = models.DateField("时效变更日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律法规"
        ordering = ["level", "title"]
        constraints = [models.UniqueConstraint(fields=["title", "version"], name="powers_law_title_version")]

    def __str__(self):
        return f"{self.title}({self.version})" if self.version else self.title


class Article(models.Model):
    """条: one article, its text with its paragraphs (款) and items (项) as the statute writes them."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="articles", verbose_name="法律法规")
    number = models.PositiveIntegerField("条号")
    # 第十条之一 (an article inserted by an amendment) is number 10, sub_number 1; an ordinary article has 0.
    sub_number = models.PositiveSmallIntegerField("之几", default=0)
    label = models.CharField("条", max_length=20, help_text="如:第六十条")
    chapter = models.CharField("章节", max_length=200, blank=True)
    section = models.CharField("节", max_length=200, blank=True)
    text = models.TextField("条文")
    paragraphs = models.JSONField("款项", default=list, blank=True,
                                  help_text="[{'text': 款, 'items': [项, …]}, …]")

    class Meta:
        verbose_name = verbose_name_plural = "条文"
        ordering = ["law_id", "number", "sub_number"]
        constraints = [models.UniqueConstraint(fields=["law", "number", "sub_number"],
                                               name="powers_article_law_number")]

    def __str__(self):
        return f"{self.law.short_title or self.law.title}{self.label}"


class PowerItem(TimeStampedModel):
    """权力事项: one entry of the power and responsibility list, in its current version."""

    code = models.CharField("事项编码", max_length=50, unique=True)
    name = models.CharField("事项名称", max_length=300)
    category = models.CharField("权力类别", max_length=20, choices=PowerCategory.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="sub_items",
                               verbose_name="上级事项")
    departments = models.ManyToManyField(Organisation, related_name="power_items", verbose_name="实施部门")
    accountability = models.TextField("追责情形", blank=True)
    statutory_time_limit = models.CharField("法定时限", max_length=200, blank=True)
    deadline_rule_id = models.CharField("期限规则编号", max_length=40, blank=True,
                                        help_text="适用时填写期限规则表中的编号,如 XZXK-42")
    committed_time_limit = models.CharField("承诺时限", max_length=200, blank=True)
    fees = models.CharField("收费标准", max_length=300, blank=True)
    fee_basis = models.CharField("收费依据", max_length=300, blank=True)
    remedies = models.TextField("救济途径", blank=True)
    flow_description = models.TextField("运行流程", blank=True)
    is_inspection_item = models.BooleanField("列入随机抽查事项", default=False)
    inspection_method = models.CharField("检查方式", max_length=200, blank=True)
    inspection_object_scope = models.CharField("检查对象范围", max_length=300, blank=True)
    status = models.CharField("状态", max_length=20, choices=PowerItemStatus.choices, default=PowerItemStatus.DRAFT)
    version = models.PositiveIntegerField("版本号", default=0)
    needs_review = models.BooleanField("待复核", default=False)
    review_reason = models.CharField("复核原因", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "权力事项"
        ordering = ["code"]
        indexes = [models.Index(fields=["category", "status"], name="powers_item_cat_status")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "上级事项不能是本事项"})


class LegalBasis(models.Model):
    """执法依据: a power item cites an article (and optionally one paragraph and item of it)."""

    power_item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="legal_bases")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="cited_by", verbose_name="条文")
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法依据"
        ordering = ["power_item_id", "article__law_id", "article__number"]
        constraints = [models.UniqueConstraint(fields=["power_item", "article", "paragraph", "item"],
                                               name="powers_basis_unique")]

    def __str__(self):
        parts = [str(self.article)]
        if self.paragraph:
            parts.append(f"第{self.paragraph}款")
        if self.item:
            parts.append(f"第{self.item}项")
        return "".join(parts)


class ResponsibilityItem(models.Model):
    """责任事项: what the department must do at one stage of exercising a power."""

    power_item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="responsibilities")
    stage = models.CharField("环节", max_length=20, choices=ResponsibilityStage.choices)
    content = models.TextField("责任内容")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "责任事项"
        ordering = ["power_item_id", "sort_order", "pk"]

    def __str__(self):
        return f"{self.power_item.code} {self.get_stage_display()}"


class PowerItemVersion(models.Model):
    """Every publication, adjustment or abolition of an item is a version: a full snapshot with the reason and the
    document that decided it. "What changed between two dates" compares the versions in force on each date."""

    power_item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本号")
    change = models.CharField("变动", max_length=20)  # published / adjusted / abolished
    snapshot = models.JSONField("内容快照")
    reason = models.CharField("调整原因", max_length=500)
    document_number = models.CharField("调整文号", max_length=100, blank=True)
    effective_on = models.DateField("生效日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "权力事项版本"
        ordering = ["power_item_id", "version"]
        constraints = [models.UniqueConstraint(fields=["power_item", "version"], name="powers_version_unique")]
        indexes = [models.Index(fields=["effective_on"], name="powers_version_effective")]

    def __str__(self):
        return f"{self.power_item.code} v{self.version}"


class Post(TimeStampedModel):
    """执法岗位: a post within an enforcement body, holding power items and staffed by officers."""

    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="posts",
                             verbose_name="执法主体")
    name = models.CharField("岗位名称", max_length=100)
    duties = models.TextField("岗位职责", blank=True)
    power_items = models.ManyToManyField(PowerItem, blank=True, related_name="posts", verbose_name="承担事项")
    officers = models.ManyToManyField(Officer, blank=True, related_name="posts", verbose_name="在岗人员")

    class Meta:
        verbose_name = verbose_name_plural = "执法岗位"
        ordering = ["body_id", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="powers_post_body_name")]

    def __str__(self):
        return f"{self.body} · {self.name}"


class ServiceItem(TimeStampedModel):
    """政务服务事项: an approval item or public-service item of the citizen service centre, with its guide."""

    code = models.CharField("事项编码", max_length=50, unique=True)
    name = models.CharField("事项名称", max_length=300)
    kind = models.CharField("事项类型", max_length=20, choices=ServiceItemKind.choices)
    department = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="service_items",
                                   verbose_name="实施部门")
    power_item = models.ForeignKey(PowerItem, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="service_items", verbose_name="对应权力事项")
    resident_in_centre = models.BooleanField("进驻政务服务中心", default=True)
    requirements = models.TextField("办理条件", blank=True)
    materials = models.TextField("申请材料", blank=True)
    statutory_limit_days = models.PositiveIntegerField("法定时限(工作日)", null=True, blank=True)
    committed_limit_days = models.PositiveIntegerField("承诺时限(工作日)", null=True, blank=True)
    fees = models.CharField("收费", max_length=300, blank=True)
    place = models.CharField("办理地点", max_length=300, blank=True)
    online = models.BooleanField("可网上受理", default=False)
    delegated_from_city = models.BooleanField("市级下放事项", default=False)
    # Only for items delegated by the city: True taken over (承接), False not taken over (the city keeps it, and the
    # row stays as the record of that decision, inactive). None for every other item.
    delegation_taken_over = models.BooleanField("是否承接", null=True, blank=True)
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "政务服务事项"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.statutory_limit_days and self.committed_limit_days and (
                self.committed_limit_days > self.statutory_limit_days):
            raise ValidationError({"committed_limit_days": "承诺时限不得长于法定时限"})
        if self.delegation_taken_over is not None and not self.delegated_from_city:
            raise ValidationError({"delegation_taken_over": "只有市级下放事项才有承接情况"})


class ServiceItemEvent(models.Model):
    """History of a service item: created, converted from approval to service, delegated by the city, changed."""

    service_item = models.ForeignKey(ServiceItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("变动", max_length=20, choices=ServiceItemEventKind.choices)
    happened_on = models.DateField("日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "政务服务事项变动"
        ordering = ["service_item_id", "happened_on", "pk"]

    def __str__(self):
        return f"{self.service_item.code} {self.get_kind_display()} {self.happened_on}"

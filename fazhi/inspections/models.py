"""Double random, one public (双随机一公开, rules.md §7): one list, two pools, one set of rules.

* the object pool (检查对象名录库): `InspectionObject`, shared by every department, with conflicts of interest
  declared between officers and objects (`ConflictDeclaration`);
* the inspector pool (执法检查人员名录库) is not a table: it is each department's officers with a certificate valid
  over the inspection and covering its category (fazhi.personnel.selectors.officers_certified_for);
* the item list (随机抽查事项清单) is the department's published power items marked as inspection items
  (fazhi.powers); the implementing rules (细则) are `ImplementingRules`, one version after another;
* an annual `InspectionPlan` per department, submitted to and acknowledged by the office;
* an `InspectionTask` with one `TaskDepartment` per department taking part (two or more: a joint inspection);
* `Draw`s — the first, and any redraw or manual addition, each with its own seed, pool snapshot and reason — that
  produce `DrawnObject`s with their `TeamMember`s; exclusions with reasons in `DrawExclusion`;
* an `InspectionResult` per drawn object and item, with photos.

Every act appends to the ledger of the acting department's enforcement body (fazhi.records). Rows that record a
made act (a draw, a result) are never edited: a redraw is a new draw and marks the old rows superseded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.inspections.enums import (
    DrawKind,
    DrawnStatus,
    ExclusionReason,
    ObjectKind,
    PlanStatus,
    RegistrationStatus,
    ResultOutcome,
    RiskGrade,
    TaskKind,
    TaskStatus,
)
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Jurisdiction, Organisation
from fazhi.personnel.models import Officer
from fazhi.powers.models import PowerItem

RATIO = {"max_digits": 5, "decimal_places": 2}


class InspectionObject(TimeStampedModel):
    """检查对象: a market entity or another kind of object, identified by its USCC (checksum-validated)."""

    kind = models.CharField("对象类别", max_length=20, choices=ObjectKind.choices, default=ObjectKind.MARKET_ENTITY)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("名称", max_length=200)
    entity_type = models.CharField("主体类型", max_length=50, blank=True,
                                   help_text="如:有限责任公司、个体工商户、农民专业合作社、民办非企业单位")
    industry = models.CharField("所属行业", max_length=50, blank=True)
    address = models.CharField("住所(经营场所)", max_length=200, blank=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="inspection_objects",
                                     null=True, blank=True, verbose_name="所属辖区", db_index=False)
    legal_representative = models.CharField("法定代表人(负责人)", max_length=50, blank=True)
    registered_on = models.DateField("成立日期", null=True, blank=True)
    registration_status = models.CharField("登记状态", max_length=12, choices=RegistrationStatus.choices,
                                           default=RegistrationStatus.ACTIVE)
    risk_grade = models.CharField("信用风险分类", max_length=1, choices=RiskGrade.choices, default=RiskGrade.B)
    abnormal = models.BooleanField("列入经营异常名录", default=False)
    complaint_count = models.PositiveIntegerField("投诉举报次数", default=0)
    last_inspected_on = models.DateField("最近检查日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "检查对象"
        ordering = ["uscc"]
        indexes = [
            models.Index(fields=["registration_status", "risk_grade", "uscc"], name="insp_obj_status_grade"),
            # covering the draw's pool query (bench/bench_inspection_draw.py): filter, then grade and code
            models.Index(fields=["industry", "registration_status", "risk_grade", "uscc"], name="insp_obj_industry"),
            models.Index(fields=["jurisdiction", "registration_status", "risk_grade", "uscc"],
                         name="insp_obj_jurisdiction"),
            models.Index(fields=["name"], name="insp_obj_name"),
        ]

    def __str__(self):
        return f"{self.name}({self.uscc})"


class ConflictDeclaration(TimeStampedModel):
    """A conflict of interest declared between an officer and an object (利害关系申报): the officer steps aside
    whenever the object is drawn (rules.md §7)."""

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="inspection_conflicts",
                                verbose_name="执法人员")
    object = models.ForeignKey(InspectionObject, on_delete=models.PROTECT, related_name="conflicts",
                               verbose_name="检查对象")
    reason = models.CharField("利害关系", max_length=200)
    declared_on = models.DateField("申报日期")
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="登记人")

    class Meta:
        verbose_name = verbose_name_plural = "利害关系申报"
        ordering = ["-declared_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["officer", "object"], name="insp_conflict_once")]

    def __str__(self):
        return f"{self.officer} — {self.object.name}"


def _rules_upload_to(instance, filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"inspections/rules/{instance.public_id}{suffix}"


class ImplementingRules(TimeStampedModel):
    """抽查工作细则: a department's implementing rules, as numbered versions. A new version never edits an old one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="inspection_rules",
                                     verbose_name="部门")
    version = models.PositiveIntegerField("版本")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    effective_on = models.DateField("施行日期")
    file = models.FileField("附件", upload_to=_rules_upload_to, max_length=200, blank=True)
    file_sha256 = models.CharField("附件SHA-256", max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="发布人")

    class Meta:
        verbose_name = verbose_name_plural = "抽查工作细则"
        ordering = ["organisation_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="insp_rules_version")]

    def __str__(self):
        return f"{self.title}(第{self.version}版)"


class RatioFields(models.Model):
    """Sampling ratio per credit risk grade, in percent (0–100, configurable; rules.md §7)."""

    ratio_a = models.DecimalField("A类抽查比例(%)", **RATIO, default=2)
    ratio_b = models.DecimalField("B类抽查比例(%)", **RATIO, default=5)
    ratio_c = models.DecimalField("C类抽查比例(%)", **RATIO, default=20)
    ratio_d = models.DecimalField("D类抽查比例(%)", **RATIO, default=100)

    class Meta:
        abstract = True

    def ratios(self) -> dict:
        """{grade: Decimal percent} in grade order."""
        return {RiskGrade.A.value: self.ratio_a, RiskGrade.B.value: self.ratio_b, RiskGrade.C.value: self.ratio_c,
                RiskGrade.D.value: self.ratio_d}


class InspectionPlan(RatioFields, TimeStampedModel):
    """年度抽查计划 of one department, submitted to and acknowledged by the office (the level above)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="inspection_plans",
                                     verbose_name="部门")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    items = models.ManyToManyField(PowerItem, related_name="inspection_plans", verbose_name="抽查事项")
    frequency = models.CharField("抽查频次", max_length=100, help_text="如:每季度一次、每半年一次")
    planned_tasks = models.PositiveSmallIntegerField("计划任务数", default=1)
    notes = models.TextField("说明", blank=True)
    status = models.CharField("状态", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="报送人")
    acknowledged_at = models.DateTimeField("备案时间", null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name="备案人")
    return_reason = models.CharField("退回原因", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="编制人")

    class Meta:
        verbose_name = verbose_name_plural = "年度抽查计划"
        ordering = ["-year", "organisation__sort_order"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="insp_plan_org_year")]

    def __str__(self):
        return self.title


class InspectionTask(RatioFields, TimeStampedModel):
    """抽查任务: what is inspected, among which objects, at what ratio, by how many inspectors, when.

    The object filters are lists of values (an empty list: no filter on that field). The departments taking part
    are the `departments` rows; a task with two or more is a joint inspection (联合抽查): the objects are drawn once,
    each department's inspectors from its own pool, and one visit checks every department's items."""

    number = models.CharField("任务编号", max_length=80, unique=True)
    title = models.CharField("任务名称", max_length=200)
    kind = models.CharField("任务类型", max_length=10, choices=TaskKind.choices, default=TaskKind.SINGLE)
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_inspection_tasks",
                                          verbose_name="牵头部门")
    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks",
                             verbose_name="所属年度计划")
    year = models.PositiveSmallIntegerField("年度")
    start_on = models.DateField("检查开始日期")
    end_on = models.DateField("检查结束日期")
    # object filters (empty: any)
    object_kinds = models.JSONField("对象类别", default=list, blank=True)
    industries = models.JSONField("行业", default=list, blank=True)
    entity_types = models.JSONField("主体类型", default=list, blank=True)
    jurisdiction_codes = models.JSONField("辖区(区划代码)", default=list, blank=True)
    risk_grades = models.JSONField("信用风险分类", default=list, blank=True)
    # draw settings
    team_size = models.PositiveSmallIntegerField("每个部门检查人员数", default=2)
    exclusion_months = models.PositiveSmallIntegerField(
        "近期已检查排除(月)", default=12, help_text="本部门在此月数内已检查过的对象不再抽取(高风险对象除外);0为不排除")
    status = models.CharField("状态", max_length=12, choices=TaskStatus.choices, default=TaskStatus.DRAFT)
    drawn_list_published_on = models.DateField("抽查名单公示日期", null=True, blank=True)
    ended_on = models.DateField("实际结束日期", null=True, blank=True)
    publish_due = models.DateField("结果公示期限", null=True, blank=True, db_index=True)
    published_on = models.DateField("结果公示日期", null=True, blank=True)
    publication_late = models.BooleanField("逾期公示", default=False)
    description = models.TextField("任务说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="创建人")

    class Meta:
        verbose_name = verbose_name_plural = "抽查任务"
        ordering = ["-start_on", "-id"]
        indexes = [
            models.Index(fields=["status", "publish_due"], name="insp_task_status_due"),
            models.Index(fields=["lead_organisation", "year"], name="insp_task_org_year"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_joint(self) -> bool:
        return self.kind == TaskKind.JOINT


class TaskDepartment(models.Model):
    """One department's part in a task: its enforcement body (whose ledger records its acts and whose officers form
    its inspector pool), the category its inspectors' certificates must cover, and its items."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="departments",
                             verbose_name="抽查任务")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="inspection_task_parts",
                                     verbose_name="部门")
    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="inspection_task_parts",
                             verbose_name="执法主体")
    category = models.ForeignKey(EnforcementCategory, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="执法类别")
    items = models.ManyToManyField(PowerItem, related_name="inspection_task_parts", verbose_name="抽查事项")
    is_lead = models.BooleanField("牵头部门", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "参与部门"
        ordering = ["-is_lead", "organisation__sort_order"]
        constraints = [models.UniqueConstraint(fields=["task", "organisation"], name="insp_task_dept_once")]

    def __str__(self):
        return f"{self.task.number} · {self.organisation}"


def _snapshot_upload_to(instance, filename: str) -> str:
    return f"inspections/draws/{instance.public_id}.txt.gz"


class Draw(TimeStampedModel):
    """One draw on a task (the first, a redraw or a manual addition): everything an auditor needs to replay it.

    `seed` comes from a cryptographic source (secrets); `pool_file` holds the eligible pool snapshot (gzip of the
    canonical text whose SHA-256 is `pool_digest`); `inspector_pool` the eligible inspectors per department;
    `strata` the pool size, ratio and sample size per risk grade; `result_digest` the SHA-256 of the drawn objects
    and teams in order. `algorithm` names the version of fazhi.inspections.draw that made it (docs/draw.md)."""

    task = models.ForeignKey(InspectionTask, on_delete=models.PROTECT, related_name="draws", verbose_name="抽查任务")
    seq = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("抽取类型", max_length=10, choices=DrawKind.choices)
    reason = models.TextField("理由", blank=True, help_text="重新抽取和人工增补必须说明理由")
    seed = models.CharField("随机种子", max_length=64)
    algorithm = models.CharField("算法版本", max_length=30)
    pool_size = models.PositiveIntegerField("备选对象数")
    pool_digest = models.CharField("备选对象快照SHA-256", max_length=64)
    pool_file = models.FileField("备选对象快照", upload_to=_snapshot_upload_to, max_length=200)
    strata = models.JSONField("分层抽取情况", default=dict)
    inspector_pool = models.JSONField("备选检查人员", default=dict)
    inspector_pool_digest = models.CharField("备选检查人员SHA-256", max_length=64)
    result_digest = models.CharField("抽取结果SHA-256", max_length=64)
    objects_drawn = models.PositiveIntegerField("抽取对象数", default=0)
    objects_excluded = models.PositiveIntegerField("排除对象数", default=0)
    inspectors_excluded = models.PositiveIntegerField("排除检查人员数", default=0)
    witnesses = models.JSONField("见证人", default=list)
    drawn_at = models.DateTimeField("抽取时间")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="操作人")
    ledger_key = models.CharField("记录账本", max_length=64, blank=True)
    entry_seq = models.PositiveBigIntegerField("记录序号", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "随机抽取"
        ordering = ["task_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["task", "seq"], name="insp_draw_task_seq")]

    def __str__(self):
        return f"{self.task.number} 第{self.seq}次{self.get_kind_display()}"


class DrawExclusion(models.Model):
    """An object or an inspector left out of a draw's pool, with the reason (rules.md §7)."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="exclusions", verbose_name="随机抽取")
    object = models.ForeignKey(InspectionObject, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="检查对象")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="执法人员")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="部门")
    reason = models.CharField("排除原因", max_length=24, choices=ExclusionReason.choices)
    detail = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "抽取排除"
        ordering = ["draw_id", "id"]

    def __str__(self):
        return f"{self.get_reason_display()}:{self.detail}"


class DrawnObject(TimeStampedModel):
    """An object drawn for a task, in draw order; `is_current` is false once a redraw superseded it."""

    # no single-column indexes: the composite ones below lead with each of these keys (draws insert thousands)
    task = models.ForeignKey(InspectionTask, on_delete=models.PROTECT, related_name="drawn_objects",
                             verbose_name="抽查任务", db_index=False)
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="drawn_objects", verbose_name="随机抽取",
                             db_index=False)
    object = models.ForeignKey(InspectionObject, on_delete=models.PROTECT, related_name="drawings",
                               verbose_name="检查对象", db_index=False)
    position = models.PositiveIntegerField("抽取顺序")
    risk_grade = models.CharField("抽取时信用风险分类", max_length=1, choices=RiskGrade.choices)
    status = models.CharField("检查状态", max_length=12, choices=DrawnStatus.choices, default=DrawnStatus.PENDING)
    is_current = models.BooleanField("有效", default=True)
    superseded_by = models.ForeignKey(Draw, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                      verbose_name="被哪次抽取替代")
    notice_sent_on = models.DateField("检查通知日期", null=True, blank=True)
    inspected_on = models.DateField("检查日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "抽中对象"
        ordering = ["task_id", "position"]
        constraints = [models.UniqueConstraint(fields=["draw", "object"], name="insp_drawn_once_per_draw")]
        indexes = [
            models.Index(fields=["task", "is_current", "position"], name="insp_drawn_task_pos"),
            models.Index(fields=["object", "inspected_on"], name="insp_drawn_obj_inspected"),
        ]

    def __str__(self):
        return f"{self.task.number} · {self.object.name}"


class TeamMember(models.Model):
    """An inspector drawn for one object, from the pool of one department taking part."""

    drawn_object = models.ForeignKey(DrawnObject, on_delete=models.CASCADE, related_name="team",
                                     verbose_name="抽中对象", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="部门")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="inspection_assignments",
                                verbose_name="检查人员", db_index=False)
    certificate_number = models.CharField("执法证件编号", max_length=30)

    class Meta:
        verbose_name = verbose_name_plural = "检查组成员"
        ordering = ["drawn_object_id", "id"]
        constraints = [models.UniqueConstraint(fields=["drawn_object", "officer"], name="insp_team_once")]
        indexes = [models.Index(fields=["officer", "drawn_object"], name="insp_team_officer")]

    def __str__(self):
        return f"{self.officer}({self.certificate_number})"


class InspectionResult(TimeStampedModel):
    """Result of one item on one drawn object, by at least two of the department's drawn inspectors."""

    drawn_object = models.ForeignKey(DrawnObject, on_delete=models.PROTECT, related_name="results",
                                     verbose_name="抽中对象")
    power_item = models.ForeignKey(PowerItem, on_delete=models.PROTECT, related_name="inspection_results",
                                   verbose_name="抽查事项")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="inspection_results",
                                     verbose_name="部门")
    outcome = models.CharField("检查结果", max_length=20, choices=ResultOutcome.choices)
    findings = models.TextField("检查情况", blank=True)
    inspected_on = models.DateField("检查日期")
    inspectors = models.ManyToManyField(Officer, related_name="inspection_results", verbose_name="检查人员")
    case = models.ForeignKey("enforcement.Case", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="inspection_results", verbose_name="移送立案的案件")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="录入人")

    class Meta:
        verbose_name = verbose_name_plural = "检查结果"
        ordering = ["drawn_object_id", "power_item_id"]
        constraints = [models.UniqueConstraint(fields=["drawn_object", "power_item"], name="insp_result_once")]
        indexes = [models.Index(fields=["organisation", "inspected_on"], name="insp_result_org_day")]

    def __str__(self):
        return f"{self.drawn_object} · {self.power_item.name}"


def _photo_upload_to(instance, filename: str) -> str:
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"inspections/photos/{instance.result.public_id}/{instance.sha256[:16]}{suffix}"


class ResultPhoto(models.Model):
    """A photo taken on site, stored with its digest; the digest is in the result's ledger entry."""

    result = models.ForeignKey(InspectionResult, on_delete=models.CASCADE, related_name="photos",
                               verbose_name="检查结果")
    file = models.FileField("照片", upload_to=_photo_upload_to, max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小(字节)")
    content_type = models.CharField("类型", max_length=50)
    taken_on = models.DateField("拍摄日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "现场照片"
        ordering = ["result_id", "id"]

    def __str__(self):
        return self.file.name

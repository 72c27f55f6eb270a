"""Enforcement cases under the three systems (rules.md §1, §3, §6).

A Case belongs to one enforcement body (and so to its organisation, by which every selector scopes it). Its state
moves only through fazhi.enforcement.workflow; every act on it appends to the body's ledger (fazhi.records).
Rows that the record already covers and that the law treats as made once (a notice, a decision, a service, a
legal review's opinion) are never edited by the services: a change is a new row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel
from fazhi.enforcement.enums import (
    CaseStatus,
    CoerciveKind,
    CoerciveStatus,
    Disposal,
    DocumentKind,
    EvidenceKind,
    LeadSource,
    OfficerRole,
    Outcome,
    PartyType,
    PauseReason,
    Procedure,
    PublicationStatus,
    RecusalDecision,
    RecusalSource,
    ReviewStatus,
    ServiceMethod,
    UploadStatus,
)
from fazhi.orgs.models import EnforcementBody, EnforcementCategory, Organisation
from fazhi.personnel.models import Certificate, Officer
from fazhi.powers.models import Article, PowerItem

MONEY = {"max_digits": 14, "decimal_places": 2}


class HearingThreshold(models.Model):
    """XZCF-63 "较大数额": the fine or confiscation from which the party may ask for a hearing. One row per party
    type as the district default (category empty), and optionally per enforcement category."""

    category = models.ForeignKey(EnforcementCategory, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="hearing_thresholds", verbose_name="执法类别(空为全区默认)")
    party_type = models.CharField("当事人类型", max_length=20, choices=PartyType.choices)
    min_fine = models.DecimalField("较大数额罚款(元,含)", **MONEY)
    min_confiscation = models.DecimalField("较大数额没收(元,含)", **MONEY)
    basis = models.CharField("依据", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "听证较大数额标准"
        constraints = [models.UniqueConstraint(fields=["category", "party_type"], name="enf_threshold_unique")]

    def __str__(self):
        return f"{self.category or '全区默认'} · {self.get_party_type_display()} · {self.min_fine}"


class MajorCatalogueItem(TimeStampedModel):
    """One entry of a body's published catalogue of major enforcement decisions (GB118, XZCF-58): a case that
    matches it needs legal review before the head decides."""

    body = models.ForeignKey(EnforcementBody, on_delete=models.CASCADE, related_name="major_catalogue",
                             verbose_name="执法主体")
    title = models.CharField("目录事项", max_length=200)
    min_fine = models.DecimalField("罚款达到(元,含)", null=True, blank=True, **MONEY)
    penalty_kinds = models.JSONField("涉及处罚种类", default=list, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "重大执法决定事项目录"
        ordering = ["body", "title"]

    def __str__(self):
        return self.title


class Case(TimeStampedModel):
    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="cases",
                             verbose_name="执法主体")
    # Denormalised from body.organisation: every selector scopes on it.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases",
                                     verbose_name="所属单位")
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices, default=Procedure.GENERAL)
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.LEAD)
    number = models.CharField("案号", max_length=60, blank=True, db_index=True)
    title = models.CharField("案由", max_length=200)
    # the lead (案源)
    lead_source = models.CharField("案源", max_length=20, choices=LeadSource.choices)
    lead_received_on = models.DateField("案源登记日期")
    lead_summary = models.TextField("线索内容")
    inspection_task_ref = models.CharField("关联抽查任务", max_length=64, blank=True)
    # the matter
    category = models.ForeignKey(EnforcementCategory, on_delete=models.PROTECT, related_name="cases",
                                 verbose_name="执法类别")
    power_item = models.ForeignKey(PowerItem, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="cases", verbose_name="权力事项")
    legal_bases = models.ManyToManyField(Article, blank=True, related_name="cases", verbose_name="法律依据")
    # XZCF-36 limitation
    violation_on = models.DateField("违法行为发生日期", null=True, blank=True)
    violation_continuing_until = models.DateField("连续或继续状态终了日期", null=True, blank=True)
    grave_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    discovered_on = models.DateField("发现日期", null=True, blank=True)
    # the party (当事人)
    party_type = models.CharField("当事人类型", max_length=20, choices=PartyType.choices)
    party_name = models.CharField("当事人名称/姓名", max_length=200)
    party_id_number = models.CharField("证件号码/统一社会信用代码", max_length=18, blank=True)
    party_legal_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    party_address = models.CharField("住所/地址", max_length=300, blank=True)
    party_phone = models.CharField("联系电话", max_length=30, blank=True)
    # filing (立案)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="立案批准人")
    not_filed_reason = models.CharField("不予立案理由", max_length=500, blank=True)
    facts = models.TextField("违法事实", blank=True)
    # XZCF-58 / XZCF-57 flags
    is_major = models.BooleanField("重大执法决定(须法制审核)", default=False)
    major_reasons = models.JSONField("法制审核理由", default=list, blank=True)
    needs_collective_discussion = models.BooleanField("须集体讨论", default=False)
    # the XZCF-60 clock, kept for lists; recomputed by the services after every change to it
    decision_due = models.DateField("决定期限", null=True, blank=True, db_index=True)
    # outcome
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    internal_note = models.TextField("内部备注(不公开)", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="登记人")

    class Meta:
        verbose_name = verbose_name_plural = "执法案件"
        ordering = ["-lead_received_on", "-id"]
        # Each list order ends on the id (the unique tie-breaker), so that a page is read from an index in order
        # instead of sorting every matching row (bench/bench_case_list.py measures them with 1,000,000 cases):
        # the office (all organisations), one organisation, a status, one body; the deadline order (open cases).
        indexes = [
            models.Index(fields=["-lead_received_on", "-id"], name="enf_case_recv"),
            models.Index(fields=["organisation", "-lead_received_on", "-id"], name="enf_case_org_recv"),
            models.Index(fields=["status", "-lead_received_on", "-id"], name="enf_case_status_recv"),
            models.Index(fields=["organisation", "status", "-lead_received_on", "-id"], name="enf_case_org_status_recv"),
            models.Index(fields=["body", "-lead_received_on", "-id"], name="enf_case_body_recv"),
            models.Index(fields=["status", "decision_due"], name="enf_case_status_due"),
            models.Index(fields=["decision_due", "id"], name="enf_case_due"),
            models.Index(fields=["organisation", "decision_due", "id"], name="enf_case_org_due"),
        ]

    def __str__(self):
        return self.number or self.title


class CaseOfficer(models.Model):
    """An officer assigned to a case, with the certificate relied on (XZCF-42). Recusal ends the assignment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_officers")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="case_assignments",
                                verbose_name="执法人员")
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="执法证件")
    role = models.CharField("分工", max_length=10, choices=OfficerRole.choices, default=OfficerRole.ASSIST)
    assigned_on = models.DateField("指派日期")
    active = models.BooleanField("在办", default=True)
    ended_reason = models.CharField("退出原因", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办案人员"
        ordering = ["case", "-role", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="enf_case_officer_unique")]

    def __str__(self):
        return f"{self.officer} · {self.get_role_display()}"


class Recusal(TimeStampedModel):
    """XZCF-43: a recusal request and the head's decision. A granted recusal ends the officer's assignment and
    bars re-assignment to the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recusals")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="recusals", verbose_name="执法人员")
    source = models.CharField("申请方", max_length=10, choices=RecusalSource.choices)
    reason = models.CharField("回避理由", max_length=500)
    requested_on = models.DateField("申请日期")
    decision = models.CharField("决定", max_length=10, choices=RecusalDecision.choices,
                                default=RecusalDecision.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="决定人")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_reason = models.CharField("决定理由", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "回避"
        ordering = ["case", "requested_on", "id"]


def _evidence_upload_to(instance, filename: str) -> str:
    # Never a user-supplied path: the evidence's own id and the extension its content was checked against.
    return f"evidence/{instance.case.public_id}/{instance.public_id}{instance.extension}"


class Evidence(TimeStampedModel):
    """One piece of evidence: a stored file whose SHA-256 is in the ledger entry that recorded it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("证据类型", max_length=10, choices=EvidenceKind.choices)
    title = models.CharField("证据名称", max_length=200)
    description = models.TextField("证明内容", blank=True)
    collected_on = models.DateField("取证日期")
    location = models.CharField("取证地点", max_length=200, blank=True)
    collected_by = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="取证人")
    file = models.FileField("文件", upload_to=_evidence_upload_to, max_length=300, blank=True)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    extension = models.CharField("扩展名", max_length=10, blank=True)
    size = models.PositiveBigIntegerField("大小(字节)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="上传人")

    class Meta:
        verbose_name = verbose_name_plural = "证据"
        ordering = ["case", "collected_on", "id"]


class Upload(TimeStampedModel):
    """A resumable upload in progress: chunks are stored one by one in storage (never the whole file in memory
    or on a local path), and joined — with the digest computed while streaming — when the last byte arrives."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="uploads")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("原文件名", max_length=255)
    declared_type = models.CharField("声明的文件类型", max_length=100, blank=True)
    kind = models.CharField("证据类型", max_length=10, choices=EvidenceKind.choices)
    total_size = models.PositiveBigIntegerField("文件大小(字节)")
    received = models.PositiveBigIntegerField("已接收(字节)", default=0)
    chunk_count = models.PositiveIntegerField("已接收分片", default=0)
    status = models.CharField("状态", max_length=10, choices=UploadStatus.choices, default=UploadStatus.RECEIVING)
    metadata = models.JSONField("证据信息", default=dict, blank=True)
    rejected_reason = models.CharField("拒收原因", max_length=300, blank=True)
    evidence = models.OneToOneField(Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="upload")

    class Meta:
        verbose_name = verbose_name_plural = "断点续传上传"


class OnSiteRecord(TimeStampedModel):
    """现场笔录: an on-site act, with the officers present and the certificates they showed (XZCF-42, XZCF-52/55)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="onsite_records")
    occurred_at = models.DateTimeField("时间")
    place = models.CharField("地点", max_length=200)
    officers = models.ManyToManyField(Officer, related_name="+", verbose_name="在场执法人员")
    certificates_shown = models.JSONField("出示的执法证件编号", default=list)
    party_present = models.CharField("当事人或在场人", max_length=100)
    content = models.TextField("笔录内容")
    signed_by_party = models.BooleanField("当事人签名确认", default=True)
    witness = models.CharField("见证人(当事人拒签时)", max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "现场笔录"
        ordering = ["case", "occurred_at"]


class PenaltyNotice(TimeStampedModel):
    """XZCF-44: the notice of the proposed penalty, the party's statement window and hearing right."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="notice")
    number = models.CharField("告知书文号", max_length=60)
    issued_on = models.DateField("告知日期")
    served_on = models.DateField("送达日期", null=True, blank=True)
    penalty_kinds = models.JSONField("拟处罚种类", default=list)
    fine_amount = models.DecimalField("拟罚款(元)", default=0, **MONEY)
    confiscation_amount = models.DecimalField("拟没收金额(元)", default=0, **MONEY)
    facts = models.TextField("违法事实")
    reasons_and_basis = models.TextField("理由及依据")
    hearing_right = models.BooleanField("告知听证权利", default=False)
    hearing_request_due = models.DateField("听证申请期限", null=True, blank=True)
    statement = models.TextField("陈述申辩意见", blank=True)
    statement_on = models.DateField("陈述申辩日期", null=True, blank=True)
    waived = models.BooleanField("当事人放弃陈述申辩", default=False)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政处罚事先告知"


class Hearing(TimeStampedModel):
    """XZCF-64: notice at least 7 WD before; a presiding officer who did not investigate."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="hearing")
    number = models.CharField("听证通知书文号", max_length=60)
    notice_served_on = models.DateField("听证通知送达日期")
    hearing_on = models.DateField("听证日期")
    place = models.CharField("听证地点", max_length=200)
    presiding_officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+",
                                          verbose_name="听证主持人")
    held = models.BooleanField("已举行", default=False)
    record = models.TextField("听证笔录摘要", blank=True)
    conclusion = models.TextField("听证意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "听证"


class DraftDecision(models.Model):
    """One version of the draft decision. Versions are never edited: saving the draft makes a new version, which
    invalidates any legal review of an older one (XZCF-58)."""

    public_id = models.UUIDField(unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="drafts")
    version = models.PositiveIntegerField("版本")
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices)
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField("罚款(元)", default=0, **MONEY)
    confiscation_amount = models.DecimalField("没收金额(元)", default=0, **MONEY)
    no_penalty_reason = models.CharField("不予处罚理由", max_length=30, blank=True)
    facts_and_evidence = models.TextField("违法事实和证据")
    penalty_and_basis = models.TextField("处罚内容及依据")
    compliance = models.TextField("履行方式和期限")
    remedies = models.TextField("救济途径和期限")
    content_sha256 = models.CharField("内容摘要", max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "处罚决定书草稿"
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="enf_draft_version_unique")]

    def __str__(self):
        return f"第{self.version}版"


class LegalReview(TimeStampedModel):
    """法制审核 of one draft version (XZCF-58). An approval holds only while that version is the latest."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    draft = models.ForeignKey(DraftDecision, on_delete=models.PROTECT, related_name="reviews",
                              verbose_name="审核的草稿版本")
    status = models.CharField("状态", max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name="提请人")
    requested_on = models.DateField("提请日期")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="legal_reviews", verbose_name="审核人")
    checklist = models.JSONField("审核要点", default=dict, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    decided_on = models.DateField("审核日期", null=True, blank=True)
    invalidated_reason = models.CharField("失效原因", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "法制审核"
        ordering = ["case", "-created_at"]
        indexes = [models.Index(fields=["status", "requested_on"], name="enf_review_queue")]


class CollectiveDiscussion(TimeStampedModel):
    """XZCF-57: the heads' collective discussion of a complex or major case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="discussions")
    held_on = models.DateField("讨论日期")
    participants = models.CharField("参加人员", max_length=500)
    minute = models.TextField("讨论记录")
    conclusion = models.TextField("结论")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "集体讨论"
        ordering = ["case", "held_on"]


class Decision(TimeStampedModel):
    """The decision (XZCF-57/59), frozen from the draft version the head decided on."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    draft = models.ForeignKey(DraftDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review = models.ForeignKey(LegalReview, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    number = models.CharField("决定书文号", max_length=60, blank=True, db_index=True)
    decided_on = models.DateField("决定日期")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="决定人")
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices)
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField("罚款(元)", default=0, **MONEY)
    confiscation_amount = models.DecimalField("没收金额(元)", default=0, **MONEY)
    no_penalty_reason = models.CharField("不予处罚理由", max_length=30, blank=True)
    facts_and_evidence = models.TextField("违法事实和证据")
    penalty_and_basis = models.TextField("处罚内容及依据")
    compliance = models.TextField("履行方式和期限")
    remedies = models.TextField("救济途径和期限")
    payment_due = models.DateField("缴款期限", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "处理决定"
        ordering = ["-decided_on"]


class ServiceRecord(TimeStampedModel):
    """送达回证: how and when a document reached the party (XZCF-61)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    document = models.CharField("送达文书", max_length=20, choices=DocumentKind.choices)
    document_number = models.CharField("文书文号", max_length=60, blank=True)
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期")
    recipient = models.CharField("受送达人", max_length=200)
    electronic_consent = models.BooleanField("当事人已签署电子送达确认书", default=False)
    note = models.CharField("备注", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "送达记录"
        ordering = ["case", "served_on", "id"]


class Payment(TimeStampedModel):
    """XZCF-67 payment, with the XZCF-72 late surcharge computed by the service."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("缴款日期")
    amount = models.DecimalField("罚款金额(元)", **MONEY)
    surcharge = models.DecimalField("加处罚款(元)", default=0, **MONEY)
    receipt_number = models.CharField("缴款凭证号", max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "罚款缴纳"
        ordering = ["case", "paid_on"]


class ClockPause(TimeStampedModel):
    """A period not counted in the XZCF-60 clock. `ended_on` empty: the clock stands still now."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="pauses")
    reason = models.CharField("中止事由", max_length=20, choices=PauseReason.choices)
    started_on = models.DateField("起始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "期限中止"
        ordering = ["case", "started_on"]


class ClockExtension(TimeStampedModel):
    """An approved extension of the XZCF-60 clock (rule table: each ≤30 days; beyond the first, collective
    discussion)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长天数")
    approved_on = models.DateField("批准日期")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="批准人")
    reason = models.CharField("延长理由", max_length=500)
    collective_discussion = models.ForeignKey(CollectiveDiscussion, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+",
                                              verbose_name="集体讨论记录")

    class Meta:
        verbose_name = verbose_name_plural = "办案期限延长"
        ordering = ["case", "approved_on"]


class CoerciveMeasure(TimeStampedModel):
    """查封、扣押、冻结 (XZQZ-18/19/25): approval, ≥2 certified officers, 30 days + one extension, disposal."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="coercive_measures")
    kind = models.CharField("强制措施种类", max_length=10, choices=CoerciveKind.choices)
    status = models.CharField("状态", max_length=10, choices=CoerciveStatus.choices, default=CoerciveStatus.IN_FORCE)
    items = models.TextField("场所、设施或财物清单")
    emergency = models.BooleanField("情况紧急,当场实施后补办批准(XZQZ-19)", default=False)
    approved_on = models.DateField("负责人批准日期")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="批准人")
    carried_out_on = models.DateField("实施日期")
    officers = models.ManyToManyField(Officer, related_name="+", verbose_name="实施人员")
    certificates_shown = models.JSONField("出示的执法证件编号", default=list)
    onsite_record = models.ForeignKey(OnSiteRecord, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name="现场笔录")
    # XZQZ-25: time spent on testing, inspection, quarantine or appraisal is not counted (the party is told).
    testing_started_on = models.DateField("检测、检验、检疫、鉴定开始日期", null=True, blank=True)
    testing_ended_on = models.DateField("检测、检验、检疫、鉴定结束日期", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长(日)", default=0)
    extension_approved_on = models.DateField("延长批准日期", null=True, blank=True)
    extension_reason = models.CharField("延长理由", max_length=300, blank=True)
    due_on = models.DateField("处理期限", null=True, blank=True)
    disposal = models.CharField("处理结果", max_length=12, choices=Disposal.choices, blank=True)
    disposed_on = models.DateField("处理日期", null=True, blank=True)
    disposal_note = models.CharField("处理说明", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "行政强制措施"
        ordering = ["case", "carried_out_on"]


class Publication(TimeStampedModel):
    """事后公开 of a decision (GB118-DECISION; XZCF-48 withdrawal). `public_fields` holds exactly what the portal
    shows, masked when it is built; `content_sha256` is the digest of its canonical JSON, recorded in the ledger
    entry `entry_seq` of `ledger_key`, so a reader can check it against the published ledger head."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="publication")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField("决定书文号", max_length=60, db_index=True)
    publish_due = models.DateField("公示期限")
    published_on = models.DateField("公示日期")
    public_fields = models.JSONField("公示内容")
    content_sha256 = models.CharField("公示内容摘要", max_length=64)
    ledger_key = models.CharField("账本", max_length=64)
    entry_seq = models.PositiveBigIntegerField("记录序号")
    status = models.CharField("状态", max_length=10, choices=PublicationStatus.choices,
                              default=PublicationStatus.PUBLISHED)
    change_on = models.DateField("决定被变更/撤销日期", null=True, blank=True)
    withdraw_due = models.DateField("撤回期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "处罚决定公示"
        ordering = ["-published_on", "-id"]

"""Forms of the procedure steps of a case after filing (views_steps.STEPS): they parse and check the input in
Chinese — required fields, amounts of at most two decimals and never negative, dates of acts already done not in
the future, choices limited to the body's certified officers — and the services decide the law (XZCF-42, -44, -58…).

Every form's cleaned_data is the keyword arguments of its service call (besides `by` and the case), so the view
passes it through unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.enums import Role
from fazhi.accounts.models import User
from fazhi.enforcement.enums import (
    CoerciveKind,
    CoerciveStatus,
    Disposal,
    MajorReason,
    NoPenaltyReason,
    Outcome,
    PauseReason,
    PenaltyKind,
    RecusalDecision,
    RecusalSource,
    ServiceMethod,
)
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    CoerciveMeasure,
    CollectiveDiscussion,
    OnSiteRecord,
    Recusal,
)
from fazhi.personnel.forms import DateInput, FazhiForm
from fazhi.personnel.models import Officer
from fazhi.personnel.selectors import officers_certified_for

FINE_KINDS = frozenset({PenaltyKind.FINE})
CONFISCATION_KINDS = frozenset({PenaltyKind.CONFISCATE_GAINS, PenaltyKind.CONFISCATE_PROPERTY})
# Standard wording of the decision's last two parts: XZCF-67 (15 days to pay), 行政复议法 (60 days) and 行政诉讼法
# (6 months). Offered as the initial text of a first draft; the officer edits it.
COMPLIANCE_TEXT = "当事人应当自收到本决定书之日起十五日内,到指定银行或者通过电子支付系统缴纳罚款。"
REMEDIES_TEXT = ("当事人如不服本决定,可以在收到本决定书之日起六十日内依法申请行政复议,"
                 "或者在六个月内依法向人民法院提起行政诉讼。")


def today() -> dt.date:
    """Dates are decided in Asia/Shanghai (rules.md §0)."""
    return timezone.localdate()


# --- fields ---------------------------------------------------------------------------------------------------


def _required(label) -> dict:
    return {"required": format_lazy(_("请填写{label}"), label=label)}


class PastDateField(forms.DateField):
    """The date of an act that has happened: never after today."""

    widget = DateInput

    def __init__(self, label, *, required=True, help_text="", past=True):
        self.past = past
        super().__init__(label=label, required=required, help_text=help_text,
                         error_messages={**_required(label), "invalid": _("日期格式应为 年-月-日")})

    def validate(self, value):
        super().validate(value)
        if self.past and value and value > today():
            raise forms.ValidationError(format_lazy(_("{label}不能晚于今天"), label=self.label), code="future")


def date_field(label, *, required=True, help_text="") -> forms.DateField:
    return PastDateField(label, required=required, help_text=help_text)


def planned_date_field(label, *, help_text="") -> forms.DateField:
    """A date that may lie ahead (a hearing's day)."""
    return PastDateField(label, help_text=help_text, past=False)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class PastDateTimeField(forms.DateTimeField):
    widget = DateTimeLocalInput

    def __init__(self, label):
        super().__init__(label=label, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
                         error_messages={**_required(label), "invalid": _("时间格式应为 年-月-日 时:分")})

    def validate(self, value):
        super().validate(value)
        if value and value > timezone.now():
            raise forms.ValidationError(format_lazy(_("{label}不能晚于现在"), label=self.label), code="future")


def money_field(label, *, required=False, help_text="") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal("0"), max_digits=14, decimal_places=2,
        initial=Decimal("0"), help_text=help_text,
        error_messages={**_required(label), "invalid": _("请填写金额(数字)"),
                        "min_value": _("金额不能为负数"), "max_decimal_places": _("金额最多保留两位小数"),
                        "max_digits": _("金额过大"), "max_whole_digits": _("金额过大")})


def text_field(label, *, max_length=None, required=True, rows=None, help_text="") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget,
                           help_text=help_text, strip=True,
                           error_messages={**_required(label),
                                           "max_length": format_lazy(_("{label}最多%(limit_value)d个字"),
                                                                     label=label)})


def choice_field(label, choices, *, required=True, radio=False) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=required, choices=([] if required else [("", "—")]) + choices,
                             widget=forms.RadioSelect if radio else None,
                             error_messages={"required": format_lazy(_("请选择{label}"), label=label),
                                             "invalid_choice": _("请从列表中选择")})


def kinds_field(label, *, required=True) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, required=required, choices=PenaltyKind.choices,
                                     widget=forms.CheckboxSelectMultiple,
                                     error_messages={"required": _("请至少选择一种处罚种类"),
                                                     "invalid_choice": _("请从列表中选择处罚种类")})


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OfficersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def officer_field(label, *, help_text="") -> OfficerChoiceField:
    return OfficerChoiceField(label=label, queryset=Officer.objects.none(), help_text=help_text,
                              error_messages={"required": format_lazy(_("请选择{label}"), label=label),
                                              "invalid_choice": _("请从列表中选择执法人员")})


# --- the base -------------------------------------------------------------------------------------------------


class StepForm(FazhiForm):
    """A step's form: knows the case (and the user) to limit its choices and fill its initial values."""

    def __init__(self, *args, case: Case, user=None, **kwargs):
        self.case = case
        self.user = user
        super().__init__(*args, **kwargs)
        initial = self.initial_for(case)
        for name, value in initial.items():
            self.initial.setdefault(name, value)
        self.prepare()
        self._preselect_single_choices()

    def _preselect_single_choices(self) -> None:
        """A required choice of rows with exactly one row (the one pending recusal, the one measure) is chosen."""
        for name, field in self.fields.items():
            if (isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField)
                    and field.required and name not in self.initial):
                rows = list(field.queryset[:2])
                if len(rows) == 1:
                    self.initial[name] = rows[0].pk

    def initial_for(self, case: Case) -> dict:
        """Initial values from the case: every date field starts at today."""
        return {name: today() for name, field in self.fields.items() if isinstance(field, forms.DateField)}

    def prepare(self) -> None:
        """Set the choices that depend on the case."""

    def certified_officers(self):
        """XZCF-42: who may act for the case's body in its category today (the service re-checks the act's date)."""
        return officers_certified_for(self.case.body, on=today(), category=self.case.category.code)

    def active_case_officers(self):
        return Officer.objects.filter(case_assignments__case=self.case, case_assignments__active=True).order_by(
            "name")


def _check_amounts(form: forms.Form, kinds_name: str = "penalty_kinds") -> None:
    """The amounts agree with the kinds chosen: a fine needs an amount above 0 and an amount needs the fine."""
    data = form.cleaned_data
    kinds = set(data.get(kinds_name) or [])
    fine = data.get("fine_amount")
    confiscation = data.get("confiscation_amount")
    if "fine_amount" in data:
        if fine is None:
            data["fine_amount"] = fine = Decimal("0")
        if kinds & FINE_KINDS and fine <= 0:
            form.add_error("fine_amount", _("选择了罚款,请填写罚款金额"))
        elif fine > 0 and not kinds & FINE_KINDS:
            form.add_error("fine_amount", _("填写了罚款金额,请在处罚种类中选择“罚款”"))
    if "confiscation_amount" in data:
        if confiscation is None:
            data["confiscation_amount"] = confiscation = Decimal("0")
        if confiscation > 0 and not kinds & CONFISCATION_KINDS:
            form.add_error("confiscation_amount", _("填写了没收金额,请在处罚种类中选择没收违法所得或没收非法财物"))


# --- officers and recusal (XZCF-42, XZCF-43) -----------------------------------------------------------------


class AssignOfficerForm(StepForm):
    officer = officer_field(_("执法人员"), help_text=_("仅列出本单位持有效执法证件且执法类别相符的人员(XZCF-42)"))
    on = date_field(_("指派日期"))

    def prepare(self):
        assigned = CaseOfficer.objects.filter(case=self.case).values("officer_id")
        self.fields["officer"].queryset = self.certified_officers().exclude(pk__in=assigned)


class RecusalRequestForm(StepForm):
    officer = officer_field(_("申请回避的执法人员"))
    source = choice_field(_("申请方"), RecusalSource.choices, radio=True)
    reason = text_field(_("回避理由"), max_length=500, rows=3)
    requested_on = date_field(_("申请日期"))

    def prepare(self):
        self.fields["officer"].queryset = self.active_case_officers()


class RecusalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.officer.name} · {obj.get_source_display()} · {obj.requested_on:%Y-%m-%d} · {obj.reason}"


class RecusalDecideForm(StepForm):
    recusal = RecusalChoiceField(label=_("回避申请"), queryset=Recusal.objects.none(),
                                 error_messages={"required": _("请选择回避申请"),
                                                 "invalid_choice": _("请从列表中选择回避申请")})
    granted = forms.TypedChoiceField(label=_("决定"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                     choices=[("1", RecusalDecision.GRANTED.label),
                                              ("0", RecusalDecision.REFUSED.label)],
                                     error_messages={"required": _("请选择是否准予回避")})
    reason = text_field(_("决定理由"), max_length=500, rows=3)
    decided_on = date_field(_("决定日期"))

    def prepare(self):
        self.fields["recusal"].queryset = self.case.recusals.filter(
            decision=RecusalDecision.PENDING).select_related("officer")


# --- investigation --------------------------------------------------------------------------------------------


def _officers_and_certificates(form: StepForm) -> None:
    """The officers present may be any of the body's certified officers; the certificates shown, theirs."""
    officers = form.certified_officers()
    form.fields["officers"].queryset = officers
    day = today()
    form.fields["certificates_shown"].choices = [
        (cert.number, f"{cert.number} · {officer.name}")
        for officer in officers.prefetch_related("certificates")
        for cert in officer.certificates.all() if cert.is_valid_on(day)
    ]


class OnSiteRecordForm(StepForm):
    occurred_at = PastDateTimeField(_("时间"))
    place = text_field(_("地点"), max_length=200)
    officers = OfficersChoiceField(label=_("在场执法人员"), queryset=Officer.objects.none(),
                                   widget=forms.CheckboxSelectMultiple,
                                   help_text=_("不得少于两人,均须持有效执法证件(XZCF-42)"),
                                   error_messages={"required": _("请选择在场执法人员"),
                                                   "invalid_choice": _("请从列表中选择执法人员")})
    certificates_shown = forms.MultipleChoiceField(label=_("向当事人出示的执法证件"),
                                                   widget=forms.CheckboxSelectMultiple,
                                                   error_messages={"required": _("请勾选已出示的执法证件"),
                                                                   "invalid_choice": _("请从列表中选择证件")})
    party_present = text_field(_("当事人或在场人"), max_length=100)
    content = text_field(_("笔录内容"), rows=8)
    signed_by_party = forms.BooleanField(label=_("当事人已签名确认"), required=False, initial=True)
    witness = text_field(_("见证人(当事人拒签时)"), max_length=100, required=False)

    def prepare(self):
        _officers_and_certificates(self)

    def initial_for(self, case):
        return {"occurred_at": timezone.localtime().replace(second=0, microsecond=0),
                "officers": list(self.active_case_officers().values_list("pk", flat=True)),
                "party_present": case.party_name}

    def clean(self):
        data = super().clean()
        if not data.get("signed_by_party") and not data.get("witness"):
            self.add_error("witness", _("当事人未签名的,须注明见证人"))
        return data


# --- notice, statement, hearing (XZCF-44, XZCF-63, XZCF-64) ----------------------------------------------------


class NoticeIssueForm(StepForm):
    issued_on = date_field(_("告知日期"))
    penalty_kinds = kinds_field(_("拟处罚种类"))
    fine_amount = money_field(_("拟罚款(元)"))
    confiscation_amount = money_field(_("拟没收金额(元)"))
    facts = text_field(_("违法事实"), rows=6)
    reasons_and_basis = text_field(_("理由及依据"), rows=6)

    def initial_for(self, case):
        return {**super().initial_for(case), "facts": case.facts}

    def clean(self):
        data = super().clean()
        _check_amounts(self)
        return data


class ServeForm(StepForm):
    served_on = date_field(_("送达日期"))
    method = choice_field(_("送达方式"), ServiceMethod.choices)
    recipient = text_field(_("受送达人"), max_length=200)
    electronic_consent = forms.BooleanField(label=_("当事人已签署电子送达确认书"), required=False,
                                            help_text=_("电子送达须经当事人同意(XZCF-61)"))

    def initial_for(self, case):
        return {**super().initial_for(case), "recipient": case.party_name}


class StatementForm(StepForm):
    on = date_field(_("陈述申辩日期"))
    waived = forms.BooleanField(label=_("当事人明确放弃陈述申辩"), required=False)
    statement = text_field(_("陈述申辩意见"), rows=6, required=False,
                           help_text=_("当事人放弃的,可填写放弃的方式(如书面声明)"))

    def clean(self):
        data = super().clean()
        if not data.get("waived") and not data.get("statement"):
            self.add_error("statement", _("请填写陈述申辩意见,或勾选当事人放弃陈述申辩"))
        return data


class HearingRequestForm(StepForm):
    requested_on = date_field(_("申请听证日期"))


class HearingScheduleForm(StepForm):
    notice_served_on = date_field(_("听证通知送达日期"))
    hearing_on = planned_date_field(_("听证日期"), help_text=_("应在举行听证的七个工作日前通知当事人(XZCF-64)"))
    place = text_field(_("听证地点"), max_length=200)
    presiding_officer = officer_field(_("听证主持人"), help_text=_("由非本案调查人员担任(XZCF-64)"))

    def initial_for(self, case):
        return {"notice_served_on": today()}

    def prepare(self):
        self.fields["presiding_officer"].queryset = officers_certified_for(self.case.body, on=today())


class HearingHoldForm(StepForm):
    held_on = date_field(_("听证举行日期"))
    record = text_field(_("听证笔录摘要"), rows=6)
    conclusion = text_field(_("听证意见"), rows=4)


# --- the XZCF-60 clock ------------------------------------------------------------------------------------------


class ClockPauseForm(StepForm):
    reason = choice_field(_("中止事由"), PauseReason.choices)
    started_on = date_field(_("起始日期"))
    note = text_field(_("说明"), max_length=300)


class ClockResumeForm(StepForm):
    ended_on = date_field(_("恢复计算日期"))


class DiscussionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.held_on:%Y-%m-%d} · {obj.conclusion[:40]}"


class ClockExtendForm(StepForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365,
                              error_messages={"required": _("请填写延长天数"), "invalid": _("请填写整数天数"),
                                              "min_value": _("延长天数至少为1日"),
                                              "max_value": _("延长天数过大")})
    approved_on = date_field(_("批准日期"))
    reason = text_field(_("延长理由"), max_length=500, rows=3)
    collective_discussion = DiscussionChoiceField(
        label=_("集体讨论记录"), queryset=CollectiveDiscussion.objects.none(), required=False,
        help_text=_("再次延长须经集体讨论"), error_messages={"invalid_choice": _("请从列表中选择集体讨论记录")})

    def prepare(self):
        self.fields["collective_discussion"].queryset = self.case.discussions.order_by("-held_on")


# --- the draft decision, legal review, discussion (XZCF-57, XZCF-58) -------------------------------------------


class DraftForm(StepForm):
    outcome = choice_field(_("处理结果"), Outcome.choices, radio=True)
    penalty_kinds = kinds_field(_("处罚种类"), required=False)
    fine_amount = money_field(_("罚款(元)"))
    confiscation_amount = money_field(_("没收金额(元)"))
    no_penalty_reason = choice_field(_("不予处罚理由(XZCF-33)"), NoPenaltyReason.choices, required=False)
    facts_and_evidence = text_field(_("违法事实和证据"), rows=8)
    penalty_and_basis = text_field(_("处罚内容及依据"), rows=6)
    compliance = text_field(_("履行方式和期限"), rows=3)
    remedies = text_field(_("救济途径和期限"), rows=3)

    def initial_for(self, case):
        """The latest draft when there is one; otherwise the notice (XZCF-45: the decision starts from what the
        party was told), and the standard wording of compliance and remedies."""
        draft = case.drafts.order_by("-version").first()
        if draft is not None:
            return {name: getattr(draft, name) for name in self.fields}
        initial = {"outcome": Outcome.PENALTY, "facts_and_evidence": case.facts, "compliance": COMPLIANCE_TEXT,
                   "remedies": REMEDIES_TEXT}
        notice = getattr(case, "notice", None)  # a missing reverse one-to-one is an AttributeError
        if notice is not None:
            initial.update(penalty_kinds=list(notice.penalty_kinds), fine_amount=notice.fine_amount,
                           confiscation_amount=notice.confiscation_amount, facts_and_evidence=notice.facts,
                           penalty_and_basis=notice.reasons_and_basis)
        return initial

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        kinds = data.get("penalty_kinds") or []
        if outcome == Outcome.PENALTY:
            if not kinds:
                self.add_error("penalty_kinds", _("给予行政处罚的,请至少选择一种处罚种类"))
            _check_amounts(self)
            data["no_penalty_reason"] = ""
        elif outcome:
            if kinds:
                self.add_error("penalty_kinds", _("不给予行政处罚的,不应选择处罚种类"))
            for name in ("fine_amount", "confiscation_amount"):
                if (data.get(name) or 0) > 0:
                    self.add_error(name, _("不给予行政处罚的,金额应为0"))
                data[name] = Decimal("0")
            if outcome == Outcome.NO_PENALTY and not data.get("no_penalty_reason"):
                self.add_error("no_penalty_reason", _("不予行政处罚的,请选择理由(XZCF-33)"))
            elif outcome != Outcome.NO_PENALTY:
                data["no_penalty_reason"] = ""
        return data


class MarkMajorForm(StepForm):
    reasons = forms.MultipleChoiceField(label=_("重大执法决定的情形(XZCF-58)"), required=False,
                                        choices=MajorReason.choices, widget=forms.CheckboxSelectMultiple,
                                        error_messages={"invalid_choice": _("请从列表中选择")})
    needs_collective_discussion = forms.BooleanField(label=_("情节复杂或重大违法,须经负责人集体讨论(XZCF-57)"),
                                                     required=False)

    def initial_for(self, case):
        return {"reasons": list(case.major_reasons or []),
                "needs_collective_discussion": case.needs_collective_discussion}

    def clean(self):
        data = super().clean()
        if not data.get("reasons") and not data.get("needs_collective_discussion"):
            self.add_error("reasons", _("请至少选择一项重大执法决定的情形,或勾选须经集体讨论"))
        return data


class DiscussionForm(StepForm):
    held_on = date_field(_("讨论日期"))
    participants = text_field(_("参加人员"), max_length=500)
    minute = text_field(_("讨论记录"), rows=8)
    conclusion = text_field(_("结论"), rows=3)


class ReviewRequestForm(StepForm):
    requested_on = date_field(_("提请日期"))


# --- decision, service, execution, closing ---------------------------------------------------------------------


class DecideForm(StepForm):
    decided_on = date_field(_("决定日期"))


class PaymentForm(StepForm):
    paid_on = date_field(_("缴款日期"))
    amount = money_field(_("缴款金额(元,含加处罚款)"), required=True,
                         help_text=_("逾期缴纳的,每日按罚款数额的3%加处罚款,不超过罚款数额(XZCF-72)"))
    receipt_number = text_field(_("缴款凭证号"), max_length=60)

    def initial_for(self, case):
        from fazhi.enforcement.services.cases import late_surcharge

        initial = super().initial_for(case)
        paid_on = self.initial.get("paid_on") or initial["paid_on"]
        decision = getattr(case, "decision", None)
        if decision is not None:
            surcharge, _days = late_surcharge(fine=decision.fine_amount, payment_due=decision.payment_due,
                                              paid_on=paid_on)
            initial["amount"] = decision.fine_amount + surcharge
        return initial

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("缴款金额应大于0"))
        return amount


class ExecuteForm(StepForm):
    on = date_field(_("执行完毕日期"))
    note = text_field(_("执行情况"), rows=3)


class CloseForm(StepForm):
    closed_on = date_field(_("结案日期"))


class NotFileForm(StepForm):
    reason = text_field(_("不予立案理由"), max_length=500, rows=3)


# --- coercive measures (XZQZ-18, -19, -25) ---------------------------------------------------------------------


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        due = f" · {_('期限')} {obj.due_on:%Y-%m-%d}" if obj.due_on else ""
        return f"{obj.get_kind_display()} · {obj.carried_out_on:%Y-%m-%d}{due} · {obj.items[:30]}"


def measure_field() -> MeasureChoiceField:
    return MeasureChoiceField(label=_("强制措施"), queryset=CoerciveMeasure.objects.none(),
                              error_messages={"required": _("请选择强制措施"),
                                              "invalid_choice": _("请从列表中选择强制措施")})


class MeasureStepForm(StepForm):
    """A step on one of the case's measures that are still in force."""

    measure = measure_field()

    def prepare(self):
        self.fields["measure"].queryset = self.case.coercive_measures.exclude(status=CoerciveStatus.DISPOSED)


class HeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class OnSiteRecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.occurred_at):%Y-%m-%d %H:%M} · {obj.place}"


class CoercionApplyForm(StepForm):
    kind = choice_field(_("强制措施种类"), CoerciveKind.choices)
    items = text_field(_("场所、设施或财物清单"), rows=5)
    emergency = forms.BooleanField(label=_("情况紧急,当场实施后补办批准(XZQZ-19)"), required=False)
    approved_by = HeadChoiceField(label=_("批准的负责人"), queryset=User.objects.none(),
                                  error_messages={"required": _("请选择批准的负责人"),
                                                  "invalid_choice": _("请从列表中选择负责人")})
    approved_on = date_field(_("负责人批准日期"))
    carried_out_on = date_field(_("实施日期"))
    officers = OfficersChoiceField(label=_("实施人员"), queryset=Officer.objects.none(),
                                   widget=forms.CheckboxSelectMultiple,
                                   help_text=_("不得少于两人,均须持有效执法证件(XZQZ-18)"),
                                   error_messages={"required": _("请选择实施人员"),
                                                   "invalid_choice": _("请从列表中选择执法人员")})
    certificates_shown = forms.MultipleChoiceField(label=_("出示的执法证件"), widget=forms.CheckboxSelectMultiple,
                                                   error_messages={"required": _("请勾选已出示的执法证件"),
                                                                   "invalid_choice": _("请从列表中选择证件")})
    onsite_record = OnSiteRecordChoiceField(label=_("现场笔录"), queryset=OnSiteRecord.objects.none(),
                                            required=False,
                                            error_messages={"invalid_choice": _("请从列表中选择现场笔录")})

    def prepare(self):
        _officers_and_certificates(self)
        self.fields["approved_by"].queryset = User.objects.filter(
            role=Role.HEAD, organisation_id=self.case.organisation_id, is_active=True).order_by("username")
        self.fields["onsite_record"].queryset = self.case.onsite_records.order_by("-occurred_at")

    def initial_for(self, case):
        initial = {**super().initial_for(case),
                   "officers": list(self.active_case_officers().values_list("pk", flat=True))}
        if self.user is not None and getattr(self.user, "role", None) == Role.HEAD:
            initial["approved_by"] = self.user.pk
        return initial


class CoercionTestingForm(MeasureStepForm):
    started_on = date_field(_("检测、检验、检疫、鉴定开始日期"))
    ended_on = date_field(_("检测、检验、检疫、鉴定结束日期"), help_text=_("该期间不计入查封、扣押期限(XZQZ-25)"))

    def prepare(self):
        super().prepare()
        self.fields["measure"].queryset = self.fields["measure"].queryset.filter(testing_started_on__isnull=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("结束日期不能早于开始日期"))
        return data


class CoercionExtendForm(MeasureStepForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30, initial=30,
                              error_messages={"required": _("请填写延长天数"), "invalid": _("请填写整数天数"),
                                              "min_value": _("延长天数至少为1日"),
                                              "max_value": _("延长期限不得超过三十日(XZQZ-25)")})
    approved_on = date_field(_("批准日期"))
    reason = text_field(_("延长理由"), max_length=300, rows=3)

    def prepare(self):
        super().prepare()
        self.fields["measure"].queryset = self.fields["measure"].queryset.filter(extension_days=0)


class CoercionDisposeForm(MeasureStepForm):
    disposal = choice_field(_("处理结果"), Disposal.choices, radio=True)
    disposed_on = date_field(_("处理日期"))
    note = text_field(_("处理说明"), max_length=300, rows=3, required=False)

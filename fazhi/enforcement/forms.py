"""Forms of the case screens: the list's filters, registering a lead, filing a case. Chinese labels and errors;
they parse input and offer only the choices the user may take — the services decide (XZCF-36/42, power list)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.enforcement.enums import CaseStatus, LeadSource, PartyType, Procedure
from fazhi.orgs import selectors as org_selectors
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementCategory
from fazhi.personnel.enums import CertificateStatus
from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm, date_field
from fazhi.personnel.models import Certificate
from fazhi.personnel.selectors import officers_certified_for, today
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import Article, PowerItem

DUE_WITHIN_CHOICES = [("", _("不限")), (3, _("3日内")), (7, _("7日内")), (15, _("15日内")), (30, _("30日内"))]


def body_queryset(user):
    """Bodies the user may register a case for: those of the user's organisation (the office and the system
    administrator: every body they see)."""
    return org_selectors.body_list(user=user).filter(status=BodyStatus.ACTIVE).order_by("organisation__sort_order",
                                                                                        "name")


def _require_messages(form: forms.Form) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = format_lazy(_("请填写{label}"), label=field.label)


# --- the case list ------------------------------------------------------------------------------------------


class CaseFilterForm(FilterForm):
    # Every sort ends on -id (the unique tie-breaker); the received-date sorts follow the indexes on Case.
    SORTS = {
        "-received": (_("登记日期(新→旧)"), ("-lead_received_on", "-id")),
        "received": (_("登记日期(旧→新)"), ("lead_received_on", "id")),
        # The deadline orders list the cases whose XZCF-60 clock is running (see filters()), read from an index.
        "due": (_("决定期限(近→远,计时中的案件)"), ("decision_due", "id")),
        "-due": (_("决定期限(远→近,计时中的案件)"), ("-decision_due", "-id")),
        "number": (_("案号"), ("number", "-id")),
        "-number": (_("案号(倒序)"), ("-number", "-id")),
        "status": (_("状态"), ("status", "-lead_received_on", "-id")),
        "-status": (_("状态(倒序)"), ("-status", "-lead_received_on", "-id")),
    }
    DEFAULT_SORT = "-received"

    q = forms.CharField(label=_("案号/案由/当事人"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + CaseStatus.choices)
    procedure = forms.ChoiceField(label=_("程序"), required=False, choices=BLANK + Procedure.choices)
    body = forms.ChoiceField(label=_("执法主体"), required=False)
    lead_source = forms.ChoiceField(label=_("案源"), required=False, choices=BLANK + LeadSource.choices)
    category = forms.ChoiceField(label=_("执法类别"), required=False)
    due_within = forms.TypedChoiceField(label=_("决定期限"), required=False, choices=DUE_WITHIN_CHOICES, coerce=int,
                                        empty_value=None)
    received_from = date_field(_("登记日期起"), required=False)
    received_to = date_field(_("登记日期止"), required=False)
    overdue = forms.BooleanField(label=_("已超期"), required=False)
    awaiting_review = forms.BooleanField(label=_("待法制审核"), required=False)

    def filters(self) -> dict:
        data = super().filters()
        if (self.cleaned_data.get("sort") or "") in ("due", "-due"):
            data["running_clock"] = True  # a case without a running clock has no deadline to order by
        return data

    def prepare(self, user) -> None:
        bodies = body_queryset(user) if user is not None else []
        self.fields["body"].choices = BLANK + [(str(b.public_id), b.name) for b in bodies]
        self.fields["category"].choices = BLANK + [(c.code, c.name) for c in EnforcementCategory.objects.all()]

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", _("登记日期止不能早于登记日期起"))
            data.pop("received_to", None)
        return data


# --- registering a lead -------------------------------------------------------------------------------------


class CaseLeadForm(FazhiForm):
    body = forms.ModelChoiceField(label=_("执法主体"), queryset=None, to_field_name="public_id",
                                  empty_label=_("请选择"))
    category = forms.ModelChoiceField(label=_("执法类别"), queryset=None, to_field_name="code",
                                      empty_label=_("请选择"))
    title = forms.CharField(label=_("案由"), max_length=200)
    lead_source = forms.ChoiceField(label=_("案源"), choices=LeadSource.choices)
    lead_received_on = date_field(_("案源登记日期"))
    lead_summary = forms.CharField(label=_("线索内容"), widget=forms.Textarea(attrs={"rows": 4}))
    inspection_task_ref = forms.CharField(label=_("关联抽查任务"), max_length=64, required=False)
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=200)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=18, required=False,
                                      help_text=_("自然人填写18位居民身份证号码,单位填写18位统一社会信用代码"))
    party_legal_representative = forms.CharField(label=_("法定代表人/负责人"), max_length=50, required=False)
    party_address = forms.CharField(label=_("住所/地址"), max_length=300, required=False)
    party_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("lead_received_on", today())
        super().__init__(*args, **kwargs)
        bodies = body_queryset(user)
        self.fields["body"].queryset = bodies
        self.fields["category"].queryset = EnforcementCategory.objects.filter(bodies__in=bodies).distinct()
        _require_messages(self)
        self.fields["lead_received_on"].error_messages["invalid"] = _("日期格式应为 年-月-日")

    def clean_party_id_number(self):
        return (self.cleaned_data.get("party_id_number") or "").strip().upper()

    def clean(self):
        data = super().clean()
        body, category = data.get("body"), data.get("category")
        if body and category and not body.categories.filter(pk=category.pk).exists():
            self.add_error("category", _("该执法主体没有此执法类别的职权"))
        received = data.get("lead_received_on")
        if received and received > today():
            self.add_error("lead_received_on", _("案源登记日期不能晚于今天"))
        return data


# --- filing a case ------------------------------------------------------------------------------------------


class OfficerChoiceField(forms.ModelChoiceField):
    """An officer shown with the certificate number relied on (XZCF-42)."""

    def __init__(self, *args, numbers: dict | None = None, **kwargs):
        self.numbers = numbers or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        number = self.numbers.get(obj.pk)
        return f"{obj.name}({_('执法证')} {number})" if number else obj.name


class OfficerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, numbers: dict | None = None, **kwargs):
        self.numbers = numbers or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        number = self.numbers.get(obj.pk)
        return f"{obj.name}({_('执法证')} {number})" if number else obj.name


class PowerItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def power_items_for(body):
    """Published penalty items of the body's organisation (XZCF-42: power from the power list)."""
    return (PowerItem.objects.filter(departments=body.organisation_id, category=PowerCategory.PENALTY,
                                     status=PowerItemStatus.PUBLISHED)
            .order_by("code").distinct())


def certificate_numbers(officers, *, on: dt.date, category_code: str) -> dict[int, str]:
    """officer pk -> the number of the certificate valid on `on` that covers the category."""
    rows = (Certificate.objects.filter(officer__in=officers, status=CertificateStatus.VALID, valid_from__lte=on,
                                       valid_to__gte=on, categories__code=category_code)
            .order_by("officer_id", "-valid_to").values_list("officer_id", "number"))
    numbers: dict[int, str] = {}
    for officer_id, number in rows:
        numbers.setdefault(officer_id, number)
    return numbers


class CaseFileForm(FazhiForm):
    """立案: the power item and its articles, the officers (the lead officer first) and the dates."""

    filed_on = date_field(_("立案日期"))
    power_item = PowerItemChoiceField(label=_("权力事项"), queryset=None, empty_label=_("请选择"),
                                      to_field_name="public_id")
    legal_bases = ArticleChoiceField(label=_("法律依据"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                     help_text=_("须为所选权力事项的执法依据"))
    lead_officer = OfficerChoiceField(label=_("主办执法人员"), queryset=None, empty_label=_("请选择"),
                                      to_field_name="public_id")
    assistants = OfficerMultipleChoiceField(label=_("协办执法人员"), queryset=None, to_field_name="public_id",
                                            widget=forms.CheckboxSelectMultiple, required=False,
                                            help_text=_("立案时须有两名以上持有效执法证件的执法人员(XZCF-42)"))
    discovered_on = date_field(_("发现日期"))
    violation_on = date_field(_("违法行为发生日期"), help_text=_("用于核对处罚时效(XZCF-36)"))
    violation_continuing_until = date_field(_("连续或继续状态终了日期"), required=False)
    grave_harm = forms.BooleanField(label=_("涉及公民生命健康安全、金融安全且有危害后果"), required=False,
                                    help_text=_("适用五年追责时效(XZCF-36)"))
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {}).update({"filed_on": kwargs["initial"].get("filed_on") or today(),
                                                 "discovered_on": case.lead_received_on})
        super().__init__(*args, **kwargs)
        self.case = case
        items = power_items_for(case.body)
        self.fields["power_item"].queryset = items
        self.fields["legal_bases"].queryset = (Article.objects.filter(cited_by__power_item__in=items)
                                               .select_related("law").distinct()
                                               .order_by("law_id", "number", "sub_number"))
        on = self._filing_date()
        officers = officers_certified_for(case.body, on=on, category=case.category.code)
        numbers = certificate_numbers(officers, on=on, category_code=case.category.code)
        for name in ("lead_officer", "assistants"):
            self.fields[name].queryset = officers
            self.fields[name].numbers = numbers
        _require_messages(self)
        self.fields["legal_bases"].error_messages["required"] = _("请至少选择一条法律依据")
        self.fields["lead_officer"].error_messages["invalid_choice"] = _(
            "该执法人员在立案日期未持有本主体、本类别的有效执法证件(XZCF-42)")
        self.fields["assistants"].error_messages["invalid_choice"] = _(
            "所选执法人员在立案日期未持有本主体、本类别的有效执法证件(XZCF-42)")

    def _filing_date(self) -> dt.date:
        """The officers offered are those certified on the filing date typed in (today until one is)."""
        raw = self.data.get(self.add_prefix("filed_on")) if self.is_bound else None
        if raw:
            try:
                return self.fields["filed_on"].to_python(raw) or today()
            except forms.ValidationError:
                pass
        return today()

    def clean(self):
        data = super().clean()
        item, bases = data.get("power_item"), data.get("legal_bases")
        if item and bases is not None:
            allowed = set(item.legal_bases.values_list("article_id", flat=True))
            if any(a.pk not in allowed for a in bases):
                self.add_error("legal_bases", _("法律依据须为所选权力事项的执法依据"))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        lead = data.pop("lead_officer")
        assistants = [o for o in data.pop("assistants") if o.pk != lead.pk]
        data["officers"] = [lead, *assistants]
        data["legal_bases"] = list(data["legal_bases"])
        return data

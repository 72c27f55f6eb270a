"""Forms of the evidence screens and the officer's field screens: they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.enforcement.enums import EvidenceKind, PartyType
from fazhi.enforcement.services import evidence as services
from fazhi.orgs.models import EnforcementBody, EnforcementCategory
from fazhi.personnel.enums import OfficerStatus
from fazhi.personnel.forms import DateInput, FazhiForm, date_field
from fazhi.personnel.models import Officer
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import Article, PowerItem

# The form path reads the whole request before the view runs (Django spools big files to a temp file); bigger
# files go through the resumable upload.
SMALL_UPLOAD_MAX = 200 * 1024 * 1024


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OfficerMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EvidenceMetaForm(FazhiForm):
    """What is said about a piece of evidence (the same for the form upload and the resumable one)."""

    kind = forms.ChoiceField(label=_("证据类型"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("证据名称"), max_length=200)
    collected_on = date_field(_("取证日期"))
    location = forms.CharField(label=_("取证地点"), max_length=200, required=False)
    collected_by = OfficerChoiceField(label=_("取证人"), queryset=Officer.objects.none(), required=False)
    description = forms.CharField(label=_("证明内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {"collected_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["collected_by"].queryset = services.collector_choices(case=case)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "title": data["title"], "collected_on": data["collected_on"],
                "location": data["location"], "collected_by": data["collected_by"],
                "description": data["description"]}


class EvidenceAddForm(EvidenceMetaForm):
    """The simple path: one form upload of a small file."""

    file = forms.FileField(label=_("文件"), error_messages={"required": _("请选择文件")})

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > SMALL_UPLOAD_MAX:
            raise forms.ValidationError(_("文件超过 200 MB,请使用断点续传上传"))
        return file


class UploadCreateForm(EvidenceMetaForm):
    """POST that opens a resumable upload (JSON or form-encoded)."""

    filename = forms.CharField(max_length=255)
    size = forms.IntegerField(min_value=1)
    declared_type = forms.CharField(max_length=100, required=False)


# --- field screens ---------------------------------------------------------------------------------------------------


class FieldCaseOpenForm(FazhiForm):
    """现场立案: the lead found on site and its filing in one step (officers[0] is the lead officer, XZCF-42)."""

    body = forms.ModelChoiceField(label=_("执法主体"), queryset=EnforcementBody.objects.none())
    category = forms.ModelChoiceField(label=_("执法类别"), queryset=EnforcementCategory.objects.none())
    title = forms.CharField(label=_("案由"), max_length=200)
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=200)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=18, required=False)
    party_address = forms.CharField(label=_("住所/地址"), max_length=300, required=False)
    party_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    lead_summary = forms.CharField(label=_("现场发现的情况"), widget=forms.Textarea(attrs={"rows": 3}))
    power_item = forms.ModelChoiceField(label=_("权力事项"), queryset=PowerItem.objects.none())
    legal_bases = forms.ModelMultipleChoiceField(label=_("法律依据"), queryset=Article.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)
    lead_officer = OfficerChoiceField(label=_("主办执法人员"), queryset=Officer.objects.none())
    assist_officers = OfficerMultipleChoiceField(label=_("协办执法人员"), queryset=Officer.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)
    filed_on = date_field(_("立案日期"))
    discovered_on = date_field(_("发现日期"))
    violation_on = date_field(_("违法行为发生日期"))
    facts = forms.CharField(label=_("违法事实"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"filed_on": today, "discovered_on": today})
        super().__init__(*args, **kwargs)
        org_id = user.organisation_id
        bodies = EnforcementBody.objects.filter(organisation_id=org_id).order_by("name")
        self.fields["body"].queryset = bodies
        self.fields["category"].queryset = EnforcementCategory.objects.filter(bodies__in=bodies).distinct()
        items = PowerItem.objects.filter(departments__id=org_id, status=PowerItemStatus.PUBLISHED,
                                         category=PowerCategory.PENALTY).distinct().order_by("code")
        self.fields["power_item"].queryset = items
        self.fields["legal_bases"].queryset = (Article.objects.filter(cited_by__power_item__in=items)
                                               .select_related("law").distinct().order_by("law_id", "number"))
        self.fields["legal_bases"].label_from_instance = lambda a: f"{a.law.short_title or a.law.title}{a.label}"
        officers = Officer.objects.filter(organisation_id=org_id, status=OfficerStatus.ACTIVE).order_by("name")
        self.fields["lead_officer"].queryset = officers
        self.fields["assist_officers"].queryset = officers
        own = Officer.objects.filter(user=user).first()
        if own is not None and "lead_officer" not in self.initial:
            self.initial["lead_officer"] = own.pk
        if bodies.count() == 1:
            self.initial.setdefault("body", bodies.first().pk)

    def clean(self):
        data = super().clean()
        lead, assist = data.get("lead_officer"), list(data.get("assist_officers") or [])
        if lead is not None:
            data["officers"] = [lead] + [o for o in assist if o.pk != lead.pk]
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        keys = ("body", "title", "category", "party_type", "party_name", "lead_summary", "power_item", "filed_on",
                "discovered_on", "violation_on", "facts", "party_id_number", "party_address", "party_phone")
        return {**{k: data[k] for k in keys}, "legal_bases": list(data["legal_bases"]), "officers": data["officers"]}


class OnsiteRecordForm(FazhiForm):
    """现场笔录 with the certificates shown (XZCF-52/55)."""

    occurred_at = forms.DateTimeField(label=_("时间"), widget=DateTimeInput(),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
    place = forms.CharField(label=_("地点"), max_length=200)
    officers = OfficerMultipleChoiceField(label=_("在场执法人员"), queryset=Officer.objects.none(),
                                          widget=forms.CheckboxSelectMultiple)
    certificates_shown = forms.MultipleChoiceField(label=_("出示的执法证件"), choices=(),
                                                   widget=forms.CheckboxSelectMultiple)
    party_present = forms.CharField(label=_("当事人或在场人"), max_length=100)
    content = forms.CharField(label=_("笔录内容"), widget=forms.Textarea(attrs={"rows": 6}))
    signed_by_party = forms.BooleanField(label=_("当事人已签名确认"), required=False, initial=True)
    witness = forms.CharField(label=_("见证人(当事人拒签时)"), max_length=100, required=False)

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault("initial", {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)})
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["officers"].queryset = Officer.objects.filter(
            case_assignments__case=case, case_assignments__active=True).order_by("name")
        self.fields["certificates_shown"].choices = services.certificate_choices(case=case)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"occurred_at": data["occurred_at"], "place": data["place"], "officers": list(data["officers"]),
                "certificates_shown": list(data["certificates_shown"]), "party_present": data["party_present"],
                "content": data["content"], "signed_by_party": data["signed_by_party"], "witness": data["witness"]}


__all__ = ["DateInput", "EvidenceAddForm", "EvidenceMetaForm", "FieldCaseOpenForm", "OnsiteRecordForm",
           "UploadCreateForm"]

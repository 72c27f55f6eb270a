"""Forms of the personnel screens: Chinese labels and errors; they parse input, the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import add_service_error
from fazhi.core.validators import validate_id_number
from fazhi.orgs.models import EnforcementCategory
from fazhi.personnel import selectors
from fazhi.personnel.enums import (
    CertificateStatus,
    Gender,
    OfficerStatus,
    StaffType,
    SupervisorSector,
    SupervisorStatus,
)

BLANK = [("", _("全部"))]
EXPIRING_CHOICES = [("", _("不限")), (30, _("30日内")), (60, _("60日内")), (90, _("90日内")), (180, _("180日内"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text,
                           error_messages={"required": format_lazy(_("请填写{label}"), label=label),
                                           "invalid": _("日期格式应为 年-月-日")})


class FazhiForm(forms.Form):
    error_css_class = "field-error"
    required_css_class = "required"

    def add_service_error(self, exc: Exception) -> None:
        """Show a service's DomainError or ValidationError next to its field (or above the form)."""
        add_service_error(self, exc)


# --- list filters -------------------------------------------------------------------------------------------


class FilterForm(FazhiForm):
    """GET filters of a list. Invalid values are dropped (and shown), never a 500. SORTS whitelists ?sort=."""

    SORTS: dict[str, tuple[str, tuple[str, ...]]] = {}
    DEFAULT_SORT = ""

    def __init__(self, data=None, *, user=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        if self.SORTS:
            self.fields["sort"] = forms.ChoiceField(
                label=_("排序"), required=False, choices=[(k, label) for k, (label, _o) in self.SORTS.items()]
            )
        self.prepare(user)
        self.is_valid()  # fills cleaned_data with the valid fields; errors are shown next to the others

    def prepare(self, user) -> None:
        """Set choices that depend on the user or the database (per instance, never on the class)."""

    def filters(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "sort" and v not in (None, "", False)}

    def ordering(self) -> tuple[str, ...]:
        key = self.cleaned_data.get("sort") or self.DEFAULT_SORT
        return self.SORTS[key][1] if key in self.SORTS else ()


def organisation_choices(user) -> list:
    return BLANK + [(str(org.public_id), org.name) for org in selectors.organisations_for_user(user=user)]


class OfficerFilterForm(FilterForm):
    SORTS = {
        "name": (_("姓名"), ("name", "pk")),
        "-name": (_("姓名(倒序)"), ("-name", "-pk")),
        "organisation": (_("单位"), ("organisation__sort_order", "organisation__name", "name", "pk")),
        "-organisation": (_("单位(倒序)"), ("-organisation__sort_order", "-organisation__name", "name", "pk")),
        "status": (_("状态"), ("status", "organisation__sort_order", "name", "pk")),
        "-status": (_("状态(倒序)"), ("-status", "organisation__sort_order", "name", "pk")),
    }
    DEFAULT_SORT = "organisation"

    q = forms.CharField(label=_("姓名/身份证号/证件编号"), required=False, max_length=50)
    organisation = forms.ChoiceField(label=_("单位"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + OfficerStatus.choices)
    staff_type = forms.ChoiceField(label=_("人员类别"), required=False, choices=BLANK + StaffType.choices)
    expiring_within = forms.TypedChoiceField(label=_("证件到期"), required=False, choices=EXPIRING_CHOICES,
                                             coerce=int, empty_value=None)
    no_valid_certificate = forms.BooleanField(label=_("无有效证件"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = organisation_choices(user)


class CertificateFilterForm(FilterForm):
    SORTS = {
        "-valid_to": (_("有效期止(近→远)"), ("-valid_to", "number")),
        "valid_to": (_("有效期止(早→晚)"), ("valid_to", "number")),
        "number": (_("证件编号"), ("number",)),
        "-number": (_("证件编号(倒序)"), ("-number",)),
        "holder": (_("持证人"), ("officer__name", "number")),
        "-holder": (_("持证人(倒序)"), ("-officer__name", "number")),
        "organisation": (_("单位"), ("officer__organisation__sort_order", "officer__organisation__name", "number")),
        "-organisation": (_("单位(倒序)"), ("-officer__organisation__sort_order", "-officer__organisation__name",
                                          "number")),
        "status": (_("状态"), ("status", "valid_to", "number")),
        "-status": (_("状态(倒序)"), ("-status", "valid_to", "number")),
    }
    DEFAULT_SORT = "-valid_to"

    q = forms.CharField(label=_("证件编号/持证人"), required=False, max_length=50)
    organisation = forms.ChoiceField(label=_("单位"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + CertificateStatus.choices)
    expiring_within = forms.TypedChoiceField(label=_("证件到期"), required=False, choices=EXPIRING_CHOICES,
                                             coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("执法类别"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = organisation_choices(user)
        self.fields["category"].choices = BLANK + [(c.code, c.name) for c in EnforcementCategory.objects.all()]


class ExamFilterForm(FilterForm):
    SORTS = {
        "-taken_on": (_("考试日期(新→旧)"), ("-taken_on", "officer__name")),
        "taken_on": (_("考试日期(旧→新)"), ("taken_on", "officer__name")),
        "name": (_("姓名"), ("officer__name", "-taken_on")),
        "-score": (_("成绩(高→低)"), ("-score", "officer__name")),
    }
    DEFAULT_SORT = "-taken_on"

    q = forms.CharField(label=_("姓名/考试名称"), required=False, max_length=50)
    organisation = forms.ChoiceField(label=_("单位"), required=False)
    passed = forms.ChoiceField(label=_("是否合格"), required=False,
                               choices=BLANK + [("1", _("合格")), ("0", _("不合格"))])

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = organisation_choices(user)


class SupervisorFilterForm(FilterForm):
    SORTS = {
        "name": (_("姓名"), ("name", "pk")),
        "-term_end": (_("聘任止(新→旧)"), ("-term_end", "name")),
        "sector": (_("界别"), ("sector", "name")),
    }
    DEFAULT_SORT = "name"

    q = forms.CharField(label=_("姓名/工作单位"), required=False, max_length=50)
    sector = forms.ChoiceField(label=_("界别"), required=False, choices=BLANK + SupervisorSector.choices)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + SupervisorStatus.choices)


# --- officers -----------------------------------------------------------------------------------------------


class OfficerForm(FazhiForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    gender = forms.ChoiceField(label=_("性别"), choices=Gender.choices)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, min_length=18,
                                validators=[validate_id_number],
                                error_messages={"min_length": _("身份证号码须为18位")})
    organisation = forms.ModelChoiceField(label=_("所属单位"), queryset=None, to_field_name="public_id",
                                          empty_label=_("请选择"))
    post = forms.CharField(label=_("职务/岗位"), max_length=50, required=False)
    staff_type = forms.ChoiceField(label=_("人员类别"), choices=StaffType.choices,
                                   help_text=_("辅助人员不得申领行政执法证件"))
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_for_user(user=user)
        for field in self.fields.values():
            field.error_messages["required"] = format_lazy(_("请填写{label}"), label=field.label)

    def clean_id_number(self):
        return (self.cleaned_data.get("id_number") or "").strip().upper()

    @staticmethod
    def initial_for(officer) -> dict:
        return {"name": officer.name, "gender": officer.gender, "id_number": officer.id_number,
                "organisation": officer.organisation, "post": officer.post, "staff_type": officer.staff_type,
                "phone": officer.phone}


class OfficerLeaveForm(FazhiForm):
    left_on = date_field(_("离岗日期"))
    reason = forms.CharField(label=_("离岗原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("请填写离岗原因")})


class TrainingForm(FazhiForm):
    course = forms.CharField(label=_("培训课程"), max_length=200, error_messages={"required": _("请填写培训课程")})
    organiser = forms.CharField(label=_("主办单位"), max_length=100, required=False)
    held_on = date_field(_("培训日期"))
    hours = forms.DecimalField(label=_("学时"), min_value=Decimal("0.5"), max_value=Decimal("999"), decimal_places=1,
                               error_messages={"required": _("请填写学时")})


class ExamForm(FazhiForm):
    exam_name = forms.CharField(label=_("考试名称"), max_length=200, error_messages={"required": _("请填写考试名称")})
    taken_on = date_field(_("考试日期"))
    score = forms.DecimalField(label=_("成绩"), min_value=0, max_value=100, decimal_places=1,
                               error_messages={"required": _("请填写成绩")})
    passed = forms.BooleanField(label=_("考试合格"), required=False)


# --- certificates -------------------------------------------------------------------------------------------


class CertificateIssueForm(FazhiForm):
    number = forms.CharField(label=_("证件编号"), max_length=30, error_messages={"required": _("请填写证件编号")})
    categories = forms.ModelMultipleChoiceField(
        label=_("执法类别"), queryset=EnforcementCategory.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple, error_messages={"required": _("请至少选择一个执法类别")},
    )
    area = forms.CharField(label=_("执法区域"), max_length=100, error_messages={"required": _("请填写执法区域")})
    valid_from = date_field(_("有效期起"))
    valid_to = date_field(_("有效期止"), required=False, help_text=_("留空则按本地区换证周期计算"))
    issuing_authority = forms.CharField(label=_("发证机关"), max_length=100, required=False,
                                        help_text=_("留空则使用本地区的发证机关"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("area", settings.FAZHI_REGION_NAME)
        kwargs["initial"].setdefault("valid_from", selectors.today())
        super().__init__(*args, **kwargs)


class CertificateRenewForm(FazhiForm):
    number = forms.CharField(label=_("新证件编号"), max_length=30, error_messages={"required": _("请填写新证件编号")})
    valid_from = date_field(_("新证有效期起"))
    valid_to = date_field(_("新证有效期止"), required=False, help_text=_("留空则按本地区换证周期计算"))


class CertificateActionForm(FazhiForm):
    reason = forms.CharField(label=_("原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field(_("生效日期"), required=False, help_text=_("留空为今天"))

    def __init__(self, *args, verb: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = format_lazy(_("{verb}原因"), verb=verb)
        self.fields["reason"].error_messages["required"] = format_lazy(_("请填写{verb}原因"), verb=verb)


# --- volunteer supervisors ----------------------------------------------------------------------------------


class SupervisorForm(FazhiForm):
    name = forms.CharField(label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名")})
    gender = forms.ChoiceField(label=_("性别"), choices=Gender.choices)
    sector = forms.ChoiceField(label=_("界别"), choices=SupervisorSector.choices)
    work_unit = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    term_start = date_field(_("聘任起"))
    term_end = date_field(_("聘任止"))

    def clean(self):
        data = super().clean()
        if data.get("term_start") and data.get("term_end") and data["term_end"] < data["term_start"]:
            self.add_error("term_end", _("聘任止不能早于聘任起"))
        return data


class SupervisorEditForm(SupervisorForm):
    status = forms.ChoiceField(label=_("状态"), choices=SupervisorStatus.choices)

    @staticmethod
    def initial_for(supervisor) -> dict:
        return {f: getattr(supervisor, f) for f in ("name", "gender", "sector", "work_unit", "phone", "term_start",
                                                    "term_end", "status")}

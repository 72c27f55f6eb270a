"""Forms of the random-inspection staff screens: Chinese labels and errors. They parse input and offer only the
choices the user may take (the department's listed items, the drawn team of the department); the services decide
(GB58-TEAM, GB58-RATIO, XZCF-42 …) and their refusals come back on the field with the rule id."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.errors import DomainError
from fazhi.core.forms import add_service_error
from fazhi.core.validators import is_valid_uscc
from fazhi.inspections.enums import (
    ObjectKind,
    PlanStatus,
    RegistrationStatus,
    ResultOutcome,
    RiskGrade,
    TaskKind,
    TaskStatus,
)
from fazhi.inspections.models import InspectionObject, InspectionPlan
from fazhi.inspections.rules import MAX_RATIO, MIN_TEAM_SIZE
from fazhi.orgs.enums import BodyStatus
from fazhi.orgs.models import EnforcementCategory, Jurisdiction, Organisation
from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm, date_field
from fazhi.personnel.models import Officer
from fazhi.personnel.selectors import organisations_for_user, today
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem

# Further departments a joint inspection may take in on one screen (the lead is always the first part).
JOINT_SLOTS = 3
PHOTO_MAX_BYTES = 20 * 1024 * 1024


def _require_messages(form: forms.Form) -> None:
    for field in form.fields.values():
        field.error_messages["required"] = format_lazy(_("请填写{label}"), label=field.label)
        if "invalid_choice" in field.error_messages:
            field.error_messages["invalid_choice"] = _("所选项不在可选范围内")
        if "invalid_pk_value" in field.error_messages:
            field.error_messages["invalid_pk_value"] = _("所选项不在可选范围内")


def _ratio_field(label):
    return forms.DecimalField(label=label, max_digits=5, decimal_places=2, min_value=Decimal("0"),
                              max_value=MAX_RATIO,
                              error_messages={"max_value": _("抽查比例不能超过100%%(GB58-RATIO)"),
                                              "min_value": _("抽查比例不能小于0"),
                                              "invalid": _("请填写数字"),
                                              "max_digits": _("抽查比例最多两位小数"),
                                              "max_decimal_places": _("抽查比例最多两位小数")})


RATIO_FIELDS = ("ratio_a", "ratio_b", "ratio_c", "ratio_d")


def ratio_fields() -> dict:
    return {
        "ratio_a": _ratio_field(_("A类抽查比例(%)")),
        "ratio_b": _ratio_field(_("B类抽查比例(%)")),
        "ratio_c": _ratio_field(_("C类抽查比例(%)")),
        "ratio_d": _ratio_field(_("D类抽查比例(%)")),
    }


def ratios_from(data: dict) -> dict:
    """The four ratio fields as the services take them: {grade: Decimal percent}."""
    return {grade: data[name] for grade, name in zip("ABCD", RATIO_FIELDS, strict=True) if data.get(name) is not None}


def posted(request):
    """The form data of a POST (even an empty one, so that a form without input shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ServiceForm(FazhiForm):
    """A form whose fields are not named exactly as the service's arguments: `service_field(exc)` says which form
    field a DomainError belongs to, so that the error (with its rule id) is shown next to it."""

    FIELD_ALIASES: dict[str, str] = {}

    def service_field(self, exc: DomainError) -> str | None:
        if exc.field in self.fields:
            return exc.field
        if exc.field == "ratios":
            for grade, name in zip("ABCD", RATIO_FIELDS, strict=True):
                if exc.message.startswith(f"{grade}类") and name in self.fields:
                    return name
        return self.FIELD_ALIASES.get(exc.field or "")

    def add_service_error(self, exc: Exception) -> None:
        if isinstance(exc, DomainError) and exc.field not in self.fields:
            exc = DomainError(exc.code, exc.message, field=self.service_field(exc), rule=exc.rule)
        add_service_error(self, exc)


# --- departments --------------------------------------------------------------------------------------------


def department_queryset(user):
    """The departments the user may work for: visible organisations with an active enforcement body."""
    return (organisations_for_user(user=user)
            .filter(bodies__status=BodyStatus.ACTIVE).distinct().order_by("sort_order", "name"))


def all_departments():
    """Every department that may take part in a joint inspection (any organisation with an active body)."""
    return (Organisation.objects.filter(is_active=True, bodies__status=BodyStatus.ACTIVE)
            .distinct().order_by("sort_order", "name"))


def department_categories(organisation) -> list[EnforcementCategory]:
    return list(EnforcementCategory.objects.filter(
        bodies__organisation=organisation, bodies__status=BodyStatus.ACTIVE).distinct().order_by("code"))


def listed_items(organisation):
    """The department's published inspection items marked for random inspection (the item list)."""
    return (PowerItem.objects.filter(departments=organisation, category=PowerCategory.INSPECTION,
                                     status=PowerItemStatus.PUBLISHED, is_inspection_item=True)
            .order_by("code").distinct())


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class DepartmentChoiceForm(FazhiForm):
    """The department a page is about (shown only to those who may see more than one)."""

    organisation = forms.ModelChoiceField(label=_("部门"), queryset=None, to_field_name="public_id",
                                          empty_label=None, required=False)

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = department_queryset(user)
        self.user = user

    def department(self):
        queryset = self.fields["organisation"].queryset
        if self.is_bound and self.is_valid() and self.cleaned_data.get("organisation"):
            return self.cleaned_data["organisation"]
        own = getattr(self.user, "organisation", None)
        if own is not None and queryset.filter(pk=own.pk).exists():
            return own
        return queryset.first()

    @property
    def has_choice(self) -> bool:
        return self.fields["organisation"].queryset.count() > 1


# --- the object pool ----------------------------------------------------------------------------------------


def jurisdiction_choices() -> list:
    return [(j.code, f"{j.name}({j.code})") for j in Jurisdiction.objects.order_by("code")]


def _value_choices(selector) -> list:
    try:
        values = list(selector())
    except Exception:  # noqa: BLE001 - the pool's selectors arrive with helper B; no choices until then
        values = []
    return [(v, v) for v in values if v]


def industry_choices() -> list:
    from fazhi.inspections.selectors import objects as object_selectors

    return _value_choices(object_selectors.industry_choices)


def entity_type_choices() -> list:
    from fazhi.inspections.selectors import objects as object_selectors

    return _value_choices(object_selectors.entity_type_choices)


class ObjectFilterForm(FilterForm):
    SORTS = {
        "uscc": (_("统一社会信用代码"), ("uscc",)),
        "-uscc": (_("统一社会信用代码(倒序)"), ("-uscc",)),
        "name": (_("名称"), ("name", "uscc")),
        "-name": (_("名称(倒序)"), ("-name", "uscc")),
        "grade": (_("信用风险分类"), ("risk_grade", "uscc")),
        "-grade": (_("信用风险分类(倒序)"), ("-risk_grade", "uscc")),
        "-complaints": (_("投诉举报次数(多→少)"), ("-complaint_count", "uscc")),
        "-inspected": (_("最近检查日期(新→旧)"), ("-last_inspected_on", "uscc")),
        "inspected": (_("最近检查日期(旧→新)"), ("last_inspected_on", "uscc")),
    }
    DEFAULT_SORT = "uscc"

    q = forms.CharField(label=_("名称/统一社会信用代码"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("对象类别"), required=False, choices=BLANK + ObjectKind.choices)
    industry = forms.ChoiceField(label=_("所属行业"), required=False)
    jurisdiction = forms.ChoiceField(label=_("所属辖区"), required=False)
    registration_status = forms.ChoiceField(label=_("登记状态"), required=False,
                                            choices=BLANK + RegistrationStatus.choices)
    risk_grade = forms.ChoiceField(label=_("信用风险分类"), required=False, choices=BLANK + RiskGrade.choices)
    abnormal = forms.BooleanField(label=_("经营异常"), required=False)

    def prepare(self, user) -> None:
        self.fields["industry"].choices = BLANK + industry_choices()
        self.fields["jurisdiction"].choices = BLANK + jurisdiction_choices()


class UsccField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("统一社会信用代码"))
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("min_length", 18)
        super().__init__(**kwargs)
        self.error_messages["min_length"] = _("统一社会信用代码须为18位")
        self.error_messages["max_length"] = _("统一社会信用代码须为18位")

    def to_python(self, value):
        return (super().to_python(value) or "").strip().upper()

    def validate(self, value):
        super().validate(value)
        if value and len(value) == 18 and not is_valid_uscc(value):
            raise forms.ValidationError(_("统一社会信用代码校验位不正确"), code="uscc_checksum")


class ObjectForm(FazhiForm):
    uscc = UsccField()
    name = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("对象类别"), choices=ObjectKind.choices, initial=ObjectKind.MARKET_ENTITY)
    entity_type = forms.CharField(label=_("主体类型"), max_length=50, required=False,
                                  help_text=_("如:有限责任公司、个体工商户、农民专业合作社、民办非企业单位"))
    industry = forms.CharField(label=_("所属行业"), max_length=50, required=False)
    address = forms.CharField(label=_("住所(经营场所)"), max_length=200, required=False)
    jurisdiction = forms.ModelChoiceField(label=_("所属辖区"), queryset=Jurisdiction.objects.order_by("code"),
                                          to_field_name="code", required=False, empty_label=_("请选择"))
    legal_representative = forms.CharField(label=_("法定代表人(负责人)"), max_length=50, required=False)
    registered_on = date_field(_("成立日期"), required=False)
    registration_status = forms.ChoiceField(label=_("登记状态"), choices=RegistrationStatus.choices,
                                            initial=RegistrationStatus.ACTIVE)
    risk_grade = forms.ChoiceField(label=_("信用风险分类"), choices=RiskGrade.choices, initial=RiskGrade.B)
    abnormal = forms.BooleanField(label=_("列入经营异常名录"), required=False)
    complaint_count = forms.IntegerField(label=_("投诉举报次数"), min_value=0, initial=0,
                                         error_messages={"min_value": _("投诉举报次数不能为负数"),
                                                         "invalid": _("请填写整数")})

    def __init__(self, *args, obj: InspectionObject | None = None, **kwargs):
        if obj is not None:
            kwargs.setdefault("initial", self.initial_for(obj))
        super().__init__(*args, **kwargs)
        _require_messages(self)
        self.obj = obj
        if obj is not None:  # a USCC never changes: it is the object's identity in every draw snapshot
            del self.fields["uscc"]

    def clean_registered_on(self):
        value = self.cleaned_data.get("registered_on")
        if value and value > today():
            raise forms.ValidationError(_("成立日期不能晚于今天"))
        return value

    @staticmethod
    def initial_for(obj) -> dict:
        return {"uscc": obj.uscc, "name": obj.name, "kind": obj.kind, "entity_type": obj.entity_type,
                "industry": obj.industry, "address": obj.address, "jurisdiction": obj.jurisdiction,
                "legal_representative": obj.legal_representative, "registered_on": obj.registered_on,
                "registration_status": obj.registration_status, "risk_grade": obj.risk_grade,
                "abnormal": obj.abnormal, "complaint_count": obj.complaint_count}

    def changes(self) -> dict:
        """The fields that differ from the object being edited (the service refuses an edit changing nothing)."""
        initial = self.initial_for(self.obj)
        return {k: v for k, v in self.cleaned_data.items() if k in initial and initial[k] != v}


# --- conflicts of interest ------------------------------------------------------------------------------------


class ConflictFilterForm(FilterForm):
    SORTS = {
        "-declared": (_("申报日期(新→旧)"), ("-declared_on", "-id")),
        "declared": (_("申报日期(旧→新)"), ("declared_on", "id")),
        "officer": (_("执法人员"), ("officer__name", "-declared_on", "-id")),
    }
    DEFAULT_SORT = "-declared"

    q = forms.CharField(label=_("执法人员/对象名称/统一社会信用代码"), required=False, max_length=100)
    organisation = forms.ChoiceField(label=_("部门"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = BLANK + [
            (str(o.public_id), o.name) for o in department_queryset(user)] if user is not None else BLANK


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.organisation.name})"


class ConflictForm(ServiceForm):
    FIELD_ALIASES = {"obj": "uscc", "object": "uscc"}

    officer = OfficerChoiceField(label=_("执法人员"), queryset=None, to_field_name="public_id",
                                 empty_label=_("请选择"))
    uscc = UsccField(label=_("检查对象统一社会信用代码"))
    reason = forms.CharField(label=_("利害关系"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("如:近亲属担任该企业法定代表人、曾在该单位任职"))
    declared_on = date_field(_("申报日期"))

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("declared_on", today())
        super().__init__(*args, **kwargs)
        officers = Officer.objects.filter(organisation__in=department_queryset(user)).select_related(
            "organisation").order_by("organisation__sort_order", "name")
        own = Officer.objects.filter(user=user).first() if getattr(user, "is_authenticated", False) else None
        self.fields["officer"].queryset = officers
        if own is not None:
            self.fields["officer"].initial = own.public_id
        _require_messages(self)

    def clean_declared_on(self):
        value = self.cleaned_data.get("declared_on")
        if value and value > today():
            raise forms.ValidationError(_("申报日期不能晚于今天"))
        return value

    def clean(self):
        data = super().clean()
        uscc = data.get("uscc")
        if uscc:
            obj = InspectionObject.objects.filter(uscc=uscc).first()
            if obj is None:
                self.add_error("uscc", _("检查对象名录库中没有该统一社会信用代码"))
            else:
                data["obj"] = obj
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"officer": d["officer"], "obj": d["obj"], "reason": d["reason"], "declared_on": d["declared_on"]}


class ReasonForm(FazhiForm):
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        _require_messages(self)


# --- the inspector pool -------------------------------------------------------------------------------------


class InspectorPoolForm(FazhiForm):
    organisation = forms.ModelChoiceField(label=_("部门"), queryset=None, to_field_name="public_id",
                                          empty_label=None)
    category = forms.ModelChoiceField(label=_("执法类别"), queryset=EnforcementCategory.objects.order_by("code"),
                                      to_field_name="code", empty_label=None)
    start_on = date_field(_("检查开始日期"))
    end_on = date_field(_("检查结束日期"))

    def __init__(self, data=None, *, user, **kwargs):
        departments = department_queryset(user)
        own = getattr(user, "organisation", None)
        department = own if own is not None and departments.filter(pk=own.pk).exists() else departments.first()
        day = today()
        categories = department_categories(department) if department is not None else []
        initial = {"organisation": department.public_id if department else None,
                   "category": categories[0].code if categories else None,
                   "start_on": day, "end_on": day + dt.timedelta(days=30)}
        if data is not None:
            data = {**{k: v for k, v in initial.items() if v is not None}, **data.dict()}
        super().__init__(data, initial=initial, **kwargs)
        self.fields["organisation"].queryset = departments
        _require_messages(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("检查结束日期不能早于检查开始日期"))
        return data


# --- implementing rules -------------------------------------------------------------------------------------


class RulesForm(FazhiForm):
    organisation = forms.ModelChoiceField(label=_("部门"), queryset=None, to_field_name="public_id",
                                          empty_label=None)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}))
    effective_on = date_field(_("施行日期"))
    file = forms.FileField(label=_("附件(可选)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.ofd"}))

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("effective_on", today())
        super().__init__(*args, **kwargs)
        departments = department_queryset(user)
        self.fields["organisation"].queryset = departments
        own = getattr(user, "organisation", None)
        if own is not None and departments.filter(pk=own.pk).exists():
            self.fields["organisation"].initial = own.public_id
        _require_messages(self)


# --- annual plans -------------------------------------------------------------------------------------------


class PlanFilterForm(FilterForm):
    SORTS = {
        "-year": (_("年度(新→旧)"), ("-year", "organisation__sort_order", "-id")),
        "year": (_("年度(旧→新)"), ("year", "organisation__sort_order", "id")),
        "status": (_("状态"), ("status", "-year", "-id")),
    }
    DEFAULT_SORT = "-year"

    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + PlanStatus.choices)
    organisation = forms.ChoiceField(label=_("部门"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = BLANK + [
            (str(o.public_id), o.name) for o in department_queryset(user)] if user is not None else BLANK


class PlanForm(ServiceForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100,
                              error_messages={"invalid": _("请填写年度,如2026")})
    title = forms.CharField(label=_("计划名称"), max_length=200)
    items = ItemChoiceField(label=_("抽查事项"), queryset=None, widget=forms.CheckboxSelectMultiple,
                            help_text=_("本部门随机抽查事项清单中的事项"))
    frequency = forms.CharField(label=_("抽查频次"), max_length=100, help_text=_("如:每季度一次、每半年一次"))
    planned_tasks = forms.IntegerField(label=_("计划任务数"), min_value=1, initial=1,
                                       error_messages={"min_value": _("计划任务数至少为1")})
    notes = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisation, plan: InspectionPlan | None = None, **kwargs):
        if plan is not None:
            kwargs.setdefault("initial", self.initial_for(plan))
        else:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("year", today().year)
            defaults = InspectionPlan()
            for name in RATIO_FIELDS:
                initial.setdefault(name, getattr(defaults, name))
        super().__init__(*args, **kwargs)
        self.fields.update(ratio_fields())
        self.fields["items"].queryset = listed_items(organisation)
        self.organisation = organisation
        self.plan = plan
        _require_messages(self)
        self.fields["items"].error_messages["required"] = _("请至少选择一个抽查事项")

    @staticmethod
    def initial_for(plan) -> dict:
        data = {"year": plan.year, "title": plan.title, "items": list(plan.items.all()),
                "frequency": plan.frequency, "planned_tasks": plan.planned_tasks, "notes": plan.notes}
        data.update({name: getattr(plan, name) for name in RATIO_FIELDS})
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"year": d["year"], "title": d["title"], "items": list(d["items"]), "frequency": d["frequency"],
                "planned_tasks": d["planned_tasks"], "ratios": ratios_from(d), "notes": d["notes"]}


# --- tasks --------------------------------------------------------------------------------------------------

OVERDUE_CHOICES = [("", _("不限")), ("1", _("逾期未公示"))]


class TaskFilterForm(FilterForm):
    SORTS = {
        "-start": (_("开始日期(新→旧)"), ("-start_on", "-id")),
        "start": (_("开始日期(旧→新)"), ("start_on", "id")),
        "number": (_("任务编号"), ("number", "-id")),
        "-number": (_("任务编号(倒序)"), ("-number", "-id")),
        "due": (_("公示期限(近→远)"), ("publish_due", "id")),
        "-due": (_("公示期限(远→近)"), ("-publish_due", "-id")),
        "status": (_("状态"), ("status", "-start_on", "-id")),
        "-status": (_("状态(倒序)"), ("-status", "-start_on", "-id")),
    }
    DEFAULT_SORT = "-start"

    q = forms.CharField(label=_("任务编号/名称"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + TaskStatus.choices)
    kind = forms.ChoiceField(label=_("任务类型"), required=False, choices=BLANK + TaskKind.choices)
    organisation = forms.ChoiceField(label=_("部门"), required=False)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100,
                              error_messages={"invalid": _("请填写年度,如2026")})
    overdue = forms.BooleanField(label=_("逾期未公示"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = BLANK + [(str(o.public_id), o.name) for o in all_departments()]


class MultipleChoice(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class PartItemField(forms.ModelMultipleChoiceField):
    """Items of any department, grouped by department in the select (the service checks they are the part's)."""

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class TaskForm(ServiceForm):
    """A task and its parts: the lead department (category and items) and up to JOINT_SLOTS further departments
    for a joint inspection (prefixed fields part1_…, part2_…)."""

    FIELD_ALIASES = {"departments": "lead_items"}

    title = forms.CharField(label=_("任务名称"), max_length=200)
    plan = forms.ModelChoiceField(label=_("所属年度计划"), queryset=None, to_field_name="public_id", required=False,
                                  empty_label=_("(不关联计划)"))
    start_on = date_field(_("检查开始日期"))
    end_on = date_field(_("检查结束日期"))
    description = forms.CharField(label=_("任务说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead_category = forms.ModelChoiceField(label=_("执法类别"), queryset=None, to_field_name="code",
                                           empty_label=_("请选择"))
    lead_items = ItemChoiceField(label=_("抽查事项"), queryset=None, widget=forms.CheckboxSelectMultiple)
    object_kinds = MultipleChoice(label=_("对象类别"), required=False, choices=ObjectKind.choices,
                                  help_text=_("不选则不限"))
    risk_grades = MultipleChoice(label=_("信用风险分类"), required=False, choices=RiskGrade.choices,
                                 help_text=_("不选则不限"))
    industries = forms.MultipleChoiceField(label=_("行业"), required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 5}),
                                           help_text=_("不选则不限;可按住Ctrl多选"))
    entity_types = forms.MultipleChoiceField(label=_("主体类型"), required=False,
                                             widget=forms.SelectMultiple(attrs={"size": 5}),
                                             help_text=_("不选则不限"))
    jurisdiction_codes = forms.MultipleChoiceField(label=_("辖区"), required=False,
                                                   widget=forms.SelectMultiple(attrs={"size": 5}),
                                                   help_text=_("不选则不限"))
    team_size = forms.IntegerField(label=_("每个部门检查人员数"), min_value=MIN_TEAM_SIZE, initial=2,
                                   error_messages={"min_value": _("每个部门至少两名检查人员(GB58-TEAM)"),
                                                   "invalid": _("请填写整数")})
    exclusion_months = forms.IntegerField(label=_("近期已检查排除(月)"), min_value=0, max_value=120, initial=12,
                                          help_text=_("本部门在此月数内已检查过的对象不再抽取(高风险对象除外);0为不排除"),
                                          error_messages={"min_value": _("不能为负数"), "invalid": _("请填写整数")})

    def __init__(self, *args, lead_organisation, task=None, **kwargs):
        if task is not None:
            kwargs.setdefault("initial", self.initial_for(task))
        else:
            initial = kwargs.setdefault("initial", {})
            day = today()
            initial.setdefault("start_on", day)
            initial.setdefault("end_on", day + dt.timedelta(days=30))
            for name in RATIO_FIELDS:
                initial.setdefault(name, getattr(InspectionPlan(), name))
            categories = department_categories(lead_organisation)
            if len(categories) == 1:
                initial.setdefault("lead_category", categories[0].code)
        super().__init__(*args, **kwargs)
        self.lead_organisation = lead_organisation
        self.task = task
        self.fields.update(ratio_fields())
        self.fields["plan"].queryset = InspectionPlan.objects.filter(
            organisation=lead_organisation).order_by("-year")
        self.fields["lead_category"].queryset = EnforcementCategory.objects.filter(
            pk__in=[c.pk for c in department_categories(lead_organisation)])
        self.fields["lead_items"].queryset = listed_items(lead_organisation)
        self.fields["industries"].choices = industry_choices()
        self.fields["entity_types"].choices = entity_type_choices()
        self.fields["jurisdiction_codes"].choices = jurisdiction_choices()
        others = all_departments().exclude(pk=lead_organisation.pk)
        listed = (PowerItem.objects.filter(category=PowerCategory.INSPECTION, status=PowerItemStatus.PUBLISHED,
                                           is_inspection_item=True).distinct().order_by("code"))
        # offered: the other departments' items, grouped by department; accepted: any listed item, so that an item
        # of the wrong department is named in the error rather than refused as an unknown choice
        grouped = self._grouped_items(others, listed.filter(departments__in=others))
        for slot in range(1, JOINT_SLOTS + 1):
            self.fields[f"part{slot}_organisation"] = forms.ModelChoiceField(
                label=format_lazy(_("联合部门{n}"), n=slot), queryset=others, to_field_name="public_id",
                required=False, empty_label=_("(无)"))
            self.fields[f"part{slot}_category"] = forms.ModelChoiceField(
                label=format_lazy(_("联合部门{n}执法类别"), n=slot), queryset=EnforcementCategory.objects.order_by("code"),
                to_field_name="code", required=False, empty_label=_("请选择"))
            field = PartItemField(label=format_lazy(_("联合部门{n}抽查事项"), n=slot), queryset=listed,
                                  to_field_name="public_id", required=False,
                                  widget=forms.SelectMultiple(attrs={"size": 6}))
            field.choices = grouped
            self.fields[f"part{slot}_items"] = field
        _require_messages(self)
        self.fields["lead_items"].error_messages["required"] = _("请至少选择一个抽查事项")

    @staticmethod
    def _grouped_items(organisations, items) -> list:
        by_org: dict[int, list] = {}
        for item in items.prefetch_related("departments"):
            for org in item.departments.all():
                by_org.setdefault(org.pk, []).append((str(item.public_id), f"{item.code} {item.name}"))
        return [(org.name, by_org[org.pk]) for org in organisations if org.pk in by_org]

    @staticmethod
    def initial_for(task) -> dict:
        data = {"title": task.title, "plan": task.plan.public_id if task.plan_id else None,
                "start_on": task.start_on, "end_on": task.end_on, "description": task.description,
                "object_kinds": task.object_kinds, "risk_grades": task.risk_grades, "industries": task.industries,
                "entity_types": task.entity_types, "jurisdiction_codes": task.jurisdiction_codes,
                "team_size": task.team_size, "exclusion_months": task.exclusion_months}
        data.update({name: getattr(task, name) for name in RATIO_FIELDS})
        slot = 0
        for part in task.departments.select_related("organisation", "category").prefetch_related("items"):
            if part.is_lead:
                data["lead_category"] = part.category.code
                data["lead_items"] = list(part.items.all())
            else:
                slot += 1
                if slot > JOINT_SLOTS:
                    continue
                data[f"part{slot}_organisation"] = part.organisation.public_id
                data[f"part{slot}_category"] = part.category.code
                data[f"part{slot}_items"] = [str(i.public_id) for i in part.items.all()]
        return data

    def service_field(self, exc: DomainError) -> str | None:
        """A department's error goes to that department's items (the service names the department)."""
        if exc.field == "departments" and self.is_bound and hasattr(self, "cleaned_data"):
            for slot in range(1, JOINT_SLOTS + 1):
                org = self.cleaned_data.get(f"part{slot}_organisation")
                if org is not None and org.name in exc.message:
                    return f"part{slot}_items"
        return super().service_field(exc)

    def part_slots(self):
        """The joint-department fields, one tuple of bound fields per slot (for the template)."""
        return [(self[f"part{n}_organisation"], self[f"part{n}_category"], self[f"part{n}_items"])
                for n in range(1, JOINT_SLOTS + 1)]

    def main_fields(self):
        skip = {"lead_category", "lead_items", "object_kinds", "risk_grades", "industries", "entity_types",
                "jurisdiction_codes", *RATIO_FIELDS, "team_size", "exclusion_months"}
        return [self[name] for name in self.fields if name not in skip and not name.startswith("part")]

    def filter_fields(self):
        return [self[name] for name in ("object_kinds", "risk_grades", "industries", "entity_types",
                                        "jurisdiction_codes")]

    def draw_fields(self):
        return [self[name] for name in (*RATIO_FIELDS, "team_size", "exclusion_months")]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("检查结束日期不能早于检查开始日期"))
        seen = {self.lead_organisation.pk}
        for slot in range(1, JOINT_SLOTS + 1):
            org = data.get(f"part{slot}_organisation")
            category = data.get(f"part{slot}_category")
            items = data.get(f"part{slot}_items")
            if org is None:
                if category or items:
                    self.add_error(f"part{slot}_organisation", _("请选择联合部门"))
                continue
            if org.pk in seen:
                self.add_error(f"part{slot}_organisation", _("同一部门只能参加一次"))
            seen.add(org.pk)
            if category is None:
                self.add_error(f"part{slot}_category", _("请选择联合部门的执法类别"))
            if not items:
                self.add_error(f"part{slot}_items", _("请至少选择联合部门的一个抽查事项"))
            else:
                foreign = [i for i in items if not i.departments.filter(pk=org.pk).exists()]
                if foreign:
                    self.add_error(f"part{slot}_items", format_lazy(
                        _("{items} 不是{org}的抽查事项"), items="、".join(i.name for i in foreign), org=org.name))
        return data

    def departments(self) -> list[dict]:
        d = self.cleaned_data
        parts = [{"organisation": self.lead_organisation, "category": d["lead_category"],
                  "items": list(d["lead_items"])}]
        for slot in range(1, JOINT_SLOTS + 1):
            if d.get(f"part{slot}_organisation"):
                parts.append({"organisation": d[f"part{slot}_organisation"], "category": d[f"part{slot}_category"],
                              "items": list(d[f"part{slot}_items"])})
        return parts

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "plan": d.get("plan"), "start_on": d["start_on"], "end_on": d["end_on"],
                "description": d["description"], "departments": self.departments(),
                "object_kinds": list(d["object_kinds"]), "industries": list(d["industries"]),
                "entity_types": list(d["entity_types"]), "jurisdiction_codes": list(d["jurisdiction_codes"]),
                "risk_grades": list(d["risk_grades"]), "ratios": ratios_from(d), "team_size": d["team_size"],
                "exclusion_months": d["exclusion_months"]}


class WitnessesField(forms.CharField):
    """Witnesses' names, one per line (recorded with the draw)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("见证人"))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "placeholder": _("每行一人")}))
        kwargs.setdefault("help_text", _("现场见证抽取的人员姓名,每行一人"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        names = split_lines(value)
        if self.required and not names:
            raise forms.ValidationError(_("请填写至少一名见证人"))
        if len(set(names)) != len(names):
            raise forms.ValidationError(_("见证人姓名重复"))
        for name in names:
            if len(name) > 50:
                raise forms.ValidationError(_("见证人姓名过长"))
        return names


class DrawForm(FazhiForm):
    witnesses = WitnessesField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _require_messages(self)
        self.fields["witnesses"].error_messages["required"] = _("请填写至少一名见证人")


class RedrawForm(DrawForm):
    reason = forms.CharField(label=_("重新抽取理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["reason", "witnesses"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("重新抽取必须说明理由")


class AddObjectForm(ServiceForm):
    FIELD_ALIASES = {"obj": "uscc", "object": "uscc"}

    uscc = UsccField(label=_("增补对象统一社会信用代码"))
    reason = forms.CharField(label=_("增补理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    witnesses = WitnessesField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _require_messages(self)
        self.fields["reason"].error_messages["required"] = _("人工增补必须说明理由")

    def clean(self):
        data = super().clean()
        uscc = data.get("uscc")
        if uscc:
            obj = InspectionObject.objects.filter(uscc=uscc).first()
            if obj is None:
                self.add_error("uscc", _("检查对象名录库中没有该统一社会信用代码"))
            else:
                data["obj"] = obj
        return data


class DayForm(FazhiForm):
    """One date (publishing the list, ending the task, publishing the results)."""

    on = date_field(_("日期"))

    def __init__(self, *args, label=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("on", today())
        super().__init__(*args, **kwargs)
        if label:
            self.fields["on"].label = label
            self.fields["on"].error_messages["required"] = format_lazy(_("请填写{label}"), label=label)

    def clean_on(self):
        value = self.cleaned_data.get("on")
        if value and value > today():
            raise forms.ValidationError(format_lazy(_("{label}不能晚于今天"), label=self.fields["on"].label))
        return value


class DrawnChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.object.name}({obj.object.uscc})"


class NoticesForm(DayForm):
    drawn_objects = DrawnChoiceField(label=_("通知对象"), queryset=None, required=False,
                                     to_field_name="public_id", widget=forms.CheckboxSelectMultiple,
                                     help_text=_("不选则通知全部尚未通知的抽中对象"))

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, label=_("通知日期"), **kwargs)
        self.fields["drawn_objects"].queryset = (task.drawn_objects.filter(is_current=True, notice_sent_on=None)
                                                 .select_related("object").order_by("position"))


# --- results (phone) ----------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [single(f, initial) for f in files]
        for f in cleaned:
            if f is not None and f.size > PHOTO_MAX_BYTES:
                raise forms.ValidationError(format_lazy(_("照片“{name}”超过20MB"), name=f.name))
        return [f for f in cleaned if f is not None]


class InspectorChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, numbers: dict | None = None, **kwargs):
        self.numbers = numbers or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        number = self.numbers.get(obj.pk)
        return f"{obj.name}({_('执法证')} {number})" if number else obj.name


class ResultForm(FazhiForm):
    """One item's result on one drawn object, by the department's drawn team (GB58-TEAM, XZCF-42)."""

    outcome = forms.ChoiceField(label=_("检查结果"), choices=[("", _("请选择"))] + ResultOutcome.choices)
    findings = forms.CharField(label=_("检查情况"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("发现问题的,须写明问题和处理情况"))
    inspected_on = date_field(_("检查日期"))
    inspectors = InspectorChoiceField(label=_("检查人员"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                      to_field_name="public_id",
                                      help_text=_("本部门抽中的检查人员,至少两名(GB58-TEAM)"))
    photos = PhotosField(label=_("现场照片"), required=False,
                         widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
                         help_text=_("可拍照或从相册选择多张,JPEG/PNG/WEBP,每张不超过20MB"))
    case_title = forms.CharField(label=_("移送立案案由"), max_length=200, required=False,
                                 help_text=_("检查结果为“移送立案查处”时填写,不填则以事项名称生成"))

    def __init__(self, *args, team, user, **kwargs):
        """`team`: the TeamMember rows of this object for the item's department."""
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("inspected_on", today())
        own = Officer.objects.filter(user=user).first() if getattr(user, "is_authenticated", False) else None
        if own is not None and any(m.officer_id == own.pk for m in team):
            initial.setdefault("inspectors", [own.public_id])
        super().__init__(*args, **kwargs)
        officer_ids = [m.officer_id for m in team]
        self.fields["inspectors"].queryset = Officer.objects.filter(pk__in=officer_ids).order_by("name")
        self.fields["inspectors"].numbers = {m.officer_id: m.certificate_number for m in team}
        _require_messages(self)
        self.fields["outcome"].error_messages["required"] = _("请选择检查结果")
        self.fields["inspectors"].error_messages["required"] = _("请勾选检查人员")

    def clean_inspected_on(self):
        value = self.cleaned_data.get("inspected_on")
        if value and value > today():
            raise forms.ValidationError(_("检查日期不能晚于今天"))
        return value

    def clean(self):
        data = super().clean()
        inspectors = data.get("inspectors")
        if inspectors is not None and len(inspectors) < MIN_TEAM_SIZE:
            self.add_error("inspectors", _("至少两名检查人员共同检查(GB58-TEAM)"))
        if data.get("outcome") != ResultOutcome.REFERRED:
            data["case_title"] = ""
        return data

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"outcome": d["outcome"], "findings": d["findings"], "inspected_on": d["inspected_on"],
                "inspectors": list(d["inspectors"]), "photos": list(d.get("photos") or []),
                "case_title": d["case_title"]}


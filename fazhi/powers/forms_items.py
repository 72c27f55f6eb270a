"""Forms of the power-list and post screens: they parse input (citations, responsibility lines, codes), the
services decide. Chinese labels and errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.rule_table import RULES
from fazhi.orgs.models import EnforcementBody, Organisation
from fazhi.orgs.scoping import scope_queryset
from fazhi.personnel.enums import OfficerStatus
from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm, date_field
from fazhi.personnel.models import Officer
from fazhi.powers import selectors
from fazhi.powers.enums import PowerCategory, PowerItemStatus
from fazhi.powers.models import PowerItem

YES_NO = [("", _("全部")), ("1", _("是")), ("0", _("否"))]


def department_choices(user, *, all_departments: bool = False) -> list:
    qs = Organisation.objects.filter(is_active=True)
    if not all_departments:
        qs = scope_queryset(qs, user, org_field="pk")
    return [(str(o.public_id), o.name) for o in qs.order_by("sort_order", "name")]


class PowerItemFilterForm(FilterForm):
    SORTS = {
        "code": (_("事项编码"), ("code",)),
        "-code": (_("事项编码(倒序)"), ("-code",)),
        "name": (_("事项名称"), ("name", "code")),
        "-name": (_("事项名称(倒序)"), ("-name", "code")),
        "category": (_("权力类别"), ("category", "code")),
        "-category": (_("权力类别(倒序)"), ("-category", "code")),
        "status": (_("状态"), ("status", "code")),
        "-status": (_("状态(倒序)"), ("-status", "code")),
        "-updated": (_("最近修改"), ("-updated_at", "code")),
    }
    DEFAULT_SORT = "code"

    q = forms.CharField(label=_("编码/名称"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("权力类别"), required=False, choices=BLANK + PowerCategory.choices)
    department = forms.ChoiceField(label=_("实施部门"), required=False)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=BLANK + PowerItemStatus.choices)
    is_inspection_item = forms.ChoiceField(label=_("随机抽查事项"), required=False, choices=YES_NO)
    needs_review = forms.BooleanField(label=_("待复核"), required=False)

    def prepare(self, user) -> None:
        self.fields["department"].choices = BLANK + department_choices(user)


class InspectionFilterForm(FilterForm):
    SORTS = {"code": (_("事项编码"), ("code",)), "name": (_("事项名称"), ("name", "code"))}
    DEFAULT_SORT = "code"

    q = forms.CharField(label=_("编码/名称"), required=False, max_length=100)
    department = forms.ChoiceField(label=_("实施部门"), required=False)

    def prepare(self, user) -> None:
        self.fields["department"].choices = BLANK + department_choices(user)


class PowerItemForm(FazhiForm):
    """A draft (or the new content of an adjustment). Legal bases are written as citations and resolved to
    articles here; responsibility items as “环节:内容” lines."""

    code = forms.CharField(label=_("事项编码"), max_length=50)
    name = forms.CharField(label=_("事项名称"), max_length=300)
    category = forms.ChoiceField(label=_("权力类别"), choices=PowerCategory.choices)
    parent_code = forms.CharField(label=_("上级事项编码"), max_length=50, required=False,
                                  help_text=_("子项填写其上级事项的编码"))
    departments = forms.MultipleChoiceField(label=_("实施部门"), widget=forms.SelectMultiple(attrs={"size": 6}),
                                            help_text=_("第一个选中的部门为主办部门"))
    legal_bases = forms.CharField(
        label=_("法律依据"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如:《中华人民共和国行政许可法》第十二条;多项以分号或换行分隔"))
    responsibilities = forms.CharField(
        label=_("责任事项"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项,写作“环节:内容”,如“受理:…”;环节为受理、审查、决定、送达、执行、事后监管或其他"))
    accountability = forms.CharField(label=_("追责情形"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    statutory_time_limit = forms.CharField(label=_("法定时限"), max_length=200, required=False)
    deadline_rule_id = forms.ChoiceField(label=_("期限规则编号"), required=False)
    committed_time_limit = forms.CharField(label=_("承诺时限"), max_length=200, required=False)
    fees = forms.CharField(label=_("收费标准"), max_length=300, required=False)
    fee_basis = forms.CharField(label=_("收费依据"), max_length=300, required=False)
    remedies = forms.CharField(label=_("救济途径"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    flow_description = forms.CharField(label=_("运行流程"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    is_inspection_item = forms.BooleanField(label=_("列入随机抽查事项"), required=False)
    inspection_method = forms.CharField(label=_("检查方式"), max_length=200, required=False)
    inspection_object_scope = forms.CharField(label=_("检查对象范围"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Items may be implemented jointly with departments outside one's own scope; the service requires one's own.
        self.fields["departments"].choices = department_choices(user, all_departments=True)
        self.fields["deadline_rule_id"].choices = [("", _("不适用"))] + [
            (r.id, f"{r.id} {r.must}") for r in RULES]

    def clean_parent_code(self):
        code = (self.cleaned_data.get("parent_code") or "").strip()
        if not code:
            return None
        parent = PowerItem.objects.filter(code=code).first()
        if parent is None:
            raise forms.ValidationError(_("上级事项不存在"))
        return parent

    def clean_departments(self):
        ids = self.cleaned_data.get("departments") or []
        by_id = {str(o.public_id): o for o in Organisation.objects.filter(public_id__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

    def clean_legal_bases(self):
        bases, errors = selectors.CitationResolver().resolve(self.cleaned_data.get("legal_bases") or "")
        if errors:
            raise forms.ValidationError(errors)
        return bases

    def clean_responsibilities(self):
        try:
            return selectors.responsibilities_parse(self.cleaned_data.get("responsibilities") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["parent"] = data.pop("parent_code")
        for key in ("reason", "effective_on", "document_number"):
            data.pop(key, None)
        return data

    @staticmethod
    def initial_for(item: PowerItem) -> dict:
        initial = {field: getattr(item, field) for field in (
            "code", "name", "category", "accountability", "statutory_time_limit", "deadline_rule_id",
            "committed_time_limit", "fees", "fee_basis", "remedies", "flow_description", "is_inspection_item",
            "inspection_method", "inspection_object_scope")}
        initial["parent_code"] = item.parent.code if item.parent_id else ""
        initial["departments"] = [str(d.public_id) for d in selectors.ordered_departments(item)]
        initial["legal_bases"] = ";\n".join(selectors.basis_label(b.article, b.paragraph, b.item)
                                            for b in item.legal_bases.select_related("article__law"))
        initial["responsibilities"] = "\n".join(selectors.responsibilities_format(item.responsibilities.all())
                                                .split("|")) if item.responsibilities.exists() else ""
        return initial


class VersionFields(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("请填写原因")})
    document_number = forms.CharField(label=_("文号"), max_length=100, required=False,
                                      help_text=_("决定公布、调整或取消的文件文号,如 赛政发〔2017〕12号"))
    effective_on = date_field(_("生效日期"))


class PowerItemAdjustForm(PowerItemForm):
    """An adjustment: the item's new content, and why, by which document, from which day."""

    reason = VersionFields.base_fields["reason"]
    document_number = VersionFields.base_fields["document_number"]
    effective_on = VersionFields.base_fields["effective_on"]


class PowerItemStepForm(FazhiForm):
    """Publishing or abolishing: why, by which document, from which day."""

    reason = VersionFields.base_fields["reason"]
    document_number = VersionFields.base_fields["document_number"]
    effective_on = VersionFields.base_fields["effective_on"]


class ReviewConfirmForm(FazhiForm):
    """Confirming, after review, that an amended or repealed law does not affect the item."""

    reason = forms.CharField(label=_("复核意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("说明为何所依据法规的修改或废止不影响本事项,执法依据无需调整"),
                             error_messages={"required": _("请填写复核意见")})


class DiffForm(FazhiForm):
    on_a = date_field(_("起始日期"))
    on_b = date_field(_("截止日期"))
    department = forms.ChoiceField(label=_("实施部门"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = BLANK + department_choices(user)

    def clean_department(self):
        value = self.cleaned_data.get("department")
        return Organisation.objects.filter(public_id=value).first() if value else None


class PostFilterForm(FilterForm):
    SORTS = {"body": (_("执法主体"), ("body__organisation__sort_order", "body__name", "name")),
             "name": (_("岗位名称"), ("name", "body__name"))}
    DEFAULT_SORT = "body"

    q = forms.CharField(label=_("岗位名称"), required=False, max_length=100)
    body = forms.ChoiceField(label=_("执法主体"), required=False)

    def prepare(self, user) -> None:
        self.fields["body"].choices = BLANK + body_choices(user)


def body_choices(user) -> list:
    qs = scope_queryset(EnforcementBody.objects.all(), user).select_related("organisation").order_by(
        "organisation__sort_order", "name")
    return [(str(b.public_id), b.name) for b in qs]


class PostForm(FazhiForm):
    body = forms.ChoiceField(label=_("执法主体"))
    name = forms.CharField(label=_("岗位名称"), max_length=100)
    duties = forms.CharField(label=_("岗位职责"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    power_items = forms.MultipleChoiceField(label=_("承担事项"), required=False, widget=forms.CheckboxSelectMultiple)
    officers = forms.MultipleChoiceField(label=_("在岗人员"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, body: EnforcementBody | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = body_choices(user)
        if body is None and self.is_bound:
            body = scope_queryset(EnforcementBody.objects.all(), user).filter(
                public_id__in=[v for v in [self.data.get("body")] if v and _is_uuid(v)]).first()
        self.body = body
        if body is not None:
            self.fields["body"].initial = str(body.public_id)
            items = PowerItem.objects.filter(departments=body.organisation_id).exclude(
                status=PowerItemStatus.ABOLISHED).order_by("code")
            self.fields["power_items"].choices = [(str(i.public_id), f"{i.code} {i.name}") for i in items]
            officers = Officer.objects.filter(organisation_id=body.organisation_id,
                                              status=OfficerStatus.ACTIVE).order_by("name")
            self.fields["officers"].choices = [(str(o.public_id), o.name) for o in officers]

    def clean_body(self):
        return self.body

    def clean_power_items(self):
        ids = self.cleaned_data.get("power_items") or []
        return list(PowerItem.objects.filter(public_id__in=ids))

    def clean_officers(self):
        ids = self.cleaned_data.get("officers") or []
        return list(Officer.objects.filter(public_id__in=ids))


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True

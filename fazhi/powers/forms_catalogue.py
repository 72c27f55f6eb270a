"""Forms of the service-item screens: they parse input; the catalogue services decide."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm, date_field
from fazhi.powers import selectors
from fazhi.powers.enums import ServiceItemKind
from fazhi.powers.models import ServiceItem

YES_NO = [("", _("全部")), ("1", _("是")), ("0", _("否"))]
DELEGATED_CHOICES = [("", _("全部")), ("any", _("市级下放事项")), ("taken_over", _("已承接")),
                     ("not_taken_over", _("未承接"))]


class ServiceItemFilterForm(FilterForm):
    SORTS = {
        "code": (_("事项编码"), ("code",)),
        "-code": (_("事项编码(倒序)"), ("-code",)),
        "name": (_("事项名称"), ("name", "code")),
        "-name": (_("事项名称(倒序)"), ("-name", "code")),
        "department": (_("实施部门"), ("department__sort_order", "department__name", "code")),
        "-department": (_("实施部门(倒序)"), ("-department__sort_order", "-department__name", "code")),
        "kind": (_("事项类型"), ("kind", "code")),
        "-kind": (_("事项类型(倒序)"), ("-kind", "code")),
        # items without a committed limit last either way (SQLite and PostgreSQL sort NULLs differently)
        "committed": (_("承诺时限(短→长)"), (F("committed_limit_days").asc(nulls_last=True), "code")),
        "-committed": (_("承诺时限(长→短)"), (F("committed_limit_days").desc(nulls_last=True), "code")),
    }
    DEFAULT_SORT = "department"

    q = forms.CharField(label=_("事项名称/编码"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("事项类型"), required=False, choices=BLANK + ServiceItemKind.choices)
    department = forms.ChoiceField(label=_("实施部门"), required=False)
    online = forms.ChoiceField(label=_("可网上受理"), required=False, choices=YES_NO)
    delegated = forms.ChoiceField(label=_("市级下放"), required=False, choices=DELEGATED_CHOICES)
    active = forms.ChoiceField(label=_("在用"), required=False, choices=YES_NO)
    converted = forms.BooleanField(label=_("审批转服务"), required=False)

    def prepare(self, user) -> None:
        self.fields["department"].choices = BLANK + [
            (str(o.public_id), o.name) for o in selectors.service_item_departments(user=user)]


class _ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ServiceItemForm(FazhiForm):
    """An item and its service guide. `kind` is chosen at creation only; afterwards it changes by conversion."""

    code = forms.CharField(label=_("事项编码"), max_length=50)
    name = forms.CharField(label=_("事项名称"), max_length=300)
    kind = forms.ChoiceField(label=_("事项类型"), choices=ServiceItemKind.choices)
    department = forms.ModelChoiceField(label=_("实施部门"), queryset=None, to_field_name="public_id")
    power_item = _ItemChoiceField(label=_("对应权力事项"), queryset=None, required=False, to_field_name="public_id",
                                  help_text=_("该事项所办理的权力事项(如行政许可事项),可不填"))
    resident_in_centre = forms.BooleanField(label=_("进驻政务服务中心"), required=False, initial=True)
    online = forms.BooleanField(label=_("可网上受理"), required=False)
    statutory_limit_days = forms.IntegerField(label=_("法定时限(工作日)"), required=False, min_value=0,
                                              max_value=3650)
    committed_limit_days = forms.IntegerField(label=_("承诺时限(工作日)"), required=False, min_value=0,
                                              max_value=3650, help_text=_("不得长于法定时限"))
    fees = forms.CharField(label=_("收费"), max_length=300, required=False, help_text=_("不收费的填“不收费”"))
    place = forms.CharField(label=_("办理地点"), max_length=300, required=False)
    requirements = forms.CharField(label=_("办理条件"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    materials = forms.CharField(label=_("申请材料"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                help_text=_("每行一项"))
    is_active = forms.BooleanField(label=_("在用"), required=False, initial=True)

    def __init__(self, *args, user, item: ServiceItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = selectors.service_item_departments(user=user)
        self.fields["power_item"].queryset = selectors.service_item_power_item_choices(user=user)
        if item is not None:  # editing: the code and the kind stay as they are
            del self.fields["code"]
            del self.fields["kind"]

    @staticmethod
    def initial_for(item: ServiceItem) -> dict:
        return {
            "name": item.name, "department": item.department.public_id,
            "power_item": item.power_item.public_id if item.power_item_id else None,
            "resident_in_centre": item.resident_in_centre, "online": item.online,
            "statutory_limit_days": item.statutory_limit_days, "committed_limit_days": item.committed_limit_days,
            "fees": item.fees, "place": item.place, "requirements": item.requirements, "materials": item.materials,
            "is_active": item.is_active,
        }

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("fees", "place", "requirements", "materials"):
            data[key] = data.get(key) or ""
        return data


class ServiceItemConvertForm(FazhiForm):
    happened_on = date_field(_("转为服务事项日期"))
    document_number = forms.CharField(label=_("决定文号"), max_length=100,
                                      help_text=_("如:赛政发〔2017〕12号"),
                                      error_messages={"required": _("请填写决定文号")})
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class ServiceItemDelegateForm(ServiceItemForm):
    """An item delegated by the city: the guide fields, plus the delegation and whether it was taken over."""

    taken_over = forms.TypedChoiceField(label=_("是否承接"), choices=[("1", _("已承接")), ("0", _("未承接"))],
                                        coerce=lambda v: v == "1", widget=forms.RadioSelect, initial="1")
    happened_on = date_field(_("下放日期"))
    document_number = forms.CharField(label=_("下放文件文号"), max_length=100,
                                      error_messages={"required": _("请填写下放文件文号")})
    note = forms.CharField(label=_("说明(未承接的须写明原因)"), max_length=500, required=False)

    field_order = ["code", "name", "kind", "department", "taken_over", "happened_on", "document_number", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        del self.fields["is_active"]  # in use exactly when taken over

"""Form of the summary procedure (简易程序, XZCF-51): a warning or a small fine decided and handed over on the spot.

It parses input and offers only the choices the user may take: the bodies of the user's organisation, the chosen
body's categories and published penalty items, the officers certified for that body and category on the day (each
with the certificate number relied on) and those certificates' numbers. The service decides — the XZCF-51 amount
limits, XZCF-42 (two certified officers), XZCF-52 (certificates shown) — and its refusal is shown with the rule id.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.enforcement import rules
from fazhi.enforcement.enums import SUMMARY_KINDS, PartyType, PenaltyKind
from fazhi.enforcement.forms import (
    ArticleChoiceField,
    OfficerChoiceField,
    OfficerMultipleChoiceField,
    PowerItemChoiceField,
    _require_messages,
    body_queryset,
    certificate_numbers,
    power_items_for,
)
from fazhi.orgs.models import EnforcementCategory
from fazhi.personnel.enums import CertificateStatus
from fazhi.personnel.forms import FazhiForm, date_field
from fazhi.personnel.models import Certificate, Officer
from fazhi.personnel.selectors import officers_certified_for, today
from fazhi.powers.models import Article, PowerItem

SUMMARY_KIND_CHOICES = [(kind.value, kind.label) for kind in PenaltyKind if kind in SUMMARY_KINDS]


def summary_limits() -> list[tuple[str, str]]:
    """(party types, the XZCF-51 limit in words) from rules.SUMMARY_FINE_MAX, one line per distinct limit."""
    grouped: dict[str, list[str]] = {}
    for party_type, limit in rules.SUMMARY_FINE_MAX.items():
        grouped.setdefault(limit.text_zh, []).append(str(PartyType(party_type).label))
    return [("、".join(types), text) for text, types in grouped.items()]


def _limits_help() -> str:
    lines = [gettext("%(text)s(%(value)s元)") % {"text": limit.text_zh, "value": limit.value} for limit in
             {lim.text_zh: lim for lim in rules.SUMMARY_FINE_MAX.values()}.values()]
    return gettext("简易程序(XZCF-51):%(limits)s;超过的须适用普通程序") % {"limits": ";".join(lines)}


class SummaryDecideForm(FazhiForm):
    """当场处罚: the matter, the officers and the certificates shown, the party, the facts and the penalty."""

    body = forms.ModelChoiceField(label=_("执法主体"), queryset=None, to_field_name="public_id",
                                  empty_label=_("请选择"))
    category = forms.ModelChoiceField(label=_("执法类别"), queryset=None, to_field_name="code",
                                      empty_label=_("请选择"))
    power_item = PowerItemChoiceField(label=_("权力事项"), queryset=None, empty_label=_("请选择"),
                                      to_field_name="public_id", help_text=_("本单位已公布的行政处罚事项"))
    legal_bases = ArticleChoiceField(label=_("法律依据"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                     help_text=_("须为所选权力事项的执法依据"))
    decided_on = date_field(_("处罚日期"))
    place = forms.CharField(label=_("地点"), max_length=200)
    lead_officer = OfficerChoiceField(label=_("主办执法人员"), queryset=None, empty_label=_("请选择"),
                                      to_field_name="public_id")
    assist_officers = OfficerMultipleChoiceField(
        label=_("协办执法人员"), queryset=None, to_field_name="public_id", widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("当场处罚须有两名以上持有本主体、本类别有效执法证件的执法人员(XZCF-42)"))
    certificates_shown = forms.MultipleChoiceField(
        label=_("向当事人出示的执法证件"), choices=(), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("勾选每名执法人员出示的证件编号(XZCF-52)"))
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=200)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=18, required=False,
                                      help_text=_("自然人填写18位居民身份证号码,单位填写18位统一社会信用代码"))
    title = forms.CharField(label=_("案由"), max_length=200)
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 4}))
    penalty_kinds = forms.MultipleChoiceField(label=_("处罚种类"), choices=SUMMARY_KIND_CHOICES,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("简易程序只能给予警告或者罚款(XZCF-51)"))
    fine_amount = forms.DecimalField(label=_("罚款金额(元)"), required=False, min_value=0, max_digits=12,
                                     decimal_places=2,
                                     widget=forms.NumberInput(attrs={"step": "0.01", "min": "0",
                                                                     "inputmode": "decimal"}))

    def __init__(self, *args, user, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("decided_on", today())
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["fine_amount"].help_text = _limits_help()
        bodies = body_queryset(user)
        self.fields["body"].queryset = bodies
        body = self._chosen(bodies, "body", "public_id") or (bodies.first() if len(bodies) == 1 else None)
        if body is not None:
            categories = body.categories.order_by("code")
        else:
            categories = EnforcementCategory.objects.filter(bodies__in=bodies).distinct().order_by("code")
        self.fields["category"].queryset = categories
        category = self._chosen(categories, "category", "code") or (
            categories.first() if body is not None and len(categories) == 1 else None)
        if body is not None:
            self.initial.setdefault("body", body.public_id)
            items = power_items_for(body)
        else:
            items = PowerItem.objects.none()
        if category is not None:
            self.initial.setdefault("category", category.code)
        self.fields["power_item"].queryset = items
        self.fields["legal_bases"].queryset = (Article.objects.filter(cited_by__power_item__in=items)
                                               .select_related("law").distinct()
                                               .order_by("law_id", "number", "sub_number"))
        on = self._decision_date()
        if body is not None and category is not None:
            officers = officers_certified_for(body, on=on, category=category.code)
            numbers = certificate_numbers(officers, on=on, category_code=category.code)
            certs = (Certificate.objects.filter(officer__in=officers, status=CertificateStatus.VALID,
                                                valid_from__lte=on, valid_to__gte=on, categories__code=category.code)
                     .select_related("officer").distinct().order_by("officer__name", "number"))
            self.fields["certificates_shown"].choices = [(c.number, f"{c.officer.name} · {c.number}") for c in certs]
        else:
            officers, numbers = Officer.objects.none(), {}
            self.fields["assist_officers"].help_text = _("请先选择执法主体和执法类别,再选择执法人员")
        for name in ("lead_officer", "assist_officers"):
            self.fields[name].queryset = officers
            self.fields[name].numbers = numbers
        own = officers.filter(user=user).first() if body is not None and category is not None else None
        if own is not None:
            self.initial.setdefault("lead_officer", own.public_id)
        _require_messages(self)
        self.fields["legal_bases"].error_messages["required"] = _("请至少选择一条法律依据")
        self.fields["penalty_kinds"].error_messages["required"] = _("请选择处罚种类")
        for name in ("lead_officer", "assist_officers"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "所选执法人员在处罚日期未持有本主体、本类别的有效执法证件(XZCF-42)")
        self.fields["certificates_shown"].error_messages["invalid_choice"] = _(
            "证件编号%(value)s不是在场执法人员的有效执法证件(XZCF-52)")

    def _raw(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)

    def _chosen(self, queryset, name: str, key: str):
        """The object picked in `name` (posted, or given as initial), if it is among `queryset`."""
        raw = self._raw(name)
        if raw in (None, ""):
            return None
        if not isinstance(raw, str):
            raw = getattr(raw, key, raw)
        try:
            return queryset.filter(**{key: raw}).first()
        except (ValueError, TypeError, forms.ValidationError):  # a malformed uuid
            return None

    def _decision_date(self) -> dt.date:
        """The officers offered are those certified on the decision date typed in (today until one is)."""
        raw = self._raw("decided_on")
        if isinstance(raw, dt.date):
            return raw
        if raw:
            try:
                return self.fields["decided_on"].to_python(raw) or today()
            except forms.ValidationError:
                pass
        return today()

    def clean_party_id_number(self):
        return (self.cleaned_data.get("party_id_number") or "").strip().upper()

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        lead = data.pop("lead_officer")
        assistants = [o for o in data.pop("assist_officers") if o.pk != lead.pk]
        data["officers"] = [lead, *assistants]
        data["legal_bases"] = list(data["legal_bases"])
        data["penalty_kinds"] = list(data["penalty_kinds"])
        data["certificates_shown"] = list(data["certificates_shown"])
        data["fine_amount"] = data["fine_amount"] if data["fine_amount"] is not None else 0
        return data

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.enforcement.enums import PartyType, PenaltyKind
from fazhi.enforcement.services.settings import PREFIX_KINDS
from fazhi.orgs.models import EnforcementCategory


class PrefixForm(forms.Form):
    kind = forms.ChoiceField(label=_("文书种类"), choices=list(PREFIX_KINDS.items()))
    prefix = forms.CharField(label=_("代字"), max_length=20, required=False,
                             help_text=_("如“赛市监”,案号即为“赛市监立〔2026〕1号”;留空表示删除该种类的代字"))


class CatalogueItemForm(forms.Form):
    body = forms.ModelChoiceField(label=_("执法主体"), queryset=None, to_field_name="public_id")
    title = forms.CharField(label=_("目录事项"), max_length=200)
    min_fine = forms.DecimalField(label=_("罚款达到(元,含)"), required=False, min_value=0, decimal_places=2,
                                  max_digits=14)
    penalty_kinds = forms.MultipleChoiceField(label=_("涉及处罚种类"), choices=PenaltyKind.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    published_on = forms.DateField(label=_("公布日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["published_on"].initial = timezone.localdate()


class CatalogueRemoveForm(forms.Form):
    reason = forms.CharField(label=_("删除理由"), max_length=300)


class ThresholdForm(forms.Form):
    category = forms.ModelChoiceField(label=_("执法类别"), queryset=EnforcementCategory.objects.order_by("code"),
                                      required=False, empty_label=_("全区默认(所有类别)"), to_field_name="code")
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    min_fine = forms.DecimalField(label=_("较大数额罚款(元,含)"), min_value=0, decimal_places=2, max_digits=14)
    min_confiscation = forms.DecimalField(label=_("较大数额没收(元,含)"), min_value=0, decimal_places=2, max_digits=14)
    basis = forms.CharField(label=_("依据"), max_length=300)

"""Forms of the organisation screens. Plain forms: the services validate and write (a ModelForm would change
the instance before the service could record what changed)."""

from __future__ import annotations

from django import forms

from fazhi.orgs import selectors
from fazhi.orgs.enums import BodyBasis, BodyStatus, OrganisationType

ALL = [("", "全部")]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label="名称", required=False, max_length=100)
    org_type = forms.ChoiceField(label="单位类型", required=False, choices=ALL + OrganisationType.choices)
    jurisdiction = forms.ChoiceField(label="所属区划", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = ALL + [(str(j.public_id), j.name) for j in selectors.jurisdiction_list()]


class BodyFilterForm(forms.Form):
    q = forms.CharField(label="名称", required=False, max_length=100)
    basis = forms.ChoiceField(label="主体资格依据", required=False, choices=ALL + BodyBasis.choices)
    status = forms.ChoiceField(label="状态", required=False, choices=ALL + BodyStatus.choices)
    publication_batch = forms.IntegerField(label="公布批次", required=False, min_value=1, max_value=999)


class OrganisationForm(forms.Form):
    name = forms.CharField(label="单位名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    org_type = forms.ChoiceField(label="单位类型", choices=OrganisationType.choices)
    jurisdiction = forms.ModelChoiceField(label="所属区划", queryset=None, to_field_name="public_id")
    parent = forms.ModelChoiceField(label="上级单位", queryset=None, to_field_name="public_id", required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="电话", max_length=30, required=False)
    is_active = forms.BooleanField(label="在用", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].queryset = selectors.jurisdiction_list()
        self.fields["parent"].queryset = selectors.organisation_list(user=user)

    def clean_uscc(self):
        # An empty code is stored as NULL: the column is unique, and many units have no code on record.
        return self.cleaned_data["uscc"].strip().upper() or None


class LiaisonForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    post = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    full_time = forms.BooleanField(label="专职", required=False)


class BodyForm(forms.Form):
    name = forms.CharField(label="执法主体名称", max_length=100)
    organisation = forms.ModelChoiceField(label="所属单位", queryset=None, to_field_name="public_id")
    basis = forms.ChoiceField(label="主体资格依据", choices=BodyBasis.choices)
    entrusting_body = forms.ModelChoiceField(label="委托机关", queryset=None, to_field_name="public_id",
                                             required=False, help_text="仅受委托组织填写")
    legal_basis_text = forms.CharField(label="设定依据", max_length=300, required=False)
    qualification_certificate_number = forms.CharField(label="主体资格证书编号", max_length=50, required=False)
    publication_batch = forms.IntegerField(label="公布批次", min_value=1, max_value=999, required=False)
    published_on = forms.DateField(label="公布日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label="状态", choices=BodyStatus.choices, initial=BodyStatus.ACTIVE)
    categories = forms.ModelMultipleChoiceField(label="执法类别", queryset=None, to_field_name="code",
                                                required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisation_list(user=user)
        self.fields["entrusting_body"].queryset = selectors.body_list(user=user)
        self.fields["categories"].queryset = selectors.category_list()

    def clean_qualification_certificate_number(self):
        return self.cleaned_data["qualification_certificate_number"].strip() or None

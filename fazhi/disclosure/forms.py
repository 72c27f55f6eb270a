from django import forms
from django.utils.translation import gettext_lazy as _


class CertificateVerifyForm(forms.Form):
    number = forms.CharField(label=_("证件编号"), max_length=30, strip=True,
                             error_messages={"required": _("请输入证件编号")})

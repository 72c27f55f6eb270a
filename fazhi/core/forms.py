from django import forms
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("选择文件(.xlsx 或 .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


def add_service_error(form: forms.Form, exc: Exception) -> None:
    """The one translation of a service's DomainError or ValidationError into form errors (STYLE.md): on its field
    when the form has one, otherwise on the form, with the rule id where a statute is behind it."""
    from django.core.exceptions import ValidationError

    from fazhi.core.errors import DomainError

    if isinstance(exc, DomainError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.display)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:  # pragma: no cover - only the two service error types are passed here
        raise exc

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.personnel.forms import BLANK, FilterForm, organisation_choices
from fazhi.supervision.enums import WarningKind, WarningLevel


class WarningFilterForm(FilterForm):
    SORTS = {
        "due_on": (_("期限(近→远)"), ("due_on", "kind", "pk")),
        "-due_on": (_("期限(远→近)"), ("-due_on", "kind", "-pk")),
        "organisation": (_("单位"), ("organisation__sort_order", "organisation__name", "due_on", "pk")),
        "-organisation": (_("单位(倒序)"), ("-organisation__sort_order", "-organisation__name", "due_on", "pk")),
        "kind": (_("预警类型"), ("kind", "due_on", "pk")),
        "-kind": (_("预警类型(倒序)"), ("-kind", "due_on", "pk")),
    }
    DEFAULT_SORT = "due_on"

    level = forms.ChoiceField(label=_("紧急程度"), required=False, choices=BLANK + WarningLevel.choices)
    kind = forms.ChoiceField(label=_("预警类型"), required=False, choices=BLANK + WarningKind.choices)
    organisation = forms.ChoiceField(label=_("单位"), required=False)

    def prepare(self, user) -> None:
        self.fields["organisation"].choices = organisation_choices(user)

"""Forms of the legal reviewers' screens (XZCF-58): the queue's filter and the review opinion with its checklist.

The checklist is one checkbox per ReviewPoint ("符合") with a note; the review services decide what an approval or
a return needs (every point met to approve; a failed point with its reason and an opinion to return)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.enforcement.enums import ReviewPoint
from fazhi.enforcement.forms_steps import date_field, text_field
from fazhi.orgs.models import EnforcementBody
from fazhi.orgs.scoping import scope_queryset
from fazhi.personnel.forms import BLANK, FazhiForm, FilterForm

APPROVE = "approve"
RETURN = "return"


class ReviewQueueFilterForm(FilterForm):
    body = forms.ChoiceField(label=_("执法主体"), required=False)

    def prepare(self, user) -> None:
        bodies = scope_queryset(EnforcementBody.objects.all(), user, org_field="organisation").order_by("name")
        self.fields["body"].choices = BLANK + [(str(b.public_id), b.name) for b in bodies]


class ReviewForm(FazhiForm):
    """Eight review points, each met or not with a note; the opinion; the date. Which button was pressed is the
    `action` the view reads (approve or return)."""

    opinion = text_field(_("审核意见"), rows=5, required=False,
                         help_text=_("退回修改的,须写明理由"))
    decided_on = date_field(_("审核日期"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for point in ReviewPoint:
            self.fields[f"{point.value}_ok"] = forms.BooleanField(label=format_lazy(_("符合:{p}"), p=point.label),
                                                                   required=False)
            self.fields[f"{point.value}_note"] = forms.CharField(
                label=format_lazy(_("{p}——说明"), p=point.label), required=False, max_length=500,
                widget=forms.TextInput(attrs={"placeholder": _("不符合的须写明理由")}),
                error_messages={"max_length": _("说明最多500个字")})
        # the opinion and the date after the checklist
        self.order_fields([*[n for p in ReviewPoint for n in (f"{p.value}_ok", f"{p.value}_note")],
                           "opinion", "decided_on"])

    def points(self) -> list[dict]:
        """The checklist rows for the template: the point, its checkbox and its note field."""
        return [{"point": p, "ok": self[f"{p.value}_ok"], "note": self[f"{p.value}_note"]} for p in ReviewPoint]

    def checklist(self) -> dict:
        """{ReviewPoint value: {"ok": bool, "note": str}} as review_approve / review_return take it."""
        data = self.cleaned_data
        return {p.value: {"ok": bool(data.get(f"{p.value}_ok")), "note": (data.get(f"{p.value}_note") or "").strip()}
                for p in ReviewPoint}

"""Public pages of the power list, the random-inspection item list and the service guides. No login; every field
shown comes from fazhi.disclosure.powers (explicit public dataclasses)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from fazhi.disclosure import powers
from fazhi.powers.enums import PowerCategory, ServiceItemKind

PAGE_SIZE = 30
ALL = [("", _("全部"))]


class _PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("事项名称或编码")}))
    # Any department id filters (one without items shows an empty list); the menu offers those with items.
    department = forms.UUIDField(label=_("部门"), required=False, widget=forms.Select)

    def __init__(self, data, *, departments):
        super().__init__(data)
        self.fields["department"].widget.choices = ALL + [(d.public_id, f"{d.name}({d.count})")
                                                          for d in departments]

    def filters(self) -> dict:
        self.is_valid()
        return {k: (str(v) if k == "department" else v) for k, v in self.cleaned_data.items() if v not in (None, "")}


class PowerFilterForm(_PublicFilterForm):
    category = forms.ChoiceField(label=_("权力类别"), required=False, choices=ALL + PowerCategory.choices)


class GuideFilterForm(_PublicFilterForm):
    kind = forms.ChoiceField(label=_("事项类型"), required=False, choices=ALL + ServiceItemKind.choices)
    online = forms.ChoiceField(label=_("网上办理"), required=False,
                               choices=[("", _("全部")), ("1", _("可网上办理")), ("0", _("须到现场"))])


def _page(request, rows):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return page


def power_item_list(request):
    departments = powers.power_departments()
    form = PowerFilterForm(request.GET, departments=departments)
    filters = form.filters()
    return render(request, "disclosure/powers/power_list.html", {
        "form": form, "page": _page(request, powers.power_item_list(filters=filters)),
        "categories": powers.power_categories(), "searched": bool(filters),
    })


def power_item_detail(request, public_id):
    item = powers.power_item_detail(public_id=public_id)
    if item is None:
        raise Http404
    return render(request, "disclosure/powers/power_detail.html", {"item": item})


def inspection_item_list(request):
    departments = powers.inspection_departments()
    form = _PublicFilterForm(request.GET, departments=departments)
    filters = form.filters()
    chosen = next((d for d in departments if d.public_id == filters.get("department")), None)
    return render(request, "disclosure/powers/inspection_list.html", {
        "form": form, "page": _page(request, powers.inspection_item_list(filters=filters)),
        "departments": departments, "chosen": chosen,
    })


def service_guide_list(request):
    departments = powers.service_guide_departments()
    form = GuideFilterForm(request.GET, departments=departments)
    return render(request, "disclosure/powers/guide_list.html", {
        "form": form, "page": _page(request, powers.service_guide_list(filters=form.filters())),
    })


def service_guide_detail(request, public_id):
    guide = powers.service_guide_detail(public_id=public_id)
    if guide is None:
        raise Http404
    return render(request, "disclosure/powers/guide_detail.html", {"guide": guide})

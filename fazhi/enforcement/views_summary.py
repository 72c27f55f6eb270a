"""当场处罚 (简易程序, XZCF-51): the screen an officer fills in on site, on a phone or a desktop.

Thin: parse the form, call services.cases.case_summary_decide, redirect to the case page. A refusal (the XZCF-51
amount limits, XZCF-42 officers, XZCF-52 certificates shown) is shown in Chinese with its rule id and creates
nothing. The form keeps a draft on the device (enforcement/draft.js), like the other field screens. Choosing another
body or category re-renders the form ("refresh") so that the officers, items and certificates offered follow it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError
from fazhi.enforcement.forms_summary import SummaryDecideForm, summary_limits
from fazhi.enforcement.services import cases as services

SERVICE_ERRORS = (DomainError, ValidationError)
# The button (pressed by the body and category selects) that re-renders the form for another body or category,
# keeping everything typed so far; it creates nothing.
REFRESH = "refresh"


def _posted_as_initial(data) -> dict:
    return {key: values if len(values) > 1 else values[0] for key, values in data.lists()
            if key not in ("csrfmiddlewaretoken", REFRESH)}


@require_http_methods(["GET", "POST"])
def summary_decide(request):
    if request.method == "POST" and REFRESH in request.POST:
        form = SummaryDecideForm(user=request.user, initial=_posted_as_initial(request.POST))
        return render(request, "enforcement/summary_form.html",
                      {"form": form, "limits": summary_limits(), "refreshed": True})
    form = SummaryDecideForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_summary_decide(by=request.user, **form.service_kwargs())
        except SERVICE_ERRORS as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("已当场作出处罚决定,决定书文号 %(number)s") % {"number": case.number})
            return redirect("enforcement:case_detail", public_id=case.public_id)
    return render(request, "enforcement/summary_form.html", {"form": form, "limits": summary_limits()})

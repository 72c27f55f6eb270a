"""Publishing decisions and withdrawing publications (staff side). Thin: parse, call one service or selector, render.
The public side is fazhi.disclosure (views_decisions)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import DomainError
from fazhi.core.forms import add_service_error
from fazhi.core.listing import get_or_404
from fazhi.enforcement.enums import PublicationStatus
from fazhi.enforcement.selectors import publication as selectors
from fazhi.enforcement.services import publication as services

PAGE_SIZE = 30
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("公示日期"), widget=DATE)


class WithdrawForm(forms.Form):
    change_on = forms.DateField(label=_("决定被变更、撤销或确认违法、无效的日期"), widget=DATE)
    withdrawn_on = forms.DateField(label=_("撤回日期"), widget=DATE)
    reason = forms.CharField(label=_("撤回理由(将向社会公开)"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, publication, **kwargs):
        super().__init__(*args, **kwargs)
        if publication.change_on is not None:
            # The change was recorded (publication_change): the 3 WD run from that date, which is not edited here.
            field = self.fields["change_on"]
            field.disabled, field.initial = True, publication.change_on
            self.initial["change_on"] = publication.change_on
            field.help_text = gettext("已登记,撤回期限 %(due)s") % {"due": publication.withdraw_due}


class ChangeForm(forms.Form):
    change_on = forms.DateField(label=_("决定被变更、撤销或确认违法、无效的日期"), widget=DATE,
                                help_text=_("如复议决定、判决生效或本机关自行撤销之日;自该日起3个工作日内须撤回公示"))
    note = forms.CharField(label=_("情况说明(如复议决定书、判决书文号)"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("文号、案由或当事人")}))
    status = forms.ChoiceField(label=_("公示状态"), required=False,
                               choices=[("", _("全部"))] + PublicationStatus.choices)

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


def publication_list(request):
    """Decisions awaiting publication with their GB118 due date and trace, and the publications already made."""
    form = ListFilterForm(request.GET)
    filters = form.filters()
    awaiting = Paginator(selectors.decisions_awaiting_publication(user=request.user, filters=filters),
                         PAGE_SIZE).get_page(request.GET.get("page"))
    published = Paginator(selectors.publications_for(user=request.user, filters=filters),
                          PAGE_SIZE).get_page(request.GET.get("ppage"))
    return render(request, "enforcement/publication_list.html", {
        "form": form, "awaiting": awaiting, "rows": selectors.with_due(awaiting.object_list),
        "published": published, "today": timezone.localdate(),
    })


@require_http_methods(["GET", "POST"])
def publication_publish(request, public_id):
    """GET: exactly what will be published (the public fields), the due date and its trace. POST: publish."""
    decision = get_or_404(selectors.decision_for_publication, user=request.user, public_id=public_id)
    if hasattr(decision, "publication"):
        return redirect("enforcement:publication_list")
    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.decision_publish(by=request.user, decision=decision,
                                                    published_on=form.cleaned_data["published_on"])
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, gettext("已公示:%(number)s") % {"number": publication.decision_number})
            return redirect("enforcement:publication_list")
    try:
        due, due_error = services.publish_due_for(decision), ""
    except DomainError as exc:
        due, due_error = None, exc.display
    preview = (services.decision_public_fields(decision, published_on=timezone.localdate())
               if decision.outcome in services.PUBLISHED_OUTCOMES else None)
    return render(request, "enforcement/publication_publish.html", {
        "decision": decision, "case": decision.case, "form": form, "due": due, "due_error": due_error,
        "preview": preview, "may_act": services.publication_may_act(request.user, decision.case.organisation),
    })


@require_http_methods(["GET", "POST"])
def publication_withdraw(request, public_id):
    """XZCF-48: withdraw a publication with the reasons (within 3 WD of the change)."""
    publication = get_or_404(selectors.publication_get, user=request.user, public_id=public_id)
    today = timezone.localdate()
    form = WithdrawForm(request.POST or None, initial={"change_on": today, "withdrawn_on": today},
                        publication=publication)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_withdraw(by=request.user, publication=publication, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, gettext("已撤回公示:%(number)s") % {"number": publication.decision_number})
            return redirect("enforcement:publication_list")
    return render(request, "enforcement/publication_withdraw.html", {
        "publication": publication, "form": form,
        "withdrawn": publication.status == PublicationStatus.WITHDRAWN,
    })


@require_http_methods(["GET", "POST"])
def publication_change(request, public_id):
    """XZCF-48: record that a published decision was changed, revoked, or found unlawful or void. The 3 WD to
    withdraw it run from that date; the workbench warns until it is withdrawn."""
    publication = get_or_404(selectors.publication_get, user=request.user, public_id=public_id)
    form = ChangeForm(request.POST or None, initial={"change_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.publication_change_record(by=request.user, publication=publication,
                                                             **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, gettext("已登记决定被变更、撤销,须于 %(due)s 前撤回公示:%(number)s") % {
                "due": publication.withdraw_due, "number": publication.decision_number})
            return redirect("enforcement:case_detail", public_id=publication.decision.case.public_id)
    return render(request, "enforcement/publication_change.html", {
        "publication": publication, "form": form,
        "withdrawn": publication.status == PublicationStatus.WITHDRAWN,
    })

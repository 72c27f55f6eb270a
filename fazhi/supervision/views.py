"""Warning screens. Thin: parse the filters, call the selector, render."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.exports import xlsx_response
from fazhi.core.listing import list_context, render_list
from fazhi.supervision import forms, selectors

EXPORT_HEADERS = [
    gettext_lazy("紧急程度"), gettext_lazy("预警类型"), gettext_lazy("对象"), gettext_lazy("所属单位"),
    gettext_lazy("期限"), gettext_lazy("预警内容"), gettext_lazy("规则"), gettext_lazy("期限计算过程"),
]


def warning_list(request):
    form = forms.WarningFilterForm(request.GET, user=request.user)
    context = list_context(request, selectors.warnings_for(user=request.user, filters=form.filters()), form)
    return render_list(request, "supervision/warning_list.html", "supervision/_warning_results.html", context)


def warning_export(request):
    form = forms.WarningFilterForm(request.GET, user=request.user)
    queryset = selectors.warnings_for(user=request.user, filters=form.filters()).order_by(*form.ordering())
    rows = ([w.get_level_display(), w.get_kind_display(), w.subject_label,
             w.organisation.name if w.organisation else _("全区"), w.due_on,
             w.message_zh, w.rule_id, w.trace] for w in queryset.iterator(chunk_size=2000))
    return xlsx_response(filename=_("预警_%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
                         headers=[str(h) for h in EXPORT_HEADERS], rows=rows)

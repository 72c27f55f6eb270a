"""Presentation helpers of the personnel screens: status badges, ID masking by role, record summaries."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.middleware import rule_for
from fazhi.accounts.permissions import sees_full_id_numbers
from fazhi.personnel import selectors
from fazhi.personnel.enums import CertificateStatus, Gender, OfficerStatus, StaffType

register = template.Library()

SOON_DAYS = 90  # the workbench's warning horizon for certificates (rules.md §11: renewal applied 3 months before)

PAYLOAD_LABELS = {
    "name": _("姓名"), "gender": _("性别"), "id_number": _("身份证号码"), "organisation": _("单位"), "post": _("职务"),
    "staff_type": _("人员类别"), "status": _("状态"), "number": _("证件编号"), "officer": _("持证人"), "categories": _("执法类别"),
    "area": _("执法区域"), "valid_from": _("有效期起"), "valid_to": _("有效期止"), "from": _("原状态"), "to": _("新状态"),
    "reason": _("原因"), "on": _("日期"), "left_on": _("离岗日期"), "certificates_withdrawn": _("收回证件"), "course": _("课程"),
    "held_on": _("培训日期"), "hours": _("学时"), "exam_name": _("考试"), "taken_on": _("考试日期"), "score": _("成绩"),
    "passed": _("合格"), "changes": _("变更"), "sector": _("界别"), "term_start": _("聘任起"), "term_end": _("聘任止"),
}
_VALUE_LABELS = {**dict(CertificateStatus.choices), **dict(StaffType.choices), **dict(OfficerStatus.choices)}


@register.filter
def current_certificate(officer):
    return selectors.current_certificate(officer)


@register.simple_tag
def certificate_badge(cert, today: dt.date | None = None):
    """The effective status (a valid certificate past its end reads 过期), plus 即将到期 within SOON_DAYS."""
    if cert is None:
        return format_html('<span class="badge">{}</span>', gettext("无证件"))
    today = today or selectors.today()
    status = cert.effective_status(today)
    html = format_html('<span class="badge {}" data-status="{}">{}</span>', status, status,
                       CertificateStatus(status).label)
    if status == CertificateStatus.VALID and cert.valid_from > today:
        html += format_html(' <span class="badge soon">{}</span>', gettext("尚未生效"))
    elif status == CertificateStatus.VALID and (cert.valid_to - today).days <= SOON_DAYS:
        days = (cert.valid_to - today).days
        text = gettext("今日到期") if days == 0 else ngettext("%(days)s日后到期", "%(days)s日后到期", days) % {"days": days}
        html += format_html(' <span class="badge soon">{}</span>', text)
    return html


@register.simple_tag(takes_context=True)
def shown_id_number(context, officer):
    """The full ID number for roles that need it (SEES_FULL_ID_NUMBERS), the masked one for everyone else."""
    user = context["request"].user
    return officer.id_number if sees_full_id_numbers(user) else officer.id_number_masked


@register.simple_tag(takes_context=True)
def can_open(context, route_name: str) -> bool:
    """Whether the route table lets the current user open `route_name` (to show or hide a button)."""
    rule = rule_for(route_name)
    return bool(rule and rule.allows(context["request"].user))


def _value(key, value):
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    if isinstance(value, list):
        return "、".join(str(_value(key, v)) for v in value) or "—"
    if key == "gender" and value in Gender.values:
        return Gender(value).label
    if isinstance(value, str) and value in _VALUE_LABELS and key in ("status", "from", "to", "staff_type"):
        return _VALUE_LABELS[value]
    return "—" if value in (None, "") else value


@register.simple_tag
def payload_summary(entry):
    """A record entry's payload as "label: value" pairs; a change shows old → new."""
    payload = entry.payload or {}
    order = list(PAYLOAD_LABELS)
    parts = []
    for key, value in sorted(payload.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
        label = PAYLOAD_LABELS.get(key, key)
        if key == "changes" and isinstance(value, dict):
            for field, pair in value.items():
                old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
                parts.append((PAYLOAD_LABELS.get(field, field), f"{_value(field, old)} → {_value(field, new)}"))
        else:
            parts.append((label, _value(key, value)))
    if not parts:
        return mark_safe("")
    return format_html_join("; ", "<span>{}:{}</span>", parts)

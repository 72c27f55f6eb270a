"""The staff navigation: each entry shows only when the route table lets the user open it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.accounts.middleware import rule_for

MENU = [
    ("web:workbench", _("工作台")),
    ("orgs:organisation_list", pgettext_lazy("list title", "单位")),
    ("orgs:body_list", _("执法主体")),
    ("personnel:officer_list", _("执法人员")),
    ("personnel:certificate_list", _("执法证件")),
    ("personnel:exam_list", _("考试成绩")),
    ("personnel:supervisor_list", _("义务监督员")),
    ("powers:law_list", _("法律法规")),
    ("powers:item_list", _("权责清单")),
    ("powers:post_list", _("执法岗位")),
    ("powers:service_item_list", _("政务服务事项")),
    ("enforcement:case_list", _("执法案件")),
    ("enforcement:review_queue", _("法制审核")),
    ("enforcement:field_home", _("现场执法")),
    ("enforcement:publication_list", _("决定公示")),
    ("enforcement:settings", _("案件设置")),
    # 双随机一公开 (random inspection): the overview, whose sub-menu leads to the pools, plans, tasks and reports;
    # and the inspector's own drawn objects, straight from the menu on a phone
    ("inspections:home", _("双随机一公开")),
    ("inspections:my_inspections", _("我的检查")),
    ("supervision:warning_list", _("预警")),
    ("core:import_list", _("导入记录")),
    ("calendar:year_list", _("工作日历")),
]


def menu_for(user):
    items = []
    if not getattr(user, "is_authenticated", False):
        return items
    for name, label in MENU:
        rule = rule_for(name)
        if rule is None or not rule.allows(user):
            continue
        try:
            items.append({"name": name, "label": label, "url": reverse(name)})
        except Exception:  # noqa: BLE001 - a menu entry whose app is not installed yet is skipped
            continue
    return items

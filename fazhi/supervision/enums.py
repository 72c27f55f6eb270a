from django.db import models
from django.utils.translation import gettext_lazy as _


class WarningKind(models.TextChoices):
    CERTIFICATE_EXPIRY = "certificate_expiry", _("执法证件即将到期")
    CERTIFICATE_RENEWAL_WINDOW = "certificate_renewal_window", _("执法证件换证申请期限")
    CERTIFICATE_EXPIRED = "certificate_expired", _("执法证件已过期")
    POWER_ITEM_REVIEW = "power_item_review", _("权力事项待复核")
    CALENDAR_YEAR_MISSING = "calendar_year_missing", _("节假日安排尚未录入")
    DECISION_PUBLICATION_DUE = "decision_publication_due", _("执法决定待公示")
    CASE_DECISION_DUE = "case_decision_due", _("案件办理期限")
    COERCION_DUE = "coercion_due", _("行政强制措施处理期限")
    PUBLICATION_WITHDRAWAL_DUE = "publication_withdrawal_due", _("决定公示待撤回")
    INSPECTION_PUBLICATION_DUE = "inspection_publication_due", _("抽查结果待公示")


class WarningLevel(models.TextChoices):
    """Urgency by days left until the due date (thresholds in fazhi.supervision.services). The declaration
    order is the order of urgency; the colour is the CSS class suffix on screens (warn-<level>)."""

    OVERDUE = "overdue", _("已逾期")  # red
    WITHIN_7 = "within_7", _("7日内到期")  # orange
    WITHIN_30 = "within_30", _("30日内到期")  # yellow
    LATER = "later", _("30日以后到期")  # blue

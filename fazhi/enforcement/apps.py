from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.enforcement"
    verbose_name = "行政执法案件"

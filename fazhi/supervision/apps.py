from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self):
        from fazhi.supervision import receivers  # noqa: F401  (warnings for flagged power items)

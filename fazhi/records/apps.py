from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "fazhi.records"
    label = "records"
    verbose_name = "全过程记录"

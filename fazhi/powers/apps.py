from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "fazhi.powers"
    label = "powers"
    verbose_name = "权责清单与法律依据"

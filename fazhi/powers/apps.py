from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "fazhi.powers"
    label = "powers"
    verbose_name = "权责清单与法律依据"

    def ready(self):
        from fazhi.core.imports import registry
        from fazhi.powers import importers

        registry.register(importers.PowerItemImporter())
        from fazhi.powers import importers_catalogue  # the service-item catalogue (政务服务事项)

        registry.register(importers_catalogue.ServiceItemImporter())

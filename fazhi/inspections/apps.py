from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = "双随机一公开"

    def ready(self):
        from fazhi.core.imports import registry
        from fazhi.inspections import importers

        registry.register(importers.ObjectImporter())

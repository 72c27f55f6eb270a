from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "fazhi.personnel"
    label = "personnel"
    verbose_name = "执法人员与证件"

    def ready(self):
        from fazhi.core.imports import registry
        from fazhi.personnel import importers

        registry.register(importers.OfficerImporter())
        registry.register(importers.ExamResultImporter())
        registry.register(importers.SupervisorImporter())

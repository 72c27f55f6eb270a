from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "fazhi.web"
    label = "web"
    verbose_name = "工作台"

    def ready(self):
        # The holiday importer lives in core, which sits below accounts: its permission rule is given here.
        from fazhi.accounts.permissions import MANAGE_CALENDAR
        from fazhi.core.calendar_importers import HolidayImporter
        from fazhi.core.imports import registry

        importer = HolidayImporter()
        importer.rule = MANAGE_CALENDAR
        registry.register(importer)

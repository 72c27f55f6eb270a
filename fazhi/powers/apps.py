from django.apps import AppConfig
from django.db.models.signals import post_migrate

SEARCH_MIGRATION = ("powers", "0003_law_text_parts_and_article_search")


def _reinstall_search_index(sender, using, **kwargs):
    """Re-create the article search index after every migrate and flush (docs/adr/0008): SQLite drops the FTS
    triggers when a later migration rebuilds powers_article. Nothing happens before the index's migration."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from fazhi.powers import law_search

    connection = connections[using]
    if SEARCH_MIGRATION in MigrationRecorder(connection).applied_migrations():
        law_search.install(connection)


class PowersConfig(AppConfig):
    name = "fazhi.powers"
    label = "powers"
    verbose_name = "权责清单与法律依据"

    def ready(self):
        post_migrate.connect(_reinstall_search_index, sender=self, dispatch_uid="powers_reinstall_search_index")
        from fazhi.core.imports import registry
        from fazhi.powers import importers

        registry.register(importers.PowerItemImporter())
        from fazhi.powers import importers_catalogue  # the service-item catalogue (政务服务事项)

        registry.register(importers_catalogue.ServiceItemImporter())

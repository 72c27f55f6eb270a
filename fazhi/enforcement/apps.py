from django.apps import AppConfig
from django.db.models.signals import post_migrate

SEARCH_MIGRATION = ("enforcement", "0004_case_search_fts")


def _reinstall_search_index(sender, using, **kwargs):
    """Re-create the case search index after every migrate and flush: SQLite drops the FTS triggers when a later
    migration rebuilds enforcement_case (fazhi.enforcement.search). Nothing happens before the index's migration."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from fazhi.enforcement import search

    connection = connections[using]
    if SEARCH_MIGRATION in MigrationRecorder(connection).applied_migrations():
        search.install(connection)


class EnforcementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.enforcement"
    verbose_name = "行政执法案件"

    def ready(self):
        post_migrate.connect(_reinstall_search_index, sender=self, dispatch_uid="enforcement_reinstall_search_index")

from django.apps import AppConfig
from django.db.models.signals import post_migrate

TRIGGERS_MIGRATION = ("records", "0003_append_only_triggers")


def _reinstall_triggers(sender, using, **kwargs):
    """Re-create the append-only triggers after every migrate and flush (docs/adr/0005).

    SQLite rebuilds a table (and so loses its triggers) when a later migration alters it, and the test flush lifts
    them; both end with post_migrate. Nothing happens before the migration that installs them is applied."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from fazhi.records import triggers

    connection = connections[using]
    if TRIGGERS_MIGRATION in MigrationRecorder(connection).applied_migrations():
        triggers.install(connection)


class RecordsConfig(AppConfig):
    name = "fazhi.records"
    label = "records"
    verbose_name = "全过程记录"

    def ready(self):
        post_migrate.connect(_reinstall_triggers, sender=self, dispatch_uid="records_reinstall_triggers")
        from fazhi.records import receivers  # noqa: F401  (records the core layer's acts: core_act)

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_pragmas(sender, connection, **kwargs):
    """SQLite runs in WAL mode so that readers never block the writer (DESIGN.md: SQLite (WAL) by default)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL;")
            cursor.execute("PRAGMA synchronous=NORMAL;")
            cursor.execute("PRAGMA foreign_keys=ON;")


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        connection_created.connect(_sqlite_pragmas, dispatch_uid="fazhi-sqlite-pragmas")

"""The case text-search index on SQLite (FTS5 trigram; fazhi.enforcement.search) — PostgreSQL's came with 0003."""

from django.db import migrations

from fazhi.enforcement import search


def install_search(apps, schema_editor):
    search.install(schema_editor.connection)


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0003_list_indexes")]
    operations = [migrations.RunPython(install_search, remove_search, elidable=False)]

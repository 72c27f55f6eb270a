"""The database refuses UPDATE and DELETE of record entries and published heads (docs/adr/0005)."""

from django.db import migrations

from fazhi.records import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0002_entry_files_and_head_publications"),
    ]

    operations = [migrations.RunPython(install, remove)]

from django.db import migrations

PATTERN = ("inspection_task", "{prefix}抽〔{year}〕{seq}号", "双随机抽查任务编号")


def seed(apps, schema_editor):
    apps.get_model("core", "NumberPattern").objects.get_or_create(
        kind=PATTERN[0], defaults={"pattern": PATTERN[1], "description": PATTERN[2]})


def unseed(apps, schema_editor):
    apps.get_model("core", "NumberPattern").objects.filter(kind=PATTERN[0]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("core", "0004_numbering"),
    ]

    operations = [migrations.RunPython(seed, unseed)]

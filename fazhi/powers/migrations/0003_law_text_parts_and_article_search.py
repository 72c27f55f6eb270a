"""Law library: preamble of a law, 第X条之一 and 节 of an article, and the keyword index over article text
(FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL; fazhi.powers.law_search)."""

from django.db import migrations, models

from fazhi.powers import law_search


def install_search(apps, schema_editor):
    law_search.install(schema_editor.connection)


def remove_search(apps, schema_editor):
    law_search.remove(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('powers', '0002_service_item_delegation_taken_over'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': ['law_id', 'number', 'sub_number'], 'verbose_name': '条文', 'verbose_name_plural': '条文'},
        ),
        migrations.RemoveConstraint(
            model_name='article',
            name='powers_article_law_number',
        ),
        migrations.AddField(
            model_name='article',
            name='section',
            field=models.CharField(blank=True, max_length=200, verbose_name='节'),
        ),
        migrations.AddField(
            model_name='article',
            name='sub_number',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='之几'),
        ),
        migrations.AddField(
            model_name='law',
            name='preamble',
            field=models.TextField(blank=True, help_text='第一条之前的文字,如司法解释的制定说明', verbose_name='序言'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('law', 'number', 'sub_number'), name='powers_article_law_number'),
        ),
        migrations.RunPython(install_search, remove_search, elidable=False),
    ]

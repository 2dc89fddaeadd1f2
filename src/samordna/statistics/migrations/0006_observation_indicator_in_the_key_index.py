"""An observation's indicator has no index of its own: the key's unique index begins with it.

Django drops the index on SQLite (by rebuilding the table) but leaves it on PostgreSQL,
so it is dropped there by name.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "statistics_observation_indicator_id_4e6c02b3"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON statistics_observation (indicator_id)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("statistics", "0005_indicator_phrase"),
    ]

    operations = [
        migrations.AlterField(
            model_name="observation",
            name="indicator",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="observations",
                to="statistics.indicator",
            ),
        ),
        migrations.RunPython(drop, restore),
    ]

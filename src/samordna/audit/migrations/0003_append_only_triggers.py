"""Triggers that refuse UPDATE and DELETE on the audit tables (see samordna.audit.appendonly)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from samordna.audit import appendonly


def install(apps: Any, schema_editor: Any) -> None:
    for statement in appendonly.install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def remove(apps: Any, schema_editor: Any) -> None:
    for statement in appendonly.remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_security_events")]

    operations = [migrations.RunPython(install, remove)]

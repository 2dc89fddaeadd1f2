"""Every association that exists gets its analysis settings (new ones get them when created).

Comparison kommuner and similar groups are taken from the association's latest
edition, so that nothing the analyst chose before is lost.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def forwards(apps: Any, schema_editor: Any) -> None:
    Association = apps.get_model("accounts", "Association")
    AnalysisSettings = apps.get_model("needs", "AnalysisSettings")
    NeedsAnalysis = apps.get_model("needs", "NeedsAnalysis")
    for association in Association.objects.all():
        if AnalysisSettings.objects.filter(association=association).exists():
            continue
        latest = NeedsAnalysis.objects.filter(association=association).order_by("-year").first()
        spec = latest.spec if latest else {}
        AnalysisSettings.objects.create(
            association=association,
            region=spec.get("region") or association.region_code,
            nation=spec.get("nation") or "0000",
            comparisons=spec.get("comparisons") or {},
            similar=spec.get("similar") or {},
            thresholds=spec.get("thresholds") or {},
            history=5,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("needs", "0002_settings_and_stored_results"),
        ("accounts", "0002_national_administrator"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

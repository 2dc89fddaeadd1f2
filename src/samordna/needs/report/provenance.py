"""Where the report's figures come from, and the small helpers every part of the report shares."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samordna.analysis.sentences import period_text, value_text
from samordna.analysis.spec import IndicatorSpec
from samordna.statistics.models import Observation


class Provenance:
    """Source and retrieval time of every observation behind the report."""

    def __init__(self, refs: set[str]) -> None:
        ids = [int(r) for r in refs if r.isdigit()]
        self.rows = {
            str(pk): (source, retrieved)
            for pk, source, retrieved in Observation.objects.filter(id__in=ids).values_list(
                "id", "source", "retrieved_at"
            )
        }

    def span(self) -> tuple[Any, Any] | None:
        """The earliest and latest retrieval time of the observations behind the report."""
        times = [t for _s, t in self.rows.values()]
        return (min(times), max(times)) if times else None

    def note(self, refs: set[str], period: str) -> str:
        found = [self.rows[r] for r in refs if r in self.rows]
        if not found:
            return ""
        sources = sorted({s for s, _t in found})
        latest = max(t for _s, t in found)
        return (
            f"Källa: {', '.join(sources)} ({period_text(period)}). "
            f"Hämtad {timezone.localtime(latest):%Y-%m-%d}."
        )


GENDERS = (("K", "Kvinnor"), ("M", "Män"), ("T", "Totalt"))


def cell_text(value: float | None, indicator: IndicatorSpec | None) -> str:
    return value_text(value, indicator) if value is not None else "–"


def period_key(period: str) -> tuple[int, int]:
    month = int(period[5:7]) if len(period) >= 7 and period[5:7].isdigit() else 12
    return int(period[:4]), month

"""Demo: the 2019 needs analysis of Landskrona Svalöv, computed from the bundled figures.

The indicator set of the 2019 report (needs group and key figures per
indicator, derived shares) is data in ``examples/landskrona-svalov-2019``;
the comparison kommuner are the report's ("Jämförbara kommuner i regionen").
"""

from __future__ import annotations

import csv
from pathlib import Path

from samordna.accounts.models import Association
from samordna.needs import services
from samordna.needs.models import NarrativeVersion, NeedsAnalysis, Section
from samordna.needs.settings import settings_for
from samordna.statistics import catalog
from samordna.statistics.models import Indicator, IndicatorSet

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "landskrona-svalov-2019"
COMPARISONS = {"1282": ["1287", "1292"], "1214": ["1256", "1278"]}
TEXTS = {
    Section.BACKGROUND: (
        "Styrelsen beslutade i mars 2019 att ta fram ett underlag för att identifiera "
        "behovsgrupperna inom finansiell samordning i förbundets område och de samverkansytor "
        "som behöver strukturell utveckling."
    ),
    Section.METHOD: (
        "Kvantitativa data från stabila offentliga källor (Arbetsförmedlingen, Kolada, Skolverket, "
        "Socialstyrelsen, Försäkringskassan, Folkhälsomyndigheten) och en kvalitativ undersökning "
        "med 16 respondenter som parterna utsett."
    ),
}


def load() -> NeedsAnalysis | None:
    association = Association.objects.filter(slug="landskrona-svalov").first()
    if association is None:
        return None
    indicator_set = catalog.ensure_finsam_set(association)
    _add_report_indicators(indicator_set)
    analysis = NeedsAnalysis.objects.filter(association=association, year=2019).first()
    if analysis is None:
        chosen = settings_for(association)
        chosen.comparisons = COMPARISONS
        chosen.save()
        analysis = services.create(association, 2019, indicator_set=indicator_set)
        for section, text in TEXTS.items():
            NarrativeVersion.objects.create(analysis=analysis, section=section, text=text)
    if not analysis.computed_at:
        services.compute(analysis)
    return analysis


def _add_report_indicators(indicator_set: IndicatorSet) -> None:
    present = set(indicator_set.items.values_list("indicator__code", flat=True))
    indicators = dict(Indicator.objects.values_list("code", "id"))
    position = indicator_set.items.count()
    with (EXAMPLE / "indicator_set.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["indicator"]
            if code in present or code not in indicators:
                continue
            position += 1
            indicator_set.items.create(
                indicator_id=indicators[code],
                needs_group=row["needs_group"],
                key=row["key"] == "yes",
                position=position,
                table=row["table"],
                row_label=row["row_label"],
                phrase=row["phrase"],
                level=int(row["level"] or 0),
                change_of=row["change_of"],
            )
    if not indicator_set.derived:
        with (EXAMPLE / "derived.csv").open(encoding="utf-8") as handle:
            indicator_set.derived = [
                {
                    "code": row["code"],
                    "title": row["title"],
                    "numerator": row["numerator"].split(";"),
                    "denominator": row["denominator"].split(";"),
                    "needs_group": row["needs_group"],
                    "key": row["key"] == "yes",
                }
                for row in csv.DictReader(handle)
            ]
        indicator_set.save(update_fields=["derived"])

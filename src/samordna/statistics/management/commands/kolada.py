from __future__ import annotations

import re
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.accounts.models import Association
from samordna.sources.http import SourceError
from samordna.statistics import fetching
from samordna.statistics.cli import refusal, summary
from samordna.statistics.fileformat import ImportRefused
from samordna.statistics.models import IndicatorSet


def parse_years(text: str) -> list[int]:
    """``2015-2025`` or ``2018,2019`` into a list of years."""
    match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text.strip())
    if match:
        first, last = int(match[1]), int(match[2])
        if first > last:
            raise CommandError(f"Årsintervallet {text} går baklänges; skriv t.ex. 2015-2025.")
        return list(range(first, last + 1))
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise CommandError(f"Åren ”{text}” ska skrivas 2015-2025 eller 2018,2019.") from exc


class Command(BaseCommand):
    help = (
        "Kolada v3: 'sync-metadata' refreshes areas, comparison groups and KPIs; 'fetch' loads "
        "an indicator set's KPIs for an association's kommuner, their liknande kommuner, the "
        "region and riket. Answers are cached in DATA_DIR/cache; a failed fetch writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sync = sub.add_parser("sync-metadata", help="Refresh areas, groups and KPIs.")
        fetch = sub.add_parser("fetch", help="Fetch data for an indicator set.")
        for each in (sync, fetch):
            each.add_argument("--offline", action="store_true", help="Read only the cache.")
            each.add_argument("--refresh", action="store_true", help="Ignore the cache.")
        fetch.add_argument("--set", default="finsam", help="Indicator set (short name).")
        fetch.add_argument("--association", required=True, help="Association slug.")
        fetch.add_argument("--years", required=True, help="2015-2025 or 2018,2019.")
        fetch.add_argument("--from-date", help="Only values changed since YYYY-MM-DD.")
        fetch.add_argument("--dry-run", action="store_true", help="Show what would change.")

    def handle(self, *args: Any, **options: Any) -> None:
        source = fetching.kolada(offline=options["offline"], refresh=options["refresh"])
        try:
            if options["action"] == "sync-metadata":
                counts = fetching.sync_kolada_metadata(source)
                self.stdout.write(
                    f"Kolada: {counts['areas']} områden, {counts['groups']} jämförelsegrupper och "
                    f"{counts['kpis']} nyckeltal nya eller ändrade ({source.client.calls} anrop)."
                )
                return
            self._fetch(source, options)
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRefused as refused:
            raise refusal(self.stderr, refused, "Kolada-hämtningen") from refused
        finally:
            source.client.close()

    def _fetch(self, source: Any, options: dict[str, Any]) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(
                f"Det finns inget förbund med kortnamnet {options['association']}; "
                "se samordna association list."
            )
        indicator_set = IndicatorSet.objects.filter(
            association=association, slug=options["set"]
        ).first()
        if indicator_set is None:
            known = ", ".join(
                IndicatorSet.objects.filter(association=association).values_list("slug", flat=True)
            )
            raise CommandError(
                f"{association} har ingen indikatoruppsättning ”{options['set']}”. "
                + (f"Välj en av: {known}." if known else "Lägg till en under Statistik.")
            )
        from_date = options.get("from_date")
        if from_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", from_date):
            raise CommandError("--from-date ska skrivas ÅÅÅÅ-MM-DD.")

        def progress(values: int) -> None:
            sys.stderr.write(f"\r  {values} värden hämtade, {source.client.calls} anrop")
            sys.stderr.flush()

        outcome = fetching.fetch_kolada(
            source,
            association=association,
            indicator_set=indicator_set,
            years=parse_years(options["years"]),
            from_date=from_date,
            dry_run=options["dry_run"],
            progress=progress if sys.stderr.isatty() else None,
        )
        self.stdout.write(summary(outcome, "Hämtat från Kolada", calls=source.client.calls))

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.statistics import warehouse
from samordna.statistics.cli import refusal, summary
from samordna.statistics.fileformat import ImportRefused


class Command(BaseCommand):
    help = (
        "Import observations from a CSV or XLSX file in the canonical long format "
        "(indicator,area,period,gender,value,status,source[,indicator_title,unit]). "
        "All or nothing: one error and nothing is written. --dry-run shows what would happen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to import (.csv or .xlsx).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show new, changed and unchanged; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan inte läsa {path}: {exc.strerror}") from exc

        def progress(rows: int) -> None:
            sys.stderr.write(f"\r  {rows:,} rader lästa".replace(",", " "))
            sys.stderr.flush()

        try:
            outcome = warehouse.import_file(
                path.name,
                data,
                dry_run=options["dry_run"],
                actor_label="samordna import",
                progress=progress if sys.stderr.isatty() else None,
            )
        except ImportRefused as refused:
            raise refusal(
                self.stderr, refused, "Importen", where=path.name, shown=len(refused.problems)
            ) from refused
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        self.stdout.write(summary(outcome, "Importerat", noun="rader"))
        for code, counts in outcome.per_indicator.items():
            self.stdout.write(
                f"  {code:<36} {counts.new:>8} nya {counts.changed:>8} ändrade "
                f"{counts.unchanged:>8} oförändrade"
            )
        if outcome.new_indicators:
            self.stdout.write("Nya indikatorer: " + ", ".join(outcome.new_indicators))

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.statistics import warehouse
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
            for problem in refused.problems:
                self.stderr.write(str(problem))
            more = refused.total - len(refused.problems)
            if more > 0:
                self.stderr.write(f"… och {more} fel till.")
            raise CommandError(
                f"Importen avbröts: {refused.total} fel i {path.name}. Ingenting har sparats."
            ) from refused
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        heading = "Provkörning, ingenting sparat" if outcome.dry_run else "Importerat"
        total = outcome.total
        self.stdout.write(
            f"{heading}: {total.rows} rader: {total.new} nya, {total.changed} ändrade, "
            f"{total.unchanged} oförändrade."
        )
        for code, counts in outcome.per_indicator.items():
            self.stdout.write(
                f"  {code:<36} {counts.new:>8} nya {counts.changed:>8} ändrade "
                f"{counts.unchanged:>8} oförändrade"
            )
        if outcome.new_indicators:
            self.stdout.write("Nya indikatorer: " + ", ".join(outcome.new_indicators))

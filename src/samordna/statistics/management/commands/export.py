from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.statistics import filewriting, warehouse


class Command(BaseCommand):
    help = (
        "Export observations in the canonical long format, ordered by indicator, area, "
        "period and gender. Filters take several values (--area 1282 --area 1214)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", action="append", default=[], help="Indicator id.")
        parser.add_argument("--area", action="append", default=[], help="Area code (1282).")
        parser.add_argument("--period", action="append", default=[], help="2019 or 2019-06.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", required=True, help="Output file, or - for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = warehouse.canonical_rows(
            indicators=options["indicator"], areas=options["area"], periods=options["period"]
        )
        out = options["out"]
        if options["format"] == "xlsx":
            if out == "-":
                raise CommandError("XLSX kan inte skrivas till standard output; ange en fil.")
            with Path(out).open("wb") as handle:
                count = filewriting.write_xlsx(rows, handle)
        elif out == "-":
            count = filewriting.write_csv(rows, sys.stdout)
        else:
            with Path(out).open("w", encoding="utf-8", newline="") as handle:
                count = filewriting.write_csv(rows, handle)
        if out != "-":
            self.stdout.write(f"{count} observationer skrivna till {out}.")

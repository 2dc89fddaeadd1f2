from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from samordna.accounts.models import Association
from samordna.needs import report, services
from samordna.needs.models import NeedsAnalysis
from samordna.reports import render


class Command(BaseCommand):
    help = (
        "Render an association's needs analysis for a year as HTML, PDF or DOCX, with the "
        "current flag decisions. An edition that was never computed is computed first and "
        "accepts its top-ranked flags."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="Association slug.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["html", "pdf", "docx"], default="pdf")
        parser.add_argument("--out", required=True, help="Output file, or - for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(
                f"Det finns inget förbund med kortnamnet {options['association']}; "
                "se samordna association list."
            )
        analysis = NeedsAnalysis.objects.filter(
            association=association, year=options["year"]
        ).first()
        try:
            with transaction.atomic():  # a refused year leaves no empty edition behind
                if analysis is None:
                    analysis = services.create(association, options["year"])
                result = services.compute(analysis) if not analysis.computed_at else None
        except services.AnalysisError as exc:
            raise CommandError(str(exc)) from exc
        data = render(report.build(analysis, result), options["format"])
        if options["out"] == "-":
            sys.stdout.buffer.write(data)
            return
        Path(options["out"]).write_bytes(data)
        self.stdout.write(f"{analysis.title} ({options['format']}) skriven till {options['out']}.")

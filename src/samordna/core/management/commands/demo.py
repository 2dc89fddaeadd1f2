from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from samordna.accounts import demo as accounts_demo
from samordna.assignments import demo as assignments_demo
from samordna.audit.context import acting_as
from samordna.insights import demo as insights_demo
from samordna.needs import demo as needs_demo
from samordna.statistics import demo as statistics_demo


class Command(BaseCommand):
    help = (
        "Load the demo associations (Landskrona Svalöv and Trelleborg) with their parties, "
        "units and one login per role, and print the logins. Running it again changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic(), acting_as(None, label="samordna demo"):
            logins = accounts_demo.load()
            statistics_demo.load()
            insights_demo.load()
            needs_demo.load()
            assignments_demo.load()
        if options["quiet"]:
            return
        self.stdout.write(
            self.style.SUCCESS("Demodata är på plats. Inloggningar (e-post / lösenord):")
        )
        current = None
        for association, person in logins:
            if association != current:
                self.stdout.write(f"\n  {association}")
                current = association
            self.stdout.write(
                f"    {person.role.label:<32} {person.email:<44} {accounts_demo.DEMO_PASSWORD}"
            )
        self.stdout.write("\n  Över förbunden (skapar nya förbund under /nationellt/)")
        self.stdout.write(
            f"    {'Nationell administratör':<32} {accounts_demo.NATIONAL_ADMIN:<44} "
            f"{accounts_demo.DEMO_PASSWORD}"
        )
        self.stdout.write("")

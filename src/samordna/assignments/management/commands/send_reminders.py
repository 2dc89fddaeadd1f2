from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samordna.assignments import reminders
from samordna.audit.context import acting_as


class Command(BaseCommand):
    help = (
        "Create the progress reports due before the next board meeting and e-mail reminders: "
        "to the lead when a report is due within REMINDER_DAYS_AHEAD days, to the lead and the "
        "responsible manager when it is overdue. Nothing is sent twice for the same report. "
        "Run daily by cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Act as if today were this day (YYYY-MM-DD); for catching up."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} är inget datum; skriv ÅÅÅÅ-MM-DD."
                ) from None
        with acting_as(None, label="samordna send_reminders"):
            sent = reminders.send(today)
        for item in sent:
            kind = "försenad" if item.kind == "overdue" else "snart"
            self.stdout.write(f"Skickad ({kind}): {item.recipient} – {item.report}")
        self.stdout.write(f"{len(sent)} påminnelser skickade.")

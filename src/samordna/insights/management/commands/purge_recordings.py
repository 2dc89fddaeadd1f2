from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samordna.audit.context import acting_as
from samordna.insights import services


class Command(BaseCommand):
    help = (
        "Delete interview recordings whose deletion date has passed (30 days after upload), and "
        "log each deletion. Run daily by cron. Marking an interview processed, or taking back "
        "the consent to record, deletes its recordings at once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, label="samordna purge_recordings"):
            done = services.purge()
        for recording in done:
            self.stdout.write(
                f"Raderad: {recording.original_name} (intervju {recording.interview_id})"
            )
        self.stdout.write(f"{len(done)} inspelningar raderade.")

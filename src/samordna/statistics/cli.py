"""What the statistics commands say: refusals with their located errors, and load summaries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from samordna.statistics.fileformat import ImportRefused
from samordna.statistics.warehouse import Outcome


def refusal(
    stderr: Any, refused: ImportRefused, what: str, *, where: str = "", shown: int = 50
) -> CommandError:
    """Write the located errors and return the command's error (nothing was saved)."""
    for problem in refused.problems[:shown]:
        stderr.write(str(problem))
    more = refused.total - min(len(refused.problems), shown)
    if more > 0:
        stderr.write(f"… och {more} fel till.")
    place = f" i {where}" if where else ""
    return CommandError(f"{what} avbröts: {refused.total} fel{place}. Ingenting har sparats.")


def summary(outcome: Outcome, heading: str, noun: str = "värden", calls: int | None = None) -> str:
    total = outcome.total
    title = "Provkörning, ingenting sparat" if outcome.dry_run else heading
    text = (
        f"{title}: {total.rows} {noun}: {total.new} nya, {total.changed} ändrade, "
        f"{total.unchanged} oförändrade"
    )
    return text + (f" ({calls} anrop)." if calls is not None else ".")

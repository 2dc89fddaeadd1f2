"""Figures written into the Swedish records: decisions, timelines, board documents."""

from __future__ import annotations

from decimal import Decimal


def kronor(value: int | Decimal | None) -> str:
    """Whole kronor grouped the Swedish way ("1 800 000", with no-break spaces so a
    sum never breaks over two lines); unknown is a dash, never 0. The interface
    uses the ``amount`` template filter, which follows the chosen language."""
    if value is None:
        return "–"
    return f"{int(value):,}".replace(",", "\u00a0")

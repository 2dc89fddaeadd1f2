"""A finalised needs analysis goes on the board's agenda, for the board to adopt it
(registered in ``apps.py``; the board knows nothing of needs analyses, see
board/agenda.py)."""

from __future__ import annotations

from typing import Any

from samordna.board import agenda
from samordna.board import services as board
from samordna.board.documents import text
from samordna.board.models import AgendaItem, BoardMeeting
from samordna.needs.models import NeedsAnalysis
from samordna.reports.document import Paragraph


def analyses(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Finalised editions not yet on an agenda."""
    finalised = NeedsAnalysis.objects.filter(
        association=meeting.association,
        status=NeedsAnalysis.Status.FINAL,
        agenda_items__isnull=True,
    )
    return [
        board.add_item(
            meeting,
            f"Behovsanalys {analysis.year}",
            kind=AgendaItem.Kind.NEEDS_ANALYSIS,
            needs_analysis=analysis,
            proposed_decision="Styrelsen fastställer behovsanalysen och dess prioriteringar.",
        )
        for analysis in finalised
    ]


def papers(item: AgendaItem) -> list[Paragraph]:
    analysis = item.needs_analysis
    if analysis is None:
        return []
    return text("Behovsanalys", f"{analysis.year}, {analysis.registry_number or 'ej fastställd'}")


def register() -> None:
    """Hang the needs analysis on the board's agenda (from AppConfig.ready)."""
    agenda.register_source(50, analyses)
    agenda.register_papers(AgendaItem.Kind.NEEDS_ANALYSIS, papers)

"""What assignments put on the board's agenda, how the board's decisions on them are
carried out, and their papers in the meeting's packet (registered in ``apps.py``;
the board knows nothing of assignments, see board/agenda.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samordna.assignments import lifecycle
from samordna.assignments.models import (
    Amendment,
    Assignment,
    FinalReport,
    ProgressReport,
    ReportState,
    State,
)
from samordna.board import agenda
from samordna.board import services as board
from samordna.board.documents import text
from samordna.board.models import AgendaItem, BoardMeeting, Decision
from samordna.core.formats import kronor
from samordna.reports.document import Cell, Paragraph, Table


def proposals(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Proposals ready for decision move onto the agenda ("on the agenda")."""
    ready = Assignment.objects.filter(association=meeting.association, state=State.READY)
    return [lifecycle.place_on_agenda(assignment, meeting, actor) for assignment in ready]


def progress_reports(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Progress reports the manager approved before the meeting, not yet on an agenda."""
    reports = ProgressReport.objects.filter(
        assignment__association=meeting.association,
        state=ReportState.APPROVED,
        agenda_items__isnull=True,
        approved_at__date__lte=meeting.held_on,
    ).select_related("assignment")
    return [
        board.add_item(
            meeting,
            f"Avrapportering: {report.assignment.title}",
            kind=AgendaItem.Kind.PROGRESS_REPORT,
            assignment=report.assignment,
            progress_report=report,
            proposed_decision="Styrelsen noterar avrapporteringen till protokollet.",
        )
        for report in reports
    ]


def final_reports(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Approved final reports, for the implementation decision."""
    finals = Assignment.objects.filter(
        association=meeting.association, state=State.FINAL_APPROVED
    ).exclude(agenda_items__kind=AgendaItem.Kind.FINAL_REPORT)
    return [
        board.add_item(
            meeting,
            f"Slutrapport och implementeringsbeslut: {assignment.title}",
            kind=AgendaItem.Kind.FINAL_REPORT,
            assignment=assignment,
            proposed_decision="Styrelsen godkänner slutrapporten och fattar beslut om "
            "implementering.",
        )
        for assignment in finals
    ]


def amendments(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    proposed = Amendment.objects.filter(
        assignment__association=meeting.association, status=Amendment.Status.PROPOSED
    )
    return [lifecycle.place_amendment_on_agenda(a, meeting, actor) for a in proposed]


def decide_proposal(request: agenda.DecisionRequest) -> bool:
    if request.item.assignment is None:
        return False
    if request.outcome not in {"grant", "reject"}:
        raise board.BoardError(_("Choose grant or reject."))
    lifecycle.apply(request.item.assignment, request.outcome, request.membership, request.data)
    return True


def decide_final_report(request: agenda.DecisionRequest) -> bool:
    if request.item.assignment is None:
        return False
    lifecycle.apply(request.item.assignment, "close", request.membership, request.data)
    return True


def decide_amendment(request: agenda.DecisionRequest) -> bool:
    if request.item.amendment is None:
        return False
    if request.outcome not in {"grant", "reject"}:
        raise board.BoardError(_("Choose grant or reject."))
    granted = request.outcome == "grant"
    lifecycle.decide_amendment(request.item.amendment, request.membership, granted, request.text)
    return True


def on_the_timeline(decision: Decision, actor: Any) -> None:
    """A plain decision on an assignment's item is a line on its timeline."""
    if decision.assignment is not None:
        lifecycle.event(
            decision.assignment,
            f"Styrelsebeslut: {decision.text}",
            actor,
            decision.registry_number,
        )


def outcomes() -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in Assignment.Outcome.choices]


def kinds() -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in Assignment.Kind.choices]


def proposal_papers(item: AgendaItem) -> list[Paragraph | Table]:
    """The proposal, without the background the item's description already gives, and
    what the parties said while it was anchored."""
    if item.assignment is None:
        return []
    shown = item.description.strip() == item.assignment.background.strip()
    return _proposal(item.assignment, background=not shown) + _anchoring(item.assignment)


def _anchoring(assignment: Assignment) -> list[Paragraph | Table]:
    comments = list(assignment.comments.select_related("author", "party").order_by("created_at"))
    if not comments:
        return [*text("Synpunkter från förankringen", "")]
    return [
        Table(
            caption="Synpunkter från förankringen hos parterna",
            columns=["Datum", "Part", "Synpunkt"],
            rows=[
                [
                    Cell(f"{c.created_at:%Y-%m-%d}"),
                    Cell(c.party.name if c.party else str(c.author)),
                    Cell(c.text),
                ]
                for c in comments
            ],
        )
    ]


def progress_papers(item: AgendaItem) -> list[Paragraph | Table]:
    return _progress(item.progress_report) if item.progress_report else []


def final_papers(item: AgendaItem) -> list[Paragraph | Table]:
    return _final(item.assignment) if item.assignment else []


def amendment_papers(item: AgendaItem) -> list[Paragraph | Table]:
    a = item.amendment
    if a is None:
        return []
    blocks = text("Ändring", str(a.get_kind_display()))
    if a.new_end:
        blocks += text("Nytt slutdatum", f"{a.new_end:%Y-%m-%d}")
    if a.amount is not None:
        blocks += text(f"Ändrat belopp {a.year}", f"{kronor(a.amount)} kr")
    return list(blocks)


def register() -> None:
    """Hang the assignments' work on the board's agenda (from AppConfig.ready)."""
    agenda.register_source(10, proposals)
    agenda.register_source(20, progress_reports)
    agenda.register_source(30, final_reports)
    agenda.register_source(40, amendments)
    agenda.register_decider(AgendaItem.Kind.PROPOSAL, decide_proposal)
    agenda.register_decider(AgendaItem.Kind.FINAL_REPORT, decide_final_report)
    agenda.register_decider(AgendaItem.Kind.AMENDMENT, decide_amendment)
    agenda.register_release(lifecycle.release_item)
    agenda.register_recorded(on_the_timeline)
    agenda.register_choices("outcomes", outcomes)
    agenda.register_choices("kinds", kinds)
    agenda.register_papers(AgendaItem.Kind.PROPOSAL, proposal_papers)
    agenda.register_papers(AgendaItem.Kind.PROGRESS_REPORT, progress_papers)
    agenda.register_papers(AgendaItem.Kind.FINAL_REPORT, final_papers)
    agenda.register_papers(AgendaItem.Kind.AMENDMENT, amendment_papers)


def _proposal(assignment: Assignment, *, background: bool = True) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    fields = [
        ("Typ", assignment.get_kind_display()),
        *([("Behov och bakgrund", assignment.background)] if background else []),
        ("Målgrupp", assignment.target_users),
        ("Parter", ", ".join(p.name for p in assignment.parties.all())),
        ("Verksamheter", ", ".join(u.name for u in assignment.units.all())),
        ("Hur resurser integreras", assignment.resource_integration),
        ("Implementeringsstrategi", assignment.implementation_strategy),
        (
            "Tidsperiod",
            f"{assignment.starts_on or '–'} – {assignment.ends_on or '–'}",
        ),
        ("Uppdragsledare", str(assignment.lead or "–")),
        ("Ansvarig chef", str(assignment.manager or "–")),
    ]
    for label, value in fields:
        blocks += text(label, str(value))
    funding = list(assignment.funding.all())
    if funding:
        blocks.append(
            Table(
                caption="Föreslagen finansiering",
                columns=["År", "Föreslaget (kr)", "Medfinansiering (kr)", "Beviljat (kr)"],
                rows=[
                    [
                        Cell(str(f.year)),
                        Cell(kronor(f.proposed), numeric=True),
                        Cell(kronor(f.co_financing), numeric=True),
                        Cell(kronor(f.granted), numeric=True),
                    ]
                    for f in funding
                ],
            )
        )
    return blocks


def _progress(report: ProgressReport) -> list[Paragraph | Table]:
    return [
        *text("Uppdrag", report.assignment.title),
        *text("Uppdragsledare", str(report.assignment.lead or "–")),
        *text("Vad vi gör och vilka vi möter", report.activities),
        *text("Intern förankring", report.anchoring),
        *text("Avvikelser från uppdragsbeskrivningen", report.deviations),
        *text("Upptäckter och insikter", report.discoveries),
        *text(
            "Godkänd av ansvarig chef",
            f"{report.approved_at:%Y-%m-%d}" if report.approved_at else "",
        ),
    ]


def _final(assignment: Assignment) -> list[Paragraph | Table]:
    report = FinalReport.objects.filter(assignment=assignment).first()
    if report is None:
        return [Paragraph("Slutrapporten är inte skriven.")]
    labels = {
        "background": "Bakgrund",
        "way_of_working": "Arbetssätt",
        "results": "Resultat: värde för användare och verksamheter",
        "implementation_position": "Ställningstagande om implementering",
        "continued_work": "Fortsatt internt arbete",
        "further_support": "Fortsatt behov av stöd från förbundet",
    }
    return [p for name in FinalReport.SECTIONS for p in text(labels[name], getattr(report, name))]

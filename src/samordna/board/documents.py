"""The board packet (kallelse, dagordning, handlingar) and the minutes as report documents."""

from __future__ import annotations

from samordna.assignments.models import Assignment, FinalReport, ProgressReport
from samordna.board.models import AgendaItem, BoardMeeting, Minutes
from samordna.core.formats import kronor
from samordna.reports.document import Cell, Document, Paragraph, Section, Table


def _when(meeting: BoardMeeting) -> list[tuple[str, str]]:
    return [
        ("Datum", f"{meeting.held_on:%Y-%m-%d}"),
        ("Tid", f"{meeting.starts_at:%H.%M}"),
        ("Plats", meeting.place or "–"),
        ("Mötestyp", str(meeting.get_kind_display())),
    ]


def _agenda(meeting: BoardMeeting) -> Table:
    return Table(
        caption="Dagordning",
        columns=["§", "Ärende", "Förslag till beslut"],
        rows=[
            [Cell(f"§{item.position}"), Cell(item.title), Cell(item.proposed_decision or "–")]
            for item in meeting.items.order_by("position")
        ],
    )


def _text(label: str, value: str) -> list[Paragraph]:
    return [Paragraph(f"{label}: {value}" if value.strip() else f"{label}: –")]


def _proposal(assignment: Assignment) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    fields = [
        ("Typ", assignment.get_kind_display()),
        ("Behov och bakgrund", assignment.background),
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
        blocks += _text(label, str(value))
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
        *_text("Uppdrag", report.assignment.title),
        *_text("Uppdragsledare", str(report.assignment.lead or "–")),
        *_text("Vad vi gör och vilka vi möter", report.activities),
        *_text("Intern förankring", report.anchoring),
        *_text("Avvikelser från uppdragsbeskrivningen", report.deviations),
        *_text("Upptäckter och insikter", report.discoveries),
        *_text(
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
    return [p for name in FinalReport.SECTIONS for p in _text(labels[name], getattr(report, name))]


def _papers(item: AgendaItem) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    if item.description:
        blocks.append(Paragraph(item.description))
    if item.kind == AgendaItem.Kind.PROPOSAL and item.assignment:
        blocks += _proposal(item.assignment)
    elif item.kind == AgendaItem.Kind.PROGRESS_REPORT and item.progress_report:
        blocks += _progress(item.progress_report)
    elif item.kind == AgendaItem.Kind.FINAL_REPORT and item.assignment:
        blocks += _final(item.assignment)
    elif item.kind == AgendaItem.Kind.AMENDMENT and item.amendment:
        a = item.amendment
        blocks += _text("Ändring", str(a.get_kind_display()))
        if a.new_end:
            blocks += _text("Nytt slutdatum", f"{a.new_end:%Y-%m-%d}")
        if a.amount is not None:
            blocks += _text(f"Ändrat belopp {a.year}", f"{kronor(a.amount)} kr")
    elif item.kind == AgendaItem.Kind.NEEDS_ANALYSIS and item.needs_analysis:
        na = item.needs_analysis
        blocks += _text("Behovsanalys", f"{na.year}, {na.registry_number or 'ej fastställd'}")
    if item.proposed_decision:
        blocks.append(Paragraph(f"Förslag till beslut: {item.proposed_decision}", style="lead"))
    return blocks


def packet(meeting: BoardMeeting) -> Document:
    """Kallelse, dagordning and handlingar of a meeting."""
    items = list(meeting.items.order_by("position").select_related(
        "assignment", "progress_report", "progress_report__assignment", "amendment",
        "needs_analysis",
    ))  # fmt: skip
    association = meeting.association
    papers = [
        Section(title=f"§{item.position} {item.title}", blocks=list(_papers(item)))
        for item in items
        if item.kind != AgendaItem.Kind.STANDARD
    ]
    return Document(
        title=f"Kallelse till styrelsemöte {meeting.held_on:%Y-%m-%d}",
        subtitle=association.name,
        meta=_when(meeting),
        sections=[
            Section(
                title="Kallelse",
                blocks=[
                    Paragraph(
                        f"Styrelsen för {association.name} kallas till "
                        f"{meeting.get_kind_display().lower()} {meeting.held_on:%Y-%m-%d} "
                        f"klockan {meeting.starts_at:%H.%M}"
                        + (f", {meeting.place}." if meeting.place else ".")
                    )
                ],
            ),
            Section(title="Dagordning", blocks=[_agenda(meeting)]),
            Section(
                title="Handlingar",
                blocks=[] if papers else [Paragraph("Inga handlingar till detta möte.")],
                sections=papers,
            ),
        ],
    )


def minutes(meeting: BoardMeeting) -> Document:
    """The minutes: who was there, every item with its decisions, and the justering."""
    record = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    present = [line.strip() for line in record.present.splitlines() if line.strip()]
    items = []
    for item in meeting.items.order_by("position").prefetch_related("decisions"):
        blocks: list[Paragraph | Table] = []
        for decision in item.decisions.all():
            blocks.append(Paragraph(f"Beslut ({decision.registry_number}): {decision.text}"))
        if not blocks and item.kind != AgendaItem.Kind.STANDARD:
            blocks.append(Paragraph("Inget beslut fattades i ärendet."))
        items.append(Section(title=f"§{item.position} {item.title}", blocks=list(blocks)))
    loose = meeting.decisions.filter(agenda_item__isnull=True)
    for decision in loose:
        items.append(
            Section(
                title=decision.registry_number,
                blocks=[Paragraph(f"Beslut ({decision.registry_number}): {decision.text}")],
            )
        )
    checked = (
        f"Justerat {record.checked_on:%Y-%m-%d} av {record.checked_by}."
        if record.checked_on and record.checked_by
        else "Protokollet är inte justerat."
    )
    return Document(
        title=f"Protokoll från styrelsemöte {meeting.held_on:%Y-%m-%d}",
        subtitle=meeting.association.name,
        meta=_when(meeting),
        sections=[
            Section(
                title="Närvarande",
                blocks=[Paragraph(name, style="bullet") for name in present]
                or [Paragraph("Närvaron är inte antecknad.")],
            ),
            Section(
                title="Ordförande och sekreterare",
                blocks=[
                    Paragraph(f"Ordförande: {record.chair or '–'}"),
                    Paragraph(f"Sekreterare: {record.secretary or '–'}"),
                ],
            ),
            Section(title="Ärenden", sections=items),
            *(
                [Section(title="Övrigt", blocks=[Paragraph(record.notes)])]
                if record.notes.strip()
                else []
            ),
            Section(title="Justering", blocks=[Paragraph(checked)]),
        ],
    )

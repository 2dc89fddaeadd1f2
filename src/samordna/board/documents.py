"""The board packet (kallelse, dagordning, handlingar) and the minutes as report documents."""

from __future__ import annotations

from samordna.board import agenda
from samordna.board.models import AgendaItem, BoardMeeting, Minutes
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
        caption=f"Ärenden {meeting.held_on:%Y-%m-%d}, med förslag till beslut",
        columns=["§", "Ärende", "Förslag till beslut"],
        rows=[
            [Cell(f"§{item.position}"), Cell(item.title), Cell(item.proposed_decision or "–")]
            for item in meeting.items.order_by("position")
        ],
    )


def text(label: str, value: str) -> list[Paragraph]:
    """A labelled paragraph of the packet; an empty value is a dash."""
    return [Paragraph(f"{label}: {value}" if value.strip() else f"{label}: –")]


def _papers(item: AgendaItem) -> list[Paragraph | Table]:
    """The item's description, its documents (from the module whose item it is, see
    board/agenda.py) and the proposed decision."""
    blocks: list[Paragraph | Table] = []
    if item.description:
        blocks.append(Paragraph(item.description))
    blocks += agenda.papers(item)
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

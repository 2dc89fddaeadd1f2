"""Board work: the yearly plan, agendas proposed from what is due, decisions and minutes.

Every change of state is atomic and audited as a transition. Decisions take
the association's next registry number inside the same transaction, so
numbers are unique and without gaps even when two decisions are recorded at
once.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.audit.context import transition
from samordna.board import agenda
from samordna.board.models import AgendaItem, BoardMeeting, Decision, Minutes
from samordna.core.errors import Refused
from samordna.core.models import next_registry_number


class BoardError(Refused):
    """A board action that cannot be done; the message is Swedish and says why."""


STANDING_FIRST = (
    "Mötets öppnande",
    "Val av justerare",
    "Godkännande av dagordning",
    "Föregående protokoll",
)
STANDING_LAST = ("Övriga frågor", "Mötets avslutande")


def plan_year(
    association: Association, dates: list[datetime.date], place: str = ""
) -> list[BoardMeeting]:
    """Create the meetings of a yearly plan; all or none (a date already taken is refused)."""
    if not dates:
        raise BoardError(_("Give at least one date, one per line (YYYY-MM-DD)."))
    taken = set(
        BoardMeeting.objects.filter(association=association, held_on__in=dates).values_list(
            "held_on", flat=True
        )
    )
    if taken:
        listed = ", ".join(f"{d:%Y-%m-%d}" for d in sorted(taken))
        raise BoardError(
            _("There is already a board meeting on %(days)s. Nothing was saved.") % {"days": listed}
        )
    if len(set(dates)) != len(dates):
        raise BoardError(_("The same date is given twice. Nothing was saved."))
    with transaction.atomic():
        return [
            BoardMeeting.objects.create(
                association=association,
                held_on=day,
                place=place,
                reports_due_on=BoardMeeting.default_due(day),
            )
            for day in sorted(dates)
        ]


def _agenda_open(meeting: BoardMeeting) -> None:
    if not meeting.is_open:
        raise BoardError(_("The minutes are checked; the agenda cannot be changed."))


def _lock(meeting: BoardMeeting) -> BoardMeeting:
    return BoardMeeting.objects.select_for_update().get(pk=meeting.pk)


def next_position(meeting: BoardMeeting) -> int:
    return (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1


def add_item(meeting: BoardMeeting, title: str, **fields: Any) -> AgendaItem:
    """Put an item on the agenda, before the closing standing items if they are there."""
    _agenda_open(meeting)
    if not title.strip():
        raise BoardError(_("The item needs a title."))
    with transaction.atomic():
        _lock(meeting)
        closing = list(
            meeting.items.filter(kind=AgendaItem.Kind.STANDARD, title__in=STANDING_LAST).order_by(
                "position"
            )
        )
        position = closing[0].position if closing else next_position(meeting)
        for item in reversed(closing):
            item.position += 1
            item.save(update_fields=["position"])
        return AgendaItem.objects.create(meeting=meeting, position=position, title=title, **fields)


def move_item(item: AgendaItem, step: int) -> None:
    """Swap the item with its neighbour above (step -1) or below (+1)."""
    meeting = item.meeting
    _agenda_open(meeting)
    with transaction.atomic():
        _lock(meeting)
        items = list(meeting.items.order_by("position"))
        index = next(i for i, it in enumerate(items) if it.pk == item.pk)
        other = index + step
        if not 0 <= other < len(items):
            return
        a, b = items[index], items[other]
        a.position, b.position = b.position, a.position
        a.save(update_fields=["position"])
        b.save(update_fields=["position"])


def remove_item(item: AgendaItem) -> None:
    """Take an item off the agenda; one with a decision stays."""
    meeting = item.meeting
    _agenda_open(meeting)
    if item.decisions.exists():
        raise BoardError(_("§%(n)s has a decision and cannot be removed.") % {"n": item.position})
    with transaction.atomic():
        _lock(meeting)
        agenda.released(item)
        item.delete()
        renumber(meeting)


def renumber(meeting: BoardMeeting) -> None:
    """Number the agenda 1, 2, 3 … again after an item has gone."""
    for position, rest in enumerate(meeting.items.order_by("position"), start=1):
        if rest.position != position:
            rest.position = position
            rest.save(update_fields=["position"])


def record_decision(
    meeting: BoardMeeting,
    kind: str,
    text: str,
    *,
    item: AgendaItem | None = None,
    assignment: Any = None,
) -> Decision:
    """A decision with the next registry number; call inside the transaction that uses it."""
    if not meeting.is_open:
        raise BoardError(_("The minutes are checked; no more decisions can be entered."))
    if not text.strip():
        raise BoardError(_("Write the decision."))
    with transaction.atomic():
        number = next_registry_number(meeting.association, meeting.held_on.year)
        return Decision.objects.create(
            association=meeting.association,
            registry_number=number,
            meeting=meeting,
            agenda_item=item,
            kind=kind,
            text=text.strip(),
            assignment=assignment,
            decided_on=meeting.held_on,
        )


def set_status(meeting: BoardMeeting, status: str) -> BoardMeeting:
    """Call the meeting, mark it held, or check (justera) its minutes."""
    order = [s.value for s in BoardMeeting.Status]
    with transaction.atomic():
        locked = _lock(meeting)
        if status not in order:
            raise BoardError(_("Unknown status for the meeting."))
        if order.index(status) != order.index(locked.status) + 1:
            raise BoardError(
                _("The meeting is %(now)s; it cannot become %(next)s now.")
                % {
                    "now": locked.get_status_display().lower(),
                    "next": str(BoardMeeting.Status(status).label).lower(),
                }
            )
        if status == BoardMeeting.Status.CALLED and not locked.items.exists():
            raise BoardError(
                _("The agenda is empty. Set up the agenda before the meeting is called.")
            )
        if status == BoardMeeting.Status.CHECKED:
            minutes = Minutes.objects.filter(meeting=locked).first()
            if minutes is None or not minutes.checked_by.strip() or minutes.checked_on is None:
                raise BoardError(
                    _("Write who checked the minutes, and when, before marking them checked.")
                )
        with transition(f"Styrelsemötet: {BoardMeeting.Status(status).label}"):
            locked.status = status
            locked.save()
    return locked


def propose_agenda(meeting: BoardMeeting, actor: Any) -> list[AgendaItem]:
    """Put what is due on the agenda: the standing items, then what every module that
    registered a source has due (proposals, reports, amendments, analyses; board/agenda.py).

    Nothing already on an agenda is added twice. Returns the items added.
    """
    _agenda_open(meeting)
    added: list[AgendaItem] = []
    with transaction.atomic():
        _lock(meeting)
        if not meeting.items.filter(kind=AgendaItem.Kind.STANDARD).exists():
            added += _standing_items(meeting)
        added += agenda.proposals(meeting, actor)
    return added


def decide(
    meeting: BoardMeeting, item: AgendaItem, membership: Any, outcome: str, text: str, data: Any
) -> None:
    """The board's decision on an agenda item: carried out by the module whose item it is
    (an assignment's step, an amendment), or recorded as it is — noted, or another decision."""
    request = agenda.DecisionRequest(item, membership, outcome, text, dict(data))
    handler = agenda.decider(item.kind)
    with transaction.atomic():
        if handler is not None and handler(request):
            return
        kind = Decision.Kind.NOTED if outcome == "noted" else Decision.Kind.OTHER
        if kind == Decision.Kind.NOTED and not text.strip():
            text = item.proposed_decision or f"Styrelsen noterar {item.title.lower()}."
        decision = record_decision(meeting, kind, text, item=item, assignment=item.assignment)
        agenda.recorded(decision, membership.user)


def _standing_items(meeting: BoardMeeting) -> list[AgendaItem]:
    """The standing items: opening ones before what is already on the agenda, closing ones after."""
    existing = list(meeting.items.order_by("-position"))
    for item in existing:  # from the end, so that positions never collide
        item.position += len(STANDING_FIRST)
        item.save(update_fields=["position"])
    added = [
        AgendaItem.objects.create(
            meeting=meeting, position=index, title=title, kind=AgendaItem.Kind.STANDARD
        )
        for index, title in enumerate(STANDING_FIRST, start=1)
    ]
    for title in STANDING_LAST:
        added.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=next_position(meeting),
                title=title,
                kind=AgendaItem.Kind.STANDARD,
            )
        )
    return added


def save_minutes(meeting: BoardMeeting, **fields: Any) -> Minutes:
    if meeting.status == BoardMeeting.Status.CHECKED:
        raise BoardError(_("The minutes are checked and cannot be changed."))
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    for name, value in fields.items():
        setattr(minutes, name, value)
    minutes.full_clean()
    minutes.save()
    return minutes

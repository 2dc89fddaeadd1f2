"""What every step shares: the Swedish words of stored texts, the refusal, a step's
shape, the timeline line, who may act, and reading a step's input."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm
from samordna.assignments.models import (
    Assignment,
    Event,
    State,
)
from samordna.board.models import AgendaItem, BoardMeeting, Decision
from samordna.core import privacy
from samordna.core.errors import Refused

# Stored texts (agenda titles, timeline) are Swedish whatever the interface language.
KIND_SV = {"pre_study": "Föruppdrag", "assignment": "Uppdrag"}
AMENDMENT_SV = {"extension": "förlängning", "budget": "budgetändring"}
STATE_SV = {
    State.DRAFT: "utkast",
    State.ANCHORING: "förankring hos parterna",
    State.READY: "klart för beslut",
    State.ON_AGENDA: "på styrelsens dagordning",
    State.GRANTED: "beviljat",
    State.REJECTED: "avslaget",
    State.AGREED: "överenskommelse registrerad",
    State.RUNNING: "pågår",
    State.FINAL_SUBMITTED: "slutrapport inlämnad",
    State.FINAL_APPROVED: "slutrapport godkänd",
    State.CLOSED: "avslutat",
}
REPORT_SV = {"draft": "utkast", "submitted": "inlämnad", "returned": "returnerad",
             "approved": "godkänd"}  # fmt: skip


MAX_AMOUNT = 1_000_000_000  # kronor; larger amounts are typing mistakes


class TransitionError(Refused):
    """A step that cannot be taken now; the message is Swedish and says why."""


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # Swedish, shown on the button and in the timeline
    sources: tuple[State, ...]
    target: State
    who: Callable[[Membership, Assignment], bool]
    # Gets the acting member, or None when the board's agenda proposal acts.
    run: Callable[[Assignment, Any, dict[str, Any]], Outcome]


@dataclass(frozen=True)
class Outcome:
    """What a step did: its line on the timeline (with the decision's registry number),
    and what it made — the agenda item, the board's decision, a follow-up proposal."""

    text: str
    number: str = ""
    item: AgendaItem | None = None
    decision: Decision | None = None
    follow_up: Assignment | None = None


@dataclass(frozen=True)
class Taken:
    """A step taken: the assignment as it is now, and the step's outcome."""

    assignment: Assignment
    outcome: Outcome


def _states(states: tuple[State, ...]) -> str:
    names = [f"”{STATE_SV[State(s)]}”" for s in states]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


def event(assignment: Assignment, text: str, actor: Any = None, number: str = "") -> Event:
    return Event.objects.create(
        assignment=assignment,
        on=timezone.localdate(),
        actor=actor,
        text=text[:400],
        registry_number=number,
    )


def _editor(m: Membership, _a: Assignment) -> bool:
    return m.has(Perm.EDIT_ASSIGNMENTS)


def _board(m: Membership, _a: Assignment) -> bool:
    return m.has(Perm.MANAGE_BOARD)


def _required(data: dict[str, Any], key: str, label: str) -> Any:
    value = data.get(key)
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        raise TransitionError(f"Fältet ”{label}” behöver fyllas i.")
    return value.strip() if isinstance(value, str) else value


def _date(data: dict[str, Any], key: str, label: str, *, required: bool = True) -> Any:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise TransitionError(f"Fältet ”{label}” behöver ett datum (ÅÅÅÅ-MM-DD).")
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise TransitionError(
            f"Fältet ”{label}”: {value!r} är inget datum; skriv ÅÅÅÅ-MM-DD."
        ) from None


def _meeting(assignment: Assignment, data: dict[str, Any]) -> BoardMeeting:
    value = data.get("meeting")
    if isinstance(value, BoardMeeting):
        meeting = value
    else:
        try:
            meeting = BoardMeeting.objects.get(
                association=assignment.association, pk=int(str(value))
            )
        except (BoardMeeting.DoesNotExist, ValueError, OverflowError):
            raise TransitionError(_("Choose one of the association's board meetings.")) from None
    if meeting.association_id != assignment.association_id or not meeting.is_open:
        raise TransitionError(
            f"Styrelsemötet {meeting.held_on:%Y-%m-%d} har ett justerat protokoll; välj ett annat."
        )
    return meeting


# --- the proposal -----------------------------------------------------------------------------


def missing_for_decision(assignment: Assignment) -> list[str]:
    """The proposal fields still empty; a proposal is ready for decision when none is."""
    checks = [
        (assignment.background, "behov och bakgrund"),
        (assignment.target_users, "målgrupp (användare)"),
        (assignment.parties.exists(), "parter"),
        (assignment.resource_integration, "hur resurser integreras"),
        (assignment.implementation_strategy, "implementeringsstrategi"),
        (assignment.starts_on and assignment.ends_on, "tidsperiod"),
        (assignment.focus, "inriktning"),
        (assignment.target_group, "målgrupp för nationell uppföljning"),
        (assignment.lead_id, "uppdragsledare"),
        (assignment.manager_id, "ansvarig chef"),
        (assignment.funding.filter(proposed__gt=0).exists(), "föreslagen finansiering"),
    ]
    return [label for present, label in checks if not present]


def _label(model: Any, name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _guard(text: str, field: str) -> None:
    try:
        privacy.check(text, field=field)
    except ValidationError as exc:
        raise TransitionError(exc.messages[0]) from None

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
from django.utils.translation import pgettext_lazy

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

# The records' words (timeline, agenda titles) are in samordna.assignments.records.
# The same states in refusals, in the interface language (Swedish: the words above).
STATE_WORDS = {
    State.DRAFT: pgettext_lazy("assignment state", "draft"),
    State.ANCHORING: pgettext_lazy("assignment state", "anchoring with the parties"),
    State.READY: pgettext_lazy("assignment state", "ready for decision"),
    State.ON_AGENDA: pgettext_lazy("assignment state", "on the board's agenda"),
    State.GRANTED: pgettext_lazy("assignment state", "granted"),
    State.REJECTED: pgettext_lazy("assignment state", "rejected"),
    State.AGREED: pgettext_lazy("assignment state", "agreement registered"),
    State.RUNNING: pgettext_lazy("assignment state", "running"),
    State.FINAL_SUBMITTED: pgettext_lazy("assignment state", "final report submitted"),
    State.FINAL_APPROVED: pgettext_lazy("assignment state", "final report approved"),
    State.CLOSED: pgettext_lazy("assignment state", "closed"),
}
REPORT_WORDS = {
    "draft": pgettext_lazy("report state", "draft"),
    "submitted": pgettext_lazy("report state", "submitted"),
    "returned": pgettext_lazy("report state", "returned"),
    "approved": pgettext_lazy("report state", "approved"),
}


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
    names = [_("“%(state)s”") % {"state": STATE_WORDS[State(s)]} for s in states]
    if len(names) == 1:
        return names[0]
    return _("%(some)s or %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]}


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
        raise TransitionError(_("The field “%(label)s” needs filling in.") % {"label": label})
    return value.strip() if isinstance(value, str) else value


def _date(data: dict[str, Any], key: str, label: str, *, required: bool = True) -> Any:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise TransitionError(
                _("The field “%(label)s” needs a date (YYYY-MM-DD).") % {"label": label}
            )
        return None
    return iso_date(value, label)


def iso_date(value: Any, label: Any) -> datetime.date:
    """A date written YYYY-MM-DD (or a date already), refused naming its field."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise TransitionError(
            _("The field “%(label)s”: %(value)r is no date; write YYYY-MM-DD.")
            % {"label": label, "value": value}
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
            _("The minutes of the board meeting %(day)s are checked; choose another.")
            % {"day": f"{meeting.held_on:%Y-%m-%d}"}
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

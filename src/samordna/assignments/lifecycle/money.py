"""Comments during anchoring, money per year and amendments (extension, budget) with
their board decisions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm
from samordna.assignments import access
from samordna.assignments.lifecycle.base import (
    MAX_AMOUNT,
    STATE_WORDS,
    TransitionError,
    _date,
    _guard,
    _required,
    event,
)
from samordna.assignments.models import (
    Amendment,
    Assignment,
    Comment,
    Funding,
    State,
)
from samordna.assignments.records import AMENDMENT_SV
from samordna.audit.context import transition
from samordna.board.models import AgendaItem, BoardMeeting, Decision
from samordna.core.formats import kronor

# --- comments during anchoring --------------------------------------------------------------


def comment(assignment: Assignment, membership: Membership, text: str) -> Comment:
    if not access.may_comment(membership, assignment):
        raise PermissionDenied
    if assignment.state != State.ANCHORING:
        raise TransitionError(
            _("Comments are given during the anchoring; the proposal is in the state “%(state)s”.")
            % {"state": STATE_WORDS[State(assignment.state)]}
        )
    text = text.strip()
    if not text:
        raise TransitionError(_("Write a comment."))
    _guard(text, "kommentar")
    with transaction.atomic():
        found = Comment.objects.create(
            assignment=assignment, author=membership.user, party=membership.party, text=text
        )
        party = f" ({membership.party})" if membership.party else ""
        event(assignment, f"Kommentar från {membership.user}{party}", membership.user)
    return found


# --- funding ---------------------------------------------------------------------------------


def set_funding(
    assignment: Assignment,
    year: int,
    *,
    proposed: int | None = None,
    co_financing: int | None = None,
    spent: int | None = None,
    actor: Any = None,
) -> Funding:
    """Set a year's proposed amount (before the decision) or its outcome (after)."""
    if year < 2000 or year > 2100:
        raise TransitionError(_("The year must be written with four digits."))
    for value, label in (
        (proposed, pgettext("amount", "proposed")),
        (co_financing, pgettext("amount", "co-financing")),
        (spent, pgettext("amount", "outcome")),
    ):
        if value is not None and not 0 <= value <= MAX_AMOUNT:
            raise TransitionError(
                _("The amount for %(what)s must be between 0 and %(most)s kr.")
                % {"what": label, "most": MAX_AMOUNT}
            )
    decided = assignment.state not in {State.DRAFT, State.ANCHORING, State.READY}
    if (proposed is not None or co_financing is not None) and decided:
        raise TransitionError(
            _("The funding is decided; change it through an amendment (budget change).")
        )
    if spent is not None and assignment.state not in {
        State.AGREED, State.RUNNING, State.FINAL_SUBMITTED, State.FINAL_APPROVED, State.CLOSED,
    }:  # fmt: skip
        raise TransitionError(_("Spending is recorded once the assignment has an agreement."))
    with transaction.atomic():
        line, _created = Funding.objects.get_or_create(assignment=assignment, year=year)
        if proposed is not None:
            line.proposed = proposed
        if co_financing is not None:
            line.co_financing = co_financing
        if spent is not None:
            line.spent = spent
            event(assignment, f"Utfall {year} registrerat: {kronor(spent)} kr", actor)
        line.save()
    return line


# --- amendments ------------------------------------------------------------------------------


def propose_amendment(
    assignment: Assignment, membership: Membership, data: dict[str, Any]
) -> Amendment:
    if not membership.has(Perm.EDIT_ASSIGNMENTS):
        raise PermissionDenied
    if assignment.state not in {State.AGREED, State.RUNNING}:
        raise TransitionError(
            _(
                "Amendments (extension, budget change) apply to running assignments with an "
                "agreement; the assignment is in the state “%(state)s”."
            )
            % {"state": STATE_WORDS[State(assignment.state)]}
        )
    kind = data.get("kind") or ""
    if kind not in Amendment.Kind.values:
        raise TransitionError(_("Choose extension or budget change."))
    motivation = _required(data, "motivation", "motivering")
    _guard(motivation, "motivering")
    amendment = Amendment(assignment=assignment, kind=kind, motivation=motivation)
    if kind == Amendment.Kind.EXTENSION:
        amendment.new_end = _date(data, "new_end", "nytt slutdatum")
        if assignment.ends_on and amendment.new_end <= assignment.ends_on:
            raise TransitionError(
                _("The new end date must come after the present one (%(day)s).")
                % {"day": f"{assignment.ends_on:%Y-%m-%d}"}
            )
    else:
        try:
            year = int(str(data.get("year")))
            amendment.year = year
            amendment.amount = int(str(data.get("amount")).replace(" ", ""))
        except ValueError:
            raise TransitionError(
                _("Give the year and the amount in whole kronor for the budget change.")
            ) from None
        if not 2000 <= year <= 2100 or abs(amendment.amount) > MAX_AMOUNT:
            raise TransitionError(
                _("The year must have four digits and the amount be reasonable (kronor).")
            )
        line = assignment.funding.filter(year=year).first()
        granted = (line.granted or 0) if line else 0
        if granted + amendment.amount < 0:
            raise TransitionError(
                _("Granted %(year)s is %(granted)s kr; it cannot decrease by more than that.")
                % {"year": amendment.year, "granted": granted}
            )
    with transaction.atomic():
        amendment.save()
        event(assignment, f"Ändring föreslagen: {AMENDMENT_SV[kind]}", membership.user)
    return amendment


def place_amendment_on_agenda(
    amendment: Amendment, meeting: BoardMeeting, actor: Any
) -> AgendaItem:
    from samordna.board import services as board

    with transaction.atomic():
        locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if locked.status != Amendment.Status.PROPOSED:
            raise TransitionError(_("The amendment is already on an agenda or decided."))
        item = board.add_item(
            meeting,
            f"Ändring ({AMENDMENT_SV[locked.kind]}): {locked.assignment.title}",
            kind=AgendaItem.Kind.AMENDMENT,
            assignment=locked.assignment,
            amendment=locked,
            description=locked.motivation,
        )
        with transition("Ändringen sattes upp på dagordningen"):
            locked.status = Amendment.Status.ON_AGENDA
            locked.save()
        event(locked.assignment, f"Ändringen sattes upp på mötet {meeting.held_on}", actor)
    return item


def decide_amendment(
    amendment: Amendment, membership: Membership, granted: bool, text: str = ""
) -> Decision:
    from samordna.board import services as board

    if not membership.has(Perm.MANAGE_BOARD):
        raise PermissionDenied
    with transaction.atomic():
        locked = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if locked.status != Amendment.Status.ON_AGENDA:
            raise TransitionError(
                _(
                    "The amendment is on no agenda (it is proposed or already decided); only "
                    "amendments on an agenda can be decided."
                )
            )
        item = locked.agenda_items.select_related("meeting").first()
        if item is None:
            raise TransitionError(_("The amendment is on no agenda."))
        a = Assignment.objects.select_for_update().get(pk=locked.assignment_id)
        if granted:
            if locked.kind == Amendment.Kind.EXTENSION:
                default = f"Styrelsen förlänger {a.title} till {locked.new_end:%Y-%m-%d}."
            else:
                default = (
                    f"Styrelsen ändrar beviljat belopp {locked.year} för {a.title} med "
                    f"{locked.amount} kr."
                )
        else:
            default = f"Styrelsen avslår ändringen av {a.title}."
        try:
            decision = board.record_decision(
                item.meeting, Decision.Kind.AMENDMENT, text.strip() or default, item=item,
                assignment=a,
            )  # fmt: skip
        except board.BoardError as exc:
            raise TransitionError(str(exc)) from None
        with transition("Ändringen beslutad"):
            locked.status = Amendment.Status.GRANTED if granted else Amendment.Status.REJECTED
            locked.decision = decision
            locked.save()
            if granted and locked.kind == Amendment.Kind.EXTENSION:
                a.ends_on = locked.new_end
                a.save()
            elif granted and locked.year is not None:
                line, _c = Funding.objects.get_or_create(assignment=a, year=locked.year)
                line.granted = (line.granted or 0) + (locked.amount or 0)
                line.save()
        event(a, f"Ändringsbeslut: {decision.text}", membership.user, decision.registry_number)
    return decision

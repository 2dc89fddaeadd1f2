"""The steps of an assignment from proposal to closing: each guarded, locked, audited
and written on the timeline (``apply``), and the board's side of its agenda items."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from samordna.accounts.models import Membership
from samordna.assignments import access, duties
from samordna.assignments.lifecycle import inputs
from samordna.assignments.lifecycle.base import (
    STATE_WORDS,
    Outcome,
    Step,
    Taken,
    TransitionError,
    _board,
    _editor,
    _guard,
    _label,
    _meeting,
    _states,
    event,
    missing_for_decision,
)
from samordna.assignments.models import (
    Amendment,
    Assignment,
    FinalReport,
    ReportState,
    State,
)
from samordna.assignments.records import KIND_SV, STATE_SV
from samordna.audit.context import transition
from samordna.board.models import AgendaItem, BoardMeeting, Decision
from samordna.core.formats import kronor


def _anchor(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    if not a.parties.exists():
        raise TransitionError(_("Say which parties the proposal concerns before it is anchored."))
    return Outcome("Förslaget skickades för förankring hos parterna")


def _back_to_draft(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    return Outcome("Förslaget togs tillbaka för omarbetning")


def _ready(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    missing = missing_for_decision(a)
    if missing:
        raise TransitionError(
            _("The proposal is not ready for decision. Missing: %(fields)s")
            % {"fields": ", ".join(missing)}
        )
    return Outcome("Förslaget är klart för beslut")


def _put_on_agenda(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    from samordna.board import services as board

    meeting = _meeting(a, d)
    item = board.add_item(
        meeting,
        f"{KIND_SV[a.kind]}: {a.title}",
        kind=AgendaItem.Kind.PROPOSAL,
        assignment=a,
        description=a.background,
        proposed_decision=f"Styrelsen beviljar {a.title}.",
    )
    text = f"Förslaget sattes upp på styrelsemötet {meeting.held_on:%Y-%m-%d}, §{item.position}"
    return Outcome(text, item=item)


def _proposal_item(a: Assignment) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(assignment=a, kind=AgendaItem.Kind.PROPOSAL, decisions=None)
        .select_related("meeting")
        .first()
    )
    if item is None:
        raise TransitionError(_("The proposal is on no agenda."))
    return item


def _withdraw(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    item = _proposal_item(a)
    if not item.meeting.is_open:
        raise TransitionError(_("The meeting's minutes are checked; the item cannot be removed."))
    from samordna.board import services as board

    meeting = item.meeting
    item.delete()
    board.renumber(meeting)
    return Outcome(f"Förslaget togs bort från dagordningen {meeting.held_on:%Y-%m-%d}")


def _decide(a: Assignment, kind: str, text: str, d: dict[str, Any]) -> Decision:
    from samordna.board import services as board

    item = _proposal_item(a)
    try:
        decision = board.record_decision(item.meeting, kind, text, item=item, assignment=a)
    except board.BoardError as exc:
        raise TransitionError(str(exc)) from None
    return decision


def _grant(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    lines = list(a.funding.all())
    grants: dict[int, int] = d["grants"]
    total = sum(grants.values())
    text = d["text"] or (
        f"Styrelsen beviljar {a.title} med {kronor(total)} kronor"
        + (" (" + ", ".join(f"{y}: {kronor(g)}" for y, g in grants.items()) + ")")
        + "."
    )
    decision = _decide(a, Decision.Kind.GRANT, text, d)
    for line in lines:
        line.granted = grants[line.year]
        line.save()
    return Outcome(
        f"Styrelsen beviljade uppdraget: {text}", decision.registry_number, decision=decision
    )


def _reject(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    text = d["text"] or f"Styrelsen avslår {a.title}."
    decision = _decide(a, Decision.Kind.REJECT, text, d)
    return Outcome(
        f"Styrelsen avslog förslaget: {text}", decision.registry_number, decision=decision
    )


def _agreement(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    a.agreement_scope = d["scope"]
    a.agreement_reporting = d["reporting"]
    a.agreement_signed_on = d["signed_on"]
    a.starts_on = d["starts_on"] or a.starts_on
    a.ends_on = d["ends_on"] or a.ends_on
    if a.starts_on and a.ends_on and a.ends_on < a.starts_on:
        raise TransitionError(_("The end date is before the start date."))
    for text in (a.agreement_scope, a.agreement_reporting):
        _guard(text, "överenskommelsen")
    return Outcome(f"Överenskommelse registrerad, undertecknad {a.agreement_signed_on:%Y-%m-%d}")


def _start(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    if a.lead_id is None or a.manager_id is None:
        raise TransitionError(_("The assignment needs a lead and a responsible manager."))
    return Outcome("Uppdraget startade")


def _final_report(a: Assignment) -> FinalReport:
    report = FinalReport.objects.filter(assignment=a).first()
    if report is None:
        raise TransitionError(_("Write the final report before it is submitted."))
    return report


def _submit_final(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    report = _final_report(a)
    empty = [
        _label(FinalReport, name)
        for name in FinalReport.SECTIONS
        if not getattr(report, name).strip()
    ]
    if empty:
        raise TransitionError(
            _("The final report lacks sections: %(sections)s") % {"sections": ", ".join(empty)}
        )
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.return_comment = ""
    report.save()
    return Outcome("Slutrapporten lämnades till ansvarig chef")


def _return_final(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    comment = d["comment"]
    _guard(comment, "kommentar")
    report = _final_report(a)
    report.state = ReportState.RETURNED
    report.return_comment = comment
    report.save()
    return Outcome(f"Slutrapporten returnerades: {comment}")


def _approve_final(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    report = _final_report(a)
    if duties.wrote_or_submitted(report, m.user, FinalReport.SECTIONS):
        raise TransitionError(duties.REFUSAL)
    report.state = ReportState.APPROVED
    report.approved_at = timezone.now()
    report.save()
    return Outcome("Slutrapporten godkändes av ansvarig chef")


def _close(a: Assignment, m: Membership, d: dict[str, Any]) -> Outcome:
    from samordna.board import services as board

    outcome = d["outcome"]
    a.outcome = outcome
    a.continued_support = d["continued_support"]
    _guard(a.continued_support, "fortsatt stöd")
    follow_kind, follow_title = d["follow_up_kind"], d["follow_up_title"]
    item = (
        AgendaItem.objects.filter(assignment=a, kind=AgendaItem.Kind.FINAL_REPORT, decisions=None)
        .select_related("meeting")
        .first()
    )
    if item is None:
        meeting = _meeting(a, d)
        try:
            item = board.add_item(
                meeting,
                f"Slutrapport och implementeringsbeslut: {a.title}",
                kind=AgendaItem.Kind.FINAL_REPORT,
                assignment=a,
            )
        except board.BoardError as exc:
            raise TransitionError(str(exc)) from None
    label = {"implemented": "genomförs", "partly": "delvis", "not_implemented": "genomförs inte"}[
        outcome
    ]
    text = d["text"] or (
        f"Styrelsen godkänner slutrapporten för {a.title}. Implementering: {label}."
        + (f" Fortsatt stöd: {a.continued_support}" if a.continued_support else "")
    )
    try:
        decision = board.record_decision(
            item.meeting, Decision.Kind.IMPLEMENTATION, text, item=item, assignment=a
        )
    except board.BoardError as exc:
        raise TransitionError(str(exc)) from None
    a.closed_on = item.meeting.held_on
    follow: Assignment | None = None
    if follow_kind:
        follow = Assignment.objects.create(
            association=a.association,
            kind=follow_kind,
            title=follow_title,
            background=f"Uppföljning av {a.title} ({decision.registry_number}).",
            target_users=a.target_users,
            focus=a.focus,
            target_group=a.target_group,
            lead=a.lead,
            manager=a.manager,
            follows=a,
        )
        follow.parties.set(a.parties.all())
        follow.units.set(a.units.all())
        event(follow, f"Förslag skapat som uppföljning av {a.title}", m.user)
    return Outcome(
        f"Uppdraget avslutades: {text}",
        decision.registry_number,
        decision=decision,
        follow_up=follow,
    )


STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step("anchor", "Skicka för förankring", (State.DRAFT,), State.ANCHORING, _editor, _anchor),
        Step(
            "back_to_draft",
            "Ta tillbaka för omarbetning",
            (State.ANCHORING, State.READY),
            State.DRAFT,
            _editor,
            _back_to_draft,
        ),
        Step("ready", "Klar för beslut", (State.ANCHORING,), State.READY, _editor, _ready),
        Step(
            "put_on_agenda",
            "Sätt upp på dagordningen",
            (State.READY,),
            State.ON_AGENDA,
            _board,
            _put_on_agenda,
        ),
        Step(
            "withdraw",
            "Ta bort från dagordningen",
            (State.ON_AGENDA,),
            State.READY,
            _board,
            _withdraw,
        ),
        Step("grant", "Bevilja", (State.ON_AGENDA,), State.GRANTED, _board, _grant),
        Step("reject", "Avslå", (State.ON_AGENDA,), State.REJECTED, _board, _reject),
        Step(
            "agreement",
            "Registrera överenskommelse",
            (State.GRANTED,),
            State.AGREED,
            _editor,
            _agreement,
        ),
        Step("start", "Starta uppdraget", (State.AGREED,), State.RUNNING, _editor, _start),
        Step(
            "submit_final",
            "Lämna in slutrapporten",
            (State.RUNNING,),
            State.FINAL_SUBMITTED,
            access.is_lead,
            _submit_final,
        ),
        Step(
            "return_final",
            "Returnera slutrapporten",
            (State.FINAL_SUBMITTED,),
            State.RUNNING,
            access.is_manager,
            _return_final,
        ),
        Step(
            "approve_final",
            "Godkänn slutrapporten",
            (State.FINAL_SUBMITTED,),
            State.FINAL_APPROVED,
            access.is_manager,
            _approve_final,
        ),
        Step(
            "close",
            "Avsluta med implementeringsbeslut",
            (State.FINAL_APPROVED,),
            State.CLOSED,
            _board,
            _close,
        ),
    )
}


# Each step's button in the interface language (its label above is the timeline's record).
BUTTONS = {
    "anchor": pgettext_lazy("step", "Send for anchoring"),
    "back_to_draft": pgettext_lazy("step", "Take back for rework"),
    "ready": pgettext_lazy("step", "Ready for decision"),
    "put_on_agenda": pgettext_lazy("step", "Put on the agenda"),
    "withdraw": pgettext_lazy("step", "Remove from the agenda"),
    "grant": pgettext_lazy("step", "Grant"),
    "reject": pgettext_lazy("step", "Reject"),
    "agreement": pgettext_lazy("step", "Register the agreement"),
    "start": pgettext_lazy("step", "Start the assignment"),
    "submit_final": pgettext_lazy("step", "Submit the final report"),
    "return_final": pgettext_lazy("step", "Return the final report"),
    "approve_final": pgettext_lazy("step", "Approve the final report"),
    "close": pgettext_lazy("step", "Close with the implementation decision"),
}

# Steps that cannot be undone: their button opens a confirmation that says so.
WARNINGS = {
    "reject": gettext_lazy(
        "The board's rejection is recorded with a registry number and ends the proposal; "
        "a new proposal is needed to try again."
    ),
    "close": gettext_lazy(
        "The assignment is closed with the board's implementation decision; "
        "no more progress reports or changes can be made."
    ),
}


def steps_for(assignment: Assignment, membership: Membership) -> list[Step]:
    """The steps the member may take from the assignment's present state."""
    return [
        s for s in STEPS.values() if assignment.state in s.sources and s.who(membership, assignment)
    ]


def _take(
    step: Step, pk: int, membership: Membership | None, actor: Any, data: dict[str, Any]
) -> Outcome:
    """Lock, check (``who`` only when a member acts), run, move, audit and log one step."""
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=pk)
        if membership is not None and not step.who(membership, locked):
            raise PermissionDenied
        if locked.state not in step.sources:
            raise TransitionError(
                _(
                    "“%(step)s” cannot be taken: the assignment is in the state “%(state)s”. "
                    "The step can only be taken from %(states)s."
                )
                % {
                    "step": step.label,
                    "state": STATE_WORDS[State(locked.state)],
                    "states": _states(step.sources),
                }
            )
        cleaned = inputs.validated(step.name, locked, data)
        with transition(f"{step.label}: {STATE_SV[State(locked.state)]} → {STATE_SV[step.target]}"):
            outcome = step.run(locked, membership, cleaned)
            locked.state = step.target
            locked.save()
        event(locked, outcome.text, actor, outcome.number)
    return outcome


def take(
    assignment: Assignment, name: str, membership: Membership, data: dict[str, Any] | None = None
) -> Taken:
    """Take step ``name``; raises PermissionDenied or TransitionError and then changes nothing."""
    step = STEPS.get(name)
    if step is None:
        raise TransitionError(_("There is no step called “%(name)s”.") % {"name": name})
    outcome = _take(step, assignment.pk, membership, membership.user, dict(data or {}))
    assignment.refresh_from_db()
    return Taken(assignment, outcome)


def apply(
    assignment: Assignment, name: str, membership: Membership, data: dict[str, Any] | None = None
) -> Assignment:
    """Take step ``name`` and give the assignment as it is now (see :func:`take`)."""
    return take(assignment, name, membership, data).assignment


def place_on_agenda(assignment: Assignment, meeting: BoardMeeting, actor: Any) -> AgendaItem:
    """The board's agenda proposal puts a ready proposal up (as the secretary would)."""
    outcome = _take(STEPS["put_on_agenda"], assignment.pk, None, actor, {"meeting": meeting})
    if outcome.item is None:  # pragma: no cover - the step always makes its item
        raise TransitionError(_("The proposal could not be put on the agenda."))
    return outcome.item


def release_item(item: AgendaItem) -> None:
    """An agenda item is removed by the secretary: its proposal or amendment goes back."""
    if item.assignment_id and item.kind == AgendaItem.Kind.PROPOSAL:
        with transaction.atomic():
            locked = Assignment.objects.select_for_update().get(pk=item.assignment_id)
            if locked.state == State.ON_AGENDA:
                with transition("Ärendet togs bort från dagordningen"):
                    locked.state = State.READY
                    locked.save()
                event(locked, f"Förslaget togs bort från dagordningen {item.meeting.held_on}")
    if item.amendment_id:
        amendment = Amendment.objects.select_for_update().get(pk=item.amendment_id)
        if amendment.status == Amendment.Status.ON_AGENDA:
            with transition("Ärendet togs bort från dagordningen"):
                amendment.status = Amendment.Status.PROPOSED
                amendment.save()

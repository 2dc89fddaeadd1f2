"""The lifecycle of an assignment, its reports and amendments: guarded, atomic, audited steps.

Every step names the states it may start from and who may take it. A step
tried from another state, or by someone who may not take it, is refused with
a Swedish message and changes nothing: the assignment is locked, checked and
changed inside one transaction, and a refusal raises before anything is
written. Every step that is taken writes an audit entry (a transition with
its reason) and a line on the assignment's timeline.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from samordna.accounts.models import Membership
from samordna.accounts.roles import Perm
from samordna.assignments import access, duties
from samordna.assignments.models import (
    Amendment,
    Assignment,
    Comment,
    Event,
    FinalReport,
    Funding,
    ProgressReport,
    ReportState,
    State,
)
from samordna.audit.context import transition
from samordna.board.models import AgendaItem, BoardMeeting, Decision
from samordna.core import privacy
from samordna.core.formats import kronor

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


class TransitionError(Exception):
    """A step that cannot be taken now; the message is Swedish and says why."""


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # Swedish, shown on the button and in the timeline
    sources: tuple[State, ...]
    target: State
    who: Callable[[Membership, Assignment], bool]
    # Gets the acting member, or None when the board's agenda proposal acts.
    run: Callable[[Assignment, Any, dict[str, Any]], tuple[str, str]]


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
            raise TransitionError("Välj ett av förbundets styrelsemöten.") from None
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


def _anchor(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    if not a.parties.exists():
        raise TransitionError("Ange vilka parter förslaget berör innan det förankras.")
    return "Förslaget skickades för förankring hos parterna", ""


def _back_to_draft(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    return "Förslaget togs tillbaka för omarbetning", ""


def _ready(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    missing = missing_for_decision(a)
    if missing:
        raise TransitionError("Förslaget är inte klart för beslut. Saknas: " + ", ".join(missing))
    return "Förslaget är klart för beslut", ""


def _put_on_agenda(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
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
    d["_item"] = item
    return f"Förslaget sattes upp på styrelsemötet {meeting.held_on:%Y-%m-%d}, §{item.position}", ""


def _proposal_item(a: Assignment) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(assignment=a, kind=AgendaItem.Kind.PROPOSAL, decisions=None)
        .select_related("meeting")
        .first()
    )
    if item is None:
        raise TransitionError("Förslaget står inte på någon dagordning.")
    return item


def _withdraw(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    item = _proposal_item(a)
    if not item.meeting.is_open:
        raise TransitionError("Mötets protokoll är justerat; ärendet kan inte tas bort.")
    from samordna.board import services as board

    meeting = item.meeting
    item.delete()
    board.renumber(meeting)
    return f"Förslaget togs bort från dagordningen {meeting.held_on:%Y-%m-%d}", ""


def _decide(a: Assignment, kind: str, text: str, d: dict[str, Any]) -> Decision:
    from samordna.board import services as board

    item = _proposal_item(a)
    try:
        decision = board.record_decision(item.meeting, kind, text, item=item, assignment=a)
    except board.BoardError as exc:
        raise TransitionError(str(exc)) from None
    d["_decision"] = decision
    return decision


def _grant(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    lines = list(a.funding.all())
    grants: dict[int, int] = {}
    for line in lines:
        raw = d.get(f"granted_{line.year}", line.proposed)
        try:
            grants[line.year] = int(str(raw).replace(" ", "")) if raw not in (None, "") else 0
        except ValueError:
            raise TransitionError(f"Beviljat belopp {line.year}: skriv hela kronor.") from None
        if not 0 <= grants[line.year] <= MAX_AMOUNT:
            raise TransitionError(
                f"Beviljat belopp {line.year} ska vara mellan 0 och {MAX_AMOUNT} kronor."
            )
    total = sum(grants.values())
    text = (d.get("text") or "").strip() or (
        f"Styrelsen beviljar {a.title} med {kronor(total)} kronor"
        + (" (" + ", ".join(f"{y}: {kronor(g)}" for y, g in grants.items()) + ")")
        + "."
    )
    decision = _decide(a, Decision.Kind.GRANT, text, d)
    for line in lines:
        line.granted = grants[line.year]
        line.save()
    return f"Styrelsen beviljade uppdraget: {text}", decision.registry_number


def _reject(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    text = (d.get("text") or "").strip() or f"Styrelsen avslår {a.title}."
    decision = _decide(a, Decision.Kind.REJECT, text, d)
    return f"Styrelsen avslog förslaget: {text}", decision.registry_number


def _agreement(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    a.agreement_scope = _required(d, "scope", "omfattning")
    a.agreement_reporting = _required(d, "reporting", "rapporteringsrutin")
    a.agreement_signed_on = _date(d, "signed_on", "överenskommelsen undertecknad")
    a.starts_on = _date(d, "starts_on", "startdatum", required=False) or a.starts_on
    a.ends_on = _date(d, "ends_on", "slutdatum", required=False) or a.ends_on
    if a.starts_on and a.ends_on and a.ends_on < a.starts_on:
        raise TransitionError("Slutdatum ligger före startdatum.")
    for text in (a.agreement_scope, a.agreement_reporting):
        _guard(text, "överenskommelsen")
    return f"Överenskommelse registrerad, undertecknad {a.agreement_signed_on:%Y-%m-%d}", ""


def _start(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    if a.lead_id is None or a.manager_id is None:
        raise TransitionError("Uppdraget behöver en uppdragsledare och en ansvarig chef.")
    return "Uppdraget startade", ""


def _final_report(a: Assignment) -> FinalReport:
    report = FinalReport.objects.filter(assignment=a).first()
    if report is None:
        raise TransitionError("Skriv slutrapporten innan den lämnas in.")
    return report


def _submit_final(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    report = _final_report(a)
    empty = [
        _label(FinalReport, name)
        for name in FinalReport.SECTIONS
        if not getattr(report, name).strip()
    ]
    if empty:
        raise TransitionError("Slutrapporten saknar avsnitt: " + ", ".join(empty))
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.return_comment = ""
    report.save()
    return "Slutrapporten lämnades till ansvarig chef", ""


def _return_final(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    comment = _required(d, "comment", "kommentar")
    _guard(comment, "kommentar")
    report = _final_report(a)
    report.state = ReportState.RETURNED
    report.return_comment = comment
    report.save()
    return f"Slutrapporten returnerades: {comment}", ""


def _approve_final(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    report = _final_report(a)
    if duties.wrote_or_submitted(report, m.user, FinalReport.SECTIONS):
        raise TransitionError(duties.REFUSAL)
    report.state = ReportState.APPROVED
    report.approved_at = timezone.now()
    report.save()
    return "Slutrapporten godkändes av ansvarig chef", ""


def _close(a: Assignment, m: Membership, d: dict[str, Any]) -> tuple[str, str]:
    from samordna.board import services as board

    outcome = d.get("outcome") or ""
    if outcome not in Assignment.Outcome.values:
        raise TransitionError("Välj om uppdraget implementeras, delvis eller inte.")
    a.outcome = outcome
    a.continued_support = (d.get("continued_support") or "").strip()
    _guard(a.continued_support, "fortsatt stöd")
    follow_kind = d.get("follow_up_kind") or ""
    follow_title = (d.get("follow_up_title") or "").strip()
    if follow_kind and follow_kind not in Assignment.Kind.values:
        raise TransitionError("Uppföljningen ska vara ett föruppdrag eller ett uppdrag.")
    if follow_kind and not follow_title:
        raise TransitionError("Ge det uppföljande uppdraget en rubrik.")
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
    text = (d.get("text") or "").strip() or (
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
        d["_follow_up"] = follow
    return f"Uppdraget avslutades: {text}", decision.registry_number


def _label(model: Any, name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _guard(text: str, field: str) -> None:
    try:
        privacy.check(text, field=field)
    except ValidationError as exc:
        raise TransitionError(exc.messages[0]) from None


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


def steps_for(assignment: Assignment, membership: Membership) -> list[Step]:
    """The steps the member may take from the assignment's present state."""
    return [
        s for s in STEPS.values() if assignment.state in s.sources and s.who(membership, assignment)
    ]


def _take(
    step: Step, pk: int, membership: Membership | None, actor: Any, data: dict[str, Any]
) -> None:
    """Lock, check (``who`` only when a member acts), run, move, audit and log one step."""
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=pk)
        if membership is not None and not step.who(membership, locked):
            raise PermissionDenied
        if locked.state not in step.sources:
            raise TransitionError(
                f"”{step.label}” går inte: uppdraget är i läget ”{STATE_SV[State(locked.state)]}”. "
                f"Steget kan bara tas från {_states(step.sources)}."
            )
        with transition(f"{step.label}: {STATE_SV[State(locked.state)]} → {STATE_SV[step.target]}"):
            text, number = step.run(locked, membership, data)
            locked.state = step.target
            locked.save()
        event(locked, text, actor, number)


def apply(
    assignment: Assignment, name: str, membership: Membership, data: dict[str, Any] | None = None
) -> Assignment:
    """Take step ``name``; raises PermissionDenied or TransitionError and then changes nothing."""
    data = dict(data or {})
    step = STEPS.get(name)
    if step is None:
        raise TransitionError(f"Det finns inget steg som heter ”{name}”.")
    _take(step, assignment.pk, membership, membership.user, data)
    assignment.refresh_from_db()
    assignment._step_data = data  # type: ignore[attr-defined]
    return assignment


def place_on_agenda(assignment: Assignment, meeting: BoardMeeting, actor: Any) -> AgendaItem:
    """The board's agenda proposal puts a ready proposal up (as the secretary would)."""
    data: dict[str, Any] = {"meeting": meeting}
    _take(STEPS["put_on_agenda"], assignment.pk, None, actor, data)
    item: AgendaItem = data["_item"]
    return item


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


# --- comments during anchoring --------------------------------------------------------------


def comment(assignment: Assignment, membership: Membership, text: str) -> Comment:
    if not access.may_comment(membership, assignment):
        raise PermissionDenied
    if assignment.state != State.ANCHORING:
        raise TransitionError(
            "Kommentarer lämnas under förankringen; förslaget är i läget "
            f"”{STATE_SV[State(assignment.state)]}”."
        )
    text = text.strip()
    if not text:
        raise TransitionError("Skriv en kommentar.")
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
        raise TransitionError("Året ska skrivas med fyra siffror.")
    for value, label in ((proposed, "föreslaget"), (co_financing, "medfinansiering"),
                         (spent, "utfall")):  # fmt: skip
        if value is not None and not 0 <= value <= MAX_AMOUNT:
            raise TransitionError(f"Beloppet för {label} ska vara mellan 0 och {MAX_AMOUNT} kr.")
    decided = assignment.state not in {State.DRAFT, State.ANCHORING, State.READY}
    if (proposed is not None or co_financing is not None) and decided:
        raise TransitionError(
            "Finansieringen är beslutad; ändra den genom ett ändringsbeslut (budgetändring)."
        )
    if spent is not None and assignment.state not in {
        State.AGREED, State.RUNNING, State.FINAL_SUBMITTED, State.FINAL_APPROVED, State.CLOSED,
    }:  # fmt: skip
        raise TransitionError("Utfall registreras när uppdraget har en överenskommelse.")
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
            "Ändringar (förlängning, budgetändring) gäller uppdrag med överenskommelse som pågår; "
            f"uppdraget är i läget ”{STATE_SV[State(assignment.state)]}”."
        )
    kind = data.get("kind") or ""
    if kind not in Amendment.Kind.values:
        raise TransitionError("Välj förlängning eller budgetändring.")
    motivation = _required(data, "motivation", "motivering")
    _guard(motivation, "motivering")
    amendment = Amendment(assignment=assignment, kind=kind, motivation=motivation)
    if kind == Amendment.Kind.EXTENSION:
        amendment.new_end = _date(data, "new_end", "nytt slutdatum")
        if assignment.ends_on and amendment.new_end <= assignment.ends_on:
            raise TransitionError(
                f"Nytt slutdatum ska ligga efter nuvarande ({assignment.ends_on:%Y-%m-%d})."
            )
    else:
        try:
            year = int(str(data.get("year")))
            amendment.year = year
            amendment.amount = int(str(data.get("amount")).replace(" ", ""))
        except ValueError:
            raise TransitionError("Ange år och belopp i hela kronor för budgetändringen.") from None
        if not 2000 <= year <= 2100 or abs(amendment.amount) > MAX_AMOUNT:
            raise TransitionError("Året ska ha fyra siffror och beloppet vara rimligt (kronor).")
        line = assignment.funding.filter(year=year).first()
        granted = (line.granted or 0) if line else 0
        if granted + amendment.amount < 0:
            raise TransitionError(
                f"Beviljat {amendment.year} är {granted} kr; det kan inte minska med mer än så."
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
            raise TransitionError("Ändringen står redan på en dagordning eller är beslutad.")
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
                "Ändringen står inte på en dagordning (den är föreslagen eller redan beslutad); "
                "bara ändringar på en dagordning "
                "kan beslutas."
            )
        item = locked.agenda_items.select_related("meeting").first()
        if item is None:
            raise TransitionError("Ändringen står inte på någon dagordning.")
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


# --- progress reports ------------------------------------------------------------------------


REPORT_FIELDS = ("activities", "anchoring", "deviations", "discoveries")


def ensure_reports(association: Any, today: datetime.date | None = None) -> list[ProgressReport]:
    """A progress report for every running assignment before the next board meeting."""
    today = today or timezone.localdate()
    meeting = (
        BoardMeeting.objects.filter(association=association, held_on__gte=today)
        .exclude(status=BoardMeeting.Status.CHECKED)
        .order_by("held_on")
        .first()
    )
    if meeting is None:
        return []
    created = []
    running = Assignment.objects.filter(association=association, state=State.RUNNING)
    for assignment in running.exclude(progress_reports__meeting=meeting):
        created.append(
            ProgressReport.objects.create(
                assignment=assignment, meeting=meeting, due_on=meeting.reports_due_on
            )
        )
    return created


def save_report(report: ProgressReport, membership: Membership, data: dict[str, str]) -> None:
    if not access.is_lead(membership, report.assignment):
        raise PermissionDenied
    if not report.is_open:
        raise TransitionError(
            f"Avrapporteringen är ”{REPORT_SV[report.state]}” och kan inte ändras."
        )
    labels = {n: _label(ProgressReport, n) for n in REPORT_FIELDS}
    for name in REPORT_FIELDS:
        if name in data:
            _guard(data[name], labels[name])
    with transaction.atomic():
        for name in REPORT_FIELDS:
            if name in data:
                setattr(report, name, data[name].strip())
        report.save()


def report_step(
    report: ProgressReport, name: str, membership: Membership, comment: str = ""
) -> ProgressReport:
    """submit (lead), approve or return (manager); atomic, audited, on the timeline."""
    steps = {
        "submit": (
            (ReportState.DRAFT, ReportState.RETURNED),
            ReportState.SUBMITTED,
            access.is_lead,
        ),
        "approve": ((ReportState.SUBMITTED,), ReportState.APPROVED, access.is_manager),
        "return": ((ReportState.SUBMITTED,), ReportState.RETURNED, access.is_manager),
    }
    if name not in steps:
        raise TransitionError(f"Det finns inget steg som heter ”{name}”.")
    sources, target, who = steps[name]
    with transaction.atomic():
        locked = (
            ProgressReport.objects.select_for_update()
            .select_related("assignment")
            .get(pk=report.pk)
        )
        if not who(membership, locked.assignment):
            raise PermissionDenied
        if locked.state not in sources:
            allowed = " eller ".join(f"”{REPORT_SV[s]}”" for s in sources)
            raise TransitionError(
                f"Avrapporteringen är ”{REPORT_SV[locked.state]}”; steget går bara från {allowed}."
            )
        if name == "approve" and duties.wrote_or_submitted(locked, membership.user, REPORT_FIELDS):
            raise TransitionError(duties.REFUSAL)
        if name == "submit" and not locked.activities.strip():
            raise TransitionError("Skriv vad ni gör och vilka ni möter innan ni lämnar in.")
        if name == "return":
            if not comment.strip():
                raise TransitionError("Skriv en kommentar om vad som behöver ändras.")
            _guard(comment, "kommentar")
        with transition(f"Avrapportering: {REPORT_SV[locked.state]} → {REPORT_SV[target]}"):
            locked.state = target
            if name == "submit":
                locked.submitted_at = timezone.now()
                locked.return_comment = ""
            elif name == "approve":
                locked.approved_at = timezone.now()
            else:
                locked.return_comment = comment.strip()
            locked.save()
        texts = {
            "submit": "Avrapportering inför {d} lämnad till ansvarig chef",
            "approve": "Avrapportering inför {d} godkänd",
            "return": "Avrapportering inför {d} returnerad med kommentar",
        }
        event(
            locked.assignment,
            texts[name].format(d=f"{locked.meeting.held_on:%Y-%m-%d}"),
            membership.user,
        )
        if name == "approve":
            _insights_from(locked)
    report.refresh_from_db()
    return report


def _insights_from(report: ProgressReport) -> None:
    """Each line of the report's discoveries becomes an insight in the insight bank."""
    from samordna.insights.models import Insight

    for line in report.discoveries.splitlines():
        text = line.strip().lstrip("-•* ").strip()
        if not text:
            continue
        insight = Insight.objects.create(
            association=report.assignment.association,
            text=text,
            noted_on=timezone.localdate(),
            source=Insight.Source.PROGRESS_REPORT,
            progress_report=report,
            source_note=f"{report.assignment.title}, {report.meeting.held_on}",
        )
        insight.assignments.add(report.assignment)
        insight.parties.set(report.assignment.parties.all())


def save_final_report(assignment: Assignment, membership: Membership, data: dict[str, str]) -> None:
    if not access.is_lead(membership, assignment):
        raise PermissionDenied
    if assignment.state != State.RUNNING:
        raise TransitionError(
            "Slutrapporten skrivs medan uppdraget pågår; uppdraget är i läget "
            f"”{STATE_SV[State(assignment.state)]}”."
        )
    report, _c = FinalReport.objects.get_or_create(assignment=assignment)
    for name in FinalReport.SECTIONS:
        if name in data:
            _guard(data[name], _label(FinalReport, name))
    with transaction.atomic():
        for name in FinalReport.SECTIONS:
            if name in data:
                setattr(report, name, data[name].strip())
        if report.state == ReportState.RETURNED:
            report.state = ReportState.DRAFT
        report.save()

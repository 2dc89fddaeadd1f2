"""Bring an assignment to any state of its lifecycle through the lifecycle itself."""

from __future__ import annotations

import datetime

from samordna.accounts.models import Membership
from samordna.accounts.roles import Role
from samordna.assignments import lifecycle
from samordna.assignments.models import Assignment, FinalReport, Funding, State
from samordna.board.models import BoardMeeting
from tests.conftest import Cast

MEETING_DAY = datetime.date(2030, 3, 14)

# The order of the happy path; each state is reached by the step after the previous one.
PATH: list[tuple[str, State]] = [
    ("anchor", State.ANCHORING),
    ("ready", State.READY),
    ("put_on_agenda", State.ON_AGENDA),
    ("grant", State.GRANTED),
    ("agreement", State.AGREED),
    ("start", State.RUNNING),
    ("submit_final", State.FINAL_SUBMITTED),
    ("approve_final", State.FINAL_APPROVED),
    ("close", State.CLOSED),
]


def member(cast: Cast, role: Role) -> Membership:
    return Membership.objects.get(association=cast.association, user=cast[role])


def meeting(cast: Cast, day: datetime.date = MEETING_DAY) -> BoardMeeting:
    found, _created = BoardMeeting.objects.get_or_create(
        association=cast.association,
        held_on=day,
        defaults={"reports_due_on": day - datetime.timedelta(days=14)},
    )
    return found


def proposal(cast: Cast, title: str = "Föruppdrag: unga vuxna") -> Assignment:
    """A complete proposal in draft, led and managed by the cast, concerning AF."""
    representative = member(cast, Role.PARTY_REPRESENTATIVE)
    a = Assignment.objects.create(
        association=cast.association,
        kind=Assignment.Kind.PRE_STUDY,
        title=title,
        background="Unga vuxna möter många verksamheter men ingen helhet.",
        target_users="Unga vuxna 16–26 år",
        resource_integration="Gemensamt team",
        implementation_strategy="Beslut i varje verksamhet",
        starts_on=datetime.date(2030, 4, 1),
        ends_on=datetime.date(2030, 12, 31),
        focus=Assignment.Focus.STRUCTURAL,
        target_group="Unga vuxna",
        lead=cast[Role.ASSIGNMENT_LEAD],
        manager=cast[Role.MANAGER],
    )
    a.parties.add(representative.party)
    Funding.objects.create(assignment=a, year=2030, proposed=300_000)
    return a


def data_for(step: str, cast: Cast) -> dict[str, object]:
    if step == "put_on_agenda":
        return {"meeting": meeting(cast).pk}
    if step == "agreement":
        return {"scope": "Kartläggning", "reporting": "Inför varje möte", "signed_on": "2030-03-20"}
    if step == "return_final":
        return {"comment": "Resultatdelen behöver fler exempel."}
    if step == "close":
        return {"outcome": "implemented", "meeting": meeting(cast).pk}
    return {}


def actor(step: str, cast: Cast) -> Membership:
    if step in {"put_on_agenda", "withdraw", "grant", "reject", "close"}:
        return member(cast, Role.BOARD_SECRETARY)
    if step == "submit_final":
        return member(cast, Role.ASSIGNMENT_LEAD)
    if step in {"approve_final", "return_final"}:
        return member(cast, Role.MANAGER)
    return member(cast, Role.ANALYST)


def write_final_report(a: Assignment) -> None:
    FinalReport.objects.update_or_create(
        assignment=a,
        defaults={name: f"Text om {name}" for name in FinalReport.SECTIONS},
    )


def bring_to(cast: Cast, target: State, title: str = "Föruppdrag: unga vuxna") -> Assignment:
    a = proposal(cast, title)
    if target == State.DRAFT:
        return a
    if target == State.REJECTED:
        for step, _state in PATH[:3]:
            lifecycle.apply(a, step, actor(step, cast), data_for(step, cast))
        return lifecycle.apply(a, "reject", actor("reject", cast), {})
    for step, state in PATH:
        if step == "submit_final":
            write_final_report(a)
        a = lifecycle.apply(a, step, actor(step, cast), data_for(step, cast))
        if state == target:
            return a
    raise AssertionError(f"No path to {target}")

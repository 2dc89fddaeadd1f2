"""Every step tried from every state: the invalid ones are refused and change nothing,
the valid ones change the state and write an audit entry and a timeline line."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samordna.accounts.roles import Role
from samordna.assignments import lifecycle
from samordna.assignments.models import (
    Amendment,
    Assignment,
    Comment,
    Event,
    FinalReport,
    Funding,
    ProgressReport,
    State,
)
from samordna.audit.models import AuditEvent
from samordna.board.models import AgendaItem, Decision
from samordna.core.models import RegistrySequence
from tests.assignments.helpers import actor, bring_to, data_for, member, write_final_report
from tests.conftest import Cast, client_for


def snapshot() -> dict[str, Any]:
    """Everything a step could write, row by row."""
    models = (Assignment, Funding, Decision, AgendaItem, Event, FinalReport, Comment, Amendment,
              ProgressReport, AuditEvent, RegistrySequence)  # fmt: skip
    return {m.__name__: sorted(map(str, m.objects.values())) for m in models}


@pytest.mark.parametrize("state", list(State))
def test_every_invalid_step_is_refused_in_swedish_and_changes_nothing(
    cast: Cast, state: State
) -> None:
    a = bring_to(cast, state)
    write_final_report(a)
    invalid = [s for s in lifecycle.STEPS.values() if state not in s.sources]
    assert invalid, state
    for step in invalid:
        data = data_for(step.name, cast)
        before = snapshot()
        with pytest.raises(lifecycle.TransitionError) as refused:
            lifecycle.apply(a, step.name, member(cast, Role.DIRECTOR), data)
        message = str(refused.value)
        assert "går inte" in message, message
        assert f"läget ”{lifecycle.STATE_SV[state]}”" in message
        assert snapshot() == before, f"{step.name} from {state} changed the database"


@pytest.mark.parametrize("state", list(State))
def test_every_valid_step_moves_the_state_and_is_audited(cast: Cast, state: State) -> None:
    for step in [s for s in lifecycle.STEPS.values() if state in s.sources]:
        a = bring_to(cast, state, title=f"{state} {step.name}")
        if step.name == "submit_final":
            write_final_report(a)
        audits = AuditEvent.objects.filter(
            action="transition", object_id=str(a.pk), content_type__model="assignment"
        ).count()
        events = a.events.count()
        done = lifecycle.apply(a, step.name, actor(step.name, cast), data_for(step.name, cast))
        assert done.state == step.target
        transitions = AuditEvent.objects.filter(
            action="transition", object_id=str(a.pk), content_type__model="assignment"
        )
        assert transitions.count() == audits + 1
        latest = transitions.order_by("-id").first()
        assert latest is not None
        assert latest.changes["state"]["after"] == step.target
        assert step.label in latest.reason
        assert a.events.count() == events + 1


def test_a_step_by_the_wrong_role_is_forbidden_and_changes_nothing(cast: Cast) -> None:
    a = bring_to(cast, State.ON_AGENDA)
    before = snapshot()
    for role in (Role.ANALYST, Role.ASSIGNMENT_LEAD, Role.MANAGER, Role.BOARD_MEMBER):
        with pytest.raises(PermissionDenied):
            lifecycle.apply(a, "grant", member(cast, role), {})
    assert snapshot() == before


def test_a_lead_submits_only_the_final_report_of_their_own_assignment(cast: Cast) -> None:
    a = bring_to(cast, State.RUNNING)
    write_final_report(a)
    a.lead = cast[Role.DIRECTOR]
    a.save()
    with pytest.raises(PermissionDenied):
        lifecycle.apply(a, "submit_final", member(cast, Role.ASSIGNMENT_LEAD), {})
    assert Assignment.objects.get(pk=a.pk).state == State.RUNNING


def test_a_proposal_missing_fields_is_not_ready_and_the_message_lists_them(cast: Cast) -> None:
    a = bring_to(cast, State.ANCHORING)
    a.target_users = ""
    a.save()
    a.funding.all().delete()
    with pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.apply(a, "ready", member(cast, Role.ANALYST), {})
    assert "målgrupp (användare)" in str(refused.value)
    assert "föreslagen finansiering" in str(refused.value)
    assert Assignment.objects.get(pk=a.pk).state == State.ANCHORING


def test_closing_creates_the_linked_follow_up(cast: Cast) -> None:
    a = bring_to(cast, State.FINAL_APPROVED)
    data = data_for("close", cast) | {"follow_up_kind": "assignment", "follow_up_title": "Uppdrag"}
    done = lifecycle.apply(a, "close", member(cast, Role.BOARD_SECRETARY), data)
    follow = Assignment.objects.get(follows=done)
    assert follow.state == State.DRAFT
    assert follow.kind == "assignment"
    assert set(follow.parties.all()) == set(done.parties.all())
    decision = Decision.objects.get(assignment=done, kind="implementation")
    assert decision.registry_number in follow.background


def test_the_web_shows_the_swedish_refusal_and_nothing_changes(cast: Cast) -> None:
    a = bring_to(cast, State.DRAFT)
    client = client_for(cast[Role.BOARD_SECRETARY])
    url = reverse("assignments:step", kwargs={"slug": cast.association.slug, "assignment_id": a.pk})
    before = snapshot()
    page = client.post(url, {"step": "grant"}, follow=True, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    assert "går inte: uppdraget är i läget" in page.content.decode()
    assert snapshot() == before
    forbidden = client_for(cast[Role.ASSIGNMENT_LEAD]).post(url, {"step": "anchor"})
    assert forbidden.status_code == 403
    assert snapshot() == before


def test_a_party_representative_comments_only_on_proposals_of_their_party(cast: Cast) -> None:
    own = bring_to(cast, State.ANCHORING, title="Berör AF")
    other = bring_to(cast, State.ANCHORING, title="Berör inte AF")
    other.parties.set([p for p in cast.association.parties.all() if p.name == "Region Skåne"])
    rep = member(cast, Role.PARTY_REPRESENTATIVE)
    lifecycle.comment(own, rep, "Vi deltar gärna.")
    with pytest.raises(PermissionDenied):
        lifecycle.comment(other, rep, "Vi deltar gärna.")
    with pytest.raises(lifecycle.TransitionError, match="personnummer"):
        lifecycle.comment(own, rep, "Gäller 19121212-1212.")
    assert [c.text for c in Comment.objects.all()] == ["Vi deltar gärna."]


def test_the_grant_decision_writes_the_title_as_it_is_and_the_sum_in_swedish(cast: Cast) -> None:
    granted = bring_to(cast, State.GRANTED, title="Unga, vuxna och jobb")
    decision = Decision.objects.get(assignment=granted, kind="grant")
    assert decision.text == (
        "Styrelsen beviljar Unga, vuxna och jobb med 300\u00a0000 kronor (2030: 300\u00a0000)."
    )

"""The audit trail records every change with who, what, before and after."""

from __future__ import annotations

import pytest

from samordna.accounts.models import Party
from samordna.accounts.roles import Role
from samordna.audit.context import acting_as, transition
from samordna.audit.models import AuditEvent
from tests.conftest import Cast


def test_create_update_delete_are_recorded_with_the_actor(cast: Cast) -> None:
    director = cast[Role.DIRECTOR]
    with acting_as(director):
        party = Party.objects.create(
            association=cast.association, name="Höörs kommun", kind="municipality"
        )
        party.name = "Hörby kommun"
        party.save()
        party_id = party.pk
        party.delete()
    events = list(
        AuditEvent.objects.filter(object_id=str(party_id), content_type__model="party").order_by(
            "id"
        )
    )
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert all(e.actor == director and e.association == cast.association for e in events)
    assert events[1].changes == {"name": {"before": "Höörs kommun", "after": "Hörby kommun"}}
    assert events[2].changes["name"] == {"before": "Hörby kommun", "after": None}


def test_a_save_without_changes_records_nothing(cast: Cast) -> None:
    party = cast.association.parties.first()
    before = AuditEvent.objects.count()
    party.save()
    assert AuditEvent.objects.count() == before


def test_a_transition_is_recorded_with_its_reason(cast: Cast) -> None:
    party = cast.association.parties.first()
    with acting_as(cast[Role.DIRECTOR]), transition("Ny kommungräns"):
        party.area_code = "1283"
        party.save()
    event = AuditEvent.objects.latest("id")
    assert event.action == "transition"
    assert event.reason == "Ny kommungräns"


def test_foreign_keys_are_recorded_with_their_names(cast: Cast) -> None:
    from samordna.accounts.models import Membership

    membership = Membership.objects.get(association=cast.association, role=Role.ANALYST)
    membership.party = cast.association.parties.get(name="Region Skåne")
    membership.save()
    event = AuditEvent.objects.latest("id")
    assert event.changes["party"]["after_repr"] == "Region Skåne"
    assert ("anställd hos part", "–", "Region Skåne") in [
        (label.lower(), before, after) for label, before, after in event.change_rows()
    ]


def test_events_are_append_only(cast: Cast) -> None:
    event = AuditEvent.objects.first()
    event.reason = "ändrat i efterhand"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()

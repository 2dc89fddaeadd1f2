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


def test_links_are_recorded_from_either_side(cast: Cast) -> None:
    from datetime import date

    from samordna.insights.models import Insight, Tag

    insight = Insight.objects.create(
        association=cast.association, text="Unga vill ha en kontakt.", noted_on=date(2020, 2, 1),
        source="other",
    )  # fmt: skip
    first = Tag.objects.create(association=cast.association, name="Bemötande")
    second = Tag.objects.create(association=cast.association, name="Samordning")

    def last(model: str) -> AuditEvent:
        return AuditEvent.objects.filter(content_type__model=model).latest("id")

    with acting_as(cast[Role.ANALYST]), transition("Taggad"):
        insight.tags.add(first)
    event = last("insight")
    assert (event.action, event.reason, event.actor) == ("transition", "Taggad", cast[Role.ANALYST])
    assert event.changes["tags"] == {
        "before": [], "after": [first.pk], "before_repr": "–", "after_repr": "Bemötande",
    }  # fmt: skip
    label, before, after = event.change_rows()[0]
    assert (label.lower(), before, after) == ("taggar", "–", "Bemötande")
    # Adding what is there already changes nothing and records nothing.
    count = AuditEvent.objects.count()
    insight.tags.add(first)
    assert AuditEvent.objects.count() == count
    # From the tag's side: the tag's own trail shows the insights before and after.
    second.insights.add(insight)
    event = last("tag")
    assert event.object_id == str(second.pk)
    assert event.changes["insights"]["after_repr"] == "Unga vill ha en kontakt."
    assert event.change_rows()[0][0].lower() == "insikter"
    insight.tags.clear()
    event = last("insight")
    assert event.changes["tags"]["before"] == sorted([first.pk, second.pk])
    assert event.changes["tags"]["after"] == []
    assert AuditEvent.objects.count() == count + 2

"""Parties and units: the director maintains them, everyone reads them."""

from __future__ import annotations

from samordna.accounts.models import Party, Unit
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from tests.conftest import Cast, client_for


def test_party_list_shows_the_parties_in_swedish(cast: Cast) -> None:
    page = client_for(cast[Role.BOARD_MEMBER]).get(f"/f/{cast.association.slug}/parter/")
    text = page.content.decode()
    assert page.status_code == 200
    for name in (
        "Landskrona stad",
        "Svalövs kommun",
        "Region Skåne",
        "Arbetsförmedlingen",
        "Försäkringskassan",
    ):
        assert name in text
    assert "Trelleborgs kommun" not in text
    assert "Ny part" not in text  # a board member may not add parties


def test_director_creates_a_party_with_an_audit_entry(cast: Cast) -> None:
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/parter/ny/",
        {"name": "Bjuvs kommun", "kind": "municipality", "area_code": "1260"},
    )
    party = Party.objects.get(association=cast.association, name="Bjuvs kommun")
    assert response.status_code == 302
    event = AuditEvent.objects.get(
        action="create", object_id=str(party.pk), content_type__model="party"
    )
    assert event.changes["area_code"] == {"before": None, "after": "1260"}
    assert event.actor == cast[Role.DIRECTOR]


def test_a_bad_area_code_is_refused_in_swedish(cast: Cast) -> None:
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/parter/ny/",
        {"name": "Fel", "kind": "municipality", "area_code": "12a"},
    )
    assert response.status_code == 200
    assert "Använd fyra siffror" in response.content.decode()
    assert not Party.objects.filter(name="Fel").exists()


def test_deleting_a_party_audits_the_party_and_its_units(cast: Cast) -> None:
    party = Party.objects.get(association=cast.association, name="Svalövs kommun")
    unit_ids = {str(pk) for pk in party.units.values_list("pk", flat=True)}
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/parter/{party.pk}/ta-bort/"
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(pk__in=unit_ids).exists()
    deleted = set(
        AuditEvent.objects.filter(action="delete", content_type__model="unit").values_list(
            "object_id", flat=True
        )
    )
    assert unit_ids
    assert unit_ids <= deleted
    assert AuditEvent.objects.filter(
        action="delete", object_id=str(party.pk), content_type__model="party"
    ).exists()


def test_unit_form_offers_only_the_associations_parties(cast: Cast) -> None:
    foreign = cast.other.parties.first()
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/verksamheter/ny/", {"party": foreign.pk, "name": "Smuggel"}
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(name="Smuggel").exists()


def test_unit_edit_is_audited_with_before_and_after(cast: Cast) -> None:
    unit = Unit.objects.get(name="Psykiatri Skåne")
    client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/verksamheter/{unit.pk}/andra/",
        {"party": unit.party_id, "name": "Vuxenpsykiatrin Landskrona", "description": ""},
    )
    event = AuditEvent.objects.get(
        action="update", object_id=str(unit.pk), content_type__model="unit"
    )
    assert event.changes["name"] == {
        "before": "Psykiatri Skåne",
        "after": "Vuxenpsykiatrin Landskrona",
    }

"""Members: the director manages roles; every change is audited and scoped."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client

from samordna.accounts.models import Membership, User
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from tests.conftest import Cast, client_for


def _edit_url(cast: Cast, membership: Membership) -> str:
    return f"/f/{cast.association.slug}/medlemmar/{membership.pk}/"


def test_changing_a_role_is_audited_and_visible_to_director_and_auditor_only(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.BOARD_MEMBER)
    response = client_for(cast[Role.DIRECTOR]).post(
        _edit_url(cast, membership), {"role": Role.BOARD_SECRETARY, "party": "", "unit": ""}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.BOARD_SECRETARY

    event = AuditEvent.objects.get(
        association=cast.association, action="update", object_id=str(membership.pk)
    )
    assert event.actor == cast[Role.DIRECTOR]
    assert event.changes["role"]["before"] == Role.BOARD_MEMBER
    assert event.changes["role"]["after"] == Role.BOARD_SECRETARY

    log_url = f"/f/{cast.association.slug}/logg/"
    for role in (Role.DIRECTOR, Role.AUDITOR):
        page = client_for(cast[role]).get(log_url)
        assert page.status_code == 200
        text = page.content.decode()
        assert "Styrelseledamot → Styrelsesekreterare" in text
        assert str(membership) in text
    assert client_for(cast[Role.ASSIGNMENT_LEAD]).get(log_url).status_code == 403
    dashboard = client_for(cast[Role.ASSIGNMENT_LEAD]).get(f"/f/{cast.association.slug}/")
    assert "Styrelsesekreterare" not in dashboard.content.decode()


def test_only_the_director_may_change_roles(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.ANALYST)
    response = client_for(cast[Role.ANALYST]).post(
        _edit_url(cast, membership), {"role": Role.DIRECTOR}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.ANALYST


def test_the_last_director_keeps_the_role(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.DIRECTOR)
    before = AuditEvent.objects.count()
    response = client_for(cast[Role.DIRECTOR]).post(
        _edit_url(cast, membership), {"role": Role.ANALYST, "party": "", "unit": ""}
    )
    assert response.status_code == 200
    assert "ende förbundschef" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.DIRECTOR
    assert AuditEvent.objects.count() == before


def test_adding_a_new_person_creates_an_account_and_sends_an_invitation(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast[Role.DIRECTOR]).post(
            f"/f/{cast.association.slug}/medlemmar/ny/",
            {
                "email": "Ny.Person@Landskrona.example",
                "full_name": "Ny Person",
                "title": "Handläggare",
                "role": Role.ASSIGNMENT_LEAD,
                "party": "",
                "unit": "",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@landskrona.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.ASSIGNMENT_LEAD
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == (
        "Ditt konto i Samordna för Samordningsförbundet Landskrona Svalöv"
    )
    assert "Samordningsförbundet Landskrona Svalöv" in mail.outbox[0].body
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/aterstall/" in line)
    chosen = Client().get(link.split("testserver", 1)[1], follow=True)
    assert "Välj ett nytt lösenord" in chosen.content.decode()
    assert AuditEvent.objects.filter(action="create", object_repr__startswith="Ny Person").exists()


def test_adding_a_member_needs_a_name_for_a_new_person(cast: Cast) -> None:
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/medlemmar/ny/",
        {"email": "okand@example.org", "role": Role.ANALYST},
    )
    assert response.status_code == 200
    assert "Skriv personens namn" in response.content.decode()
    assert not User.objects.filter(email="okand@example.org").exists()


def test_a_unit_of_another_association_cannot_be_chosen(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.ANALYST)
    foreign_unit = cast.other.parties.get(name="Trelleborgs kommun").units.first()
    response = client_for(cast[Role.DIRECTOR]).post(
        _edit_url(cast, membership), {"role": Role.ANALYST, "unit": foreign_unit.pk}
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.unit_id is None


def test_removing_a_member_keeps_the_account(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.AUDITOR)
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/medlemmar/{membership.pk}/ta-bort/"
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=cast[Role.AUDITOR].pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(membership.pk)).exists()

"""Members: the director manages roles; every change is audited and scoped."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client

from samordna.accounts.models import Invitation, Membership, User
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


def _add(cast: Cast, email: str, role: str = Role.ASSIGNMENT_LEAD, name: str = "Ny Person") -> Any:
    return client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/medlemmar/ny/",
        {"email": email, "full_name": name, "title": "Handläggare", "role": role},
        follow=True,
    )


def test_a_new_person_gets_an_account_chooses_a_password_and_accepts(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(cast, "Ny.Person@Landskrona.example")
    assert "En inbjudan har skickats till ny.person@landskrona.example" in response.content.decode()
    user = User.objects.get(email="ny.person@landskrona.example")
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()  # not before saying yes
    assert "Ny Person" in response.content.decode()  # listed as invited
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == (
        "Ditt konto i Samordna för Samordningsförbundet Landskrona Svalöv"
    )
    body = mail.outbox[0].body
    assert "Samordningsförbundet Landskrona Svalöv" in body
    link = next(line for line in body.splitlines() if "/konto/aterstall/" in line)
    person = Client()
    chosen = person.get(link.split("testserver", 1)[1], follow=True)
    assert "Välj ett nytt lösenord" in chosen.content.decode()
    new = "Ett-nytt-langt-losen-77"
    person.post(chosen.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    person.post("/konto/logga-in/", {"username": user.email, "password": new})
    start = person.get("/", follow=True)
    assert start.redirect_chain[-1][0] == "/konto/inbjudningar/"
    invitation = Invitation.objects.get(user=user)
    accepted = person.post(
        "/konto/inbjudningar/", {"invitation": invitation.pk, "answer": "accept"}, follow=True
    )
    assert accepted.redirect_chain[-1][0] == f"/f/{cast.association.slug}/"
    assert Membership.objects.get(user=user).role == Role.ASSIGNMENT_LEAD
    assert AuditEvent.objects.filter(action="create", object_repr__startswith="Ny Person").exists()


def test_a_person_with_an_account_elsewhere_is_invited_and_may_decline(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    outsider = cast.outsider  # the director of another association
    with django_capture_on_commit_callbacks(execute=True):
        _add(cast, outsider.email.upper(), role=Role.DIRECTOR, name="Olle P")
    assert not Membership.objects.filter(user=outsider, association=cast.association).exists()
    assert "/konto/inbjudningar/" in mail.outbox[0].body
    assert "/konto/aterstall/" not in mail.outbox[0].body
    person = client_for(outsider)
    assert person.get(f"/f/{cast.association.slug}/").status_code == 404
    invitation = Invitation.objects.get(user=outsider)
    person.post("/konto/inbjudningar/", {"invitation": invitation.pk, "answer": "decline"})
    assert not Membership.objects.filter(user=outsider, association=cast.association).exists()
    invitation.refresh_from_db()
    assert invitation.accepted is False
    # Answered once; someone else cannot answer another's invitation either.
    again = client_for(cast[Role.ANALYST]).post(
        "/konto/inbjudningar/", {"invitation": invitation.pk, "answer": "accept"}
    )
    assert again.status_code == 404


def test_the_form_answers_the_same_for_known_and_unknown_addresses(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    pages = []
    for email in (cast.outsider.email, "finns.inte@exempel.se"):
        with django_capture_on_commit_callbacks(execute=True):
            response = _add(cast, email, name="Anna A")
        text = response.content.decode()
        text = text.replace(email, "ADDRESS")
        pages.append(text.split("<main", 1)[1].split("</main>", 1)[0])
    assert "En inbjudan har skickats till ADDRESS" in pages[0]
    # Only the rows of the invitation list differ (the address, which the director typed).
    first, second = (p.split("Inbjudna, ej besvarade")[0] for p in pages)
    assert first == second
    assert cast.outsider.full_name not in pages[0]  # the account's own name is never shown


def test_adding_a_member_needs_a_name(cast: Cast) -> None:
    response = client_for(cast[Role.DIRECTOR]).post(
        f"/f/{cast.association.slug}/medlemmar/ny/",
        {"email": "okand@example.org", "role": Role.ANALYST},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="okand@example.org").exists()
    assert not Invitation.objects.exists()


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

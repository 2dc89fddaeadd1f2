"""A new association from the command line and the national administrator's page."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from samordna.accounts.models import ApiToken, Association, Membership, Party, User
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.insights.models import InterviewGuide
from samordna.needs.models import AnalysisSettings
from samordna.statistics.models import IndicatorSet, Observation
from tests.conftest import Cast, client_for
from tests.fakes import FakeKolada
from tests.onboarding.conftest import ROSLAGEN, create_roslagen


def test_create_then_fetch_needs_no_page_visit(db: None, generated_kolada: FakeKolada) -> None:
    association = create_roslagen()
    assert association.member_municipalities == ROSLAGEN
    assert association.region_code == "0001"  # Region Stockholm, from the kommuner's län
    kinds = sorted(association.parties.values_list("kind", flat=True))
    assert kinds.count(Party.Kind.MUNICIPALITY) == 6
    assert {Party.Kind.REGION, Party.Kind.SOCIAL_INSURANCE, Party.Kind.EMPLOYMENT_SERVICE} <= set(
        kinds
    )
    assert association.parties.get(area_code="0160").name == "Täby kommun"
    assert IndicatorSet.objects.get(association=association, slug="finsam").items.count() > 40
    assert AnalysisSettings.objects.get(association=association).region == "0001"
    assert InterviewGuide.objects.filter(association=association).count() == 2
    assert AuditEvent.objects.filter(association=association, action="create").count() >= 10
    out = StringIO()
    call_command(
        "kolada", "fetch", "--set", "finsam", "--association", "roslagen",
        "--years", "2010-2024", stdout=out,
    )  # fmt: skip
    stored = Observation.objects.filter(area__code__in=ROSLAGEN)
    assert stored.filter(period="2024").exists()
    assert stored.filter(period="2010").exists()
    assert stored.values("area__code").distinct().count() == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kommun", "9999"], "ingen kommun"),
        (["--kommun", "Atlantis"], "ingen kommun"),
        (["--kommun", "0160", "--kommun", "Täby"], "två gånger"),
        (["--kommun", "0160", "--region", "0099"], "ingen region"),
        (["--kommun", "0160", "--director", "inte-en-adress"], "ingen e-postadress"),
    ],
)
def test_bad_input_is_refused_in_swedish_with_nothing_written(
    db: None, args: list[str], message: str
) -> None:
    before = (Association.objects.count(), Party.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError, match=message):
        call_command("association", "create", "--name", "Nytt förbund", "--slug", "nytt", *args)
    after = (Association.objects.count(), Party.objects.count(), AuditEvent.objects.count())
    assert after == before


def test_a_taken_slug_is_refused(db: None) -> None:
    create_roslagen()
    parties = Party.objects.count()
    with pytest.raises(CommandError, match="används redan"):
        call_command(
            "association", "create", "--name", "Ett annat", "--slug", "roslagen", "--kommun", "0180"
        )
    assert Party.objects.count() == parties


def test_the_director_is_invited_by_a_mail_that_names_the_association(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        association = create_roslagen(director="Chef@Roslagen.example")
    director = User.objects.get(email="chef@roslagen.example")
    assert Membership.objects.get(user=director, association=association).role == Role.DIRECTOR
    assert len(mail.outbox) == 1
    assert "Samordningsförbundet Roslagen" in mail.outbox[0].subject
    assert "Samordningsförbundet Roslagen" in mail.outbox[0].body
    assert "/konto/aterstall/" in mail.outbox[0].body


def test_list_shows_every_association(db: None) -> None:
    create_roslagen()
    out = StringIO()
    call_command("association", "list", stdout=out)
    assert "roslagen\tSamordningsförbundet Roslagen\t0160, 0188" in out.getvalue()


def test_national_page_creates_an_association_for_a_national_administrator(cast: Cast) -> None:
    admin = User.objects.create_user("admin@samordna.example", "x", full_name="Nationell admin")
    admin.is_national_admin = True
    admin.save()
    client = client_for(admin)
    filled = client.post(
        "/nationellt/nytt-forbund/", {"action": "fill", "known": "samordningsforbundet-roslagen"}
    )
    page = filled.content.decode()
    assert "Täby (0160)" in page
    assert 'value="Samordningsförbundet Roslagen"' in page
    form = {"action": "create", "name": "Samordningsförbundet Roslagen", "slug": "roslagen"}
    form |= {f"kommun_{i}": code for i, code in enumerate(["Täby (0160)", "Vaxholm", "0188"])}
    form |= {"director_email": "chef@roslagen.example", "director_name": "Ada Chef"}
    response = client.post("/nationellt/nytt-forbund/", form)
    assert response.status_code == 302
    association = Association.objects.get(slug="roslagen")
    assert association.member_municipalities == ["0160", "0187", "0188"]
    assert association.memberships.get().user.email == "chef@roslagen.example"
    again = client.post("/nationellt/nytt-forbund/", form | {"name": "Annat namn"})
    assert "används redan" in again.content.decode()


def test_national_pages_are_refused_to_everyone_else(cast: Cast) -> None:
    assert Client().get("/nationellt/nytt-forbund/").status_code == 302
    for role in (Role.DIRECTOR, Role.ANALYST):
        client = client_for(cast[role])
        assert client.get("/nationellt/").status_code == 403
        response = client.post(
            "/nationellt/nytt-forbund/",
            {"action": "create", "name": "X", "slug": "x", "kommun_0": "0160"},
        )
        assert response.status_code == 403
    assert not Association.objects.filter(slug="x").exists()


def test_token_command_creates_a_working_token_and_revokes_it(cast: Cast) -> None:
    out = StringIO()
    email = cast[Role.ANALYST].email
    call_command("token", "create", "--user", email.upper(), "--name", "skript", stdout=out)
    key = out.getvalue().strip()
    api = Client(headers={"authorization": f"Bearer {key}"})
    assert api.get(f"/api/v1/associations/{cast.association.slug}/parties").status_code == 200
    call_command("token", "revoke", "--user", email, "--prefix", key[:12], stdout=StringIO())
    assert api.get(f"/api/v1/associations/{cast.association.slug}/parties").status_code == 401
    assert ApiToken.objects.get(key_prefix=key[:12]).revoked_at is not None


def test_token_command_refuses_an_unknown_person(db: None) -> None:
    with pytest.raises(CommandError, match="ingen person"):
        call_command("token", "create", "--user", "ingen@example.se", "--name", "x")
    assert ApiToken.objects.count() == 0


def test_the_admin_shows_the_kommuner_read_only_and_adds_no_association(db: None) -> None:
    association = create_roslagen()
    superuser = User.objects.create_superuser("super@samordna.example", "x", full_name="Super")
    client = client_for(superuser)
    page = client.get(f"/admin/accounts/association/{association.pk}/change/").content.decode()
    assert 'name="member_municipalities"' not in page
    assert "0160" in page
    assert client.get("/admin/accounts/association/add/").status_code == 403


def test_the_command_makes_a_national_administrator_and_refuses_an_unknown_address(
    db: None,
) -> None:
    person = User.objects.create_user("drift@region.example", "x", full_name="Drift")
    out = StringIO()
    call_command("association", "admin", "DRIFT@region.example", stdout=out)
    person.refresh_from_db()
    assert person.is_national_admin
    assert "nu nationell administratör" in out.getvalue()
    call_command("association", "admin", "drift@region.example", "--revoke", stdout=StringIO())
    person.refresh_from_db()
    assert not person.is_national_admin
    with pytest.raises(CommandError, match="ingen person"):
        call_command("association", "admin", "okand@region.example")

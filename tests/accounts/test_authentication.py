"""Login, throttling, logout, password reset and the language choice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from samordna.accounts.demo import DEMO_PASSWORD
from samordna.accounts.models import ApiToken
from samordna.accounts.roles import Role
from tests.conftest import Cast


def test_start_page_redirects_to_the_swedish_login_page(db: None) -> None:
    response = Client().get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/logga-in/"
    text = response.content.decode()
    assert '<html lang="sv">' in text
    assert "Logga in i Samordna" in text
    assert "Hoppa till innehållet" in text


def test_director_logs_in_and_reaches_the_dashboard(cast: Cast) -> None:
    client = Client()
    response = client.post(
        "/konto/logga-in/",
        {"username": cast[Role.DIRECTOR].email, "password": DEMO_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/f/{cast.association.slug}/"
    text = response.content.decode()
    assert "Samordningsförbundet Landskrona Svalöv" in text
    assert "Du är inloggad som Förbundschef." in text
    assert "Nästa styrelsemöte" in text


def test_a_member_of_two_associations_chooses_between_them(cast: Cast) -> None:
    from samordna.accounts.models import Membership

    Membership.objects.create(user=cast[Role.ANALYST], association=cast.other, role=Role.AUDITOR)
    client = Client()
    client.force_login(cast[Role.ANALYST])
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/forbund/"
    text = response.content.decode()
    assert "Samordningsförbundet Trelleborg" in text
    assert "Revisor" in text


@pytest.mark.parametrize("limit", [3])
def test_login_is_throttled_after_repeated_failures(
    cast: Cast, settings: pytest.FixtureRequest, limit: int
) -> None:
    settings.AXES_ENABLED = True  # type: ignore[attr-defined]
    settings.AXES_FAILURE_LIMIT = limit  # type: ignore[attr-defined]
    client = Client(REMOTE_ADDR="192.0.2.10")
    email = cast[Role.ANALYST].email
    for _attempt in range(limit):
        client.post("/konto/logga-in/", {"username": email, "password": "fel-lösenord"})
    locked = client.post("/konto/logga-in/", {"username": email, "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "För många misslyckade inloggningsförsök" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(cast: Cast) -> None:
    client = Client()
    client.force_login(cast[Role.ANALYST])
    assert client.get("/konto/logga-ut/").status_code == 405
    assert client.post("/konto/logga-ut/").status_code == 302
    assert client.get(f"/f/{cast.association.slug}/").status_code == 302


def test_password_reset_sends_a_swedish_link(cast: Cast) -> None:
    response = Client().post("/konto/aterstall/", {"email": cast[Role.ANALYST].email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Välj ett nytt lösenord i Samordna"
    assert "/konto/aterstall/" in mail.outbox[0].body


def test_password_change_requires_the_old_password(cast: Cast) -> None:
    client = Client()
    client.force_login(cast[Role.ANALYST])
    response = client.post(
        "/konto/losenord/",
        {
            "old_password": "fel",
            "new_password1": "Ett-nytt-langt-losen-77",
            "new_password2": "Ett-nytt-langt-losen-77",
        },
    )
    assert response.status_code == 200
    cast[Role.ANALYST].refresh_from_db()
    assert cast[Role.ANALYST].check_password(DEMO_PASSWORD)


def test_an_english_browser_still_gets_swedish_until_english_is_chosen(db: None) -> None:
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    text = client.get("/konto/logga-in/").content.decode()
    assert '<html lang="sv">' in text
    assert "Logga in i Samordna" in text


def test_english_can_be_chosen(db: None) -> None:
    client = Client()
    client.post("/sprak/", {"language": "en", "next": "/konto/logga-in/"})
    text = client.get("/konto/logga-in/").content.decode()
    assert '<html lang="en">' in text
    assert "Log in to Samordna" in text


def test_the_login_address_is_compared_without_regard_to_case(cast: Cast) -> None:
    client = Client()
    typed = cast[Role.DIRECTOR].email.upper()
    response = client.post("/konto/logga-in/", {"username": typed, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast[Role.DIRECTOR].pk)


def test_wrong_api_tokens_are_throttled_per_address(
    cast: Cast, settings: pytest.FixtureRequest
) -> None:
    settings.API_TOKEN_FAILURE_LIMIT = 3  # type: ignore[attr-defined]
    url = f"/api/v1/associations/{cast.association.slug}/parties"
    attacker = Client(REMOTE_ADDR="203.0.113.9", headers={"authorization": "Bearer sam_gissning"})
    assert [attacker.get(url).status_code for _ in range(3)] == [401, 401, 401]
    refused = attacker.get(url)
    assert refused.status_code == 429
    assert "För många försök" in refused.json()["detail"]
    # Even the right token waits from that address; another address is not affected.
    from tests.conftest import api_client_for

    assert api_client_for(cast[Role.DIRECTOR]).get(url).status_code == 200
    _token, key = ApiToken.issue(cast[Role.DIRECTOR], "rätt")
    same_address = Client(REMOTE_ADDR="203.0.113.9", headers={"authorization": f"Bearer {key}"})
    assert same_address.get(url).status_code == 429

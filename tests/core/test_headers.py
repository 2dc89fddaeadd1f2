"""Security headers with DEBUG off: CSP without inline script, Permissions-Policy, no-store."""

from __future__ import annotations

from typing import Any

from django.test import Client

from samordna.accounts.roles import Role
from tests.conftest import Cast, api_client_for, client_for


def _production(settings: Any) -> None:
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False


def test_every_page_says_no_inline_script_and_no_powerful_features(
    cast: Cast, settings: Any
) -> None:
    _production(settings)
    response = Client().get("/konto/logga-in/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no other host
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_what_a_member_or_a_token_sees_is_never_cached(cast: Cast, settings: Any) -> None:
    _production(settings)
    page = client_for(cast[Role.ANALYST]).get(f"/f/{cast.association.slug}/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in page
    answer = api_client_for(cast[Role.ANALYST]).get("/api/v1/associations")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store"

"""The REST API: OpenAPI document, token authentication, scoping and writes."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate

from samordna.accounts.models import ApiToken, Membership, Party
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from tests.conftest import Cast, api_client_for


def test_openapi_document_is_served_to_token_holders_and_valid(cast: Cast) -> None:
    assert Client().get("/api/v1/openapi.json").status_code == 401
    anonymous_docs = Client().get("/api/v1/docs")
    assert anonymous_docs.status_code == 302
    assert anonymous_docs["Location"].startswith("/konto/logga-in/")
    signed_in = Client()
    signed_in.force_login(cast[Role.AUDITOR])
    assert signed_in.get("/api/v1/docs").status_code == 200
    response = api_client_for(cast[Role.AUDITOR]).get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)
    assert "/api/v1/associations/{slug}/parties" in document["paths"]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_api_answers_401_without_a_token(cast: Cast) -> None:
    response = Client().get(f"/api/v1/associations/{cast.association.slug}/parties")
    assert response.status_code == 401
    assert "API-nyckel" in response.json()["detail"]


def test_api_answers_401_for_an_unknown_revoked_or_expired_token(cast: Cast) -> None:
    token, key = ApiToken.issue(cast[Role.DIRECTOR], "revoked")
    token.revoke()
    expired, expired_key = ApiToken.issue(
        cast[Role.DIRECTOR], "expired", expires_at=timezone.now() - timezone.timedelta(days=1)
    )
    for secret in ("sam_not-a-token", key, expired_key):
        client = Client(headers={"authorization": f"Bearer {secret}"})
        assert client.get("/api/v1/associations").status_code == 401


def test_api_answers_404_across_associations(cast: Cast) -> None:
    outsider = api_client_for(cast.outsider)
    party = cast.association.parties.first()
    assert outsider.get(f"/api/v1/associations/{cast.association.slug}").status_code == 404
    assert (
        outsider.get(f"/api/v1/associations/{cast.other.slug}/parties/{party.pk}").status_code
        == 404
    )
    assert outsider.get(f"/api/v1/associations/{cast.other.slug}").status_code == 200


def test_api_lists_only_the_token_owners_associations(cast: Cast) -> None:
    response = api_client_for(cast[Role.ANALYST]).get("/api/v1/associations")
    answer = response.json()
    assert [a["slug"] for a in answer["items"]] == [cast.association.slug]
    assert answer["items"][0]["my_role"] == "analyst"
    assert answer["count"] == 1


def test_token_stores_only_a_hash_and_records_use(cast: Cast) -> None:
    token, key = ApiToken.issue(cast[Role.ANALYST], "script")
    assert key not in token.key_hash
    assert token.key_hash == ApiToken.hash_key(key)
    Client(headers={"authorization": f"Bearer {key}"}).get("/api/v1/associations")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_director_changes_a_role_through_the_api_with_an_audit_entry(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.BOARD_MEMBER)
    response = api_client_for(cast[Role.DIRECTOR]).patch(
        f"/api/v1/associations/{cast.association.slug}/memberships/{membership.pk}",
        {"role": "board_secretary"},
        content_type="application/json",
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.BOARD_SECRETARY
    event = AuditEvent.objects.filter(object_id=str(membership.pk), action="update").latest("id")
    assert event.actor == cast[Role.DIRECTOR]
    assert event.changes["role"] == {"before": "board_member", "after": "board_secretary"}


def test_api_refuses_a_party_of_another_association(cast: Cast) -> None:
    membership = Membership.objects.get(association=cast.association, role=Role.ANALYST)
    foreign_party = cast.other.parties.first()
    response = api_client_for(cast[Role.DIRECTOR]).patch(
        f"/api/v1/associations/{cast.association.slug}/memberships/{membership.pk}",
        {"role": "analyst", "party_id": foreign_party.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    membership.refresh_from_db()
    assert membership.party_id != foreign_party.pk


@pytest.mark.parametrize("name", ["Region Skåne"])
def test_api_refuses_a_duplicate_party_and_writes_nothing(cast: Cast, name: str) -> None:
    before = Party.objects.count()
    response = api_client_for(cast[Role.DIRECTOR]).post(
        f"/api/v1/associations/{cast.association.slug}/parties",
        {"name": name, "kind": "region"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert Party.objects.count() == before


def test_auditor_reads_the_audit_trail_through_the_api(cast: Cast) -> None:
    response = api_client_for(cast[Role.AUDITOR]).get(
        f"/api/v1/associations/{cast.association.slug}/audit-events?limit=5"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == AuditEvent.objects.filter(association=cast.association).count()
    assert len(body["items"]) == 5
    assert (
        api_client_for(cast[Role.ASSIGNMENT_LEAD])
        .get(f"/api/v1/associations/{cast.association.slug}/audit-events")
        .status_code
        == 403
    )

"""Security events: each one recorded exactly once, readable by the förbundschef; the audit
tables refuse UPDATE and DELETE in the database itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client

from samordna.accounts.demo import DEMO_PASSWORD
from samordna.accounts.models import ApiToken
from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent, SecurityEvent
from tests.conftest import Cast

Kind = SecurityEvent.Kind


def events(kind: str) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=kind))


def test_a_login_and_a_logout_are_one_event_each(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7")
    user = cast[Role.ANALYST]
    client.post("/konto/logga-in/", {"username": user.email, "password": DEMO_PASSWORD})
    client.post("/konto/logga-ut/")
    (login,) = events(Kind.LOGIN)
    (logout,) = events(Kind.LOGOUT)
    assert login.user == user
    assert logout.user == user
    assert login.ip == "192.0.2.7"


def test_a_failed_login_keeps_the_address_as_typed_and_the_ip_never_the_password(
    cast: Cast,
) -> None:
    Client(REMOTE_ADDR="198.51.100.4").post(
        "/konto/logga-in/", {"username": "Okänd@Exempel.se", "password": "hemligt-123"}
    )
    (failed,) = events(Kind.LOGIN_FAILED)
    assert (failed.email, failed.ip, failed.user) == ("Okänd@Exempel.se", "198.51.100.4", None)
    stored = SecurityEvent.objects.filter(pk=failed.pk).values_list("email", "detail").get()
    assert "hemligt" not in " ".join(stored)


def test_a_personnummer_typed_as_the_address_is_not_recorded(db: None) -> None:
    Client().post("/konto/logga-in/", {"username": "19811218-9876", "password": "x"})
    (failed,) = events(Kind.LOGIN_FAILED)
    assert failed.email == "[personnummer]"


def test_a_lockout_is_one_event(cast: Cast, settings: pytest.FixtureRequest) -> None:
    settings.AXES_ENABLED = True  # type: ignore[attr-defined]
    settings.AXES_FAILURE_LIMIT = 2  # type: ignore[attr-defined]
    client = Client(REMOTE_ADDR="192.0.2.10")
    email = cast[Role.ANALYST].email
    for _attempt in range(4):
        client.post("/konto/logga-in/", {"username": email, "password": "fel"})
    assert len(events(Kind.LOCKOUT)) == 1
    assert events(Kind.LOCKOUT)[0].email == email
    # The first attempt failed; the second locked; the two after it failed while locked.
    failed = sorted(e.detail for e in events(Kind.LOGIN_FAILED))
    assert failed == ["", "spärrad", "spärrad"]


def test_password_reset_requested_and_completed(cast: Cast) -> None:
    user = cast[Role.ANALYST]
    client = Client()
    client.post("/konto/aterstall/", {"email": user.email.upper()})
    (requested,) = events(Kind.PASSWORD_RESET_REQUESTED)
    assert requested.user == user
    link = re.search(r"/konto/aterstall/[^/\s]+/[^/\s]+/", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(0), follow=True)
    new = "Ett-nytt-langt-losen-77"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    (done,) = events(Kind.PASSWORD_RESET_DONE)
    assert done.user == user


def test_a_reset_for_an_unknown_address_is_recorded_without_a_person(db: None) -> None:
    response = Client().post("/konto/aterstall/", {"email": "ingen@exempel.se"})
    assert response.status_code == 302
    (requested,) = events(Kind.PASSWORD_RESET_REQUESTED)
    assert (requested.user, requested.email) == (None, "ingen@exempel.se")


def test_a_password_change_is_one_event(cast: Cast) -> None:
    client = Client()
    client.force_login(cast[Role.ANALYST])
    new = "Ett-nytt-langt-losen-77"
    data = {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new}
    assert client.post("/konto/losenord/", data).status_code == 302
    assert [e.user for e in events(Kind.PASSWORD_CHANGED)] == [cast[Role.ANALYST]]


def test_a_token_created_and_revoked_on_the_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast[Role.ANALYST])
    client.post("/konto/api-nycklar/", {"name": "Rapportskript", "expires_in_days": 30})
    (created,) = events(Kind.TOKEN_CREATED)
    assert created.detail == "Rapportskript"
    token = ApiToken.objects.get(name="Rapportskript")
    client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert [e.detail for e in events(Kind.TOKEN_REVOKED)] == ["Rapportskript"]


def test_every_export_is_one_event_naming_the_file(cast: Cast) -> None:
    client = Client()
    client.force_login(cast[Role.DIRECTOR])
    slug = cast.association.slug
    for url in (f"/f/{slug}/insikter/export.csv", f"/f/{slug}/insikter/export.xlsx"):
        assert client.get(url).status_code == 200
    exports = events(Kind.EXPORT)
    assert len(exports) == 2
    assert {e.association for e in exports} == {cast.association}
    assert all(e.user == cast[Role.DIRECTOR] for e in exports)
    assert sorted(e.detail.split(" ")[0] for e in exports) == ["insikter.csv", "insikter.xlsx"]


def test_the_director_reads_the_security_events_and_others_do_not(cast: Cast) -> None:
    Client().post("/konto/logga-in/", {"username": cast[Role.ANALYST].email, "password": "fel"})
    Client().post("/konto/logga-in/", {"username": cast.outsider.email, "password": "fel"})
    director = Client()
    director.force_login(cast[Role.DIRECTOR])
    page = director.get(f"/f/{cast.association.slug}/logg/sakerhet/")
    assert page.status_code == 200
    text = page.content.decode()
    assert cast[Role.ANALYST].email in text
    assert cast.outsider.email not in text  # a member of another association
    analyst = Client()
    analyst.force_login(cast[Role.ANALYST])
    assert analyst.get(f"/f/{cast.association.slug}/logg/sakerhet/").status_code == 403


def _one_row(cast: Cast) -> tuple[int, int]:
    Client().post("/konto/logga-in/", {"username": "x@exempel.se", "password": "fel"})
    audit = AuditEvent.objects.filter(association=cast.association).first()
    assert audit is not None
    return audit.pk, SecurityEvent.objects.get().pk


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET reason = 'ändrat' WHERE id = {audit}",
        "DELETE FROM audit_auditevent WHERE id = {audit}",
        "UPDATE audit_securityevent SET email = 'annan' WHERE id = {security}",
        "DELETE FROM audit_securityevent WHERE id = {security}",
    ],
)
def test_raw_sql_cannot_change_or_remove_an_audit_row(cast: Cast, statement: str) -> None:
    audit, security = _one_row(cast)
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement.format(audit=audit, security=security))
    assert AuditEvent.objects.filter(pk=audit).exists()
    assert SecurityEvent.objects.filter(pk=security).exists()


def test_the_orm_cannot_either(cast: Cast) -> None:
    audit, _security = _one_row(cast)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=audit).update(reason="ändrat")
    with pytest.raises(DatabaseError), transaction.atomic():
        SecurityEvent.objects.all().delete()
    assert SecurityEvent.objects.count() == 1


def test_the_retention_command_removes_old_rows_and_records_that_it_did(
    cast: Cast, tmp_path: Path
) -> None:
    before = AuditEvent.objects.filter(association=cast.association).count()
    assert before > 0
    call_command(
        "audit_retention",
        "--association",
        cast.association.slug,
        "--before",
        "2999-01-01",
        "--reason",
        "Gallringsbeslut 2026-11-30 § 12",
        "--confirm",
    )
    assert AuditEvent.objects.filter(association=cast.association).count() == 0
    (entry,) = events(Kind.RETENTION)
    assert entry.association == cast.association
    assert str(before) in entry.detail
    assert "Gallringsbeslut" in entry.detail

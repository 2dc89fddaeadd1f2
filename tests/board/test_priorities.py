"""The board's priorities: the deciding decision is given by its registry number."""

from __future__ import annotations

import datetime

from samordna.accounts.roles import Role
from samordna.audit.models import AuditEvent
from samordna.board.models import BoardMeeting, Decision, Priority
from tests.conftest import Cast, client_for


def _decision(cast: Cast) -> Decision:
    meeting = BoardMeeting.objects.create(
        association=cast.association,
        held_on=datetime.date(2031, 2, 3),
        reports_due_on=datetime.date(2031, 1, 20),
    )
    return Decision.objects.create(
        association=cast.association,
        registry_number="Dnr 2031/4",
        meeting=meeting,
        kind=Decision.Kind.OTHER,
        text="Styrelsen fastställer prioriteringarna för 2031.",
        decided_on=meeting.held_on,
    )


def _post(cast: Cast, number: str) -> object:
    url = f"/f/{cast.association.slug}/styrelsen/prioriteringar/"
    body = {"year": 2031, "kind": "needs_group", "title": "Unga vuxna", "decision": number}
    return client_for(cast[Role.DIRECTOR]).post(url, body)


def test_a_priority_names_its_decision_by_registry_number(cast: Cast) -> None:
    decision = _decision(cast)
    response = _post(cast, "Dnr 2031/4")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Priority.objects.get(association=cast.association, year=2031).decision == decision


def test_an_unknown_registry_number_is_refused_and_nothing_is_saved(cast: Cast) -> None:
    _decision(cast)
    other = Decision.objects.filter(association=cast.other).first()
    events = AuditEvent.objects.count()
    for number in ("Dnr 1999/1", other.registry_number if other else "Dnr 2031/99"):
        response = _post(cast, number)
        assert response.status_code == 200  # type: ignore[attr-defined]
        assert "Förbundet har inget beslut med det diarienumret." in response.content.decode()  # type: ignore[attr-defined]
    assert not Priority.objects.filter(association=cast.association, year=2031).exists()
    assert AuditEvent.objects.count() == events


def test_the_form_lists_no_decisions_however_many_there_are(cast: Cast) -> None:
    _decision(cast)
    page = client_for(cast[Role.DIRECTOR]).get(
        f"/f/{cast.association.slug}/styrelsen/prioriteringar/"
    )
    text = page.content.decode()
    assert 'name="decision"' in text
    assert "Dnr 2031/4</option>" not in text

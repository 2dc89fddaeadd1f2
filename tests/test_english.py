"""With English chosen, refusals read in English; in Swedish, as before.

Refusals go through gettext with English message ids and Swedish translations in
django.po. Records (timeline lines, decisions, board documents) stay Swedish whatever
the interface language.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from samordna.accounts.roles import Role
from samordna.board import services as board
from samordna.board.models import BoardMeeting
from tests.conftest import Cast, client_for


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Give at least one date, one per line (YYYY-MM-DD)."),
        ("sv", "Ange minst ett datum, ett per rad (ÅÅÅÅ-MM-DD)."),
    ],
)
def test_a_board_refusal_reads_in_the_interface_language(
    cast: Cast, language: str, expected: str
) -> None:
    with translation.override(language), pytest.raises(board.BoardError) as refused:
        board.plan_year(cast.association, [], "")
    assert str(refused.value) == expected


def test_a_refusal_on_a_page_follows_the_chosen_language(cast: Cast) -> None:
    meeting = BoardMeeting.objects.create(
        association=cast.association,
        held_on=datetime.date(2031, 3, 3),
        reports_due_on=datetime.date(2031, 2, 17),
    )
    client = client_for(cast[Role.BOARD_SECRETARY])
    url = f"/f/{cast.association.slug}/styrelsen/{meeting.pk}/lage/"
    client.post("/sprak/", {"language": "en", "next": "/"})
    page = client.post(url, {"status": "called"}, follow=True).content.decode()
    assert "The agenda is empty. Set up the agenda before the meeting is called." in page
    client.post("/sprak/", {"language": "sv", "next": "/"})
    page = client.post(url, {"status": "called"}, follow=True).content.decode()
    assert "Dagordningen är tom. Lägg upp dagordningen innan mötet kallas." in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Write a comment."), ("sv", "Skriv en kommentar.")],
)
def test_an_assignment_refusal_reads_in_the_interface_language(
    cast: Cast, language: str, expected: str
) -> None:
    from samordna.assignments import lifecycle
    from tests.assignments.helpers import member, proposal

    a = proposal(cast)
    lifecycle.apply(a, "anchor", member(cast, Role.ANALYST))
    with translation.override(language), pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.comment(a, member(cast, Role.PARTY_REPRESENTATIVE), "  ")
    assert str(refused.value) == expected

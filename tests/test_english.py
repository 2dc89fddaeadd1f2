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


def _refusal(call: object, error: type[Exception]) -> str:
    with pytest.raises(error) as refused:
        call()  # type: ignore[operator]
    return str(refused.value)


def test_a_sample_of_refusals_from_every_module_reads_in_english(cast: Cast) -> None:
    """One refusal per module of the interface, with English chosen, then with Swedish."""
    from samordna.accounts import services as accounts
    from samordna.accounts.models import Membership
    from samordna.insights.bank import merge_tags
    from samordna.insights.models import Tag
    from samordna.needs import services as needs
    from samordna.statistics.fileformat import Reader
    from samordna.statistics.values import CellError, parse_value

    year = needs.create(cast.association, 2031).year
    tag = Tag.objects.create(association=cast.association, name="Unga vuxna")
    director = Membership.objects.get(association=cast.association, role=Role.DIRECTOR)

    def empty_file() -> str:
        reader = Reader("siffror.csv", b"")
        list(reader.rows())
        return str(reader.problems[0])

    def onboarding() -> str:
        from samordna.accounts import onboarding as new

        return " ".join(new.validate(new.NewAssociation(name="", slug="Ä", kommuner=["Atlantis"])))

    samples = {
        "accounts (onboarding)": onboarding,
        "accounts": lambda: _refusal(
            lambda: accounts.remove_member(director), accounts.MembershipError
        ),
        "needs": lambda: _refusal(
            lambda: needs.create(cast.association, year), needs.AnalysisError
        ),
        "insights": lambda: _refusal(lambda: merge_tags(tag, tag), ValueError),
        "statistics (file)": empty_file,
        "statistics (cell)": lambda: _refusal(lambda: parse_value("tre"), CellError),
    }
    english = {
        "accounts (onboarding)": "“Atlantis” is no kommun in Kolada's list of areas",
        "accounts": "is the only director and cannot be removed.",
        "needs": f"There is already a needs analysis for {year}.",
        "insights": "Choose two different tags of the same association.",
        "statistics (file)": "siffror.csv: The file is empty. It needs a header row",
        "statistics (cell)": "“tre” is no number. Write a number",
    }
    swedish = {
        "accounts (onboarding)": "”Atlantis” är ingen kommun i Koladas områdeslista",
        "needs": f"Det finns redan en behovsanalys för {year}.",
        "insights": "Välj två olika taggar i samma förbund.",
        "statistics (file)": "siffror.csv: Filen är tom. Den ska ha en rubrikrad",
        "statistics (cell)": "”tre” är inget tal. Skriv ett tal",
    }
    with translation.override("en"):
        read = {module: sample() for module, sample in samples.items()}
    for module, expected in english.items():
        assert expected in read[module], (module, read[module])
    with translation.override("sv"):
        read = {module: sample() for module, sample in samples.items()}
    for module, expected in swedish.items():
        assert expected in read[module], (module, read[module])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "“Klar för beslut” cannot be taken: the assignment is in the state “draft”. "
            "The step can only be taken from “anchoring with the parties”.",
        ),
        (
            "sv",
            "”Klar för beslut” går inte: uppdraget är i läget ”utkast”. "
            "Steget kan bara tas från ”förankring hos parterna”.",
        ),
    ],
)
def test_a_step_from_the_wrong_state_is_refused_in_the_interface_language(
    cast: Cast, language: str, expected: str
) -> None:
    """The step's name is a record (Swedish, as on the timeline); the rest is the interface's."""
    from samordna.assignments import lifecycle
    from tests.assignments.helpers import member, proposal

    a = proposal(cast)
    with translation.override(language), pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.apply(a, "ready", member(cast, Role.ANALYST))
    assert str(refused.value) == expected

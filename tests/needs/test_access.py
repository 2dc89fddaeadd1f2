"""Who reads which edition: the kansli every edition, the board and the parties finalised ones."""

from __future__ import annotations

from samordna.accounts.roles import Role
from samordna.needs import services
from samordna.needs.models import NeedsAnalysis
from tests.conftest import Cast, client_for


def test_board_and_parties_read_finalised_analyses_and_priorities_not_drafts(
    cast: Cast, demo_analysis: NeedsAnalysis
) -> None:
    slug = cast.association.slug
    draft = f"/f/{slug}/behovsanalys/{demo_analysis.year}/"
    readers = (Role.BOARD_MEMBER, Role.PARTY_REPRESENTATIVE, Role.BOARD_SECRETARY)
    for role in readers:
        client = client_for(cast[role])
        assert client.get(draft).status_code == 404
        assert client.get(draft + "rapport.html").status_code == 404
        assert client.get(draft + "flaggor/").status_code == 403
        assert client.get(f"/f/{slug}/behovsanalys/installningar/").status_code == 403
        assert "Behovsanalys 2019" not in client.get(f"/f/{slug}/behovsanalys/").content.decode()
        assert client.get(f"/f/{slug}/styrelsen/prioriteringar/").status_code == 200
    for role in (Role.ANALYST, Role.DIRECTOR, Role.AUDITOR):
        assert client_for(cast[role]).get(draft).status_code == 200
    services.finalise(demo_analysis, cast[Role.ANALYST])
    for role in readers:
        client = client_for(cast[role])
        page = client.get(draft)
        assert page.status_code == 200
        assert "1\u00a0247" in page.content.decode()
        assert client.get(draft + "rapport.pdf").content.startswith(b"%PDF")
        assert "Behovsanalys 2019" in client.get(f"/f/{slug}/behovsanalys/").content.decode()
    for role in (Role.ASSIGNMENT_LEAD, Role.MANAGER):
        assert client_for(cast[role]).get(draft).status_code == 403

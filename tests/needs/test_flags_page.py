"""The flags page pages through the shared pager: the total, the size chosen, the filters
kept in every link, and the way back to the same page after a decision."""

from __future__ import annotations

import re

from samordna.accounts.models import Membership
from samordna.accounts.roles import Role
from samordna.needs.models import FlagDecision, NeedsAnalysis
from tests.conftest import client_for


def test_flags_are_paged_filtered_and_decided_on_the_same_page(
    demo_analysis: NeedsAnalysis,
) -> None:
    analyst = Membership.objects.get(association=demo_analysis.association, role=Role.ANALYST)
    client = client_for(analyst.user)
    url = f"/f/{demo_analysis.association.slug}/behovsanalys/{demo_analysis.year}/flaggor/"
    total = len(demo_analysis.flags)
    assert total > 50
    first = client.get(url + "?antal=25").content.decode()
    assert f"Visar 1–25 av {total}" in first
    assert first.count('name="keys"') == 25
    last_page = (total + 24) // 25
    last = client.get(f"{url}?antal=25&sida={last_page}").content.decode()
    assert f"Visar {25 * (last_page - 1) + 1}–{total} av {total}" in last
    area = demo_analysis.spec["members"][0] if "members" in demo_analysis.spec else "1282"
    filtered = client.get(f"{url}?area={area}&antal=25").content.decode()
    shown = int(re.search(r"Visar 1–\d+ av (\d+)", filtered)[1])  # type: ignore[index]
    assert shown == sum(1 for f in demo_analysis.flags if f["area"] == area)
    for link in re.findall(r'href="\?([^"]*sida=\d+[^"]*)"', filtered):
        assert f"area={area}" in link.replace("&amp;", "&")
    # A decision from page 2 leads back to page 2 with the filters.
    second = client.get(f"{url}?antal=25&sida=2").content.decode()
    key = re.search(r'name="keys" value="([^"]+)"', second)[1]  # type: ignore[index]
    back = re.search(r'name="back" value="([^"]+)"', second)[1].replace("&amp;", "&")  # type: ignore[index]
    answer = client.post(url, {"action": "bulk", "keys": [key], "decision": "hidden", "back": back})
    assert answer.status_code == 302
    assert answer["Location"].endswith("?" + back)
    assert "sida=2" in back
    assert FlagDecision.objects.get(analysis=demo_analysis, key=key).decision == "hidden"

"""The insight bank and its API are flat in the number of insights: the same number of
queries for N and 3N insights (hierarchical tags and parties on each), every list paged."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samordna.accounts.roles import Role
from samordna.insights.models import Insight, Tag
from tests.conftest import Cast, api_client_for, client_for


def _grow(cast: Cast, count: int, start: int) -> None:
    association = cast.association
    parent, _ = Tag.objects.get_or_create(association=association, name="Arbete")
    party = association.parties.first()
    for number in range(start, start + count):
        child = Tag.objects.create(association=association, name=f"Praktik {number}", parent=parent)
        insight = Insight.objects.create(
            association=association,
            text=f"Insikt nummer {number} om praktikplatser.",
            noted_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            needs_groups=["work"],
        )
        insight.tags.add(child, parent)
        insight.parties.add(party)


def _queries(client: object, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(captured), len(response.content)


def test_the_bank_page_and_api_ask_the_same_number_of_queries_for_n_and_3n(cast: Cast) -> None:
    slug = cast.association.slug
    page = f"/f/{slug}/insikter/?antal=100&group=work"
    api = f"/api/v1/associations/{slug}/insights?limit=100&group=work"
    web, token = client_for(cast[Role.ANALYST]), api_client_for(cast[Role.ANALYST])
    _grow(cast, 10, 0)
    small = _queries(web, page)[0], _queries(token, api)[0]
    _grow(cast, 20, 10)
    large = _queries(web, page)[0], _queries(token, api)[0]
    assert large == small


def test_a_page_holds_at_most_its_size_and_says_the_total(cast: Cast) -> None:
    _grow(cast, 60, 0)
    slug = cast.association.slug
    response = client_for(cast[Role.ANALYST]).get(f"/f/{slug}/insikter/", {"antal": 25, "sida": 2})
    text = response.content.decode()
    assert response.context["paged"].page.object_list.count() == 25  # type: ignore[index]
    assert "Visar 26–50 av 60" in text
    assert "antal=25&amp;sida=3" in text  # the size is kept in the links
    answer = (
        api_client_for(cast[Role.ANALYST])
        .get(f"/api/v1/associations/{slug}/insights", {"limit": 25, "offset": 50})
        .json()
    )
    assert (answer["count"], len(answer["items"])) == (60, 10)
    too_many = api_client_for(cast[Role.ANALYST]).get(
        f"/api/v1/associations/{slug}/insights", {"limit": 100000}
    )
    assert too_many.status_code == 422


def test_a_tag_keeps_its_full_name_when_a_parent_is_renamed_or_removed(cast: Cast) -> None:
    association = cast.association
    top = Tag.objects.create(association=association, name="Hälsa")
    middle = Tag.objects.create(association=association, name="Psykiatri", parent=top)
    leaf = Tag.objects.create(association=association, name="Väntetider", parent=middle)
    assert str(leaf) == "Hälsa › Psykiatri › Väntetider"
    top.name = "Hälsa och vård"
    top.save()
    leaf.refresh_from_db()
    assert str(leaf) == "Hälsa och vård › Psykiatri › Väntetider"
    middle.delete()
    leaf.refresh_from_db()
    assert (leaf.parent_id, str(leaf)) == (None, "Väntetider")

"""The board API: every meeting's agenda in order, read in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from samordna.accounts.roles import Role
from samordna.board.models import BoardMeeting
from tests.conftest import Cast, api_client_for


def test_meetings_carry_their_agendas_in_order(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    call_command("demo", "--quiet")
    client = api_client_for(cast[Role.DIRECTOR])
    base = f"/api/v1/associations/{cast.association.slug}/board/meetings"
    with django_assert_max_num_queries(8):  # not one query per meeting or item
        answer = client.get(base)
    assert answer.status_code == 200
    meetings = answer.json()["items"]
    assert answer.json()["count"] == len(meetings)
    assert len(meetings) == BoardMeeting.objects.filter(association=cast.association).count() > 1
    for meeting in meetings:
        stored = BoardMeeting.objects.get(pk=meeting["id"])
        assert [i["title"] for i in meeting["items"]] == list(
            stored.items.order_by("position").values_list("title", flat=True)
        )
        decided = [d for i in meeting["items"] for d in i["decisions"]]
        on_items = stored.decisions.filter(agenda_item__isnull=False)
        assert sorted(decided) == sorted(on_items.values_list("registry_number", flat=True))
    one = client.get(f"{base}/{meetings[0]['id']}")
    assert one.json() == meetings[0]

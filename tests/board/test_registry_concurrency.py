"""Registry numbers stay unique and without gaps when decisions are recorded at the same time."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from samordna.accounts import demo
from samordna.accounts.models import Association
from samordna.board import services
from samordna.board.models import BoardMeeting, Decision

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL"
    ),
]

WORKERS = 8
EACH = 5


def test_parallel_decisions_get_unique_gap_free_numbers() -> None:
    demo.load()
    association = Association.objects.get(slug=demo.LANDSKRONA_SVALOV.slug)
    day = datetime.date(2031, 2, 6)
    meeting = BoardMeeting.objects.create(
        association=association, held_on=day, reports_due_on=day - datetime.timedelta(14)
    )
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                services.record_decision(meeting, "other", f"Beslut {n}.{i}")
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(
        int(n.split("/")[1])
        for n in Decision.objects.filter(association=association).values_list(
            "registry_number", flat=True
        )
    )
    assert numbers == list(range(1, WORKERS * EACH + 1))

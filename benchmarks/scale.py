"""`make bench`, scale: every page and API list of the URL walk on an association grown
to what an active förbund has after a few years.

The demo is loaded, then Landskrona–Svalöv is grown with ``samordna.core.grow``:
20 000 insights under 300 hierarchical tags, 200 running assignments with 8 progress
reports each, 50 board meetings with 1 500 decisions, 15 years × the FINSAM set × 10
kommuner of figures and 50 000 audit and security events. Then every page of the URL
walk (``tests/test_url_permissions.py``: the same arguments, as the first role that may
see the page) and every paged API list is asked for 10 times; the table gives the
median, the bytes sent and the number of queries. Files (exports, PDFs) and actions
(answers other than a 200 HTML page) are left out: they are measured by
``report_bench``. Aims: a page ≤ 300 ms, an API list ≤ 200 ms, every answer ≤ 500 KB.
Runs on SQLite and, when it answers, on PostgreSQL (database ``samordna_bench``).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, child, median_get
from benchmarks.statistics_bench import PG_BENCH, _postgres_ready, _setup_django

PAGE_AIM, API_AIM, SIZE_AIM = 0.300, 0.200, 500_000
REQUESTS = 10
SIZE = {
    "insights": 20_000,
    "tags": 300,
    "assignments": 200,
    "reports_each": 8,
    "meetings": 50,
    "decisions": 1_500,
    "years": 15,
    "kommuner": 10,
    "events": 50_000,
}


def build() -> Any:
    """The demo, grown; returns the test suite's cast of people for the walk."""
    from django.core.management import call_command
    from tests.conftest import demo_cast

    from samordna.core import grow
    from samordna.statistics import catalog
    from samordna.statistics.models import Area

    call_command("demo", "--quiet")
    cast = demo_cast()
    association = cast.association
    grow.insights(association, SIZE["insights"], tags=SIZE["tags"])
    grow.assignments(association, SIZE["assignments"], reports=SIZE["reports_each"])
    grow.board(association, SIZE["meetings"], SIZE["decisions"])
    finsam = [item.indicator for item in catalog.ensure_finsam_set(association).items.all()]
    kommuner = list(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).order_by("code"))
    grow.figures(finsam, kommuner[: SIZE["kommuner"]], range(2010, 2010 + SIZE["years"]))
    grow.audit_events(association, SIZE["events"])
    return cast


def _measure(client: Any, url: str) -> tuple[float, int, int, int, str]:
    """(median seconds, bytes, queries, status, content type) of ``REQUESTS`` GETs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def body(response: Any) -> bytes:
        return b"".join(response.streaming_content) if response.streaming else response.content

    body(client.get(url))  # warms caches as a person's second visit would find them
    connection.queries_log.clear()  # full (9 000 entries) it would count nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        size = len(body(response))
    kind = response.get("Content-Type", "")
    if response.status_code != 200 or not kind.startswith(("text/html", "application/json")):
        return 0.0, size, len(captured), response.status_code, kind  # not a page or a list
    median = median_get(client, url, REQUESTS)
    return median, size, len(captured), response.status_code, kind


def run(database_url: str) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="samordna-bench-"))
    _setup_django(database_url, data_dir)
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # Django's test client
    from tests.api.test_query_growth import LISTS as API_LISTS
    from tests.conftest import api_client_for, client_for
    from tests.test_url_permissions import ASSOCIATION_ROUTES, _api_url, _kwargs, _url

    from samordna.accounts.roles import Role

    began = time.perf_counter()
    cast = build()
    built = time.perf_counter() - began
    pages = []
    clients: dict[Role, Any] = {}
    for route, name, view in ASSOCIATION_ROUTES:
        role = next((r for r in Role if view.access_rule.admits_role(r)), None)
        if role is None or route.endswith((".csv", ".xlsx", ".pdf", ">")):
            continue
        client = clients.setdefault(role, client_for(cast[role]))
        url = _url(route, _kwargs(route, cast, cast.association.slug))
        median, size, queries, status, kind = _measure(client, url)
        if status == 200 and kind.startswith("text/html"):
            pages.append((name, url, median, size, queries))
    token = api_client_for(cast[Role.DIRECTOR])
    lists = []
    for path in API_LISTS:
        url = _api_url(path, cast, cast.association.slug)
        median, size, queries, status, _kind = _measure(token, url)
        assert status == 200, (url, status)
        lists.append((path, url, median, size, queries))
    return {"built": built, "pages": pages, "lists": lists}


def _print(title: str, rows: list[list[Any]], aim: float) -> list[str]:
    aims = f"aim ≤ {aim * 1000:.0f} ms, ≤ 500 KB"
    print(f"  {title}: median of {REQUESTS} · bytes · queries ({aims})")
    missed = []
    for name, _url, median, size, queries in sorted(rows, key=lambda r: -r[2]):
        mark = ""
        if median > aim or size > SIZE_AIM:
            mark = "  ← over the aim"
            missed.append(name)
        print(f"    {name:<58} {median * 1000:7.0f} ms {size / 1000:7.0f} kB {queries:4}{mark}")
    return missed


def main() -> None:
    grown = ", ".join(f"{k} {v}" for k, v in SIZE.items())
    print(f"Scale: the demo association grown ({grown})")
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", f"sqlite:///{Path(folder) / 'scale.sqlite3'}")]
        if _postgres_ready():
            targets.append(("PostgreSQL", PG_BENCH))
        for database, url in targets:
            result = child("benchmarks.scale", "run", url)
            if result is None:
                print(f"  {database}: FAILED")
                continue
            print(f"  {database} (built in {result['built']:.0f} s)")
            missed = _print("pages", result["pages"], PAGE_AIM)
            missed += _print("API lists", result["lists"], API_AIM)
            count = len(result["pages"]) + len(result["lists"])
            print(f"  {database}: {count - len(missed)} of {count} within their aims")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "run":
        print(json.dumps(run(sys.argv[2])))
    else:
        main()

"""No API list asks the database once per row: the same number of queries for a page of one
row as for a page of many (every list is paged, so the page size is the N that could grow).
"""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samordna.accounts.models import Membership
from samordna.accounts.roles import Role
from samordna.core.api import api
from tests.conftest import Cast, api_client_for
from tests.test_url_permissions import _api_url


def _paged_paths() -> list[str]:
    """GET operations whose answer is a page: {"items": [...], "count": n} in the OpenAPI."""
    document = api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    found = []
    for path, methods in document["paths"].items():
        answer = methods.get("get", {}).get("responses", {}).get(200, {})
        if not answer:
            answer = methods.get("get", {}).get("responses", {}).get("200", {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        if "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        if {"items", "count"} <= set(schema.get("properties", {})):
            found.append(path.removeprefix("/api/v1"))
    return sorted(found)


LISTS = _paged_paths()
BIG = 40


def test_every_list_of_the_api_is_paged() -> None:
    pages = {
        path
        for _prefix, router in api._routers
        for path, path_view in router.path_operations.items()
        for operation in path_view.operations
        if "GET" in operation.methods and not path.rstrip("/").endswith("}")
    }
    assert set(LISTS) == pages - {"/associations/{slug}/assignments/{assignment_id}/timeline"}
    assert len(LISTS) >= 12


def test_a_list_asks_the_same_queries_for_one_row_and_for_many(cast: Cast) -> None:
    # One test over every list (the demo is loaded once); the message names the list.
    call_command("demo", "--quiet")
    # A second association, so that the list of one's associations has more than one row.
    Membership.objects.create(user=cast[Role.DIRECTOR], association=cast.other, role=Role.AUDITOR)
    client = api_client_for(cast[Role.DIRECTOR])
    for path in LISTS:
        url = _api_url(path, cast, cast.association.slug)
        counts, sizes = [], []
        for limit in (1, BIG):
            with CaptureQueriesContext(connection) as captured:
                answer = client.get(url, {"limit": limit})
            assert answer.status_code == 200, (path, answer.content[:300])
            counts.append(len(captured))
            sizes.append(len(answer.json()["items"]))
        assert sizes[0] == 1, path
        assert sizes[1] > 1, f"the demo has one row for {path}: the test could not see growth"
        assert counts[0] == counts[1], (
            f"{path}: {counts[0]} queries for 1 row, {counts[1]} for {sizes[1]}"
        )

"""Hostile input on every page that takes a POST and every API operation: never a 5xx.

For each association page of the URL walk, the fields of its forms are read from the page
itself and filled with generated hostile text — NUL bytes, lone surrogates, control
characters, right-to-left marks, a 1 MB text, numbers written as text and text where a
number belongs — and posted by a role that may use the page. For each API operation that
writes, every property of its request body gets the same treatment. Any 5xx (or an
exception the test client re-raises) fails the test.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from samordna.accounts.roles import Role
from tests.conftest import Cast, api_client_for, client_for
from tests.test_url_permissions import (
    ASSOCIATION_ROUTES,
    _api_operations,
    _api_url,
    _kwargs,
    _url,
)

FORM = "application/x-www-form-urlencoded"
MEGABYTE = "å" * (1024 * 1024 // 2)  # 1 MB of UTF-8

hostile_text = st.one_of(
    st.text(min_size=1, max_size=20).map(lambda t: f"{t}\x00{t}"),  # NUL inside
    st.sampled_from(["\ud800", "a\udfffb", "\udc00\ud800"]),  # lone surrogates
    st.text(st.characters(codec="utf-8", categories=["Cc"]), min_size=1, max_size=10),
    st.sampled_from(["\u202eAVGIFT\u202c", "\u200f\u061c", "\ufeff\u2066x\u2069"]),  # bidi
    st.sampled_from(["-1", "0", "1e309", "99999999999999999999999", "NaN", "2019-13-45"]),
    st.sampled_from(["abc", "", " ", "[]", "{}", "null", "true", "<script>x</script>"]),
    st.just(MEGABYTE),
)

FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', re.IGNORECASE)
NOT_POSTED = {"csrfmiddlewaretoken"}
# Names the views read by hand that no form on their own page shows.
EXTRA_FIELDS = ("action", "item", "id", "key", "keys", "section", "year", "status", "back")


def _roles_for(view: Any) -> list[Role]:
    """The roles that write most on a page: the director, the lead (own reports), the
    secretary (the board); otherwise the first role the page admits."""
    rule = view.access_rule
    writers = [
        r
        for r in (Role.DIRECTOR, Role.ASSIGNMENT_LEAD, Role.BOARD_SECRETARY)
        if rule.admits_role(r)
    ]
    return writers or [next(role for role in Role if rule.admits_role(role))]


def _fields(client: Client, url: str) -> list[str]:
    page = client.get(url)
    if page.streaming or not page["Content-Type"].startswith("text/html"):
        return sorted(EXTRA_FIELDS)  # a download: only the names a view may read by hand
    names = (
        set(FIELD.findall(page.content.decode(errors="replace")))
        if page.status_code == 200
        else set()
    )
    return sorted((names | set(EXTRA_FIELDS)) - NOT_POSTED)


POST_ROUTES = [r for r in ASSOCIATION_ROUTES if "export" not in r[0] and "ladda-ned" not in r[0]]


CHUNKS = 3  # the routes in three tests, so that parallel workers can share them


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_hostile_posts_to_every_page_answer_without_a_server_error(cast: Cast, chunk: int) -> None:
    # The cast is loaded once per chunk; each route runs inside a savepoint that is rolled
    # back, so what one route's posts change cannot hide another's error.
    for route, name, view in POST_ROUTES[chunk::CHUNKS]:
        for role in _roles_for(view):
            with transaction.atomic():
                url = _url(route, _kwargs(route, cast, cast.association.slug))
                client = client_for(cast[role])
                _post_hostile(client, url, f"{name} ({role})", _fields(client, url))
                transaction.set_rollback(True)


def _post_hostile(client: Client, url: str, name: str, fields: list[str]) -> None:
    @settings(
        max_examples=3,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=hostile_text, which=st.integers(min_value=0, max_value=len(fields) - 1))
    @example(text=MEGABYTE, which=0)
    @example(text="a\x00b", which=0)
    @example(text="\ud800", which=0)
    def post(text: str, which: int) -> None:
        if text is MEGABYTE:  # the large text in one field; the others stay ordinary
            data = dict.fromkeys(fields, "1") | {fields[which]: text}
        else:
            data = dict.fromkeys(fields, text)
        # The form body is written by hand: the test client cannot encode a lone surrogate,
        # a browser or a script can send its bytes anyway (surrogatepass).
        body = urlencode(data, encoding="utf-8", errors="surrogatepass")
        status = client.post(url, body, content_type=FORM).status_code
        assert status < 500, f"{name}: {status} for {data!r:.200}"

    post()


def _body_properties(method: str, path: str, document: dict[str, Any]) -> list[str]:
    operation = document["paths"]["/api/v1" + path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return sorted(schema.get("properties", {}))


WRITES = [(m, p, r) for m, p, r in _api_operations() if m != "GET"]


@pytest.mark.parametrize(
    ("method", "path", "rule"), WRITES, ids=[f"{m} {p}" for m, p, _r in WRITES]
)
def test_hostile_api_bodies_answer_without_a_server_error(
    cast: Cast, method: str, path: str, rule: Any
) -> None:
    role = next(r for r in Role if rule.kind != "permission" or rule.admits_role(r))
    client = api_client_for(cast[role])
    document = json.loads(client.get("/api/v1/openapi.json").content)
    properties = _body_properties(method, path, document) or ["text"]
    url = _api_url(path, cast, cast.association.slug)
    call = getattr(client, method.lower())

    @settings(
        max_examples=6,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=hostile_text)
    @example(text=MEGABYTE)
    @example(text="a\x00b")
    @example(text="\ud800")
    def send(text: str) -> None:
        body = json.dumps(dict.fromkeys(properties, text), ensure_ascii=True)
        status = call(url, body, content_type="application/json").status_code
        assert status < 500, f"{method} {path}: {status} for {body:.200}"
        if "\x00" in text or any("\ud800" <= c <= "\udfff" for c in text):
            assert status in {400, 413, 422}, f"{method} {path} accepted {body:.100}"

    send()


def test_a_body_over_the_limit_is_413_in_swedish(cast: Cast) -> None:
    client = api_client_for(cast[Role.DIRECTOR])
    url = f"/api/v1/associations/{cast.association.slug}/insights"
    body = json.dumps({"text": "x" * (3 * 1024 * 1024), "noted_on": "2026-11-30"})
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 413
    assert "för stort" in response.json()["detail"]


def test_a_nul_in_a_form_is_refused_in_swedish_and_nothing_is_saved(cast: Cast) -> None:
    from samordna.insights.models import CollaborationArea

    client = client_for(cast[Role.ANALYST])
    before = CollaborationArea.objects.count()
    response = client.post(
        f"/f/{cast.association.slug}/samverkansytor/ny/",
        {"year": "2026", "situation": "Arbets\x00lös", "main_actor": "AF", "quality": "3"},
    )
    assert response.status_code == 400
    assert "NUL-tecken" in response.content.decode()
    assert "situation" in response.content.decode()
    assert CollaborationArea.objects.count() == before
    query = client.get(f"/f/{cast.association.slug}/samverkansytor/?q=a%00b")
    assert query.status_code == 400

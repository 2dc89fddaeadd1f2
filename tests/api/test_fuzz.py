"""Schemathesis fuzzes every API operation from the OpenAPI document: no 5xx.

The director is fuzzed over every tag (a test below checks that the runs name them all);
the assignment lead, whose own reports take other
paths, over assignments and the board. The document is read with the token (the API's
documentation is not public) and handed to schemathesis as a file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from samordna.accounts.models import ApiToken
from samordna.accounts.roles import Role
from tests.conftest import Cast

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.last_database]


@pytest.mark.parametrize(
    ("role", "tags", "examples"),
    [
        # Every tag for the director, in two runs that parallel workers can share.
        (Role.DIRECTOR, ["organisation", "audit", "statistics", "insights"], 15),
        (Role.DIRECTOR, ["assignments", "board"], 15),
        (Role.ASSIGNMENT_LEAD, ["assignments", "board"], 25),
    ],
)
def test_no_server_errors_on_any_operation(
    cast: Cast, live_server: object, role: Role, tags: list[str], examples: int, tmp_path: Path
) -> None:
    call_command("demo", "--quiet")  # the whole demo: statistics, insights, the year's work
    _token, key = ApiToken.issue(cast[role], "fuzz")
    base = f"{live_server.url}"  # type: ignore[attr-defined]
    document = Client(headers={"authorization": f"Bearer {key}"}).get("/api/v1/openapi.json")
    assert document.status_code == 200
    schema = tmp_path / "openapi.json"
    schema.write_bytes(document.content)
    include = [arg for tag in tags for arg in ("--include-tag", tag)]
    cli = Path(sys.executable).with_name("schemathesis")
    # Fuzz inside the demo association: the slug is fixed, everything else is generated.
    (tmp_path / "schemathesis.toml").write_text(
        f'[parameters]\n"path.slug" = "{cast.association.slug}"\n', encoding="utf-8"
    )
    result = subprocess.run(  # noqa: S603 - our own test tool against our own server
        [
            str(cli), "run", str(schema), "--url", base,
            "--checks", "not_a_server_error",
            "--header", f"Authorization: Bearer {key}",
            *include,
            "--max-examples", str(examples),
            "--seed", "5",
            "--no-color",
        ],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout, result.stdout[-3000:]
    assert "FAILURES" not in result.stdout, result.stdout[-3000:]
    assert "Server error" not in result.stdout, result.stdout[-3000:]


def test_the_director_runs_cover_every_tag_of_the_api() -> None:
    from samordna.core.api import api

    tags = {tag for _prefix, router in api._routers for tag in (router.tags or [])}
    fuzzed = {"organisation", "audit", "statistics", "insights", "assignments", "board"}
    assert tags == fuzzed

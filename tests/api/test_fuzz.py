"""Schemathesis fuzzes the assignment and board endpoints from the OpenAPI document: no 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from samordna.accounts.models import ApiToken
from samordna.accounts.roles import Role
from tests.conftest import Cast

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ASSIGNMENT_LEAD])
def test_no_server_errors_on_assignments_and_board(
    cast: Cast, live_server: object, role: Role, tmp_path: Path
) -> None:
    call_command("demo", "--quiet")
    _token, key = ApiToken.issue(cast[role], "fuzz")
    url = f"{live_server.url}/api/v1/openapi.json"  # type: ignore[attr-defined]
    cli = Path(sys.executable).with_name("schemathesis")
    # Fuzz inside the demo association: the slug is fixed, everything else is generated.
    (tmp_path / "schemathesis.toml").write_text(
        f'[parameters]\n"path.slug" = "{cast.association.slug}"\n', encoding="utf-8"
    )
    result = subprocess.run(  # noqa: S603 - our own test tool against our own server
        [
            str(cli), "run", url,
            "--checks", "not_a_server_error",
            "--header", f"Authorization: Bearer {key}",
            "--include-tag", "assignments", "--include-tag", "board",
            "--max-examples", "25",
            "--seed", "5",
            "--no-color",
        ],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout, result.stdout[-3000:]
    assert "FAILURES" not in result.stdout, result.stdout[-3000:]
    assert "Server error" not in result.stdout, result.stdout[-3000:]

"""Architecture boundaries that must hold from the start.

HTTP clients are imported only by the adapters in ``samordna.sources``; no module (but
migrations) is longer than 500 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "samordna"
HTTP_CLIENTS = {
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "urllib.request",
    "http.client",
    "pycurl",
}
ADAPTERS = SRC / "sources"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _http_client_imports(path: Path) -> set[str]:
    return {
        name
        for name in _imports(path)
        if any(name == client or name.startswith(client + ".") for client in HTTP_CLIENTS)
    }


def test_only_adapters_import_http_clients() -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(found)
        for path in SRC.rglob("*.py")
        if ADAPTERS not in path.parents and (found := _http_client_imports(path))
    }
    assert offenders == {}, f"HTTP clients outside samordna.sources: {offenders}"


def test_the_boundary_check_sees_an_offender(tmp_path: Path) -> None:
    offender = tmp_path / "views.py"
    offender.write_text(
        "import httpx\nfrom urllib.request import urlopen\nfrom requests import get\n"
    )
    assert _http_client_imports(offender) == {
        "httpx",
        "urllib.request",
        "urllib.request.urlopen",
        "requests",
        "requests.get",
    }


MAX_LINES = 500


def _long_modules(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}: {lines} lines"
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]


def test_no_module_is_longer_than_500_lines() -> None:
    assert _long_modules(SRC) == []


def test_the_length_check_sees_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900, encoding="utf-8")
    assert _long_modules(tmp_path) == ["long.py: 501 lines"]


UPPER = ("samordna.assignments", "samordna.needs")


def _upper_imports(package: Path) -> list[str]:
    """Imports of the upper layers (assignments, needs) anywhere in ``package``, also
    inside functions."""
    return sorted(
        f"{path.name}: {name}"
        for path in package.rglob("*.py")
        for name in _imports(path)
        if any(name == upper or name.startswith(upper + ".") for upper in UPPER)
    )


def test_the_board_is_the_lower_layer() -> None:
    assert _upper_imports(SRC / "board") == []


def test_the_layer_check_sees_an_offender(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        "def f():\n    from samordna.assignments import lifecycle\n", encoding="utf-8"
    )
    assert _upper_imports(tmp_path) == [
        "views.py: samordna.assignments",
        "views.py: samordna.assignments.lifecycle",
    ]

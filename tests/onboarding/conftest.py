from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from samordna.accounts.models import Association
from tests.fakes import FakeKolada

ROSLAGEN = ["0160", "0188", "0117", "0115", "0162", "0187"]


@pytest.fixture(autouse=True)
def _own_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def generated_kolada(settings: Any) -> Iterator[FakeKolada]:
    """The Kolada stand-in serving fifteen years of generated values for any KPI and area."""
    settings.SOURCES_RATE = 10_000.0
    settings.SOURCES_BACKOFF = 0.001
    with FakeKolada(generated=True).serve() as fake:
        settings.KOLADA_URL = f"{fake.url}/v3"
        assert isinstance(fake, FakeKolada)
        yield fake


def create_roslagen(director: str = "") -> Association:
    args = ["association", "create", "--name", "Samordningsförbundet Roslagen"]
    args += ["--slug", "roslagen"]
    for code in ROSLAGEN:
        args += ["--kommun", code]
    if director:
        args += ["--director", director]
    call_command(*args, stdout=StringIO())
    return Association.objects.get(slug="roslagen")


@pytest.fixture
def roslagen_with_data(db: None, generated_kolada: FakeKolada) -> Association:
    """Roslagen created by the command and fetched from Kolada for 2010–2024, no page visited."""
    association = create_roslagen()
    call_command(
        "kolada", "fetch", "--set", "finsam", "--association", "roslagen",
        "--years", "2010-2024", stdout=StringIO(),
    )  # fmt: skip
    return association

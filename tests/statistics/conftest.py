from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeKolada, FakePxWeb


@pytest.fixture(autouse=True)
def _own_data_dir(settings: Any, tmp_path: Path) -> None:
    """Imported files and the answer cache go to the test's own folder."""
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def fast_sources(settings: Any) -> None:
    """No waiting between calls or retries; a timeout the fake can outlast."""
    settings.SOURCES_RATE = 10_000.0
    settings.SOURCES_BACKOFF = 0.001
    settings.SOURCES_TIMEOUT = 0.5
    settings.SOURCES_RETRIES = 3


@pytest.fixture
def kolada(settings: Any, fast_sources: None) -> Iterator[FakeKolada]:
    with FakeKolada(page_size=5).serve() as fake:
        settings.KOLADA_URL = f"{fake.url}/v3"
        assert isinstance(fake, FakeKolada)
        yield fake


@pytest.fixture
def pxweb(settings: Any, fast_sources: None) -> Iterator[FakePxWeb]:
    with FakePxWeb(max_cells=200).serve() as fake:
        settings.PXWEB_SCB_URL = f"{fake.url}/api/v2"
        assert isinstance(fake, FakePxWeb)
        yield fake

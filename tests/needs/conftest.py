from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from samordna.needs.models import NeedsAnalysis


@pytest.fixture(autouse=True)
def _own_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def demo_analysis(db: None) -> NeedsAnalysis:
    """Everything `samordna demo` loads; the 2019 edition of Landskrona Svalöv, computed."""
    call_command("demo", "--quiet")
    return NeedsAnalysis.objects.get(association__slug="landskrona-svalov", year=2019)


def plain(text: str) -> str:
    """Text with Swedish number spacing (no-break spaces) and line breaks made plain."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

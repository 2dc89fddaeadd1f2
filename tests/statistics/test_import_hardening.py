"""Imports that Excel, LibreOffice and scripts really produce: formulas, encodings, copies."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from samordna.statistics import warehouse
from samordna.statistics.fileformat import COLUMNS, ImportRefused
from samordna.statistics.models import DataLoad, Observation

ROWS = [
    ["TEST_HARD", "1282", "2019", "T", "12", "ok", "Göteborgs stad", "Årets värde", "antal"],
    ["TEST_HARD", "1214", "2019", "T", "7", "ok", "Göteborgs stad", "Årets värde", "antal"],
]


def _csv(delimiter: str = ",") -> str:
    lines = [delimiter.join(COLUMNS), *(delimiter.join(r) for r in ROWS)]
    return "\r\n".join(lines) + "\r\n"


def _imports() -> list[Path]:
    folder = Path(settings.DATA_DIR) / "imports"
    return list(folder.iterdir()) if folder.exists() else []


def test_an_xlsx_formula_without_a_saved_result_is_refused_with_its_cell(db: None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "observationer"
    sheet.append(list(COLUMNS))
    for row in ROWS:
        sheet.append(row)
    sheet["E3"] = "=1+1"  # as scripts write formulas: no cached result
    data = io.BytesIO()
    book.save(data)
    with pytest.raises(ImportRefused) as refused:
        warehouse.import_file("formler.xlsx", data.getvalue())
    messages = [p.message for p in refused.value.problems]
    assert any("Cell E3 innehåller en formel utan sparat värde" in m for m in messages), messages
    assert not Observation.objects.filter(indicator__code="TEST_HARD").exists()
    assert _imports() == []  # a refused file keeps no copy


def test_a_windows_1252_semicolon_csv_is_refused_with_the_encoding_message(db: None) -> None:
    data = _csv(";").encode("cp1252")
    with pytest.raises(ImportRefused) as refused:
        warehouse.import_file("ansi.csv", data)
    (problem,) = refused.value.problems
    assert "Windows-1252" in problem.message
    assert problem.row == 2  # the header holds no å/ä/ö; the first data row does
    assert "rubrikrad" not in problem.message
    assert not Observation.objects.filter(indicator__code="TEST_HARD").exists()
    assert DataLoad.objects.filter(outcome="failed").count() == 1
    assert _imports() == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_bom_files_are_read_as_they_are(db: None, codec: str) -> None:
    data = _csv(";").encode(codec)
    outcome = warehouse.import_file("unicode.csv", data)
    assert outcome.total.new == 2
    stored = Observation.objects.get(indicator__code="TEST_HARD", area__code="1282")
    assert stored.source == "Göteborgs stad"
    assert stored.indicator.title == "Årets värde"
    (copy,) = _imports()  # an accepted file is kept, content-addressed
    assert copy.read_bytes() == data


@pytest.fixture(autouse=True)
def _own_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"

"""Every CSV and XLSX export: a text that begins like a formula never becomes one."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from samordna.assignments import followup
from samordna.assignments.models import Assignment, Funding
from samordna.insights import bank
from samordna.insights.models import Insight
from samordna.statistics import filewriting
from tests.conftest import Cast

HOSTILE = [
    '=HYPERLINK("http://angripare.example","klicka")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def _csv_cells(data: bytes, delimiter: str = ",") -> list[str]:
    text = data.decode("utf-8-sig")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def _libreoffice_cells(data: bytes, tmp_path: Path) -> list[str]:
    """The XLSX as LibreOffice Calc computes it, saved as CSV: a formula shows its result."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: install libreoffice-calc-nogui (.ci/run does)."
    source = tmp_path / "export.xlsx"
    source.write_bytes(data)
    done = subprocess.run(  # noqa: S603 - LibreOffice on our own file
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return _csv_cells((tmp_path / "out" / "export.csv").read_bytes())


def _assert_safe(csv_cells: list[str], xlsx_cells: list[str]) -> None:
    """No hostile text reached a cell as itself in CSV, and each is text in the XLSX."""
    for text in HOSTILE:
        assert text not in csv_cells  # written with a leading apostrophe
        assert "'" + text in csv_cells
        assert text in xlsx_cells  # a text cell, shown as written, not computed
    assert not any(c.startswith(("=", "+", "@")) for c in csv_cells)
    assert "2" not in xlsx_cells  # no =1+1 was evaluated


@pytest.mark.django_db
def test_the_insight_exports_write_formulas_as_text(cast: Cast, tmp_path: Path) -> None:
    for text in HOSTILE:
        Insight.objects.create(
            association=cast.association, text=text, noted_on=datetime.date(2026, 1, 5),
            source="other",
        )  # fmt: skip
    insights = Insight.objects.filter(association=cast.association)
    _assert_safe(
        _csv_cells(bank.export(insights, "csv")),
        _libreoffice_cells(bank.export(insights, "xlsx"), tmp_path),
    )


@pytest.mark.django_db
def test_the_followup_export_writes_titles_as_text_and_keeps_its_sums(
    cast: Cast, tmp_path: Path
) -> None:
    for text in HOSTILE:
        assignment = Assignment.objects.create(
            association=cast.association, kind="assignment", title=text
        )
        Funding.objects.create(assignment=assignment, year=2026, proposed=1000, granted=1000)
    xlsx = _libreoffice_cells(followup.as_xlsx(cast.association), tmp_path)
    _assert_safe(_csv_cells(followup.as_csv(cast.association), ";"), xlsx)
    assert "Summa" in xlsx  # the export's own SUM formulas still compute


def test_the_statistics_export_writes_text_as_text_and_numbers_as_numbers(
    tmp_path: Path,
) -> None:
    rows = [("N1", "0160", "2024", "T", "-3.8", "ok", "Kolada", text, "antal") for text in HOSTILE]
    out = io.StringIO()
    filewriting.write_csv(rows, out)
    cells = _csv_cells(out.getvalue().encode())
    assert "-3.8" in cells  # a number written as text stays as it is
    buffer = io.BytesIO()
    filewriting.write_xlsx(rows, buffer)
    _assert_safe(cells, _libreoffice_cells(buffer.getvalue(), tmp_path))

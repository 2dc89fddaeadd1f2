"""The report in HTML, PDF and Word: statements, traceable numbers, LibreOffice, editions."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from samordna.accounts.models import User
from samordna.core.models import RegistrySequence
from samordna.needs import report, services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.reports import render
from samordna.statistics.models import Observation
from tests.needs.conftest import plain
from tests.needs.test_statements import STATEMENTS

NUMBERS = [
    "2,0 %",
    "36,0 %",
    "84,2 %",
    "39",
    "46",
    "21,5",
    "11,0",
    "35,9 %",
    "27,5 %",
    "4,4",
    "14,6",
]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text in the order it was written (``-raw``): a table cell whose text wraps
    over lines reads as one, instead of line by line across the cells beside it."""
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    done = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own file
        [shutil.which("pdftotext") or "/usr/bin/pdftotext", "-raw", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return plain(done.stdout)


def docx_text(data: bytes) -> str:
    from docx import Document

    word = Document(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return plain(" ".join(parts))


def test_pdf_and_docx_hold_the_statements_and_libreoffice_opens_the_docx(
    demo_analysis: NeedsAnalysis, tmp_path: Path
) -> None:
    document = report.build(demo_analysis)
    pdf = pdf_text(render(document, "pdf"), tmp_path)
    docx = render(document, "docx")
    word = docx_text(docx)
    for text in (pdf, word):
        assert [s for s in STATEMENTS if plain(s) not in text] == []
        assert [n for n in NUMBERS if n not in text] == []
    assert "Innehåll" in pdf
    assert "Samverkansytor 2019" in pdf
    assert "varierande, strategiskt bra, operativt låg" in pdf
    assert "Källa: Arbetsförmedlingen (juni 2019). Hämtad" in pdf
    # Word: real headings, a table of contents field, tables with a repeated header row.
    from docx import Document

    opened = Document(io.BytesIO(docx))
    headings = [p.text for p in opened.paragraphs if p.style.name.startswith("Heading")]
    assert "Behovsgrupper" in headings
    assert "TOC" in opened.element.xml
    assert len(opened.tables) > 20
    assert "w:tblHeader" in opened.tables[0]._tbl.xml
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: install libreoffice-writer-nogui (.ci/run does)."
    source = tmp_path / "behovsanalys.docx"
    source.write_bytes(docx)
    out = tmp_path / "lo"
    done = subprocess.run(  # noqa: S603 - LibreOffice on our own file
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    converted = out / "behovsanalys.pdf"
    assert converted.exists()
    assert "1 247" in pdf_text(converted.read_bytes(), tmp_path)


class _Cells(HTMLParser):
    """Every table cell of the report with its data attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str]] = []
        self.sources: list[str] = []
        self._cell: dict[str, str] | None = None
        self._source: list[str] | None = None
        self.table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.table += 1
        if tag == "td":
            self._cell = {**found, "text": "", "table": str(self.table)}
        if tag == "p" and found.get("class") == "source":
            self._source = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells.append(self._cell)
            self._cell = None
        if tag == "p" and self._source is not None:
            self.sources.append("".join(self._source))
            self._source = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._source is not None:
            self._source.append(data)


def as_number(text: str) -> Decimal:
    cleaned = re.sub(r"[\s\u00a0%⁰¹²³⁴⁵⁶⁷⁸⁹+]", "", text).replace("\u2212", "-").replace(",", ".")
    return Decimal(cleaned)


def test_every_number_in_a_table_walks_back_to_its_observations(
    demo_analysis: NeedsAnalysis,
) -> None:
    document = report.build(demo_analysis)
    parser = _Cells()
    parser.feed(render(document, "html").decode())
    figures = [c for c in parser.cells if c.get("class") == "num" and c["text"] != "–"]
    assert len(figures) > 300
    checked = 0
    for cell in figures:
        assert cell.get("data-refs"), f"a number without its observations: {cell}"
        if "data-key" not in cell:
            continue  # a change column: computed from the two periods in data-refs
        indicator, area, period, gender = cell["data-key"].split("|")
        observations = list(
            Observation.objects.filter(
                pk__in=[int(r) for r in cell["data-refs"].split()]
            ).select_related("indicator", "area")
        )
        assert observations
        shown = as_number(cell["text"])
        if len(observations) == 1:
            (obs,) = observations
            assert (obs.indicator.code, obs.area.code, obs.period, obs.gender) == (
                indicator,
                area,
                period,
                gender,
            )
            assert shown == round(obs.value, 1 if shown.as_tuple().exponent else 0)
            assert obs.source
            assert obs.retrieved_at
        elif not indicator.startswith("DER_"):
            # A total of women and men: the two observations of the same figure.
            assert {o.gender for o in observations} == {"K", "M"}
            assert {(o.indicator.code, o.area.code, o.period) for o in observations} == {
                (indicator, area, period)
            }
            assert shown == sum(o.value for o in observations)
        else:
            assert {o.area.code for o in observations} == {area}
            assert {o.period for o in observations} == {period}
        checked += 1
    assert checked > 300
    retrieved = timezone.localtime(Observation.objects.latest("retrieved_at").retrieved_at).date()
    assert all(f"Hämtad {retrieved:%Y-%m-%d}" in s for s in parser.sources if s.startswith("Källa"))


def test_finalised_edition_is_locked_and_the_next_starts_from_it(
    demo_analysis: NeedsAnalysis,
) -> None:
    analyst = User.objects.get(email="analytiker@landskrona-svalov.example")
    services.save_text(demo_analysis, Section.OBSERVATIONS, "Luckorna i systemet.", analyst)
    year = date.today().year
    taken = RegistrySequence.objects.filter(association=demo_analysis.association, year=year)
    last = taken.first().last if taken.exists() else 0  # the demo's board decisions come first
    done = services.finalise(demo_analysis, analyst)
    assert done.registry_number == f"Dnr {year}/{last + 1}"
    assert done.is_final
    with pytest.raises(services.AnalysisError, match="fastställd"):
        services.save_text(done, Section.OBSERVATIONS, "Ändrat", analyst)
    with pytest.raises(services.AnalysisError, match="fastställd"):
        services.decide(done, done.flags[0]["key"], "hidden")
    with pytest.raises(services.AnalysisError, match="redan fastställd"):
        services.finalise(done, analyst)
    following = services.create(done.association, 2020)
    assert following.previous == done
    assert services.current_text(following, Section.OBSERVATIONS) == "Luckorna i systemet."
    assert following.spec["comparisons"] == done.spec["comparisons"]
    with pytest.raises(services.AnalysisError, match="inga uppgifter för 2020"):
        services.compute(following)  # a year without figures is refused, not an empty report
    figures_for_2020(done.association)
    services.compute(following)
    text = plain(render(report.build(following), "html").decode())
    assert "Förändring sedan förra analysen" in text


def figures_for_2020(association: Any) -> None:
    """The demo's first indicator's June 2019 figures loaded again as 2020 (warehouse)."""
    from samordna.statistics import warehouse
    from samordna.statistics.fileformat import Row

    first = Observation.objects.filter(period="2019-06").order_by("indicator__code").first()
    rows = [
        Row(n, o.indicator.code, o.area.code, "2020-06", o.gender, o.value, o.status, o.source)
        for n, o in enumerate(
            Observation.objects.filter(indicator=first.indicator, period="2019-06").select_related(
                "indicator", "area"
            ),
            start=1,
        )
    ]
    warehouse.load_rows(rows, warehouse.Origin("file", "test 2020", association=association))


def test_report_command_writes_every_format(demo_analysis: NeedsAnalysis, tmp_path: Path) -> None:
    for fmt, magic in (("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"), ("docx", b"PK")):
        out = tmp_path / f"r.{fmt}"
        call_command(
            "report",
            "--association",
            "landskrona-svalov",
            "--year",
            "2019",
            "--format",
            fmt,
            "--out",
            str(out),
        )
        assert out.read_bytes().startswith(magic)


def test_texts_with_a_personnummer_are_refused_and_nothing_is_saved(
    demo_analysis: NeedsAnalysis,
) -> None:
    analyst = User.objects.get(email="analytiker@landskrona-svalov.example")
    before = demo_analysis.narrative.count()
    with pytest.raises(services.AnalysisError, match="personnummer"):
        services.save_text(demo_analysis, Section.OBSERVATIONS, "Brukaren 850709-9805 sa…", analyst)
    assert demo_analysis.narrative.count() == before
    with pytest.raises(services.AnalysisError, match="Kommentaren"):
        services.decide(
            demo_analysis, demo_analysis.flags[0]["key"], "hidden", "Gäller 19850709-9805."
        )
    assert not demo_analysis.decisions.filter(note__contains="9805").exists()


def test_the_demo_report_is_short_and_laid_out_without_faults(demo_analysis: NeedsAnalysis) -> None:
    from samordna.reports import html as html_renderer
    from tests.layout import laid_out, problems

    document = report.build(demo_analysis)
    pages = laid_out(html_renderer.render(document))
    assert problems(pages) == []
    body_pages = None
    for number, page in enumerate(pages.pages, start=1):
        if any(anchor == "bilaga" for anchor in page.anchors):
            body_pages = number - 1  # the Bilaga starts on a page of its own
            break
    assert body_pages is not None
    assert body_pages <= 15
    assert len(pages.pages) <= 30

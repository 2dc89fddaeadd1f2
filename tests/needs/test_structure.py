"""The report reads like the 2019 report: its chapters in order, a summary first, a Bilaga."""

from __future__ import annotations

import re

from samordna.needs import report
from samordna.needs.models import NeedsAnalysis
from samordna.reports import render
from tests.needs.conftest import plain
from tests.needs.test_report import docx_text, pdf_text
from tests.needs.test_statements import ANALYST_2019

CHAPTERS = [
    "Sammanfattning",
    "Bakgrund",
    "Metod",
    "Syn på förbundet",
    "Behovsgrupper",
    "Samverkansytor",
    "Observationer",
    "Inriktningsförslag",
    "Avslutning",
    "Bilaga: tabeller",
]


def _in_order(text: str, titles: list[str]) -> list[int]:
    return [text.find(title) for title in titles]


def test_the_chapters_come_in_the_order_of_the_2019_report(
    demo_analysis: NeedsAnalysis, tmp_path: object
) -> None:
    from samordna.needs import services
    from samordna.needs.models import Section

    for section in (Section.VIEW, Section.OBSERVATIONS, Section.PROPOSALS, Section.CLOSING):
        services.save_text(demo_analysis, section, f"Text för {section}.", None)
    document = report.build(demo_analysis)
    top = [s.title for s in document.sections]
    present = [t for t in CHAPTERS if t in top]
    assert present == CHAPTERS
    assert top.index("Noter") < top.index("Bilaga: tabeller")
    groups = next(s for s in document.sections if s.title == "Behovsgrupper").sections
    assert [g.title for g in groups] == [
        "Behov av arbete",
        "Behov av försörjning",
        "Behov av utbildning",
        "Behov av vård/rehabilitering",
    ]
    html = plain(render(document, "html").decode())
    body = html.split('id="toc-title"')[1].split("</nav>")[1]  # after the contents
    positions = _in_order(body, [f">{t}<" for t in CHAPTERS])
    assert positions == sorted(positions)
    assert -1 not in positions
    for text in (pdf_text(render(document, "pdf"), tmp_path), docx_text(render(document, "docx"))):
        after_contents = text[text.find("Sammanfattning Det viktigaste") :]  # past contents
        found = [after_contents.find(t) for t in CHAPTERS]
        assert -1 not in found
        assert found == sorted(found)


def test_the_summary_states_the_key_figures_and_the_analysts_flags_with_numbers(
    demo_analysis: NeedsAnalysis,
) -> None:
    document = report.build(demo_analysis)
    summary = next(s for s in document.sections if s.title == "Sammanfattning")
    text = plain(" ".join(b.text for b in summary.blocks))
    assert "1 247" in text
    assert "långtids" in text or "mer än 12 månader" in text
    assert re.search(r"ohälsotal 45–54 år[^.]*för män 40 % högre", text)
    flags = {f.key: f for f in report.services.result(demo_analysis).flags}
    stated = [
        note
        for note, keys in ANALYST_2019.items()
        if any(plain(flags[k].sentence) in text for k in keys if k in flags)
    ]
    assert len(stated) >= 3, stated
    for paragraph in summary.blocks[1:]:
        if paragraph.style == "bullet":
            assert re.search(r"\d", paragraph.text)  # every finding with its number
    tables = {t.caption for t in document.tables()}
    for caption in re.findall(r"tabell ”([^”]*)”", text):
        assert caption in {plain(c) for c in tables}

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
    assert "ohälsotalet bland män 45–54 år 31,4 dagar (2018), 40 % högre än i Region Skåne" in text
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


def _copy_a_year_on(association: object, changed: dict[tuple[str, str, str], str]) -> None:
    """Every figure of the demo loaded again one year later, with ``changed`` values."""
    from decimal import Decimal

    from samordna.statistics import warehouse
    from samordna.statistics.fileformat import Row
    from samordna.statistics.models import Observation

    rows = []
    for n, o in enumerate(Observation.objects.select_related("indicator", "area"), start=1):
        period = str(int(o.period[:4]) + 1) + o.period[4:]
        value = o.value
        if (o.indicator.code, o.area.code, o.gender) in changed:
            value = Decimal(changed[(o.indicator.code, o.area.code, o.gender)])
        rows.append(
            Row(n, o.indicator.code, o.area.code, period, o.gender, value, o.status, o.source)
        )
    warehouse.load_rows(rows, warehouse.Origin("file", "a year on", association=association))


def test_the_change_since_the_last_analysis_names_exactly_the_changed_figures(
    demo_analysis: NeedsAnalysis,
) -> None:
    from samordna.needs import services

    done = services.finalise(demo_analysis, None)
    _copy_a_year_on(
        done.association,
        {
            ("FHM_OHALSOTAL_4554", "1282", "M"): "35.0",  # was 31,4
            ("SKV_KAA_AKTIVITET", "1214", "T"): "5.0",  # was 2,0 %
        },
    )
    following = services.create(done.association, 2020)
    services.compute(following)
    document = report.build(following)
    section = next(s for s in document.sections if s.title == "Förändring sedan förra analysen")
    (table,) = [b for b in section.blocks if hasattr(b, "rows")]
    rows = [[plain(c.text) for c in row] for row in table.rows]
    assert sorted(rows) == sorted(
        [
            ["Ohälsotal 45–54 år, dagar per person och år, män", "Landskrona", "31,4 (2018)",
             "35,0 (2019)"],
            ["Kommunala aktivitetsansvaret (första halvåret): andel (%) som deltagit i minst en "
             "aktivitet, totalt", "Svalöv", "2,0 % (2018)", "5,0 % (2019)"],
        ]
    )  # fmt: skip
    text = plain(" ".join(b.text for b in section.blocks if hasattr(b, "text")))
    assert (
        "har 2 av medlemskommunernas senaste siffror ändrats: 2 har ökat och 0 har minskat" in text
    )
    assert "0 siffror är nya och 0 finns inte längre med" in text


def test_the_arbetsformedlingen_part_of_the_bilaga_is_grouped_with_zero_rows_collapsed(
    demo_analysis: NeedsAnalysis,
) -> None:
    document = report.build(demo_analysis)
    appendix = next(s for s in document.sections if s.title == "Bilaga: tabeller")
    af = next(s for s in appendix.sections if s.title == "Arbetsförmedlingen")
    tables = [b for b in af.blocks if hasattr(b, "rows")]
    assert len(tables) <= 12
    programmes = next(t for t in tables if t.caption.startswith("Sökande i program"))
    rows = [row[0].text for row in programmes.rows]
    assert "Validering" not in rows  # zero in both kommuner
    assert "Jobb- och utvecklingsgarantin" in rows
    notes = " ".join(programmes.notes)
    assert "Noll i alla medlemskommuner:" in notes
    assert "Validering" in notes
    assert [g for g, _span in programmes.groups] == ["Landskrona", "Svalöv"]
    landskrona = next(t for t in tables if t.caption.endswith("juni 2019 – Landskrona")
                      and t.caption.startswith("Öppet arbetslösa"))  # fmt: skip
    labels = [row[0].text for row in landskrona.rows]
    assert labels[:4] == [
        "Öppet arbetslösa och sökande i program",
        "– därav utan arbete i mer än 6 månader",
        "– därav utan arbete i mer än 12 månader",
        "– därav utan arbete i mer än 24 månader",
    ]
    twelve = next(row for row in landskrona.rows if "12 månader" in row[0].text)
    assert [c.text for c in twelve[1:]] == ["579", "−1,0", "507", "−12,4", "1\u00a0086"]

"""The report's written sections: narrative, method, samverkansytor, change since last edition."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils import timezone

from samordna.analysis.spec import AnalysisSpec
from samordna.analysis.synthesis import Analysis
from samordna.needs import drafts, services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.needs.report.provenance import Provenance
from samordna.reports.document import (
    Cell,
    Paragraph,
    Table,
)
from samordna.reports.document import Section as DocSection


def narrative(analysis: NeedsAnalysis, section: str, title: str) -> DocSection:
    text = services.current_text(analysis, section)
    blocks: list[Any] = []
    for part in (p.strip() for p in text.split("\n\n")):
        if part:
            plain, sources = drafts.links(part, analysis)
            blocks.append(Paragraph(plain, links=tuple(sources)))
    return DocSection(title, blocks, anchor=section)


def collaboration(analysis: NeedsAnalysis) -> DocSection:
    """The analyst's text and, when the year was mapped, the collaboration areas."""
    from samordna.insights.models import CollaborationArea

    section = narrative(analysis, Section.COLLABORATION, "Samverkansytor")
    areas = CollaborationArea.objects.filter(association=analysis.association, year=analysis.year)
    if areas.exists():
        rows = []
        earlier = CollaborationArea.year_before(analysis.association_id, analysis.year)
        for area in areas:
            before = earlier.get(area.key)
            quality = area.get_quality_display()
            if area.comment:
                quality += f", {area.comment}"
            change = "ny" if before is None else before.get_quality_display()
            rows.append(
                [
                    Cell(str(area.position)),
                    Cell(area.situation),
                    Cell(area.main_actor),
                    Cell(area.partner_actor),
                    Cell(quality),
                    Cell(change),
                ]
            )
        section.blocks.append(
            Table(
                caption=f"Samverkansytor {analysis.year}",
                columns=[
                    "Nr",
                    "Behovssituation",
                    "Huvudpart",
                    "Samverkanspart",
                    "Upplevd kvalitet på samverkan",
                    "Föregående år",
                ],
                rows=rows,
                source="Underlag: förbundets intervjuer och samtal om samverkansytor.",
            )
        )
    return section


# How many indicators without values the method names; the settings page lists them all.
MISSING_LISTED = 6


def method(
    analysis: NeedsAnalysis, spec: AnalysisSpec, result: Analysis, provenance: Provenance
) -> DocSection:
    section = narrative(analysis, Section.METHOD, "Metod")
    for text in method_sentences(spec, result, provenance):
        section.blocks.append(Paragraph(text))
    return section


def method_sentences(spec: AnalysisSpec, result: Analysis, provenance: Provenance) -> list[str]:
    """What was compared with what, where the figures come from, and what is missing."""
    out = []
    chosen = [m for m in spec.members if spec.comparisons.get(m)]
    if chosen:
        out.append(
            "Jämförelsekommuner: "
            + "; ".join(
                f"{spec.name(m)} jämförs med " + listed([spec.name(c) for c in spec.comparisons[m]])
                for m in chosen
            )
            + "."
        )
    unchosen = [spec.name(m) for m in spec.members if not spec.comparisons.get(m)]
    if unchosen:
        out.append(
            f"Inga jämförelsekommuner är valda för {listed(unchosen)}; "
            "de jämförs med region och riket"
            + (" och med liknande kommuner enligt Kolada." if spec.similar else ".")
        )
    if spec.similar:
        out.append(
            "Liknande kommuner enligt Kolada (ovägt medel): "
            + "; ".join(f"{spec.name(m)}: {spec.name(g)}" for m, g in spec.similar.items())
            + "."
        )
    out.append(
        f"Regionen är {spec.name(spec.region)} och riket ingår där källan redovisar det. "
        "Varje indikator visas för den senaste perioden fram till rapportåret, med förändringen "
        "sedan perioden före (i procentenheter för andelar) och en tidsserie"
        + (f" över högst {spec.history} perioder" if spec.history else "")
        + ". Andelar och kvoter summeras aldrig; förbundets summor finns bara för antal."
    )
    span = provenance.span()
    if span:
        first, last = (timezone.localtime(t).strftime("%Y-%m-%d") for t in span)
        out.append(f"Uppgifterna hämtades {first}" + (f"–{last}" if last != first else "") + ".")
    present = set(
        result.prepared.filter(
            pl.col("area").is_in(list(spec.members)) & pl.col("value").is_not_null()
        )["indicator"].to_list()
    )
    missing = [i.title for i in spec.all_indicators() if i.shown and i.code not in present]
    if missing:
        listed_ = "; ".join(missing[:MISSING_LISTED])
        more = len(missing) - MISSING_LISTED
        out.append(
            f"{len(missing)} av indikatorerna i uppsättningen saknar värden för "
            f"medlemskommunerna fram till {spec.year} och visas inte: {listed_}"
            + (f" och {more} till (se Behovsanalys › Inställningar)." if more > 0 else ".")
        )
    return out


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]

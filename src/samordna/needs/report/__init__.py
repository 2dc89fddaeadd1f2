"""The needs analysis report as one document model, built from an edition and its data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samordna.analysis.synthesis import GROUP_ORDER, GROUP_TITLES, Analysis
from samordna.needs import services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.needs.report.charts import bar_chart
from samordna.needs.report.provenance import Provenance
from samordna.needs.report.sections import (
    collaboration,
    method,
    method_sentences,
    narrative,
    since_previous,
)
from samordna.needs.report.tables import change_text, change_unit, group_tables
from samordna.reports.document import Document, Paragraph
from samordna.reports.document import Section as DocSection

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

__all__ = ["build", "change_text", "change_unit", "marker", "method_sentences"]


def marker(n: int) -> str:
    return str(n).translate(SUPERSCRIPT)


def build(analysis: NeedsAnalysis, result: Analysis | None = None) -> Document:
    result = result or services.result(analysis)
    spec = result.spec
    decisions = services.accepted(analysis)
    markers: dict[str, str] = {}
    flags_by_key = {f.key: f for f in result.flags}
    refs = {r for refs_ in result.comparisons["refs"].to_list() for r in refs_}
    refs |= {r for refs_ in result.prepared["refs"].to_list() for r in refs_}
    provenance = Provenance(refs)

    def mark(key: str) -> str:
        if key not in decisions or key not in flags_by_key:
            return ""
        if key not in markers:
            markers[key] = marker(len(markers) + 1)
        return markers[key]

    quantitative = DocSection("Kvantitativ kartläggning", anchor="kvantitativ")
    for group in (*GROUP_ORDER, "population"):
        tables = group_tables(group, result, spec, provenance, mark)
        if tables:
            quantitative.sections.append(
                DocSection(
                    GROUP_TITLES[group].replace("Behov av ", "").capitalize(),
                    list(tables),
                    anchor=f"data-{group}",
                )
            )
    quantitative.blocks.append(
        Paragraph(
            "Tabellerna visar det senaste värdet per område och kön. Siffror markerade med en not "
            "(¹, ² …) är observationer som analytikern har godtagit och som kommenteras under "
            "Noter. Saknade och skyddade uppgifter visas som –, aldrig som 0.",
            style="lead",
        )
    )
    synthesis_section = DocSection("Analys behovsgrupper", anchor="behovsgrupper")
    for group in GROUP_ORDER:
        blocks: list[Any] = [Paragraph(s.text, tuple(s.refs)) for s in result.groups.get(group, [])]
        for flag in result.flags:
            indicator = spec.indicator(flag.indicator)
            if flag.key in markers and indicator and indicator.needs_group == group:
                blocks.append(Paragraph(f"{markers[flag.key]} {flag.sentence}", style="note"))
        chart = bar_chart(group, result, spec, provenance)
        if chart:
            blocks.append(chart)
        if blocks:
            synthesis_section.sections.append(
                DocSection(GROUP_TITLES[group], blocks, anchor=f"behov-{group}")
            )
    notes = DocSection("Noter", anchor="noter")
    for key, sign in sorted(markers.items(), key=lambda item: marker_order(item[1])):
        flag = flags_by_key[key]
        note = decisions[key].note
        text = f"{sign} {flag.sentence}" + (f" Analytikerns kommentar: {note}" if note else "")
        notes.blocks.append(Paragraph(text, style="note"))
    sections = [
        narrative(analysis, Section.BACKGROUND, "Bakgrund"),
        method(analysis, spec, result, provenance),
        narrative(analysis, Section.VIEW, "Syn på förbundet"),
        quantitative,
        synthesis_section,
        collaboration(analysis),
        narrative(analysis, Section.OBSERVATIONS, "Observationer för framtiden"),
        narrative(analysis, Section.PROPOSALS, "Inriktningsförslag"),
        narrative(analysis, Section.CLOSING, "Avslutning"),
    ]
    if analysis.previous_id:
        sections.insert(5, since_previous(analysis, result))
    sections.append(notes)
    status = (
        f"Fastställd {timezone.localtime(analysis.finalised_at):%Y-%m-%d}, "
        f"{analysis.registry_number}"
        if analysis.is_final and analysis.finalised_at
        else "Utkast"
    )
    return Document(
        title=f"Behovsanalys {analysis.year}",
        subtitle=analysis.association.name,
        meta=[
            ("Status", status),
            ("Medlemskommuner", ", ".join(spec.name(m) for m in spec.members)),
            (
                "Beräknad",
                f"{timezone.localtime(analysis.computed_at):%Y-%m-%d %H:%M}"
                if analysis.computed_at
                else "–",
            ),
        ],
        sections=[s for s in sections if s.blocks or s.sections],
    )


def marker_order(sign: str) -> int:
    return int(sign.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))

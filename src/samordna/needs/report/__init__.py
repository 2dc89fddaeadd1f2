"""The needs analysis report as one document model, built from an edition and its data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from samordna.analysis.spec import AnalysisSpec, IndicatorSpec
from samordna.analysis.synthesis import GROUP_ORDER, GROUP_TITLES, Analysis
from samordna.needs import services
from samordna.needs.models import NeedsAnalysis, Section
from samordna.needs.report.changes import since_previous
from samordna.needs.report.charts import bar_chart, dot_range, line_chart
from samordna.needs.report.grouped import grouped_tables, groups_of, key_table
from samordna.needs.report.provenance import Provenance
from samordna.needs.report.sections import (
    collaboration,
    method,
    method_sentences,
    narrative,
)
from samordna.needs.report.summary import summary
from samordna.needs.report.tables import area_order, change_text, change_unit, indicator_blocks
from samordna.reports.document import Document, Paragraph
from samordna.reports.document import Section as DocSection

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

__all__ = ["build", "change_text", "change_unit", "marker", "method_sentences"]


def marker(n: int) -> str:
    return str(n).translate(SUPERSCRIPT)


def build(analysis: NeedsAnalysis, result: Analysis | None = None) -> Document:
    """The report, in the order of the 2019 report and the working method.

    Sammanfattning (and what changed since the previous edition) first; then
    Bakgrund, Metod, Syn på förbundet, one section per needs group with its
    sentences, charts and key tables, Samverkansytor, Observationer,
    Inriktningsförslag and Avslutning; the notes; every table of the
    quantitative survey in the Bilaga, grouped by source.
    """
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

    shown = [i for i in spec.all_indicators() if i.shown]
    needs = DocSection("Behovsgrupper", anchor="behovsgrupper")
    for group in GROUP_ORDER:
        section = needs_group(group, result, shown, provenance, mark, markers)
        if section.blocks:
            needs.sections.append(section)
    appendix = bilaga(result, shown, provenance, mark)
    notes = DocSection("Noter", anchor="noter")
    for key, sign in sorted(markers.items(), key=lambda item: marker_order(item[1])):
        flag = flags_by_key[key]
        note = decisions[key].note
        text = f"{sign} {flag.sentence}" + (f" Analytikerns kommentar: {note}" if note else "")
        notes.blocks.append(Paragraph(text, style="note"))
    sections = [
        summary(result, markers, appendix),
        changes(analysis, result),
        narrative(analysis, Section.BACKGROUND, "Bakgrund"),
        method(analysis, spec, result, provenance),
        narrative(analysis, Section.VIEW, "Syn på förbundet"),
        needs,
        collaboration(analysis),
        narrative(analysis, Section.OBSERVATIONS, "Observationer"),
        narrative(analysis, Section.PROPOSALS, "Inriktningsförslag"),
        narrative(analysis, Section.CLOSING, "Avslutning"),
        notes,
        appendix,
    ]
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


def changes(analysis: NeedsAnalysis, result: Analysis) -> DocSection:
    """What changed since the previous edition (an empty section when there is none)."""
    if analysis.previous is None:
        return DocSection("", [])
    return since_previous(analysis, result, services.result(analysis.previous))


def needs_group(
    group: str,
    result: Analysis,
    shown: list[IndicatorSpec],
    provenance: Provenance,
    mark: Any,
    markers: dict[str, str],
) -> DocSection:
    """One needs group: its sentences, the notes of its flags, its charts and key tables."""
    blocks: list[Any] = [Paragraph(s.text, tuple(s.refs)) for s in result.groups.get(group, [])]
    keys = [i for i in shown if i.needs_group == group and i.key and not i.change_of]
    order = area_order(result.spec)
    for indicator in keys:  # only the chart: the indicator's tables stand in the Bilaga
        history = line_chart(indicator, result, order, result.spec, provenance)
        if history is not None:
            blocks.append(history)
    blocks.extend(key_table(GROUP_TITLES[group], keys, result, provenance, mark))
    for build in (bar_chart, dot_range):
        chart = build(group, result, result.spec, provenance)
        if chart:
            blocks.append(chart)
    return DocSection(GROUP_TITLES[group], blocks, anchor=f"behov-{group}")


def bilaga(
    result: Analysis, shown: list[IndicatorSpec], provenance: Provenance, mark: Any
) -> DocSection:
    """Every table of the quantitative survey, one sub-section per source."""
    by_source: dict[str, list[Any]] = {}
    rank = {group: n for n, group in enumerate((*GROUP_ORDER, "population"))}
    ordered = sorted(shown, key=lambda i: rank.get(i.needs_group, len(rank)))
    tables_of = groups_of(shown)
    placed: set[str] = set()
    for indicator in ordered:
        if indicator.change_of:
            continue  # shown in the change column of its measure's table
        found = indicator_blocks(indicator, result, provenance, mark)
        if found is None:
            continue
        blocks = by_source.setdefault(source_of(indicator, result.spec), [])
        if indicator.table:
            if indicator.table not in placed:
                placed.add(indicator.table)
                blocks.extend(
                    grouped_tables(
                        indicator.table, tables_of[indicator.table], result, provenance, mark
                    )
                )
        else:
            blocks.append(found.latest)
        blocks.extend(found.history)
    appendix = DocSection("Bilaga: tabeller", anchor="bilaga")
    appendix.blocks.append(
        Paragraph(
            "Tabellerna visar det senaste värdet per område och kön, med förändringen sedan "
            "perioden före och tidsserier. Siffror markerade med en not (¹, ² …) är "
            "observationer som analytikern har godtagit och som kommenteras under Noter. "
            "Saknade och skyddade uppgifter visas som –, aldrig som 0.",
            style="lead",
        )
    )
    for source, blocks in by_source.items():
        appendix.sections.append(DocSection(source, blocks, anchor=f"bilaga-{_slug(source)}"))
    return appendix


def source_of(indicator: IndicatorSpec, spec: AnalysisSpec) -> str:
    """The indicator's source; a derived share has the source of its counts."""
    if indicator.source:
        return indicator.source
    for derived in spec.derived:
        if derived.code == indicator.code:
            parts = [spec.indicator(code) for code in derived.numerator]
            sources = {p.source for p in parts if p is not None and p.source}
            if sources:
                return ", ".join(sorted(sources))
    return "Övriga källor"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def marker_order(sign: str) -> int:
    return int(sign.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))

"""Sammanfattning: the most important findings on one page, each with its number and its table."""

from __future__ import annotations

from samordna.analysis.synthesis import GROUP_ORDER, GROUP_TITLES, Analysis, Sentence
from samordna.reports.document import Paragraph, Table
from samordna.reports.document import Section as DocSection

# At most this many of the strongest accepted flags; mirrored pairs count once.
FLAGS_IN_SUMMARY = 8


def key_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """A needs group's most telling sentences: its first förbund total and its two rates
    that stand out most (of different indicators), else its first share or level."""
    picked = [s for s in sentences if s.kind == "total"][:1]
    rates = sorted((s for s in sentences if s.kind == "rate"), key=lambda s: -s.strength)
    seen: set[str] = set()
    for sentence in rates:
        if sentence.indicator not in seen and len(seen) < 2:
            seen.add(sentence.indicator)
            picked.append(sentence)
    if len(picked) < 2:
        picked += [s for s in sentences if s.kind in {"share", "level"}][: 2 - len(picked)]
    return sorted(picked, key=sentences.index)


def where(tables: list[Table]) -> dict[str, str]:
    """Each figure's key → the caption of the first table it stands in."""
    found: dict[str, str] = {}
    for table in tables:
        for row in table.rows:
            for cell in row:
                if cell.key and cell.key not in found:
                    found[cell.key] = table.caption
    return found


def summary(result: Analysis, markers: dict[str, str], appendix: DocSection) -> DocSection:
    tables = [b for s in appendix.sections for b in s.blocks if isinstance(b, Table)]
    located = where(tables)
    section = DocSection("Sammanfattning", anchor="sammanfattning")
    section.blocks.append(
        Paragraph(
            "Det viktigaste i analysen, i korthet. Varje siffra står i den tabell som anges "
            "inom parentes (i bilagan); noterna (¹, ² …) förklaras under Noter.",
            style="lead",
        )
    )
    for group in GROUP_ORDER:
        chosen = key_sentences(result.groups.get(group, []))
        if chosen:
            section.blocks.append(Paragraph(GROUP_TITLES[group], style="subheading"))
        for sentence in chosen:
            section.blocks.append(Paragraph(sentence.text, tuple(sentence.refs), style="bullet"))
    strongest = []
    seen: set[tuple[str, str]] = set()
    for flag in result.flags:
        if flag.key not in markers or (flag.indicator, flag.period) in seen:
            continue
        seen.add((flag.indicator, flag.period))
        table = located.get(flag.key)
        place = f" ({markers[flag.key]} tabell ”{table}”)" if table else f" ({markers[flag.key]})"
        strongest.append(Paragraph(flag.sentence + place, style="bullet"))
        if len(strongest) == FLAGS_IN_SUMMARY:
            break
    if strongest:
        section.blocks.append(Paragraph("Det som sticker ut mest", style="subheading"))
        section.blocks.extend(strongest)
    return section

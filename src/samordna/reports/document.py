"""One document model for every output (web, PDF, Word).

A report is a :class:`Document` of nested :class:`Section`s holding blocks:
paragraphs, tables and charts. Renderers in :mod:`samordna.reports` turn the
same document into HTML (and PDF from it) and DOCX; none of them computes or
formats a number — every cell arrives as text with the observations it came
from, so every figure can be traced to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samordna.charts.data import (  # noqa: F401 - the charts are blocks of the document
    Bar,
    Chart,
    DotRange,
    DotRow,
    LineChart,
    Ranked,
    RankedItem,
    Series,
)


@dataclass
class Cell:
    text: str
    numeric: bool = False
    refs: tuple[str, ...] = ()  # observation ids behind the figure
    marker: str = ""  # footnote marker of an accepted flag (¹, ², …)
    key: str = ""  # "indicator|area|period|gender" of the figure, for tracing it


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[Cell]]  # the first cell of each row is its header
    source: str = ""  # "Källa: …, hämtad …"
    notes: list[str] = field(default_factory=list)
    # Headings over groups of columns, after the first: (label, how many columns).
    groups: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Paragraph:
    text: str
    refs: tuple[str, ...] = ()
    style: str = ""  # "", "lead", "note", "bullet", "subheading"
    # The records a drafted sentence comes from: (label, address) each.
    links: tuple[tuple[str, str], ...] = ()


Block = Paragraph | Table | Chart | LineChart | DotRange | Ranked
CHARTS = (Chart, LineChart, DotRange, Ranked)


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Document:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    language: str = "sv"

    def walk(self) -> list[tuple[int, Section]]:
        """Every section with its level (1 = top), in reading order."""
        found: list[tuple[int, Section]] = []

        def visit(sections: list[Section], level: int) -> None:
            for section in sections:
                found.append((level, section))
                visit(section.sections, level + 1)

        visit(self.sections, 1)
        return found

    def tables(self) -> list[Table]:
        return [b for _level, s in self.walk() for b in s.blocks if isinstance(b, Table)]

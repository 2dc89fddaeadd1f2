"""What a chart shows, as its caller knows it: values with the text they are written as.

No builder formats a number: every value arrives with its text (as the report's
tables write it), and a missing value is ``None`` — drawn as a gap, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Bar:
    label: str
    value: float | None
    text: str
    # member, region or nation; budget, granted or spent: its colour (the label names it too)
    group: str = "member"
    section: str = ""  # a heading above the bars that share it (a year of the money chart)
    refs: tuple[str, ...] = ()  # the observations behind the value


@dataclass
class Chart:
    """Horizontal bars, each labelled and its value written beside it."""

    title: str
    bars: list[Bar]
    unit: str = ""
    source: str = ""


@dataclass
class Series:
    """One line of a line chart: a value (or None, a gap) per period of the chart."""

    label: str
    values: list[float | None]
    # "member", "region", "nation" or "peers": drawn with its own dash and marker,
    # so that no line is told apart by colour alone.
    kind: str = "member"
    refs: list[tuple[str, ...]] = field(default_factory=list)  # per value: its observations


@dataclass
class LineChart:
    title: str
    periods: list[str]
    series: list[Series]
    unit: str = ""
    source: str = ""
    # Each value as the report writes it, for the description: (series, period) → text.
    texts: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class DotRow:
    """A kommun within its comparison group: its value, the group's range and mean,
    its region's and riket's value; ``texts`` holds each as written (same keys)."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    region: float | None = None
    nation: float | None = None
    texts: dict[str, str] = field(default_factory=dict)
    refs: tuple[str, ...] = ()  # the observations behind the row


@dataclass
class DotRange:
    title: str
    rows: list[DotRow]
    region_label: str = "Regionen"
    unit: str = ""
    source: str = ""


@dataclass
class RankedItem:
    label: str
    value: float
    text: str


@dataclass
class Ranked:
    """Ranked dots: the strongest first (the flags of a needs analysis)."""

    title: str
    items: list[RankedItem]
    unit: str = ""
    source: str = ""

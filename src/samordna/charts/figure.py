"""A chart computed once: shapes in the chart's own coordinates, its words and its values.

Every chart of Samordna is a :class:`Figure`. The builders in
:mod:`samordna.charts.kinds` compute one from the data; :mod:`samordna.charts.draw`
only draws what it holds — as SVG for the web and the PDF, as PNG for Word — so
the three show the same picture. A figure also carries its title, a description
in words and its values as a table (columns and rows of text), so no one needs
to see the picture to read it, and no series is told apart by colour alone
(each has its own marker, dash or written label).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format

INK = "#1a1a1a"
GRID = "#d0d0d0"
MUTED = "#595959"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str = ""


@dataclass(frozen=True)
class Path:
    """A line through its points; a dash pattern of (on, off, …) lengths, or solid."""

    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 2.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Marker:
    """A point's symbol: circle, square, triangle, diamond, cross or plus; "-open" hollow."""

    x: float
    y: float
    shape: str
    colour: str
    size: float = 3.5


@dataclass(frozen=True)
class Label:
    """Text whose baseline is at ``y``; anchored at its start, middle or end."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    size: float = 11
    bold: bool = False
    colour: str = INK


Shape = Rect | Path | Marker | Label


@dataclass(frozen=True)
class Figure:
    width: int
    height: int
    title: str
    description: str
    shapes: tuple[Shape, ...]
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    source: str = ""
    kind: str = ""  # which builder drew it, for the page's styles and the tests
    # Per row, per value: the observation ids behind it ("" where none), space-joined.
    refs: tuple[tuple[str, ...], ...] = ()

    def of(self, kind: type) -> list[Any]:
        return [s for s in self.shapes if isinstance(s, kind)]


@dataclass(frozen=True)
class Style:
    colour: str
    dash: tuple[float, ...] = ()
    marker: str = "circle"


# Region, riket and the peers' mean: each its own dash and marker besides its colour.
REFERENCE_STYLES = {
    "region": Style("#6a3d9a", (8, 4), "square"),
    "nation": Style("#1a1a1a", (2, 3), "triangle"),
    "peers": Style("#8a4b08", (10, 3, 2, 3), "diamond"),
}
MEMBER_STYLES = (
    Style("#1d4f91", (), "circle"),
    Style("#2f6f4f", (), "cross"),
    Style("#b03a2e", (), "circle-open"),
    Style("#005f73", (), "square-open"),
    Style("#7a5c00", (), "plus"),
    Style("#5b2a86", (), "triangle-open"),
)
# Bars: members, region, riket; a year's budget, granted and spent.
BAR_COLOURS = {
    "member": "#1d4f91",
    "region": "#2f6f4f",
    "nation": "#8a4b08",
    "budget": "#5b6770",
    "granted": "#1d4f91",
    "spent": "#2f6f4f",
}


@dataclass
class Axis:
    """A linear scale from ``low`` to ``high`` onto pixels ``start`` → ``end``, with ticks."""

    low: float
    high: float
    start: float
    end: float
    ticks: list[float] = field(default_factory=list)
    step: float = 1.0

    def at(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return round(self.start + (self.end - self.start) * (value - self.low) / span, 1)


def nice_axis(values: list[float], start: float, end: float, *, zero: bool = True) -> Axis:
    """Round ticks about four steps apart that hold every value (and 0 when ``zero``)."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    step = nice_step(high - low)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    if top == bottom:
        top = bottom + step
    ticks, value = [], bottom
    while value <= top + step / 2:
        ticks.append(round(value, 10))
        value += step
    return Axis(bottom, top, start, end, ticks, step)


def nice_step(span: float) -> float:
    raw = span / 4 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def tick_text(value: float, step: float) -> str:
    """A tick: as many decimals as its step needs."""
    decimals = next((d for d in range(4) if abs(step * 10**d - round(step * 10**d)) < 1e-9), 4)
    return number_text(value, decimals)


def number_text(value: float, decimals: int) -> str:
    """A number in the language in force (Swedish: decimal comma, no-break space between
    thousands), with a true minus sign."""
    text = number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)
    return str(text).replace("-", "\u2212")


def short(label: str, most: int = 22) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"

"""Line charts over periods: one geometry, drawn as SVG (web, PDF) and PNG (Word).

The geometry is computed once (:func:`geometry`); :func:`svg` and :func:`png`
only draw what it holds, so the picture in Word is the picture on the web.
Each series has its own dash pattern and marker besides its colour, and the
values are in the SVG's description (the report's tables hold them too).
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from samordna.reports.charts import png_font
from samordna.reports.document import LineChart

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 16, 40
FONT = "DejaVu Sans, sans-serif"
# kind → (colour, dash pattern, marker); members cycle through the member styles.
STYLES = {
    "region": ("#6a3d9a", (8, 4), "square"),
    "nation": ("#1a1a1a", (2, 3), "triangle"),
    "peers": ("#8a4b08", (10, 3, 2, 3), "diamond"),
}
MEMBER_STYLES = (
    ("#1d4f91", (), "circle"),
    ("#2f6f4f", (), "cross"),
    ("#b03a2e", (), "circle-open"),
    ("#005f73", (), "square-open"),
    ("#7a5c00", (), "plus"),
    ("#5b2a86", (), "triangle-open"),
)


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    dash: tuple[int, ...]
    marker: str
    points: tuple[tuple[float, float] | None, ...]


@dataclass(frozen=True)
class Geometry:
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    legend: tuple[tuple[float, Line], ...]


def _nice_step(span: float) -> float:
    raw = span / 4 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _label(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else 1 if step >= 0.1 else 2
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "\u2212")


def geometry(chart: LineChart) -> Geometry:
    """Where every point, tick and legend entry goes, in the chart's own coordinates."""
    values = [v for s in chart.series for v in s.values if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    low = min(low, 0.0) if low >= 0 and low < (high - low) else low
    step = _nice_step(high - low)
    bottom, top = math.floor(low / step) * step, math.ceil(high / step) * step
    if top == bottom:
        top = bottom + step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(chart.periods)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (n - 1) if n > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - bottom) / (top - bottom))

    members = iter(MEMBER_STYLES * 4)
    lines = []
    for series in chart.series:
        colour, dash, marker = STYLES.get(series.kind) or next(members)
        points = tuple(
            None if v is None else (round(x(i), 1), round(y(v), 1))
            for i, v in enumerate(series.values)
        )
        lines.append(Line(series.label, colour, dash, marker, points))
    ticks = []
    value = bottom
    while value <= top + step / 2:
        ticks.append((round(y(value), 1), _label(value, step)))
        value += step
    legend = tuple((TOP + 8 + 20 * i, line) for i, line in enumerate(lines))
    x_ticks = tuple((round(x(i), 1), p) for i, p in enumerate(chart.periods))
    return Geometry(tuple(lines), x_ticks, tuple(ticks), legend)


def _segments(points: tuple[tuple[float, float] | None, ...]) -> list[list[tuple[float, float]]]:
    """Runs of known points; a missing value breaks the line (it is never drawn as 0)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _marker_svg(marker: str, x: float, y: float, colour: str) -> str:
    fill = "white" if marker.endswith("-open") else colour
    shape = marker.removesuffix("-open")
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="3.5" {style}/>'
    if shape == "square":
        return f'<rect x="{x - 3.5}" y="{y - 3.5}" width="7" height="7" {style}/>'
    if shape == "triangle":
        return f'<polygon points="{x},{y - 4.5} {x + 4},{y + 3} {x - 4},{y + 3}" {style}/>'
    if shape == "diamond":
        return (
            f'<polygon points="{x},{y - 4.5} {x + 4.5},{y} {x},{y + 4.5} {x - 4.5},{y}" {style}/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{x - 3.5},{y - 3.5} L{x + 3.5},{y + 3.5} M{x - 3.5},{y + 3.5} '
            f'L{x + 3.5},{y - 3.5}" stroke="{colour}" stroke-width="2"/>'
        )
    plus = f"M{x - 4},{y} L{x + 4},{y} M{x},{y - 4} L{x},{y + 4}"
    return f'<path d="{plus}" stroke="{colour}" stroke-width="2"/>'


def describe(chart: LineChart) -> str:
    """Every value of the chart in words, for the SVG's description."""
    parts = []
    for s_index, series in enumerate(chart.series):
        values = ", ".join(
            f"{period}: {chart.texts.get((s_index, p_index), '–')}"
            for p_index, period in enumerate(chart.periods)
        )
        parts.append(f"{series.label}: {values}")
    return "; ".join(parts)


def svg(chart: LineChart) -> str:
    shape = geometry(chart)
    uid = "line-" + hashlib.sha1(chart.title.encode(), usedforsecurity=False).hexdigest()[:10]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(chart.title)}</title>',
        f'<desc id="{uid}-d">{escape(describe(chart))}</desc>',
    ]
    text = f'font-size="11" font-family="{FONT}" fill="#1a1a1a"'
    for y, label in shape.y_ticks:
        out.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#d0d0d0"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" {text}>{escape(label)}</text>'
        )
    for x, label in shape.x_ticks:
        out.append(
            f'<text x="{x}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" {text}>'
            f"{escape(label)}</text>"
        )
    for line in shape.lines:
        dash = f' stroke-dasharray="{",".join(map(str, line.dash))}"' if line.dash else ""
        for run in _segments(line.points):
            coords = " ".join(f"{x},{y}" for x, y in run)
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="{line.colour}" '
                f'stroke-width="2"{dash}/>'
            )
        out.extend(
            _marker_svg(line.marker, x, y, line.colour) for x, y in filter(None, line.points)
        )
    for y, line in shape.legend:
        x0 = WIDTH - RIGHT + 12
        dash = f' stroke-dasharray="{",".join(map(str, line.dash))}"' if line.dash else ""
        out.append(
            f'<line x1="{x0}" y1="{y}" x2="{x0 + 26}" y2="{y}" stroke="{line.colour}" '
            f'stroke-width="2"{dash}/>{_marker_svg(line.marker, x0 + 13, y, line.colour)}'
            f'<text x="{x0 + 32}" y="{y + 4}" {text}>{escape(_short(line.label))}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _short(label: str) -> str:
    return label if len(label) <= 22 else label[:21] + "…"


def png(chart: LineChart) -> bytes:
    """The same geometry drawn with Pillow, at twice the size for a sharp print."""
    from PIL import Image, ImageDraw

    shape = geometry(chart)
    k = 2
    image = Image.new("RGB", (WIDTH * k, HEIGHT * k), "white")
    draw = ImageDraw.Draw(image)
    font = png_font(11 * k)
    for y, label in shape.y_ticks:
        draw.line([(LEFT * k, y * k), ((WIDTH - RIGHT) * k, y * k)], fill="#d0d0d0", width=1)
        draw.text(((LEFT - 6) * k, y * k), label, fill="#1a1a1a", font=font, anchor="rm")
    for x, label in shape.x_ticks:
        draw.text(
            (x * k, (HEIGHT - BOTTOM + 14) * k), label, fill="#1a1a1a", font=font, anchor="mm"
        )
    for line in shape.lines:
        for run in _segments(line.points):
            for (x1, y1), (x2, y2) in zip(run, run[1:], strict=False):
                _dashed(draw, (x1 * k, y1 * k), (x2 * k, y2 * k), line, k)
        for point in filter(None, line.points):
            _marker_png(draw, line, point[0] * k, point[1] * k, k)
    for y, line in shape.legend:
        x0 = WIDTH - RIGHT + 12
        _dashed(draw, (x0 * k, y * k), ((x0 + 26) * k, y * k), line, k)
        _marker_png(draw, line, (x0 + 13) * k, y * k, k)
        draw.text(
            ((x0 + 32) * k, y * k), _short(line.label), fill="#1a1a1a", font=font, anchor="lm"
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _dashed(
    draw: object, start: tuple[float, float], end: tuple[float, float], line: Line, k: int
) -> None:
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if not line.dash or length == 0:
        draw.line([start, end], fill=line.colour, width=2 * k)  # type: ignore[attr-defined]
        return
    pattern = [d * k for d in line.dash]
    position, index = 0.0, 0
    while position < length:
        step = min(pattern[index % len(pattern)], length - position)
        if index % 2 == 0:
            a, b = position / length, (position + step) / length
            draw.line(  # type: ignore[attr-defined]
                [
                    (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                    (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                ],
                fill=line.colour,
                width=2 * k,
            )
        position += step
        index += 1


def _marker_png(draw: object, line: Line, x: float, y: float, k: int) -> None:
    r = 3.5 * k
    fill = "white" if line.marker.endswith("-open") else line.colour
    shape = line.marker.removesuffix("-open")
    d = draw
    if shape == "circle":
        d.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=line.colour, width=k)  # type: ignore[attr-defined]
    elif shape == "square":
        d.rectangle([x - r, y - r, x + r, y + r], fill=fill, outline=line.colour, width=k)  # type: ignore[attr-defined]
    elif shape in {"triangle", "diamond"}:
        points = (
            [(x, y - 1.3 * r), (x + 1.15 * r, y + 0.85 * r), (x - 1.15 * r, y + 0.85 * r)]
            if shape == "triangle"
            else [(x, y - 1.3 * r), (x + 1.3 * r, y), (x, y + 1.3 * r), (x - 1.3 * r, y)]
        )
        d.polygon(points, fill=fill, outline=line.colour)  # type: ignore[attr-defined]
    elif shape == "cross":
        d.line([(x - r, y - r), (x + r, y + r)], fill=line.colour, width=2 * k)  # type: ignore[attr-defined]
        d.line([(x - r, y + r), (x + r, y - r)], fill=line.colour, width=2 * k)  # type: ignore[attr-defined]
    else:
        d.line([(x - r, y), (x + r, y)], fill=line.colour, width=2 * k)  # type: ignore[attr-defined]
        d.line([(x, y - r), (x, y + r)], fill=line.colour, width=2 * k)  # type: ignore[attr-defined]

"""The chart builders: data in, a :class:`Figure` out (where everything goes, once).

- :func:`line` — values over periods: member kommuner, the peers' mean, region, riket;
- :func:`bars` — labelled bars (key rates by gender; money per year), with an axis;
- :func:`dot_range` — each kommun within its comparison group's range and mean;
- :func:`ranked` — ranked dots (the flags' strength).
"""

from __future__ import annotations

from itertools import cycle

from django.utils.translation import gettext as _

from samordna.charts.data import Chart, DotRange, LineChart, Ranked
from samordna.charts.figure import (
    BAR_COLOURS,
    GRID,
    INK,
    MEMBER_STYLES,
    MUTED,
    REFERENCE_STYLES,
    Axis,
    Figure,
    Label,
    Marker,
    Path,
    Rect,
    Shape,
    nice_axis,
    short,
    tick_text,
)

WIDTH = 640
MISSING = "–"


def figure_of(block: object) -> Figure:
    """The figure of any chart block of the document model."""
    if isinstance(block, LineChart):
        return line(block)
    if isinstance(block, Chart):
        return bars(block)
    if isinstance(block, DotRange):
        return dot_range(block)
    if isinstance(block, Ranked):
        return ranked(block)
    raise TypeError(f"no chart for {type(block).__name__}")


def _x_axis(axis: Axis, top: float, bottom: float) -> list[Shape]:
    """Vertical grid lines with their values under the plot."""
    shapes: list[Shape] = []
    for tick in axis.ticks:
        x = axis.at(tick)
        shapes.append(Path(((x, top), (x, bottom)), GRID, 1))
        shapes.append(Label(x, bottom + 14, tick_text(tick, axis.step), "middle", 10))
    return shapes


def line(chart: LineChart) -> Figure:
    """Lines over the periods; a missing value breaks its line."""
    height, left, right, top, bottom = 300, 64, 170, 22, 40
    values = [v for s in chart.series for v in s.values if v is not None]
    lowest = min(values, default=0.0)
    span = max(values, default=1.0) - lowest
    y_axis = nice_axis(values, height - bottom, top, zero=lowest >= 0 and lowest < span)
    n = len(chart.periods)
    plot_w = WIDTH - left - right

    def x(index: int) -> float:
        return round(left + (plot_w * index / (n - 1) if n > 1 else plot_w / 2), 1)

    shapes: list[Shape] = []
    if chart.unit:
        shapes.append(Label(left, 12, chart.unit, "start", 10, colour=MUTED))
    for tick in y_axis.ticks:
        y = y_axis.at(tick)
        shapes.append(Path(((left, y), (WIDTH - right, y)), GRID, 1))
        shapes.append(Label(left - 6, y + 4, tick_text(tick, y_axis.step), "end"))
    shapes.extend(
        Label(x(i), height - bottom + 18, p, "middle") for i, p in enumerate(chart.periods)
    )
    members = cycle(MEMBER_STYLES)
    legend: list[Shape] = []
    for index, series in enumerate(chart.series):
        style = REFERENCE_STYLES.get(series.kind) or next(members)
        points = [None if v is None else (x(i), y_axis.at(v)) for i, v in enumerate(series.values)]
        for run in _runs(points):
            if len(run) > 1:
                shapes.append(Path(tuple(run), style.colour, 2, style.dash))
        shapes.extend(Marker(px, py, style.marker, style.colour) for px, py in filter(None, points))
        ly, lx = top + 8 + 20 * index, WIDTH - right + 12
        legend.append(Path(((lx, ly), (lx + 26, ly)), style.colour, 2, style.dash))
        legend.append(Marker(lx + 13, ly, style.marker, style.colour))
        legend.append(Label(lx + 32, ly + 4, short(series.label)))
    rows = tuple(
        (s.label, *(chart.texts.get((si, pi), MISSING) for pi in range(n)))
        for si, s in enumerate(chart.series)
    )
    description = "; ".join(
        f"{row[0]}: " + ", ".join(f"{p}: {t}" for p, t in zip(chart.periods, row[1:], strict=True))
        for row in rows
    )
    return Figure(
        WIDTH,
        height,
        chart.title,
        description,
        tuple(shapes + legend),
        ("", *chart.periods),
        rows,
        chart.source,
        "line",
        tuple(
            tuple(" ".join(s.refs[p]) if p < len(s.refs) else "" for p in range(n))
            for s in chart.series
        ),
    )


def _runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of known points; a missing value breaks the line (it is never drawn as 0)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def bars(chart: Chart) -> Figure:
    """Horizontal bars from a zero line, an axis below; missing values say so, with no bar."""
    row, label_w, value_w, top = 24, 230, 90, 8
    sections = len({b.section for b in chart.bars if b.section})
    height = top + row * (len(chart.bars) + sections) + 30
    values = [b.value for b in chart.bars if b.value is not None]
    axis = nice_axis(values, label_w, WIDTH - value_w)
    plot_bottom = height - 26
    shapes: list[Shape] = _x_axis(axis, top, plot_bottom)
    zero = axis.at(0)
    y, section = top, ""
    for bar in chart.bars:
        if bar.section and bar.section != section:
            section = bar.section
            shapes.append(Label(8, y + 16, section, "start", 12, bold=True))
            y += row
        shapes.append(Label(label_w - 8, y + 16, short(bar.label, 34), "end"))
        if bar.value is None:
            shapes.append(Label(zero + 6, y + 16, _("no figure"), colour=MUTED))
        else:
            end = axis.at(bar.value)
            x0, width = min(zero, end), max(abs(end - zero), 1.0)
            colour = BAR_COLOURS.get(bar.group, BAR_COLOURS["member"])
            shapes.append(Rect(x0, y + 4, round(width, 1), row - 8, colour))
            shapes.append(Label(max(zero, end) + 6, y + 16, bar.text))
        y += row
    shapes.append(Path(((zero, top), (zero, plot_bottom)), INK, 1))
    rows = tuple(
        (
            (f"{b.section}: " if b.section else "") + b.label,
            b.text if b.value is not None else MISSING,
        )
        for b in chart.bars
    )
    refs = tuple((" ".join(b.refs),) for b in chart.bars)
    return _labelled(chart, height, shapes, rows, "bars", refs)


def dot_range(chart: DotRange) -> Figure:
    """Per kommun: its comparison group's range (a bar), the group's mean (a diamond),
    the kommun (a filled circle), its region (a square) and riket (a triangle)."""
    row, label_w, value_w, top = 30, 170, 70, 34
    height = top + row * len(chart.rows) + 30
    fields = ("value", "low", "high", "mean", "region", "nation")
    values = [v for r in chart.rows for f in fields if (v := getattr(r, f)) is not None]
    lowest = min(values, default=0.0)
    span = max(values, default=1.0) - lowest
    axis = nice_axis(values, label_w, WIDTH - value_w, zero=lowest >= 0 and lowest < span)
    plot_bottom = height - 26
    shapes: list[Shape] = _x_axis(axis, top - 6, plot_bottom)
    symbols = (
        ("circle", REFERENCE_STYLES["region"].colour, _("the kommun")),
        ("diamond-open", REFERENCE_STYLES["peers"].colour, _("comparison kommuner: mean")),
        ("square", REFERENCE_STYLES["region"].colour, chart.region_label),
        ("triangle", REFERENCE_STYLES["nation"].colour, _("Sweden")),
    )
    member_colour = MEMBER_STYLES[0].colour
    x = 8.0
    for shape, colour, text in symbols:
        colour = member_colour if shape == "circle" else colour
        shapes.append(Marker(x + 4, 12, shape, colour, 4))
        shapes.append(Label(x + 12, 16, short(text, 30), size=10))
        x += 24 + 6.2 * len(short(text, 30))
    shapes.append(Rect(x, 8, 22, 8, "#c9cfd8"))
    shapes.append(Label(x + 28, 16, _("range of the comparison kommuner"), size=10))
    y = top
    for r in chart.rows:
        middle = y + row / 2
        shapes.append(Label(label_w - 8, middle + 4, short(r.label, 24), "end"))
        if r.low is not None and r.high is not None:
            x0, x1 = axis.at(r.low), axis.at(r.high)
            shapes.append(Rect(x0, middle - 4, max(round(x1 - x0, 1), 1.0), 8, "#c9cfd8"))
        placed = (
            ("mean", "diamond-open", REFERENCE_STYLES["peers"].colour),
            ("region", "square", REFERENCE_STYLES["region"].colour),
            ("nation", "triangle", REFERENCE_STYLES["nation"].colour),
            ("value", "circle", member_colour),
        )
        for field, shape, colour in placed:
            value = getattr(r, field)
            if value is not None:
                shapes.append(
                    Marker(axis.at(value), middle, shape, colour, 5 if field == "value" else 4)
                )
        shapes.append(
            Label(WIDTH - value_w + 8, middle + 4, r.texts.get("value", MISSING), bold=True)
        )
        y += row
    columns = (
        "",
        _("The kommun"),
        _("Lowest of the group"),
        _("Mean of the group"),
        _("Highest of the group"),
        chart.region_label,
        _("Sweden"),
    )
    keys = ("value", "low", "mean", "high", "region", "nation")
    rows = tuple((r.label, *(r.texts.get(k, MISSING) for k in keys)) for r in chart.rows)
    description = "; ".join(
        f"{row[0]}: "
        + ", ".join(f"{c.lower()} {t}" for c, t in zip(columns[1:], row[1:], strict=True))
        for row in rows
    )
    refs = tuple((" ".join(r.refs),) * len(keys) for r in chart.rows)
    return Figure(
        WIDTH,
        height,
        chart.title,
        description,
        tuple(shapes),
        columns,
        rows,
        chart.source,
        "dots",
        refs,
    )


def ranked(chart: Ranked) -> Figure:
    """The strongest first: a dot on a line from zero, its value beside it."""
    row, label_w, value_w, top = 24, 300, 60, 8
    height = top + row * len(chart.items) + 30
    axis = nice_axis([i.value for i in chart.items], label_w, WIDTH - value_w)
    plot_bottom = height - 26
    shapes: list[Shape] = _x_axis(axis, top, plot_bottom)
    items = sorted(chart.items, key=lambda i: -i.value)
    colour = MEMBER_STYLES[0].colour
    for index, item in enumerate(items):
        middle = top + row * index + row / 2
        x = axis.at(item.value)
        shapes.append(
            Label(label_w - 8, middle + 4, f"{index + 1}. {short(item.label, 44)}", "end")
        )
        shapes.append(Path(((axis.at(0), middle), (x, middle)), "#8c96a3", 1.5))
        shapes.append(Marker(x, middle, "circle", colour, 5))
        shapes.append(Label(WIDTH - value_w + 8, middle + 4, item.text))
    rows = tuple((f"{n}. {i.label}", i.text) for n, i in enumerate(items, 1))
    return _labelled(chart, height, shapes, rows, "ranked")


def _labelled(
    chart: Chart | Ranked,
    height: int,
    shapes: list[Shape],
    rows: tuple[tuple[str, str], ...],
    kind: str,
    refs: tuple[tuple[str, ...], ...] = (),
) -> Figure:
    """A figure of one value per label: its description and table are the label–value pairs."""
    return Figure(
        WIDTH,
        height,
        chart.title,
        "; ".join(f"{label}: {text}" for label, text in rows),
        tuple(shapes),
        ("", chart.unit or _("Value")),
        rows,
        chart.source,
        kind,
        refs,
    )

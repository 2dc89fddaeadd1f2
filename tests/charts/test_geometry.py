"""One geometry for every chart: the SVG and the PNG draw the same computed shapes."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from samordna import charts
from samordna.charts import draw
from samordna.charts.data import (
    Bar,
    Chart,
    DotRange,
    DotRow,
    LineChart,
    Ranked,
    RankedItem,
    Series,
)
from samordna.charts.figure import Figure, Label, Marker, Path, Rect

SVG = "{http://www.w3.org/2000/svg}"


def line_chart() -> LineChart:
    return LineChart(
        title="Ohälsotal, 2020–2024",
        periods=["2020", "2021", "2022", "2023", "2024"],
        series=[
            Series("Täby", [10.0, 11.0, None, 13.0, 14.0], "member"),
            Series("Vaxholm", [20.0, 21.5, 22.0, 23.0, 24.0], "member"),
            Series("Region Stockholm", [15.0, 15.0, 15.5, 16.0, 16.2], "region"),
            Series("Riket", [12.0, 12.5, 13.0, 13.5, 14.0], "nation"),
        ],
        unit="dagar",
        texts={(0, 0): "10,0", (1, 4): "24,0"},
    )


def bar_chart() -> Chart:
    return Chart(
        "Andel unga som varken arbetar eller studerar",
        [
            Bar("Landskrona, kvinnor", 9.5, "9,5"),
            Bar("Svalöv, kvinnor", None, "–"),
            Bar("Region Skåne, kvinnor", 7.25, "7,3", "region"),
            Bar("Riket, kvinnor", 6.0, "6,0", "nation"),
        ],
        unit="procent",
    )


def money_chart() -> Chart:
    return Chart(
        "Budget, beviljat och utfall per år",
        [
            Bar("Budget", 1_200_000, "1 200 000 kr", "budget", "2025"),
            Bar("Beviljat", 950_000, "950 000 kr", "granted", "2025"),
            Bar("Utfall", 400_000, "400 000 kr", "spent", "2025"),
            Bar("Budget", 1_300_000, "1 300 000 kr", "budget", "2026"),
        ],
    )


def dot_chart() -> DotRange:
    return DotRange(
        "Ohälsotal 2024: kommunerna bland sina jämförelsekommuner",
        [
            DotRow("Landskrona", 30.0, 18.0, 33.0, 24.0, 26.0, 22.0, {"value": "30,0"}),
            DotRow("Svalöv", 21.0, 15.0, 29.0, 20.0, 26.0, 22.0, {"value": "21,0"}),
        ],
        region_label="Region Skåne",
    )


def ranked_chart() -> Ranked:
    return Ranked(
        "De starkaste flaggorna",
        [
            RankedItem("Svalöv: ohälsotal högre än riket", 1.4, "1,40"),
            RankedItem("Landskrona: unga utan arbete", 2.8, "2,80"),
        ],
    )


ALL = [line_chart, bar_chart, money_chart, dot_chart, ranked_chart]


def _number(text: str | None) -> float:
    return float(text or 0)


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_the_svg_draws_exactly_the_computed_shapes(make: object) -> None:
    figure = charts.figure_of(make())  # type: ignore[operator]
    root = ET.fromstring(draw.svg(figure))  # noqa: S314 - our own SVG
    texts = [(_number(t.get("x")), _number(t.get("y")), t.text) for t in root.iter(f"{SVG}text")]
    assert texts == [(s.x, s.y, s.text) for s in figure.of(Label)]
    lines = [t.get("points") for t in root.iter(f"{SVG}polyline")]
    assert lines == [" ".join(f"{x},{y}" for x, y in s.points) for s in figure.of(Path)]
    rects = {
        (_number(r.get("x")), _number(r.get("y")), _number(r.get("width")), r.get("fill"))
        for r in root.iter(f"{SVG}rect")
    }
    assert {(s.x, s.y, s.w, s.fill) for s in figure.of(Rect)} <= rects
    markers = len(root.findall(f"{SVG}circle")) + len(root.findall(f"{SVG}polygon"))
    markers += len(root.findall(f"{SVG}path")) + len(rects) - len(figure.of(Rect))
    assert markers == len(figure.of(Marker))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _near(shape: object, x: float, y: float) -> bool:
    if isinstance(shape, Marker):
        return abs(shape.x - x) < 8 and abs(shape.y - y) < 8
    if isinstance(shape, Path):
        for (x1, y1), (x2, y2) in zip(shape.points, shape.points[1:], strict=False):
            dx, dy = x2 - x1, y2 - y1
            t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / ((dx * dx + dy * dy) or 1)))
            if math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) < 4:
                return True
    return False


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_the_png_draws_the_same_shapes_at_twice_the_size(make: object) -> None:
    figure = charts.figure_of(make())  # type: ignore[operator]
    image = Image.open(io.BytesIO(draw.png(figure))).convert("RGB")
    assert image.size == (figure.width * 2, figure.height * 2)
    checked = 0
    covered = [s for s in figure.shapes if isinstance(s, Marker)]
    for rect in figure.of(Rect):
        centre = (rect.x + rect.w / 2, rect.y + rect.h / 2)
        if rect.w < 3 or any(
            abs(m.x - centre[0]) < 8 and abs(m.y - centre[1]) < 8 for m in covered
        ):
            continue
        assert image.getpixel((int(centre[0] * 2), int(centre[1] * 2))) == _rgb(rect.fill)
        checked += 1
    for index, marker in enumerate(figure.shapes):
        if not isinstance(marker, Marker) or marker.shape not in {"circle", "square"}:
            continue
        if any(_near(later, marker.x, marker.y) for later in figure.shapes[index + 1 :]):
            continue  # drawn over by a later shape (two series meet): not this one's pixel
        assert image.getpixel((int(marker.x * 2), int(marker.y * 2))) == _rgb(marker.colour)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_every_chart_has_a_title_a_description_and_its_values_as_a_table(make: object) -> None:
    block = make()  # type: ignore[operator]
    figure: Figure = charts.figure_of(block)
    html = str(charts.html(block))
    svg = re.search(r"<svg.*?</svg>", html, re.S)[0]  # type: ignore[index]
    assert f">{figure.title}</title>" in svg
    assert re.search(r"<desc [^>]*>[^<]{10,}</desc>", svg)
    table = re.search(r"<table>.*?</table>", html, re.S)[0]  # type: ignore[index]
    assert table.count("<tr>") == len(figure.rows) + 1
    for row in figure.rows:
        assert row[0] in table or row[0].replace("&", "&amp;") in table


def test_a_missing_value_is_a_gap_or_says_so_never_zero() -> None:
    figure = charts.figure_of(line_chart())
    taby = [p for p in figure.of(Path) if p.colour == "#1d4f91" and p.width == 2]
    assert [len(p.points) for p in taby][:2] == [2, 2]  # 2020–2021, then 2023–2024
    bars = charts.figure_of(bar_chart())
    assert len(bars.of(Rect)) == 3
    assert "ingen uppgift" in [label.text for label in bars.of(Label)]
    assert ("Svalöv, kvinnor", "–") in bars.rows


def test_region_and_riket_are_told_apart_without_colour() -> None:
    figure = charts.figure_of(line_chart())
    legend = {label.text: label.y for label in figure.of(Label)}
    by_row = {}
    for marker in figure.of(Marker):
        for name in ("Region Stockholm", "Riket", "Täby", "Vaxholm"):
            if abs(legend[name] - 4 - marker.y) < 0.01 and marker.x > 470:
                by_row[name] = marker.shape
    assert len(set(by_row.values())) == 4, by_row
    dashes = {p.dash for p in figure.of(Path) if p.width == 2}
    assert len(dashes) == 3  # members solid, region and riket each their own dash
    dots = charts.figure_of(dot_chart())
    shapes = {m.shape for m in dots.of(Marker)}
    assert {"square", "triangle", "circle", "diamond-open"} <= shapes


def test_the_numbers_follow_the_language_in_force() -> None:
    from django.utils import translation

    ticks = {}
    for language in ("sv", "en"):
        with translation.override(language):
            figure = charts.figure_of(money_chart())
        ticks[language] = [label.text for label in figure.of(Label) if label.size == 10]
    assert "1\u00a0000\u00a0000" in ticks["sv"]
    assert "1,000,000" in ticks["en"]

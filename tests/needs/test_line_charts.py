"""Line charts: one geometry for SVG and PNG, gaps for missing values, no colour-only cues."""

from __future__ import annotations

import io
import re

from samordna.reports import lines
from samordna.reports.document import LineChart, Series


def chart() -> LineChart:
    return LineChart(
        title="Ohälsotal, 2020–2024",
        periods=["2020", "2021", "2022", "2023", "2024"],
        series=[
            Series("Täby", [10.0, 11.0, None, 13.0, 14.0], "member"),
            Series("Vaxholm", [20.0, 21.5, 22.0, 23.0, 24.0], "member"),
            Series("Region Stockholm", [15.0, 15.0, 15.5, 16.0, 16.2], "region"),
            Series("Riket", [12.0, 12.5, 13.0, 13.5, 14.0], "nation"),
        ],
        texts={(0, 0): "10,0", (1, 4): "24,0"},
    )


def test_a_missing_value_breaks_the_line_instead_of_falling_to_zero() -> None:
    shape = lines.geometry(chart())
    taby = shape.lines[0]
    assert taby.points[2] is None
    runs = lines._segments(taby.points)
    assert [len(r) for r in runs] == [2, 2]


def test_every_line_has_its_own_dash_and_marker() -> None:
    shape = lines.geometry(chart())
    cues = [(line.dash, line.marker) for line in shape.lines]
    assert len(set(cues)) == len(cues)


def test_the_svg_has_a_title_a_description_with_the_values_and_the_geometry_points() -> None:
    svg = lines.svg(chart())
    assert "<title" in svg
    assert "Ohälsotal, 2020–2024</title>" in svg
    description = re.search(r"<desc[^>]*>(.*?)</desc>", svg)[1]
    assert "Täby: 2020: 10,0" in description
    assert "Vaxholm:" in description
    assert "2024: 24,0" in description
    shape = lines.geometry(chart())
    for line in shape.lines:
        for run in lines._segments(line.points):
            assert " ".join(f"{x},{y}" for x, y in run) in svg


def test_the_png_is_drawn_from_the_same_geometry() -> None:
    from PIL import Image

    data = lines.png(chart())
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (lines.WIDTH * 2, lines.HEIGHT * 2)
    shape = lines.geometry(chart())
    x, y = shape.lines[1].points[4]  # Vaxholm's last point: its colour is drawn there
    colour = image.getpixel((int(x * 2), int(y * 2)))
    assert colour != (255, 255, 255)

"""Drawing a :class:`~samordna.charts.figure.Figure`: SVG for the web and PDF, PNG for Word.

Both renderers walk the same shapes; neither decides where anything goes.
"""

from __future__ import annotations

import hashlib
import io
import math
from functools import cache
from pathlib import Path as FilePath
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from samordna.charts.figure import Figure, Label, Marker, Path, Rect, Shape

FONT = "DejaVu Sans, sans-serif"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
PNG_SCALE = 2  # drawn at twice the size for a sharp print
SVG_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}
PNG_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def svg(figure: Figure) -> str:
    """An accessible SVG: ``role="img"`` named by its title and described by its values."""
    uid = (
        "chart-"
        + hashlib.sha1((figure.kind + figure.title).encode(), usedforsecurity=False).hexdigest()[
            :10
        ]
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{figure.width}" '
        f'height="{figure.height}" viewBox="0 0 {figure.width} {figure.height}" '
        f'aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(figure.title)}</title>',
        f'<desc id="{uid}-d">{escape(figure.description)}</desc>',
    ]
    out.extend(_svg_shape(shape) for shape in figure.shapes)
    out.append("</svg>")
    return "".join(out)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}"' if shape.stroke else ""
        return (
            f'<rect x="{shape.x}" y="{shape.y}" width="{shape.w}" height="{shape.h}" '
            f'fill="{shape.fill}"{stroke}/>'
        )
    if isinstance(shape, Path):
        dash = f' stroke-dasharray="{",".join(f"{d:g}" for d in shape.dash)}"' if shape.dash else ""
        points = " ".join(f"{x},{y}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.colour}" '
            f'stroke-width="{shape.width:g}"{dash}/>'
        )
    if isinstance(shape, Marker):
        return _svg_marker(shape)
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text x="{shape.x}" y="{shape.y}" text-anchor="{SVG_ANCHORS[shape.anchor]}" '
        f'font-size="{shape.size:g}" font-family={quoteattr(FONT)} fill="{shape.colour}"'
        f"{weight}>{escape(shape.text)}</text>"
    )


def _svg_marker(m: Marker) -> str:
    x, y, r, colour = m.x, m.y, m.size, m.colour
    fill = "white" if m.shape.endswith("-open") else colour
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    shape = m.shape.removesuffix("-open")
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{r:g}" {style}/>'
    if shape == "square":
        return f'<rect x="{x - r:g}" y="{y - r:g}" width="{2 * r:g}" height="{2 * r:g}" {style}/>'
    if shape in {"triangle", "diamond"}:
        points = " ".join(f"{px:g},{py:g}" for px, py in _polygon(shape, x, y, r))
        return f'<polygon points="{points}" {style}/>'
    return f'<path d="{_strokes_d(shape, x, y, r)}" stroke="{colour}" stroke-width="2"/>'


def _polygon(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    if shape == "triangle":
        return [(x, y - 1.3 * r), (x + 1.15 * r, y + 0.85 * r), (x - 1.15 * r, y + 0.85 * r)]
    return [(x, y - 1.3 * r), (x + 1.3 * r, y), (x, y + 1.3 * r), (x - 1.3 * r, y)]


def _strokes(shape: str, x: float, y: float, r: float) -> list[tuple[float, float, float, float]]:
    if shape == "cross":
        return [(x - r, y - r, x + r, y + r), (x - r, y + r, x + r, y - r)]
    return [(x - r, y, x + r, y), (x, y - r, x, y + r)]


def _strokes_d(shape: str, x: float, y: float, r: float) -> str:
    return " ".join(f"M{a:g},{b:g} L{c:g},{d:g}" for a, b, c, d in _strokes(shape, x, y, r))


@cache
def font(size: int, bold: bool = False) -> Any:
    """DejaVu Sans at ``size`` pixels (Pillow's own font if it is missing)."""
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = next((f"{d}/{name}" for d in FONT_DIRS if FilePath(f"{d}/{name}").exists()), None)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def png(figure: Figure) -> bytes:
    """The same shapes drawn with Pillow (WeasyPrint's own dependency), for Word."""
    from PIL import Image, ImageDraw

    k = PNG_SCALE
    image = Image.new("RGB", (figure.width * k, figure.height * k), "white")
    draw = ImageDraw.Draw(image)
    for shape in figure.shapes:
        if isinstance(shape, Rect):
            box = [shape.x * k, shape.y * k, (shape.x + shape.w) * k, (shape.y + shape.h) * k]
            draw.rectangle(box, fill=shape.fill, outline=shape.stroke or None)
        elif isinstance(shape, Path):
            for a, b in zip(shape.points, shape.points[1:], strict=False):
                _dashed(draw, (a[0] * k, a[1] * k), (b[0] * k, b[1] * k), shape, k)
        elif isinstance(shape, Marker):
            _png_marker(draw, shape, k)
        else:
            _png_label(draw, shape, k)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _png_label(draw: Any, label: Label, k: int) -> None:
    draw.text(
        (label.x * k, label.y * k),
        label.text,
        fill=label.colour,
        font=font(round(label.size * k), label.bold),
        anchor=PNG_ANCHORS[label.anchor],
    )


def _dashed(
    draw: Any, start: tuple[float, float], end: tuple[float, float], path: Path, k: int
) -> None:
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    width = max(1, round(path.width * k))
    if not path.dash or length == 0:
        draw.line([start, end], fill=path.colour, width=width)
        return
    pattern = [d * k for d in path.dash]
    position, index = 0.0, 0
    while position < length:
        step = min(pattern[index % len(pattern)], length - position)
        if index % 2 == 0:
            a, b = position / length, (position + step) / length
            draw.line(
                [
                    (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                    (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                ],
                fill=path.colour,
                width=width,
            )
        position += step
        index += 1


def _png_marker(draw: Any, m: Marker, k: int) -> None:
    x, y, r = m.x * k, m.y * k, m.size * k
    fill = "white" if m.shape.endswith("-open") else m.colour
    shape = m.shape.removesuffix("-open")
    if shape == "circle":
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=m.colour, width=k)
    elif shape == "square":
        draw.rectangle([x - r, y - r, x + r, y + r], fill=fill, outline=m.colour, width=k)
    elif shape in {"triangle", "diamond"}:
        draw.polygon(_polygon(shape, x, y, r), fill=fill, outline=m.colour)
    else:
        for a, b, c, d in _strokes(shape, x, y, r):
            draw.line([(a, b), (c, d)], fill=m.colour, width=2 * k)

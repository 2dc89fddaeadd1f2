"""Bar charts of the document model: SVG for the web and PDF, PNG for Word."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from samordna.reports.document import Bar, Chart

WIDTH = 640
ROW = 26
LABEL = 230
COLOURS = ("#1d4f91", "#6a3d9a", "#2f6f4f", "#8a4b08")
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


GROUP_COLOURS = {"member": COLOURS[0], "region": COLOURS[2], "nation": COLOURS[3]}


def colour_of(bar: Bar) -> str:
    """A member's bar, the region's and riket's each their colour; the label says which."""
    return GROUP_COLOURS.get(bar.group, COLOURS[1])


def _scale(chart: Chart) -> float:
    top = max((b.value for b in chart.bars), default=0) or 1
    return (WIDTH - LABEL - 70) / top


def svg(chart: Chart) -> str:
    """An accessible SVG: a title, a description, and each bar's value written beside it."""
    height = ROW * len(chart.bars) + 16
    scale = _scale(chart)
    # Ids unique per chart: a page may hold several.
    description = "; ".join(f"{b.label}: {b.text}" for b in chart.bars)
    uid = "chart-" + hashlib.sha1(chart.title.encode(), usedforsecurity=False).hexdigest()[:10]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{uid}-t {uid}-d">',
        f'<title id="{uid}-t">{escape(chart.title)}</title>',
        f'<desc id="{uid}-d">{escape(description)}</desc>',
    ]
    for index, bar in enumerate(chart.bars):
        y = 8 + index * ROW
        length = max(1.0, bar.value * scale)
        colour = colour_of(bar)
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif" fill="#1a1a1a">{escape(bar.label)}</text>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 15}" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif" fill="#1a1a1a">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def png_font(size: int) -> Any:
    """DejaVu Sans at ``size`` pixels for the PNG charts (Pillow's own font if it is missing)."""
    from PIL import ImageFont

    path = next((p for p in FONT_PATHS if Path(p).exists()), None)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def png(chart: Chart) -> bytes:
    """The same chart drawn with Pillow (WeasyPrint's own dependency), for Word."""
    from PIL import Image, ImageDraw

    factor = 2  # drawn at twice the size for a sharp print
    height = (ROW * len(chart.bars) + 16) * factor
    image = Image.new("RGB", (WIDTH * factor, height), "white")
    draw = ImageDraw.Draw(image)
    font = png_font(12 * factor)
    scale = _scale(chart)
    for index, bar in enumerate(chart.bars):
        y = (8 + index * ROW) * factor
        length = max(1.0, bar.value * scale) * factor
        draw.text(
            ((LABEL - 8) * factor, y + 4 * factor),
            bar.label,
            fill="#1a1a1a",
            font=font,
            anchor="ra",
        )
        draw.rectangle(
            [LABEL * factor, y + 3 * factor, LABEL * factor + length, y + (ROW - 5) * factor],
            fill=colour_of(bar),
        )
        draw.text(
            (LABEL * factor + length + 6 * factor, y + 4 * factor),
            bar.text,
            fill="#1a1a1a",
            font=font,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

"""Checks on a report's printed layout, read from WeasyPrint's laid-out pages.

Used by the report tests: no table wider than the printed area, no page that
ends with a heading, no table header left at the foot of a page without its
first row.
"""

from __future__ import annotations

from typing import Any

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def laid_out(html: str) -> Any:
    from weasyprint import HTML

    return HTML(string=html).render()


def _walk(box: Any) -> list[Any]:
    found = [box]
    for child in getattr(box, "children", []):
        found.extend(_walk(child))
    return found


def problems(document: Any) -> list[str]:
    """Every layout fault of the document, as ``page N: what``; empty when there is none."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        content = [c for c in page_box.children if type(c).__name__ != "MarginBox"]
        boxes = [b for child in content for b in _walk(child)]
        for box in boxes:
            if type(box).__name__ == "TableBox":
                edge = box.position_x + box.margin_width()
                if edge > right + 0.5:
                    found.append(f"page {number}: a table reaches {edge:.0f} of {right:.0f}")
                groups = [g for g in box.children if type(g).__name__ == "TableRowGroupBox"]
                if groups and all(getattr(g, "is_header", False) for g in groups):
                    found.append(f"page {number}: a table header without its first row")
        blocks = [
            b
            for b in boxes
            if getattr(b, "element_tag", None) in HEADINGS | {"p", "table", "figure", "li"}
            and type(b).__name__ != "TableBox"
        ]
        if blocks and blocks[-1].element_tag in HEADINGS:
            found.append(f"page {number}: ends with the heading {_text(blocks[-1])!r}")
    return found


def _text(box: Any) -> str:
    return "".join(getattr(b, "text", "") for b in _walk(box))[:60]

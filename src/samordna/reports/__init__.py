"""Renderers of the document model: HTML, PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

from collections.abc import Callable

from samordna.reports.document import Document

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(document: Document, fmt: str) -> bytes:
    """The document in one of the formats of CONTENT_TYPES."""
    renderers: dict[str, Callable[[Document], bytes]] = {
        "html": lambda d: _html(d).encode("utf-8"),
        "pdf": _pdf,
        "docx": _docx,
    }
    if fmt not in renderers:
        raise ValueError(f"Okänt format {fmt!r}; välj html, pdf eller docx.")
    return renderers[fmt](document)


def _html(document: Document) -> str:
    from samordna.reports import html

    return html.render(document)


def _pdf(document: Document) -> bytes:
    from samordna.reports import pdf

    return pdf.render(document)


def _docx(document: Document) -> bytes:
    from samordna.reports import docx

    return docx.render(document)

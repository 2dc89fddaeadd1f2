"""The document model as PDF: the HTML rendering printed by WeasyPrint."""

from __future__ import annotations

import logging

from samordna.reports import html
from samordna.reports.document import Document


def render(document: Document) -> bytes:
    # WeasyPrint reports every step at INFO, some while it is imported; keep output readable.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from weasyprint import HTML

    result: bytes = HTML(string=html.render(document)).write_pdf()
    return result

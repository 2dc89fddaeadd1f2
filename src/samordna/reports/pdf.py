"""The document model as PDF: the HTML rendering printed by WeasyPrint."""

from __future__ import annotations

import logging

from samordna.reports import html
from samordna.reports.document import Document


def render(document: Document) -> bytes:
    from weasyprint import HTML

    # WeasyPrint reports every layout step at INFO; keep the command's output readable.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)

    result: bytes = HTML(string=html.render(document)).write_pdf()
    return result

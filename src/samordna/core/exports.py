"""Safe spreadsheets: no text from Samordna's records becomes a formula when opened.

Every CSV and XLSX export goes through these two helpers (OWASP's rule on CSV
injection). In CSV a text that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is written with a leading apostrophe, which Excel and
LibreOffice show as text; in XLSX such a text is stored as a text cell, never
as a formula. Numbers stay numbers, and so does a text that is only a number
(``-3.8`` in the canonical statistics format).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def safe_text(value: Any) -> Any:
    """The value for a CSV cell: a text that a spreadsheet would read as a formula is quoted."""
    if isinstance(value, str) and value.startswith(DANGEROUS) and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_row(row: Iterable[Any]) -> list[Any]:
    return [safe_text(value) for value in row]


def csv_writer(out: Any, delimiter: str = ",") -> Any:
    """A CSV writer with Excel's line ends (RFC 4180), so that a carriage return inside a
    text is quoted with it and can never start a row of its own."""
    return csv.writer(out, delimiter=delimiter, lineterminator="\r\n")


def append_xlsx(sheet: Any, row: Iterable[Any]) -> None:
    """Append a row of data; a text that openpyxl would store as a formula is stored as text."""
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"

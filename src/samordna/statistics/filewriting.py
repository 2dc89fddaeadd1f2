"""Writing the canonical format: CSV and XLSX files that `samordna import` reads back.

Every cell goes through :mod:`samordna.core.exports`, so no text becomes a
formula; values are written as the exact decimal text the warehouse holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from samordna.core import exports
from samordna.statistics.fileformat import COLUMNS, XLSX_SHEET


def write_csv(rows: Iterable[tuple[str, ...]], out: IO[str]) -> int:
    """Write canonical rows (the COLUMNS, as text) as comma-separated UTF-8."""
    writer = exports.csv_writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(exports.csv_row(row))
        count += 1
    return count


def write_xlsx(rows: Iterable[tuple[str, ...]], out: IO[bytes], *, template: bool = False) -> int:
    """Write canonical rows as an XLSX workbook with the sheet ``observationer``.

    Every cell is text, so a value keeps the exact decimal form it has in the
    warehouse. The template adds a sheet that explains the columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook(write_only=False)
    sheet = book.worksheets[0]
    sheet.title = XLSX_SHEET
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        exports.append_xlsx(sheet, row)
        count += 1
    widths = (14, 10, 10, 8, 14, 12, 40, 50, 16)
    for letter, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    if template:
        for cell_range in ("A:A", "B:B", "C:C", "D:D", "E:E", "F:F"):
            for column in sheet[cell_range]:
                for cell in column if isinstance(column, tuple) else (column,):
                    cell.number_format = "@"
        if count:
            table = Table(displayName="observationer", ref=f"A1:I{count + 1}")
            table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
            sheet.add_table(table)
        help_sheet = book.create_sheet("instruktioner")
        for line in TEMPLATE_HELP:
            help_sheet.append(list(line))
        help_sheet.column_dimensions["A"].width = 18
        help_sheet.column_dimensions["B"].width = 100
        for cell in help_sheet[1]:
            cell.font = Font(bold=True)
    book.save(out)
    return count


TEMPLATE_HELP: tuple[tuple[str, str], ...] = (
    ("Kolumn", "Vad som ska stå där"),
    (
        "indicator",
        "Indikatorns id: ett Kolada-id (N03920) eller ett eget id (AF_SOK_TOT). Obligatorisk.",
    ),
    (
        "area",
        "Områdeskod: kommun 1282, region 0012, riket 0000 (eller kommunens namn). Obligatorisk.",
    ),
    ("period", "År (2019) eller månad (2019-06). Obligatorisk."),
    ("gender", "T (totalt), K (kvinnor) eller M (män). Obligatorisk."),
    (
        "value",
        "Talet, med komma eller punkt som decimaltecken och gärna mellanslag som "
        "tusentalsavgränsare. Skriv <5 eller X för skyddade värden och .. eller - för "
        "saknade. Aldrig 0 för något som saknas.",
    ),
    ("status", "ok, missing, suppressed eller preliminary. Lämna tomt så följer den av värdet."),
    ("source", "Källan som den ska stå under tabellen, t.ex. Arbetsförmedlingen. Obligatorisk."),
    ("indicator_title", "Titel för en ny indikator; krävs första gången ett eget id används."),
    ("unit", "Enhet för en ny indikator, t.ex. antal, andel (%) eller dagar."),
)

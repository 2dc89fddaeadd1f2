"""The canonical long format in CSV and XLSX: reading with located errors, writing.

Columns: ``indicator,area,period,gender,value,status,source`` and the optional
``indicator_title,unit``. A reader never raises half way: it yields the rows it
could read and collects a :class:`Problem` for every cell it could not, so an
analyst sees every error of a file at once.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from samordna.statistics import values as cells

REQUIRED = ("indicator", "area", "period", "gender", "value", "status", "source")
OPTIONAL = ("indicator_title", "unit")
COLUMNS = REQUIRED + OPTIONAL
MAX_PROBLEMS = 200
XLSX_SHEET = "observationer"
# å ä ö Å Ä Ö é É ü Ü as Windows-1252 writes them: the sign of a Swedish "ANSI" file.
_WINDOWS_1252_LETTERS = {
    bytes([b]) for b in (0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9, 0xC9, 0xFC, 0xDC)
}


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: file, row (1 = the header), column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


class ImportRefused(Exception):
    """A file or fetch that was refused; nothing of it was written."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__("\n".join(str(p) for p in problems[:20]))


@dataclass(slots=True)
class Row:
    line: int
    indicator: str
    area: str
    period: str
    gender: str
    value: Decimal | None
    status: str
    source: str
    indicator_title: str = ""
    unit: str = ""
    value_text: str = ""  # the value as plain decimal text, when the reader already has it


@dataclass
class Reader:
    """Reads one file; ``problems`` fills while the rows are iterated."""

    name: str
    data: bytes
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(self.name, row, column, message))

    @property
    def is_xlsx(self) -> bool:
        return self.name.lower().endswith(".xlsx") or self.data[:4] == b"PK\x03\x04"

    def rows(self) -> Iterator[Row]:
        if not self.data.strip():
            self.problem(
                None,
                None,
                _("The file is empty. It needs a header row and at least one row of data."),
            )
            return
        records = self._xlsx_records() if self.is_xlsx else self._csv_records()
        yield from self._rows(records)

    # -- the two containers ------------------------------------------------------------

    def _csv_records(self) -> Iterator[tuple[int, list[Any]]]:
        text = self._text()
        if text is None:
            return
        if "\x00" in text:
            self.problem(
                text[: text.index("\x00")].count("\n") + 1,
                None,
                _("The file holds NUL characters and is no text file. Choose a CSV or XLSX file."),
            )
            return
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            for record in reader:
                yield reader.line_num, record
        except csv.Error as exc:
            self.problem(
                reader.line_num,
                None,
                f"Raden går inte att läsa som CSV ({exc}). Kontrollera citattecknen.",
            )

    def _text(self) -> str | None:
        """The CSV's text: UTF-8 or UTF-16 by their byte-order mark, UTF-16 without one by its
        zero bytes, else UTF-8. Windows-1252 (what Swedish Excel saves as plain "CSV") cannot
        be told from other one-byte codes for certain, so it is refused with its own message
        rather than guessed."""
        data = self.data
        for mark, codec in (
            (b"\xef\xbb\xbf", "utf-8"),
            (b"\xff\xfe", "utf-16-le"),
            (b"\xfe\xff", "utf-16-be"),
        ):
            if data.startswith(mark):
                return self._decode(data[len(mark) :], codec)
        head = data[:400]
        if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and not head[::2].count(0):
            return self._decode(data, "utf-16-le")
        if len(head) >= 4 and head[::2].count(0) > len(head) // 4 and not head[1::2].count(0):
            return self._decode(data, "utf-16-be")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            if data[exc.start : exc.start + 1] in _WINDOWS_1252_LETTERS:
                self.problem(
                    line,
                    None,
                    "Filen är sparad som Windows-1252 (”CSV (semikolonavgränsad)” i Excel), inte "
                    "UTF-8; å, ä och ö på den här raden går inte att läsa säkert. Spara som "
                    "”CSV UTF-8” i Excel och försök igen.",
                )
                return None
            return self._decode(data, "utf-8")

    def _decode(self, data: bytes, codec: str) -> str | None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.problem(
                line,
                None,
                f"Filen går inte att läsa som {codec.upper()} (tecknet på den här raden). "
                "Spara som ”CSV UTF-8” i Excel och försök igen.",
            )
            return None

    def _xlsx_records(self) -> Iterator[tuple[int, list[Any]]]:
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(self.data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as exc:
            self.problem(
                None,
                None,
                f"Filen går inte att öppna som Excel-arbetsbok (.xlsx): {type(exc).__name__}. "
                "Spara den som .xlsx eller CSV och försök igen.",
            )
            return
        formulas = load_workbook(io.BytesIO(self.data), read_only=True, data_only=False)
        try:
            sheet = book[XLSX_SHEET] if XLSX_SHEET in book.sheetnames else book.worksheets[0]
            written = formulas[sheet.title].iter_rows(values_only=True)
            for number, record in enumerate(sheet.iter_rows(values_only=True), start=1):
                self._unsaved_formulas(number, list(record), list(next(written, ())))
                yield number, list(record)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError) as exc:
            self.problem(
                None, None, f"Arbetsboken är skadad och går inte att läsa: {type(exc).__name__}."
            )
        finally:
            book.close()
            formulas.close()

    def _unsaved_formulas(self, number: int, values: list[Any], written: list[Any]) -> None:
        """A formula cell whose result was never saved (a script wrote the file) has no value
        to read; refuse it by name rather than read it as missing."""
        from openpyxl.utils import get_column_letter

        for index, formula in enumerate(written):
            value = values[index] if index < len(values) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                cell = f"{get_column_letter(index + 1)}{number}"
                self.problem(
                    number,
                    None,
                    f"Cell {cell} innehåller en formel utan sparat värde ({formula[:40]}); "
                    "öppna och spara om filen i Excel eller LibreOffice, eller skriv in värdet.",
                )

    # -- the rows ------------------------------------------------------------------

    def _header(self, record: list[Any], line: int) -> dict[str, int] | None:
        names = [_text(v).strip().lower().lstrip("\ufeff") for v in record]
        while names and names[-1] == "":
            names.pop()
        positions: dict[str, int] = {}
        ok = True
        for index, name in enumerate(names):
            if name not in COLUMNS:
                self.problem(
                    line,
                    name or f"nr {index + 1}",
                    _("Unknown column “%(name)s”. Allowed columns: %(columns)s.")
                    % {"name": name, "columns": ", ".join(COLUMNS)},
                )
                ok = False
            elif name in positions:
                self.problem(line, name, _("The column “%(name)s” appears twice.") % {"name": name})
                ok = False
            else:
                positions[name] = index
        for name in REQUIRED:
            if name not in positions:
                self.problem(
                    line,
                    name,
                    _("The column “%(name)s” is missing from the header row.") % {"name": name},
                )
                ok = False
        return positions if ok else None

    def _rows(self, records: Iterable[tuple[int, list[Any]]]) -> Iterator[Row]:
        positions: dict[str, int] | None = None
        fast: Any = None
        width = 0
        for line, record in records:
            if positions is None:
                if all(_text(v).strip() == "" for v in record):
                    continue
                positions = self._header(record, line)
                if positions is None:
                    return
                width = max(positions.values()) + 1
                fast = None if self.is_xlsx else _FastCsv(positions).row
                continue
            if all(_text(v).strip() == "" for v in record):
                continue
            if len(record) < width:
                if not self.is_xlsx:
                    self.problem(
                        line,
                        None,
                        f"Raden har {len(record)} fält men rubrikraden {width}. "
                        "Kontrollera avgränsare och citattecken.",
                    )
                    continue
                record = record + [None] * (width - len(record))
            elif len(record) > width and any(_text(v).strip() for v in record[width:]):
                self.problem(
                    line,
                    None,
                    f"Raden har fler fält ({len(record)}) än rubrikraden ({width}). "
                    "Kontrollera avgränsare och citattecken.",
                )
                continue
            row = fast(line, record) if fast is not None else None
            if row is None:
                row = self._row(line, record, positions)
            if row is not None:
                yield row
        if positions is None and not self.problems:  # an unreadable file has said why already
            self.problem(
                None, None, "Filen saknar rubrikrad. Första raden ska vara: " + ",".join(REQUIRED)
            )

    def _row(self, line: int, record: list[Any], positions: dict[str, int]) -> Row | None:
        def get(name: str) -> Any:
            index = positions.get(name)
            return record[index] if index is not None else None

        ok = True
        indicator = _text(get("indicator")).strip()
        area = _text(get("area")).strip()
        source = _text(get("source")).strip()
        for name, text, limit in (
            ("indicator", indicator, 64),
            ("area", area, 200),
            ("source", source, 200),
        ):
            if not text:
                self.problem(
                    line,
                    name,
                    _("The field %(name)s is empty; it must be filled in.") % {"name": name},
                )
                ok = False
            elif len(text) > limit:
                self.problem(
                    line,
                    name,
                    _("The field %(name)s is longer than %(limit)s characters.")
                    % {"name": name, "limit": limit},
                )
                ok = False
        raw_period = get("period")
        period = ""
        try:
            period = _period(raw_period)
        except cells.CellError as exc:
            self.problem(line, "period", str(exc))
            ok = False
        gender = ""
        try:
            gender = cells.parse_gender(_text(get("gender")))
        except cells.CellError as exc:
            self.problem(line, "gender", str(exc))
            ok = False
        value: Decimal | None = None
        implied = "missing"
        try:
            value, implied = _value(get("value"))
        except cells.CellError as exc:
            self.problem(line, "value", str(exc))
            ok = False
        status = ""
        try:
            stated = cells.parse_status(_text(get("status")))
            if ok:
                status = cells.resolve(value, implied, stated)
        except cells.CellError as exc:
            self.problem(line, "status", str(exc))
            ok = False
        title = _text(get("indicator_title")).strip()
        unit = _text(get("unit")).strip()
        if len(title) > 400:
            self.problem(line, "indicator_title", _("The title is longer than 400 characters."))
            ok = False
        if len(unit) > 60:
            self.problem(line, "unit", _("The unit is longer than 60 characters."))
            ok = False
        if not ok:
            return None
        return Row(line, indicator, area, period, gender, value, status, source, title, unit)


class _FastCsv:
    """The common case of a clean CSV row, read with as little work as possible.

    It accepts only rows the full reader would accept unchanged; anything else
    (an error, an unusual cell) returns None and the full reader takes over,
    so errors are always reported by one code path.
    """

    _SIMPLE = re.compile(r"^-?\d{1,14}(?:\.\d{1,6})?$")

    def __init__(self, positions: dict[str, int]) -> None:
        get = positions.get
        self.columns = [get(name, -1) for name in COLUMNS]
        self.periods: dict[str, str] = {}
        self.statuses = {"": "", "ok": "ok", "preliminary": "preliminary"}

    def row(self, line: int, record: list[str]) -> Row | None:
        i_ind, i_area, i_per, i_gen, i_val, i_stat, i_src, i_title, i_unit = self.columns
        try:
            indicator = record[i_ind].strip()
            area = record[i_area].strip()
            source = record[i_src].strip()
            raw_period = record[i_per]
            gender = record[i_gen]
            text = record[i_val].strip()
            stated = self.statuses.get(record[i_stat].strip())
            title = record[i_title].strip() if i_title >= 0 else ""
            unit = record[i_unit].strip() if i_unit >= 0 else ""
        except (IndexError, AttributeError):
            return None
        if (
            not indicator
            or not area
            or not source
            or len(indicator) > 64
            or len(area) > 200
            or len(source) > 200
            or len(title) > 400
            or len(unit) > 60
            or gender not in _GENDERS
            or stated is None
            or not self._SIMPLE.match(text)
        ):
            return None
        period = self.periods.get(raw_period)
        if period is None:
            try:
                period = cells.parse_period(raw_period)
            except cells.CellError:
                return None
            self.periods[raw_period] = period
        return Row(
            line,
            indicator,
            area,
            period,
            gender,
            Decimal(text),
            stated or "ok",
            source,
            title,
            unit,
            text,
        )


_GENDERS = frozenset({"T", "K", "M"})


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _period(cell: Any) -> str:
    if isinstance(cell, datetime | date):
        return f"{cell.year:04d}-{cell.month:02d}"
    return cells.parse_period(_text(cell))


def _value(cell: Any) -> tuple[Decimal | None, str]:
    if isinstance(cell, bool):
        raise cells.CellError(_("A true/false value is no number."))
    if isinstance(cell, int):
        return Decimal(cell), "ok"
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            raise cells.CellError(_("The cell holds no valid number."))
        return cells.parse_value(repr(cell))
    if isinstance(cell, datetime | date):
        raise cells.CellError(_("The cell is formatted as a date; write the value as a number."))
    return cells.parse_value(_text(cell))

"""Generated malformed CSV and XLSX files: never a traceback, never a partial write.

Each example starts from a valid file and breaks it in one known way, so the
test knows which row and column the error must name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from samordna.statistics import warehouse
from samordna.statistics.fileformat import REQUIRED, ImportRefused
from samordna.statistics.models import DataLoad, Indicator, Observation, ObservationRevision

COLUMNS = [*REQUIRED, "indicator_title", "unit"]
SWEDISH = (
    "är",
    "ska",
    "saknas",
    "Okänd",
    "Okänt",
    "Filen",
    "Raden",
    "Samma",
    "går inte",
    "finns",
    "har",
)

BAD_CELLS = {
    "indicator": ["", "X" * 65, "OKÄND_UTAN_TITEL"],
    "area": ["", "9999", "Atlantis", "G0"],
    "period": ["", "19", "2019-13", "2019-00", "20190", "år 2019", "2019-1", "2019Q1"],
    "gender": ["", "Q", "kvinna", "TT", "0"],
    "value": [
        "abc",
        "1.2.3",
        "1,2,3",
        "12 34",
        "1e5",
        "--5",
        "5-",
        "1 000 00",
        "NaN",
        "1234567890123456",
        "0.1234567",
    ],
    "status": ["okej", "deleted", "null"],
    "source": ["", "K" * 201],
}


@dataclass
class Case:
    name: str
    data: bytes
    row: int | None  # the row the error must name (1 = header), None = the whole file
    column: str | None


def valid_rows(n: int) -> list[list[object]]:
    return [
        [
            "MALF_X",
            "1282",
            str(2000 + i),
            "T",
            str(100 + i),
            "ok",
            "Testkälla",
            "Testindikator",
            "antal",
        ]
        for i in range(n)
    ]


def to_csv(rows: list[list[object]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(rows: list[list[object]], header: list[str] = COLUMNS) -> bytes:
    book = Workbook()
    book.worksheets[0].append(header)
    for row in rows:
        book.worksheets[0].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def cell_case(draw: st.DrawFn, fmt: str) -> Case:
    rows = valid_rows(draw(st.integers(1, 8)))
    index = draw(st.integers(0, len(rows) - 1))
    column = draw(st.sampled_from(sorted(BAD_CELLS)))
    bad = draw(st.sampled_from(BAD_CELLS[column]))
    rows[index][COLUMNS.index(column)] = bad
    if column == "indicator" and bad == "OKÄND_UTAN_TITEL":
        rows[index][COLUMNS.index("indicator_title")] = ""
    data = to_csv(rows, draw(st.sampled_from([",", ";"]))) if fmt == "csv" else to_xlsx(rows)
    return Case(f"celler.{fmt}", data, index + 2, column)


@st.composite
def structure_case(draw: st.DrawFn, fmt: str) -> Case:
    rows = valid_rows(draw(st.integers(1, 6)))
    kind = draw(
        st.sampled_from(
            [
                "missing_column",
                "unknown_column",
                "duplicate_column",
                "empty",
                "duplicate_row",
                "status_conflict",
            ]
            + (
                ["not_utf8", "short_row", "long_row", "bad_quote", "nul", "garbage"]
                if fmt == "csv"
                else ["truncated_zip", "not_a_workbook"]
            )
        )
    )
    if kind == "missing_column":
        gone = draw(st.sampled_from(REQUIRED))
        header = [c for c in COLUMNS if c != gone]
        body = [[v for c, v in zip(COLUMNS, r, strict=True) if c != gone] for r in rows]
        if fmt == "csv":
            data = (
                ",".join(header).encode()
                + b"\n"
                + b"".join(",".join(map(str, r)).encode() + b"\n" for r in body)
            )
        else:
            data = to_xlsx(body, header)
        return Case(f"kolumner.{fmt}", data, 1, gone)
    if kind in {"unknown_column", "duplicate_column"}:
        extra = (
            draw(st.sampled_from(["värde", "kommun", "x"])) if kind == "unknown_column" else "value"
        )
        header = [*COLUMNS, extra]
        body = [[*r, "1"] for r in rows]
        data = (
            to_xlsx(body, header)
            if fmt == "xlsx"
            else (",".join(header) + "\n" + "\n".join(",".join(map(str, r)) for r in body)).encode()
        )
        return Case(f"kolumner.{fmt}", data, 1, extra)
    if kind == "empty":
        data = draw(st.sampled_from([b"", b"\n\n", b"   "])) if fmt == "csv" else to_xlsx([], [])
        return Case(f"tom.{fmt}", data, None, None)
    if kind == "duplicate_row":
        index = draw(st.integers(0, len(rows) - 1))
        rows.append(list(rows[index]))
        data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
        return Case(f"dubbel.{fmt}", data, len(rows) + 1, None)
    if kind == "status_conflict":
        index = draw(st.integers(0, len(rows) - 1))
        if draw(st.booleans()):
            rows[index][COLUMNS.index("status")] = draw(st.sampled_from(["missing", "suppressed"]))
        else:
            rows[index][COLUMNS.index("value")] = draw(st.sampled_from(["", "..", "<5"]))
            rows[index][COLUMNS.index("status")] = draw(st.sampled_from(["ok", "preliminary"]))
        data = to_csv(rows) if fmt == "csv" else to_xlsx(rows)
        return Case(f"status.{fmt}", data, index + 2, "status")
    if kind == "not_utf8":
        index = draw(st.integers(0, len(rows) - 1))
        rows[index][COLUMNS.index("source")] = "Göteborg"
        data = to_csv(rows).replace("Göteborg".encode(), "Göteborg".encode("latin-1"))
        return Case("latin1.csv", data, index + 2, None)
    if kind in {"short_row", "long_row"}:
        index = draw(st.integers(0, len(rows) - 1))
        lines = to_csv(rows).decode().split("\n")
        lines[index + 1] = (
            ",".join(lines[index + 1].split(",")[:5])
            if kind == "short_row"
            else lines[index + 1] + ",extra,fält"
        )
        return Case("rader.csv", "\n".join(lines).encode(), index + 2, None)
    if kind == "bad_quote":
        index = draw(st.integers(0, len(rows) - 1))
        lines = to_csv(rows).decode().split("\n")
        lines[index + 1] = (
            lines[index + 1]
            .replace("Testkälla", 'Test"källa"x', 1)
            .replace("MALF_X", '"MALF_X"y', 1)
        )
        return Case("citat.csv", "\n".join(lines).encode(), index + 2, None)
    if kind == "nul":
        return Case("nul.csv", to_csv(rows).replace("Testkälla".encode(), b"Test\x00", 1), 2, None)
    if kind == "garbage":
        junk = draw(st.binary(min_size=1, max_size=200).filter(lambda b: b.strip() != b""))
        return Case("skräp.csv", b"\xff\xfe" + junk, None, None)
    data = to_xlsx(rows)
    if kind == "truncated_zip":
        # A fraction, not a byte count: the workbook's length varies with its timestamp.
        cut = int(len(data) * draw(st.floats(0.02, 0.98)))
        return Case("trasig.xlsx", data[:cut], None, None)
    return Case("inte.xlsx", b"PK\x03\x04" + draw(st.binary(min_size=0, max_size=300)), None, None)


def cases(fmt: str) -> st.SearchStrategy[Case]:
    return st.one_of(cell_case(fmt), structure_case(fmt))


def check(case: Case) -> None:
    before = (
        Observation.objects.count(),
        ObservationRevision.objects.count(),
        Indicator.objects.count(),
    )
    failed_before = DataLoad.objects.filter(outcome="failed").count()
    try:
        warehouse.import_file(case.name, case.data)
    except ImportRefused as refused:
        problems = refused.problems
    else:
        raise AssertionError(f"{case.name} was accepted: {case.data[:300]!r}")
    assert problems, "a refusal without a reason"
    for problem in problems:
        assert problem.file == case.name
        assert any(word in problem.message for word in SWEDISH), problem.message
        assert "Traceback" not in problem.message
    if case.row is not None:
        assert any(p.row == case.row for p in problems), (case, problems)
    if case.column is not None:
        assert any(p.column == case.column for p in problems), (case, problems)
    after = (
        Observation.objects.count(),
        ObservationRevision.objects.count(),
        Indicator.objects.count(),
    )
    assert after == before
    assert DataLoad.objects.filter(outcome="failed").count() == failed_before + 1


@settings(
    max_examples=260,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases("csv"))
def test_malformed_csv(db: None, case: Case) -> None:
    check(case)


@settings(
    max_examples=260,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases("xlsx"))
def test_malformed_xlsx(db: None, case: Case) -> None:
    check(case)

"""File import and export: located errors, all or nothing, revisions, round trips."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from samordna.statistics import fileformat, warehouse
from samordna.statistics.fileformat import ImportRefused
from samordna.statistics.models import DataLoad, Indicator, Observation, ObservationRevision

HEADER = "indicator,area,period,gender,value,status,source,indicator_title,unit"
GOOD = f"""{HEADER}
AF_SOKANDE,1282,2019-06,T,3805,ok,Arbetsförmedlingen,Sökande totalt,antal
AF_SOKANDE,1282,2018-06,T,4163,ok,Arbetsförmedlingen,Sökande totalt,antal
FHM_OHALSOTAL_2024,1214,2018,K,21.5,ok,Folkhälsomyndigheten,Ohälsotal 20–24 år,dagar
FHM_OHALSOTAL_2024,0012,2018,K,11,ok,Folkhälsomyndigheten,Ohälsotal 20–24 år,dagar
U40800,1214,2018,T,,missing,Kolada,,
"""


def load(text: str, name: str = "data.csv", **kwargs: object) -> warehouse.Outcome:
    return warehouse.import_file(name, text.encode("utf-8"), **kwargs)  # type: ignore[arg-type]


def snapshot() -> tuple[list[tuple[object, ...]], int, int]:
    rows = list(
        Observation.objects.order_by("id").values_list(
            "id", "value", "status", "source", "retrieved_at"
        )
    )
    return rows, ObservationRevision.objects.count(), Indicator.objects.count()


def test_markers_are_never_zero(db: None) -> None:
    load(
        f"""{HEADER}
X1,1282,2019,T,<5,,AF,Test,antal
X1,1282,2018,T,..,,AF,Test,antal
X1,1282,2017,T,-,,AF,Test,antal
X1,1282,2016,T,--,,AF,Test,antal
X1,1282,2015,T,X,,AF,Test,antal
X1,1282,2014,T,.,,AF,Test,antal
X1,1282,2013,T,0,,AF,Test,antal
"""
    )
    stored = dict(Observation.objects.values_list("period", "status"))
    assert stored == {
        "2019": "suppressed",
        "2018": "missing",
        "2017": "missing",
        "2016": "missing",
        "2015": "suppressed",
        "2014": "missing",
        "2013": "ok",
    }
    assert list(
        Observation.objects.exclude(period="2013").values_list("value", flat=True).distinct()
    ) == [None]
    assert Observation.objects.get(period="2013").value == 0


def test_decimal_comma_thousands_and_semicolons(db: None) -> None:
    load(
        "indicator;area;period;gender;value;status;source;indicator_title\n"
        'X2;1282;2019;T;"3 805";;AF;Test\n'
        "X2;1214;2019;T;21,5;;AF;Test\n"
        "X2;0000;2019;T;−8,6;;AF;Test\n"
    )
    assert dict(Observation.objects.values_list("area__code", "value")) == {
        "1282": Decimal("3805"),
        "1214": Decimal("21.5"),
        "0000": Decimal("-8.6"),
    }


def test_dry_run_counts_and_writes_nothing(db: None) -> None:
    outcome = load(GOOD, dry_run=True)
    assert (outcome.total.new, outcome.total.changed, outcome.total.unchanged) == (5, 0, 0)
    assert outcome.per_indicator["AF_SOKANDE"].new == 2
    assert Observation.objects.count() == 0
    assert not Indicator.objects.filter(code="AF_SOKANDE").exists()
    assert DataLoad.objects.get().outcome == "dry_run"


def test_reimport_changed_value_keeps_revision_and_unchanged_writes_nothing(db: None) -> None:
    load(GOOD)
    first = Observation.objects.get(indicator__code="AF_SOKANDE", period="2019-06")
    before = snapshot()
    outcome = load(GOOD)
    assert (outcome.total.new, outcome.total.changed, outcome.total.unchanged) == (0, 0, 5)
    assert snapshot() == before
    outcome = load(GOOD.replace(",3805,", ",3806,"), dry_run=True)
    assert outcome.total.changed == 1
    assert snapshot() == before
    outcome = load(GOOD.replace(",3805,", ",3806,"))
    assert outcome.total.changed == 1
    assert outcome.total.unchanged == 4
    changed = Observation.objects.get(pk=first.pk)
    assert changed.value == Decimal("3806")
    revision = ObservationRevision.objects.get(observation=changed)
    assert revision.value == Decimal("3805")
    assert revision.retrieved_at == first.retrieved_at
    assert revision.replaced_at == changed.retrieved_at
    assert revision.replaced_at > revision.retrieved_at
    assert revision.load_id == first.load_id
    assert revision.replaced_by_id == changed.load_id


def test_errors_are_located_in_swedish_and_nothing_is_written(db: None) -> None:
    load(GOOD)
    before = snapshot()
    bad = GOOD + (
        "AF_SOKANDE,1282,2019-13,T,1,,AF,,\n"
        "AF_SOKANDE,9999,2019-06,K,1,,AF,,\n"
        "NYTT_ID,1282,2019-06,T,1,,AF,,\n"
        "AF_SOKANDE,1282,2019-06,Q,1,,AF,,\n"
        "AF_SOKANDE,1282,2017-06,T,12 34,,AF,,\n"
        "AF_SOKANDE,1282,2016-06,T,4,missing,AF,,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        load(bad.replace(",3805,", ",1,"), name="af.csv")
    located = {(p.row, p.column) for p in refused.value.problems}
    assert located == {
        (7, "period"),
        (8, "area"),
        (9, "indicator"),
        (10, "gender"),
        (11, "value"),
        (12, "status"),
    }
    assert all(p.file == "af.csv" for p in refused.value.problems)
    messages = " ".join(p.message for p in refused.value.problems)
    assert "Okänt område ”9999”" in messages
    assert "indicator_title" in messages
    assert snapshot() == before
    failed = DataLoad.objects.get(outcome="failed")
    assert failed.file_name == "af.csv"
    assert len(failed.errors) == 6


def test_duplicate_keys_are_refused(db: None) -> None:
    with pytest.raises(ImportRefused) as refused:
        load(GOOD + "AF_SOKANDE,1282,2019-06,T,3806,ok,Arbetsförmedlingen,,\n")
    (problem,) = refused.value.problems
    assert problem.row == 7
    assert "först rad 2" in problem.message
    assert Observation.objects.count() == 0


def test_xlsx_import_with_numbers_and_dates(db: None) -> None:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(HEADER.split(","))
    sheet.append(["X3", 1282, 2019, "T", 3805, None, "AF", "Test", "antal"])
    sheet.append(["X3", "1214", "2019", "K", 21.5, "ok", "AF", None, None])
    sheet.append(["X3", "1214", "2018", "K", "<5", None, "AF", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    warehouse.import_file("x.xlsx", buffer.getvalue())
    assert Observation.objects.count() == 3
    assert Observation.objects.get(area__code="1282", period="2019").value == Decimal("3805")
    assert Observation.objects.get(area__code="1214", period="2018").status == "suppressed"
    assert Observation.objects.get(area__code="1214", period="2019").value == Decimal("21.5")


# -- round trips ---------------------------------------------------------------------

codes = st.sampled_from(["AF_A", "AF_B", "SOS_C"])
values = st.one_of(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(
        lambda d: (fileformat.cells.format_value(d), "ok")
    ),
    st.sampled_from([("", "missing"), ("", "suppressed")]),
)
rows = st.lists(
    st.tuples(
        codes,
        st.sampled_from(["1282", "1214", "0012", "0000"]),
        st.sampled_from(["2018", "2019", "2019-06", "2019-05"]),
        st.sampled_from(["T", "K", "M"]),
        values,
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda r: r[:4],
)


def canonical(generated: list[tuple[str, str, str, str, tuple[str, str]]]) -> list[list[str]]:
    titles = {
        "AF_A": ("Sökande A", "antal"),
        "AF_B": ("Andel B", "andel (%)"),
        "SOS_C": ("Bistånd C", "antal"),
    }
    return sorted(
        [i, a, p, g, v, s, "Källa; med ”citat”, och komma", *titles[i]]
        for i, a, p, g, (v, s) in generated
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(generated=rows, fmt=st.sampled_from(["csv", "xlsx"]))
def test_export_of_import_is_the_file(db: None, tmp_path: Path, generated: list, fmt: str) -> None:
    Observation.objects.all().delete()
    table = canonical(generated)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADER.split(","))
        writer.writerows(table[::-1])  # any order in; canonical order out
        data = buffer.getvalue().encode("utf-8")
    else:
        book = Workbook()
        book.worksheets[0].append(HEADER.split(","))
        for row in table[::-1]:
            book.worksheets[0].append(row)
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    warehouse.import_file(f"f.{fmt}", data)
    target = tmp_path / f"out.{fmt}"
    call_command("export", "--format", fmt, "--out", str(target))
    if fmt == "csv":
        exported = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    else:
        sheet = load_workbook(target, read_only=True).worksheets[0]
        exported = [
            ["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)
        ]
    assert exported[0] == HEADER.split(",")
    assert exported[1:] == table


def test_demo_export_holds_the_2019_figures(
    cast: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from samordna.statistics import demo

    demo.load()
    call_command("export", "--area", "1282", "--period", "2019-06", "--format", "csv", "--out", "-")
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    landskrona = [r for r in exported if r["indicator"] == "AF_SOKANDE" and r["gender"] == "T"]
    assert [r["value"] for r in landskrona] == ["3805"]
    assert {r["area"] for r in exported} == {"1282"}
    assert {r["period"] for r in exported} == {"2019-06"}
    call_command("export", "--indicator", "FHM_OHALSOTAL_2024", "--period", "2018", "--out", "-")
    women = {
        r["area"]: Decimal(r["value"])
        for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
        if r["gender"] == "K"
    }
    assert women["1214"] == Decimal("21.5")
    assert women["0012"] == Decimal("11.0")


def test_import_command_reports_errors_and_exits(db: None, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nX,1282,2019,T,abc,,AF,T,antal\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 fel i bad.csv. Ingenting har sparats"):
        call_command("import", str(path))
    assert Observation.objects.count() == 0

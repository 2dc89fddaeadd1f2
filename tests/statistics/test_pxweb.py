"""PxWeb: the JSON-stat decoder on the recorded SCB table, and fetches from a local fake."""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from samordna.sources.jsonstat import Dataset, JsonStatError
from samordna.sources.pxweb import split
from samordna.statistics.models import DataLoad, Observation
from tests.fakes import FIXTURES, FakePxWeb

RAW = json.loads((FIXTURES / "pxweb/TAB6471_data.jsonstat2.json").read_text(encoding="utf-8"))


def test_decoder_reproduces_tab6471_cell_by_cell() -> None:
    dataset = Dataset(RAW)
    ids, sizes = RAW["id"], RAW["size"]
    assert [d.id for d in dataset.dimensions] == ids
    cells = list(dataset)
    assert len(cells) == math.prod(sizes) == len(RAW["value"]) == 2772
    # Row-major, last dimension fastest: position = Σ index(d) × Π sizes after d.
    for cell in cells:
        position = 0
        for dim, size in zip(ids, sizes, strict=True):
            position = position * size + RAW["dimension"][dim]["category"]["index"][cell.codes[dim]]
        assert cell.value == RAW["value"][position]
    # Read straight off the file: Stockholms län, 0–9 år, totalt, January 2026 is the first cell.
    assert (
        dataset.value(Region="01", Alder="0-9", Kon="TotSa", ContentsCode="000007SF", Tid="2026M01")
        == 245284
    )
    # …and Skåne (12), 20–29, kvinnor (2), April 2026 is where the strides put it.
    skane = RAW["dimension"]["Region"]["category"]["index"]["12"]
    age = RAW["dimension"]["Alder"]["category"]["index"]["20-29"]
    position = ((skane * 11 + age) * 3 + 2) * 1 * 4 + 3
    assert (
        dataset.value(Region="12", Alder="20-29", Kon="2", ContentsCode="000007SF", Tid="2026M04")
        == RAW["value"][position]
    )


def test_decoder_reads_sparse_values_array_indexes_and_status() -> None:
    document = {
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [2, 2],
        "dimension": {
            "Region": {
                "category": {"index": ["00", "12"], "label": {"00": "Riket", "12": "Skåne"}}
            },
            "Tid": {"category": {"index": {"2019": 0, "2020": 1}}},
        },
        "value": {"0": 1.5, "3": 7},
        "status": {"1": ".."},
    }
    cells = {(c.codes["Region"], c.codes["Tid"]): (c.value, c.status) for c in Dataset(document)}
    assert cells == {
        ("00", "2019"): (1.5, None),
        ("00", "2020"): (None, ".."),
        ("12", "2019"): (None, None),
        ("12", "2020"): (7, None),
    }


@pytest.mark.parametrize(
    "broken",
    [
        {"class": "collection"},
        {**RAW, "size": RAW["size"][:-1]},
        {**RAW, "value": RAW["value"][:-1]},
        {**RAW, "value": {"99999": 1}},
    ],
)
def test_decoder_refuses_what_it_cannot_read(broken: dict[str, object]) -> None:
    with pytest.raises(JsonStatError):
        Dataset(broken)


def test_queries_are_split_under_the_cell_limit() -> None:
    selection = {
        "Region": [f"{n:02d}" for n in range(21)],
        "Alder": list("abcdefghijk"),
        "Kon": ["1", "2", "T"],
    }
    parts = split(selection, 200)
    assert all(math.prod(len(v) for v in p.values()) <= 200 for p in parts)
    combos = {(r, a, k) for p in parts for r in p["Region"] for a in p["Alder"] for k in p["Kon"]}
    assert len(combos) == 21 * 11 * 3


def fetch_tab6471(*extra: str) -> None:
    call_command(
        "pxweb",
        "fetch",
        "--table",
        "TAB6471",
        "--indicator",
        "SCB_FOLKMANGD",
        "--title",
        "Folkmängd",
        "--unit",
        "antal",
        "--select",
        "Region=12,01",
        "--select",
        "Alder=*",
        "--select",
        "Kon=*",
        "--select",
        "Tid=*",
        *extra,
    )


def test_v2_fetch_splits_and_stores_every_cell(pxweb: FakePxWeb, db: None) -> None:
    fetch_tab6471()
    posts = [b for m, _p, b in pxweb.requests if m == "POST"]
    assert len(posts) > 1  # 2 × 11 × 3 × 4 = 264 cells over a limit of 200
    assert all(math.prod(len(s["valueCodes"]) for s in b["selection"]) <= 200 for b in posts)
    dataset = Dataset(RAW)
    stored = Observation.objects.filter(indicator__code__startswith="SCB_FOLKMANGD.")
    assert stored.count() == 2 * 11 * 3 * 4
    genders = {"TotSa": "T", "1": "M", "2": "K"}
    for obs in stored.select_related("area", "indicator"):
        age = obs.indicator.code.split(".", 1)[1]
        kon = next(code for code, g in genders.items() if g == obs.gender)
        tid = obs.period.replace("-", "M")
        region = {"0012": "12", "0001": "01"}[obs.area.code]
        raw = dataset.value(Region=region, Alder=age, Kon=kon, ContentsCode="000007SF", Tid=tid)
        assert obs.value == Decimal(raw)
        assert obs.source == "SCB"
    assert stored.filter(indicator__title="Folkmängd, 20-29 år").exists()


def test_v2_fetch_splits_again_on_403_and_retries_429(pxweb: FakePxWeb, db: None) -> None:
    pxweb.faults = ["", "", "403", "429"]  # config, metadata, then the first data query
    fetch_tab6471()
    assert Observation.objects.filter(indicator__code__startswith="SCB_FOLKMANGD.").count() == 264


def test_v2_fetch_writes_nothing_when_retries_run_out(pxweb: FakePxWeb, db: None) -> None:
    pxweb.faults = ["", "", ""] + ["500"] * 10
    with pytest.raises(CommandError, match="gav upp"):
        fetch_tab6471()
    assert Observation.objects.count() == 0
    assert not DataLoad.objects.filter(kind="pxweb").exists()


def test_unknown_variable_is_a_clear_error(pxweb: FakePxWeb, db: None) -> None:
    with pytest.raises(CommandError, match="ingen variabel ”Alder2”"):
        call_command(
            "pxweb",
            "fetch",
            "--table",
            "TAB6471",
            "--indicator",
            "X",
            "--title",
            "X",
            "--select",
            "Alder2=*",
        )


def test_v1_fetch_from_folkhalsomyndigheten(pxweb: FakePxWeb, db: None) -> None:
    call_command(
        "pxweb",
        "fetch",
        "--dialect",
        "v1",
        "--url",
        f"{pxweb.url}{FakePxWeb.V1_TABLE}",
        "--indicator",
        "FHM_MOBBAD",
        "--title",
        "Mobbad i skolan",
        "--unit",
        "andel (%)",
        "--select",
        "Region=00,21",
        "--select",
        "Hur ofta=2-3 ggr/månad",
        "--select",
        "Ålder=13",
        "--select",
        "Kön=1",
        "--select",
        "Kategori=*",
        "--select",
        "År=2021-2022",
    )
    stored = dict(Observation.objects.values_list("area__code", "value"))
    assert stored == {"0000": Decimal(4), "0021": Decimal(5)}
    assert set(Observation.objects.values_list("gender", "period", "source")) == {
        ("M", "2022", "Folkhälsomyndigheten")
    }

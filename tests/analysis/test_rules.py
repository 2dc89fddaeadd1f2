"""Each flag rule on small frames written for the test."""

from __future__ import annotations

import polars as pl
import pytest

from samordna.analysis import compare, flags, synthesis
from samordna.analysis.sentences import number, percent
from samordna.analysis.spec import AnalysisSpec, Derived, IndicatorSpec, Thresholds

NAMES = {"A": "Aby", "B": "Bby", "C": "Cby", "R": "Regionen", "N": "Riket"}


def frame(rows: list[tuple[str, str, str, str, float | None]]) -> pl.DataFrame:
    return compare.observations(
        [
            {
                "indicator": i,
                "area": a,
                "period": p,
                "gender": g,
                "value": v,
                "ref": f"{i}{a}{p}{g}",
            }
            for i, a, p, g, v in rows
        ]
    )


def spec(*indicators: IndicatorSpec, **kwargs: object) -> AnalysisSpec:
    return AnalysisSpec(
        members=("A", "B"),
        region="R",
        nation="N",
        indicators=indicators,
        names=NAMES,
        **kwargs,  # type: ignore[arg-type]
    )


def rules_of(result: synthesis.Analysis, area: str) -> set[str]:
    return {r for f in result.flags if f.area == area for r in f.rules}


def test_swedish_numbers() -> None:
    assert number(3805) == "3\u00a0805"
    assert percent(6.0) == "6,0\u00a0%"
    assert percent(-8.6) == "\u22128,6\u00a0%"
    assert number(None) == "–"


def test_deviation_needs_ratio_and_difference_and_never_compares_counts() -> None:
    rate = IndicatorSpec("X", "Andel x", "andel (%)", "work")
    count = IndicatorSpec("Y", "Antal y", "antal", "work", is_count=True)
    rows = [
        ("X", "A", "2019", "T", 30.0), ("X", "B", "2019", "T", 10.5), ("X", "R", "2019", "T", 10.0),
        ("Y", "A", "2019", "T", 3000.0), ("Y", "B", "2019", "T", 100.0),
        ("Y", "R", "2019", "T", 10.0),
    ]  # fmt: skip
    result = synthesis.run(frame(rows), spec(rate, count))
    assert rules_of(result, "A") >= {"deviation"}
    assert not any(f.indicator == "Y" and "deviation" in f.rules for f in result.flags)
    # 10.5 against 10.0 is neither 20 % nor 2 points off: no deviation for B against the region.
    found = flags.with_codes(flags.findings(result.comparisons, result.spec), result.comparisons)
    b = found.filter((pl.col("area") == "B") & (pl.col("rule") == "deviation"))
    assert set(b["reference"].to_list()) == {"other_members"}


def test_missing_is_never_zero() -> None:
    rate = IndicatorSpec("X", "Andel x", "andel (%)", "work")
    rows = [
        ("X", "A", "2019", "T", None),
        ("X", "B", "2019", "T", 10.0),
        ("X", "R", "2019", "T", 10.0),
    ]
    result = synthesis.run(frame(rows), spec(rate))
    assert not [f for f in result.flags if f.area == "A"]


def test_gender_over_representation_needs_a_base() -> None:
    count = IndicatorSpec("Y", "Antal y", "antal", "livelihood", is_count=True)
    rows = [
        ("Y", "A", "2019", "K", 7.0), ("Y", "A", "2019", "M", 39.0),
        ("Y", "B", "2019", "K", 2.0), ("Y", "B", "2019", "M", 9.0),
    ]  # fmt: skip
    result = synthesis.run(frame(rows), spec(count))
    flagged = [f for f in result.flags if "gender" in f.rules]
    assert [(f.area, f.gender) for f in flagged] == [("A", "M")]
    assert "är 85\u00a0% män (39 av 46," in flagged[0].sentence


def test_a_trend_against_every_other_series() -> None:
    change = IndicatorSpec("C", "Förändring, %", "%", "work", kind="change")
    other = IndicatorSpec("D", "Annan förändring, %", "%", "work", kind="change")
    rows = [
        ("C", "A", "2019", "K", -3.0), ("C", "A", "2019", "M", -5.0),
        ("C", "B", "2019", "K", 4.4), ("C", "B", "2019", "M", -1.0),
        ("D", "A", "2019", "K", -2.0), ("D", "A", "2019", "M", -8.0),
        ("D", "B", "2019", "K", -6.0), ("D", "B", "2019", "M", -9.0),
    ]  # fmt: skip
    result = synthesis.run(frame(rows), spec(change, other))
    opposite = [f for f in result.flags if "opposite" in f.rules]
    assert [(f.indicator, f.area, f.gender) for f in opposite] == [("C", "B", "K")]
    assert "medan alla övriga 7 jämförbara serier minskade" in opposite[0].sentence


def test_thresholds_live_in_the_spec() -> None:
    rate = IndicatorSpec("X", "Andel x", "andel (%)", "work")
    rows = [
        ("X", "A", "2019", "T", 13.0),
        ("X", "B", "2019", "T", 10.0),
        ("X", "R", "2019", "T", 10.0),
    ]
    loose = synthesis.run(frame(rows), spec(rate, thresholds=Thresholds(ratio=1.2)))
    strict = synthesis.run(frame(rows), spec(rate, thresholds=Thresholds(ratio=1.5)))
    assert "deviation" in rules_of(loose, "A")
    assert "deviation" not in rules_of(strict, "A")


def test_derived_share_and_forbund_total_from_gender_parts() -> None:
    long = IndicatorSpec("L", "Långtidsarbetslösa", "antal", "work", is_count=True, key=True)
    all_ = IndicatorSpec("S", "Sökande", "antal", "work", is_count=True)
    derived = Derived("LS", "Andel långtidsarbetslösa", ("L",), ("S",), "work", key=True)
    rows = [
        ("L", "A", "2019", "K", 579.0), ("L", "A", "2019", "M", 507.0),
        ("L", "B", "2019", "K", 80.0), ("L", "B", "2019", "M", 81.0),
        ("S", "A", "2019", "K", 1158.0), ("S", "A", "2019", "M", 1142.0),
        ("S", "B", "2019", "K", 181.0), ("S", "B", "2019", "M", 194.0),
    ]  # fmt: skip
    result = synthesis.run(frame(rows), spec(long, all_, derived=(derived,)))
    text = " ".join(s.text for s in result.groups["work"])
    assert "I förbundet fanns 1\u00a0247" in text
    assert "varav 1\u00a0086 i Aby och 161 i Bby" in text
    assert "47\u00a0% i Aby och 43\u00a0% i Bby" in text


@pytest.mark.parametrize("value", [None, 0.0])
def test_no_total_when_a_member_lacks_the_figure(value: float | None) -> None:
    count = IndicatorSpec("Y", "Antal y", "antal", "work", is_count=True, key=True)
    rows = [("Y", "A", "2019", "T", 100.0), ("Y", "B", "2019", "T", value)]
    result = synthesis.run(frame(rows), spec(count))
    totals = result.totals.filter(pl.col("indicator") == "Y")
    assert totals.height == (1 if value == 0.0 else 0)

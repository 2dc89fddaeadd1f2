"""The flag engine finds exactly the flags of an independent implementation.

``benchmarks/pandas_reference.py`` computes the same comparisons, rules and ranking with
pandas merges and group-bys, written apart from ``samordna.analysis``. On a generated
frame of the national shape (riket, every region, 40 kommuner each beside its 7 nearest,
12 indicators of which 4 counts, 6 years, three genders, one value in 53 missing) every
flag must be the same figure with the same strength, in the same order.
"""

from __future__ import annotations

import math

import pandas as pd
from benchmarks import pandas_reference
from benchmarks.analysis_bench import national

from samordna.analysis import compare, flags


def test_every_flag_equals_the_pandas_reference() -> None:
    frame, spec = national(areas=40, indicators=12, years=6)
    prepared = compare.prepare(frame, spec)
    comparisons = compare.comparisons(prepared, spec)
    ranked = flags.rank(flags.findings(comparisons, spec), comparisons)

    source = pd.DataFrame({c: frame[c].to_numpy() for c in frame.columns if c != "refs"})
    reference = pandas_reference.run(source, spec)

    ours = {
        (r["indicator"], r["area"], r["period"], r["gender"]): r["strength"]
        for r in ranked.iter_rows(named=True)
    }
    theirs = {(r.indicator, r.area, r.period, r.gender): r.strength for r in reference.itertuples()}
    assert len(ours) > 1_000  # enough flags of every rule to compare
    assert ours.keys() == theirs.keys()
    different = [k for k in ours if not math.isclose(ours[k], theirs[k], rel_tol=1e-9)]
    assert different == []
    assert {r for rules in ranked["rules"] for r in rules} == {
        "deviation",
        "opposite",
        "gender",
        "change",
        "extreme",
    }

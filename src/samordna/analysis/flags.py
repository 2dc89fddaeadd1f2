"""The flag engine: general rules over the comparisons, ranked by strength.

Five rules, each vectorised over the whole frame (docs/analysis.md has the
definitions); their thresholds and weights are in :class:`Thresholds`:

``deviation``
    A rate, share or mean (never a count) differs from a reference — the
    region, riket, the mean of the comparison kommuner, the "liknande kommuner"
    group or the other member kommuner — by at least ``ratio`` and
    ``min_difference``. Strength: |ln(value / reference)|, summed over the
    references that agree.
``opposite``
    A series lies on the other side of every other comparable series: a
    member's deviation from the region (or riket) in the opposite direction to
    all other members and genders of the indicator, or a change (rise or fall)
    opposite to every other change of the same needs group and unit. At most
    ``opposite_max_share`` of the series may be in the minority.
``gender``
    In a count, one gender is at least ``gender_share`` of women and men
    together, with at least ``min_base`` people.
``change``
    A change of at least ``change_pct`` percent since the previous period.
``extreme``
    The highest or lowest of every value it is compared with.

A flag is one figure (indicator × area × period × gender) with its findings;
its strength is the weighted sum of its findings' strengths. Sentences are
written by :mod:`samordna.analysis.sentences` for the flags that are shown.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl

from samordna.analysis.compare import KEY
from samordna.analysis.spec import AnalysisSpec

REFERENCES = ("region", "nation", "peer_mean", "similar", "other_members")
RULES = ("deviation", "opposite", "gender", "change", "extreme")  # the order of findings
RULE = pl.Enum(RULES)
REFERENCE = pl.Enum([*REFERENCES, "trend", "other_gender", "previous", "highest", "lowest"])
# A finding names its comparisons row; its codes are read from there (with_codes).
FINDING_COLUMNS: dict[str, pl.DataType | type[pl.DataType]] = {
    "_row": pl.UInt32,
    "rule": RULE,
    "strength": pl.Float64,
    "value": pl.Float64,
    "reference": REFERENCE,
    "reference_value": pl.Float64,
    "share": pl.Float64,
    "count": pl.Int64,
    "of": pl.Int64,
}


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        [
            (pl.col(name) if name in frame.columns else pl.lit(None)).cast(kind).alias(name)
            for name, kind in FINDING_COLUMNS.items()
        ]
    )


def with_codes(found: pl.DataFrame, comparisons: pl.DataFrame) -> pl.DataFrame:
    """The findings with the indicator, area, period and gender of their rows, as text."""
    codes = comparisons.select(KEY)[found["_row"]]
    return pl.concat([found.select("_row"), codes, found.drop("_row")], how="horizontal")


def _kinds(
    spec: AnalysisSpec,
) -> tuple[list[str], list[str], list[str], dict[str, str], dict[str, str]]:
    indicators = spec.all_indicators()
    counts = [i.code for i in indicators if i.is_count]
    levels = [i.code for i in indicators if i.kind == "level" and not i.is_count]
    changes = [i.code for i in indicators if i.kind == "change"]
    groups = {i.code: i.needs_group for i in indicators}
    units = {i.code: i.unit for i in indicators}
    return counts, levels, changes, groups, units


Index = dict[str, int]


def indicator_index(comparisons: pl.DataFrame) -> Index:
    """Indicator id → the integer code its rows carry (``_indicator``)."""
    pairs = comparisons.lazy().select("indicator", "_indicator").unique(subset="_indicator")
    return dict(pairs.collect().iter_rows())


def _among(index: Index, names: list[str]) -> pl.Expr:
    """The row's indicator is one of ``names``: a test on its integer code."""
    return pl.col("_indicator").is_in([index[n] for n in names if n in index])


def _rows(comparisons: pl.DataFrame, where: pl.Expr, *columns: str) -> pl.DataFrame:
    """The comparisons rows that match, with only the columns a rule reads: the text
    codes are read by the filter but not copied."""
    return comparisons.lazy().filter(where).select("_row", *columns).collect()


def deviation(
    comparisons: pl.DataFrame, spec: AnalysisSpec, index: Index | None = None
) -> pl.DataFrame:
    t = spec.thresholds
    _counts, levels, _changes, _g, _u = _kinds(spec)
    index = index or indicator_index(comparisons)
    frame = _rows(comparisons, _among(index, levels) & (pl.col("value") > 0), "value", *REFERENCES)
    # One column per reference: its |ln ratio| when it is a finding, else 0.
    strengths = [
        pl.when(
            (pl.col(ref) > 0)
            & ((pl.col("value") / pl.col(ref)).log().abs() >= math.log(t.ratio))
            & ((pl.col("value") - pl.col(ref)).abs() >= t.min_difference)
        )
        .then((pl.col("value") / pl.col(ref)).log().abs())
        .otherwise(0.0)
        .fill_null(0.0)
        .alias(f"_s_{ref}")
        for ref in REFERENCES
    ]
    scored = (
        frame.with_columns(strengths)
        .with_columns(
            pl.sum_horizontal([f"_s_{ref}" for ref in REFERENCES]).alias("strength"),
            pl.max_horizontal([f"_s_{ref}" for ref in REFERENCES]).alias("_best"),
            pl.sum_horizontal([pl.col(f"_s_{ref}") > 0 for ref in REFERENCES])
            .cast(pl.Int64)
            .alias("count"),
        )
        .filter(pl.col("strength") > 0)
    )
    # The strongest reference speaks for the finding; the others that agree add to it.
    best = pl.lit(None, dtype=REFERENCE)
    best_value = pl.lit(None, dtype=pl.Float64)
    for ref in reversed(REFERENCES):
        chosen = pl.col(f"_s_{ref}") == pl.col("_best")
        best = pl.when(chosen).then(pl.lit(ref, dtype=REFERENCE)).otherwise(best)
        best_value = pl.when(chosen).then(pl.col(ref)).otherwise(best_value)
    return _finish(
        scored.with_columns(
            best.alias("reference"),
            best_value.alias("reference_value"),
            pl.lit("deviation", dtype=RULE).alias("rule"),
            pl.col("strength") * t.weight_deviation,
        )
    )


def _minority(
    frame: pl.DataFrame, group: list[str], t_share: float, min_series: int
) -> pl.DataFrame:
    """Rows whose sign is shared by at most ``t_share`` of their group, all others opposite."""
    return (
        frame.filter(pl.col("sign") != 0)
        .with_columns(
            pl.len().over(group).alias("of"),
            pl.len().over([*group, "sign"]).alias("count"),
        )
        .filter((pl.col("of") >= min_series) & (pl.col("count") <= pl.col("of") * t_share))
    )


def opposite(
    comparisons: pl.DataFrame, spec: AnalysisSpec, index: Index | None = None
) -> pl.DataFrame:
    t = spec.thresholds
    counts, levels, changes, groups, units = _kinds(spec)
    index = index or indicator_index(comparisons)
    # Levels: the deviation from the region (else riket) of every member and gender.
    reference = pl.coalesce(["region", "nation"])
    level = (
        _rows(
            comparisons,
            _among(index, levels) & (pl.col("value") > 0) & (reference > 0),
            "_indicator",
            "_period",
            "value",
            "region",
            "nation",
        )
        .with_columns(
            reference.alias("reference_value"),
            pl.when(pl.col("region").is_not_null())
            .then(pl.lit("region", dtype=REFERENCE))
            .otherwise(pl.lit("nation", dtype=REFERENCE))
            .alias("reference"),
            (pl.col("value") / reference).log().alias("log_ratio"),
        )
        .with_columns(pl.col("log_ratio").sign().cast(pl.Int64).alias("sign"))
    )
    level = _minority(
        level, ["_indicator", "_period"], t.opposite_max_share, t.opposite_min_series
    ).filter(pl.col("log_ratio").abs() >= math.log(t.opposite_min_ratio))
    level = level.with_columns(
        (
            t.weight_opposite
            * (1 - pl.col("count") / pl.col("of"))
            * (pl.col("log_ratio").abs() / math.log(t.ratio)).clip(upper_bound=1.0)
        ).alias("strength")
    )
    # Changes: change indicators as given, and the change of counts since the previous period.
    given = _rows(comparisons, _among(index, changes), "_indicator", "_period", "value")
    given = given.with_columns(pl.col("value").alias("movement"))
    computed = _rows(
        comparisons,
        _among(index, counts) & pl.col("change_pct").is_not_null(),
        "_indicator",
        "_period",
        "value",
        "change_pct",
    ).select("_row", "_indicator", "_period", "value", pl.col("change_pct").alias("movement"))
    # Series move together within a needs group and unit (a change indicator's own unit,
    # else percent): one small integer per indicator code.
    kinds: dict[tuple[str, str], int] = {}
    trend_group = {
        code: kinds.setdefault(
            (groups.get(name, ""), units.get(name, "") if name in changes else "%"), len(kinds)
        )
        for name, code in index.items()
    }
    moves = pl.concat([given, computed], how="vertical_relaxed").with_columns(
        pl.col("_indicator").replace_strict(trend_group, return_dtype=pl.UInt32).alias("_trend"),
        pl.col("movement").sign().cast(pl.Int64).alias("sign"),
    )
    trend = _minority(
        moves,
        ["_trend", "_period"],
        t.opposite_max_share,
        t.opposite_min_series,
    ).with_columns(
        (t.weight_opposite * (1 - pl.col("count") / pl.col("of"))).alias("strength"),
        pl.col("movement").alias("reference_value"),
        pl.lit("trend", dtype=REFERENCE).alias("reference"),
    )
    found = pl.concat([_finish(level), _finish(trend)], how="vertical_relaxed")
    return found.with_columns(pl.lit("opposite", dtype=RULE).alias("rule"))


def gender(
    comparisons: pl.DataFrame, spec: AnalysisSpec, index: Index | None = None
) -> pl.DataFrame:
    """In a count, women or men at least ``gender_share`` of both (members' own rows)."""
    t = spec.thresholds
    counts = [i.code for i in spec.all_indicators() if i.is_count]
    index = index or indicator_index(comparisons)
    pair = ["_indicator", "_member", "_period"]

    def side(code: str, name: str) -> pl.DataFrame:
        rows = _rows(
            comparisons,
            _among(index, counts) & (pl.col("gender") == code),
            *pair,
            "value",
        )
        return rows.rename({"_row": f"_row_{name}", "value": name})

    both = (
        side("K", "k")
        .join(side("M", "m"), on=pair)
        .filter((pl.col("k") + pl.col("m")) >= t.min_base)
    )
    both = both.with_columns((pl.col("k") / (pl.col("k") + pl.col("m"))).alias("women_share"))
    found = both.filter(
        (pl.col("women_share") >= t.gender_share) | (pl.col("women_share") <= 1 - t.gender_share)
    )
    women = pl.col("women_share") >= 0.5
    return _finish(
        found.with_columns(
            pl.when(women).then("_row_k").otherwise("_row_m").alias("_row"),
            pl.when(women).then("k").otherwise("m").alias("value"),
            pl.when(women).then("m").otherwise("k").alias("reference_value"),
            pl.lit("other_gender", dtype=REFERENCE).alias("reference"),
            pl.max_horizontal(pl.col("women_share"), 1 - pl.col("women_share")).alias("share"),
            (pl.col("k") + pl.col("m")).cast(pl.Int64).alias("of"),
            pl.lit("gender", dtype=RULE).alias("rule"),
        ).with_columns(((pl.col("share") - 0.5) * 2 * t.weight_gender).alias("strength"))
    )


def change(
    comparisons: pl.DataFrame, spec: AnalysisSpec, index: Index | None = None
) -> pl.DataFrame:
    t = spec.thresholds
    counts, levels, changes, _g, units = _kinds(spec)
    percent_changes = [
        c for c in changes if "%" in units.get(c, "") and "enhet" not in units.get(c, "")
    ]
    index = index or indicator_index(comparisons)
    computed = _rows(
        comparisons,
        _among(index, counts + levels)
        & pl.col("change_pct").is_not_null()
        & (pl.max_horizontal("value", "prev_value") >= t.min_base),
        "value",
        "change_pct",
        "prev_value",
    ).select(
        "_row",
        "value",
        pl.col("change_pct").alias("movement"),
        pl.col("prev_value").alias("reference_value"),
    )
    given = _rows(comparisons, _among(index, percent_changes), "value").select(
        "_row",
        "value",
        pl.col("value").alias("movement"),
        pl.lit(None, dtype=pl.Float64).alias("reference_value"),
    )
    moves = pl.concat([computed, given], how="vertical_relaxed").filter(
        pl.col("movement").abs() >= t.change_pct
    )
    return _finish(
        moves.with_columns(
            pl.lit("change", dtype=RULE).alias("rule"),
            pl.lit("previous", dtype=REFERENCE).alias("reference"),
            ((pl.col("movement").abs() / 100).clip(upper_bound=1.0) * t.weight_change).alias(
                "strength"
            ),
            pl.col("movement").alias("share"),
        )
    )


def extreme(
    comparisons: pl.DataFrame, spec: AnalysisSpec, index: Index | None = None
) -> pl.DataFrame:
    t = spec.thresholds
    _counts, levels, _changes, _g, _u = _kinds(spec)
    others = ["region", "nation", "peer_min", "peer_max", "similar", "other_members"]
    index = index or indicator_index(comparisons)
    frame = _rows(
        comparisons, _among(index, levels) & (pl.col("value") > 0), "value", *others
    ).with_columns(
        pl.max_horizontal(others).alias("top"),
        pl.min_horizontal(others).alias("bottom"),
        pl.sum_horizontal([pl.col(c).is_not_null() for c in others]).alias("of"),
    )
    frame = frame.filter((pl.col("of") + 1) >= t.extreme_min_values)
    highest = frame.filter(pl.col("value") > pl.col("top")).with_columns(
        pl.col("top").alias("reference_value"),
        pl.lit("highest", dtype=REFERENCE).alias("reference"),
    )
    lowest = frame.filter((pl.col("value") < pl.col("bottom")) & (pl.col("bottom") > 0))
    lowest = lowest.with_columns(
        pl.col("bottom").alias("reference_value"),
        pl.lit("lowest", dtype=REFERENCE).alias("reference"),
    )
    both = pl.concat([highest, lowest], how="vertical_relaxed")
    return _finish(
        both.with_columns(
            pl.lit("extreme", dtype=RULE).alias("rule"),
            ((pl.col("value") / pl.col("reference_value")).log().abs() * t.weight_extreme).alias(
                "strength"
            ),
        )
    )


def findings(comparisons: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Every finding of every rule, one row each, naming its comparisons row (``_row``);
    :func:`with_codes` adds the indicator, area, period and gender."""
    index = indicator_index(comparisons)
    return pl.concat(
        [rule(comparisons, spec, index) for rule in (deviation, opposite, gender, change, extreme)],
        how="vertical_relaxed",
    )


def rank(found: pl.DataFrame, comparisons: pl.DataFrame) -> pl.DataFrame:
    """One flag per figure: its findings' strengths summed, strongest first.

    Findings are summed by their comparisons row (one integer; ``np.bincount`` adds
    them in the order of the findings) and the figure's codes and value are read back
    by that row; ties are broken by the row: deterministic, and numbers sort fast.
    ``rules`` lists the rules that found the figure, in the order of :data:`RULES` (a
    rule finds a figure at most once).
    """
    rows = found["_row"].to_numpy()
    size = comparisons.height
    strength = np.bincount(rows, weights=found["strength"].to_numpy(), minlength=size)
    pattern = np.zeros(size, dtype=np.int64)
    for bit, name in enumerate(RULES):
        pattern[rows[(found["rule"] == name).to_numpy()]] |= 1 << bit
    flagged = np.flatnonzero(pattern)
    order = (
        pl.DataFrame({"strength": strength[flagged], "row": flagged})
        .sort(["strength", "row"], descending=[True, False])["row"]
        .to_numpy()
    )
    lists = pl.Series(
        [[name for bit, name in enumerate(RULES) if p & (1 << bit)] for p in range(32)],
        dtype=pl.List(pl.Utf8),
    )
    codes = comparisons.select(*KEY, "value")[order]
    return pl.concat(
        [
            codes.select(KEY),
            pl.DataFrame(
                {
                    "strength": strength[order],
                    "value": codes["value"],
                    "rules": lists.gather(pattern[order]),
                }
            ),
        ],
        how="horizontal",
    ).with_row_index("rank", offset=1)

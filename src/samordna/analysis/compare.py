"""Comparisons: each member kommun beside its peers, the region and riket, over time and gender.

All frames are long: one row per indicator × area × period × gender. ``value``
is null for missing and suppressed figures; nothing here turns null into 0,
and no rate is ever summed (only indicators marked ``is_count`` are).
``refs`` lists the observations a value was computed from, so every figure
can be traced back to its source.
"""

from __future__ import annotations

import polars as pl

from samordna.analysis.spec import AnalysisSpec

KEY = ["indicator", "area", "period", "gender"]
CODES = ["indicator", "area", "gender"]
SCHEMA = {
    "indicator": pl.Utf8,
    "area": pl.Utf8,
    "period": pl.Utf8,
    "gender": pl.Utf8,
    "value": pl.Float64,
    "status": pl.Utf8,
}


def observations(rows: list[dict[str, object]] | pl.DataFrame) -> pl.DataFrame:
    """A frame of observations in the analysis schema, with a ``refs`` list per row."""
    frame = rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows, infer_schema_length=None)
    frame = frame.with_columns(
        [pl.col(name).cast(kind) for name, kind in SCHEMA.items() if name in frame.columns]
    )
    if "status" not in frame.columns:
        frame = frame.with_columns(
            pl.when(pl.col("value").is_null())
            .then(pl.lit("missing"))
            .otherwise(pl.lit("ok"))
            .alias("status")
        )
    if "refs" not in frame.columns:
        if "ref" in frame.columns:
            frame = frame.with_columns(pl.concat_list([pl.col("ref").cast(pl.Utf8)]).alias("refs"))
        else:
            frame = frame.with_columns(pl.lit([], dtype=pl.List(pl.Utf8)).alias("refs"))
    return frame.select([*SCHEMA, "refs"])


def gender_totals(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """For counts given only by gender, the total T = K + M (only when both are known)."""
    counts = [i.code for i in spec.indicators if i.is_count]
    split = frame.filter(pl.col("indicator").is_in(counts) & pl.col("gender").is_in(["K", "M"]))
    summed = (
        split.group_by(["indicator", "area", "period"])
        .agg(
            pl.col("value").sum().alias("value"),
            pl.col("value").is_not_null().sum().alias("known"),
            pl.len().alias("n"),
            pl.col("refs").list.explode(keep_nulls=False, empty_as_null=False).alias("refs"),
        )
        .filter((pl.col("known") == 2) & (pl.col("n") == 2))
        .with_columns(pl.lit("T").alias("gender"), pl.lit("sum").alias("status"))
    )
    have = frame.filter(pl.col("gender") == "T").select(["indicator", "area", "period"])
    missing_total = summed.join(have, on=["indicator", "area", "period"], how="anti")
    return pl.concat([frame, missing_total.select(frame.columns)], how="vertical_relaxed")


def derive(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Add the derived shares of the spec (declarative; no indicator is special-cased)."""
    parts = [frame]
    for derived in spec.derived:
        sides = []
        for name, codes in (("num", derived.numerator), ("den", derived.denominator)):
            side = (
                frame.filter(pl.col("indicator").is_in(list(codes)))
                .group_by(["area", "period", "gender"])
                .agg(
                    pl.col("value").sum().alias(name),
                    pl.col("value").is_not_null().sum().alias(f"{name}_known"),
                    pl.col("refs")
                    .list.explode(keep_nulls=False, empty_as_null=False)
                    .alias(f"{name}_refs"),
                )
                .filter(pl.col(f"{name}_known") == len(codes))
            )
            sides.append(side)
        joined = sides[0].join(sides[1], on=["area", "period", "gender"], how="inner")
        parts.append(
            joined.filter(pl.col("den") > 0).select(
                pl.lit(derived.code).alias("indicator"),
                "area",
                "period",
                "gender",
                (pl.col("num") / pl.col("den") * derived.scale).alias("value"),
                pl.lit("derived").alias("status"),
                pl.concat_list(["num_refs", "den_refs"]).alias("refs"),
            )
        )
    return pl.concat(parts, how="vertical_relaxed")


def prepare(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Known indicators only, gender totals for counts, derived shares; periods as specified."""
    codes = [i.code for i in spec.indicators]
    frame = frame.filter(pl.col("indicator").is_in(codes))
    if spec.periods:
        frame = frame.filter(pl.col("period").is_in(list(spec.periods)))
    return derive(gender_totals(frame, spec), spec)


def _pairs(mapping: dict[str, tuple[str, ...]] | dict[str, str], name: str) -> pl.DataFrame:
    members, others = [], []
    for member, values in mapping.items():
        for other in (values,) if isinstance(values, str) else values:
            members.append(member)
            others.append(other)
    return pl.DataFrame(
        {"area": members, name: others}, schema={"area": pl.Categorical, name: pl.Categorical}
    )


def comparisons(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """One row per indicator × member × period × gender with every comparison beside it.

    Codes are categorical while the frame is joined and grouped (integer keys
    are several times faster than strings at national scale) and text again
    in the result, so ordering never depends on the order categories were met.
    """
    frame = frame.with_columns(pl.col(CODES).cast(pl.Categorical))
    values = frame.select([*KEY, "value"])
    on = ["indicator", "period", "gender"]
    base = frame.filter(pl.col("area").is_in(list(spec.members)))
    regions = _pairs(spec.member_regions or dict.fromkeys(spec.members, spec.region), "ref_area")
    base = (
        base.join(regions, on="area", how="left")
        .join(
            values.rename({"area": "ref_area", "value": "region"}),
            on=[*on, "ref_area"],
            how="left",
        )
        .drop("ref_area")
    )
    nation = values.filter(pl.col("area") == spec.nation).select(
        [*on, pl.col("value").alias("nation")]
    )
    base = base.join(nation, on=on, how="left")
    spread = _peer_spread(values, spec)
    if spread is not None:
        base = base.join(spread, on=KEY, how="left")
    else:
        base = base.with_columns(
            pl.lit(None, dtype=pl.Float64).alias(name)
            for name in ("peer_mean", "peer_min", "peer_max")
        ).with_columns(pl.lit(0, dtype=pl.UInt32).alias("peer_n"))
    similar = _pairs(spec.similar, "group")
    group_values = similar.join(values.rename({"area": "group"}), on="group", how="inner").select(
        [*KEY, pl.col("value").alias("similar")]
    )
    base = base.join(group_values, on=KEY, how="left")
    # The mean of the other members, from the members' sum: linear, not a self-join.
    members = values.filter(pl.col("area").is_in(list(spec.members)))
    sums = members.group_by(on).agg(
        pl.col("value").sum().alias("_sum"), pl.col("value").is_not_null().sum().alias("_n")
    )
    base = (
        base.join(sums, on=on, how="left")
        .with_columns(
            pl.when(pl.col("value").is_not_null() & (pl.col("_n") > 1))
            .then((pl.col("_sum") - pl.col("value")) / (pl.col("_n") - 1))
            .when(pl.col("value").is_null() & (pl.col("_n") > 0))
            .then(pl.col("_sum") / pl.col("_n"))
            .otherwise(None)
            .alias("other_members")
        )
        .drop("_sum", "_n")
    )
    # with_change leaves the rows sorted by series and period; "_row" names each row so
    # the flag engine can sum findings by one integer instead of four codes.
    return with_change(base).with_columns(pl.col(CODES).cast(pl.Utf8)).with_row_index("_row")


def _peer_spread(values: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame | None:
    """Mean, min, max and count of each member's comparison kommuner.

    The values are pivoted to one column per area, so each member's statistics
    are horizontal expressions over its few peer columns; no row is copied
    per peer (a national run would otherwise join millions of rows).
    """
    on = ["indicator", "period", "gender"]
    wide = values.with_columns(pl.col("area").cast(pl.Utf8)).pivot(
        on="area", index=on, values="value"
    )
    present = set(wide.columns)
    peers = {
        member: [p for p in chosen if p in present]
        for member, chosen in spec.comparisons.items()
        if member in spec.members
    }
    peers = {m: cols for m, cols in peers.items() if cols}
    if not peers:
        return None
    statistics = {
        "peer_mean": lambda cols: pl.mean_horizontal(cols),
        "peer_min": lambda cols: pl.min_horizontal(cols),
        "peer_max": lambda cols: pl.max_horizontal(cols),
        "peer_n": lambda cols: pl.sum_horizontal([pl.col(c).is_not_null() for c in cols]).cast(
            pl.UInt32
        ),
    }
    parts = [
        wide.select([*on, *(make(cols).alias(m) for m, cols in peers.items())]).unpivot(
            index=on, variable_name="area", value_name=name
        )
        for name, make in statistics.items()
    ]
    # Every part has the same index and columns, so their rows line up.
    spread = parts[0].with_columns(*(part[part.columns[-1]] for part in parts[1:]))
    return spread.with_columns(pl.col(CODES).cast(pl.Categorical))


def with_change(frame: pl.DataFrame) -> pl.DataFrame:
    """The previous period of the same kind (year or month) and the change since it."""
    series = ["indicator", "area", "gender", "period_kind"]
    ordered = frame.with_columns(pl.col("period").str.len_chars().alias("period_kind")).sort(
        [*series, "period"]
    )
    return (
        ordered.with_columns(
            pl.col("period").shift(1).over(series).alias("prev_period"),
            pl.col("value").shift(1).over(series).alias("prev_value"),
        )
        .with_columns((pl.col("value") - pl.col("prev_value")).alias("change"))
        .with_columns(
            pl.when(pl.col("prev_value") != 0)
            .then(pl.col("change") / pl.col("prev_value").abs() * 100)
            .otherwise(None)
            .alias("change_pct")
        )
        .drop("period_kind")
    )


def gender_split(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Women and men side by side: gap (K − M), ratio (K / M) and, for counts, women's share."""
    counts = {i.code for i in spec.all_indicators() if i.is_count}
    women = frame.filter(pl.col("gender") == "K").select(
        [
            "indicator",
            "area",
            "period",
            pl.col("value").alias("women"),
            pl.col("refs").alias("women_refs"),
        ]
    )
    men = frame.filter(pl.col("gender") == "M").select(
        [
            "indicator",
            "area",
            "period",
            pl.col("value").alias("men"),
            pl.col("refs").alias("men_refs"),
        ]
    )
    both = women.join(men, on=["indicator", "area", "period"], how="inner")
    return both.with_columns(
        (pl.col("women") - pl.col("men")).alias("gap"),
        pl.when(pl.col("men") != 0)
        .then(pl.col("women") / pl.col("men"))
        .otherwise(None)
        .alias("ratio"),
        pl.when(pl.col("indicator").is_in(list(counts)) & ((pl.col("women") + pl.col("men")) > 0))
        .then(pl.col("women") / (pl.col("women") + pl.col("men")))
        .otherwise(None)
        .alias("women_share"),
    )


def forbund_totals(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """For counts only: the sum over the member kommuner, when every member has a value."""
    counts = [i.code for i in spec.all_indicators() if i.is_count]
    members = frame.filter(
        pl.col("indicator").is_in(counts) & pl.col("area").is_in(list(spec.members))
    )
    return (
        members.group_by(["indicator", "period", "gender"])
        .agg(
            pl.col("value").sum().alias("total"),
            pl.col("value").is_not_null().sum().alias("known"),
            pl.col("refs").list.explode(keep_nulls=False, empty_as_null=False).alias("refs"),
        )
        .filter(pl.col("known") == len(spec.members))
        .drop("known")
        .sort(["indicator", "period", "gender"])
    )

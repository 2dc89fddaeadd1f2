"""Comparisons: each member kommun beside its peers, the region and riket, over time and gender.

All frames are long: one row per indicator × area × period × gender. ``value``
is null for missing and suppressed figures; nothing here turns null into 0,
and no rate is ever summed (only indicators marked ``is_count`` are).
``refs`` lists the observations a value was computed from, so every figure
can be traced back to its source.
"""

from __future__ import annotations

from collections.abc import Callable

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
    if spec.year is not None or spec.history:
        frame = report_periods(frame, spec)
    return derive(gender_totals(frame, spec), spec)


def period_order(column: str = "period") -> pl.Expr:
    """A sortable number for ``2024`` (as December) and ``2024-06``: year × 100 + month."""
    year = pl.col(column).str.slice(0, 4).cast(pl.Int32, strict=False)
    month = pl.col(column).str.slice(5, 2).cast(pl.Int32, strict=False).fill_null(12)
    return year * 100 + month


def report_periods(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Per indicator, the periods the report shows: the latest up to ``spec.year`` and before it.

    Only periods of the same kind as the latest (years or months) are kept,
    so the previous period of a series is its comparable one; ``history``
    bounds how many are kept (0 keeps them all).
    """
    if frame.is_empty():
        return frame
    if spec.year is not None:
        frame = frame.filter(
            pl.col("period").str.slice(0, 4).cast(pl.Int32, strict=False) <= spec.year
        )
    periods = (
        frame.select("indicator", "period")
        .unique()
        .with_columns(
            period_order().alias("_order"), pl.col("period").str.len_chars().alias("_kind")
        )
        .sort(["indicator", "_order", "_kind"])
    )
    latest_kind = periods.group_by("indicator").agg(pl.col("_kind").last().alias("_latest"))
    periods = periods.join(latest_kind, on="indicator").filter(pl.col("_kind") == pl.col("_latest"))
    if spec.history:
        periods = periods.filter(
            pl.col("_order").rank("ordinal", descending=True).over("indicator") <= spec.history
        )
    return frame.join(periods.select("indicator", "period"), on=["indicator", "period"], how="semi")


def latest_periods(frame: pl.DataFrame) -> pl.DataFrame:
    """Each indicator's latest period in ``frame`` (one row per indicator)."""
    return (
        frame.select("indicator", "period")
        .unique()
        .with_columns(period_order().alias("_order"))
        .sort("_order")
        .group_by("indicator")
        .agg(pl.col("period").last())
    )


def comparisons(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """One row per indicator × member × period × gender with every comparison beside it.

    The values are pivoted once to one column per area, ordered by series and
    period; every comparison is then a column expression over that frame (the
    member's column, its region's, riket's, its peers', the other members'
    sum, the previous period by a shift within the series) and is unpivoted
    back. No row is copied per peer and no comparison needs a join, which is
    what keeps a national run (290 members) fast. The members' own rows (with
    their status and the observations they came from) are joined back last.
    """
    on = ["indicator", "period", "gender"]
    order = ["indicator", "gender", "_kind", "period"]
    # A categorical area pivots about twice as fast; the columns are still named by code.
    rows = frame.with_row_index("_src").with_columns(pl.col("area").cast(pl.Categorical))

    def pivot(values: str) -> pl.DataFrame:
        return (
            rows.select([*on, "area", values])
            .pivot(on="area", index=on, values=values)
            .with_columns(pl.col("period").str.len_chars().alias("_kind"))
            .sort(order)
        )

    wide = pivot("value")
    sources = pivot("_src")  # same index, same order: where each area's own row is
    series = ["indicator", "gender", "_kind"]
    wide = wide.with_columns(pl.col("period").shift(1).over(series).alias("prev_period"))
    present = set(wide.columns)
    members = [m for m in spec.members if m in present]
    if not members:
        return _empty_comparisons(frame)
    member_columns = [pl.col(m) for m in members]
    wide = wide.with_columns(
        pl.sum_horizontal(member_columns).alias("_member_sum"),
        pl.sum_horizontal([c.is_not_null() for c in member_columns]).alias("_member_n"),
    )

    def column(code: str) -> pl.Expr:
        return pl.col(code) if code and code in present else pl.lit(None, dtype=pl.Float64)

    regions = spec.member_regions or dict.fromkeys(spec.members, spec.region)
    peers = {m: [p for p in spec.comparisons.get(m, ()) if p in present] for m in members}
    nothing = pl.lit(None, dtype=pl.Float64)

    def peer(make: Callable[[list[str]], pl.Expr], empty: pl.Expr) -> Callable[[str], pl.Expr]:
        return lambda m: make(peers[m]) if peers[m] else empty

    def other_members(m: str) -> pl.Expr:
        own, total, n = pl.col(m), pl.col("_member_sum"), pl.col("_member_n")
        return (
            pl.when(own.is_not_null() & (n > 1))
            .then((total - own) / (n - 1))
            .when(own.is_null() & (n > 0))
            .then(total / n)
            .otherwise(None)
        )

    statistics: dict[str, Callable[[str], pl.Expr]] = {
        "value": lambda m: pl.col(m),
        "region": lambda m: column(regions.get(m, "")),
        "nation": lambda m: column(spec.nation),
        "peer_mean": peer(lambda cols: pl.mean_horizontal(cols), nothing),
        "peer_min": peer(lambda cols: pl.min_horizontal(cols), nothing),
        "peer_max": peer(lambda cols: pl.max_horizontal(cols), nothing),
        "peer_n": peer(
            lambda cols: pl.sum_horizontal([pl.col(c).is_not_null() for c in cols]), pl.lit(0)
        ),
        "similar": lambda m: column(spec.similar.get(m, "")),
        "other_members": other_members,
        "prev_value": lambda m: pl.col(m).shift(1).over(series),
    }
    # Long again, member by member: each statistic is one float column per member,
    # stacked; the codes are not rebuilt per statistic but read once, for the members'
    # own rows only, from the row of ``frame`` each stands for ("_src").
    height = wide.height
    stacked = {  # "period" is selected so that a literal (no peers) gets the frame's height
        name: pl.concat(
            wide.select("period", *(make(m).cast(pl.Float64).alias(m) for m in members))
            .drop("period")
            .get_columns()
        )
        for name, make in statistics.items()
    }
    source = pl.concat(
        sources.select(pl.col(m).cast(pl.UInt32) for m in members).get_columns()
    ).alias("_src")
    position = pl.int_range(0, height, dtype=pl.UInt32, eager=True)
    long = pl.DataFrame(
        [
            pl.concat([position] * len(members)).alias("_wide"),
            source,
            *(column.alias(name) for name, column in stacked.items()),
        ]
    )
    kept = long.filter(pl.col("_src").is_not_null())
    codes = frame.select(KEY).gather(kept["_src"])
    joined = pl.concat(
        [
            codes.select("indicator", "period", "gender"),
            wide.select("prev_period").gather(kept["_wide"]),
            codes.select("area"),
            kept.select(*statistics, "_src").with_columns(pl.col("peer_n").cast(pl.UInt32)),
        ],
        how="horizontal",
    )
    change = pl.col("value") - pl.col("prev_value")
    return (
        joined.with_columns(
            pl.when(pl.col("prev_value").is_not_null())
            .then(pl.col("prev_period"))
            .alias("prev_period"),
            change.alias("change"),
            pl.when(pl.col("prev_value") != 0)
            .then(change / pl.col("prev_value").abs() * 100)
            .otherwise(None)
            .alias("change_pct"),
        )
        # "_row" names each row so the flag engine can sum findings by one integer.
        .with_row_index("_row")
    )


def with_refs(comparisons: pl.DataFrame, frame: pl.DataFrame) -> pl.DataFrame:
    """The comparisons with the status and observations (``refs``) of each member's own row.

    Kept apart from :func:`comparisons` because carrying lists of references
    through a national run costs more than the comparisons themselves.
    """
    return comparisons.with_columns(
        frame["status"].gather(comparisons["_src"]).alias("status"),
        frame["refs"].gather(comparisons["_src"]).alias("refs"),
    )


def _empty_comparisons(frame: pl.DataFrame) -> pl.DataFrame:
    floats = ["region", "nation", "peer_mean", "peer_min", "peer_max", "similar", "other_members"]
    return (
        frame.head(0)
        .select(KEY + ["value"])
        .with_columns(pl.lit(None, dtype=pl.UInt32).alias("_src"))
        .with_columns(
            *(pl.lit(None, dtype=pl.Float64).alias(name) for name in floats),
            pl.lit(0, dtype=pl.UInt32).alias("peer_n"),
            pl.lit(None, dtype=pl.Utf8).alias("prev_period"),
            *(
                pl.lit(None, dtype=pl.Float64).alias(name)
                for name in ("prev_value", "change", "change_pct")
            ),
        )
        .with_row_index("_row")
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

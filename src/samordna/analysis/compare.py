"""Comparisons: each member kommun beside its peers, the region and riket, over time and gender.

All frames are long: one row per indicator × area × period × gender. ``value``
is null for missing and suppressed figures; nothing here turns null into 0,
and no rate is ever summed (only indicators marked ``is_count`` are).
``refs`` lists the observations a value was computed from, so every figure
can be traced back to its source.
"""

from __future__ import annotations

import polars as pl

from samordna.analysis import grid
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

    Beside each member's own value: its region's and riket's, the mean, lowest,
    highest and number of its comparison kommuner ("peers"), its "liknande
    kommuner" group's, the mean of the other members (``other_members``), and the
    previous period of the same series (``prev_value``, ``prev_period``), with the
    change in number and percent. Computed as array arithmetic over one grid of
    series × areas (:mod:`samordna.analysis.grid`): no row is copied per peer, no
    comparison needs a join, and no text key is rebuilt — which is what keeps a
    national run (290 members) fast. ``_src`` is the row of ``frame`` each row
    stands for (its status and observations, see :func:`with_refs`); ``_row``
    names each row so the flag engine can sum findings by one integer.
    """
    joined = grid.comparisons(frame, spec)
    if joined is None:
        return _empty_comparisons(frame)
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
            *(pl.lit(None, dtype=pl.UInt32).alias(c) for c in ("_indicator", "_period", "_member")),
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

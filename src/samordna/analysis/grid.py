"""The comparisons as array arithmetic over one grid of series × areas.

Each observation gets two small integers: its series row (indicator × period × gender,
ordered by indicator, gender, kind of period and period) and its area column. The
values are scattered once into a grid of those rows and columns; every comparison is
then a gather of columns (the member's, its region's, riket's, its peers', its
"liknande kommuner"'s), a sum over the members or a shift by one row within a series.
No text key is rebuilt per comparison: the codes of each output row are read once from
the observation it stands for. :func:`samordna.analysis.compare.comparisons` documents
the columns; missing stays missing (NaN inside, null outside), nothing is summed that
is not a member's own value.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import polars as pl

from samordna.analysis.spec import AnalysisSpec

STATISTICS = (
    "value",
    "region",
    "nation",
    "peer_mean",
    "peer_min",
    "peer_max",
    "peer_n",
    "similar",
    "other_members",
    "prev_value",
)


def _codes(frame: pl.DataFrame, names: list[str]) -> list[tuple[np.ndarray, pl.Series]]:
    """Dense codes of text columns (0 … n − 1, in sorted order) and their sorted values;
    the columns are read side by side (one select each for values and codes)."""
    uniques = frame.select(pl.col(n).unique().sort().implode() for n in names).row(0)
    values = [pl.Series(n, u) for n, u in zip(names, uniques, strict=True)]
    codes = frame.select(
        pl.col(n).cast(pl.Enum(v.to_list())).to_physical().cast(pl.Int64)
        for n, v in zip(names, values, strict=True)
    )
    return [(codes[n].to_numpy(), v) for n, v in zip(names, values, strict=True)]


@dataclass(frozen=True)
class Grid:
    """The values of ``frame`` as one row per area and one column per series row, and
    where each came from. Area by area, so that a member's series are one array row."""

    series: pl.DataFrame  # per series row: indicator, period, gender, prev_period, their codes
    previous: np.ndarray  # each series row's previous row in its series, or -1
    areas: dict[str, int]  # area code → its row in values and sources
    values: np.ndarray  # (areas + 1) × series rows; the last row is all NaN
    sources: np.ndarray  # the same shape: the row of ``frame`` of each value, or -1

    @classmethod
    def of(cls, frame: pl.DataFrame) -> Grid:
        (indicator, indicators), (period, periods), (gender, genders), (area, area_codes) = _codes(
            frame, ["indicator", "period", "gender", "area"]
        )
        sizes = (len(indicators), len(periods), len(genders))
        key = (indicator * sizes[1] + period) * sizes[2] + gender
        seen = np.zeros(sizes[0] * sizes[1] * sizes[2], dtype=bool)
        seen[key] = True
        used = np.flatnonzero(seen)  # the keys that occur, in order (no sort of every row)
        series = pl.DataFrame(
            {
                "_key": used,
                "indicator": indicators.gather(used // (sizes[1] * sizes[2])),
                "period": periods.gather((used // sizes[2]) % sizes[1]),
                "gender": genders.gather(used % sizes[2]),
            }
        ).with_columns(pl.col("period").str.len_chars().alias("_kind"))
        series = series.sort(["indicator", "gender", "_kind", "period"])
        same = ["indicator", "gender", "_kind"]
        series = series.with_columns(
            pl.col("period").shift(1).over(same).alias("prev_period"),
            pl.when(pl.struct(same) == pl.struct(same).shift(1))
            .then(pl.int_range(pl.len(), dtype=pl.Int64) - 1)
            .otherwise(-1)
            .alias("_previous"),
        )
        row_of_key = np.full(sizes[0] * sizes[1] * sizes[2], -1, dtype=np.int64)
        row_of_key[series["_key"].to_numpy()] = np.arange(series.height)
        rows = row_of_key[key]
        width = len(area_codes) + 1
        values = np.full((width, series.height), np.nan)
        values[area, rows] = frame["value"].cast(pl.Float64).fill_null(np.nan).to_numpy()
        sources = np.full((width, series.height), -1, dtype=np.int64)
        sources[area, rows] = np.arange(frame.height)
        series = series.with_columns(
            (pl.col("_key") // (sizes[1] * sizes[2])).cast(pl.UInt32).alias("_indicator"),
            ((pl.col("_key") // sizes[2]) % sizes[1]).cast(pl.UInt32).alias("_period"),
        )
        return cls(
            series=series.select(
                "indicator", "period", "gender", "prev_period", "_indicator", "_period"
            ),
            previous=series["_previous"].to_numpy(),
            areas={code: n for n, code in enumerate(area_codes.to_list())},
            values=values,
            sources=sources,
        )

    @property
    def height(self) -> int:
        """The number of series rows."""
        return int(self.values.shape[1])

    def column(self, code: str) -> int:
        """The row of an area in ``values``; an area without figures reads the all-NaN row."""
        return self.areas.get(code, self.values.shape[0] - 1)


def statistics(grid: Grid, spec: AnalysisSpec, members: list[str]) -> dict[str, np.ndarray]:
    """Every comparison as a (members × series rows) array; NaN where there is none.

    Member by member, so that the rows of the result are each array read in order."""
    values = grid.values
    own = values[[grid.column(m) for m in members]]
    regions = spec.member_regions or dict.fromkeys(spec.members, spec.region)
    out: dict[str, np.ndarray] = {"value": own}
    out["region"] = values[[grid.column(regions.get(m, "")) for m in members]]
    out["nation"] = np.broadcast_to(values[grid.column(spec.nation)], own.shape)
    out["similar"] = values[[grid.column(spec.similar.get(m, "")) for m in members]]
    peers = [[p for p in spec.comparisons.get(m, ()) if p in grid.areas] for m in members]
    slots = max((len(p) for p in peers), default=0)
    empty = values.shape[0] - 1
    total = np.zeros_like(own)
    count = np.zeros(own.shape, dtype=np.int64)
    low = np.full_like(own, np.inf)
    high = np.full_like(own, -np.inf)
    for slot in range(slots):
        column = values[[grid.areas[p[slot]] if slot < len(p) else empty for p in peers]]
        known = ~np.isnan(column)
        total += np.where(known, column, 0.0)
        count += known
        np.fmin(low, column, out=low)  # fmin/fmax ignore NaN
        np.fmax(high, column, out=high)
    some = count > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0 / 0 where no peer has a value
        out["peer_mean"] = np.where(some, total / count, np.nan)
    out["peer_min"] = np.where(some, low, np.nan)
    out["peer_max"] = np.where(some, high, np.nan)
    out["peer_n"] = count.astype(np.float64)
    known = ~np.isnan(own)
    member_total = np.zeros(own.shape[1])
    for row in own:  # left to right over the members, as the sum of a row of the grid
        member_total += np.where(np.isnan(row), 0.0, row)
    member_count = known.sum(axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out["other_members"] = np.where(
            known & (member_count > 1),
            (member_total - own) / (member_count - 1),
            np.where(~known & (member_count > 0), member_total / member_count, np.nan),
        )
    before = np.hstack([own, np.full((own.shape[0], 1), np.nan)])  # row −1 reads NaN
    out["prev_value"] = before[:, grid.previous]
    return out


def comparisons(frame: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame | None:
    """The comparisons frame (columns as :func:`compare.comparisons`), or None when no
    member has a figure."""
    if frame.is_empty():
        return None
    grid = Grid.of(frame)
    members = [m for m in spec.members if m in grid.areas]
    if not members:
        return None
    found = statistics(grid, spec, members)
    # Member by member (as the rows were before), each member's rows in series order;
    # only the cells that hold one of the member's own observations.
    sources = grid.sources[[grid.areas[m] for m in members]].ravel()
    mine = sources >= 0
    kept = np.flatnonzero(mine)
    series_row = kept % grid.height
    member = (kept // grid.height).astype(np.uint32)
    source = sources[kept]
    codes = frame.select("indicator", "period", "gender", "area")[source]
    # The arrays are read as they lie (no copy), then NaN becomes null and the cells
    # without an own observation go (in a national run, none).
    found_frame = pl.DataFrame([pl.Series(name, found[name].ravel()) for name in STATISTICS])
    found_frame = found_frame.fill_nan(None)
    if not mine.all():
        found_frame = found_frame.filter(pl.Series(mine))
    return pl.concat(
        [
            codes.select("indicator", "period", "gender"),
            grid.series.select("prev_period")[series_row],
            codes.select("area"),
            found_frame.with_columns(pl.col("peer_n").fill_null(0).cast(pl.UInt32)),
            pl.DataFrame({"_src": source.astype(np.uint32)}),
            # Integer codes for the flag engine's groups: no group-by over text.
            grid.series.select("_indicator", "_period")[series_row],
            pl.DataFrame({"_member": member}),
        ],
        how="horizontal",
    )

"""The report's tables: the latest figures with their change, and time series."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from samordna.analysis.compare import period_order
from samordna.analysis.sentences import is_share, number, percent, period_text
from samordna.analysis.spec import AnalysisSpec, IndicatorSpec
from samordna.analysis.synthesis import Analysis, flag_key
from samordna.needs.report.charts import line_chart
from samordna.needs.report.provenance import GENDERS, Provenance, cell_text, period_key
from samordna.reports.document import (
    Cell,
    LineChart,
    Table,
)

# At most this many periods side by side in one table, so that it fits an A4 page.
PERIODS_PER_TABLE = 8


def figure(row: dict[str, Any], indicator: IndicatorSpec, key: str, marker: str = "") -> Cell:
    """A table cell for one figure, with the observations it came from and its key."""
    return Cell(
        cell_text(row["value"], indicator),
        numeric=True,
        refs=tuple(row["refs"]),
        marker=marker,
        key=key,
    )


@dataclass
class IndicatorBlocks:
    """What the report shows of one indicator: its latest figures, history and chart."""

    indicator: IndicatorSpec
    latest: Table
    history: list[Table] = field(default_factory=list)
    chart: LineChart | None = None


def area_order(spec: AnalysisSpec) -> list[str]:
    """Members first, then their comparison kommuner, the similar groups, region and riket."""
    order = [*spec.members]
    for member in spec.members:
        order += [c for c in spec.comparisons.get(member, ()) if c not in order]
    order += [c for c in spec.similar.values() if c not in order]
    order += [c for c in (spec.region, spec.nation) if c and c not in order]
    return order


def indicator_blocks(
    indicator: IndicatorSpec,
    result: Analysis,
    provenance: Provenance,
    mark: Any,
) -> IndicatorBlocks | None:
    """The indicator's table of latest figures by area and gender, with its history and chart."""
    spec = result.spec
    order = area_order(spec)
    rows = result.prepared_of(indicator.code)
    members = rows.filter(pl.col("area").is_in(list(spec.members)))
    if members.is_empty() or members["value"].is_null().all():
        return None
    period = str(members.sort(period_order())["period"][-1])
    latest = rows.filter(pl.col("period") == period)
    genders = [(g, label) for g, label in GENDERS if latest.filter(pl.col("gender") == g).height]
    values = {(r["area"], r["gender"]): r for r in latest.iter_rows(named=True)}
    change = result.comparisons_of(indicator.code).filter(pl.col("period") == period)
    changes = {
        (r["area"], r["gender"]): r
        for r in change.iter_rows(named=True)
        if r["change_pct"] is not None
    }
    show_change = indicator.kind == "level" and bool(changes)
    columns = ["Område", *[label for _g, label in genders]]
    if show_change:
        before = next(iter(changes.values()))["prev_period"]
        columns.append(f"Förändring sedan {period_text(before)}{change_unit(indicator)}")
    table_rows = []
    used: set[str] = set()
    for area in order:
        if not any((area, g) in values for g, _l in genders):
            continue
        cells = [Cell(spec.name(area))]
        for gender, _label in genders:
            row = values.get((area, gender))
            if row is None:
                cells.append(Cell("–", numeric=True))
                continue
            used.update(row["refs"])
            key = flag_key(indicator.code, area, period, gender)
            cells.append(figure(row, indicator, key, mark(key)))
        if show_change:
            total = changes.get((area, "T"))
            cells.append(
                Cell(change_text(total, indicator), numeric=True, refs=tuple(total["refs"]))
                if total
                else Cell("–", numeric=True)
            )
        table_rows.append(cells)
    source = provenance.note(used, period)
    if indicator.code in {d.code for d in spec.derived}:
        source = "Beräknat av Samordna ur underliggande antal. " + source
    caption = f"{indicator.title}, {period_text(period)}"
    if indicator.unit and indicator.unit not in caption:
        caption += f" ({indicator.unit})"
    return IndicatorBlocks(
        indicator,
        Table(caption=caption, columns=columns, rows=table_rows, source=source),
        time_series(indicator, rows, order, spec, provenance),
        line_chart(indicator, result, order, spec, provenance) if indicator.key else None,
    )


def time_series(
    indicator: IndicatorSpec,
    rows: pl.DataFrame,
    order: list[str],
    spec: AnalysisSpec,
    provenance: Provenance,
) -> list[Table]:
    """The members' and comparisons' totals over the report's periods, at most 8 to a table."""
    totals = rows.filter(pl.col("gender") == "T")
    periods = sorted(set(totals["period"].to_list()), key=period_key)
    if len(periods) < 3:
        return []
    values = {(r["area"], r["period"]): r for r in totals.iter_rows(named=True)}
    tables = []
    chunks = [periods[i : i + PERIODS_PER_TABLE] for i in range(0, len(periods), PERIODS_PER_TABLE)]
    for chunk in chunks:
        used: set[str] = set()
        table_rows = []
        for area in order:
            if not any((area, p) in values for p in chunk):
                continue
            cells = [Cell(spec.name(area))]
            for p in chunk:
                row = values.get((area, p))
                if row is None:
                    cells.append(Cell("–", numeric=True))
                else:
                    used.update(row["refs"])
                    cells.append(figure(row, indicator, flag_key(indicator.code, area, p, "T")))
            table_rows.append(cells)
        first, last = period_text(chunk[0]), period_text(chunk[-1])
        tables.append(
            Table(
                caption=f"{indicator.title}, tidsserie {first}–{last}",
                columns=["Område", *(period_text(p) for p in chunk)],
                rows=table_rows,
                source=provenance.note(used, f"{first}–{last}"),
            )
        )
    return tables


def change_unit(indicator: IndicatorSpec) -> str:
    """What the change column counts in, said once in its heading."""
    if is_share(indicator):
        return " (procentenheter)"
    if indicator.is_count:
        return " (antal och %)"
    return f" ({indicator.unit})" if indicator.unit else ""


def change_text(row: dict[str, Any], indicator: IndicatorSpec) -> str:
    """Change since the comparison period: procentenheter for shares, number and % for counts."""
    if row.get("change") is None:
        return "–"
    if is_share(indicator):  # in procentenheter, as the column's heading says
        sign = "+" if round(row["change"], 1) > 0 else ""
        return f"{sign}{number(row['change'], 1)}"
    if indicator.is_count:
        sign = "+" if round(row["change"]) > 0 else ""
        return f"{sign}{number(row['change'])} ({percent(row['change_pct'], 1, signed=True)})"
    sign = "+" if round(row["change"], 1) > 0 else ""
    return f"{sign}{number(row['change'], 1)}"

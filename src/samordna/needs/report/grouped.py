"""Grouped tables: measures that belong together in one table, as the 2019 report has them.

The groups are data (``IndicatorSetItem.table``, ``row_label``, ``level``,
``change_of``): a measure and its "därav" parts, the programmes of one
source, the age bands of one measure. Rows are the measures, indented by
level; columns are the member kommuner (and for rates the region and riket)
with women, men and total, each count followed by its change where the set
has one. Rows that are zero for every member are collapsed into one line
under the table; rows with no figures at all into another. A table wider
than a page is split into several, each with some of the kommuner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from samordna.analysis.sentences import period_text
from samordna.analysis.spec import AnalysisSpec, IndicatorSpec
from samordna.analysis.synthesis import Analysis, flag_key
from samordna.needs.report.provenance import GENDERS, Provenance, period_key
from samordna.needs.report.tables import change_text, figure
from samordna.reports.document import Cell, Table

# At most this many columns in a table, the row headers included, so that it fits A4.
MAX_COLUMNS = 9


@dataclass(frozen=True)
class Column:
    area: str
    gender: str
    change: bool  # the change of the measure (its change_of indicator), not the measure


def groups_of(indicators: list[IndicatorSpec]) -> dict[str, list[IndicatorSpec]]:
    """The declared tables, in the set's order, each with its indicators in order."""
    found: dict[str, list[IndicatorSpec]] = {}
    for indicator in indicators:
        if indicator.table:
            found.setdefault(indicator.table, []).append(indicator)
    return found


def grouped_tables(
    name: str, members: list[IndicatorSpec], result: Analysis, provenance: Provenance, mark: Any
) -> list[Table]:
    """The group's table (or tables, when the kommuner do not fit one page)."""
    spec = result.spec
    measures = [i for i in members if not i.change_of]
    changes = {i.change_of: i for i in members if i.change_of}
    frame = result.prepared.filter(
        pl.col("indicator").is_in([i.code for i in members])
        & pl.col("area").is_in([*spec.members, spec.region, spec.nation])
    )
    if frame.filter(pl.col("area").is_in(list(spec.members)))["value"].is_null().all():
        return []
    latest = _latest_periods(frame, spec)
    values = {
        (r["indicator"], r["area"], r["gender"]): r
        for r in frame.iter_rows(named=True)
        if r["period"] == latest.get(r["indicator"])
    }
    rates = not all(i.is_count for i in measures)
    areas = [*spec.members, *([spec.region, spec.nation] if rates else [])]
    areas = [
        a for a in areas if a and any((i.code, a, g) in values for i in measures for g in "KMT")
    ]
    genders = [
        g for g, _l in GENDERS if any((i.code, a, g) in values for i in measures for a in areas)
    ]
    with_change = {
        g for g in genders for c in changes.values() for a in areas if (c.code, a, g) in values
    }
    computed = {} if changes or rates else _computed_changes(result, measures, latest)
    if computed:  # counts with no change of their own: the change since the period before
        with_change = {"T"} & set(genders)
    per_area = [Column("", g, change) for g in genders for change in (False, True)
                if not change or g in with_change]  # fmt: skip
    chunks = _chunks(areas, spec, len(per_area))
    tables = []
    for chunk in chunks:
        columns = [Column(a, c.gender, c.change) for a in chunk for c in per_area]
        tables.append(
            _table(name, measures, (changes, computed), columns, values, latest, result,
                   provenance, mark, chunk if len(chunks) > 1 else [])
        )  # fmt: skip
    return tables


def _computed_changes(
    result: Analysis, measures: list[IndicatorSpec], latest: dict[str, str]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each count's total change since the period before, per member (from the comparisons)."""
    rows = result.comparisons.filter(
        pl.col("indicator").is_in([m.code for m in measures])
        & (pl.col("gender") == "T")
        & pl.col("change").is_not_null()
    )
    return {
        (r["indicator"], r["area"]): r
        for r in rows.iter_rows(named=True)
        if r["period"] == latest.get(r["indicator"])
    }


def _latest_periods(frame: pl.DataFrame, spec: AnalysisSpec) -> dict[str, str]:
    """Each indicator's latest period with a figure for a member."""
    found: dict[str, str] = {}
    known = frame.filter(pl.col("area").is_in(list(spec.members)) & pl.col("value").is_not_null())
    for indicator, period in known.select("indicator", "period").unique().iter_rows():
        if indicator not in found or period_key(period) > period_key(found[indicator]):
            found[indicator] = period
    return found


def _chunks(areas: list[str], spec: AnalysisSpec, width: int) -> list[list[str]]:
    """The members split so that each table stays within MAX_COLUMNS; region and riket
    (for rates) repeat in every part."""
    fixed = [a for a in areas if a not in spec.members]
    members = [a for a in areas if a in spec.members]
    room = max(1, (MAX_COLUMNS - 1) // max(width, 1) - len(fixed))
    return [[*members[i : i + room], *fixed] for i in range(0, len(members), room)] or [fixed]


def _table(
    name: str,
    measures: list[IndicatorSpec],
    change_sources: tuple[dict[str, IndicatorSpec], dict[tuple[str, str], dict[str, Any]]],
    columns: list[Column],
    values: dict[tuple[str, str, str], dict[str, Any]],
    latest: dict[str, str],
    result: Analysis,
    provenance: Provenance,
    mark: Any,
    chunk: list[str],
) -> Table:
    spec = result.spec
    changes, computed = change_sources
    rows, zero, missing = [], [], []
    used: set[str] = set()
    periods = {latest[m.code] for m in measures if m.code in latest}
    for measure in measures:
        label = measure.row_label or measure.title
        if measure.code in latest and len(periods) > 1:
            label += f" ({period_text(latest[measure.code])})"
        cells = [Cell(label)]
        marked = False
        figures = []
        for column in columns:
            if column.change and not changes:
                found = computed.get((measure.code, column.area))
                cells.append(
                    Cell(change_text(found, measure), numeric=True, refs=tuple(found["refs"]))
                    if found
                    else Cell("–", numeric=True)
                )
                continue
            indicator = changes.get(measure.code) if column.change else measure
            row = values.get((indicator.code, column.area, column.gender)) if indicator else None
            if row is None or indicator is None:
                cells.append(Cell("–", numeric=True))
                continue
            key = flag_key(indicator.code, column.area, row["period"], column.gender)
            sign = mark(key)
            marked = marked or bool(sign)
            cells.append(figure(row, indicator, key, sign))
            used.update(row["refs"])
            if not column.change and column.area in spec.members:
                figures.append(row["value"])
        known = [v for v in figures if v is not None]
        if not marked and not known:
            missing.append(label.lstrip("– "))
        elif not marked and measure.is_count and all(v == 0 for v in known):
            zero.append(label.lstrip("– "))
        else:
            rows.append(cells)
    header = ["Mått"] + [_heading(c) for c in columns]
    groups = [(spec.name(area), sum(1 for c in columns if c.area == area))
              for area in dict.fromkeys(c.area for c in columns)]  # fmt: skip
    period = max(periods, key=period_key) if periods else ""
    caption = f"{name}, {period_text(period)}" if period else name
    if chunk:
        caption += " – " + ", ".join(spec.name(a) for a in chunk if a in spec.members)
    notes = []
    if any(c.change for c in columns):
        notes.append(f"±: {_change_words(changes, computed)}.")
    if zero:
        notes.append(f"Noll i alla medlemskommuner: {', '.join(zero)}.")
    if missing:
        notes.append(f"Uppgift saknas för: {', '.join(missing)}.")
    return Table(
        caption=caption,
        columns=header,
        rows=rows,
        source=provenance.note(used, period) if period else "",
        notes=notes,
        groups=groups,
    )


def _heading(column: Column) -> str:
    gender = {"K": "kvinnor", "M": "män", "T": "totalt"}[column.gender]
    return f"± {gender}" if column.change else gender.capitalize()


def _change_words(
    changes: dict[str, IndicatorSpec], computed: dict[tuple[str, str], dict[str, Any]]
) -> str:
    """What the ± columns count: the set's change indicators say it in their titles."""
    if changes:
        title = next(iter(changes.values())).title
        at = title.lower().find("förändring")
        return title[at:] if at >= 0 else title
    before = next(iter(computed.values()))["prev_period"]
    return f"förändring sedan {period_text(before)}, antal och %"


def key_table(
    title: str, indicators: list[IndicatorSpec], result: Analysis, provenance: Provenance, mark: Any
) -> list[Table]:
    """A needs group's key figures in one table: each key indicator's latest total for
    every member, the region and riket."""
    spec = result.spec
    areas = [a for a in (*spec.members, spec.region, spec.nation) if a]
    frame = result.prepared.filter(
        pl.col("indicator").is_in([i.code for i in indicators])
        & pl.col("area").is_in(areas)
        & (pl.col("gender") == "T")
    )
    latest = _latest_periods(frame, spec)
    values = {
        (r["indicator"], r["area"]): r
        for r in frame.iter_rows(named=True)
        if r["period"] == latest.get(r["indicator"])
    }
    shown = [i for i in indicators if i.code in latest]
    areas = [a for a in areas if any((i.code, a) in values for i in shown)]
    if not shown:
        return []
    tables = []
    for chunk in _chunks(areas, spec, 1):
        rows, used = [], set()
        for indicator in shown:
            period = latest[indicator.code]
            cells = [Cell(f"{indicator.title} ({period_text(period)})")]
            for area in chunk:
                row = values.get((indicator.code, area))
                if row is None:
                    cells.append(Cell("–", numeric=True))
                    continue
                key = flag_key(indicator.code, area, period, "T")
                cells.append(figure(row, indicator, key, mark(key)))
                used.update(row["refs"])
            rows.append(cells)
        periods = sorted({latest[i.code] for i in shown}, key=period_key)
        span = period_text(periods[0]) + (
            f"–{period_text(periods[-1])}" if len(periods) > 1 else ""
        )
        tables.append(
            Table(
                caption=f"Nyckeltal: {title.lower()}, totalt",
                columns=["Nyckeltal", *(spec.name(a) for a in chunk)],
                rows=rows,
                source=provenance.note(used, span),
            )
        )
    return tables

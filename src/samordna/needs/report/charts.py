"""The report's charts: key figures over the years, a key rate by gender, and each member
kommun within its comparison group."""

from __future__ import annotations

import polars as pl

from samordna.analysis.sentences import period_text, value_text
from samordna.analysis.spec import AnalysisSpec, IndicatorSpec
from samordna.analysis.synthesis import Analysis
from samordna.needs.report.provenance import GENDERS, Provenance, cell_text, period_key
from samordna.reports.document import (
    Bar,
    Chart,
    DotRange,
    DotRow,
    LineChart,
    Series,
)


def line_chart(
    indicator: IndicatorSpec,
    result: Analysis,
    order: list[str],
    spec: AnalysisSpec,
    provenance: Provenance,
) -> LineChart | None:
    """A key indicator over the report's periods: members, the peers' mean, region, riket."""
    rows = result.comparisons_of(indicator.code).filter(pl.col("gender") == "T")
    periods = sorted(set(rows["period"].to_list()), key=period_key)
    if len(periods) < 2:
        return None
    by = {(r["area"], r["period"]): r for r in rows.iter_rows(named=True)}
    series: list[Series] = []
    used: set[str] = set()
    for member in spec.members:
        values = [by[(member, p)]["value"] if (member, p) in by else None for p in periods]
        if any(v is not None for v in values):
            refs = [tuple(by[(member, p)]["refs"]) if (member, p) in by else () for p in periods]
            series.append(Series(spec.name(member), values, "member", refs))
            used.update(r for p in periods if (member, p) in by for r in by[(member, p)]["refs"])
    first = spec.members[0]
    for column, label, kind in (
        ("peer_mean", "Jämförelsekommuner (medel)", "peers"),
        ("region", spec.name(spec.region), "region"),
        ("nation", "Riket", "nation"),
    ):
        values = [by[(first, p)][column] if (first, p) in by else None for p in periods]
        if column == "peer_mean" and not spec.comparisons.get(first):
            continue
        if any(v is not None for v in values):
            refs = [tuple(by[(first, p)]["refs"]) if (first, p) in by else () for p in periods]
            series.append(Series(label, values, kind, refs))
    if not series:
        return None
    texts = {
        (s, p): value_text(v, indicator)
        for s, line in enumerate(series)
        for p, v in enumerate(line.values)
        if v is not None
    }
    first_p, last_p = period_text(periods[0]), period_text(periods[-1])
    return LineChart(
        title=f"{indicator.title}, {first_p}–{last_p}",
        periods=[period_text(p) for p in periods],
        series=series,
        unit=indicator.unit,
        source=provenance.note(used, f"{first_p}–{last_p}"),
        texts=texts,
    )


def bar_chart(
    group: str, result: Analysis, spec: AnalysisSpec, provenance: Provenance
) -> Chart | None:
    """The first key rate of the group: members and the region, by gender."""
    for indicator in spec.all_indicators():
        if indicator.needs_group != group or not indicator.key or indicator.is_count:
            continue
        rows = result.comparisons_of(indicator.code)
        if rows.is_empty() or rows["region"].is_null().all():
            continue
        period = str(rows["period"].max())
        latest = rows.filter((pl.col("period") == period) & pl.col("value").is_not_null())
        bars = []
        used: set[str] = set()
        order = {area: n for n, area in enumerate(spec.members)}
        # Per gender: the members, then the region and riket beside them, not interleaved.
        for gender, gender_label in GENDERS:
            rows_of = latest.filter(pl.col("gender") == gender)
            if rows_of.is_empty():
                continue
            word = str(gender_label).lower()
            members = sorted(rows_of.iter_rows(named=True), key=lambda r: order.get(r["area"], 99))
            for row in members:
                label = f"{spec.name(row['area'])}, {word}"
                text = cell_text(row["value"], indicator)
                bars.append(Bar(label, row["value"], text, refs=tuple(row["refs"])))
                used.update(row["refs"])
            first = members[0]
            for group, code, value in (
                ("region", spec.region, first["region"]),
                ("nation", spec.nation, first["nation"]),
            ):
                if value is not None and code:
                    name = f"{spec.name(code)}, {word}"
                    text = cell_text(value, indicator)
                    bars.append(Bar(name, value, text, group=group, refs=tuple(first["refs"])))
        return Chart(
            title=f"{indicator.title}, {period_text(period)}",
            bars=bars,
            unit=indicator.unit,
            source=provenance.note(used, period),
        )
    return None


def dot_range(
    group: str, result: Analysis, spec: AnalysisSpec, provenance: Provenance
) -> DotRange | None:
    """The group's first key rate: each member within its comparison kommuner, the latest period."""
    for indicator in spec.all_indicators():
        if indicator.needs_group != group or not indicator.key or indicator.is_count:
            continue
        rows = result.comparisons_of(indicator.code).filter(
            (pl.col("gender") == "T") & pl.col("peer_min").is_not_null()
        )
        if rows.is_empty():
            continue
        period = str(rows["period"].max())
        latest = {
            r["area"]: r for r in rows.filter(pl.col("period") == period).iter_rows(named=True)
        }
        found = [latest[m] for m in spec.members if m in latest]
        used: set[str] = set()
        dots = []
        for row in found:
            used.update(row["refs"])
            keys = {"value": "value", "low": "peer_min", "high": "peer_max", "mean": "peer_mean"}
            keys |= {"region": "region", "nation": "nation"}
            values = {k: row[column] for k, column in keys.items()}
            texts = {k: cell_text(v, indicator) for k, v in values.items() if v is not None}
            dots.append(
                DotRow(spec.name(row["area"]), texts=texts, refs=tuple(row["refs"]), **values)
            )
        return DotRange(
            title=f"{indicator.title}, {period_text(period)}: "
            "kommunerna bland sina jämförelsekommuner",
            rows=dots,
            region_label=spec.name(spec.region) if spec.region else "Regionen",
            unit=indicator.unit,
            source=provenance.note(used, period),
        )
    return None

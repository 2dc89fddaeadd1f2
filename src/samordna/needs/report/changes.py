"""Förändring sedan förra analysen: which figures rose, fell, appeared or disappeared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from samordna.analysis.sentences import number, period_text, value_text
from samordna.analysis.synthesis import Analysis
from samordna.needs.models import NeedsAnalysis
from samordna.needs.report.provenance import period_key
from samordna.reports.document import Cell, Paragraph, Table
from samordna.reports.document import Section as DocSection

# At most this many changed figures in the table; the text gives the total.
LISTED = 40
GENDER_WORDS = {"K": "kvinnor", "M": "män", "T": "totalt"}


@dataclass(frozen=True)
class Figure:
    value: float
    period: str
    refs: tuple[str, ...]


def latest_figures(result: Analysis) -> dict[tuple[str, str, str], Figure]:
    """Each shown indicator's latest figure per member kommun and gender."""
    spec = result.spec
    shown = [i.code for i in spec.all_indicators() if i.shown]
    frame = result.prepared.filter(
        pl.col("indicator").is_in(shown)
        & pl.col("area").is_in(list(spec.members))
        & pl.col("value").is_not_null()
    )
    found: dict[tuple[str, str, str], Figure] = {}
    for row in frame.iter_rows(named=True):
        key = (row["indicator"], row["area"], row["gender"])
        if key not in found or period_key(row["period"]) > period_key(found[key].period):
            found[key] = Figure(float(row["value"]), row["period"], tuple(row["refs"]))
    return found


def since_previous(
    analysis: NeedsAnalysis, result: Analysis, previous_result: Analysis
) -> DocSection:
    """The figures that changed since the previous edition, with the old and new values."""
    previous = analysis.previous
    assert previous is not None  # noqa: S101 - the caller checked
    spec = result.spec
    before, now = latest_figures(previous_result), latest_figures(result)
    changed = [
        (key, before[key], now[key])
        for key in now.keys() & before.keys()
        if round(now[key].value, 6) != round(before[key].value, 6)
    ]
    changed.sort(key=lambda c: (-abs(_relative(c[1].value, c[2].value)), c[0]))
    appeared = sorted(now.keys() - before.keys())
    gone = sorted(before.keys() - now.keys())
    rose = sum(1 for _k, old, new in changed if new.value > old.value)
    section = DocSection("Förändring sedan förra analysen", anchor="forandring")
    section.blocks.append(
        Paragraph(
            f"Jämfört med förra analysen ({previous.title.lower()}) har {number(len(changed))} "
            f"av medlemskommunernas senaste siffror ändrats: {number(rose)} har ökat och "
            f"{number(len(changed) - rose)} har minskat. {number(len(appeared))} siffror är nya "
            f"och {number(len(gone))} finns inte längre med."
        )
    )
    if changed:
        section.blocks.append(_table(changed[:LISTED], spec, previous.year))
        if len(changed) > LISTED:
            section.blocks.append(
                Paragraph(f"Tabellen visar de {LISTED} största förändringarna av {len(changed)}.")
            )
    for label, keys in (("Nya siffror", appeared), ("Siffror som inte längre finns med", gone)):
        if keys:
            listed = "; ".join(_name(k, spec) for k in keys[:LISTED])
            more = f" och {len(keys) - LISTED} till" if len(keys) > LISTED else ""
            section.blocks.append(Paragraph(f"{label}: {listed}{more}."))
    flags_before = {f["key"] for f in previous.flags}
    flags_now = {f.key for f in result.flags}
    section.blocks.append(
        Paragraph(
            f"Av de flaggade observationerna är {number(len(flags_now - flags_before))} nya, "
            f"{number(len(flags_now & flags_before))} kvarstår och "
            f"{number(len(flags_before - flags_now))} har försvunnit."
        )
    )
    return section


def _relative(old: float, new: float) -> float:
    return (new - old) / abs(old) if old else float("inf")


def _name(key: tuple[str, str, str], spec: Any) -> str:
    indicator, area, gender = key
    found = spec.indicator(indicator)
    title = found.title if found else indicator
    return f"{title}, {spec.name(area)}, {GENDER_WORDS.get(gender, gender)}"


Change = tuple[tuple[str, str, str], Figure, Figure]


def _table(changed: list[Change], spec: Any, year: int) -> Table:
    rows = []
    for (code, area, gender), old, new in changed:
        indicator = spec.indicator(code)
        title = indicator.title if indicator else code
        rows.append(
            [
                Cell(f"{title}, {GENDER_WORDS.get(gender, gender)}"),
                Cell(spec.name(area)),
                Cell(
                    f"{value_text(old.value, indicator)} ({period_text(old.period)})",
                    numeric=True,
                    refs=old.refs,
                ),
                Cell(
                    f"{value_text(new.value, indicator)} ({period_text(new.period)})",
                    numeric=True,
                    refs=new.refs,
                ),
            ]
        )
    return Table(
        caption=f"Siffror som ändrats sedan förra analysen ({year})",
        columns=["Mått", "Kommun", "Förra analysen", "Nu"],
        rows=rows,
    )

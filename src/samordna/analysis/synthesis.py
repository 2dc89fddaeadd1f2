"""Needs-group synthesis and the whole analysis run.

:func:`run` takes observations and a spec and returns an :class:`Analysis`:
the prepared frame, the comparisons, the ranked flags with their findings and
sentences, the förbund totals and, per needs group, the sentences written
from its key figures. Which figures are key is in the spec; how they are
written depends only on what kind of figure they are (a count, a share, a rate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import polars as pl

from samordna.analysis import compare, flags, sentences
from samordna.analysis.sentences import finding, number, percent, value_words
from samordna.analysis.spec import AnalysisSpec, IndicatorSpec

GROUP_ORDER = ("work", "livelihood", "education", "health")
GROUP_TITLES = {
    "work": "Behov av arbete",
    "livelihood": "Behov av försörjning",
    "education": "Behov av utbildning",
    "health": "Behov av vård/rehabilitering",
    "population": "Befolkning",
}


@dataclass
class Flag:
    key: str
    indicator: str
    area: str
    period: str
    gender: str
    value: float | None
    strength: float
    rank: int
    rules: list[str]
    sentence: str
    findings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Sentence:
    text: str
    refs: list[str]
    # "total" (a förbund total), "gender", "share", "rate" (a member against the region
    # or riket), "level"; ``strength`` is how far a rate stands out (|ratio − 1|).
    kind: str = ""
    strength: float = 0.0
    indicator: str = ""


@dataclass
class Analysis:
    spec: AnalysisSpec
    prepared: pl.DataFrame
    comparisons: pl.DataFrame
    flags: list[Flag]
    totals: pl.DataFrame
    groups: dict[str, list[Sentence]]

    @cached_property
    def _prepared_by_indicator(self) -> dict[str, pl.DataFrame]:
        return _partition(self.prepared)

    @cached_property
    def _comparisons_by_indicator(self) -> dict[str, pl.DataFrame]:
        return _partition(self.comparisons)

    def prepared_of(self, indicator: str) -> pl.DataFrame:
        """The prepared rows of one indicator (the frame is split once, not filtered
        once per table)."""
        return self._prepared_by_indicator.get(indicator, self.prepared.head(0))

    def comparisons_of(self, indicator: str) -> pl.DataFrame:
        """The comparisons rows of one indicator."""
        return self._comparisons_by_indicator.get(indicator, self.comparisons.head(0))


def _partition(frame: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {
        str(key[0]): part
        for key, part in frame.partition_by("indicator", as_dict=True, maintain_order=True).items()
    }


def flag_key(indicator: str, area: str, period: str, gender: str) -> str:
    return f"{indicator}|{area}|{period}|{gender}"


def run(observations: pl.DataFrame, spec: AnalysisSpec) -> Analysis:
    prepared = compare.prepare(observations, spec)
    comparisons = compare.with_refs(compare.comparisons(prepared, spec), prepared)
    found = flags.findings(comparisons, spec)
    found = reported(flags.with_codes(found, comparisons), prepared, spec)
    ranked = flags.rank(found, comparisons)
    by_key: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for row in found.sort("strength", descending=True).iter_rows(named=True):
        items = by_key.setdefault((row["indicator"], row["area"], row["period"], row["gender"]), [])
        row["sentence"] = finding(row, spec, again=bool(items))
        items.append(row)
    flag_list = []
    for row in ranked.iter_rows(named=True):
        key = (row["indicator"], row["area"], row["period"], row["gender"])
        items = by_key.get(key, [])
        flag_list.append(
            Flag(
                key=flag_key(*key),
                indicator=row["indicator"],
                area=row["area"],
                period=row["period"],
                gender=row["gender"],
                value=row["value"],
                strength=round(float(row["strength"]), 4),
                rank=int(row["rank"]),
                rules=[item["rule"] for item in items],
                sentence=" ".join(item["sentence"] for item in items[:2]),
                findings=[
                    {
                        k: v
                        for k, v in item.items()
                        if k not in {"indicator", "area", "period", "gender"}
                    }
                    for item in items
                ],
            )
        )
    totals = compare.forbund_totals(prepared, spec)
    groups = {
        group: key_sentences(group, prepared, comparisons, totals, spec) for group in GROUP_ORDER
    }
    return Analysis(spec, prepared, comparisons, flag_list, totals, groups)


def reported(found: pl.DataFrame, prepared: pl.DataFrame, spec: AnalysisSpec) -> pl.DataFrame:
    """Findings about what the report shows: each shown indicator's latest period.

    With a report year, a figure of an earlier period is context (the change,
    the history) and is not flagged itself; without one every period counts.
    """
    shown = [i.code for i in spec.all_indicators() if i.shown]
    found = found.filter(pl.col("indicator").is_in(shown))
    if spec.year is None:
        return found
    latest = compare.latest_periods(prepared)
    return found.join(latest, on=["indicator", "period"], how="semi")


def _latest(frame: pl.DataFrame) -> pl.DataFrame:
    if frame.is_empty():
        return frame
    latest = frame.select(pl.col("period").max()).item()
    return frame.filter(pl.col("period") == latest)


def key_sentences(
    group: str,
    prepared: pl.DataFrame,
    comparisons: pl.DataFrame,
    totals: pl.DataFrame,
    spec: AnalysisSpec,
) -> list[Sentence]:
    """Sentences about the key figures of one needs group, in the spec's order."""
    written: list[Sentence] = []
    counted: list[str] = []  # the counts told so far, so that the sentence forms take turns
    derived = {d.code: d for d in spec.derived}
    for indicator in spec.all_indicators():
        if not indicator.key or indicator.needs_group != group:
            continue
        rows = _latest(comparisons.filter(pl.col("indicator") == indicator.code))
        if rows.is_empty():
            continue
        if indicator.is_count:
            written.extend(_count(indicator, rows, totals, prepared, spec, counted))
        elif indicator.code in derived:
            written.extend(_share(indicator, rows, spec))
        else:
            written.extend(_rate(indicator, rows, spec) or _level(indicator, rows, spec))
    return written


def _count(
    indicator: IndicatorSpec,
    rows: pl.DataFrame,
    totals: pl.DataFrame,
    prepared: pl.DataFrame,
    spec: AnalysisSpec,
    counted: list[str],
) -> list[Sentence]:
    out = []
    period = rows["period"][0]
    total = totals.filter(
        (pl.col("indicator") == indicator.code)
        & (pl.col("period") == period)
        & (pl.col("gender") == "T")
    )
    per_member = {r["area"]: r for r in rows.filter(pl.col("gender") == "T").iter_rows(named=True)}
    measure = sentences.phrase(indicator, indicator.code).replace("{who}", "")
    if total.height and len(per_member) == len(spec.members):
        parts = [f"{number(per_member[m]['value'])} i {spec.name(m)}" for m in spec.members]
        text = sentences.total_sentence(
            measure, number(total["total"][0]), period, parts, variant=len(counted)
        )
        counted.append(indicator.code)
        out.append(Sentence(text, list(total["refs"][0]), "total", indicator=indicator.code))
    split = compare.gender_split(prepared.filter(pl.col("period") == period), spec).filter(
        (pl.col("indicator") == indicator.code) & pl.col("area").is_in(list(spec.members))
    )
    t = spec.thresholds
    for row in split.iter_rows(named=True):
        women, men = row["women"], row["men"]
        if women is None or men is None or women + men < t.min_base or min(women, men) <= 0:
            continue
        share = row["women_share"]
        place = spec.name(row["area"])
        refs = list(row["women_refs"]) + list(row["men_refs"])
        many, few = ("män", "kvinnor") if men > women else ("kvinnor", "män")
        big, small = max(women, men), min(women, men)
        if max(share, 1 - share) >= t.gender_share:
            ratio = big / small
            if 1.8 <= ratio < 2.2:
                how = "nästan dubbelt så många" if ratio < 2 else "drygt dubbelt så många"
            else:
                how = f"{number(ratio, 1)} gånger så många"
            text = sentences.gender_sentence(
                place,
                measure,
                many,
                how,
                number(big),
                number(small),
                percent(max(share, 1 - share) * 100, 0),
                number(women + men),
            )
            out.append(
                Sentence(
                    text,
                    refs,
                    kind="gender",
                    strength=abs(share - 0.5) * 2,
                    indicator=indicator.code,
                )
            )
    return out


def _share(indicator: IndicatorSpec, rows: pl.DataFrame, spec: AnalysisSpec) -> list[Sentence]:
    total = {r["area"]: r for r in rows.filter(pl.col("gender") == "T").iter_rows(named=True)}
    if not total:
        return []
    parts = [
        f"{percent(total[m]['value'], 0)} i {spec.name(m)}" for m in spec.members if m in total
    ]
    refs = [ref for m in spec.members if m in total for ref in total[m]["refs"]]
    measure = sentences.subject(indicator, indicator.code)
    text = sentences.share_sentence(measure, parts, rows["period"][0])
    return [Sentence(text, refs, "share", indicator=indicator.code)]


def _level(indicator: IndicatorSpec, rows: pl.DataFrame, spec: AnalysisSpec) -> list[Sentence]:
    """Where a key rate stands, when it stands out nowhere: members beside region and riket."""
    total = rows.filter((pl.col("gender") == "T") & pl.col("value").is_not_null())
    if total.is_empty():
        return []
    by_area = {r["area"]: r for r in total.iter_rows(named=True)}
    members = [m for m in spec.members if m in by_area]
    first = by_area[members[0]]
    parts = [f"{value_words(by_area[m]['value'], indicator)} i {spec.name(m)}" for m in members]
    references = []
    if first.get("region") is not None:
        references.append(f"{value_words(first['region'], indicator)} i {spec.name(spec.region)}")
    if first.get("nation") is not None:
        references.append(f"{value_words(first['nation'], indicator)} i riket")
    measure = sentences.subject(indicator, indicator.code)
    text = sentences.level_sentence(measure, parts, first["period"], references)
    refs = [ref for m in members for ref in by_area[m]["refs"]]
    return [Sentence(text, refs, "level", indicator=indicator.code)]


def _rate(indicator: IndicatorSpec, rows: pl.DataFrame, spec: AnalysisSpec) -> list[Sentence]:
    out = []
    t = spec.thresholds
    for row in rows.sort(["area", "gender"]).iter_rows(named=True):
        for reference, name in (("region", spec.name(spec.region)), ("nation", "riket")):
            base = row.get(reference)
            if base is None or row["value"] is None or base <= 0:
                continue
            ratio = row["value"] / base
            if (
                not (ratio >= t.ratio or ratio <= 1 / t.ratio)
                or abs(row["value"] - base) < t.min_difference
            ):
                break
            text = sentences.rate_sentence(
                spec.name(row["area"]),
                sentences.subject(indicator, indicator.code, row["gender"]),
                value_words(row["value"], indicator),
                row["period"],
                ratio,
                name,
                value_words(base, indicator),
            )
            out.append(
                Sentence(
                    text,
                    list(row["refs"]),
                    kind="rate",
                    strength=abs(ratio - 1),
                    indicator=indicator.code,
                )
            )
            break
    return out

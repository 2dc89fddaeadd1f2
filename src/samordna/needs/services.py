"""Needs analysis editions: build the spec and the frame, run the analysis, decide, finalise."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from samordna.accounts.models import Association
from samordna.analysis import compare, synthesis
from samordna.analysis.spec import AnalysisSpec, Derived, IndicatorSpec, Thresholds
from samordna.audit.context import transition
from samordna.core import privacy
from samordna.core.models import next_registry_number
from samordna.needs.models import FlagDecision, NarrativeVersion, NeedsAnalysis, Section
from samordna.statistics import catalog
from samordna.statistics.models import Area, IndicatorSet, Observation


class AnalysisError(Exception):
    """A refused action on an edition; the message is Swedish and says why."""


def _is_change(title: str) -> bool:
    return "förändring" in title.lower()


def default_spec(
    association: Association, indicator_set: IndicatorSet, year: int
) -> dict[str, Any]:
    """The specification a new edition starts from; the analyst edits comparisons and thresholds."""
    similar: dict[str, str] = {}
    for kommun in Area.objects.filter(code__in=association.member_municipalities):
        groups = catalog.similar_groups(kommun, ("övergripande",))
        if groups:
            similar[kommun.code] = groups[0].code
    return {
        "members": list(association.member_municipalities),
        "region": association.region_code,
        "nation": "0000",
        "comparisons": {m: [] for m in association.member_municipalities},
        "similar": similar,
        "year": year,
        "thresholds": asdict(Thresholds()),
    }


def build_spec(analysis: NeedsAnalysis) -> AnalysisSpec:
    """The analysis spec of an edition: its stored choices plus the indicator set."""
    stored = analysis.spec
    items = analysis.indicator_set.items.select_related("indicator").order_by("position")
    indicators = tuple(
        IndicatorSpec(
            code=item.indicator.code,
            title=item.indicator.title,
            unit=item.indicator.unit,
            needs_group=item.needs_group,
            is_count=item.indicator.is_count,
            kind="change" if _is_change(item.indicator.title) else "level",
            key=item.key,
            source=item.indicator.source,
        )
        for item in items
    )
    derived = tuple(
        Derived(
            code=d["code"],
            title=d["title"],
            numerator=tuple(d["numerator"]),
            denominator=tuple(d["denominator"]),
            needs_group=d.get("needs_group", ""),
            key=bool(d.get("key")),
        )
        for d in analysis.indicator_set.derived
    )
    members = tuple(stored.get("members") or analysis.association.member_municipalities)
    comparisons = {k: tuple(v) for k, v in (stored.get("comparisons") or {}).items()}
    similar = dict(stored.get("similar") or {})
    region = stored.get("region", analysis.association.region_code)
    nation = stored.get("nation", "0000")
    codes = {*members, region, nation, *similar.values()} | {
        c for v in comparisons.values() for c in v
    }
    names = dict(Area.objects.filter(code__in=codes).values_list("code", "name"))
    names.update({code: short_name(name) for code, name in names.items()})
    known = set(Thresholds.__dataclass_fields__)
    thresholds = Thresholds(
        **{k: v for k, v in (stored.get("thresholds") or {}).items() if k in known}
    )
    return AnalysisSpec(
        members=members,
        region=region,
        nation=nation,
        comparisons=comparisons,
        similar=similar,
        indicators=indicators,
        derived=derived,
        names=names,
        thresholds=thresholds,
    )


def short_name(name: str) -> str:
    return "riket" if name == "Riket" else name


def areas_of(spec: AnalysisSpec) -> set[str]:
    codes = {*spec.members, spec.region, spec.nation, *spec.similar.values()}
    return {c for c in codes | {c for v in spec.comparisons.values() for c in v} if c}


def observation_frame(spec: AnalysisSpec, year: int) -> pl.DataFrame:
    """The edition's observations (up to its year) as an analysis frame; ``refs`` are ids."""
    rows = Observation.objects.filter(
        indicator__code__in=[i.code for i in spec.indicators],
        area__code__in=areas_of(spec),
        period__lte=f"{year}-12",
    ).values_list("id", "indicator__code", "area__code", "period", "gender", "value", "status")
    return compare.observations(
        pl.DataFrame(
            [
                {
                    "ref": str(pk),
                    "indicator": code,
                    "area": area,
                    "period": period,
                    "gender": gender,
                    "value": None if value is None else float(value),
                    "status": status,
                }
                for pk, code, area, period, gender, value, status in rows
            ],
            schema={"ref": pl.Utf8, **compare.SCHEMA},
        )
    )


def run(analysis: NeedsAnalysis) -> synthesis.Analysis:
    spec = build_spec(analysis)
    return synthesis.run(observation_frame(spec, analysis.year), spec)


def compute(analysis: NeedsAnalysis) -> synthesis.Analysis:
    """Run the analysis and keep its flags on the edition; a fresh edition accepts the top ones."""
    if analysis.is_final:
        raise AnalysisError("Analysen är fastställd och kan inte räknas om.")
    result = run(analysis)
    with transaction.atomic():
        analysis.flags = [flag.as_dict() for flag in result.flags]
        analysis.computed_at = timezone.now()
        analysis.save(update_fields=["flags", "computed_at"])
        if not analysis.decisions.exists():
            top = result.spec.thresholds.accept_top
            for flag in result.flags[:top]:
                FlagDecision.objects.create(
                    analysis=analysis, key=flag.key, decision=FlagDecision.Decision.ACCEPTED
                )
    return result


def create(
    association: Association, year: int, *, indicator_set: IndicatorSet | None = None
) -> NeedsAnalysis:
    """A new edition; it starts from the previous year's spec, decisions and narrative."""
    if NeedsAnalysis.objects.filter(association=association, year=year).exists():
        raise AnalysisError(f"Det finns redan en behovsanalys för {year}.")
    previous = (
        NeedsAnalysis.objects.filter(association=association, year__lt=year)
        .order_by("-year")
        .first()
    )
    indicator_set = indicator_set or (
        previous.indicator_set if previous else catalog.ensure_finsam_set(association)
    )
    spec = dict(previous.spec) if previous else default_spec(association, indicator_set, year)
    spec["year"] = year
    with transaction.atomic():
        analysis = NeedsAnalysis.objects.create(
            association=association,
            year=year,
            title=f"Behovsanalys {year}",
            indicator_set=indicator_set,
            spec=spec,
            previous=previous,
        )
        if previous:
            for section in Section.values:
                text = current_text(previous, section)
                if text:
                    NarrativeVersion.objects.create(analysis=analysis, section=section, text=text)
    return analysis


def current_text(analysis: NeedsAnalysis, section: str) -> str:
    version = analysis.narrative.filter(section=section).order_by("-created_at", "-id").first()
    return version.text if version else ""


def save_text(
    analysis: NeedsAnalysis, section: str, text: str, author: Any
) -> NarrativeVersion | None:
    if analysis.is_final:
        raise AnalysisError("Analysen är fastställd; starta en ny upplaga för att ändra texten.")
    if section not in Section.values:
        raise AnalysisError(f"Okänt avsnitt: {section}.")
    _guard(text, "Texten")
    if text == current_text(analysis, section):
        return None
    return NarrativeVersion.objects.create(
        analysis=analysis, section=section, text=text, author=author
    )


def decide(analysis: NeedsAnalysis, key: str, decision: str, note: str = "") -> FlagDecision:
    if analysis.is_final:
        raise AnalysisError("Analysen är fastställd; flaggorna kan inte ändras.")
    if key not in {f["key"] for f in analysis.flags}:
        raise AnalysisError("Flaggan finns inte i den senaste beräkningen.")
    if decision not in FlagDecision.Decision.values:
        raise AnalysisError("Välj att godta eller dölja flaggan.")
    _guard(note, "Kommentaren")
    found, _created = FlagDecision.objects.update_or_create(
        analysis=analysis, key=key, defaults={"decision": decision, "note": note}
    )
    return found


def finalise(analysis: NeedsAnalysis, user: Any) -> NeedsAnalysis:
    """Lock the edition with a registry number and a date (atomic, audited as a transition)."""
    with transaction.atomic():
        locked = NeedsAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if locked.is_final:
            raise AnalysisError("Analysen är redan fastställd.")
        if not locked.computed_at:
            raise AnalysisError("Räkna fram analysen innan den fastställs.")
        with transition("Behovsanalysen fastställd"):
            locked.status = NeedsAnalysis.Status.FINAL
            locked.registry_number = next_registry_number(locked.association, timezone.now().year)
            locked.finalised_at = timezone.now()
            locked.finalised_by = user
            locked.save()
    return locked


def _guard(text: str, field: str) -> None:
    """The privacy guard: a report may not hold personal identity numbers."""
    try:
        privacy.check(text, field=field)
    except ValidationError as exc:
        raise AnalysisError(exc.messages[0]) from exc


def accepted(analysis: NeedsAnalysis) -> dict[str, FlagDecision]:
    return {d.key: d for d in analysis.decisions.filter(decision=FlagDecision.Decision.ACCEPTED)}

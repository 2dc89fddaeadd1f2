"""Needs analysis editions: build the spec and the frame, run the analysis, decide, finalise."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import Association
from samordna.analysis import compare, synthesis
from samordna.analysis.spec import AnalysisSpec, Derived, IndicatorSpec
from samordna.audit.context import transition
from samordna.core import privacy
from samordna.core.models import next_registry_number
from samordna.needs import settings as analysis_settings
from samordna.needs.models import FlagDecision, NarrativeVersion, NeedsAnalysis, Section
from samordna.statistics import catalog
from samordna.statistics.models import Area, Indicator, IndicatorSet, Observation


class AnalysisError(Exception):
    """A refused action on an edition; the message is Swedish and says why."""


def _is_change(title: str) -> bool:
    return "förändring" in title.lower()


def build_spec(analysis: NeedsAnalysis) -> AnalysisSpec:
    """The analysis spec of an edition: the settings copied into it, with each indicator's facts.

    Editions computed before settings were copied in read the indicator set
    as it is now.
    """
    stored = analysis.spec
    indicators = _indicator_specs(analysis, stored)
    derived = tuple(
        Derived(
            code=d["code"],
            title=d["title"],
            numerator=tuple(d["numerator"]),
            denominator=tuple(d["denominator"]),
            needs_group=d.get("needs_group", ""),
            key=bool(d.get("key")),
        )
        for d in stored.get("derived", analysis.indicator_set.derived)
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
    return AnalysisSpec(
        members=members,
        region=region,
        nation=nation,
        comparisons=comparisons,
        similar=similar,
        indicators=indicators,
        derived=derived,
        names=names,
        thresholds=analysis_settings.thresholds_of(stored.get("thresholds") or {}),
        year=analysis.year,
        history=int(stored.get("history") or 0),
    )


def _indicator_specs(analysis: NeedsAnalysis, stored: dict[str, Any]) -> tuple[IndicatorSpec, ...]:
    chosen = stored.get("indicators")
    if chosen is None:
        chosen = analysis_settings.item_choices(analysis.indicator_set)
    facts = {i.code: i for i in Indicator.objects.filter(code__in=[c["code"] for c in chosen])}
    return tuple(
        IndicatorSpec(
            code=c["code"],
            title=facts[c["code"]].title,
            unit=facts[c["code"]].unit,
            needs_group=c["needs_group"],
            is_count=facts[c["code"]].is_count,
            kind="change" if _is_change(facts[c["code"]].title) else "level",
            key=bool(c["key"]),
            source=facts[c["code"]].source,
            shown=bool(c.get("shown", True)),
            table=c.get("table", ""),
            row_label=c.get("row_label", ""),
            phrase=c.get("phrase", ""),
            level=int(c.get("level", 0)),
            change_of=c.get("change_of", ""),
        )
        for c in chosen
        if c["code"] in facts
    )


def short_name(name: str) -> str:
    return "riket" if name == "Riket" else name


def areas_of(spec: AnalysisSpec) -> set[str]:
    codes = {*spec.members, spec.region, spec.nation, *spec.similar.values()}
    return {c for c in codes | {c for v in spec.comparisons.values() for c in v} if c}


def observation_frame(spec: AnalysisSpec, year: int) -> pl.DataFrame:
    """The edition's observations (up to its year) as an analysis frame; ``refs`` are ids."""
    from samordna.needs.results import observations_of

    rows = observations_of(spec, year).values_list(
        "id", "indicator__code", "area__code", "period", "gender", "value", "status"
    )
    columns: list[Any] = list(zip(*rows, strict=True)) or [[] for _ in range(7)]
    return compare.observations(
        pl.DataFrame(
            {
                "ref": [str(pk) for pk in columns[0]],
                "indicator": list(columns[1]),
                "area": list(columns[2]),
                "period": list(columns[3]),
                "gender": list(columns[4]),
                "value": [None if v is None else float(v) for v in columns[5]],
                "status": list(columns[6]),
            },
            schema={"ref": pl.Utf8, **compare.SCHEMA},
        )
    )


def run(analysis: NeedsAnalysis) -> synthesis.Analysis:
    spec = build_spec(analysis)
    return synthesis.run(observation_frame(spec, analysis.year), spec)


def missing_data(analysis: NeedsAnalysis, spec: AnalysisSpec | None = None) -> str:
    """Why the edition's year cannot be reported (Swedish), or "" when it has figures."""
    spec = spec or build_spec(analysis)
    from samordna.needs.results import observations_of

    members = observations_of(spec, analysis.year).filter(
        area__code__in=spec.members, value__isnull=False
    )
    if members.filter(period__startswith=str(analysis.year)).exists():
        return ""
    latest = members.aggregate(latest=Max("period"))["latest"]
    later = Observation.objects.filter(area__code__in=spec.members, value__isnull=False).aggregate(
        latest=Max("period")
    )["latest"]
    text = (
        f"Det finns inga uppgifter för {analysis.year} för medlemskommunerna i statistiklagret, "
        "så det finns ingen behovsanalys att räkna fram för det året."
    )
    newest = later or latest
    if newest:
        text += f" Den senaste perioden med uppgifter är {newest[:4]}; välj det året"
        text += " eller hämta nyare uppgifter (Statistik, eller samordna kolada fetch)."
    else:
        text += " Hämta uppgifter först (Statistik, eller samordna kolada fetch)."
    return text


def result(analysis: NeedsAnalysis, spec: AnalysisSpec | None = None) -> synthesis.Analysis:
    """The edition's analysis: the stored one, or computed now when it has none stored."""
    from samordna.needs import results

    spec = spec or build_spec(analysis)
    stored = results.load(analysis, spec)
    return (
        stored
        if stored is not None
        else synthesis.run(observation_frame(spec, analysis.year), spec)
    )


def compute(analysis: NeedsAnalysis) -> synthesis.Analysis:
    """Run the analysis with the settings in force and store it; a fresh edition accepts flags.

    The settings are copied into the edition first (a finalised edition keeps
    the copy it was computed with). When neither the settings nor the
    observations changed since the last computation, the stored result is
    returned as it is.
    """
    from samordna.needs import results

    if analysis.is_final:
        raise AnalysisError(_("The analysis is finalised and cannot be computed again."))
    analysis.spec = analysis_settings.spec_for(
        analysis.association, analysis.indicator_set, analysis.year
    )
    spec = build_spec(analysis)
    reason = missing_data(analysis, spec)
    if reason:
        raise AnalysisError(reason)
    key = results.inputs_key(analysis, spec)
    if analysis.computed_at and analysis.inputs_key == key:
        stored = results.load(analysis, spec)
        if stored is not None:
            return stored
    computed = synthesis.run(observation_frame(spec, analysis.year), spec)
    with transaction.atomic():
        analysis.flags = [flag.as_dict() for flag in computed.flags]
        analysis.computed_at = timezone.now()
        analysis.inputs_key = key
        analysis.save(update_fields=["spec", "flags", "computed_at", "inputs_key"])
        results.store(analysis, computed, key)
        if not analysis.decisions.exists():
            top = computed.spec.thresholds.accept_top
            for flag in computed.flags[:top]:
                FlagDecision.objects.create(
                    analysis=analysis, key=flag.key, decision=FlagDecision.Decision.ACCEPTED
                )
    return computed


def create(
    association: Association, year: int, *, indicator_set: IndicatorSet | None = None
) -> NeedsAnalysis:
    """A new edition; it starts from the previous year's spec, decisions and narrative."""
    if NeedsAnalysis.objects.filter(association=association, year=year).exists():
        raise AnalysisError(_("There is already a needs analysis for %(year)s.") % {"year": year})
    previous = (
        NeedsAnalysis.objects.filter(association=association, year__lt=year)
        .order_by("-year")
        .first()
    )
    indicator_set = indicator_set or (
        previous.indicator_set if previous else catalog.ensure_finsam_set(association)
    )
    spec = analysis_settings.spec_for(association, indicator_set, year)
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
        raise AnalysisError(_("The analysis is finalised; start a new edition to change the text."))
    if section not in Section.values:
        raise AnalysisError(_("Unknown section: %(section)s.") % {"section": section})
    _guard(text, "Texten")
    if text == current_text(analysis, section):
        return None
    return NarrativeVersion.objects.create(
        analysis=analysis, section=section, text=text, author=author
    )


def decide(analysis: NeedsAnalysis, key: str, decision: str, note: str = "") -> FlagDecision:
    if analysis.is_final:
        raise AnalysisError(_("The analysis is finalised; its flags cannot be changed."))
    if key not in {f["key"] for f in analysis.flags}:
        raise AnalysisError(_("The flag is not in the latest computation."))
    if decision not in FlagDecision.Decision.values:
        raise AnalysisError(_("Choose to accept or hide the flag."))
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
            raise AnalysisError(_("The analysis is already finalised."))
        if not locked.computed_at:
            raise AnalysisError(_("Compute the analysis before it is finalised."))
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


def decide_many(analysis: NeedsAnalysis, keys: list[str], decision: str) -> int:
    """The same decision on several flags at once, all or none; returns how many changed."""
    if analysis.is_final:
        raise AnalysisError(_("The analysis is finalised; its flags cannot be changed."))
    if decision not in FlagDecision.Decision.values:
        raise AnalysisError(_("Choose to accept or hide the flags."))
    if not keys:
        raise AnalysisError(_("Mark at least one flag."))
    known = {f["key"] for f in analysis.flags}
    if any(key not in known for key in keys):
        raise AnalysisError(_("A marked flag is not in the latest computation; reload the page."))
    existing = {d.key: d for d in analysis.decisions.filter(key__in=keys)}
    changed = 0
    with transaction.atomic():
        for key in dict.fromkeys(keys):
            found = existing.get(key)
            if found is None:
                FlagDecision.objects.create(analysis=analysis, key=key, decision=decision)
            elif found.decision != decision:
                found.decision = decision
                found.save(update_fields=["decision"])
            else:
                continue
            changed += 1
    return changed


DRAFTED = (Section.VIEW, Section.OBSERVATIONS, Section.PROPOSALS)


def draft_text(analysis: NeedsAnalysis, section: str, author: Any) -> NarrativeVersion:
    """Save a draft of a qualitative chapter written from Samordna's records (a new version)."""
    from samordna.needs import drafts

    if analysis.is_final:
        raise AnalysisError(_("The analysis is finalised; start a new edition to change the text."))
    if section not in DRAFTED:
        raise AnalysisError(
            _("Drafts are written for the view, the observations and the proposed directions.")
        )
    if section == Section.OBSERVATIONS and not analysis.computed_at:
        raise AnalysisError(_("Compute the analysis first; the observations build on its flags."))
    written = drafts.draft(analysis, section)
    if not written:
        raise AnalysisError(
            _(
                "There is nothing in Samordna to draft from yet: interviews with the parties "
                "during the year, themes in the insight bank, accepted flags, the board's "
                "priorities or collaboration areas of low quality."
            )
        )
    text = drafts.as_text(written)
    _guard(text, "Utkastet")
    return NarrativeVersion.objects.create(
        analysis=analysis, section=section, text=text, author=author
    )

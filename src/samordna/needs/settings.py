"""An association's analysis settings: defaults, validation, and the copy an edition keeps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.accounts.models import Association
from samordna.analysis.spec import Thresholds
from samordna.needs.models import AnalysisSettings
from samordna.statistics import catalog
from samordna.statistics.models import Area, IndicatorSet, IndicatorSetItem, NeedsGroup

MAX_HISTORY = 15

# What each threshold and weight does, in one sentence (shown on the settings page).
THRESHOLD_HELP: dict[str, tuple[Any, Any]] = {  # (label, help), lazily translated
    "ratio": (
        gettext_lazy("Ratio to a comparison"),
        gettext_lazy(
            "A share or a figure is flagged when it is at least this many times higher (or lower)"
            " than the region, riket or the comparison kommuner."
        ),
    ),
    "min_difference": (
        gettext_lazy("Smallest difference"),
        gettext_lazy(
            "…and differs by at least this many units (percentage points, days …), so that small "
            "figures are not flagged."
        ),
    ),
    "min_base": (
        gettext_lazy("Smallest count"),
        gettext_lazy("Counts are flagged only when at least this many people are included."),
    ),
    "gender_share": (
        gettext_lazy("Gender distribution"),
        gettext_lazy(
            "A count is flagged when one gender is at least this share (0,65 = 65 %) of women and"
            " men together."
        ),
    ),
    "opposite_max_share": (
        gettext_lazy("Opposite direction, share"),
        gettext_lazy(
            "A series going the other way than the rest is flagged when at most this share of the"
            " series goes its way."
        ),
    ),
    "opposite_min_ratio": (
        gettext_lazy("Opposite direction, ratio"),
        gettext_lazy("…and deviates at least this much from the region."),
    ),
    "opposite_min_series": (
        gettext_lazy("Opposite direction, series"),
        gettext_lazy("…among at least this many comparable series."),
    ),
    "change_pct": (
        gettext_lazy("Change in per cent"),
        gettext_lazy(
            "A change since the comparison period is flagged when it is at least this many per "
            "cent."
        ),
    ),
    "extreme_min_values": (
        gettext_lazy("Highest or lowest among"),
        gettext_lazy(
            "A value is flagged as the highest or lowest when it is compared with at least this "
            "many values."
        ),
    ),
    "weight_deviation": (
        gettext_lazy("Weight: deviation"),
        gettext_lazy("How much a deviation from a comparison weighs when the flags are ranked."),
    ),
    "weight_opposite": (
        gettext_lazy("Weight: opposite direction"),
        gettext_lazy("How much a series in the opposite direction weighs."),
    ),
    "weight_gender": (
        gettext_lazy("Weight: gender"),
        gettext_lazy("How much an uneven gender distribution weighs."),
    ),
    "weight_change": (
        gettext_lazy("Weight: change"),
        gettext_lazy("How much a large change weighs."),
    ),
    "weight_extreme": (
        gettext_lazy("Weight: highest or lowest"),
        gettext_lazy("How much the highest or lowest weighs."),
    ),
    "accept_top": (
        gettext_lazy("Accepted from the start"),
        gettext_lazy(
            "This many of the strongest flags in the report's tables are accepted when an edition"
            " is first computed."
        ),
    ),
}

# Bounds per threshold: (smallest, largest) a person may set.
THRESHOLD_BOUNDS: dict[str, tuple[float, float]] = {
    "ratio": (1.01, 10.0),
    "min_difference": (0.0, 1_000_000.0),
    "min_base": (0.0, 1_000_000.0),
    "gender_share": (0.5, 1.0),
    "opposite_max_share": (0.0, 0.5),
    "opposite_min_ratio": (1.0, 10.0),
    "opposite_min_series": (2, 1000),
    "change_pct": (0.1, 1000.0),
    "extreme_min_values": (2, 1000),
    "weight_deviation": (0.0, 10.0),
    "weight_opposite": (0.0, 10.0),
    "weight_gender": (0.0, 10.0),
    "weight_change": (0.0, 10.0),
    "weight_extreme": (0.0, 10.0),
    "accept_top": (0, 500),
}


class SettingsError(Exception):
    """Refused settings; ``messages`` are Swedish and name the field."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def suggested_similar(code: str) -> Area | None:
    """Kolada's "Liknande kommuner, övergripande" group of a kommun, when there is one."""
    kommun = Area.objects.filter(code=code).first()
    if kommun is None:
        return None
    groups = catalog.similar_groups(kommun, ("övergripande",)) or catalog.similar_groups(kommun)
    return groups[0] if groups else None


def create_defaults(association: Association) -> AnalysisSettings:
    """The settings of a new association: its region, riket, Kolada's similar groups."""
    found = AnalysisSettings.objects.filter(association=association).first()
    if found is not None:
        return found
    similar = {}
    for code in association.member_municipalities:
        group = suggested_similar(code)
        if group is not None:
            similar[code] = group.code
    return AnalysisSettings.objects.create(
        association=association,
        region=association.region_code,
        similar=similar,
        comparisons={code: [] for code in association.member_municipalities},
        thresholds=asdict(Thresholds()),
    )


def settings_for(association: Association) -> AnalysisSettings:
    found = AnalysisSettings.objects.filter(association=association).first()
    return found if found is not None else create_defaults(association)


def thresholds_of(stored: dict[str, Any]) -> Thresholds:
    known = {f.name for f in fields(Thresholds)}
    return Thresholds(**{k: v for k, v in (stored or {}).items() if k in known})


def spec_for(association: Association, indicator_set: IndicatorSet, year: int) -> dict[str, Any]:
    """The copy of the settings an edition is computed with (kept when it is finalised)."""
    chosen = settings_for(association)
    members = association.member_municipalities
    return {
        "members": list(association.member_municipalities),
        "region": chosen.region,
        "nation": chosen.nation,
        "comparisons": {m: list(chosen.comparisons.get(m, [])) for m in members},
        "similar": {m: c for m, c in chosen.similar.items() if c},
        "year": year,
        "history": chosen.history,
        "thresholds": asdict(thresholds_of(chosen.thresholds)),
        "indicators": item_choices(indicator_set),
        "derived": list(indicator_set.derived),
    }  # fmt: skip


def item_choices(indicator_set: IndicatorSet) -> list[dict[str, Any]]:
    """What the set says of each indicator, in its order, as an edition keeps it."""
    items = indicator_set.items.select_related("indicator").order_by("position", "id")
    return [
        {
            "code": item.indicator.code,
            "needs_group": item.needs_group,
            "key": item.key,
            "shown": item.shown,
            "table": item.table,
            "row_label": item.row_label,
            "phrase": item.phrase,
            "level": item.level,
            "change_of": item.change_of,
        }
        for item in items
    ]


@dataclass
class ItemChoice:
    item_id: int
    needs_group: str
    key: bool
    shown: bool


def update(
    association: Association,
    *,
    comparisons: dict[str, list[str]],
    similar: dict[str, str],
    region: str,
    history: int,
    thresholds: dict[str, float],
    items: list[ItemChoice],
    indicator_set: IndicatorSet | None = None,
) -> AnalysisSettings:
    """Validate and save the settings and the indicator choices together (audited)."""
    errors = _validate(association, comparisons, similar, region, history, thresholds)
    indicator_set = indicator_set or catalog.ensure_finsam_set(association)
    stored_items = {i.pk: i for i in indicator_set.items.all()}
    for choice in items:
        if choice.item_id not in stored_items:
            errors.append(_("An indicator of the list is not in the set; reload the page."))
        elif choice.needs_group not in NeedsGroup.values:
            errors.append(_("Unknown needs group “%(group)s”.") % {"group": choice.needs_group})
    if errors:
        raise SettingsError(errors)
    with transaction.atomic():
        chosen = AnalysisSettings.objects.select_for_update().get(pk=settings_for(association).pk)
        chosen.comparisons = comparisons
        chosen.similar = {m: c for m, c in similar.items() if c}
        chosen.region = region
        chosen.history = history
        chosen.thresholds = asdict(thresholds_of(thresholds))
        chosen.save()
        for choice in items:
            item: IndicatorSetItem = stored_items[choice.item_id]
            wanted = (choice.needs_group, choice.key, choice.shown)
            if (item.needs_group, item.key, item.shown) != wanted:
                item.needs_group, item.key, item.shown = wanted
                item.save()
    return chosen


def _validate(
    association: Association,
    comparisons: dict[str, list[str]],
    similar: dict[str, str],
    region: str,
    history: int,
    thresholds: dict[str, float],
) -> list[str]:
    errors: list[str] = []
    members = set(association.member_municipalities)
    names = dict(Area.objects.values_list("code", "name"))
    kommuner = set(Area.objects.filter(kind=Area.Kind.MUNICIPALITY).values_list("code", flat=True))
    for member, chosen in comparisons.items():
        if member not in members:
            errors.append(_("%(name)s is no member kommun.") % {"name": names.get(member, member)})
            continue
        for code in chosen:
            if code not in kommuner:
                errors.append(
                    _("Comparison kommuner of %(name)s: %(code)s is no kommun.")
                    % {"name": names[member], "code": code}
                )
            elif code == member:
                errors.append(
                    _("%(name)s cannot be compared with itself.") % {"name": names[member]}
                )
    groups = set(Area.objects.filter(kind=Area.Kind.GROUP).values_list("code", flat=True))
    for member, code in similar.items():
        if code and code not in groups:
            errors.append(
                _("Similar kommuner of %(name)s: unknown group %(code)s.")
                % {"name": names.get(member, member), "code": code}
            )
    if not Area.objects.filter(code=region, kind=Area.Kind.REGION).exists():
        errors.append(
            _("The region %(code)s is not in Kolada's list of areas.") % {"code": region or "–"}
        )
    if not 1 <= history <= MAX_HISTORY:
        errors.append(
            _("The number of periods in the time series must be between 1 and %(most)s.")
            % {"most": MAX_HISTORY}
        )
    for name, value in thresholds.items():
        if name not in THRESHOLD_BOUNDS:
            errors.append(_("Unknown threshold “%(name)s”.") % {"name": name})
            continue
        low, high = THRESHOLD_BOUNDS[name]
        if not low <= value <= high:
            label = THRESHOLD_HELP[name][0]
            errors.append(
                _("%(label)s: %(value)s lies outside %(low)s–%(high)s.")
                % {"label": label, "value": _num(value), "low": _num(low), "high": _num(high)}
            )
    return errors


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def derived_code(title: str, taken: set[str]) -> str:
    """A code for a new derived share, from its title (``DER_ANDEL_UNGA``), unique in the set."""
    import re

    from django.utils.text import slugify

    base = "DER_" + re.sub(r"[^A-Z0-9]+", "_", slugify(title).upper()).strip("_")[:40]
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def update_derived(indicator_set: IndicatorSet, derived: list[dict[str, Any]]) -> None:
    """Replace the set's derived shares after checking them (counts only, from the set).

    A share is 100 × Σ numerator / Σ denominator; only counts may be summed,
    so every part must be a count indicator of the set.
    """
    counts = {
        item.indicator.code: item.indicator.title
        for item in indicator_set.items.select_related("indicator")
        if item.indicator.is_count
    }
    errors: list[str] = []
    for share in derived:
        title = share.get("title", "").strip()
        if not title:
            errors.append(_("Give the derived share a name."))
        name = title or _("The share")
        for side, label in (
            ("numerator", _("The numerator")),
            ("denominator", _("The denominator")),
        ):
            parts = share.get(side) or []
            if not parts:
                errors.append(
                    _("%(share)s: %(side)s has no indicators.") % {"share": name, "side": label}
                )
            for code in parts:
                if code not in counts:
                    errors.append(
                        _("%(share)s: %(code)s is no count of the set; only counts can be summed.")
                        % {"share": name, "code": code}
                    )
        if share.get("needs_group") not in NeedsGroup.values:
            errors.append(_("%(share)s: choose a needs group.") % {"share": name})
    if errors:
        raise SettingsError(errors)
    indicator_set.derived = derived
    indicator_set.save(update_fields=["derived"])

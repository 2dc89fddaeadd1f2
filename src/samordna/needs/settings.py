"""An association's analysis settings: defaults, validation, and the copy an edition keeps."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from django.db import transaction

from samordna.accounts.models import Association
from samordna.analysis.spec import Thresholds
from samordna.needs.models import AnalysisSettings
from samordna.statistics import catalog
from samordna.statistics.models import Area, IndicatorSet, IndicatorSetItem, NeedsGroup

MAX_HISTORY = 15

# What each threshold and weight does, in one Swedish sentence (shown on the settings page).
THRESHOLD_HELP: dict[str, tuple[str, str]] = {
    "ratio": ("Kvot mot jämförelse", "En andel eller ett tal flaggas när det är minst så många "
              "gånger högre (eller lägre) än regionen, riket eller jämförelsekommunerna."),
    "min_difference": ("Minsta skillnad", "…och skiljer sig med minst så många enheter "
                       "(procentenheter, dagar …), så att små tal inte flaggas."),
    "min_base": ("Minsta antal", "Antal flaggas bara när minst så många personer ingår."),
    "gender_share": ("Könsfördelning", "Ett antal flaggas när ett kön är minst denna andel "
                     "(0,65 = 65 %) av kvinnor och män tillsammans."),
    "opposite_max_share": ("Motsatt riktning, andel", "En serie som går åt andra hållet än "
                           "resten flaggas när högst denna andel av serierna går åt samma håll."),
    "opposite_min_ratio": ("Motsatt riktning, kvot", "…och avviker minst så mycket från "
                           "regionen."),
    "opposite_min_series": ("Motsatt riktning, serier", "…bland minst så många jämförbara "
                            "serier."),
    "change_pct": ("Förändring i procent", "En förändring sedan jämförelseperioden flaggas när "
                   "den är minst så många procent."),
    "extreme_min_values": ("Högst eller lägst bland", "Ett värde flaggas som högst eller lägst "
                           "när det jämförs med minst så många värden."),
    "weight_deviation": ("Vikt: avvikelse", "Hur mycket en avvikelse från en jämförelse väger "
                         "när flaggorna rangordnas."),
    "weight_opposite": ("Vikt: motsatt riktning", "Hur mycket en serie i motsatt riktning "
                        "väger."),
    "weight_gender": ("Vikt: kön", "Hur mycket en sned könsfördelning väger."),
    "weight_change": ("Vikt: förändring", "Hur mycket en stor förändring väger."),
    "weight_extreme": ("Vikt: högst eller lägst", "Hur mycket högst eller lägst väger."),
    "accept_top": ("Godtas från början", "Så många av de starkaste flaggorna i rapportens "
                   "tabeller godtas när en upplaga räknas fram första gången."),
}  # fmt: skip

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
            errors.append("En indikator i listan finns inte i uppsättningen; ladda om sidan.")
        elif choice.needs_group not in NeedsGroup.values:
            errors.append(f"Okänd behovsgrupp ”{choice.needs_group}”.")
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
            errors.append(f"{names.get(member, member)} är ingen medlemskommun.")
            continue
        for code in chosen:
            if code not in kommuner:
                errors.append(f"Jämförelsekommuner för {names[member]}: {code} är ingen kommun.")
            elif code == member:
                errors.append(f"{names[member]} kan inte jämföras med sig själv.")
    groups = set(Area.objects.filter(kind=Area.Kind.GROUP).values_list("code", flat=True))
    for member, code in similar.items():
        if code and code not in groups:
            errors.append(f"Liknande kommuner för {names.get(member, member)}: okänd grupp {code}.")
    if not Area.objects.filter(code=region, kind=Area.Kind.REGION).exists():
        errors.append(f"Regionen {region or '(tom)'} finns inte i Koladas områdeslista.")
    if not 1 <= history <= MAX_HISTORY:
        errors.append(f"Antal perioder i tidsserien ska vara mellan 1 och {MAX_HISTORY}.")
    for name, value in thresholds.items():
        if name not in THRESHOLD_BOUNDS:
            errors.append(f"Okänt tröskelvärde ”{name}”.")
            continue
        low, high = THRESHOLD_BOUNDS[name]
        if not low <= value <= high:
            label = THRESHOLD_HELP[name][0]
            errors.append(f"{label}: {_num(value)} ligger utanför {_num(low)}–{_num(high)}.")
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
            errors.append("Ge den beräknade andelen ett namn.")
        for side, label in (("numerator", "Täljaren"), ("denominator", "Nämnaren")):
            parts = share.get(side) or []
            if not parts:
                errors.append(f"{title or 'Andelen'}: {label} saknar indikatorer.")
            for code in parts:
                if code not in counts:
                    errors.append(
                        f"{title or 'Andelen'}: {code} är inget antal i uppsättningen; "
                        "bara antal kan summeras."
                    )
        if share.get("needs_group") not in NeedsGroup.values:
            errors.append(f"{title or 'Andelen'}: välj en behovsgrupp.")
    if errors:
        raise SettingsError(errors)
    indicator_set.derived = derived
    indicator_set.save(update_fields=["derived"])

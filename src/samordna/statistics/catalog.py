"""Reference data: areas, comparison groups, Kolada KPIs and the FINSAM indicator set.

The package carries Kolada's area list, the comparison groups of the demo
kommuner and the metadata of the KPIs a FINSAM analysis uses (files in
``data/``, provenance in ``data/README.md``), so a fresh installation can
import files without the network. ``samordna kolada sync-metadata`` refreshes
the same tables from the API through the same functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from samordna.statistics import codes
from samordna.statistics.models import (
    Area,
    Indicator,
    IndicatorSet,
    IndicatorSetItem,
    NeedsGroup,
)

DATA = Path(__file__).parent / "data"
FINSAM_SLUG = "finsam"
FINSAM_NAME = "FINSAM behovsanalys"

# The KPIs of docs/data-sources.md, each in its needs group.
FINSAM_SET: tuple[tuple[str, NeedsGroup], ...] = (
    *((kpi, NeedsGroup.POPULATION) for kpi in ("N01951", "N01713", "N01977")),
    *(
        (kpi, NeedsGroup.WORK)
        for kpi in (
            "N03920",
            "N03935",
            "N03937",
            "N03939",
            "N03952",
            "N03951",
            "N03954",
            "N02797",
            "N02798",
            "U40800",
            "U40803",
        )
    ),
    *(
        (kpi, NeedsGroup.LIVELIHOOD)
        for kpi in (
            "N31807",
            "N31824",
            "N31825",
            "N31910",
            "N31816",
            "N31814",
            "U31804",
            "U31803",
            "N31858",
            "N31860",
            "N31863",
            *(f"N0{n}" for n in range(1700, 1712)),
        )
    ),
    *(
        (kpi, NeedsGroup.HEALTH)
        for kpi in ("N00957", "N00974", "N00975", "N00976", "N00977", "N00978", "N00979", "N00938")
    ),
    *(
        (kpi, NeedsGroup.EDUCATION)
        for kpi in (
            "N01984",
            "N01983",
            "N01982",
            "N18741",
            "N18746",
            "N18897",
            "N18896",
            "N18898",
            "N18801",
            "N17457",
        )
    ),
)


# Key figures of the FINSAM set: written out in each needs group's synthesis of a new
# association (unemployment and young people outside work and studies; ekonomiskt
# bistånd; low education and school completion; ohälsotal and sjukpenningtal).
FINSAM_KEY = frozenset(
    {
        "N03920",
        "N03935",
        "N02797",
        "N31807",
        "N31816",
        "U31804",
        "N01984",
        "N17457",
        "N00957",
        "N00938",
    }
)


# How the synthesis names the key figures in ordinary words ({who}: where män/kvinnor go).
FINSAM_PHRASES = {
    "N03920": "andelen arbetslösa {who}18–65 år",
    "N03935": "andelen arbetslösa {who}18–24 år",
    "N02797": "andelen {who}16–24 år som varken arbetar eller studerar",
    "N31807": "andelen invånare {who}som fått ekonomiskt bistånd under året",
    "N31816": "andelen vuxna {who}med långvarigt ekonomiskt bistånd",
    "U31804": "andelen unga vuxna {who}18–24 år med ekonomiskt bistånd",
    "N01984": "andelen {who}25–64 år med förgymnasial utbildning",
    "N17457": "andelen gymnasieelever {who}med examen eller studiebevis inom fyra år",
    "N00957": "ohälsotalet",
    "N00938": "sjukpenningtalet",
}


# The FINSAM set's counts that belong together in one report table:
# code → (table, row label, indent). Rates keep a table each, with every area as a row.
_HELAR = "Individer med ersättning, helårsekvivalenter"
FINSAM_TABLES: dict[str, tuple[str, str, int]] = {
    "N01951": ("Invånare", "Invånare totalt", 0),
    "N01713": ("Invånare", "– därav 16–64 år", 1),
    "N01977": ("Invånare", "– därav 20–24 år", 1),
    "U40800": ("Kommunala arbetsmarknadsåtgärder", "Deltagare", 0),
    "U40803": ("Kommunala arbetsmarknadsåtgärder", "– därav anvisade", 1),
    "N31824": ("Ekonomiskt bistånd", "Biståndsmottagare 18 år och äldre", 0),
    "N31910": ("Ekonomiskt bistånd", "Biståndshushåll", 0),
    "N01711": (_HELAR, "Samtliga ersättningsformer", 0),
    "N01700": (_HELAR, "– sjukpenning", 1),
    "N01701": (_HELAR, "– rehabiliteringspenning", 1),
    "N01702": (_HELAR, "– aktivitetsersättning", 1),
    "N01703": (_HELAR, "– sjukersättning", 1),
    "N01704": (_HELAR, "– arbetslöshetsersättning", 1),
    "N01705": (_HELAR, "– aktivitetsstöd", 1),
    "N01706": (_HELAR, "– utvecklingsersättning", 1),
    "N01707": (_HELAR, "– etableringsersättning", 1),
    "N01708": (_HELAR, "– etableringstillägg", 1),
    "N01709": (_HELAR, "– bostadsersättning", 1),
    "N01710": (_HELAR, "– ekonomiskt bistånd", 1),
    "N18897": ("Kommunal vuxenutbildning och SFI", "Elever i kommunal vuxenutbildning", 0),
    "N18896": ("Kommunal vuxenutbildning och SFI", "– grundläggande", 1),
    "N18898": ("Kommunal vuxenutbildning och SFI", "– gymnasial", 1),
    "N18801": ("Kommunal vuxenutbildning och SFI", "Elever i SFI", 0),
}


def bundled(name: str) -> list[dict[str, Any]]:
    payload = json.loads((DATA / name).read_text(encoding="utf-8"))
    return list(payload["values"])


def sync_areas(records: Iterable[Mapping[str, Any]]) -> int:
    """Create or rename areas from Kolada ``/municipality`` records."""
    existing = {a.code: a for a in Area.objects.all()}
    changed = 0
    for record in records:
        code = str(record["id"])
        kind = codes.kind_of(code)
        name = str(record["title"])
        area = existing.get(code)
        if area is None:
            existing[code] = Area.objects.create(code=code, name=name, kind=kind)
            changed += 1
        elif (area.name, area.kind) != (name, kind):
            area.name, area.kind = name, kind
            area.save(update_fields=["name", "kind"])
            changed += 1
    return changed


def sync_groups(records: Iterable[Mapping[str, Any]]) -> int:
    """Create or update comparison groups and their members from ``/municipality_groups``."""
    areas = {a.code: a for a in Area.objects.all()}
    changed = 0
    for record in records:
        code = str(record["id"])
        group = areas.get(code)
        if group is None:
            group = Area.objects.create(code=code, name=str(record["title"]), kind=Area.Kind.GROUP)
            areas[code] = group
            changed += 1
        elif group.name != record["title"]:
            group.name = str(record["title"])
            group.save(update_fields=["name"])
            changed += 1
        wanted = {str(m["member_id"]) for m in record.get("members", [])}
        member_ids = [areas[m].id for m in wanted if m in areas]
        current = set(group.members.values_list("id", flat=True))
        if current != set(member_ids):
            group.members.set(member_ids)
            changed += 1
    return changed


def _flag(value: Any) -> bool:
    """Kolada writes booleans as true/false in v3 and 0/1 in older answers."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true"}
    return bool(value)


def is_count(title: str) -> bool:
    """A Kolada KPI is a count when its title ends in ", antal"; shares and rates never are."""
    return bool(re.search(r",\s*antal\s*$", title))


def sync_kpis(records: Iterable[Mapping[str, Any]]) -> int:
    """Create or update indicators from Kolada ``/kpi`` records."""
    existing = {i.code: i for i in Indicator.objects.all()}
    changed = 0
    for record in records:
        code = str(record["id"])
        title = str(record["title"]).strip()
        fields = {
            "title": title,
            "description": str(record.get("description") or "").replace("\\n", "\n").strip(),
            "divided_by_gender": _flag(record.get("is_divided_by_gender")),
            "municipality_type": str(record.get("municipality_type") or "")[:1],
            "source": "Kolada",
            "is_count": is_count(title),
            "unit": _unit(title),
        }
        indicator = existing.get(code)
        if indicator is None:
            existing[code] = Indicator.objects.create(code=code, **fields)
            changed += 1
        elif any(getattr(indicator, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(indicator, key, value)
            indicator.save()
            changed += 1
    return changed


def _unit(title: str) -> str:
    lowered = title.lower()
    if "andel (%)" in lowered:
        return "andel (%)"
    if lowered.rstrip().endswith("antal"):
        return "antal"
    if "dagar" in lowered:
        return "dagar"
    if "kr/inv" in lowered:
        return "kr/inv"
    return ""


def load_bundled() -> None:
    """Areas, groups and FINSAM KPIs from the package's own copy of Kolada's metadata."""
    sync_areas(bundled("kolada_areas.json"))
    sync_groups(bundled("kolada_groups.json"))
    sync_kpis(bundled("kolada_kpis.json"))
    for code, group in FINSAM_SET:
        Indicator.objects.filter(code=code, needs_group="").update(needs_group=group)


def ensure_finsam_set(association: Any) -> IndicatorSet:
    """The association's editable "FINSAM behovsanalys" set; created with the default KPIs."""
    indicator_set, created = IndicatorSet.objects.get_or_create(
        association=association,
        slug=FINSAM_SLUG,
        defaults={
            "name": FINSAM_NAME,
            "description": "Nyckeltalen för en FINSAM-behovsanalys, per behovsgrupp.",
        },
    )
    if created:
        indicators = dict(Indicator.objects.values_list("code", "id"))
        for position, (code, group) in enumerate(FINSAM_SET):
            if code in indicators:
                IndicatorSetItem.objects.create(
                    indicator_set=indicator_set,
                    indicator_id=indicators[code],
                    needs_group=group,
                    position=position,
                    key=code in FINSAM_KEY,
                    phrase=FINSAM_PHRASES.get(code, ""),
                    table=FINSAM_TABLES.get(code, ("", "", 0))[0],
                    row_label=FINSAM_TABLES.get(code, ("", "", 0))[1],
                    level=FINSAM_TABLES.get(code, ("", "", 0))[2],
                )
    return indicator_set


def similar_groups(kommun: Area, kinds: tuple[str, ...] | None = None) -> list[Area]:
    """Kolada's "Liknande kommuner …, <kommun>, <år>" groups of a kommun, by title.

    Group ids change when RKA recomputes them, so they are found by title; of
    each kind the newest year wins.
    """
    pattern = re.compile(
        r"^Liknande kommuner,?\s*(?P<kind>.+?),\s*(?P<name>[^,]+),\s*(?P<year>\d{4})$"
    )
    newest: dict[str, tuple[int, Area]] = {}
    for group in Area.objects.filter(kind=Area.Kind.GROUP, name__startswith="Liknande kommuner"):
        match = pattern.match(group.name)
        if not match or match["name"].strip() != kommun.name:
            continue
        year = int(match["year"])
        kind = match["kind"].strip()
        if kinds is not None and kind not in kinds:
            continue
        if kind not in newest or newest[kind][0] < year:
            newest[kind] = (year, group)
    return [group for _year, group in sorted(newest.values(), key=lambda p: p[1].name)]

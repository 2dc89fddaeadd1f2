"""Fetching from Kolada and PxWeb into the warehouse.

Everything is fetched first and loaded after, through the same all-or-nothing
path as a file import: when a source fails half way, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from samordna.accounts.models import Association
from samordna.sources.http import JsonClient
from samordna.sources.kolada import Kolada
from samordna.statistics import catalog, warehouse
from samordna.statistics.fileformat import Row
from samordna.statistics.models import Area, DataLoad, IndicatorSet

# The kinds of Kolada's "Liknande kommuner" a FINSAM analysis compares with.
SIMILARITY_KINDS = ("övergripande", "socioekonomi", "arbetsmarknad", "ekonomiskt bistånd", "IFO")


def client(name: str, *, offline: bool = False, refresh: bool = False) -> JsonClient:
    return JsonClient(
        name=name,
        cache_dir=Path(settings.DATA_DIR) / "cache",
        offline=offline,
        rate=settings.SOURCES_RATE,
        timeout=settings.SOURCES_TIMEOUT,
        retries=settings.SOURCES_RETRIES,
        backoff=settings.SOURCES_BACKOFF,
        max_age=0.0 if refresh else settings.SOURCES_CACHE_HOURS * 3600.0,
    )


def kolada(*, offline: bool = False, refresh: bool = False) -> Kolada:
    return Kolada(client("kolada", offline=offline, refresh=refresh), settings.KOLADA_URL)


def sync_kolada_metadata(source: Kolada) -> dict[str, int]:
    """Areas, comparison groups and KPIs from Kolada, all fetched before any is written."""
    from django.db import transaction

    areas = source.municipalities()
    groups = source.municipality_groups()
    kpis = source.kpis()
    with transaction.atomic():
        return {
            "areas": catalog.sync_areas(areas),
            "groups": catalog.sync_groups(groups),
            "kpis": catalog.sync_kpis(kpis),
        }


def association_areas(association: Association) -> list[str]:
    """Members, their "liknande kommuner" (groups and members), the region and riket."""
    codes: list[str] = list(association.member_municipalities)
    for kommun in Area.objects.filter(code__in=association.member_municipalities):
        for group in catalog.similar_groups(kommun, SIMILARITY_KINDS):
            codes.append(group.code)
            codes.extend(group.members.values_list("code", flat=True))
    codes.extend(_chosen_comparisons(association))
    if association.region_code:
        codes.append(association.region_code)
    codes.append("0000")
    return list(dict.fromkeys(codes))


def _chosen_comparisons(association: Association) -> list[str]:
    """The comparison kommuner and region the analyst chose in the analysis settings."""
    from samordna.needs.models import AnalysisSettings

    chosen = AnalysisSettings.objects.filter(association=association).first()
    if chosen is None:
        return []
    codes = [code for peers in chosen.comparisons.values() for code in peers]
    return [*codes, *chosen.similar.values(), chosen.region]


def fetch_kolada(
    source: Kolada,
    *,
    association: Association,
    indicator_set: IndicatorSet,
    years: Sequence[int],
    from_date: str | None = None,
    user: Any = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> warehouse.Outcome:
    kpis = list(
        indicator_set.items.filter(indicator__source="Kolada").values_list(
            "indicator__code", flat=True
        )
    )
    areas = association_areas(association)
    values = []
    for value in source.data(kpis, areas, years, from_date=from_date):
        values.append(value)
        if progress and len(values) % 1000 == 0:
            progress(len(values))
    rows, retrieved_at = rows_with_times(
        (
            Row(number, v.kpi, v.area, v.period, v.gender, v.value, v.status, "Kolada"),
            v.retrieved_at,
        )
        for number, v in enumerate(values, start=1)
    )
    origin = warehouse.Origin(
        DataLoad.Kind.KOLADA,
        f"Kolada: {indicator_set.name}, {len(kpis)} nyckeltal, {len(areas)} områden, "
        f"{min(years)}–{max(years)}" + (f", ändrat sedan {from_date}" if from_date else ""),
        association=association,
        user=user,
        actor_label="samordna kolada fetch",
    )
    return warehouse.load_rows(rows, origin, dry_run=dry_run, retrieved_at=retrieved_at)


def rows_with_times(
    items: Iterable[tuple[Row, datetime]],
) -> tuple[list[Row], Callable[[Row], datetime]]:
    rows: list[Row] = []
    times: dict[int, datetime] = {}
    for row, retrieved_at in items:
        rows.append(row)
        times[row.line] = retrieved_at
    return rows, lambda r: times[r.line]


def px_source(dialect: str, url: str, table: str, *, offline: bool, refresh: bool) -> Any:
    """A PxWeb reader: v2 takes the API root and a table id, v1 the table's own URL."""
    from samordna.sources.pxweb import PxWebV1, PxWebV2

    px_client = client("pxweb", offline=offline, refresh=refresh)
    if dialect == "v2":
        return PxWebV2(px_client, url or settings.PXWEB_SCB_URL, table)
    return PxWebV1(px_client, url)


def px_variables(source: Any) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each variable's codes and labels, from the table's metadata (either dialect)."""
    from samordna.sources.pxweb import PxWebV2

    if isinstance(source, PxWebV2):
        dataset = source.metadata()
        return {d.id: (list(d.codes), d.labels) for d in dataset.dimensions}
    meta = source.metadata()
    return {
        str(v["code"]): (
            [str(c) for c in v["values"]],
            dict(
                zip(
                    (str(c) for c in v["values"]),
                    (str(t) for t in v.get("valueTexts", [])),
                    strict=False,
                )
            ),
        )
        for v in meta["variables"]
    }


def px_selection(
    variables: dict[str, tuple[list[str], dict[str, str]]], wanted: dict[str, list[str]]
) -> dict[str, list[str]]:
    """The query: every variable selected explicitly, by ``*``, or having a single value."""
    selection: dict[str, list[str]] = {}
    for name in wanted:
        if name not in variables:
            raise ValueError(
                f"Tabellen har ingen variabel ”{name}”. Variabler: {', '.join(variables)}."
            )
    for name, (codes_, _labels) in variables.items():
        chosen = wanted.get(name)
        if chosen is None:
            if len(codes_) != 1:
                raise ValueError(
                    f"Välj värden för variabeln ”{name}” med --select {name}=kod,kod "
                    f"(eller {name}=*)."
                )
            chosen = codes_
        elif chosen == ["*"]:
            chosen = codes_
        unknown = [c for c in chosen if c not in codes_]
        if unknown:
            raise ValueError(f"Variabeln ”{name}” har inga värden {', '.join(unknown)}.")
        selection[name] = chosen
    return selection


def fetch_pxweb(
    source: Any,
    *,
    selection: dict[str, list[str]],
    labels: dict[str, dict[str, str]],
    indicator: str,
    title: str,
    unit: str,
    source_name: str,
    association: Association | None = None,
    user: Any = None,
    dry_run: bool = False,
) -> warehouse.Outcome:
    """Fetch a PxWeb selection and load it; one indicator per combination of other variables."""
    from samordna.sources import pxweb
    from samordna.statistics import codes

    items: list[tuple[Row, datetime]] = []
    for dataset, retrieved_at in source.fetch(selection):
        named = source_name or dataset.source or "PxWeb"
        for cell in pxweb.values(dataset, retrieved_at):
            suffix = "".join(f".{code}" for _dim, code in cell.other)
            label = ", ".join(labels.get(dim, {}).get(code, code) for dim, code in cell.other)
            try:
                area = codes.from_scb(cell.region)
            except ValueError as exc:
                raise pxweb.SourceError(str(exc)) from exc
            line = len(items) + 1
            row = Row(
                line,
                f"{indicator}{suffix}",
                area,
                cell.period,
                cell.gender,
                cell.value,
                cell.status,
                named,
                f"{title}, {label}" if label else title,
                unit,
            )
            items.append((row, cell.retrieved_at))
    rows, retrieved = rows_with_times(items)
    origin = warehouse.Origin(
        DataLoad.Kind.PXWEB,
        f"PxWeb {getattr(source, 'table', '') or getattr(source, 'table_url', '')}: {title}",
        association=association,
        user=user,
        actor_label="samordna pxweb fetch",
    )
    return warehouse.load_rows(rows, origin, dry_run=dry_run, retrieved_at=retrieved)

"""Kolada v3 (RKA): metadata and data.

Data calls name KPIs, areas and years as comma lists of at most 25 items
each; :func:`plan` chunks the three lists so that the number of calls is the
product of ``ceil(n / 25)`` — the fewest the limit allows — and every call
pages with ``per_page=5000`` by following ``next_url`` until it is empty.
``value: null`` becomes a missing observation (never 0); ``isdeleted`` rows
are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from samordna.sources.http import JsonClient, SourceError

DEFAULT_URL = "https://api.kolada.se/v3"
LIST_LIMIT = 25
PER_PAGE = 5000
SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    area: str
    period: str
    gender: str
    value: Decimal | None
    status: str  # ok, missing, preliminary
    retrieved_at: datetime


def chunks(items: Sequence[str], limit: int = LIST_LIMIT) -> list[list[str]]:
    """Split into the fewest lists of at most ``limit``, as even as possible."""
    unique = list(dict.fromkeys(items))
    if not unique:
        return []
    count = math.ceil(len(unique) / limit)
    size = math.ceil(len(unique) / count)
    return [unique[i : i + size] for i in range(0, len(unique), size)]


def plan(kpis: Sequence[str], areas: Sequence[str], years: Sequence[int]) -> list[str]:
    """The data paths, one per call before paging."""
    paths = []
    for kpi_chunk in chunks(kpis):
        for area_chunk in chunks(areas):
            for year_chunk in chunks([str(y) for y in years]):
                paths.append(
                    f"/data/kpi/{','.join(kpi_chunk)}/municipality/{','.join(area_chunk)}"
                    f"/year/{','.join(year_chunk)}"
                )
    return paths


def minimum_calls(kpis: int, areas: int, years: int) -> int:
    """The fewest data calls the 25-item list limit allows (before paging)."""
    return (
        math.ceil(kpis / LIST_LIMIT) * math.ceil(areas / LIST_LIMIT) * math.ceil(years / LIST_LIMIT)
    )


class Kolada:
    def __init__(self, client: JsonClient, base_url: str = DEFAULT_URL) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def _pages(
        self, path: str, params: dict[str, str] | None = None
    ) -> Iterator[tuple[Any, datetime]]:
        query = {"per_page": str(PER_PAGE), **(params or {})}
        url: str | None = f"{self.base_url}{path}?{urlencode(query)}"
        seen: set[str] = set()
        while url:
            if url in seen:
                raise SourceError(
                    f"Kolada: next_url pekar tillbaka på en redan hämtad sida ({url})."
                )
            seen.add(url)
            answer = self.client.get(url)
            if not isinstance(answer.data, dict) or not isinstance(answer.data.get("values"), list):
                raise SourceError(f"Kolada: oväntat svar från {url}: saknar listan 'values'.")
            for record in answer.data["values"]:
                yield record, answer.retrieved_at
            next_url = answer.data.get("next_url") or answer.data.get("next_page")
            url = str(next_url) if next_url else None

    # -- metadata -------------------------------------------------------------------

    def kpis(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        if not ids:
            return [r for r, _t in self._pages("/kpi")]
        records: list[dict[str, Any]] = []
        for chunk in chunks(ids):
            records.extend(r for r, _t in self._pages(f"/kpi/{','.join(chunk)}"))
        return records

    def municipalities(self) -> list[dict[str, Any]]:
        return [r for r, _t in self._pages("/municipality")]

    def municipality_groups(self, title: str | None = None) -> list[dict[str, Any]]:
        params = {"title": title} if title else None
        return [r for r, _t in self._pages("/municipality_groups", params)]

    def similar_group(self, area_kind: str, kommun: str) -> dict[str, Any] | None:
        """The newest "Liknande kommuner <kind>, <kommun>, <år>" group, looked up by title."""
        prefix = f"Liknande kommuner {area_kind}, {kommun}, "
        matches = [
            g
            for g in self.municipality_groups(title=f"Liknande kommuner {area_kind}, {kommun}")
            if str(g.get("title", "")).startswith(prefix)
        ]
        return max(matches, key=lambda g: str(g["title"]), default=None)

    # -- data --------------------------------------------------------------------

    def data(
        self,
        kpis: Sequence[str],
        areas: Sequence[str],
        years: Sequence[int],
        *,
        from_date: str | None = None,
    ) -> Iterator[KoladaValue]:
        params = {"from_date": from_date} if from_date else None
        for path in plan(kpis, areas, years):
            for record, retrieved_at in self._pages(quote(path, safe="/,"), params):
                yield from _values(record, retrieved_at)


def _values(record: dict[str, Any], retrieved_at: datetime) -> Iterator[KoladaValue]:
    try:
        kpi = str(record["kpi"])
        area = str(record["municipality"])
        period = str(record["period"])
        values = record["values"]
    except (KeyError, TypeError) as exc:
        raise SourceError(f"Kolada: en post saknar fältet {exc}: {str(record)[:200]}") from exc
    for item in values:
        if item.get("isdeleted"):
            continue
        raw = item.get("value")
        gender = str(item.get("gender") or "T")
        if raw is None:
            yield KoladaValue(kpi, area, period, gender, None, "missing", retrieved_at)
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise SourceError(f"Kolada: värdet {raw!r} för {kpi}/{area}/{period} är inget tal.")
        value = Decimal(repr(raw)).quantize(SIX_PLACES).normalize()
        status = "preliminary" if "prel" in str(item.get("status") or "").lower() else "ok"
        yield KoladaValue(kpi, area, period, gender, value, status, retrieved_at)

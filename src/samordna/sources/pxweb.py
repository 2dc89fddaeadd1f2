"""PxWeb in both dialects: v2 (SCB) and v1 (Folkhälsomyndigheten, Skolverket).

Both answer JSON-stat 2.0, decoded by :mod:`samordna.sources.jsonstat`. The
limits come from the API's own config (v2 ``/config``: ``maxDataCells``,
``maxCallsPerTimeWindow`` per ``timeWindow``; v1 ``?config``: ``maxValues``,
``maxCalls``, ``timeWindow``). A query over the cell limit is split along its
largest dimension before it is sent, and again if the server still answers
403; a 429 is retried by the client with backoff.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from samordna.sources.http import JsonClient, RefusedRequest, SourceError
from samordna.sources.jsonstat import Dataset, Dimension, JsonStatError

SIX_PLACES = Decimal("0.000001")
Selection = dict[str, list[str]]


@dataclass(frozen=True)
class PxValue:
    """One decoded cell, with the codes of the dimensions other than region, time, sex."""

    region: str
    period: str
    gender: str
    other: tuple[tuple[str, str], ...]
    value: Decimal | None
    status: str
    retrieved_at: datetime


@dataclass(frozen=True)
class Limits:
    max_cells: int
    calls: int
    window: float

    @property
    def rate(self) -> float:
        return self.calls / self.window if self.window > 0 else 1.0


class _PxWeb(ABC):
    """What both dialects share: limits, splitting, 403 and decoding; they differ in URLs."""

    def __init__(self, client: JsonClient) -> None:
        self.client = client
        self._limits: Limits | None = None

    @abstractmethod
    def limits(self) -> Limits: ...

    def fetch(self, selection: Selection) -> list[tuple[Dataset, datetime]]:
        """The datasets answering ``selection``, split to stay under the cell limit."""
        limits = self.limits()
        self.client.rate = min(self.client.rate, limits.rate)
        answers: list[tuple[Dataset, datetime]] = []
        pending = split(selection, limits.max_cells)
        while pending:
            part = pending.pop(0)
            try:
                answer = self.client.post(self._url(), self._body(part))
            except RefusedRequest as refused:
                if refused.status != 403:
                    raise
                halves = halve(part)
                if halves is None:
                    raise SourceError(
                        "PxWeb svarade 403 (för många celler) även på den minsta frågan."
                    ) from refused
                pending[:0] = halves
                continue
            try:
                answers.append((Dataset(answer.data), answer.retrieved_at))
            except JsonStatError as exc:
                raise SourceError(str(exc)) from exc
        return answers

    @abstractmethod
    def _url(self) -> str: ...

    @abstractmethod
    def _body(self, selection: Selection) -> Any: ...


class PxWebV2(_PxWeb):
    """SCB's PxWebApi 2.0: ``/config``, ``/tables/{id}/metadata``, ``/tables/{id}/data``."""

    def __init__(self, client: JsonClient, base_url: str, table: str, language: str = "sv"):
        super().__init__(client)
        self.base_url = base_url.rstrip("/")
        self.table = table
        self.language = language

    def limits(self) -> Limits:
        if self._limits is None:
            config = self.client.get(f"{self.base_url}/config").data
            try:
                self._limits = Limits(
                    int(config["maxDataCells"]),
                    int(config["maxCallsPerTimeWindow"]),
                    float(config["timeWindow"]),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise SourceError(f"PxWeb /config saknar gränsen {exc}.") from exc
        return self._limits

    def metadata(self) -> Dataset:
        url = f"{self.base_url}/tables/{self.table}/metadata?lang={self.language}"
        try:
            return Dataset(self.client.get(url).data)
        except JsonStatError as exc:
            raise SourceError(str(exc)) from exc

    def _url(self) -> str:
        return (
            f"{self.base_url}/tables/{self.table}/data?lang={self.language}&outputFormat=json-stat2"
        )

    def _body(self, selection: Selection) -> Any:
        return {
            "selection": [
                {"variableCode": code, "valueCodes": values} for code, values in selection.items()
            ]
        }


class PxWebV1(_PxWeb):
    """PxWeb API v1: GET the table for its variables, POST a query, ``?config`` for limits."""

    def __init__(self, client: JsonClient, table_url: str):
        super().__init__(client)
        self.table_url = table_url

    def limits(self) -> Limits:
        if self._limits is None:
            root = re.sub(r"(/api/v1/[a-z]{2}/).*$", r"\1", self.table_url)
            config = self.client.get(f"{root}?config").data
            try:
                self._limits = Limits(
                    int(config["maxValues"]), int(config["maxCalls"]), float(config["timeWindow"])
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise SourceError(f"PxWeb ?config saknar gränsen {exc}.") from exc
        return self._limits

    def metadata(self) -> dict[str, Any]:
        data = self.client.get(self.table_url).data
        if not isinstance(data, dict) or not isinstance(data.get("variables"), list):
            raise SourceError(f"PxWeb: {self.table_url} gav ingen variabellista.")
        return data

    def _url(self) -> str:
        return self.table_url

    def _body(self, selection: Selection) -> Any:
        return {
            "query": [
                {"code": code, "selection": {"filter": "item", "values": values}}
                for code, values in selection.items()
            ],
            "response": {"format": "json-stat2"},
        }


def cells(selection: Selection) -> int:
    return math.prod(len(v) for v in selection.values()) if selection else 0


def halve(selection: Selection) -> list[Selection] | None:
    """Split along the largest dimension; None when every dimension has one value."""
    name, values = max(selection.items(), key=lambda item: len(item[1]))
    if len(values) < 2:
        return None
    middle = len(values) // 2
    return [{**selection, name: values[:middle]}, {**selection, name: values[middle:]}]


def split(selection: Selection, max_cells: int) -> list[Selection]:
    """Queries of at most ``max_cells`` cells that together ask for ``selection``."""
    if cells(selection) <= max_cells:
        return [selection]
    halves = halve(selection)
    if halves is None:  # pragma: no cover - one cell is always under any limit
        return [selection]
    return [part for half in halves for part in split(half, max_cells)]


# -- turning cells into observations ------------------------------------------------

_SEX_IDS = {"kon", "kön", "sex", "gender"}
_REGION_IDS = {"region", "lan", "län", "kommun"}


def _role(dataset: Dataset, ids: set[str], role: str) -> Dimension | None:
    named = dataset.role.get(role) or []
    for dimension in dataset.dimensions:
        if dimension.id in named or dimension.id.lower() in ids or dimension.label.lower() in ids:
            return dimension
    return None


def gender_of(code: str, label: str) -> str:
    text = label.strip().lower()
    if text.startswith(("kvinn", "flick")) or code in {"2", "K", "k"}:
        return "K"
    if text.startswith(("män", "man", "pojk")) or code in {"1", "M", "m"}:
        return "M"
    if text.startswith(("tot", "samtliga", "båda", "alla")) or code in {"TotSa", "1+2", "T"}:
        return "T"
    raise SourceError(f"PxWeb: okänt kön {code!r} ({label!r}).")


def period_of(code: str) -> str:
    """``2019`` → ``2019``; ``2019M06`` → ``2019-06``; a survey span ``2021-2022`` → ``2022``.

    Folkhälsomyndigheten reports school surveys per span of two years; the span
    is stored under its last year (docs/data-sources.md says so). Other periods
    (quarters, half-years) are refused rather than guessed.
    """
    code = code.strip()
    if re.fullmatch(r"\d{4}", code):
        return code
    span = re.fullmatch(r"(\d{4})-(\d{4})", code)
    if span and int(span[2]) == int(span[1]) + 1:
        return span[2]
    month = re.fullmatch(r"(\d{4})M(\d{2})", code)
    if month:
        return f"{month[1]}-{month[2]}"
    raise SourceError(f"PxWeb: perioden {code!r} går inte att lagra (bara år och månader).")


def values(dataset: Dataset, retrieved_at: datetime) -> Iterator[PxValue]:
    """Every cell as a value for region × period × gender (+ the other dimensions' codes)."""
    time = _role(dataset, {"tid", "år", "time", "year"}, "time")
    region = _role(dataset, _REGION_IDS, "geo")
    if time is None or region is None:
        raise SourceError("PxWeb: tabellen saknar en region- eller tidsdimension.")
    sex = _role(dataset, _SEX_IDS, "sex")
    others = [d for d in dataset.dimensions if d not in (time, region, sex)]
    for cell in dataset:
        raw = cell.value
        status = (cell.status or "").strip()
        gender = "T"
        if sex is not None:
            code = cell.codes[sex.id]
            gender = gender_of(code, sex.labels.get(code, ""))
        other = tuple((d.id, cell.codes[d.id]) for d in others if len(d.codes) > 1)
        if raw is None:
            state = "suppressed" if status.lower() in {"x", "<5", "..c"} else "missing"
            value = None
        elif isinstance(raw, bool) or not isinstance(raw, int | float):
            raise SourceError(f"PxWeb: cellvärdet {raw!r} är inget tal.")
        else:
            state = "preliminary" if status.lower() in {"p", "prel"} else "ok"
            value = Decimal(repr(raw)).quantize(SIX_PLACES).normalize()
        yield PxValue(
            region=cell.codes[region.id],
            period=period_of(cell.codes[time.id]),
            gender=gender,
            other=other,
            value=value,
            status=state,
            retrieved_at=retrieved_at,
        )

"""A small JSON-stat 2.0 decoder.

``id`` gives the dimension order and ``size`` their lengths;
``dimension[d].category.index`` maps codes to positions (an object, or an
array of codes in order); ``value`` is row-major with the last dimension
fastest, as an array or a sparse object keyed by the flat position; ``status``
is a single string, an array or a sparse object in the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset this decoder can read."""


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: tuple[str, ...]
    labels: dict[str, str]
    units: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Cell:
    codes: dict[str, str]
    value: float | int | None
    status: str | None


class Dataset:
    def __init__(self, document: Any) -> None:
        if not isinstance(document, dict) or document.get("class") != "dataset":
            raise JsonStatError("JSON-stat: svaret är inget dataset (class ≠ dataset).")
        try:
            ids = [str(i) for i in document["id"]]
            sizes = [int(s) for s in document["size"]]
            dimensions = document["dimension"]
        except (KeyError, TypeError, ValueError) as exc:
            raise JsonStatError(f"JSON-stat: fältet {exc} saknas eller är fel.") from exc
        if len(ids) != len(sizes):
            raise JsonStatError("JSON-stat: id och size har olika längd.")
        self.label = str(document.get("label", ""))
        self.source = str(document.get("source", ""))
        self.updated = str(document.get("updated", ""))
        self.role: dict[str, list[str]] = document.get("role") or {}
        self.dimensions = [
            self._dimension(d, dimensions.get(d), n) for d, n in zip(ids, sizes, strict=True)
        ]
        self.size = math.prod(sizes)
        self._values = self._cells(document.get("value"), "value")
        self._status = document.get("status")

    @staticmethod
    def _dimension(dim_id: str, spec: Any, size: int) -> Dimension:
        if not isinstance(spec, dict) or not isinstance(spec.get("category"), dict):
            raise JsonStatError(f"JSON-stat: dimensionen {dim_id} saknar category.")
        category = spec["category"]
        index = category.get("index")
        labels = category.get("label") or {}
        if index is None:
            # A single-category dimension may give only the label.
            if len(labels) != 1:
                raise JsonStatError(f"JSON-stat: dimensionen {dim_id} saknar index.")
            codes: list[str] = list(labels)
        elif isinstance(index, list):
            codes = [str(c) for c in index]
        elif isinstance(index, dict):
            codes = [""] * len(index)
            for code, position in index.items():
                if not isinstance(position, int) or not 0 <= position < len(index):
                    raise JsonStatError(f"JSON-stat: fel position för {dim_id}={code}.")
                codes[position] = str(code)
        else:
            raise JsonStatError(f"JSON-stat: index för {dim_id} är varken objekt eller lista.")
        if len(codes) != size:
            raise JsonStatError(
                f"JSON-stat: dimensionen {dim_id} har {len(codes)} kategorier men size {size}."
            )
        return Dimension(
            id=dim_id,
            label=str(spec.get("label", dim_id)),
            codes=tuple(codes),
            labels={str(k): str(v) for k, v in labels.items()},
            units=category.get("unit") or {},
        )

    def _cells(self, raw: Any, name: str) -> list[Any]:
        if raw is None or raw == []:  # a metadata answer carries no values
            return [None] * self.size
        if isinstance(raw, list):
            if len(raw) != self.size:
                raise JsonStatError(
                    f"JSON-stat: {name} har {len(raw)} celler men dimensionerna ger {self.size}."
                )
            return raw
        if isinstance(raw, dict):
            cells: list[Any] = [None] * self.size
            for key, item in raw.items():
                position = int(key)
                if not 0 <= position < self.size:
                    raise JsonStatError(f"JSON-stat: {name} har positionen {key} utanför tabellen.")
                cells[position] = item
            return cells
        raise JsonStatError(f"JSON-stat: {name} är varken lista eller objekt.")

    def status_at(self, position: int) -> str | None:
        status = self._status
        if status is None:
            return None
        if isinstance(status, str):
            return status
        if isinstance(status, list):
            return status[position] if position < len(status) else None
        if isinstance(status, dict):
            item = status.get(str(position))
            return None if item is None else str(item)
        return None

    def dimension(self, dim_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dim_id:
                return dimension
        raise KeyError(dim_id)

    def __iter__(self) -> Iterator[Cell]:
        """Every cell, in the document's row-major order (last dimension fastest)."""
        sizes = [len(d.codes) for d in self.dimensions]
        for position in range(self.size):
            rest = position
            indices = [0] * len(sizes)
            for axis in range(len(sizes) - 1, -1, -1):
                rest, indices[axis] = divmod(rest, sizes[axis])
            codes = {d.id: d.codes[i] for d, i in zip(self.dimensions, indices, strict=True)}
            yield Cell(codes, self._values[position], self.status_at(position))

    def value(self, **codes: str) -> float | int | None:
        """The value at the given category codes (one per dimension)."""
        position = 0
        for dimension in self.dimensions:
            position = position * len(dimension.codes) + dimension.codes.index(codes[dimension.id])
        result: float | int | None = self._values[position]
        return result

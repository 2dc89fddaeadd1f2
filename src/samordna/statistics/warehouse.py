"""The one write path into the warehouse: file imports and API fetches alike.

A load streams its rows into a temporary staging table, then compares them
with the warehouse in a few set-based statements (ADR 0008):

* rows whose key is new are inserted;
* rows whose value, status or source differ update the observation, and the
  earlier value is kept in :class:`ObservationRevision` with both times;
* unchanged rows write nothing.

Everything happens in one transaction. Any problem (an unknown area, a
duplicate key, a bad cell reported by the reader) rolls all of it back, and
only the refused :class:`DataLoad` is recorded, with the errors.
A dry run does the same comparison and rolls back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samordna.statistics.fileformat import ImportRefused, Problem, Reader, Row
from samordna.statistics.models import (
    Area,
    DataLoad,
    Indicator,
    Observation,
)
from samordna.statistics.staging import Counts, Staging


@dataclass
class Outcome:
    """What a load did (or, for a dry run, would do), in total and per indicator."""

    load: DataLoad
    dry_run: bool
    total: Counts = field(default_factory=Counts)
    per_indicator: dict[str, Counts] = field(default_factory=dict)
    new_indicators: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Origin:
    """Who loads what: recorded on the DataLoad."""

    kind: str
    name: str
    association: Any = None
    user: Any = None
    actor_label: str = ""
    checksum: str = ""
    stored_file: str = ""


class _Rollback(Exception):
    pass


def import_file(
    name: str,
    data: bytes,
    *,
    dry_run: bool = False,
    association: Any = None,
    user: Any = None,
    actor_label: str = "",
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Import a canonical CSV or XLSX file. Raises ImportRefused, writing nothing.

    A copy of the file is kept (content-addressed, under ``DATA_DIR/imports``)
    only when its figures were loaded; a refused file or a dry run keeps none.
    """
    checksum = hashlib.sha256(data).hexdigest()
    reader = Reader(name, data)
    origin = Origin(
        DataLoad.Kind.FILE,
        name,
        association=association,
        user=user,
        actor_label=actor_label,
        checksum=checksum,
    )
    outcome = load_rows(reader.rows(), origin, dry_run=dry_run, reader=reader, progress=progress)
    if not dry_run:
        outcome.load.stored_file = _keep_copy(name, data, checksum)
        outcome.load.save(update_fields=["stored_file"])
    return outcome


def load_rows(
    rows: Iterable[Row],
    origin: Origin,
    *,
    dry_run: bool = False,
    reader: Reader | None = None,
    retrieved_at: Callable[[Row], datetime] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Load canonical rows all-or-nothing. Raises ImportRefused, writing nothing."""
    problems = _Problems(origin.name, reader)
    now = timezone.now()
    outcome: Outcome | None = None
    try:
        with transaction.atomic():
            load = _record(origin, DataLoad.Outcome.DRY_RUN if dry_run else DataLoad.Outcome.DONE)
            outcome = Outcome(load, dry_run)
            staging = Staging(now)
            try:
                resolver = _Resolver(problems, outcome)
                staging.fill(resolver.resolve(rows, retrieved_at or (lambda _row: now)), progress)
                if problems.count == 0:
                    staging.find_duplicates(problems)
                if problems.count:
                    raise _Rollback
                staging.classify(outcome, resolver.codes)
                if dry_run:
                    raise _Rollback
                staging.write(load, outcome.total)
            finally:
                staging.drop()
            load.rows = outcome.total.rows
            load.created = outcome.total.new
            load.changed = outcome.total.changed
            load.unchanged = outcome.total.unchanged
            load.save(update_fields=["rows", "created", "changed", "unchanged"])
    except _Rollback:
        pass
    if outcome is None:  # pragma: no cover - the transaction always sets it
        raise RuntimeError("load_rows ended without an outcome")
    if problems.count:
        outcome.load = _record(
            origin, DataLoad.Outcome.FAILED, errors=[p.as_dict() for p in problems.items]
        )
        raise ImportRefused(problems.items, problems.count)
    if dry_run:
        total = outcome.total
        outcome.load = _record(
            origin,
            DataLoad.Outcome.DRY_RUN,
            stored_file="",
            rows=total.rows,
            created=total.new,
            changed=total.changed,
            unchanged=total.unchanged,
        )
    return outcome


def _record(origin: Origin, outcome: str, **fields: Any) -> DataLoad:
    """The DataLoad of this origin with an outcome (and counts or errors)."""
    values: dict[str, Any] = {
        "association": origin.association,
        "kind": origin.kind,
        "user": origin.user,
        "actor_label": origin.actor_label,
        "file_name": origin.name[:500],
        "checksum": origin.checksum,
        "stored_file": origin.stored_file,
        "outcome": outcome,
    }
    return DataLoad.objects.create(**{**values, **fields})


def _keep_copy(name: str, data: bytes, checksum: str) -> str:
    """Keep the imported file, content-addressed, under DATA_DIR/imports."""
    suffix = Path(name).suffix.lower()[:8] if Path(name).suffix else ""
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{checksum}{suffix}"
    if not path.exists():
        path.write_bytes(data)
    return str(path)


class _Problems:
    """The problems of a load: the reader's and the resolver's, in one list."""

    def __init__(self, name: str, reader: Reader | None) -> None:
        self.name = name
        self.reader = reader or Reader(name, b"")

    def add(self, row: int | None, column: str | None, message: str) -> None:
        self.reader.problem(row, column, message)

    @property
    def count(self) -> int:
        return self.reader.problem_count

    @property
    def items(self) -> list[Problem]:
        return sorted(
            self.reader.problems, key=lambda p: (p.row if p.row is not None else -1, p.column or "")
        )


class _Resolver:
    """Turns rows' codes into ids: areas by code or name, indicators by id."""

    def __init__(self, problems: _Problems, outcome: Outcome) -> None:
        self.problems = problems
        self.outcome = outcome
        self.areas: dict[str, int] = dict(Area.objects.values_list("code", "id"))
        names: dict[str, list[int]] = {}
        for area_id, name in Area.objects.exclude(kind=Area.Kind.GROUP).values_list("id", "name"):
            names.setdefault(name.lower(), []).append(area_id)
        self.area_names = {name: ids[0] for name, ids in names.items() if len(ids) == 1}
        self.indicators: dict[str, int] = dict(Indicator.objects.values_list("code", "id"))
        self.codes: dict[int, str] = {v: k for k, v in self.indicators.items()}

    def resolve(
        self, rows: Iterable[Row], retrieved_at: Callable[[Row], datetime]
    ) -> Iterator[tuple[Any, ...]]:
        # A file's rows share one retrieval time: written as text once, not once per row
        # (ISO 8601 with a space, as the database adapters write it; ADR 0014).
        stamp: datetime | None = None
        stamp_text = ""
        for row in rows:
            area_id = self.areas.get(row.area) or self.area_names.get(row.area.lower())
            indicator_id = self.indicators.get(row.indicator)
            if indicator_id is None:
                indicator_id = self._new_indicator(row)
            if area_id is None:
                self.problems.add(
                    row.line,
                    "area",
                    f"Okänt område ”{row.area}”. Använd Koladas områdeskod "
                    "(kommun 1282, region 0012, riket 0000) eller kommunens namn.",
                )
                continue
            if not indicator_id:
                continue
            if (when := retrieved_at(row)) is not stamp:
                stamp, stamp_text = when, when.isoformat(" ")
            yield (
                row.line,
                indicator_id,
                area_id,
                row.period,
                row.gender,
                row.value_text or (None if row.value is None else format(row.value, "f")),
                row.status,
                row.source,
                stamp_text,
            )

    def _new_indicator(self, row: Row) -> int | None:
        if not row.indicator_title:
            self.problems.add(
                row.line,
                "indicator",
                f"Okänd indikator ”{row.indicator}”. Skriv en titel i kolumnen indicator_title "
                "för att lägga till den, eller rätta id:t.",
            )
            self.indicators[row.indicator] = 0  # report once per file, not once per row
            return None
        indicator = Indicator.objects.create(
            code=row.indicator,
            title=row.indicator_title,
            unit=row.unit,
            source=row.source,
            is_count=row.unit.strip().lower() == "antal",
        )
        self.indicators[row.indicator] = indicator.id
        self.codes[indicator.id] = indicator.code
        self.outcome.new_indicators.append(indicator.code)
        return indicator.id


def canonical_rows(
    *,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    periods: list[str] | None = None,
) -> Iterator[tuple[str, ...]]:
    """The warehouse's observations as canonical text rows, in canonical order."""
    from samordna.statistics.values import format_value

    query = Observation.objects.all()
    if indicators:
        query = query.filter(indicator__code__in=indicators)
    if areas:
        query = query.filter(area__code__in=areas)
    if periods:
        query = query.filter(period__in=periods)
    fields = (
        "indicator__code",
        "area__code",
        "period",
        "gender",
        "value",
        "status",
        "source",
        "indicator__title",
        "indicator__unit",
    )
    ordered = query.order_by("indicator__code", "area__code", "period", "gender")
    for code, area, period, gender, value, status, source, title, unit in ordered.values_list(
        *fields
    ).iterator(chunk_size=10_000):
        yield (
            code,
            area,
            period,
            gender,
            format_value(value if value is None else Decimal(value)),
            status,
            source,
            title,
            unit,
        )

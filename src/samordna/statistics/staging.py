"""The staging table of a load and the set-based statements between it and the warehouse.

Rows stream into a temporary table (``COPY`` on PostgreSQL); duplicates, the
classification into new, changed and unchanged, and the write are each one
statement over the whole load (ADR 0008, ADR 0014). Used by :mod:`warehouse`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, connection, transaction

from samordna.statistics.models import Area, DataLoad, Indicator, Observation, ObservationRevision

if TYPE_CHECKING:
    from samordna.statistics.warehouse import Outcome, _Problems

BATCH = 20_000
STAGING = "samordna_staging"


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.new + self.changed + self.unchanged


class Staging:
    """A temporary table holding the incoming rows, and the set-based statements."""

    COLUMNS = (
        "line",
        "indicator_id",
        "area_id",
        "period",
        "gender",
        "value",
        "status",
        "source",
        "retrieved_at",
    )

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.vendor = connection.vendor
        self.obs = Observation._meta.db_table
        self.rev = ObservationRevision._meta.db_table
        timestamp = "timestamp with time zone" if self.vendor == "postgresql" else "datetime"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING} ("
                "line integer NOT NULL, indicator_id bigint NOT NULL, area_id bigint NOT NULL, "
                "period varchar(7) NOT NULL, gender varchar(1) NOT NULL, value numeric(20, 6), "
                "status varchar(12) NOT NULL, source varchar(200) NOT NULL, "
                f"retrieved_at {timestamp} NOT NULL)"
            )

    def fill(self, rows: Iterable[tuple[Any, ...]], progress: Callable[[int], None] | None) -> None:
        batch: list[tuple[Any, ...]] = []
        done = 0
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                self._insert(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done)
        if batch:
            self._insert(batch)
            done += len(batch)
            if progress:
                progress(done)

    def _insert(self, batch: list[tuple[Any, ...]]) -> None:
        columns = ", ".join(self.COLUMNS)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor, for COPY
                with raw.copy(f"COPY {STAGING} ({columns}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.COLUMNS))
                cursor.executemany(f"INSERT INTO {STAGING} ({columns}) VALUES ({marks})", batch)

    def find_duplicates(self, problems: _Problems) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX {STAGING}_key ON {STAGING} (indicator_id, area_id, period, gender)"
            )
            cursor.execute(
                f"SELECT MIN(line), MAX(line), COUNT(*) FROM {STAGING} "
                "GROUP BY indicator_id, area_id, period, gender HAVING COUNT(*) > 1 "
                "ORDER BY MIN(line) LIMIT 200"
            )
            for first, last, count in cursor.fetchall():
                problems.add(
                    last,
                    None,
                    f"Samma indikator, område, period och kön finns på {count} rader "
                    f"(först rad {first}). Varje värde får bara finnas en gång per fil.",
                )

    def _differs(self) -> str:
        distinct = "IS DISTINCT FROM" if self.vendor == "postgresql" else "IS NOT"
        return f"(o.value {distinct} s.value OR o.status <> s.status OR o.source <> s.source)"

    def _join(self) -> str:
        return (
            f"{self.obs} o ON o.indicator_id = s.indicator_id AND o.area_id = s.area_id "
            "AND o.period = s.period AND o.gender = s.gender"
        )

    def classify(self, outcome: Outcome, codes: dict[int, str]) -> None:
        """Count new, changed and unchanged per indicator (``codes``: id → indicator id)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.indicator_id, "
                "SUM(CASE WHEN o.id IS NULL THEN 1 ELSE 0 END), "
                f"SUM(CASE WHEN o.id IS NOT NULL AND {self._differs()} THEN 1 ELSE 0 END), "
                "COUNT(*) "
                f"FROM {STAGING} s LEFT JOIN {self._join()} GROUP BY s.indicator_id"
            )
            for indicator_id, new, changed, total in cursor.fetchall():
                counts = Counts(int(new), int(changed), int(total) - int(new) - int(changed))
                outcome.per_indicator[codes[indicator_id]] = counts
                outcome.total.new += counts.new
                outcome.total.changed += counts.changed
                outcome.total.unchanged += counts.unchanged
        outcome.per_indicator = dict(sorted(outcome.per_indicator.items()))

    def write(self, load: DataLoad, total: Counts) -> None:
        """Keep earlier values, update the changed, insert the new; skip what has no rows."""
        with connection.cursor() as cursor:
            if total.changed:
                cursor.execute(
                    f"INSERT INTO {self.rev} (observation_id, value, status, source, "
                    "retrieved_at, replaced_at, load_id, replaced_by_id) "
                    "SELECT o.id, o.value, o.status, o.source, o.retrieved_at, %s, o.load_id, %s "
                    f"FROM {STAGING} s JOIN {self._join()} WHERE {self._differs()}",
                    [self.now, load.id],
                )
                cursor.execute(
                    f"UPDATE {self.obs} AS o SET value = s.value, status = s.status, "
                    "source = s.source, retrieved_at = s.retrieved_at, load_id = %s "
                    f"FROM {STAGING} s WHERE o.indicator_id = s.indicator_id "
                    "AND o.area_id = s.area_id AND o.period = s.period AND o.gender = s.gender "
                    f"AND {self._differs()}",
                    [load.id],
                )
            if total.new:
                with self._keys_checked_as_a_set(cursor):
                    cursor.execute(
                        f"INSERT INTO {self.obs} (indicator_id, area_id, period, gender, value, "
                        "status, source, retrieved_at, load_id) "
                        "SELECT s.indicator_id, s.area_id, s.period, s.gender, s.value, "
                        "s.status, s.source, s.retrieved_at, %s "
                        f"FROM {STAGING} s LEFT JOIN {self._join()} WHERE o.id IS NULL",
                        [load.id],
                    )

    @contextmanager
    def _keys_checked_as_a_set(self, cursor: Any) -> Iterator[None]:
        """On PostgreSQL, check the indicator and area keys of the new rows once, as sets,
        and insert without the row-by-row check at commit (ADR 0014).

        The referenced indicators and areas are locked ``FOR KEY SHARE`` — what
        PostgreSQL's own check takes per row — so that none can be deleted before the
        commit; a key without its row refuses the load. The per-row triggers are then
        skipped for this one statement (``session_replication_role``), where the
        database role may do that; elsewhere the constraints check row by row as before.
        """
        if self.vendor != "postgresql":
            yield
            return
        for column, model in (("indicator_id", Indicator), ("area_id", Area)):
            table = model._meta.db_table
            cursor.execute(  # the staging table's keys read once, then locked and counted
                f"WITH k AS MATERIALIZED (SELECT DISTINCT {column} AS id FROM {STAGING}), "
                f"r AS (SELECT t.id FROM {table} t JOIN k ON k.id = t.id FOR KEY SHARE OF t) "
                "SELECT COUNT(*) FROM k LEFT JOIN r ON r.id = k.id WHERE r.id IS NULL"
            )
            if cursor.fetchone()[0]:  # resolved from these tables in this transaction
                raise RuntimeError(f"{column} without its row in {table}")
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:  # not a role that may skip triggers: check row by row
            yield
            return
        try:
            yield
        finally:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")

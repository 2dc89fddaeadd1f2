"""The audit trail is append-only in the database, not only in Python.

Triggers on PostgreSQL and SQLite refuse every ``UPDATE`` and ``DELETE`` of a
row in the audit tables, whoever sends it: the ORM's ``update()`` and
``delete()``, a raw SQL statement, a database console. The one way through is
:func:`unlocked`, used only by ``samordna audit_retention`` (a documented
command that records its own security event): on PostgreSQL it sets the
transaction-local setting ``samordna.audit_unlocked``; on SQLite it answers the
SQL function ``samordna_audit_unlocked()``, which exists only on Samordna's own
connections — from any other program the trigger fails as well.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

TABLES = ("audit_auditevent", "audit_securityevent")
MESSAGE = "Samordna: the audit trail is append-only"

_state = threading.local()


def _unlocked_flag() -> int:
    return 1 if getattr(_state, "unlocked", False) else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: give each SQLite connection the unlock question."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "samordna_audit_unlocked", 0, _unlocked_flag, deterministic=False
        )


@contextmanager
def sqlite_deletes_allowed() -> Iterator[None]:
    """While inside: this thread's SQLite connection may delete audit rows."""
    _state.unlocked = True
    try:
        yield
    finally:
        _state.unlocked = False


@contextmanager
def unlocked() -> Iterator[None]:
    """Inside one transaction: allow deleting audit rows (retention, legal deletion)."""
    with transaction.atomic(), sqlite_deletes_allowed():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL samordna.audit_unlocked = 'on'")
        yield


def install_sql(vendor: str) -> list[str]:
    """The statements that create the triggers on ``vendor``."""
    if vendor == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION samordna_append_only() RETURNS trigger AS $$ "
            "BEGIN IF TG_OP = 'DELETE' AND "
            "coalesce(current_setting('samordna.audit_unlocked', true), '') = 'on' "
            "THEN RETURN OLD; END IF; "
            f"RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME; END; "
            "$$ LANGUAGE plpgsql"
        ]
        for table in TABLES:
            statements.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION samordna_append_only()"
            )
        return statements
    if vendor == "sqlite":
        statements = []
        for table in TABLES:
            statements.append(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
            statements.append(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"WHEN NOT samordna_audit_unlocked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
        return statements
    return []


def remove_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        drops = [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in TABLES]
        return [*drops, "DROP FUNCTION IF EXISTS samordna_append_only()"]
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {t}_{what}"
            for t in TABLES
            for what in ("no_update", "no_delete")
        ]
    return []

"""The fixed cast of the tests: the demo associations and one person per role.

Association A is Landskrona Svalöv with one member of every role; association
B is Trelleborg, whose director is the outsider.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from samordna.accounts import demo
from samordna.accounts.models import ApiToken, Association, User
from samordna.accounts.roles import Role
from samordna.audit import appendonly

# Fixtures through which a test reaches the database (pytest-django's, and the cast's).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server", "cast"}


def _weight(item: pytest.Item) -> int:
    if item.get_closest_marker("last_database"):
        return 2
    return 1 if item.get_closest_marker("browser") else 0


@pytest.hookimpl(trylast=True)  # after pytest-randomly has shuffled them
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`make test` runs the suite on SQLite and then on PostgreSQL (the Makefile says which
    pass this is in SAMORDNA_PASS). What does not depend on the database runs once: tests
    that touch no database run in the first pass, the schemathesis runs (marked
    ``last_database``) in the last. A plain ``pytest`` runs everything.

    The longest tests (schemathesis, the browser) are started first, so that the workers
    do not wait for one of them at the end; the rest keep their shuffled order."""
    items.sort(key=lambda item: -_weight(item))
    stage = os.environ.get("SAMORDNA_PASS", "")
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if stage == "first" and item.get_closest_marker("last_database"):
            item.add_marker(pytest.mark.skip(reason="fuzzed on the last database of make test"))
        elif stage == "second" and item.get_closest_marker("one_database"):
            item.add_marker(pytest.mark.skip(reason="layout: checked on the first database"))
        elif stage == "second" and not uses_database:
            item.add_marker(pytest.mark.skip(reason="no database: ran in the first pass"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Each worker its own test database (pytest-django's suffix), and no connection kept
    open between requests: the live server's threads would otherwise still hold one when
    the test database is dropped at the end."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit_tables() -> Iterator[None]:
    """A transactional test empties every table afterwards. On PostgreSQL that is a TRUNCATE,
    which the append-only triggers (row triggers) let through; on SQLite it is a DELETE, which
    they refuse — so the test database's flush is let through explicitly, and nothing else."""
    from django.db.backends.sqlite3.base import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def flush(self: Any, sql_list: Any) -> None:
        with appendonly.sqlite_deletes_allowed():
            original(self, sql_list)

    DatabaseOperations.execute_sql_flush = flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]


@dataclass
class Cast:
    association: Association
    other: Association
    people: dict[Role, User]
    outsider: User

    def __getitem__(self, role: Role) -> User:
        return self.people[role]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    # Files of one test (reports, recordings, imports, caches) never meet another's, also
    # when the suite runs in several workers (pytest-xdist).
    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    settings.AXES_ENABLED = False  # type: ignore[attr-defined]
    cache.clear()  # the API token throttle counts per address in the cache


def demo_cast() -> Cast:
    """The demo's two associations and one person per role (the demo must be loaded)."""
    association = Association.objects.get(slug=demo.LANDSKRONA_SVALOV.slug)
    people: dict[Role, User] = {}
    for person in demo.LANDSKRONA_SVALOV.people:  # the first person of each role
        people.setdefault(Role(person.role), User.objects.get(email=person.email))
    return Cast(
        association=association,
        other=Association.objects.get(slug=demo.TRELLEBORG.slug),
        people=people,
        outsider=User.objects.get(email=demo.TRELLEBORG.people[0].email),
    )


@pytest.fixture
def cast(db: None) -> Cast:
    demo.load()
    return demo_cast()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client_for(user: User) -> Client:
    _token, key = ApiToken.issue(user, "test")
    return Client(headers={"authorization": f"Bearer {key}"})

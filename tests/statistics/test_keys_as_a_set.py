"""PostgreSQL: the keys of an import are checked once, as sets, and the constraints stay.

The import skips the row-by-row foreign-key check only for its own insert; afterwards
the database refuses a figure of an unknown indicator again, in the same transaction
and in the next. A role that may not skip triggers imports the same, checked row by row.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from samordna.statistics import warehouse
from samordna.statistics.models import Area, Observation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the set-based path is PostgreSQL's"
)

HEADER = "indicator,area,period,gender,value,status,source,indicator_title,unit"


def _file(periods: range) -> bytes:
    rows = [HEADER] + [
        f"AF_SOKANDE,{area},{year},{gender},{year % 97},ok,Arbetsförmedlingen,Sökande,antal"
        for area in ("1282", "1214", "0000")
        for year in periods
        for gender in "TKM"
    ]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _bad_insert() -> None:
    area = Area.objects.get(code="1282")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Observation._meta.db_table} (indicator_id, area_id, period, gender, "  # noqa: S608
            "value, status, source, retrieved_at) VALUES (999999, %s, '2020', 'T', 1, 'ok', "
            "'x', now())",
            [area.pk],
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_after_an_import_an_unknown_indicator_is_refused_again(db: None) -> None:
    with transaction.atomic():
        outcome = warehouse.import_file("a.csv", _file(range(2000, 2020)))
        assert outcome.total.new == 180
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"
        with pytest.raises(IntegrityError), transaction.atomic():
            _bad_insert()
    assert Observation.objects.count() == 180


def test_a_role_that_may_not_skip_triggers_imports_checked_row_by_row(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'samordna_plain') "
            "THEN CREATE ROLE samordna_plain NOSUPERUSER; END IF; END $$"
        )
        cursor.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO samordna_plain")
        cursor.execute("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO samordna_plain")
        cursor.execute("SET ROLE samordna_plain")
        try:
            with pytest.raises(Exception, match="permission denied"), transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
            outcome = warehouse.import_file("b.csv", _file(range(2000, 2010)))
            assert outcome.total.new == 90
            with pytest.raises(IntegrityError), transaction.atomic():
                _bad_insert()
        finally:
            cursor.execute("RESET ROLE")
    assert Observation.objects.filter(load=outcome.load).count() == 90

"""`make bench`, statistics: import throughput and Kolada call efficiency.

Each measurement runs in a fresh process against a fresh database, so peak
memory (max RSS) belongs to that measurement alone:

* import of 1,000,000 generated observations (canonical CSV) into SQLite and
  PostgreSQL, then the re-import of the same, unchanged file;
* the number of Kolada data calls for the FINSAM set over the demo
  association's areas for 11 years, against the local fake Kolada, divided by
  the fewest the 25-item list limit allows.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, child

ROWS = 1_000_000
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/samordna_bench"


def generate(path: Path, rows: int = ROWS) -> None:
    """Canonical CSV: 110 indicators × 312 areas × 10 years × 3 genders, cut at ``rows``."""
    sys.path.insert(0, str(ROOT / "src"))
    areas = [
        a["id"]
        for a in json.loads(
            (ROOT / "src/samordna/statistics/data/kolada_areas.json").read_text(encoding="utf-8")
        )["values"]
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            [
                "indicator",
                "area",
                "period",
                "gender",
                "value",
                "status",
                "source",
                "indicator_title",
                "unit",
            ]
        )
        written = 0
        for indicator in range(110):
            code = f"BENCH_{indicator:03d}"
            for area in areas:
                for year in range(2015, 2025):
                    for gender in ("T", "K", "M"):
                        if written == rows:
                            return
                        seed = indicator * 7919 + int(area) + year
                        value = f"{seed % 100000 / 10:.1f}"
                        if written % 97 == 0:
                            value = "<5"
                        writer.writerow(
                            [
                                code,
                                area,
                                str(year),
                                gender,
                                value,
                                "",
                                "Benchmark",
                                f"Indikator {indicator}",
                                "antal",
                            ]
                        )
                        written += 1


def _setup_django(database_url: str, data_dir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def run_import(database_url: str, csv_path: str) -> dict[str, float]:
    """In a child process: migrate, import once (all new), import again (unchanged)."""
    data_dir = Path(tempfile.mkdtemp(prefix="samordna-bench-"))
    _setup_django(database_url, data_dir)
    from samordna.statistics import warehouse

    data = Path(csv_path).read_bytes()
    started = time.perf_counter()
    first = warehouse.import_file("bench.csv", data)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = warehouse.import_file("bench.csv", data)
    second_seconds = time.perf_counter() - started
    assert first.total.new == ROWS, first.total
    assert second.total.unchanged == ROWS, second.total
    return {
        "rows": ROWS,
        "first_seconds": first_seconds,
        "first_rows_per_second": ROWS / first_seconds,
        "unchanged_seconds": second_seconds,
        "unchanged_rows_per_second": ROWS / second_seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_kolada(database_url: str) -> dict[str, float]:
    data_dir = Path(tempfile.mkdtemp(prefix="samordna-bench-"))
    _setup_django(database_url, data_dir)
    sys.path.insert(0, str(ROOT))
    from django.conf import settings
    from django.core.management import call_command
    from tests.fakes import FakeKolada

    from samordna.accounts.models import Association
    from samordna.sources.kolada import minimum_calls
    from samordna.statistics import catalog, fetching

    call_command("demo", "--quiet")
    association = Association.objects.get(slug="landskrona-svalov")
    indicator_set = catalog.ensure_finsam_set(association)
    kpis = indicator_set.items.filter(indicator__source="Kolada").count()
    areas = len(fetching.association_areas(association))
    years = 11
    with FakeKolada(synthetic=True).serve() as fake:
        settings.KOLADA_URL = f"{fake.url}/v3"
        settings.SOURCES_RATE = 1000.0
        started = time.perf_counter()
        call_command(
            "kolada",
            "fetch",
            "--association",
            "landskrona-svalov",
            "--years",
            "2015-2025",
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        seconds = time.perf_counter() - started
        assert isinstance(fake, FakeKolada)
        calls = fake.data_calls
        pages = sum(1 for _m, p, _b in fake.requests if p.startswith("/v3/data"))
    minimum = minimum_calls(kpis, areas, years)
    return {
        "kpis": kpis,
        "areas": areas,
        "years": years,
        "data_calls": calls,
        "http_requests_with_pages": pages,
        "minimum": minimum,
        "ratio": calls / minimum,
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(*args: str) -> dict[str, Any] | None:
    return child("benchmarks.statistics_bench", *args)


def _postgres_ready() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS samordna_bench")
            conn.execute("CREATE DATABASE samordna_bench")
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        print(f"  PostgreSQL: skipped ({exc})")
        return False


def main() -> None:
    print("Statistics warehouse")
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "bench.csv"
        generate(csv_path)
        size = csv_path.stat().st_size / 1e6
        print(f"  generated {ROWS:,} observations ({size:.0f} MB CSV)".replace(",", " "))
        targets = [("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")]
        if _postgres_ready():
            targets.append(("PostgreSQL", PG_BENCH))
        for name, url in targets:
            result = _child("import", url, str(csv_path))
            if result is None:
                print(f"  {name}: FAILED")
                continue
            print(
                f"  import {name:<10}  first {result['first_rows_per_second']:>9,.0f} rows/s "
                f"({result['first_seconds']:.1f} s)   unchanged re-import "
                f"{result['unchanged_rows_per_second']:>9,.0f} rows/s "
                f"({result['unchanged_seconds']:.1f} s)   "
                f"peak {result['peak_rss_mb']:.0f} MB".replace(",", " ")
            )
        result = _child("kolada", f"sqlite:///{Path(folder) / 'kolada.sqlite3'}")
        if result is None:
            print("  kolada: FAILED")
        else:
            print(
                f"  Kolada FINSAM fetch: {result['kpis']:.0f} KPIs × {result['areas']:.0f} areas × "
                f"{result['years']:.0f} years: {result['data_calls']:.0f} data calls, minimum "
                f"{result['minimum']:.0f}, ratio {result['ratio']:.2f} "
                f"({result['http_requests_with_pages']:.0f} requests with next_url pages, "
                f"{result['seconds']:.1f} s, peak {result['peak_rss_mb']:.0f} MB)"
            )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "import":
        print(json.dumps(run_import(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) > 1 and sys.argv[1] == "kolada":
        print(json.dumps(run_kolada(sys.argv[2])))
    else:
        main()

"""`make bench`, needs analysis: national-scale comparisons and flags; report rendering.

* A generated frame of all 312 Kolada areas × 150 indicators × 15 years × 3
  genders, every kommun compared with its 7 "liknande kommuner" (here: the 7
  nearest kommun codes), its region and riket. The Polars implementation
  (`samordna.analysis`) and a plain pandas implementation of the same
  computation (`benchmarks/pandas_reference.py`) run in the same process;
  wall time and peak memory (sampled RSS above the baseline) beside each.
* The demo association's report rendered as HTML, PDF and DOCX.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, child


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measured(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(seconds, peak MB above the start, result) of ``work``, RSS sampled every 5 ms."""
    start = rss_mb()
    peak = [start]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    return seconds, max(peak[0], rss_mb()) - start, result


def national(areas: int = 0, indicators: int = 150, years: int = 15) -> tuple[Any, Any]:
    """The national frame and spec; ``areas`` > 0 keeps riket, the regions and that many
    kommuner (a smaller frame of the same shape, for the flag-identity test)."""
    import numpy as np
    import polars as pl

    from samordna.analysis.spec import AnalysisSpec, IndicatorSpec

    known = json.loads((ROOT / "src/samordna/statistics/data/kolada_areas.json").read_text())[
        "values"
    ]
    codes = [a["id"] for a in known]
    kommuner = [c for c in codes if not c.startswith("00")]
    if areas:
        kommuner = kommuner[:areas]
        codes = [c for c in codes if c.startswith("00")] + kommuner
    specs = [
        IndicatorSpec(
            f"I{n:03d}",
            f"Indikator {n}",
            "antal" if n < indicators // 3 else "andel (%)",
            "work",
            is_count=n < indicators // 3,
        )
        for n in range(indicators)
    ]
    periods = [str(y) for y in range(2025 - years, 2025)]
    rng = np.random.default_rng(2019)
    size = len(codes) * len(specs) * len(periods) * 3
    frame = pl.DataFrame(
        {
            "indicator": np.repeat([i.code for i in specs], len(codes) * len(periods) * 3),
            "area": np.tile(np.repeat(codes, len(periods) * 3), len(specs)),
            "period": np.tile(np.repeat(periods, 3), len(codes) * len(specs)),
            "gender": np.tile(["T", "K", "M"], len(codes) * len(specs) * len(periods)),
            "value": rng.gamma(4.0, 25.0, size),
        }
    ).with_columns(
        pl.when(pl.int_range(pl.len()) % 53 == 0)
        .then(None)
        .otherwise(pl.col("value"))
        .alias("value"),
        pl.lit("ok").alias("status"),
        pl.lit([], dtype=pl.List(pl.Utf8)).alias("refs"),
    )
    ordered = sorted(kommuner)
    comparisons = {
        k: tuple(c for c in ordered[max(0, i - 4) : i + 4] if c != k)[:7]
        for i, k in enumerate(ordered)
    }
    spec = AnalysisSpec(
        members=tuple(kommuner),
        nation="0000",
        member_regions={k: "00" + k[:2] for k in kommuner},
        comparisons=comparisons,
        indicators=tuple(specs),
    )
    return frame, spec


RUNS = 7


def bandwidth() -> float:
    """Bytes per second this machine reads and writes: the best of 5 copies of 256 MB."""
    import numpy as np

    source = np.ones(32 * 1024 * 1024)  # 256 MB of float64
    target = np.empty_like(source)
    best = math.inf
    for _ in range(5):
        began = time.perf_counter()
        np.copyto(target, source)
        best = min(best, time.perf_counter() - began)
    return 2 * source.nbytes / best  # each byte read once and written once


def run_analysis() -> dict[str, Any]:
    """Seven runs of the engine (wall and process CPU time), one of the pandas reference,
    and the floor: the bytes the computation must touch at least — the frame's columns
    read once and the comparisons written once — over the measured bandwidth."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import pandas_reference
    from samordna.analysis import compare, flags

    frame, spec = national()

    def with_polars() -> Any:
        prepared = compare.prepare(frame, spec)
        comps = compare.comparisons(prepared, spec)
        return comps, flags.rank(flags.findings(comps, spec), comps)

    walls, cpus, peaks = [], [], []
    for _ in range(RUNS):
        cpu = time.process_time()
        seconds, peak, (comps, ranked) = measured(with_polars)
        cpus.append(time.process_time() - cpu)
        walls.append(seconds)
        peaks.append(peak)
    touched = frame.drop("refs").estimated_size() + comps.estimated_size()
    floor = touched / bandwidth()
    import pandas as pd

    source = pd.DataFrame({c: frame[c].to_numpy() for c in frame.columns if c != "refs"})
    pandas_seconds, pandas_mb, reference = measured(lambda: pandas_reference.run(source, spec))
    median = statistics.median(walls)
    return {
        "rows": frame.height,
        "polars_seconds": median,
        "polars_min": min(walls),
        "polars_max": max(walls),
        "polars_cpu": statistics.median(cpus),
        "polars_peak_mb": max(peaks),
        "pandas_seconds": pandas_seconds,
        "pandas_peak_mb": pandas_mb,
        "ratio": pandas_seconds / median,
        "touched_mb": touched / 1e6,
        "floor_seconds": floor,
        "floor_ratio": median / floor,
        "flags_polars": ranked.height,
        "flags_pandas": len(reference),
    }


def run_render(database_url: str) -> dict[str, float]:
    data_dir = Path(tempfile.mkdtemp(prefix="samordna-bench-"))
    os.environ.update(DATABASE_URL=database_url, DATA_DIR=str(data_dir), DEBUG="1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", "--quiet")
    from samordna.needs import report
    from samordna.needs.models import NeedsAnalysis
    from samordna.reports import render

    analysis = NeedsAnalysis.objects.get(association__slug="landskrona-svalov", year=2019)
    out: dict[str, float] = {}
    for fmt in ("html", "pdf", "docx"):
        seconds, peak, data = measured(lambda f=fmt: render(report.build(analysis), f))
        out[f"{fmt}_seconds"] = seconds
        out[f"{fmt}_peak_mb"] = peak
        out[f"{fmt}_bytes"] = len(data)
    return out


def _child(*args: str) -> dict[str, Any] | None:
    return child("benchmarks.analysis_bench", *args)


def main() -> None:
    print("Needs analysis")
    result = _child("analysis")
    if result is None:
        print("  national analysis: FAILED")
    else:
        rows = f"{result['rows']:,.0f}".replace(",", " ")
        flags = f"{result['flags_polars']:,.0f}".replace(",", " ")
        print(
            f"  national frame of {rows} rows, 290 kommuner each beside 7 liknande, region, riket"
        )
        same = "same" if result["flags_pandas"] == result["flags_polars"] else "DIFFERENT"
        print(
            f"    engine: median of {RUNS} {result['polars_seconds']:.2f} s wall "
            f"({result['polars_min']:.2f}–{result['polars_max']:.2f} s; aim ≤ 1 s), "
            f"{result['polars_cpu']:.2f} s CPU, peak +{result['polars_peak_mb']:.0f} MB "
            f"(aim ≤ 1 GB)"
        )
        print(
            f"    pandas reference, same process: {result['pandas_seconds']:.2f} s "
            f"(peak +{result['pandas_peak_mb']:.0f} MB); the engine is "
            f"{result['ratio']:.1f}x faster (aim ≥ 10x); {flags} flags ({same} in pandas)"
        )
        print(
            f"    floor: {result['touched_mb']:.0f} MB touched at the measured bandwidth "
            f"= {result['floor_seconds'] * 1000:.0f} ms; the engine takes "
            f"{result['floor_ratio']:.0f}x the floor"
        )
    with tempfile.TemporaryDirectory() as folder:
        result = _child("render", f"sqlite:///{Path(folder) / 'render.sqlite3'}")
    if result is None:
        print("  report rendering: FAILED")
    else:
        print(
            "  demo report: "
            + ", ".join(
                f"{fmt.upper()} {result[f'{fmt}_seconds']:.2f} s "
                f"(peak +{result[f'{fmt}_peak_mb']:.0f} MB, {result[f'{fmt}_bytes'] / 1000:.0f} kB)"
                for fmt in ("html", "pdf", "docx")
            )
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "analysis":
        print(json.dumps(run_analysis()))
    elif len(sys.argv) > 1 and sys.argv[1] == "render":
        print(json.dumps(run_render(sys.argv[2])))
    else:
        main()

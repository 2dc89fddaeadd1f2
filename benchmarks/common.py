"""What the benchmarks share: running a measurement in a fresh process."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def child(module: str, *args: str) -> dict[str, Any] | None:
    """Run ``python -m module args`` and read the JSON it prints last; None when it failed.

    Each measurement gets its own process, so its peak memory is its own.
    """
    done = subprocess.run(  # noqa: S603 - our own benchmark module
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def median_get(client: Any, url: str, count: int = 10) -> float:
    """The median seconds of ``count`` GETs of ``url``, each answer read to its end and
    required to be 200."""
    times = []
    for _ in range(count):
        began = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)

"""What the benchmarks share: running a measurement in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
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

"""A job of the tests' own, registered through JOB_MODULES in a worker process: it takes
a few seconds, then writes its result once (idempotent), to a file named by SLOW_JOB_FILE."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

from samordna.jobs import registry


def _slow() -> dict[int, str]:
    out = Path(os.environ["SLOW_JOB_FILE"])
    with out.with_suffix(".started").open("a") as started:
        started.write("started\n")
    time.sleep(float(os.environ.get("SLOW_JOB_SECONDS", "4")))
    if "done" not in (out.read_text() if out.exists() else ""):
        out.write_text(out.read_text() + "done\n" if out.exists() else "done\n")
    return {1: "klart"}


registry.register(registry.Job("test_slow", "Långsamt testjobb", datetime.timedelta(days=1), _slow))

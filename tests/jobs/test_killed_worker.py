"""A worker process killed in the middle of a run: the run is taken back by the next
worker, run again, and its result stored exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _samordna(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "samordna", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _status(database: Path) -> tuple[str, int] | None:
    with sqlite3.connect(database) as db:
        row = db.execute(
            "SELECT status, attempts FROM jobs_jobrun WHERE job = 'test_slow'"
        ).fetchone()
    return (row[0], row[1]) if row else None


def _wait(database: Path, wanted: str, seconds: float) -> tuple[str, int] | None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = _status(database)
        if found and found[0] == wanted:
            return found
        time.sleep(0.2)
    return _status(database)


def test_a_killed_worker_s_run_is_run_again_and_stored_once(tmp_path: Path) -> None:
    database = tmp_path / "jobs.sqlite3"
    result = tmp_path / "result.txt"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "DATA_DIR": str(tmp_path / "data"),
        "JOB_MODULES": "tests.jobs.slow_job",
        "SLOW_JOB_FILE": str(result),
        "SLOW_JOB_SECONDS": "4",
        "JOB_LEASE_SECONDS": "2",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    assert _samordna(env, "migrate", "--verbosity", "0").wait(timeout=120) == 0
    first = _samordna(env, "jobs", "work", "--interval", "0.5")
    try:
        assert _wait(database, "running", 60) == ("running", 1)
        time.sleep(0.5)
    finally:
        first.send_signal(signal.SIGKILL)  # in the middle of the run
        first.wait(timeout=30)
    assert not result.exists()  # killed before it wrote anything
    second = _samordna(env, "jobs", "work", "--interval", "0.5")
    try:
        assert _wait(database, "done", 90) == ("done", 2)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert result.read_text() == "done\n"  # stored once
    assert result.with_suffix(".started").read_text() == "started\nstarted\n"  # run twice

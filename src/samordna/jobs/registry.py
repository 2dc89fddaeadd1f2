"""The scheduled jobs: each app registers its own in ``AppConfig.ready()`` (as it registers
navigation and dashboard panels); the scheduler (:mod:`samordna.jobs.runner`) runs them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Job:
    name: str  # its key: stored on every run, so never renamed
    label: str | Promise  # what the Jobs page calls it
    every: datetime.timedelta
    # Does the work and says what it did, per association (its id → one Swedish line), so
    # that each förbund's Jobs page shows only its own. Must be idempotent: a run that was
    # cut off is run again, and must not do twice what it did.
    run: Callable[[], dict[int, str]]


_JOBS: dict[str, Job] = {}


def register(job: Job) -> None:
    _JOBS[job.name] = job


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda j: j.name)


def get(name: str) -> Job | None:
    return _JOBS.get(name)

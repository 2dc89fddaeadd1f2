"""The scheduler and the run of one job, on Django's tasks API (ADR 0016).

- :func:`tick` creates the run of every job whose interval has come round — one row per
  job and due time (a unique key), so two schedulers ticking at once make one run — and
  puts it on the queue; it also takes back runs whose worker went silent (a restart, a
  killed process) so that they are run again.
- :func:`execute` runs one: it claims the row, calls the job, and records what it did;
  a failure is retried after a growing pause (``JOB_BACKOFF_SECONDS`` doubled each time)
  until ``JOB_ATTEMPTS`` tries have failed, and the reason is kept in Swedish.

Jobs are idempotent (:class:`samordna.jobs.registry.Job`), so a run repeated after a lost
worker does not do twice what it did.
"""

from __future__ import annotations

import datetime
import logging
import traceback

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from samordna.core import privacy
from samordna.jobs import registry
from samordna.jobs.models import JobRun

log = logging.getLogger("samordna.jobs")
EPOCH = datetime.datetime(2000, 1, 3, tzinfo=datetime.UTC)  # a Monday: weekly jobs fall on one
S = JobRun.Status


def due_time(job: registry.Job, now: datetime.datetime) -> datetime.datetime:
    """The start of the job's interval that ``now`` falls in."""
    intervals = (now - EPOCH) // job.every
    return EPOCH + intervals * job.every


def next_due(job: registry.Job, now: datetime.datetime) -> datetime.datetime:
    """When the job's next interval begins (its next run is made then)."""
    return due_time(job, now) + job.every


def tick(now: datetime.datetime | None = None) -> list[JobRun]:
    """Create and queue the runs that are due; take back the runs whose worker was lost."""
    now = now or timezone.now()
    created = []
    for job in registry.jobs():
        due = due_time(job, now)
        if JobRun.objects.filter(job=job.name, due_at=due).exists():
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, due_at=due)
        except IntegrityError:  # another scheduler made it first
            continue
        enqueue(run)
        created.append(run)
    recover(now)
    return created


def recover(now: datetime.datetime | None = None) -> list[JobRun]:
    """Queue again the runs left running longer than the lease (their worker was lost)."""
    now = now or timezone.now()
    lost = now - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    taken = []
    for run in JobRun.objects.filter(status=S.RUNNING, started_at__lt=lost):
        with transaction.atomic():
            locked = JobRun.objects.select_for_update().get(pk=run.pk)
            if locked.status != S.RUNNING or locked.started_at is None:
                continue
            if locked.started_at >= lost:
                continue
            locked.status = S.QUEUED
            locked.message = "Arbetaren tystnade under körningen; körs igen."
            locked.save(update_fields=["status", "message"])
        enqueue(locked)
        taken.append(locked)
    return taken


def enqueue(run: JobRun, after: datetime.datetime | None = None) -> None:
    from samordna.jobs.tasks import execute_run

    task = execute_run.using(run_after=after) if after else execute_run
    result = task.enqueue(run.pk)
    JobRun.objects.filter(pk=run.pk).update(task_id=str(result.id))


def execute(run_id: int, now: datetime.datetime | None = None) -> JobRun | None:
    """Run one job run (once: a run done, failed or held by a live worker is left alone)."""
    started = now or timezone.now()
    lease = started - datetime.timedelta(seconds=settings.JOB_LEASE_SECONDS)
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in {S.DONE, S.FAILED}:
            return run
        if run.status == S.RUNNING and run.started_at and run.started_at >= lease:
            return run  # another worker has it
        run.status, run.started_at, run.attempts = S.RUNNING, started, run.attempts + 1
        run.save(update_fields=["status", "started_at", "attempts"])
    job = registry.get(run.job)
    try:
        if job is None:
            raise LookupError(f"Jobbet {run.job} finns inte längre.")
        results = job.run()
    except Exception as exc:  # noqa: BLE001 - every failure is recorded and retried
        return _failed(run, exc)
    run.status, run.finished_at, run.message, run.retry_at = S.DONE, timezone.now(), "", None
    run.results = {str(key): text[:500] for key, text in results.items()}
    run.save(update_fields=["status", "finished_at", "message", "retry_at", "results"])
    log.info("Jobb %s klart för %s förbund", run, len(results))
    return run


def _failed(run: JobRun, exc: Exception) -> JobRun:
    reason = privacy.masked(f"{type(exc).__name__}: {exc}")[:2000]
    log.warning("Jobb %s misslyckades (försök %s): %s", run, run.attempts, reason)
    log.debug("%s", traceback.format_exc())
    if run.attempts >= settings.JOB_ATTEMPTS:
        run.status, run.finished_at, run.retry_at = S.FAILED, timezone.now(), None
        run.message = f"Misslyckades efter {run.attempts} försök: {reason}"
        run.save(update_fields=["status", "finished_at", "retry_at", "message"])
        return run
    pause = settings.JOB_BACKOFF_SECONDS * 2 ** (run.attempts - 1)
    run.status = S.RETRYING
    run.retry_at = timezone.now() + datetime.timedelta(seconds=pause)
    run.message = f"Försök {run.attempts} misslyckades: {reason}"
    run.save(update_fields=["status", "retry_at", "message"])
    enqueue(run, after=run.retry_at)
    return run


def work(*, once: bool = False, interval: float = 5.0, max_rounds: int | None = None) -> None:
    """The worker and the scheduler in one process: tick, run what is ready, sleep."""
    import time

    from django_tasks_db.management.commands.db_worker import Worker

    rounds = 0
    while True:
        tick()
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"samordna-{timezone.now():%H%M%S%f}",
            excluded_queue_names=[],
        ).run()
        rounds += 1
        if once or (max_rounds is not None and rounds >= max_rounds):
            return
        time.sleep(interval)

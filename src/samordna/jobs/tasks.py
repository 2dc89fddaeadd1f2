"""The one task on the queue: run a job run (the scheduler decides which, and when)."""

from __future__ import annotations

from django_tasks import task


@task()
def execute_run(run_id: int) -> str:
    from samordna.jobs import runner

    run = runner.execute(run_id)
    return run.status if run is not None else "gone"

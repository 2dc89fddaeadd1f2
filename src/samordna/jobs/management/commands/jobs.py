from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from samordna.jobs import registry, runner
from samordna.jobs.models import JobRun


class Command(BaseCommand):
    help = (
        "The job queue (ADR 0016). 'work' is the worker and the scheduler: it creates the "
        "runs that are due, runs what is queued, retries failures with a growing pause and "
        "takes back runs whose worker was lost; `make demo` starts it beside the web server. "
        "'list' shows each job's last run and next due time; 'run NAME' runs a job now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        work = sub.add_parser("work", help="Schedule and run jobs until stopped.")
        work.add_argument("--once", action="store_true", help="One round, then exit.")
        work.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between rounds (default 5)."
        )
        sub.add_parser("list", help="Every job: how often, its last run, when it is next due.")
        run = sub.add_parser("run", help="Run one job now (a run of its own, as if it were due).")
        run.add_argument("name", help="The job's name, as 'list' shows it.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "work":
            runner.work(once=options["once"], interval=options["interval"])
        elif options["action"] == "list":
            self._list()
        else:
            self._run(options["name"])

    def _list(self) -> None:
        now = timezone.now()
        for job in registry.jobs():
            last = JobRun.objects.filter(job=job.name).first()
            due = runner.next_due(job, now)
            state = f"{last.get_status_display()} {last.due_at:%Y-%m-%d %H:%M}" if last else "–"
            self.stdout.write(
                f"{job.name:<20} var {job.every} · senast: {state} · nästa: {due:%Y-%m-%d %H:%M}"
            )

    def _run(self, name: str) -> None:
        if registry.get(name) is None:
            known = ", ".join(job.name for job in registry.jobs())
            raise CommandError(f"Det finns inget jobb som heter {name}; jobben är: {known}.")
        run = JobRun.objects.create(job=name, due_at=timezone.now())
        runner.execute(run.pk)
        run.refresh_from_db()
        done = "; ".join(f"förbund {key}: {text}" for key, text in run.results.items())
        self.stdout.write(f"{run.get_status_display()}: {run.message or done or 'inget att göra'}")
        if run.status != JobRun.Status.DONE:
            raise CommandError(run.message)

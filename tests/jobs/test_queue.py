"""The job queue on its embedded database backend: a tick makes one run per job and due
time, the worker runs it once, a failure is retried after a growing pause and then kept as
failed with its reason, and a run whose worker was lost is taken back and run once."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samordna.accounts.roles import Role
from samordna.jobs import registry, runner
from samordna.jobs.models import JobRun
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


def _counting() -> dict[int, str]:
    CALLS.append("ran")
    return {1: "1 sak gjord."}


def _failing() -> dict[int, str]:
    CALLS.append("failed")
    raise RuntimeError("källan svarade 503 för 19121212-1212")


@pytest.fixture
def test_jobs() -> Iterator[None]:
    """Two jobs of the tests' own beside the apps'; removed afterwards."""
    CALLS.clear()
    every = datetime.timedelta(hours=1)
    registry.register(registry.Job("test_counting", "Räknar", every, _counting))
    registry.register(registry.Job("test_failing", "Fallerar", every, _failing))
    yield
    registry._JOBS.pop("test_counting")
    registry._JOBS.pop("test_failing")


NOW = datetime.datetime(2030, 5, 6, 10, 20, tzinfo=datetime.UTC)


def test_the_apps_register_their_scheduled_jobs() -> None:
    names = {job.name for job in registry.jobs()}
    assert {"purge_recordings", "send_reminders"} <= names


def test_a_tick_makes_one_run_per_job_and_due_time(test_jobs: None) -> None:
    first = runner.tick(NOW)
    again = runner.tick(NOW + datetime.timedelta(minutes=30))  # the same hour
    assert {run.job for run in first} >= {"test_counting", "test_failing"}
    assert again == []
    runs = JobRun.objects.filter(job="test_counting")
    assert [run.due_at for run in runs] == [datetime.datetime(2030, 5, 6, 10, tzinfo=datetime.UTC)]
    assert DBTaskResult.objects.count() == len(first)  # each run on the queue once
    later = runner.tick(NOW + datetime.timedelta(hours=1))
    assert "test_counting" in {run.job for run in later}


# The worker closes its connection between tasks, as a long-running process should: these
# tests run outside a test transaction (the database is emptied afterwards instead).
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_run_once(test_jobs: None) -> None:
    runner.tick(NOW)
    runner.work(once=True)  # (it ticks too: the runs of this hour are made and run as well)
    run = JobRun.objects.get(
        job="test_counting", due_at=runner.due_time(registry.get("test_counting"), NOW)
    )
    assert run.status == JobRun.Status.DONE
    assert run.result_for(1) == "1 sak gjord."
    ran = CALLS.count("ran")
    assert ran == JobRun.objects.filter(job="test_counting").count()  # each run once
    runner.execute(run.pk)  # the same run asked for again (a duplicate on the queue)
    assert CALLS.count("ran") == ran


@override_settings(JOB_ATTEMPTS=3, JOB_BACKOFF_SECONDS=60)
def test_a_failure_is_retried_with_a_growing_pause_then_kept_with_its_reason(
    test_jobs: None,
) -> None:
    run = JobRun.objects.create(job="test_failing", due_at=NOW)
    pauses = []
    for _attempt in range(3):
        before = timezone.now()
        runner.execute(run.pk)
        run.refresh_from_db()
        if run.retry_at:
            pauses.append((run.retry_at - before).total_seconds())
    assert run.status == JobRun.Status.FAILED
    assert run.attempts == 3
    assert [round(p, -1) for p in pauses] == [60, 120]
    assert run.message.startswith("Misslyckades efter 3 försök: RuntimeError: källan svarade 503")
    assert "19121212" not in run.message  # a personnummer in an error is masked
    retries = DBTaskResult.objects.filter(run_after__isnull=False)
    assert retries.count() == 2  # the two retries, each queued to run after its pause
    runner.execute(run.pk)
    assert CALLS.count("failed") == 3


@override_settings(JOB_LEASE_SECONDS=900)
@pytest.mark.django_db(transaction=True)
def test_a_run_whose_worker_was_lost_is_taken_back_and_run_once(test_jobs: None) -> None:
    lost = JobRun.objects.create(
        job="test_counting",
        due_at=NOW,
        status=JobRun.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
        attempts=1,
    )
    alive = JobRun.objects.create(
        job="test_counting",
        due_at=NOW - datetime.timedelta(hours=1),
        status=JobRun.Status.RUNNING,
        started_at=timezone.now(),
        attempts=1,
    )
    taken = runner.recover()
    assert [run.pk for run in taken] == [lost.pk]
    runner.work(once=True)
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert lost.status == JobRun.Status.DONE
    assert lost.attempts == 2
    assert alive.status == JobRun.Status.RUNNING  # its worker is still alive: left alone
    assert CALLS.count("ran") >= 1


def test_the_jobs_page_shows_each_association_only_its_own_results(cast: Cast) -> None:
    JobRun.objects.create(
        job="send_reminders",
        due_at=NOW,
        status=JobRun.Status.DONE,
        results={str(cast.association.pk): "2 påminnelser skickade.", "99999": "7 till andra."},
    )
    page = client_for(cast[Role.DIRECTOR]).get(f"/f/{cast.association.slug}/jobb/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 påminnelser skickade." in html
    assert "7 till andra." not in html
    member = client_for(cast[Role.BOARD_MEMBER]).get(f"/f/{cast.association.slug}/jobb/")
    assert member.status_code == 403

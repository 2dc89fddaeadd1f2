"""A run of a scheduled job: one row per job and due time, so a schedule tick is idempotent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        RETRYING = "retrying", _("Waiting to retry")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    job = models.CharField(_("job"), max_length=80)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # Why the run failed or was retried; written by the code, about no association.
    message = models.TextField(_("message"), blank=True)
    # What the run did per association: its id → one line ("2 påminnelser skickade").
    results = models.JSONField(_("results"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        ordering = ["-due_at", "-pk"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="jobs_one_run_per_due_time")
        ]
        indexes = [models.Index(fields=["status", "started_at"], name="jobs_status_started")]

    def __str__(self) -> str:
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M}"

    def result_for(self, association_id: int) -> str:
        return str(self.results.get(str(association_id), ""))

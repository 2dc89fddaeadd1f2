"""The Jobs page: each scheduled job with its last run and next due time, and every run."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.roles import Perm
from samordna.core.access import AssociationRequest, requires
from samordna.core.pagination import paginate
from samordna.jobs import registry, runner
from samordna.jobs.models import JobRun


@requires(Perm.VIEW_AUDIT)
def runs(request: AssociationRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    mine = request.association.pk
    labels = {job.name: job.label for job in registry.jobs()}
    jobs = []
    for job in registry.jobs():  # a handful, registered by the apps
        last = JobRun.objects.filter(job=job.name).first()
        failures = JobRun.objects.filter(job=job.name, status=JobRun.Status.FAILED).count()
        jobs.append(
            {
                "job": job,
                "last": last,
                "did": _did(last, mine),
                "next": runner.next_due(job, now),
                "failures": failures,
            }
        )
    status = request.GET.get("status", "")
    listed = JobRun.objects.all()
    if status in JobRun.Status.values:
        listed = listed.filter(status=status)
    paged = paginate(request, listed)
    rows = [(run, labels.get(run.job, run.job), _did(run, mine)) for run in paged.page]
    context = {
        "jobs": jobs,
        "rows": rows,
        "paged": paged,
        "statuses": JobRun.Status.choices,
        "status": status,
    }
    return render(request, "jobs/runs.html", context)


def _did(run: JobRun | None, association_id: int) -> str:
    """What a run did for this association only (other förbund's counts are theirs), or why
    it failed."""
    if run is None:
        return ""
    if run.status == JobRun.Status.DONE:
        return run.result_for(association_id) or _("Nothing to do for the association.")
    return run.message

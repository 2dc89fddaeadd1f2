"""Progress reports before each board meeting and the final report: created when due,
written, submitted, returned or approved, their discoveries turned into insights."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samordna.accounts.models import Membership
from samordna.assignments import access, duties
from samordna.assignments.lifecycle.base import (
    REPORT_WORDS,
    STATE_WORDS,
    TransitionError,
    _guard,
    _label,
    event,
)
from samordna.assignments.models import (
    Assignment,
    FinalReport,
    ProgressReport,
    ReportState,
    State,
)
from samordna.assignments.records import REPORT_SV
from samordna.audit.context import transition
from samordna.board.models import BoardMeeting

# --- progress reports ------------------------------------------------------------------------


REPORT_FIELDS = ("activities", "anchoring", "deviations", "discoveries")


def ensure_reports(association: Any, today: datetime.date | None = None) -> list[ProgressReport]:
    """A progress report for every running assignment before the next board meeting."""
    today = today or timezone.localdate()
    meeting = (
        BoardMeeting.objects.filter(association=association, held_on__gte=today)
        .exclude(status=BoardMeeting.Status.CHECKED)
        .order_by("held_on")
        .first()
    )
    if meeting is None:
        return []
    created = []
    running = Assignment.objects.filter(association=association, state=State.RUNNING)
    for assignment in running.exclude(progress_reports__meeting=meeting):
        created.append(
            ProgressReport.objects.create(
                assignment=assignment, meeting=meeting, due_on=meeting.reports_due_on
            )
        )
    return created


def save_report(report: ProgressReport, membership: Membership, data: dict[str, str]) -> None:
    if not access.is_lead(membership, report.assignment):
        raise PermissionDenied
    if not report.is_open:
        raise TransitionError(
            _("The progress report is “%(state)s” and cannot be changed.")
            % {"state": REPORT_WORDS[report.state]}
        )
    labels = {n: _label(ProgressReport, n) for n in REPORT_FIELDS}
    for name in REPORT_FIELDS:
        if name in data:
            _guard(data[name], labels[name])
    with transaction.atomic():
        for name in REPORT_FIELDS:
            if name in data:
                setattr(report, name, data[name].strip())
        report.save()


def report_step(
    report: ProgressReport, name: str, membership: Membership, comment: str = ""
) -> ProgressReport:
    """submit (lead), approve or return (manager); atomic, audited, on the timeline."""
    steps = {
        "submit": (
            (ReportState.DRAFT, ReportState.RETURNED),
            ReportState.SUBMITTED,
            access.is_lead,
        ),
        "approve": ((ReportState.SUBMITTED,), ReportState.APPROVED, access.is_manager),
        "return": ((ReportState.SUBMITTED,), ReportState.RETURNED, access.is_manager),
    }
    if name not in steps:
        raise TransitionError(_("There is no step called “%(name)s”.") % {"name": name})
    sources, target, who = steps[name]
    with transaction.atomic():
        locked = (
            ProgressReport.objects.select_for_update()
            .select_related("assignment")
            .get(pk=report.pk)
        )
        if not who(membership, locked.assignment):
            raise PermissionDenied
        if locked.state not in sources:
            allowed = _(" or ").join(_("“%(state)s”") % {"state": REPORT_WORDS[s]} for s in sources)
            raise TransitionError(
                _("The progress report is “%(state)s”; the step can only be taken from %(from)s.")
                % {"state": REPORT_WORDS[locked.state], "from": allowed}
            )
        if name == "approve" and duties.wrote_or_submitted(locked, membership.user, REPORT_FIELDS):
            raise TransitionError(duties.REFUSAL)
        if name == "submit" and not locked.activities.strip():
            raise TransitionError(_("Write what you do and whom you meet before you submit."))
        if name == "return":
            if not comment.strip():
                raise TransitionError(_("Write a comment on what needs to change."))
            _guard(comment, "kommentar")
        with transition(f"Avrapportering: {REPORT_SV[locked.state]} → {REPORT_SV[target]}"):
            locked.state = target
            if name == "submit":
                locked.submitted_at = timezone.now()
                locked.return_comment = ""
            elif name == "approve":
                locked.approved_at = timezone.now()
            else:
                locked.return_comment = comment.strip()
            locked.save()
        texts = {
            "submit": "Avrapportering inför {d} lämnad till ansvarig chef",
            "approve": "Avrapportering inför {d} godkänd",
            "return": "Avrapportering inför {d} returnerad med kommentar",
        }
        event(
            locked.assignment,
            texts[name].format(d=f"{locked.meeting.held_on:%Y-%m-%d}"),
            membership.user,
        )
        if name == "approve":
            _insights_from(locked)
    report.refresh_from_db()
    return report


def _insights_from(report: ProgressReport) -> None:
    """Each line of the report's discoveries becomes an insight in the insight bank."""
    from samordna.insights.models import Insight

    for line in report.discoveries.splitlines():
        text = line.strip().lstrip("-•* ").strip()
        if not text:
            continue
        insight = Insight.objects.create(
            association=report.assignment.association,
            text=text,
            noted_on=timezone.localdate(),
            source=Insight.Source.PROGRESS_REPORT,
            progress_report=report,
            source_note=f"{report.assignment.title}, {report.meeting.held_on}",
        )
        insight.assignments.add(report.assignment)
        insight.parties.set(report.assignment.parties.all())


def save_final_report(assignment: Assignment, membership: Membership, data: dict[str, str]) -> None:
    if not access.is_lead(membership, assignment):
        raise PermissionDenied
    if assignment.state != State.RUNNING:
        raise TransitionError(
            _(
                "The final report is written while the assignment runs; the assignment is in "
                "the state “%(state)s”."
            )
            % {"state": STATE_WORDS[State(assignment.state)]}
        )
    report, _c = FinalReport.objects.get_or_create(assignment=assignment)
    for name in FinalReport.SECTIONS:
        if name in data:
            _guard(data[name], _label(FinalReport, name))
    with transaction.atomic():
        for name in FinalReport.SECTIONS:
            if name in data:
                setattr(report, name, data[name].strip())
        if report.state == ReportState.RETURNED:
            report.state = ReportState.DRAFT
        report.save()

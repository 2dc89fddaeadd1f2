"""Separation of duties: whoever wrote or submitted a report cannot approve it."""

from __future__ import annotations

import pytest

from samordna.accounts.roles import Role
from samordna.assignments import lifecycle
from samordna.assignments.models import ReportState
from samordna.audit.context import acting_as
from samordna.audit.models import AuditEvent
from tests.assignments.helpers import member
from tests.assignments.test_reports_and_reminders import _running_report
from tests.conftest import Cast

TEXT = {
    "activities": "Vi träffar unga vuxna på biblioteket.",
    "anchoring": "Förankrat i ledningsgruppen.",
    "deviations": "",
    "discoveries": "Unga vill ha en fast kontakt.",
}


def test_the_director_who_wrote_a_report_cannot_approve_it(cast: Cast) -> None:
    report = _running_report(cast)
    director = member(cast, Role.DIRECTOR)
    with acting_as(director.user):  # as the web request would record it
        lifecycle.save_report(report, director, TEXT)
        lifecycle.report_step(report, "submit", director)
    events = AuditEvent.objects.count()
    with acting_as(director.user), pytest.raises(lifecycle.TransitionError, match="godkänna"):
        lifecycle.report_step(report, "approve", director)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert AuditEvent.objects.count() == events  # the refusal changed nothing
    manager = member(cast, Role.MANAGER)
    with acting_as(manager.user):
        lifecycle.report_step(report, "approve", manager)
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED


def test_a_manager_who_returned_a_report_may_still_approve_it(cast: Cast) -> None:
    report = _running_report(cast)
    lead, manager = member(cast, Role.ASSIGNMENT_LEAD), member(cast, Role.MANAGER)
    with acting_as(lead.user):
        lifecycle.save_report(report, lead, TEXT)
        lifecycle.report_step(report, "submit", lead)
    with acting_as(manager.user):
        lifecycle.report_step(report, "return", manager, "Beskriv avvikelserna.")
    with acting_as(lead.user):
        lifecycle.report_step(report, "submit", lead)
    with acting_as(manager.user):
        lifecycle.report_step(report, "approve", manager)
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

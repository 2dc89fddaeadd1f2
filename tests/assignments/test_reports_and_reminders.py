"""Progress reports: written by the lead, approved or returned by the manager, insights flow in;
reminders go to the right people once, through Django's outbox and a real SMTP server."""

from __future__ import annotations

import datetime
import socket
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from samordna.accounts.roles import Role
from samordna.assignments import lifecycle, reminders
from samordna.assignments.models import ProgressReport, Reminder, State
from samordna.insights.models import Insight
from tests.assignments.helpers import bring_to, meeting, member
from tests.conftest import Cast

MEETING = datetime.date(2030, 6, 12)
DUE = MEETING - datetime.timedelta(days=14)


def _running_report(cast: Cast) -> ProgressReport:
    bring_to(cast, State.RUNNING)
    meeting(cast, MEETING)
    created = lifecycle.ensure_reports(cast.association, DUE - datetime.timedelta(days=20))
    assert len(created) == 1
    return created[0]


def test_a_report_is_due_the_configured_days_before_the_meeting(cast: Cast) -> None:
    report = _running_report(cast)
    assert report.due_on == DUE
    assert lifecycle.ensure_reports(cast.association, DUE - datetime.timedelta(days=20)) == []


def test_lead_writes_manager_returns_and_approves_and_insights_flow_in(cast: Cast) -> None:
    report = _running_report(cast)
    lead, manager = member(cast, Role.ASSIGNMENT_LEAD), member(cast, Role.MANAGER)
    with pytest.raises(PermissionDenied):
        lifecycle.save_report(report, manager, {"activities": "x"})
    with pytest.raises(lifecycle.TransitionError, match="Skriv vad ni gör"):
        lifecycle.report_step(report, "submit", lead)
    lifecycle.save_report(
        report,
        lead,
        {"activities": "Vi möter deltagarna varje vecka.", "discoveries": "Unga vill ha en "
         "kontaktperson.\n- Handläggarna saknar en gemensam bild."},
    )  # fmt: skip
    lifecycle.report_step(report, "submit", lead)
    with pytest.raises(PermissionDenied):
        lifecycle.report_step(report, "approve", lead)
    with pytest.raises(lifecycle.TransitionError, match="kommentar"):
        lifecycle.report_step(report, "return", manager, "")
    lifecycle.report_step(report, "return", manager, "Beskriv avvikelserna.")
    assert ProgressReport.objects.get(pk=report.pk).state == "returned"
    with pytest.raises(lifecycle.TransitionError, match="går bara från"):
        lifecycle.report_step(report, "approve", manager)
    lifecycle.report_step(report, "submit", lead)
    lifecycle.report_step(report, "approve", manager)
    insights = Insight.objects.filter(progress_report=report).order_by("id")
    assert [i.text for i in insights] == [
        "Unga vill ha en kontaktperson.",
        "Handläggarna saknar en gemensam bild.",
    ]
    assert all(i.source == Insight.Source.PROGRESS_REPORT for i in insights)
    assert all(report.assignment in i.assignments.all() for i in insights)


def test_another_manager_cannot_approve(cast: Cast) -> None:
    report = _running_report(cast)
    lead = member(cast, Role.ASSIGNMENT_LEAD)
    lifecycle.save_report(report, lead, {"activities": "Möten."})
    lifecycle.report_step(report, "submit", lead)
    other = report.assignment
    other.manager = cast[Role.DIRECTOR]
    other.save()
    with pytest.raises(PermissionDenied):
        lifecycle.report_step(report, "approve", member(cast, Role.MANAGER))


def test_reminders_go_to_the_right_people_and_never_twice(cast: Cast) -> None:
    report = _running_report(cast)
    lead, manager = cast[Role.ASSIGNMENT_LEAD].email, cast[Role.MANAGER].email
    assert reminders.send(DUE - datetime.timedelta(days=30)) == []
    soon = reminders.send(DUE - datetime.timedelta(days=2))
    assert [(s.kind, s.recipient) for s in soon] == [("due_soon", lead)]
    assert [m.to for m in mail.outbox] == [[lead]]
    assert report.assignment.title in mail.outbox[0].subject
    assert "senast " + f"{DUE:%Y-%m-%d}" in mail.outbox[0].subject
    assert f"/avrapporteringar/{report.pk}/" in mail.outbox[0].body
    assert reminders.send(DUE - datetime.timedelta(days=1)) == []
    late = reminders.send(DUE + datetime.timedelta(days=1))
    assert sorted((s.kind, s.recipient) for s in late) == sorted(
        [("overdue", lead), ("overdue", manager)]
    )
    assert reminders.send(DUE + datetime.timedelta(days=2)) == []
    assert len(mail.outbox) == 3
    assert Reminder.objects.count() == 3


def test_a_submitted_report_gets_no_reminder(cast: Cast) -> None:
    report = _running_report(cast)
    lead = member(cast, Role.ASSIGNMENT_LEAD)
    lifecycle.save_report(report, lead, {"activities": "Möten."})
    lifecycle.report_step(report, "submit", lead)
    assert reminders.send(DUE + datetime.timedelta(days=1)) == []
    assert mail.outbox == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_reminders_through_a_real_smtp_server(cast: Cast, settings: object) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message: object) -> None:
            received.append(message)

    port = _free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port  # type: ignore[attr-defined]
        report = _running_report(cast)
        call_command("send_reminders", "--date", f"{DUE + datetime.timedelta(days=1):%Y-%m-%d}")
        call_command("send_reminders", "--date", f"{DUE + datetime.timedelta(days=2):%Y-%m-%d}")
    finally:
        controller.stop()
    recipients = sorted(m["To"] for m in received)
    assert recipients == sorted([cast[Role.ASSIGNMENT_LEAD].email, cast[Role.MANAGER].email])
    subjects = [str(make_header(decode_header(m["Subject"]))) for m in received]
    assert all(s.startswith("Försenad avrapportering: ") for s in subjects), subjects
    body = received[0].get_payload(decode=True).decode("utf-8")
    assert report.assignment.title in body

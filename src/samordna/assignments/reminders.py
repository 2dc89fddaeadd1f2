"""Reminder mails about progress reports: due soon (to the lead) and overdue (lead and manager).

Run daily (``samordna send_reminders``). Each reminder is recorded before its
mail is sent, inside one transaction: if sending fails the record is rolled
back and tomorrow's run tries again; if it succeeds, the unique record makes
sure the same person never gets the same reminder about the same report twice.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samordna.accounts.models import Association
from samordna.assignments import lifecycle
from samordna.assignments.models import ProgressReport, Reminder, ReportState
from samordna.audit.context import acting_as

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    report: ProgressReport
    kind: str
    recipient: str


def _body(report: ProgressReport, kind: str) -> tuple[str, str]:
    a = report.assignment
    url = settings.SITE_URL.rstrip("/") + reverse(
        "assignments:report", kwargs={"slug": a.association.slug, "report_id": report.pk}
    )
    meeting = f"{report.meeting.held_on:%Y-%m-%d}"
    due = f"{report.due_on:%Y-%m-%d}"
    if kind == Reminder.Kind.DUE_SOON:
        subject = f"Påminnelse: avrapportering för {a.title} senast {due}"
        lead = (
            f"Avrapporteringen för {a.title} inför styrelsemötet {meeting} ska lämnas senast {due}."
        )
    else:
        subject = f"Försenad avrapportering: {a.title} (skulle lämnas {due})"
        lead = (
            f"Avrapporteringen för {a.title} inför styrelsemötet {meeting} skulle ha lämnats "
            f"{due} och är ännu inte inlämnad (läge: {report.get_state_display().lower()})."
        )
    body = (
        f"Hej!\n\n{lead}\n\n"
        "Avrapporteringen beskriver vad ni gör och vilka ni möter, intern förankring, avvikelser "
        "från uppdragsbeskrivningen samt upptäckter och insikter. Uppdragsledaren skriver den och "
        "lämnar den till ansvarig chef, som godkänner den.\n\n"
        f"Öppna avrapporteringen: {url}\n\n"
        f"Vänliga hälsningar\n{a.association.name}\n"
    )
    return subject, body


def _recipients(report: ProgressReport, kind: str) -> list[str]:
    people = [report.assignment.lead]
    if kind == Reminder.Kind.OVERDUE:
        people.append(report.assignment.manager)
    return sorted({p.email for p in people if p is not None and p.email and p.is_active})


def send(today: datetime.date | None = None) -> list[Sent]:
    """Create the next meeting's reports, then send every reminder due and not yet sent."""
    today = today or timezone.localdate()
    for association in Association.objects.all():
        lifecycle.ensure_reports(association, today)
    horizon = today + datetime.timedelta(days=settings.REMINDER_DAYS_AHEAD)
    open_reports = (
        ProgressReport.objects.filter(
            state__in=[ReportState.DRAFT, ReportState.RETURNED], due_on__lte=horizon
        )
        .select_related("assignment", "assignment__lead", "assignment__manager", "meeting")
        .select_related("assignment__association")
        .order_by("due_on", "id")
    )
    sent: list[Sent] = []
    for report in open_reports:
        kind = Reminder.Kind.OVERDUE if report.due_on < today else Reminder.Kind.DUE_SOON
        for recipient in _recipients(report, kind):
            with transaction.atomic():
                _reminder, created = Reminder.objects.get_or_create(
                    report=report, kind=kind, recipient=recipient
                )
                if not created:
                    continue
                subject, body = _body(report, kind)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
            log.info("Påminnelse (%s) skickad till %s om rapport %s", kind, recipient, report.pk)
            sent.append(Sent(report, kind, recipient))
    return sent


def run_job() -> dict[int, str]:
    """The scheduled job (samordna.jobs): send what is due today; idempotent, as ``send`` is.
    Says per association how many reminders went out."""
    with acting_as(None, label="samordna jobs: send_reminders"):
        sent = send()
    counts = Counter(item.report.assignment.association_id for item in sent)
    return {key: f"{n} påminnelser skickade." for key, n in counts.items()}

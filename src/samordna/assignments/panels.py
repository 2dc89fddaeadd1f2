"""The dashboard panel of progress reports due soon, overdue or waiting for approval,
for the person looking."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.accounts.models import Association, Membership
from samordna.accounts.roles import Perm
from samordna.assignments import access
from samordna.assignments.models import ReportState
from samordna.core.dashboard import Panel, PanelItem


def reports_due(request: HttpRequest, association: Association, membership: Membership) -> Panel:
    panel = Panel(
        key="reports_due",
        title=gettext_lazy("Progress reports"),
        empty_text=gettext_lazy("No progress reports are due."),
        order=20,
    )
    if not membership.has_any(Perm.VIEW_ASSIGNMENTS, Perm.VIEW_ASSIGNMENTS_OWN):
        return panel
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REMINDER_DAYS_AHEAD)
    reports = access.visible_reports(association, membership).filter(
        state__in=[ReportState.DRAFT, ReportState.RETURNED, ReportState.SUBMITTED],
        due_on__lte=horizon,
    )
    for report in reports.order_by("due_on")[:12]:
        day = {"date": f"{report.due_on:%Y-%m-%d}"}
        if report.state == ReportState.SUBMITTED:  # for the manager: to approve, not to write
            note = _("Submitted, awaiting approval (due %(date)s)") % day
        elif report.due_on < today:
            note = _("Overdue since %(date)s") % day
        else:
            note = _("Due %(date)s") % day
        panel.items.append(
            PanelItem(
                text=f"{report.assignment.title} ({report.get_state_display().lower()})",
                url=reverse(
                    "assignments:report", kwargs={"slug": association.slug, "report_id": report.pk}
                ),
                note=note,
            )
        )
    return panel

"""The dashboard panel of the next board meeting."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samordna.accounts.models import Association, Membership
from samordna.accounts.roles import Perm
from samordna.board.models import BoardMeeting
from samordna.core.dashboard import Panel, PanelItem


def upcoming_meeting(
    request: HttpRequest, association: Association, membership: Membership
) -> Panel:
    panel = Panel(
        key="upcoming_meeting",
        title=gettext_lazy("Next board meeting"),
        empty_text=gettext_lazy("No board meeting is planned yet."),
        order=10,
    )
    meeting = (
        BoardMeeting.objects.filter(association=association, held_on__gte=timezone.localdate())
        .order_by("held_on")
        .first()
    )
    if meeting is None:
        return panel
    url = ""
    if membership.has(Perm.VIEW_BOARD):
        url = reverse(
            "board:meeting", kwargs={"slug": association.slug, "board_meeting_id": meeting.pk}
        )
    panel.items.append(
        PanelItem(
            text=f"{meeting.held_on:%Y-%m-%d} {meeting.starts_at:%H.%M}, {meeting.place}".rstrip(
                ", "
            ),
            url=url,
            note=_("Progress reports due %(date)s; %(count)s items on the agenda")
            % {"date": f"{meeting.reports_due_on:%Y-%m-%d}", "count": meeting.items.count()},
        )
    )
    return panel

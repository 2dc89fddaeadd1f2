"""Small words people read after every action: said once, in the right number and role."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import ngettext

from samordna.accounts.models import Party
from samordna.accounts.roles import Role
from samordna.assignments.models import ProgressReport, ReportState
from samordna.audit.models import AuditEvent
from tests.assignments.helpers import meeting, proposal
from tests.conftest import Cast, client_for


def test_a_step_says_the_new_state_once(cast: Cast) -> None:
    assignment = proposal(cast)
    page = client_for(cast[Role.ANALYST]).post(
        f"/f/{cast.association.slug}/uppdrag/{assignment.pk}/steg/",
        {"step": "anchor"},
        follow=True,
    )
    text = page.content.decode()
    assert "Uppdraget är nu:" in text
    assert "Klart: Klart" not in text
    assert text.count("Klart:") == 1  # the banner's own word, once


def test_one_agenda_item_is_one_ärende(cast: Cast) -> None:
    day = meeting(cast, datetime.date(2030, 3, 14))
    assignment = proposal(cast)
    for step, role in (("anchor", Role.ANALYST), ("ready", Role.ANALYST)):
        client_for(cast[role]).post(
            f"/f/{cast.association.slug}/uppdrag/{assignment.pk}/steg/", {"step": step}
        )
    page = client_for(cast[Role.BOARD_SECRETARY]).post(
        f"/f/{cast.association.slug}/styrelsen/{day.pk}/dagordning/",
        {"action": "propose"},
        follow=True,
    )
    text = page.content.decode()
    added = day.items.count()
    assert added > 0
    word = "ärende" if added == 1 else "ärenden"
    assert f"{added} {word} sattes upp på dagordningen." in text
    with translation.override("sv"):
        one = ngettext(
            "%(count)s item was put on the agenda.", "%(count)s items were put on the agenda.", 1
        )
    assert one % {"count": 1} == "1 ärende sattes upp på dagordningen."


def test_the_manager_sees_reports_to_approve_not_reports_to_write(cast: Cast) -> None:
    assignment = proposal(cast)
    day = meeting(cast, datetime.date(2030, 3, 14))
    ProgressReport.objects.create(
        assignment=assignment,
        meeting=day,
        due_on=datetime.date.today() + datetime.timedelta(days=3),
        state=ReportState.SUBMITTED,
    )
    page = client_for(cast[Role.MANAGER]).get(f"/f/{cast.association.slug}/").content.decode()
    assert "Rapporter att lämna" not in page
    assert "Avrapporteringar" in page
    assert "Inlämnad, väntar på godkännande" in page


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]  # fmt: skip


def test_the_dashboard_dates_are_in_the_interface_language(cast: Cast) -> None:
    party = Party.objects.filter(association=cast.association).first()
    assert party is not None
    party.name += " (ändrad)"
    party.save()
    event = AuditEvent.objects.for_association(cast.association).first()
    assert event is not None
    local = timezone.localtime(event.created_at)
    page = client_for(cast[Role.DIRECTOR]).get(f"/f/{cast.association.slug}/").content.decode()
    assert f"{local.day} {MONTHS[local.month - 1]} {local:%H:%M}" in page
    assert f"{local.day} {local:%b} " not in page  # "1 Dec": the English abbreviation

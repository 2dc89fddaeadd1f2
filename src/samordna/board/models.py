"""The board (styrelsen): meetings, agendas, decisions, minutes, priorities."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class BoardMeeting(Audited):
    """One meeting of the board; the yearly plan is the meetings of a year."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary meeting")
        EXTRA = "extra", _("Extra meeting")
        PLANNING = "planning", _("Planning day")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CALLED = "called", _("Called")
        HELD = "held", _("Held")
        CHECKED = "checked", _("Minutes checked")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="board_meetings"
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), default=datetime.time(9, 0))
    place = models.CharField(_("place"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    reports_due_on = models.DateField(
        _("progress reports due"),
        help_text=_("Progress reports for this meeting are due on this day."),
    )

    class Meta:
        ordering = ["association", "held_on"]
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        constraints = [
            models.UniqueConstraint(fields=["association", "held_on"], name="board_meeting_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"

    def audit_association(self) -> Association:
        return self.association

    @staticmethod
    def default_due(held_on: datetime.date) -> datetime.date:
        return held_on - datetime.timedelta(days=settings.REPORT_DAYS_BEFORE_MEETING)

    @property
    def is_open(self) -> bool:
        """Whether items can still be put on the agenda and decided."""
        return self.status in {self.Status.PLANNED, self.Status.CALLED, self.Status.HELD}


class AgendaItem(Audited):
    """An item (ärende) on a meeting's agenda, with what it concerns."""

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Standing item")
        PROPOSAL = "proposal", _("Proposal for decision")
        PROGRESS_REPORT = "progress_report", _("Progress report")
        FINAL_REPORT = "final_report", _("Final report and implementation")
        AMENDMENT = "amendment", _("Amendment")
        NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
        PRIORITIES = "priorities", _("Priorities")
        OTHER = "other", _("Other matter")

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    proposed_decision = models.TextField(_("proposed decision"), blank=True)
    assignment = models.ForeignKey(
        "assignments.Assignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    progress_report = models.ForeignKey(
        "assignments.ProgressReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    amendment = models.ForeignKey(
        "assignments.Amendment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    needs_analysis = models.ForeignKey(
        "needs.NeedsAnalysis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"§{self.position} {self.title}"

    def audit_association(self) -> Association:
        return self.meeting.association


class Decision(Audited):
    """A decision of the board, with its registry number (``Dnr 2026/4``), never reused."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Assignment granted")
        REJECT = "reject", _("Assignment rejected")
        AMENDMENT = "amendment", _("Amendment")
        IMPLEMENTATION = "implementation", _("Implementation decision")
        NOTED = "noted", _("Noted")
        OTHER = "other", _("Other decision")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="decisions"
    )
    registry_number = models.CharField(_("registry number"), max_length=20)
    meeting = models.ForeignKey(BoardMeeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("decision"))
    assignment = models.ForeignKey(
        "assignments.Assignment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["association", "decided_on", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "registry_number"], name="decision_registry_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registry_number}: {self.text[:60]}"

    def audit_association(self) -> Association:
        return self.association


class Minutes(Audited):
    """The minutes (protokoll) of a meeting and who checked them (justering)."""

    meeting = models.OneToOneField(BoardMeeting, on_delete=models.CASCADE, related_name="minutes")
    present = models.TextField(_("present"), blank=True, help_text=_("One name per line."))
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    secretary = models.CharField(_("keeper of the minutes"), max_length=200, blank=True)
    notes = models.TextField(_("other notes"), blank=True)
    checked_by = models.CharField(
        _("checked by"),
        max_length=300,
        blank=True,
        help_text=_("The members who check (justerar)."),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{_('Minutes')} {self.meeting.held_on:%Y-%m-%d}"

    def audit_association(self) -> Association:
        return self.meeting.association


class Priority(Audited):
    """One of the board's priorities (focus areas) for a year."""

    class Kind(models.TextChoices):
        NEEDS_GROUP = "needs_group", _("Needs group")
        AGE_GROUP = "age_group", _("Age group")
        METHOD = "method", _("Method")
        EXPLORE = "explore", _("Area to explore")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="priorities"
    )
    year = models.PositiveIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("priority"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    needs_analysis = models.ForeignKey(
        "needs.NeedsAnalysis",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priorities",
        verbose_name=_("from the needs analysis"),
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priorities",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["association", "-year", "kind", "title"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def audit_association(self) -> Association:
        return self.association

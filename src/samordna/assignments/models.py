"""Assignments (uppdrag and föruppdrag) from proposal to implementation decision.

The state of an assignment changes only through ``samordna.assignments.lifecycle``,
which guards, audits and records each step on the assignment's timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited
from samordna.core.privacy import no_identity_numbers

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANCHORING = "anchoring", _("Anchoring with the parties")
    READY = "ready", _("Ready for decision")
    ON_AGENDA = "on_agenda", _("On the board's agenda")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    AGREED = "agreed", _("Agreement registered")
    RUNNING = "running", _("Running")
    FINAL_SUBMITTED = "final_submitted", _("Final report submitted")
    FINAL_APPROVED = "final_approved", _("Final report approved")
    CLOSED = "closed", _("Closed")


class Assignment(Audited):
    class Kind(models.TextChoices):
        PRE_STUDY = "pre_study", _("Pre-study (föruppdrag)")
        ASSIGNMENT = "assignment", _("Assignment (uppdrag)")

    class Focus(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual-oriented")
        STRUCTURAL = "structural", _("Structure-spanning")

    class Outcome(models.TextChoices):
        IMPLEMENTED = "implemented", _("Implemented")
        PARTLY = "partly", _("Partly implemented")
        NOT_IMPLEMENTED = "not_implemented", _("Not implemented")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="assignments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False
    )
    # The proposal (uppdragsförslag) of the working method.
    background = models.TextField(
        _("need and background"), blank=True, validators=[no_identity_numbers]
    )
    target_users = models.TextField(_("target users"), blank=True, validators=[no_identity_numbers])
    parties = models.ManyToManyField(
        "accounts.Party", blank=True, related_name="assignments", verbose_name=_("parties")
    )
    units = models.ManyToManyField(
        "accounts.Unit", blank=True, related_name="assignments", verbose_name=_("units involved")
    )
    resource_integration = models.TextField(
        _("how resources are integrated"), blank=True, validators=[no_identity_numbers]
    )
    implementation_strategy = models.TextField(
        _("implementation strategy in each unit"), blank=True, validators=[no_identity_numbers]
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    # National follow-up (SUS) fields.
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    planned_women = models.PositiveIntegerField(_("planned participants, women"), default=0)
    planned_men = models.PositiveIntegerField(_("planned participants, men"), default=0)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_assignments",
        verbose_name=_("assignment lead"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_assignments",
        verbose_name=_("responsible manager"),
    )
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name=_("follows up"),
    )
    # The agreement (överenskommelse), registered after a grant.
    agreement_scope = models.TextField(_("agreed scope"), blank=True)
    agreement_reporting = models.TextField(_("reporting routine"), blank=True)
    agreement_signed_on = models.DateField(_("agreement signed"), null=True, blank=True)
    # Closing: the implementation decision.
    outcome = models.CharField(
        _("implementation"), max_length=20, choices=Outcome.choices, blank=True
    )
    continued_support = models.TextField(_("continued need of support"), blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["association", "-created_at", "-id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return self.title

    def audit_association(self) -> Association:
        return self.association

    @property
    def planned_total(self) -> int:
        return self.planned_women + self.planned_men


class Funding(Audited):
    """Money of one assignment and year: proposed, co-financed, granted and spent."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveIntegerField(_("year"))
    proposed = models.PositiveIntegerField(_("proposed (SEK)"), default=0)
    co_financing = models.PositiveIntegerField(_("co-financing by the parties (SEK)"), default=0)
    granted = models.PositiveIntegerField(_("granted (SEK)"), null=True, blank=True)
    spent = models.PositiveIntegerField(_("outcome (SEK)"), null=True, blank=True)

    class Meta:
        ordering = ["assignment", "year"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "year"], name="funding_year"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.year}"

    def audit_association(self) -> Association:
        return self.assignment.association


class Budget(Audited):
    """The association's budget for assignments in a year."""

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="assignment_budgets"
    )
    year = models.PositiveIntegerField(_("year"))
    amount = models.PositiveIntegerField(_("budget for assignments (SEK)"))

    class Meta:
        ordering = ["association", "-year"]
        verbose_name = _("assignment budget")
        verbose_name_plural = _("assignment budgets")
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="budget_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"

    def audit_association(self) -> Association:
        return self.association


class Comment(Audited):
    """A party's comment on a proposal during anchoring."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(
        "accounts.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), validators=[no_identity_numbers])
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["assignment", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]

    def audit_association(self) -> Association:
        return self.assignment.association


class Amendment(Audited):
    """A change to a running assignment (extension, budget change): a board decision too."""

    class Kind(models.TextChoices):
        EXTENSION = "extension", _("Extension")
        BUDGET = "budget", _("Budget change")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ON_AGENDA = "on_agenda", _("On the board's agenda")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="amendments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    motivation = models.TextField(_("motivation"), validators=[no_identity_numbers])
    new_end = models.DateField(_("new end date"), null=True, blank=True)
    year = models.PositiveIntegerField(_("year of the budget change"), null=True, blank=True)
    amount = models.IntegerField(_("change of the grant (SEK)"), null=True, blank=True)
    decision = models.ForeignKey(
        "board.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["assignment", "created_at"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.assignment}"

    def audit_association(self) -> Association:
        return self.assignment.association


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the manager")
    RETURNED = "returned", _("Returned with a comment")
    APPROVED = "approved", _("Approved")


class ProgressReport(Audited):
    """An avrapportering of a running assignment before a board meeting."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="progress_reports"
    )
    meeting = models.ForeignKey(
        "board.BoardMeeting", on_delete=models.PROTECT, related_name="progress_reports"
    )
    due_on = models.DateField(_("due"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    activities = models.TextField(
        _("activities: what we do, whom we meet"), blank=True, validators=[no_identity_numbers]
    )
    anchoring = models.TextField(
        _("internal anchoring"), blank=True, validators=[no_identity_numbers]
    )
    deviations = models.TextField(
        _("deviations from the assignment description"),
        blank=True,
        validators=[no_identity_numbers],
    )
    discoveries = models.TextField(
        _("discoveries and insights"),
        blank=True,
        validators=[no_identity_numbers],
        help_text=_("One insight per line; each becomes an insight when the report is approved."),
    )
    return_comment = models.TextField(_("comment from the manager"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "assignment__title"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "meeting"], name="report_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} – {self.meeting.held_on:%Y-%m-%d}"

    def audit_association(self) -> Association:
        return self.assignment.association

    @property
    def is_open(self) -> bool:
        return self.state in {ReportState.DRAFT, ReportState.RETURNED}


class FinalReport(Audited):
    """The slutrapport, with the fixed structure of the working method."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="final_report"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    background = models.TextField(_("background"), blank=True, validators=[no_identity_numbers])
    way_of_working = models.TextField(
        _("way of working"), blank=True, validators=[no_identity_numbers]
    )
    results = models.TextField(
        _("results: value for users and units"), blank=True, validators=[no_identity_numbers]
    )
    implementation_position = models.TextField(
        _("position on implementation"), blank=True, validators=[no_identity_numbers]
    )
    continued_work = models.TextField(
        _("continued internal work"), blank=True, validators=[no_identity_numbers]
    )
    further_support = models.TextField(
        _("further need of support from the association"),
        blank=True,
        validators=[no_identity_numbers],
    )
    return_comment = models.TextField(_("comment from the manager"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    SECTIONS = (
        "background",
        "way_of_working",
        "results",
        "implementation_position",
        "continued_work",
        "further_support",
    )

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self) -> str:
        return f"{_('Final report')}: {self.assignment}"

    def audit_association(self) -> Association:
        return self.assignment.association


class Reminder(models.Model):
    """A reminder mail sent about a progress report, so that none is sent twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "recipient"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient}"


class Event(models.Model):
    """One line of an assignment's timeline (proposal, comments, decisions, reports, closing)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    on = models.DateField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(_("event"), max_length=400)
    registry_number = models.CharField(_("registry number"), max_length=20, blank=True)

    class Meta:
        ordering = ["assignment", "on", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return self.text

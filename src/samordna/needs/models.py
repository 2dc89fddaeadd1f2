"""Needs analysis editions: the specification, flags with the analyst's decisions, narrative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class NeedsAnalysis(Audited):
    """One edition of an association's needs analysis (behovsanalys) for a year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Finalised")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.PROTECT, related_name="needs_analyses"
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    indicator_set = models.ForeignKey(
        "statistics.IndicatorSet",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator set"),
    )
    spec = models.JSONField(_("analysis specification"), default=dict)
    flags = models.JSONField(_("computed flags"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registry_number = models.CharField(_("registry number"), max_length=40, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The fingerprint of what the stored result was computed from (see needs.results).
    inputs_key = models.CharField(_("inputs"), max_length=64, blank=True)

    audit_exclude = ("flags", "inputs_key")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="needs_analysis_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def audit_association(self) -> Association:
        return self.association

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class AnalysisSettings(Audited):
    """How an association's needs analysis compares and flags; copied into each computation.

    A draft edition takes the settings in force when it is computed; a
    finalised edition keeps the copy it was computed with (``NeedsAnalysis.spec``).
    """

    association = models.OneToOneField(
        "accounts.Association", on_delete=models.CASCADE, related_name="analysis_settings"
    )
    # Member kommun code → the comparison kommuner the analyst chose.
    comparisons = models.JSONField(_("comparison kommuner"), default=dict, blank=True)
    # Member kommun code → the Kolada "liknande kommuner" group compared as a mean.
    similar = models.JSONField(_("similar kommuner (Kolada)"), default=dict, blank=True)
    region = models.CharField(_("region"), max_length=4)
    nation = models.CharField(_("nation"), max_length=4, default="0000")
    history = models.PositiveSmallIntegerField(_("periods of history"), default=5)
    thresholds = models.JSONField(_("flag thresholds and weights"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_exclude = ("updated_at",)

    class Meta:
        verbose_name = _("analysis settings")
        verbose_name_plural = _("analysis settings")

    def __str__(self) -> str:
        return f"{self.association}: analysinställningar"

    def audit_association(self) -> Association:
        return self.association


class FlagDecision(Audited):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        HIDDEN = "hidden", _("Hidden")

    analysis = models.ForeignKey(NeedsAnalysis, on_delete=models.CASCADE, related_name="decisions")
    key = models.CharField(_("flag"), max_length=200)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("analyst's note"), blank=True)

    class Meta:
        ordering = ["analysis", "key"]
        verbose_name = _("flag decision")
        verbose_name_plural = _("flag decisions")
        constraints = [
            models.UniqueConstraint(fields=["analysis", "key"], name="flag_decision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.decision}"

    def audit_association(self) -> Association:
        return self.analysis.association


class StoredResult(models.Model):
    """The computed analysis of an edition, read by the report page and the downloads.

    The frames are Parquet; ``key`` is the fingerprint of the inputs (the
    settings copied into the edition and the observations it reads), so the
    analysis is computed again only when one of them changes.
    """

    analysis = models.OneToOneField(NeedsAnalysis, on_delete=models.CASCADE, related_name="result")
    key = models.CharField(max_length=64)
    prepared = models.BinaryField()
    comparisons = models.BinaryField()
    totals = models.BinaryField()
    groups = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored analysis result")
        verbose_name_plural = _("stored analysis results")

    def __str__(self) -> str:
        return f"{self.analysis}: {self.key[:12]}"


class Section(models.TextChoices):
    BACKGROUND = "background", _("Background")
    METHOD = "method", _("Method")
    VIEW = "view", _("View of the association")
    COLLABORATION = "collaboration", _("Collaboration areas")
    OBSERVATIONS = "observations", _("Observations")
    PROPOSALS = "proposals", _("Proposed direction")
    CLOSING = "closing", _("Closing")


class NarrativeVersion(Audited):
    """One saved version of a narrative section; the newest is the current text."""

    analysis = models.ForeignKey(NeedsAnalysis, on_delete=models.CASCADE, related_name="narrative")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["analysis", "section", "-created_at", "-id"]
        verbose_name = _("narrative version")
        verbose_name_plural = _("narrative versions")

    def __str__(self) -> str:
        return f"{self.get_section_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def audit_association(self) -> Association:
        return self.analysis.association

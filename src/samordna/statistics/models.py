"""The indicator warehouse: areas, indicators, observations and their history.

Public statistics are public facts, shared by every association (ADR 0008):
an observation of Landskrona's job seekers is the same figure whichever
förbund looks at it. What an association owns here is its indicator sets and
the record of what it imported; who loaded which figure is on
:class:`DataLoad`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class NeedsGroup(models.TextChoices):
    WORK = "work", _("Work")
    LIVELIHOOD = "livelihood", _("Livelihood")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health and rehabilitation")
    POPULATION = "population", _("Population")


class Area(models.Model):
    """A kommun, a region, riket or a Kolada comparison group.

    ``code`` is Kolada's id (``1282``, ``0012``, ``0000``, ``G37439``); the SCB
    code is derived in :mod:`samordna.statistics.codes`, the one place that
    maps between the two.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        NATION = "nation", _("Nation")
        GROUP = "group", _("Comparison group")

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groups", verbose_name=_("members")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Indicator(models.Model):
    """A measure: a Kolada KPI (``N03920``) or a project indicator (``AF_SOK_TOT``)."""

    code = models.CharField(_("id"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    municipality_type = models.CharField(
        _("Kolada area type"),
        max_length=1,
        blank=True,
        help_text=_("K: kommuner and riket, L: regions and riket, A: all."),
    )
    is_count = models.BooleanField(
        _("is a count"),
        default=False,
        help_text=_("Counts may be added up across areas; rates and shares never are."),
    )
    needs_group = models.CharField(
        _("needs group"), max_length=16, choices=NeedsGroup.choices, blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class IndicatorSet(Audited):
    """A named, editable selection of indicators, each placed in a needs group."""

    association = models.ForeignKey(
        "accounts.Association",
        on_delete=models.CASCADE,
        related_name="indicator_sets",
        verbose_name=_("association"),
    )
    slug = models.SlugField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    derived = models.JSONField(
        _("derived shares"),
        default=list,
        blank=True,
        help_text=_(
            "Shares computed from counts: code, title, numerator and denominator indicator ids, "
            "needs group, key figure."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        constraints = [
            models.UniqueConstraint(fields=["association", "slug"], name="indicator_set_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_association(self) -> Association:
        return self.association


class IndicatorSetItem(Audited):
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="items", verbose_name=_("set")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    needs_group = models.CharField(_("needs group"), max_length=16, choices=NeedsGroup.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    key = models.BooleanField(
        _("key figure"), default=False, help_text=_("Written out in the needs-group synthesis.")
    )
    # Measures that belong together form one table in the report (a measure and its
    # "därav" parts, the programmes of a source, the age bands of a measure).
    table = models.CharField(
        _("table"),
        max_length=200,
        blank=True,
        help_text=_("Indicators with the same table name are shown together in one table."),
    )
    row_label = models.CharField(
        _("row label"), max_length=300, blank=True, help_text=_("The row's name in that table.")
    )
    level = models.PositiveSmallIntegerField(
        _("indent"), default=0, help_text=_("1 for a part (därav) of the row above.")
    )
    phrase = models.CharField(
        _("in ordinary words"),
        max_length=300,
        blank=True,
        help_text=_(
            "How a sentence names the measure, e.g. 'barn i hushåll med ekonomiskt bistånd'; "
            "{who} marks where 'män' or 'kvinnor' goes."
        ),
    )
    change_of = models.CharField(
        _("change of"),
        max_length=64,
        blank=True,
        help_text=_("The indicator this one is the change of; shown in its row's change column."),
    )
    shown = models.BooleanField(
        _("shown in the report"),
        default=True,
        help_text=_("Hidden indicators are still used for derived shares but get no table."),
    )

    class Meta:
        ordering = ["indicator_set", "position", "indicator__code"]
        verbose_name = _("indicator in set")
        verbose_name_plural = _("indicators in set")
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "indicator"], name="set_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_set}: {self.indicator.code}"

    def audit_association(self) -> Association:
        return self.indicator_set.association


class DataLoad(models.Model):
    """One file import or API fetch: what came in, from whom, and how it ended.

    Loads are their own append-only log (ADR 0008): a load is recorded once,
    with its outcome, and never edited.
    """

    class Kind(models.TextChoices):
        FILE = "file", _("File import")
        KOLADA = "kolada", _("Kolada fetch")
        PXWEB = "pxweb", _("PxWeb fetch")
        DEMO = "demo", _("Demo data")

    class Outcome(models.TextChoices):
        DONE = "done", _("Loaded")
        DRY_RUN = "dry_run", _("Dry run, nothing written")
        FAILED = "failed", _("Refused, nothing written")

    association = models.ForeignKey(
        "accounts.Association",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="data_loads",
        verbose_name=_("association"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    started_at = models.DateTimeField(_("time"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("run by"), max_length=100, blank=True)
    file_name = models.CharField(_("file or request"), max_length=500, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    stored_file = models.CharField(_("stored copy"), max_length=500, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("data load")
        verbose_name_plural = _("data loads")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({self.get_outcome_display()})"


class Status(models.TextChoices):
    OK = "ok", _("ok")
    MISSING = "missing", _("missing")
    SUPPRESSED = "suppressed", _("suppressed")
    PRELIMINARY = "preliminary", _("preliminary")


class Gender(models.TextChoices):
    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class LoadedFigure(models.Model):
    """A figure as a load brought it: value, status, source, retrieval time and the load.

    An observation is one; so is each earlier value kept in its history. The
    warehouse copies these columns between the two tables (warehouse.py).
    """

    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source = models.CharField(_("source"), max_length=200)
    retrieved_at = models.DateTimeField(_("retrieved"))
    # A provenance pointer into the append-only load log; no database constraint,
    # because checking it row by row would double the cost of a large import
    # and loads are never deleted (ADR 0008).
    load = models.ForeignKey(
        DataLoad,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("load"),
    )

    class Meta:
        abstract = True


class Observation(LoadedFigure):
    """One figure: indicator × area × period × gender.

    ``value`` is ``None`` unless the status is ok or preliminary: missing and
    suppressed figures are never zero.
    """

    # No index of its own: the key's unique index begins with the indicator, and one
    # index fewer to keep is a fifth less work in a large import (docs/benchmarks.md).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    period = models.CharField(_("period"), max_length=7)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period", "gender"], name="observation_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.area_id}/{self.period}/{self.gender}"


class ObservationRevision(LoadedFigure):
    """An earlier value of an observation, kept when a later load changed it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    replaced_at = models.DateTimeField(_("replaced"))
    replaced_by = models.ForeignKey(
        DataLoad,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    class Meta:
        ordering = ["observation", "-replaced_at"]
        verbose_name = _("earlier value")
        verbose_name_plural = _("earlier values")

    def __str__(self) -> str:
        return f"{self.observation_id}: {self.value} ({self.status}) until {self.replaced_at}"

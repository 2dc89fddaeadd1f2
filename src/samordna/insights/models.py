"""Qualitative mapping: collaboration areas (samverkansytor) and what the interviews found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited
from samordna.core.privacy import no_identity_numbers, no_personal_data

if TYPE_CHECKING:
    from samordna.accounts.models import Association

# The needs situations of docs/domain.md; the list is extendable (free text is allowed).
NEEDS_SITUATIONS = (
    "Arbetslös",
    "I etablering",
    "Psykisk ohälsa",
    "Ung med psykisk ohälsa",
    "Annan ohälsa",
    "Ung med funktionsnedsättning",
    "Anhörig",
    "Våld i nära relation",
    "Långtidssjukskriven",
    "Oklar problematik",
    "Oklar boendesituation",
)


class Quality(models.IntegerChoices):
    """Perceived quality of the collaboration, an ordered scale."""

    VERY_LOW = 1, _("very low")
    LOW = 2, _("low")
    VARYING = 3, _("varying")
    OK = 4, _("ok")
    DEVELOPING = 5, _("under development")
    GOOD = 6, _("good")
    VERY_GOOD = 7, _("very good")


class CollaborationArea(Audited):
    """A samverkansyta: in a needs situation, how a main actor and a partner work together."""

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="collaboration_areas"
    )
    year = models.PositiveIntegerField(_("year"))
    situation = models.CharField(_("needs situation"), max_length=200)
    main_actor = models.CharField(_("main party or unit"), max_length=200)
    partner_actor = models.CharField(_("collaborating party or unit"), max_length=200)
    main_party = models.ForeignKey(
        "accounts.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main party"),
    )
    partner_party = models.ForeignKey(
        "accounts.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("collaborating party"),
    )
    quality = models.PositiveSmallIntegerField(_("perceived quality"), choices=Quality.choices)
    comment = models.TextField(_("comment"), blank=True, validators=[no_identity_numbers])
    interviews = models.ManyToManyField(
        "insights.Interview", blank=True, related_name="collaboration_areas",
        verbose_name=_("source interviews"),
    )  # fmt: skip
    sources = models.TextField(
        _("other sources"),
        blank=True,
        help_text=_("What else this rests on, such as a group interview not recorded here."),
    )
    position = models.PositiveIntegerField(_("number"), default=0)

    class Meta:
        ordering = ["association", "-year", "position", "id"]
        verbose_name = _("collaboration area")
        verbose_name_plural = _("collaboration areas")

    def __str__(self) -> str:
        return f"{self.situation}: {self.main_actor} – {self.partner_actor}"

    def audit_association(self) -> Association:
        return self.association

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes an area the same from one year to the next."""
        return (self.situation, self.main_actor, self.partner_actor)

    @staticmethod
    def year_before(
        association_id: int, year: int
    ) -> dict[tuple[str, str, str], CollaborationArea]:
        """The areas mapped the year before ``year``, by :attr:`key`, in one query
        (the first of each key, as the areas are ordered)."""
        found: dict[tuple[str, str, str], CollaborationArea] = {}
        for area in CollaborationArea.objects.filter(association_id=association_id, year=year - 1):
            found.setdefault(area.key, area)
        return found


class Respondent(Audited):
    """A person a party chose for an interview: a work name and role, nothing more."""

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="respondents"
    )
    work_name = models.CharField(
        _("work name"), max_length=120, help_text=_("As colleagues know the person; no identity.")
    )
    role = models.CharField(_("role"), max_length=200)
    party = models.ForeignKey(
        "accounts.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["association", "work_name"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")

    def __str__(self) -> str:
        return f"{self.work_name}, {self.role}"

    def audit_association(self) -> Association:
        return self.association


class InterviewGuide(Audited):
    """An editable template of open questions, one per line."""

    class Audience(models.TextChoices):
        STAFF = "staff", _("Partner staff")
        USERS = "users", _("Service users")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="interview_guides"
    )
    name = models.CharField(_("name"), max_length=200)
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    introduction = models.TextField(_("introduction"), blank=True)
    questions = models.TextField(_("questions"), help_text=_("One open question per line."))

    class Meta:
        ordering = ["association", "name"]
        verbose_name = _("interview guide")
        verbose_name_plural = _("interview guides")

    def __str__(self) -> str:
        return self.name

    def audit_association(self) -> Association:
        return self.association

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Interview(Audited):
    """An interview with partner staff (one or a group) or with an anonymous service user."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Partner staff")
        GROUP = "group", _("Group of partner staff")
        USER = "user", _("Service user (anonymous)")

    class AgeBand(models.TextChoices):
        UNDER_20 = "16-19", "16–19"
        YOUNG = "20-24", "20–24"
        ADULT_25 = "25-34", "25–34"
        ADULT_35 = "35-49", "35–49"
        ADULT_50 = "50-64", "50–64"
        SENIOR = "65+", "65+"

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    guide = models.ForeignKey(
        InterviewGuide, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    respondents = models.ManyToManyField(Respondent, blank=True, related_name="interviews")
    alias = models.CharField(
        _("alias"), max_length=60, blank=True, help_text=_("Service users only; never a name.")
    )
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, blank=True)
    parties_met = models.ManyToManyField(
        "accounts.Party", blank=True, related_name="+", verbose_name=_("parties the user meets")
    )
    consent_participate = models.BooleanField(_("consents to take part"), default=False)
    consent_record = models.BooleanField(_("consents to be recorded"), default=False)
    notes = models.TextField(_("notes"), blank=True, validators=[no_personal_data])
    processed = models.BooleanField(_("processed"), default=False)
    analysts = models.ManyToManyField(
        "accounts.User", blank=True, related_name="+", verbose_name=_("analysts")
    )

    class Meta:
        ordering = ["association", "-held_on", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        who = (
            self.alias
            or ", ".join(str(r) for r in self.respondents.all())
            or self.get_kind_display()
        )
        return f"{self.held_on:%Y-%m-%d} {who}"

    def audit_association(self) -> Association:
        return self.association


class Quote(Audited):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("quote"), validators=[no_personal_data])

    class Meta:
        ordering = ["interview", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:60]

    def audit_association(self) -> Association:
        return self.interview.association


class Recording(Audited):
    """An audio file of an interview, outside the web root, deleted when due."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="recordings")
    path = models.CharField(_("stored file"), max_length=500)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    delete_after = models.DateTimeField(_("delete after"))
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    class Meta:
        ordering = ["interview", "uploaded_at"]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def __str__(self) -> str:
        return self.original_name

    def audit_association(self) -> Association:
        return self.interview.association


class Tag(Audited):
    """A hierarchical tag of the insight bank; an accepted theme ("röd tråd") is a tag too."""

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="insight_tags"
    )
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent tag"),
    )
    description = models.TextField(_("description"), blank=True)
    is_theme = models.BooleanField(_("theme (röd tråd)"), default=False)
    # The full name ("Arbete › Praktik"), kept on save so that naming a tag reads no parent.
    path = models.CharField(_("full name"), max_length=1000, blank=True, editable=False)

    audit_exclude = ("path",)

    class Meta:
        ordering = ["association", "name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="tag_name_once"),
        ]

    def __str__(self) -> str:
        return self.path or self.name

    def full_name(self) -> str:
        if self.parent_id is None:
            return self.name
        parent = Tag.objects.filter(pk=self.parent_id).values_list("path", "name").first()
        return f"{parent[0] or parent[1]} › {self.name}" if parent else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, and give the tag's descendants their new full names when this one changed."""
        with transaction.atomic():
            before = self.path
            self.path = self.full_name()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
            super().save(*args, **kwargs)
            if before and before != self.path:
                for child in Tag.objects.filter(parent=self):
                    child.save()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Delete; the children (their parent set to none) get their own names as full names."""
        with transaction.atomic():
            children = list(Tag.objects.filter(parent=self))
            result = super().delete(*args, **kwargs)
            for child in children:
                child.refresh_from_db()
                child.save()
            return result

    def audit_association(self) -> Association:
        return self.association


class LeadsMeeting(Audited):
    """A leads' meeting or a management meeting with the working method's fixed agenda."""

    class Kind(models.TextChoices):
        LEADS = "leads", _("Leads' meeting")
        MANAGEMENT = "management", _("Management meeting")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="leads_meetings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.LEADS)
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        "accounts.User", blank=True, related_name="+", verbose_name=_("attending leads")
    )
    guests = models.TextField(
        _("invited guests"), blank=True, help_text=_("Units without funding that were invited.")
    )
    per_assignment = models.TextField(
        _("per assignment: what we do and with whom"),
        blank=True,
        validators=[no_identity_numbers],
    )
    lessons = models.TextField(
        _("lessons and insights from the week"),
        blank=True,
        help_text=_("One per line; each becomes an insight."),
        validators=[no_identity_numbers],
    )

    class Meta:
        ordering = ["association", "-held_on"]
        verbose_name = _("leads' meeting")
        verbose_name_plural = _("leads' meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"

    def audit_association(self) -> Association:
        return self.association


class Insight(Audited):
    class Source(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        LEADS_MEETING = "leads_meeting", _("Leads' meeting")
        PROGRESS_REPORT = "progress_report", _("Progress report")
        MONITORING = "monitoring", _("Monitoring")
        OTHER = "other", _("Other")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="insights"
    )
    text = models.TextField(_("insight"), validators=[no_identity_numbers])
    noted_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    interview = models.ForeignKey(
        Interview, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights",
        verbose_name=_("interview"),
    )  # fmt: skip
    meeting = models.ForeignKey(
        LeadsMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="insights"
    )
    progress_report = models.ForeignKey(
        "assignments.ProgressReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="insights",
    )
    source_note = models.CharField(_("where it comes from"), max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="insights", verbose_name=_("tags"))
    assignments = models.ManyToManyField(
        "assignments.Assignment", blank=True, related_name="insights", verbose_name=_("assignments")
    )
    needs_groups = models.JSONField(_("needs groups"), default=list, blank=True)
    needs_situations = models.CharField(_("needs situations"), max_length=300, blank=True)
    parties = models.ManyToManyField(
        "accounts.Party", blank=True, related_name="+", verbose_name=_("parties")
    )
    evidence = models.ManyToManyField(
        Quote, blank=True, related_name="insights", verbose_name=_("evidence quotes")
    )
    search_text = models.TextField(editable=False, default="")

    audit_exclude = ("search_text",)

    class Meta:
        ordering = ["association", "-noted_on", "-id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self) -> str:
        return self.text[:80]

    def audit_association(self) -> Association:
        return self.association

    def save(self, *args: object, **kwargs: object) -> None:
        from samordna.insights.search import index_text

        self.search_text = index_text(f"{self.text} {self.needs_situations} {self.source_note}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ThemeSuggestion(Audited):
    """A cluster of insights the machine suggests as a theme; the analyst decides."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="theme_suggestions"
    )
    label = models.CharField(_("label"), max_length=120)
    terms = models.CharField(_("characteristic words"), max_length=300, blank=True)
    insights = models.ManyToManyField(Insight, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["association", "-created_at", "label"]
        verbose_name = _("theme suggestion")
        verbose_name_plural = _("theme suggestions")

    def __str__(self) -> str:
        return self.label

    def audit_association(self) -> Association:
        return self.association

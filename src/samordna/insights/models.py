"""Qualitative mapping: collaboration areas (samverkansytor) and what the interviews found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from samordna.audit.models import Audited
from samordna.core.privacy import no_identity_numbers

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
    sources = models.TextField(
        _("source interviews"), blank=True, help_text=_("Which interviews this rests on.")
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

    def previous(self) -> CollaborationArea | None:
        """The same situation and actors the year before, if it was mapped."""
        return CollaborationArea.objects.filter(
            association_id=self.association_id,
            year=self.year - 1,
            situation=self.situation,
            main_actor=self.main_actor,
            partner_actor=self.partner_actor,
        ).first()

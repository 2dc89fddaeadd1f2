"""Shared records: the registry (diarium) numbers of an association."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samordna.accounts.models import Association


class RegistrySequence(models.Model):
    """The last registry number given per association and year (``Dnr 2019/7``).

    Numbers are taken inside the caller's transaction with a row lock, so they
    are unique and without gaps; a number is never reused.
    """

    association = models.ForeignKey(
        "accounts.Association", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("registry sequence")
        verbose_name_plural = _("registry sequences")
        constraints = [
            models.UniqueConstraint(fields=["association", "year"], name="registry_year"),
        ]

    def __str__(self) -> str:
        return f"{self.association_id}: {self.year}/{self.last}"


def next_registry_number(association: Association, year: int) -> str:
    """The next ``Dnr YYYY/N`` of the association; call inside the transaction that uses it."""
    with transaction.atomic():
        RegistrySequence.objects.get_or_create(association=association, year=year)
        sequence = RegistrySequence.objects.select_for_update().get(
            association=association, year=year
        )
        sequence.last += 1
        sequence.save(update_fields=["last"])
    return f"Dnr {year}/{sequence.last}"

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference_data(sender: AppConfig, **kwargs: Any) -> None:
    """Areas, groups and FINSAM KPIs are in place after every migrate (idempotent), and then
    every association has what a new one gets (its indicator set, analysis settings, guides),
    so that an upgraded installation needs no page visit to create them."""
    from samordna.accounts.models import Association
    from samordna.accounts.onboarding import prepare
    from samordna.statistics import catalog

    catalog.load_bundled()
    for association in Association.objects.all():
        prepare(association)


class StatisticsConfig(AppConfig):
    name = "samordna.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.core.navigation import NavEntry, register

        register(
            NavEntry(
                _("Statistics"),
                "statistics:home",
                Perm.VIEW_STATISTICS,
                order=100,
                section="analysis",
            )
        )
        post_migrate.connect(_load_reference_data, sender=self)

        from samordna.accounts.onboarding import register_setup
        from samordna.statistics import catalog

        register_setup("indicator set", catalog.ensure_finsam_set)

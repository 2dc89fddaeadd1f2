from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "samordna.needs"
    label = "needs"
    verbose_name = _("Needs analysis")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.core.navigation import NavEntry, register

        register(NavEntry(_("Needs analysis"), "needs:list", Perm.VIEW_NEEDS, order=110))

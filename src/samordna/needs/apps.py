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

        register(
            NavEntry(
                _("Needs analysis"),
                "needs:list",
                Perm.VIEW_NEEDS,
                order=110,
                also=(Perm.VIEW_NEEDS_FINAL,),
                section="analysis",
            )
        )

        from samordna.accounts.onboarding import register_setup
        from samordna.needs.settings import create_defaults

        register_setup("analysis settings", create_defaults)

        from samordna.needs import board_hooks

        board_hooks.register()

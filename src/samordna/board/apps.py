from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "samordna.board"
    label = "board"
    verbose_name = _("Board")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.board import panels
        from samordna.core import dashboard
        from samordna.core.navigation import NavEntry, register

        register(
            NavEntry(_("Board"), "board:meetings", Perm.VIEW_BOARD, order=140, section="steering")
        )
        dashboard.register("upcoming_meeting", panels.upcoming_meeting)

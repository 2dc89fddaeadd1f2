from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samordna.core"
    label = "core"
    verbose_name = _("Samordna")

    def ready(self) -> None:
        from django.urls import register_converter

        from samordna.core.converters import IdConverter

        register_converter(IdConverter, "id")
        from samordna.accounts.roles import Perm
        from samordna.core import (
            checks,  # noqa: F401 - registers the system checks
            textguard,
        )
        from samordna.core.navigation import NavEntry, register

        textguard.connect()
        register(NavEntry(_("Overview"), "core:dashboard", Perm.VIEW_ASSOCIATION, order=0))

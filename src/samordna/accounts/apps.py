from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samordna.accounts"
    label = "accounts"
    verbose_name = _("Associations and people")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.core.navigation import NavEntry, register

        register(
            NavEntry(
                _("Organisation"),
                "org:party_list",
                Perm.VIEW_ORGANISATION,
                order=900,
                section="administration",
            )
        )

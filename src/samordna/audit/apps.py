from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samordna.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.audit import signals
        from samordna.core.navigation import NavEntry, register

        signals.connect()
        register(NavEntry(_("Audit trail"), "audit:event_list", Perm.VIEW_AUDIT, order=950))

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "samordna.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from samordna.accounts.roles import Perm
        from samordna.audit import appendonly, security, signals
        from samordna.core.navigation import NavEntry, register

        signals.connect()
        security.connect()
        connection_created.connect(
            appendonly.register_sqlite_function, dispatch_uid="samordna.audit.sqlite_unlock"
        )
        register(
            NavEntry(
                _("Audit trail"),
                "audit:event_list",
                Perm.VIEW_AUDIT,
                order=950,
                section="administration",
            )
        )

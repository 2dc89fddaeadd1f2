from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "samordna.jobs"
    label = "jobs"
    verbose_name = _("Jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from importlib import import_module

        from django.conf import settings

        from samordna.accounts.roles import Perm
        from samordna.core.navigation import NavEntry, register

        register(
            NavEntry(_("Jobs"), "jobs:runs", Perm.VIEW_AUDIT, order=960, section="administration")
        )
        for module in settings.JOB_MODULES:  # a deployment's own jobs register themselves
            import_module(module)

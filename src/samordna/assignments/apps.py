from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "samordna.assignments"
    label = "assignments"
    verbose_name = _("Assignments")

    def ready(self) -> None:
        from samordna.accounts.roles import Perm
        from samordna.assignments import panels, reminders
        from samordna.core import dashboard
        from samordna.core.navigation import NavEntry, register
        from samordna.jobs import registry as jobs

        jobs.register(
            jobs.Job(
                "send_reminders",
                _("Create the next meeting's progress reports and send reminders"),
                datetime.timedelta(hours=6),
                reminders.run_job,
            )
        )
        register(
            NavEntry(
                _("Assignments"),
                "assignments:list",
                Perm.VIEW_ASSIGNMENTS,
                order=130,
                also=(Perm.VIEW_ASSIGNMENTS_OWN,),
                section="steering",
            )
        )
        register(
            NavEntry(
                _("Progress reports"),
                "assignments:reports",
                Perm.VIEW_ASSIGNMENTS,
                order=132,
                also=(Perm.VIEW_ASSIGNMENTS_OWN,),
                section="steering",
            )
        )
        dashboard.register("reports_due", panels.reports_due)

        from samordna.assignments import board_hooks

        board_hooks.register()

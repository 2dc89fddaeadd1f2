from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "samordna.insights"
    label = "insights"
    verbose_name = _("Qualitative mapping")

    def ready(self) -> None:
        from samordna.accounts.onboarding import register_setup
        from samordna.accounts.roles import Perm
        from samordna.core.navigation import NavEntry, register
        from samordna.insights.services import create_default_guides, purge_recordings
        from samordna.jobs import registry as jobs

        register_setup("interview guides", create_default_guides)
        jobs.register(
            jobs.Job(
                "purge_recordings",
                _("Delete interview recordings past their deletion date"),
                datetime.timedelta(hours=1),
                purge_recordings,
            )
        )
        register(
            NavEntry(
                _("Interviews"),
                "insights:interviews",
                Perm.VIEW_INSIGHTS,
                order=115,
                section="learning",
            )
        )
        register(
            NavEntry(
                _("Insights"), "insights:bank", Perm.VIEW_INSIGHTS, order=118, section="learning"
            )
        )
        register(
            NavEntry(
                _("Leads' meetings"),
                "insights:meetings",
                Perm.VIEW_MEETINGS,
                order=125,
                section="learning",
            )
        )
        register(
            NavEntry(
                _("Collaboration areas"),
                "insights:areas",
                Perm.VIEW_INSIGHTS,
                order=120,
                section="learning",
            )
        )

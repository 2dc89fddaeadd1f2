"""Samordna's URLs. Association pages live under /f/<slug>/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from samordna.accounts import urls as accounts_urls
from samordna.assignments import urls as assignments_urls
from samordna.audit import urls as audit_urls
from samordna.board import urls as board_urls
from samordna.core import urls as core_urls
from samordna.core.access import public
from samordna.core.api import api
from samordna.insights import urls as insights_urls
from samordna.jobs import urls as jobs_urls
from samordna.needs import urls as needs_urls
from samordna.statistics import urls as statistics_urls

ASSOCIATION = "f/<slug:slug>/"

urlpatterns = [
    path("", include((core_urls.urlpatterns, "core"))),
    path("konto/", include((accounts_urls.account_urlpatterns, "accounts"))),
    path("nationellt/", include((accounts_urls.national_urlpatterns, "national"))),
    path(ASSOCIATION, include((accounts_urls.association_urlpatterns, "org"))),
    path(ASSOCIATION, include((audit_urls.association_urlpatterns, "audit"))),
    path(ASSOCIATION, include((statistics_urls.association_urlpatterns, "statistics"))),
    path(ASSOCIATION, include((needs_urls.association_urlpatterns, "needs"))),
    path(ASSOCIATION, include((insights_urls.association_urlpatterns, "insights"))),
    path(ASSOCIATION, include((board_urls.association_urlpatterns, "board"))),
    path(ASSOCIATION, include((assignments_urls.association_urlpatterns, "assignments"))),
    path(ASSOCIATION, include((jobs_urls.association_urlpatterns, "jobs"))),
    path("sprak/", public(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

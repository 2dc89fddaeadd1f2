from __future__ import annotations

from django.urls import path

from samordna.core import styleguide, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("forbund/", views.association_list, name="association_list"),
    path("f/<slug:slug>/", views.dashboard, name="dashboard"),
    path("stil/", styleguide.styleguide, name="styleguide"),
]

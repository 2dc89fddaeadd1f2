from __future__ import annotations

from django.urls import path

from samordna.jobs import views

association_urlpatterns = [
    path("jobb/", views.runs, name="runs"),
]

from __future__ import annotations

from django.urls import path

from samordna.audit import views

association_urlpatterns = [
    path("logg/", views.event_list, name="event_list"),
    path("logg/sakerhet/", views.security_list, name="security_list"),
]

from __future__ import annotations

from django.urls import path

from samordna.insights import views

association_urlpatterns = [
    path("samverkansytor/", views.areas, name="areas"),
    path("samverkansytor/ny/", views.area_create, name="area_create"),
    path("samverkansytor/<int:area_id>/", views.area_edit, name="area_edit"),
]

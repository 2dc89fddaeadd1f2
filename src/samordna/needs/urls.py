from __future__ import annotations

from django.urls import path

from samordna.needs import views

association_urlpatterns = [
    path("behovsanalys/", views.analysis_list, name="list"),
    path("behovsanalys/<int:year>/", views.analysis_detail, name="detail"),
    path("behovsanalys/<int:year>/rapport.<str:fmt>", views.download, name="download"),
    path("behovsanalys/<int:year>/berakna/", views.compute, name="compute"),
    path("behovsanalys/<int:year>/faststall/", views.finalise, name="finalise"),
    path("behovsanalys/<int:year>/flaggor/", views.flags, name="flags"),
    path("behovsanalys/<int:year>/texter/", views.texts, name="texts"),
]

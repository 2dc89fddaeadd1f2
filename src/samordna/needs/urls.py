from __future__ import annotations

from django.urls import path

from samordna.needs import flag_views, settings_views, views

association_urlpatterns = [
    path("behovsanalys/", views.analysis_list, name="list"),
    path("behovsanalys/installningar/", settings_views.settings_page, name="settings"),
    path("behovsanalys/<id:year>/", views.analysis_detail, name="detail"),
    path("behovsanalys/<id:year>/rapport.<str:fmt>", views.download, name="download"),
    path("behovsanalys/<id:year>/berakna/", views.compute, name="compute"),
    path("behovsanalys/<id:year>/faststall/", views.finalise, name="finalise"),
    path("behovsanalys/<id:year>/flaggor/", flag_views.flags, name="flags"),
    path("behovsanalys/<id:year>/texter/", views.texts, name="texts"),
]

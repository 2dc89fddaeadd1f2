from __future__ import annotations

from django.urls import path

from samordna.statistics import views

association_urlpatterns = [
    path("statistik/", views.home, name="home"),
    path("statistik/indikatorer/<str:code>/", views.indicator_detail, name="indicator_detail"),
    path("statistik/uppsattningar/<slug:set_slug>/", views.set_detail, name="set_detail"),
    path(
        "statistik/uppsattningar/<slug:set_slug>/<id:item_id>/ta-bort/",
        views.set_item_remove,
        name="set_item_remove",
    ),
    path("statistik/import/", views.import_file, name="import"),
    path("statistik/mall.xlsx", views.template, name="template"),
    path("statistik/export/", views.export, name="export"),
]

from __future__ import annotations

from django.urls import path

from samordna.assignments import views

association_urlpatterns = [
    path("uppdrag/", views.assignment_list, name="list"),
    path("uppdrag/nytt/", views.assignment_create, name="create"),
    path("uppdrag/ekonomi/", views.money, name="money"),
    path("uppdrag/uppfoljning.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("uppdrag/uppfoljning.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("uppdrag/<id:assignment_id>/", views.assignment_detail, name="detail"),
    path("uppdrag/<id:assignment_id>/andra/", views.assignment_edit, name="edit"),
    path("uppdrag/<id:assignment_id>/steg/", views.assignment_step, name="step"),
    path("uppdrag/<id:assignment_id>/kommentar/", views.assignment_comment, name="comment"),
    path("uppdrag/<id:assignment_id>/pengar/", views.assignment_funding, name="funding"),
    path("uppdrag/<id:assignment_id>/andring/", views.assignment_amend, name="amend"),
    path("uppdrag/<id:assignment_id>/slutrapport/", views.final_report, name="final_report"),
    path("avrapporteringar/", views.report_list, name="reports"),
    path("avrapporteringar/<id:report_id>/", views.report_detail, name="report"),
    path("avrapporteringar/<id:report_id>/steg/", views.report_step, name="report_step"),
]

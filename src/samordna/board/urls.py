from __future__ import annotations

from django.urls import path

from samordna.board import views

association_urlpatterns = [
    path("styrelsen/", views.meeting_list, name="meetings"),
    path("styrelsen/nytt-mote/", views.meeting_create, name="meeting_create"),
    path("styrelsen/beslut/", views.decision_list, name="decisions"),
    path("styrelsen/prioriteringar/", views.priorities, name="priorities"),
    path("styrelsen/<id:board_meeting_id>/", views.meeting_detail, name="meeting"),
    path("styrelsen/<id:board_meeting_id>/andra/", views.meeting_edit, name="meeting_edit"),
    path("styrelsen/<id:board_meeting_id>/dagordning/", views.agenda, name="agenda"),
    path("styrelsen/<id:board_meeting_id>/beslut/", views.decide, name="decide"),
    path("styrelsen/<id:board_meeting_id>/lage/", views.meeting_status, name="status"),
    path("styrelsen/<id:board_meeting_id>/protokoll/", views.minutes_edit, name="minutes"),
    path("styrelsen/<id:board_meeting_id>/kallelse.pdf", views.packet_pdf, name="packet_pdf"),
    path("styrelsen/<id:board_meeting_id>/protokoll.pdf", views.minutes_pdf, name="minutes_pdf"),
]

from __future__ import annotations

from django.urls import path

from samordna.insights import bank_views, interview_views, views

association_urlpatterns = [
    path("samverkansytor/", views.areas, name="areas"),
    path("samverkansytor/ny/", views.area_create, name="area_create"),
    path("samverkansytor/<id:area_id>/", views.area_edit, name="area_edit"),
    path("intervjuer/", interview_views.interview_list, name="interviews"),
    path("intervjuer/ny/", interview_views.interview_create, name="interview_create"),
    path(
        "intervjuer/respondenter/ny/", interview_views.respondent_create, name="respondent_create"
    ),
    path("intervjuer/guider/<id:guide_id>/", interview_views.guide_edit, name="guide_edit"),
    path("intervjuer/<id:interview_id>/", interview_views.interview_detail, name="interview"),
    path(
        "intervjuer/<id:interview_id>/andra/", interview_views.interview_edit, name="interview_edit"
    ),
    path(
        "intervjuer/<id:interview_id>/inspelningar/<id:recording_id>/",
        interview_views.recording,
        name="recording",
    ),
    path("insikter/", bank_views.insight_list, name="bank"),
    path("insikter/ny/", bank_views.insight_create, name="insight_create"),
    path("insikter/<id:insight_id>/", bank_views.insight_edit, name="insight_edit"),
    path("insikter/export.<str:fmt>", bank_views.insight_export, name="insight_export"),
    path("insikter/taggar/", bank_views.tags, name="tags"),
    path("insikter/teman/", bank_views.themes, name="themes"),
    path("traffar/", bank_views.meeting_list, name="meetings"),
    path("traffar/<id:meeting_id>/", bank_views.meeting_detail, name="meeting"),
    path("traffar/<id:meeting_id>/andra/", bank_views.meeting_edit, name="meeting_edit"),
]

from __future__ import annotations

from django.urls import path

from samordna.accounts import account_views, national_views, views

account_urlpatterns = [
    path("logga-in/", account_views.login, name="login"),
    path("logga-ut/", account_views.logout, name="logout"),
    path("losenord/", account_views.password_change, name="password_change"),
    path("losenord/klart/", account_views.password_change_done, name="password_change_done"),
    path("aterstall/", account_views.password_reset, name="password_reset"),
    path("aterstall/skickat/", account_views.password_reset_done, name="password_reset_done"),
    path(
        "aterstall/<uidb64>/<token>/",
        account_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        account_views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("inbjudningar/", account_views.invitations, name="invitations"),
    path("api-nycklar/", account_views.token_list, name="token_list"),
    path("api-nycklar/<id:token_id>/aterkalla/", account_views.token_revoke, name="token_revoke"),
]

association_urlpatterns = [
    path("parter/", views.party_list, name="party_list"),
    path("parter/ny/", views.party_create, name="party_create"),
    path("parter/<id:party_id>/", views.party_detail, name="party_detail"),
    path("parter/<id:party_id>/andra/", views.party_edit, name="party_edit"),
    path("parter/<id:party_id>/ta-bort/", views.party_delete, name="party_delete"),
    path("verksamheter/", views.unit_list, name="unit_list"),
    path("verksamheter/ny/", views.unit_create, name="unit_create"),
    path("verksamheter/<id:unit_id>/andra/", views.unit_edit, name="unit_edit"),
    path("verksamheter/<id:unit_id>/ta-bort/", views.unit_delete, name="unit_delete"),
    path("medlemmar/", views.member_list, name="member_list"),
    path("medlemmar/ny/", views.member_add, name="member_add"),
    path("medlemmar/<id:membership_id>/", views.member_edit, name="member_edit"),
    path("medlemmar/<id:membership_id>/ta-bort/", views.member_remove, name="member_remove"),
    path("roller/", views.role_table, name="role_table"),
]

national_urlpatterns = [
    path("", national_views.association_admin_list, name="association_list"),
    path("nytt-forbund/", national_views.association_new, name="association_new"),
]

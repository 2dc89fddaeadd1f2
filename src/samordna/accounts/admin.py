from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samordna.accounts.models import ApiToken, Association, Membership, Party, Unit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "title", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "title")}),
        (
            _("Access"),
            {"fields": ("is_active", "is_national_admin", "is_staff", "is_superuser", "groups")},
        ),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    """Associations are created on the national administrator's page or with
    ``samordna association create``, which pick kommuner from Kolada's list and
    set up everything an association needs; here the kommuner are read only."""

    list_display = ["name", "slug", "organisation_number", "region_code"]
    readonly_fields = ["member_municipalities", "region_code"]
    inlines = [PartyInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "party"]
    list_filter = ["party__association"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "association", "role"]
    list_filter = ["association", "role"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "key_prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["key_prefix", "key_hash"]

"""Staff tools: people and their roles, and the sign-in failures behind a lock-out
(deleting an account's failures unlocks it at once)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from mentormatch.accounts.models import SignInFailure, User


@admin.register(User)
class MentorMatchUserAdmin(UserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "auth_source",
        "is_mentee",
        "is_mentor",
        "is_coordinator",
        "is_active",
    )
    list_filter = ("auth_source", "is_coordinator", "is_mentor", "is_mentee", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Programme", {"fields": ("is_mentee", "is_mentor", "is_coordinator", "auth_source")}),
    )


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "created_at")
    search_fields = ("username", "ip_address")
    readonly_fields = ("username", "ip_address", "created_at")

    def has_add_permission(self, request: object) -> bool:
        return False

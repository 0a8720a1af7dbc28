"""Staff tools: people and their roles (with "End all sessions" and the directory id that
links an account to a directory person), and the sign-in failures behind a lock-out
(deleting an account's failures unlocks it at once)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from mentormatch.accounts.models import SignInFailure, User
from mentormatch.accounts.sessions import user_sessions_end


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
    search_fields = (*UserAdmin.search_fields, "external_id")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            "Programme",
            {"fields": ("is_mentee", "is_mentor", "is_coordinator", "auth_source", "external_id")},
        ),
    )
    actions = ["end_sessions"]

    @admin.action(description="End all sessions (sign out on every browser)")
    def end_sessions(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        for user in queryset:
            user_sessions_end(user=user, actor=actor, request=request)
        self.message_user(
            request, f"Ended the sessions of {queryset.count()} people.", messages.SUCCESS
        )


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "created_at")
    search_fields = ("username", "ip_address")
    readonly_fields = ("username", "ip_address", "created_at")

    def has_add_permission(self, request: object) -> bool:
        return False

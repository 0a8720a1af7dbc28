"""Read-only admin views: requests and mentorships change only through the services (capacity
checks, e-mail, audit), so staff can look here but act on the coordinator pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RoundPause


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MentorshipRequest)
class MentorshipRequestAdmin(ReadOnlyAdmin):
    list_display = ["round", "mentee", "mentor", "status", "created_at", "expires_at"]
    list_filter = ["status", "round"]
    search_fields = [
        "mentee__username",
        "mentee__last_name",
        "mentor__username",
        "mentor__last_name",
    ]
    exclude = ["decline_reason"]  # private: shown to permitted coordinators on the request page


@admin.register(Mentorship)
class MentorshipAdmin(ReadOnlyAdmin):
    list_display = ["round", "mentee", "mentor", "source", "status", "started_at"]
    list_filter = ["status", "source", "round"]
    search_fields = [
        "mentee__username",
        "mentee__last_name",
        "mentor__username",
        "mentor__last_name",
    ]


@admin.register(RoundPause)
class RoundPauseAdmin(ReadOnlyAdmin):
    list_display = ["round", "mentee", "created_at"]
    list_filter = ["round"]

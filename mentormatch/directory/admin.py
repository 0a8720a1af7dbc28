from __future__ import annotations

from django.contrib import admin

from mentormatch.directory.models import Profile, Publication


class PublicationInline(admin.TabularInline):
    model = Publication
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "person_id",
        "user",
        "department",
        "rank",
        "track",
        "updated_at",
        "confirmed_at",
    ]
    list_filter = ["rank", "track"]
    search_fields = ["person_id", "user__username", "user__last_name", "department", "interests"]
    readonly_fields = ["updated_at", "confirmed_at", "stale_notice_sent_at", "draft"]
    raw_id_fields = ["user"]
    inlines = [PublicationInline]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "profile"]
    search_fields = ["title", "profile__person_id"]
    raw_id_fields = ["profile"]

"""Admin for questions and responses.

Answers to confidential questions are masked unless the staff member may see them
(``can_view_confidential``); the admin never offers to edit answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mentormatch.accounts.access import can_view_confidential
from mentormatch.questionnaire.models import Answer, Question, Response

MASK = "(confidential)"


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["key", "text", "round", "audience", "kind", "matching_role", "position"]
    list_filter = ["round", "audience", "kind", "matching_role", "confidential"]
    search_fields = ["key", "text"]
    ordering = ["round", "position"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = ["question", "shown_value"]
    readonly_fields = ["question", "shown_value"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Answer")
    def shown_value(self, answer: Answer) -> str:
        request = getattr(self, "_request", None)
        if answer.question.confidential and not (
            request and can_view_confidential(request.user, answer.response.user)
        ):
            return MASK
        return repr(answer.value)

    def get_queryset(self, request: HttpRequest) -> Any:
        self._request = request
        return super().get_queryset(request).select_related("question", "response__user")


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "role", "status", "submitted_at"]
    list_filter = ["round", "role", "status"]
    search_fields = ["user__username", "user__last_name"]
    readonly_fields = ["round", "user", "role", "updated_at", "submitted_at"]
    inlines = [AnswerInline]

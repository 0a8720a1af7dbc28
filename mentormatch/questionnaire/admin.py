"""Admin for questions and responses.

Answers to confidential questions are shown only to staff who may see them
(``can_view_confidential``), and each such view of someone else's answers is written to the
audit log.  The admin never edits answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from mentormatch.accounts.access import can_view_confidential
from mentormatch.accounts.services import confidential_view_logged
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
    may_see_confidential = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="Answer")
    def shown_value(self, answer: Answer) -> str:
        if answer.question.confidential and not self.may_see_confidential:
            return MASK
        return repr(answer.value)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("question")


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["user", "round", "role", "status", "submitted_at"]
    list_filter = ["round", "role", "status"]
    search_fields = ["user__username", "user__last_name"]
    readonly_fields = ["round", "user", "role", "status", "updated_at", "submitted_at"]
    inlines = [AnswerInline]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        inlines = super().get_inline_instances(request, obj)
        allowed = obj is not None and can_view_confidential(request.user, obj.user)
        for inline in inlines:
            if isinstance(inline, AnswerInline):
                inline.may_see_confidential = allowed
        return inlines

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if (
            obj is not None
            and response.status_code == 200
            and can_view_confidential(request.user, obj.user)
            and obj.answers.filter(question__confidential=True).exists()
        ):
            confidential_view_logged(
                viewer=request.user,  # type: ignore[arg-type]
                subject=obj.user,
                what=f"questionnaire answers, round {obj.round_id}",
                request=request,
            )
        return response

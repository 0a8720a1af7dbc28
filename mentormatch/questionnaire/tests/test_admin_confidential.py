from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.urls import reverse

from mentormatch.audit.models import AuditEvent
from mentormatch.questionnaire.services import response_submit
from tests.factories import make_user


def submitted(round: Any, mentee: Any) -> Any:
    return response_submit(
        round=round,
        user=mentee,
        role="mentee",
        answers={"gender_pref": "non_binary", "goals": "Write my first grant"},
    )


def test_staff_without_permission_see_confidential_answers_masked(
    client: Any, round: Any, mentee: Any
) -> None:
    response = submitted(round, mentee)
    staff = make_user("Sam", staff=True, coordinator=True, profile=False)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_response", "view_answer"])
    )
    client.force_login(staff)
    page = client.get(reverse("admin:questionnaire_response_change", args=[response.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Write my first grant" in text
    assert "non_binary" not in text
    assert "(confidential)" in text
    assert not AuditEvent.objects.filter(action="confidential.view").exists()


def test_a_permitted_coordinator_sees_them_and_the_view_is_audited(
    client: Any, round: Any, mentee: Any
) -> None:
    response = submitted(round, mentee)
    boss = make_user("Ada", superuser=True, coordinator=True, profile=False)
    client.force_login(boss)
    page = client.get(reverse("admin:questionnaire_response_change", args=[response.pk]))
    assert "non_binary" in page.content.decode()
    event = AuditEvent.objects.get(action="confidential.view")
    assert event.actor == boss
    assert event.details["subject_id"] == mentee.pk

"""The access helpers other apps build their views on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from mentormatch.accounts.access import (
    can_view_confidential,
    coordinator_required,
    get_for_owner_or_404,
    get_owned_or_404,
)
from mentormatch.accounts.models import User
from mentormatch.accounts.services import confidential_view_logged
from mentormatch.audit.models import AuditEvent
from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.questionnaire.models import Response
from tests.scenarios import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_an_owner_gets_their_object_and_anyone_else_a_404(world: World) -> None:
    mine = get_for_owner_or_404(Response.objects, world.ana, "user", pk=world.ana_response.pk)

    assert mine == world.ana_response
    with pytest.raises(Http404):
        get_for_owner_or_404(Response.objects, world.eve, "user", pk=world.ana_response.pk)
    with pytest.raises(Http404):
        get_owned_or_404(Response, world.cora, "user", pk=world.ana_response.pk)


def test_either_side_of_a_request_may_load_it_but_nobody_else(world: World) -> None:
    for person in (world.ana, world.mo):
        assert (
            get_for_owner_or_404(
                MentorshipRequest.objects, person, ("mentee", "mentor"), pk=world.ana_request.pk
            )
            == world.ana_request
        )
    with pytest.raises(Http404):
        get_for_owner_or_404(
            MentorshipRequest.objects, world.max, ("mentee", "mentor"), pk=world.ana_request.pk
        )


def _coordinator_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("coordinators only")


def test_coordinator_pages_refuse_participants_with_a_clear_403(world: World) -> None:
    view = coordinator_required(_coordinator_page)
    factory = RequestFactory()

    request = factory.get("/x")
    request.user = world.ana
    refused = view(request)
    request = factory.get("/x")
    request.user = world.cora
    allowed = view(request)

    assert refused.status_code == 403
    assert "for the programme's coordinators" in refused.content.decode().replace("&#x27;", "'")
    assert allowed.status_code == 200


def test_coordinator_pages_send_anonymous_people_to_sign_in(client: Client) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/x")
    request.user = AnonymousUser()

    response = coordinator_required(_coordinator_page)(request)

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_confidential_answers_need_the_permission_as_well_as_the_coordinator_role(
    world: World,
) -> None:
    assert can_view_confidential(world.ana, world.ana)  # one's own
    assert not can_view_confidential(world.eve, world.ana)
    assert not can_view_confidential(world.cora, world.ana)

    world.cora.user_permissions.add(Permission.objects.get(codename="view_confidential_answers"))
    cora = User.objects.get(pk=world.cora.pk)  # permissions are cached per instance

    assert can_view_confidential(cora, world.ana)
    cora.is_coordinator = False
    assert not can_view_confidential(cora, world.ana)


def test_every_coordinator_view_of_confidential_answers_is_audited(world: World) -> None:
    confidential_view_logged(viewer=world.cora, subject=world.ana, what="questionnaire answers")
    confidential_view_logged(viewer=world.ana, subject=world.ana, what="questionnaire answers")

    events = list(AuditEvent.objects.filter(action="confidential.view"))
    assert len(events) == 1
    assert events[0].actor == world.cora
    assert events[0].object_id == str(world.ana.pk)
    assert "questionnaire answers" in events[0].summary

"""The coordinator's round pages, over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mentormatch.audit.models import AuditEvent
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.rounds.models import Participation, Round, RoundStatus
from tests.factories import join, make_round, make_user, submit
from tests.scenarios import ready_round

pytestmark = pytest.mark.django_db


def _dates(**days: int) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "opens_on": str(today + dt.timedelta(days=days.get("opens", 0))),
        "closes_on": str(today + dt.timedelta(days=days.get("closes", 30))),
    }


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Autumn mentoring",
        "description": "For new faculty",
        "departments": "Cardiology\nOncology\n",
        "shortlist_size": "3",
        "min_rank_gap": "1",
        "mode": "optimal",
        "affinity_weight": "1.0",
        **_dates(),
    }
    data.update(overrides)
    return data


def test_round_pages_send_a_signed_out_visitor_to_sign_in(client: Any) -> None:
    response = client.get("/rounds/")

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_round_pages_are_forbidden_to_people_who_are_not_coordinators(client: Any) -> None:
    round = make_round()
    client.force_login(make_user("Mentee", mentee=True))

    assert client.get("/rounds/").status_code == 403
    assert client.get(f"/rounds/{round.pk}/").status_code == 403
    assert client.post(f"/rounds/{round.pk}/close/").status_code == 403
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN


def test_a_coordinator_creates_a_round_and_lands_on_its_page(coordinator_client: Any) -> None:
    response = coordinator_client.post("/rounds/new/", _form(), follow=True)

    round = Round.objects.get()
    assert response.redirect_chain[-1][0] == f"/rounds/{round.pk}/"
    assert round.departments == ["Cardiology", "Oncology"]
    assert round.status == RoundStatus.DRAFT
    assert "Autumn mentoring" in response.content.decode()
    assert "created as a draft" in response.content.decode()
    assert coordinator_client.get("/rounds/").content.decode().count("Autumn mentoring") == 1


def test_dates_in_the_wrong_order_are_shown_next_to_the_field_and_typed_text_is_kept(
    coordinator_client: Any,
) -> None:
    response = coordinator_client.post(
        "/rounds/new/", _form(name="Keep my name", **_dates(opens=10, closes=2))
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "The closing date must be on or after the opening date." in html
    assert 'id="id_closes_on-error"' in html
    assert 'value="Keep my name"' in html
    assert not Round.objects.exists()


def test_a_coordinator_edits_a_round(coordinator_client: Any) -> None:
    round = make_round(status=RoundStatus.DRAFT)

    page = coordinator_client.get(f"/rounds/{round.pk}/edit/")
    assert f'value="{round.name}"' in page.content.decode()
    response = coordinator_client.post(
        f"/rounds/{round.pk}/edit/", _form(name="Renamed", shortlist_size="4")
    )

    assert response.status_code == 302
    round.refresh_from_db()
    assert (round.name, round.shortlist_size) == ("Renamed", 4)
    assert round.matching_settings["mode"] == "optimal"


def test_a_bad_shortlist_size_is_refused_with_a_message(coordinator_client: Any) -> None:
    round = make_round(status=RoundStatus.DRAFT)

    response = coordinator_client.post(f"/rounds/{round.pk}/edit/", _form(shortlist_size="0"))

    assert response.status_code == 200
    assert 'id="id_shortlist_size-error"' in response.content.decode()


def test_open_close_and_invite_buttons_change_the_round_and_are_audited(
    coordinator_client: Any,
) -> None:
    round = make_round(status=RoundStatus.DRAFT)
    make_user("Mia", mentee=True)

    opened = coordinator_client.post(f"/rounds/{round.pk}/open/", follow=True)
    assert "The round is open." in opened.content.decode()
    invited = coordinator_client.post(f"/rounds/{round.pk}/invite/", follow=True)
    assert "Invited 1 new mentee(s) and 0 new mentor(s)." in invited.content.decode()
    closed = coordinator_client.post(f"/rounds/{round.pk}/close/", follow=True)
    assert "The round is closed." in closed.content.decode()

    round.refresh_from_db()
    assert round.status == RoundStatus.CLOSED
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["round.open", "round.invite", "round.close"]


def test_a_refused_action_explains_why(coordinator_client: Any) -> None:
    round = make_round(status=RoundStatus.OPEN)

    response = coordinator_client.post(f"/rounds/{round.pk}/runs/start/", follow=True)

    assert "No mentee has submitted a questionnaire yet" in response.content.decode()
    assert not MatchRun.objects.exists()


def test_the_round_page_shows_the_funnel_and_who_has_answered(coordinator_client: Any) -> None:
    round, mentees, _mentors = ready_round(mentees=1, mentors=1)
    silent = make_user("Silent", mentee=True)
    join(round, silent, "mentee")

    html = coordinator_client.get(f"/rounds/{round.pk}/").content.decode()

    assert "<caption>Mentees at each stage</caption>" in html
    assert "Questionnaire done" in html
    answered, not_answered = html.split("Who has not answered yet")
    assert mentees[0].display_name in answered
    assert silent.display_name in not_answered
    assert silent.display_name not in answered


def test_a_person_is_added_by_hand_from_the_round_page(coordinator_client: Any) -> None:
    round = make_round()
    person = make_user("Hand", mentor=True)

    response = coordinator_client.post(
        f"/rounds/{round.pk}/participants/add/",
        {"person": person.email, "role": "mentor", "capacity": "2"},
    )

    assert response.status_code == 302
    participation = Participation.objects.get(user=person)
    assert (participation.role, participation.capacity) == ("mentor", 2)


def test_adding_someone_unknown_shows_the_error_next_to_the_field(coordinator_client: Any) -> None:
    round = make_round()

    response = coordinator_client.post(
        f"/rounds/{round.pk}/participants/add/", {"person": "nobody@nowhere", "role": "mentee"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "No one has that username or e-mail address." in html
    assert 'value="nobody@nowhere"' in html


def test_a_participant_is_removed_from_the_round_page(coordinator_client: Any) -> None:
    round = make_round()
    person = make_user("Leaving", mentee=True)
    participation = join(round, person, "mentee")

    coordinator_client.post(f"/rounds/{round.pk}/participants/{participation.pk}/remove/")

    participation.refresh_from_db()
    assert participation.withdrawn_at is not None


def test_a_participation_of_another_round_is_not_found(coordinator_client: Any) -> None:
    round, other = make_round(), make_round()
    participation = join(other, make_user("Elsewhere", mentee=True), "mentee")

    response = coordinator_client.post(
        f"/rounds/{round.pk}/participants/{participation.pk}/remove/"
    )

    assert response.status_code == 404


def test_running_matching_leads_to_the_run_page_with_its_results(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, mentors = ready_round(mentees=2, mentors=2)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/rounds/{round.pk}/runs/start/")
    run = MatchRun.objects.get()
    assert response["Location"] == f"/rounds/{round.pk}/runs/{run.pk}/"
    html = coordinator_client.get(response["Location"]).content.decode()

    assert 'role="status"' in html
    assert "hx-get" not in html  # finished: nothing polls
    assert "<progress" in html
    assert "Mentees matched" in html
    for person in mentees + mentors:
        assert person.display_name in html
    assert "Mentoring areas" in html
    assert "Every mentee was matched." in html
    assert "Publish these results" in html


def test_the_progress_partial_polls_while_the_run_is_under_way(coordinator_client: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    run = MatchRun.objects.create(
        round=round, status=RunStatus.RUNNING, progress=0.42, step="Building shortlists"
    )

    html = coordinator_client.get(f"/rounds/{round.pk}/runs/{run.pk}/progress/").content.decode()

    assert f'hx-get="/rounds/{round.pk}/runs/{run.pk}/progress/"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'value="42"' in html
    assert "42% done" in html
    assert "Building shortlists" in html


def test_a_failed_run_shows_its_error_and_stops_polling(coordinator_client: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    run = MatchRun.objects.create(
        round=round, status=RunStatus.FAILED, error="The engine could not use this data."
    )

    html = coordinator_client.get(f"/rounds/{round.pk}/runs/{run.pk}/progress/").content.decode()

    assert "hx-get" not in html
    assert "The engine could not use this data." in html


def test_a_run_of_another_round_is_not_found(coordinator_client: Any) -> None:
    round, other = make_round(), make_round()
    run = MatchRun.objects.create(round=other)

    assert coordinator_client.get(f"/rounds/{round.pk}/runs/{run.pk}/").status_code == 404


def test_publishing_from_the_run_page_reports_the_emails_queued(
    coordinator_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _, _ = ready_round(mentees=2, mentors=1)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(f"/rounds/{round.pk}/runs/start/")
    run = MatchRun.objects.get()

    response = coordinator_client.post(f"/rounds/{round.pk}/runs/{run.pk}/publish/", follow=True)

    html = response.content.decode()
    assert "E-mails queued to 2 mentee(s) and 1 mentor(s)." in html
    assert "published results" in html
    assert "Publish these results" not in html


def test_confidential_reasons_are_shown_only_to_coordinators_with_the_permission(
    coordinator_client: Any, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.contrib.auth.models import Permission

    round = make_round()
    mentee = make_user("Mina", mentee=True)
    join(round, mentee, "mentee")
    submit(round, mentee, "mentee", {"gender_pref": "woman"})
    mentor = make_user("Wanda", mentor=True, rank="Professor")
    join(round, mentor, "mentor", capacity=2)
    submit(round, mentor, "mentor", {"gender": "woman"})
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"/rounds/{round.pk}/runs/start/")
    run_url = response["Location"]

    assert "Gender preference" not in coordinator_client.get(run_url).content.decode()

    coordinator.user_permissions.add(Permission.objects.get(codename="view_confidential_answers"))
    assert "Gender preference" in coordinator_client.get(run_url).content.decode()
    assert AuditEvent.objects.filter(action="confidential.view", round_id=round.pk).exists()


def test_the_round_page_offers_to_publish_a_finished_run(coordinator_client: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    finished = MatchRun.objects.create(round=round, status=RunStatus.SUCCEEDED, progress=1.0)
    MatchRun.objects.create(round=round, status=RunStatus.FAILED, error="x")

    html = coordinator_client.get(f"/rounds/{round.pk}/").content.decode()

    assert html.count("/publish/") == 1
    assert f'action="/rounds/{round.pk}/runs/{finished.pk}/publish/"' in html

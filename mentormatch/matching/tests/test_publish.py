"""Publishing a run: one published run per round, e-mails (text and HTML) to every participant."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from mentormatch.audit.models import AuditEvent
from mentormatch.matching.models import MatchRun, RunStatus
from mentormatch.matching.selectors import published_shortlist
from mentormatch.matching.services import match_run_publish, match_run_start
from mentormatch.mentorships.models import MentorshipRequest
from mentormatch.mentorships.standing import round_funnel
from mentormatch.notifications.testing import SmtpServer, text_and_html
from mentormatch.rounds.exceptions import RoundError
from mentormatch.rounds.tests.factories import ready_round

pytestmark = pytest.mark.django_db


def _finished_run(round: Any, coordinator: Any, capture: Any) -> MatchRun:
    with capture(execute=True):
        run = match_run_start(round=round, actor=coordinator)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return run


def test_publishing_emails_each_mentee_their_shortlist_and_each_mentor_a_notice(
    smtp_server: SmtpServer, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, mentors = ready_round(mentees=2, mentors=2)
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        result = match_run_publish(run=run, actor=coordinator)

    assert (result.mentees_emailed, result.mentors_emailed) == (2, 2)
    assert len(smtp_server.messages) == 4
    (to_mentee,) = smtp_server.to(mentees[0].email)
    assert to_mentee["Subject"] == f'Your mentor shortlist for "{round.name}"'
    text, html = text_and_html(to_mentee)
    for suggestion in published_shortlist(round=round, mentee=mentees[0]):
        assert suggestion.mentor.display_name in text
        assert suggestion.mentor.display_name in html
    assert "Mentoring areas" in text
    assert f"/mentorships/round/{round.pk}/shortlist/" in text
    assert f'/mentorships/round/{round.pk}/shortlist/"' in html
    (to_mentor,) = smtp_server.to(mentors[0].email)
    mentor_text, mentor_html = text_and_html(to_mentor)
    assert "may now ask you to be their mentor" in mentor_text
    assert "<a href=" in mentor_html
    run.refresh_from_db()
    round.refresh_from_db()
    assert run.is_published
    assert round.results_published_at is not None
    assert AuditEvent.objects.filter(action="match_run.publish", round_id=round.pk).exists()


def test_the_results_email_has_one_click_links_to_ask_each_mentor_and_to_pause(
    smtp_server: SmtpServer, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, _mentors = ready_round(mentees=1, mentors=2)
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        match_run_publish(run=run, actor=coordinator)

    (to_mentee,) = smtp_server.to(mentees[0].email)
    text, html = text_and_html(to_mentee)
    shortlist = published_shortlist(round=round, mentee=mentees[0])
    assert shortlist
    for suggestion in shortlist:
        choose = f"/mentorships/round/{round.pk}/choose/{suggestion.pk}/"
        assert choose in text
        assert f'{choose}"' in html
        assert f"match score {suggestion.percent} out of 100" in text
        assert 0 <= suggestion.percent <= 100
    assert f"/mentorships/round/{round.pk}/pause/" in text
    assert f'/mentorships/round/{round.pk}/pause/"' in html


def test_a_suggestion_score_reads_as_a_share_of_a_perfect_pair(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, _mentees, _mentors = ready_round(mentees=1, mentors=2)
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)
    best = run.summary["max_score"]

    suggestion = run.suggestions.select_related("run").first()

    assert best > 1.0  # affinity plus the default questionnaire's weighted preferences
    assert suggestion is not None
    assert suggestion.percent == builtins.round(100 * suggestion.score / best)


def test_the_published_shortlist_is_ranked_best_first_and_empty_before_publishing(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    round, mentees, _mentors = ready_round(mentees=1, mentors=3)
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)

    assert published_shortlist(round=round, mentee=mentees[0]) == []
    match_run_publish(run=run, actor=coordinator)

    shortlist = published_shortlist(round=round, mentee=mentees[0])
    assert [s.position for s in shortlist] == [1, 2, 3]
    assert [s.score for s in shortlist] == sorted((s.score for s in shortlist), reverse=True)


def test_publishing_a_newer_run_replaces_the_old_one_and_spares_mentees_who_already_asked(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from mentormatch.notifications.models import OutboxMessage

    round, mentees, _mentors = ready_round(mentees=2, mentors=2)
    first = _finished_run(round, coordinator, django_capture_on_commit_callbacks)
    match_run_publish(run=first, actor=coordinator)
    chosen = published_shortlist(round=round, mentee=mentees[0])[0]
    MentorshipRequest.objects.create(
        round=round,
        mentee=mentees[0],
        mentor=chosen.mentor,
        suggestion=chosen,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    second = _finished_run(round, coordinator, django_capture_on_commit_callbacks)

    result = match_run_publish(run=second, actor=coordinator)

    first.refresh_from_db()
    assert not first.is_published
    assert MatchRun.objects.filter(round=round, is_published=True).get() == second
    assert result.replaced_run_id == first.pk
    assert result.mentees_kept_choice == 1
    assert result.mentees_emailed == 1
    second_round_mail = OutboxMessage.objects.filter(dedupe_key__startswith=f"run-{second.pk}-")
    assert mentees[0].email not in set(second_round_mail.values_list("to_email", flat=True))
    with pytest.raises(RoundError, match="newer run is already published"):
        match_run_publish(run=first, actor=coordinator)


def test_a_run_that_has_not_finished_cannot_be_published(coordinator: Any) -> None:
    round, _, _ = ready_round(mentees=1, mentors=1)
    run = match_run_start(round=round, actor=coordinator)  # still queued

    with pytest.raises(RoundError, match="Only a finished matching run"):
        match_run_publish(run=run, actor=coordinator)


def test_the_funnel_counts_mentees_at_each_stage(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from mentormatch.rounds.tests.factories import make_user, take_part

    round, _mentees, _mentors = ready_round(mentees=3, mentors=2)
    take_part(round, make_user("Quiet", mentee=True, profile=False), "mentee")
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)
    match_run_publish(run=run, actor=coordinator)

    assert round_funnel(round=round) == [
        ("Invited", 4),
        ("Profile complete", 3),
        ("Questionnaire done", 3),
        ("Shortlisted", 3),
        ("Requested a mentor", 0),
        ("Confirmed", 0),
    ]


def test_a_met_confidential_preference_is_never_revealed_to_the_mentee(
    smtp_server: SmtpServer, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from mentormatch.matching.models import Suggestion
    from mentormatch.rounds.tests.factories import make_round, make_user, submit, take_part

    round = make_round()
    mentee = make_user("Mina", mentee=True)
    take_part(round, mentee, "mentee")
    submit(round, mentee, "mentee", gender_pref="woman")
    mentor = make_user("Wanda", mentor=True, rank="Professor")
    take_part(round, mentor, "mentor", capacity=2)
    submit(round, mentor, "mentor", gender="woman")
    run = _finished_run(round, coordinator, django_capture_on_commit_callbacks)
    assert "Gender preference" in Suggestion.objects.get(run=run).preferences_met

    with django_capture_on_commit_callbacks(execute=True):
        match_run_publish(run=run, actor=coordinator)

    (message,) = smtp_server.to(mentee.email)
    text, html = text_and_html(message)
    assert "Mentoring areas" in text
    assert "Gender" not in text
    assert "Gender" not in html
    (shown,) = published_shortlist(round=round, mentee=mentee)
    assert "Gender preference" not in shown.visible_preferences  # type: ignore[attr-defined]
    assert "Gender preference" not in shown.preferences_met
    assert "Mentoring areas" in shown.preferences_met

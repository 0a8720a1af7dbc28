"""axe-core on every page, signed out and signed in as a mentee, a mentor and a coordinator:
no violation of WCAG 2.1 level A or AA (the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa).

The pages are those of a demo programme whose matching has run and been published, with
some requests waiting and some accepted, so that lists and tables have rows in them.  The
pages a participant or a coordinator goes through in test_participant_steps.py and
test_coordinator_round.py (home, profile, questionnaire, shortlist, choosing, requests,
rounds, matching runs, reports and the dashboard) are checked there, with their error states;
this module checks every other page.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mentormatch.mentorships.models import Mentorship, MentorshipRequest, RequestStatus
from mentormatch.rounds.models import Round
from mentormatch_dev.demo.seeding import CURRENT_ROUND_NAME, DEMO_PASSWORD, demo_seed
from tests.browser.helpers import (
    assert_accessible,
    check_page,
    mentees_choose_and_mentors_accept,
    run_matching_and_publish,
    screenshot,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_signed_out_pages_have_no_wcag_violations_and_work_by_keyboard_on_a_phone(
    new_page: Any, axe_source: str
) -> None:
    page = new_page()
    for path in ("/accounts/sign-in/", "/about/", "/about/what-is-mentoring/"):
        check_page(page, axe_source, path)
    screenshot(page, "about")
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill("nobody")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, axe_source)

    # The keyboard reaches the content first, and pages reflow on a phone.
    page.goto("/about/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # WCAG 1.4.10: nothing scrolls sideways at 320 CSS pixels.
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/about/", "/about/what-is-mentoring/", "/accounts/sign-in/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def _pages(page: Any, axe_source: str, paths: list[str]) -> None:
    for path in paths:
        check_page(page, axe_source, path)


def test_every_page_of_each_role_has_no_wcag_violations(new_page: Any, axe_source: str) -> None:
    demo_seed(seed=13, people=30)
    round_ = Round.objects.get(name=CURRENT_ROUND_NAME)
    run_matching_and_publish(round_)
    mentees_choose_and_mentors_accept(round_, accepted=4, waiting=2)
    waiting = MentorshipRequest.objects.filter(round=round_, status=RequestStatus.PENDING)[0]
    r = round_.pk

    question = round_.questions.order_by("position")[0]
    mentorship = Mentorship.objects.filter(round=round_)[0]

    # A mentee whose request is waiting for the mentor's answer.
    mentee = new_page()
    sign_in(mentee, waiting.mentee.username, DEMO_PASSWORD)
    _pages(
        mentee,
        axe_source,
        [
            reverse("mentorships:mine"),
            reverse("mentorships:shortlist", args=[r]),
            reverse("mentorships:request_detail", args=[waiting.pk]),
            reverse("mentorships:request_withdraw", args=[waiting.pk]),
            reverse("mentorships:pause", args=[r]),
            reverse("privacy:my_data"),
            reverse("privacy:my_data_erase"),
            "/about/",
        ],
    )
    mentee.goto(reverse("directory:edit"))
    mentee.get_by_label("Department", exact=False).first.fill("")
    mentee.get_by_role("button", name="Save", exact=True).click()
    assert mentee.get_by_role("alert").is_visible()
    assert_accessible(mentee, axe_source)

    mentor = new_page()
    sign_in(mentor, waiting.mentor.username, DEMO_PASSWORD)
    _pages(
        mentor,
        axe_source,
        [
            reverse("questionnaire:answer", args=[r, "mentor"]),
            reverse("mentorships:request_decline", args=[waiting.pk]),
            reverse("directory:detail", args=[waiting.mentee.profile.person_id]),
        ],
    )

    coordinator = new_page()
    sign_in(coordinator, "coordinator", DEMO_PASSWORD)
    _pages(
        coordinator,
        axe_source,
        [
            reverse("rounds:edit", args=[r]),
            reverse("questionnaire:questions", args=[r]),
            reverse("questionnaire:question_add", args=[r]),
            reverse("questionnaire:question_edit", args=[r, question.pk]),
            reverse("questionnaire:question_delete", args=[r, question.pk]),
            reverse("mentorships:mentorship_end", args=[mentorship.pk]),
            reverse("notifications:outbox"),
            reverse("mentorships:coordinate"),
            reverse("mentorships:round_overview", args=[r]),
            reverse("mentorships:unmatched", args=[r]),
            reverse("mentorships:manual_match", args=[r]),
            reverse("directory:import"),
            reverse("directory:stale"),
            reverse("audit:log"),
            reverse("home:info_create"),
            reverse("home:info_edit", args=["why-it-matters"]),
        ],
    )
    coordinator.get_by_label("Title", exact=False).fill("")
    coordinator.get_by_role("button", name="Save page").click()
    assert coordinator.get_by_role("alert").is_visible()
    assert_accessible(coordinator, axe_source)

"""A mentee's five steps in a real browser, and the mentor's answer; axe on every page.

The programme is the demo one (a few dozen synthetic faculty, a round open with the default
questions); the demo mentee has not answered yet.  Matching runs between the steps as the
coordinator would run it (lexical affinity keeps the test fast; the engine has its own tests).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from mentormatch.accounts.models import User
from mentormatch.matching.models import Suggestion
from mentormatch.mentorships.models import Mentorship, RequestStatus
from mentormatch.notifications.models import OutboxMessage
from mentormatch.questionnaire.models import Response, ResponseStatus
from mentormatch.rounds.models import Round
from mentormatch_dev.demo.seeding import CURRENT_ROUND_NAME, DEMO_PASSWORD, demo_seed
from tests.browser.helpers import (
    assert_accessible,
    run_matching_and_publish,
    screenshot,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _current_step(page: Any) -> str:
    return str(page.locator('[aria-current="step"] .step-label').inner_text())


def _answer_everything(page: Any) -> None:
    """Choose an answer to every question left blank, as a person clicking through would."""
    for group in page.locator("form fieldset").all():
        # Single choices: the last option ("No preference" in the default questions).
        for kind, pick in (("radio", -1), ("checkbox", 0)):
            boxes = group.locator(f"input[type={kind}]")
            if boxes.count() and not any(box.is_checked() for box in boxes.all()):
                boxes.nth(pick).check()
    for select in page.locator("form select").all():
        if not select.input_value():
            select.select_option(index=1)
    for number in page.locator("form input[type=number]").all():
        if not number.input_value():
            number.fill(number.get_attribute("min") or "1")


def test_a_mentee_goes_through_the_five_steps_and_a_mentor_accepts(
    new_page: Any, axe_source: str
) -> None:
    demo_seed(seed=11, people=30)
    round_ = Round.objects.get(name=CURRENT_ROUND_NAME)
    mentee = new_page()
    sign_in(mentee, "mentee", DEMO_PASSWORD)

    # 1. The profile: the home page says where the mentee stands; the profile is saved.
    assert mentee.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert _current_step(mentee) == "Answer the questionnaire"
    assert_accessible(mentee, axe_source)
    screenshot(mentee, "home")
    mentee.get_by_role("navigation", name="Main").get_by_role("link", name="My profile").click()
    assert_accessible(mentee, axe_source)
    mentee.get_by_role("link", name="Edit my profile").click()
    interests = mentee.get_by_label("Research interests", exact=False).first
    interests.fill(interests.input_value() + "\nOutcomes of heart failure clinics.")
    mentee.get_by_role("button", name="Save draft").click()
    mentee.goto("/profile/edit/")  # the draft comes back in a new visit
    assert "Outcomes of heart failure clinics." in interests.input_value()
    assert_accessible(mentee, axe_source)
    screenshot(mentee, "profile")
    mentee.get_by_role("button", name="Save", exact=True).click()
    assert "Outcomes of heart failure clinics." in mentee.content()

    # 2. The questionnaire: an incomplete submission keeps what was typed and says why.
    mentee.goto("/")
    mentee.get_by_role("link", name="Answer the questionnaire").click()
    goals = mentee.get_by_label("What do you hope to gain from mentoring?", exact=False)
    goals.fill("A plan for my first R01.")
    mentee.get_by_role("button", name="Submit", exact=True).click()
    summary = mentee.get_by_role("alert")
    assert "not submitted" in summary.inner_text()
    assert goals.input_value() == "A plan for my first R01."
    assert_accessible(mentee, axe_source)
    screenshot(mentee, "questionnaire")
    _answer_everything(mentee)
    mentee.get_by_role("button", name="Submit", exact=True).click()
    assert "your answers are submitted" in mentee.content()
    assert Response.objects.get(round=round_, user__username="mentee", role="mentee").status == (
        ResponseStatus.SUBMITTED
    )
    mentee.goto("/")
    assert _current_step(mentee) == "Read your shortlist of suggested mentors"

    # 3. The shortlist, once the coordinator has run matching and published the results.
    run_matching_and_publish(round_)
    results = OutboxMessage.objects.get(recipient__username="mentee", kind="round_results_mentee")
    links = re.findall(r"https?://\S+", results.body_text)
    assert links, "the results e-mail has no link"
    # The e-mail's link works from a signed-out browser: sign in, then the page it names.
    from_email = new_page()
    target = urlsplit(links[0]).path
    from_email.goto(target)
    assert "/accounts/sign-in/" in from_email.url
    sign_in(from_email, "mentee", DEMO_PASSWORD, open_form=False)
    assert urlsplit(from_email.url).path == target
    mentee.goto("/")
    mentee.get_by_role("link", name="See your shortlist").click()
    assert mentee.get_by_role("heading", level=1).inner_text().startswith("Your mentor shortlist")
    assert_accessible(mentee, axe_source)
    screenshot(mentee, "shortlist")

    # 4. The request: choosing takes a click and a confirmation.
    first = Suggestion.objects.filter(mentee__username="mentee", run__is_published=True).order_by(
        "position"
    )[0]
    mentor_name = first.mentor.display_name
    mentee.get_by_role("link", name=f"Choose {mentor_name}").click()
    assert_accessible(mentee, axe_source)
    mentee.get_by_role("button", name=f"Confirm: ask {mentor_name}").click()
    assert first.mentor.requests_received.get(mentee__username="mentee").status == (
        RequestStatus.PENDING
    )
    mentee.goto("/")
    assert f"Your request is with {mentor_name}" in mentee.content()

    # 5. The match: the mentor accepts from their home page.
    mentor = new_page()
    sign_in(mentor, first.mentor.username, DEMO_PASSWORD)
    assert "mentee request waiting for your answer" in mentor.content()
    assert_accessible(mentor, axe_source)
    mentor.get_by_role("link", name="Answer requests").click()
    assert_accessible(mentor, axe_source)
    mentee_name = User.objects.get(username="mentee").display_name
    mentor.get_by_role("main").get_by_role("link", name=mentee_name, exact=True).first.click()
    assert_accessible(mentor, axe_source)
    mentor.get_by_role("link", name="Accept", exact=True).click()
    assert_accessible(mentor, axe_source)
    mentor.get_by_role("button", name="Confirm: accept").click()
    assert Mentorship.objects.filter(mentee__username="mentee", mentor=first.mentor).exists()

    mentee.goto("/")
    assert f"You are matched with {mentor_name}" in mentee.content()
    assert mentee.locator('[aria-current="step"]').count() == 0
    assert_accessible(mentee, axe_source)
    mentee.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10: reflow on a phone
    for path in ("/", f"/mentorships/round/{round_.pk}/shortlist/"):
        mentee.goto(path)
        assert mentee.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path

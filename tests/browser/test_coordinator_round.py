"""A coordinator's round in a real browser: create and open a round, run matching, publish,
read the dashboard and export; axe on every page on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from mentormatch.matching.models import Suggestion
from mentormatch.mentorships.models import Mentorship
from mentormatch.rounds.models import Round, RoundStatus
from mentormatch_dev.demo.seeding import CURRENT_ROUND_NAME, DEMO_PASSWORD, demo_seed
from tests.browser.helpers import (
    assert_accessible,
    mentees_choose_and_mentors_accept,
    screenshot,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _funnel_count(page: Any, step: str) -> int:
    table = page.locator("table", has=page.locator("caption", has_text="Mentees at each step"))
    return int(
        table.locator("tr", has=page.locator(f'th:text-is("{step}")')).locator("td").inner_text()
    )


def test_a_coordinator_opens_a_round_runs_matching_and_reads_the_dashboard(
    new_page: Any, axe_source: str
) -> None:
    demo_seed(seed=12, people=30)
    demo_round = Round.objects.get(name=CURRENT_ROUND_NAME)
    # Lexical affinity keeps the browser test fast (the embedding has its own tests).
    demo_round.matching_settings = {**demo_round.matching_settings, "affinity_method": "lexical"}
    demo_round.save(update_fields=["matching_settings"])
    page = new_page()
    sign_in(page, "coordinator", DEMO_PASSWORD)
    assert_accessible(page, axe_source)

    # Create and open a new round.
    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name="Rounds").click()
    assert_accessible(page, axe_source)
    page.get_by_role("link", name="Create a round").click()
    page.get_by_role("button", name="Create the round").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, axe_source)
    today = timezone.localdate()
    page.get_by_label("Name", exact=False).first.fill("Autumn 2027")
    page.get_by_label("Opens on").fill(today.isoformat())
    page.get_by_label("Closes on").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Create the round").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Autumn 2027"
    assert_accessible(page, axe_source)
    page.get_by_role("button", name="Open the round").click()
    assert Round.objects.get(name="Autumn 2027").status == RoundStatus.OPEN

    # Run matching on the demo round (its participants have answered) and publish.
    main_nav.get_by_role("link", name="Rounds").click()
    page.get_by_role("link", name=CURRENT_ROUND_NAME).click()
    assert_accessible(page, axe_source)
    page.get_by_role("button", name="Run matching").click()
    page.get_by_role("button", name="Publish these results").click()
    assert Suggestion.objects.filter(run__round=demo_round, run__is_published=True).exists()
    assert_accessible(page, axe_source)

    # The dashboard of the round, and an export.
    mentees_choose_and_mentors_accept(demo_round, accepted=8, waiting=3)
    matched = Mentorship.objects.filter(round=demo_round).count()
    assert matched > 0
    main_nav.get_by_role("link", name="Reports").click()
    assert_accessible(page, axe_source)
    page.get_by_role("link", name=f"Open the dashboard for {CURRENT_ROUND_NAME}").click()
    shortlisted = Suggestion.objects.filter(run__round=demo_round, run__is_published=True)
    assert _funnel_count(page, "Shortlisted") == (shortlisted.values("mentee").distinct().count())
    assert _funnel_count(page, "Invited") >= _funnel_count(page, "Shortlisted") > 0
    assert _funnel_count(page, "Confirmed") == matched
    assert page.locator('svg[role="img"]').count() >= 3
    assert_accessible(page, axe_source)
    screenshot(page, "dashboard")
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10: reflow on a phone
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"the dashboard scrolls sideways by {overflow}px at 320px"
    with page.expect_download() as download:
        page.get_by_role("link", name="Participation (CSV)").click()
    assert download.value.suggested_filename == f"participation-round-{demo_round.pk}.csv"
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        assert exported.readline().startswith("Name,E-mail,Role,Department")

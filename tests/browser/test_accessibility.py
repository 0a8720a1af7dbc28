"""axe-core on every page, signed out and signed in as a mentee, a mentor and a coordinator."""

from __future__ import annotations

from typing import Any

import pytest

from mentormatch.core.tests import builders as b
from tests.browser.helpers import check_page, screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_signed_out_pages_have_no_wcag_violations(new_page: Any, axe_source: str) -> None:
    page = new_page()
    for path in ("/accounts/sign-in/", "/about/", "/about/what-is-mentoring/"):
        check_page(page, axe_source, path)
    screenshot(page, "about")


def test_a_coordinators_pages_have_no_wcag_violations(new_page: Any, axe_source: str) -> None:
    round_ = b.open_round()
    b.person("dora_e", coordinator=True, password=b.PASSWORD)
    mentors = [b.person(f"mentor_{i}", mentor=True, rank="Professor") for i in range(2)]
    mentees = [b.person(f"mentee_{i}", mentee=True) for i in range(6)]
    for mentor in mentors:
        b.join(round_, mentor, "mentor", capacity=3)
    for mentee in mentees:
        b.join(round_, mentee, "mentee")
        b.submit(round_, mentee, "mentee")
    b.published_run(round_, {m: [(mentors[0], 0.7), (mentors[1], 0.4)] for m in mentees})
    for mentee in mentees[:3]:
        b.match(round_, mentee, mentors[0])
    b.request(round_, mentees[4], mentors[1])
    page = new_page()
    sign_in(page, "dora_e", b.PASSWORD)

    for path in ("/", "/about/", "/about/why-it-matters/edit/", "/reports/"):
        check_page(page, axe_source, path)
    check_page(page, axe_source, f"/reports/rounds/{round_.pk}/")
    screenshot(page, "dashboard")

"""Absolute links in e-mails carry the site's scheme and host."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import NoReverseMatch

from mentormatch.core.links import absolute_url


def test_an_absolute_link_is_the_site_url_followed_by_the_page_path(settings: Any) -> None:
    settings.SITE_URL = "https://mentoring.example.edu"

    assert absolute_url("mentorships:mine") == "https://mentoring.example.edu/mentorships/"
    assert (
        absolute_url("mentorships:shortlist", round_id=7)
        == "https://mentoring.example.edu/mentorships/round/7/shortlist/"
    )


def test_a_link_to_a_page_that_does_not_exist_is_an_error_not_a_guess() -> None:
    with pytest.raises(NoReverseMatch):
        absolute_url("mentorships:no_such_page")

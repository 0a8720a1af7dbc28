"""In a real browser (Debian's Chromium through Playwright), the pages break no rule of the
Content Security Policy: no inline script, no inline style, nothing from elsewhere."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.factories import make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("MENTORMATCH_CHROMIUM", "/usr/bin/chromium"))
PASSWORD = "a long enough local password 7"
PAGES = [
    "/",
    "/about/",
    "/accounts/my-data/",
    "/accounts/my-data/erase/",
    "/profile/",
    "/profile/edit/",
    "/mentorships/",
    "/rounds/",
    "/rounds/new/",
    "/reports/",
    "/audit/",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _unavailable(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: this test must run in CI (see `make install`).")
    pytest.skip(f"{what} is missing (run `make install`)")


def test_no_page_breaks_the_content_security_policy(live_server: Any) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("The Python package playwright")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium ({CHROMIUM})")
    make_user(
        "Csp",
        username="csp-coordinator",
        password=PASSWORD,
        coordinator=True,
        mentee=True,
        mentor=True,
        profile=False,
    )
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless", "--disable-gpu"]
        )
        page = browser.new_page(base_url=live_server.url)
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.goto("/accounts/sign-in/")
        page.wait_for_load_state("load")
        page.get_by_label("Username", exact=True).fill("csp-coordinator")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        assert "/accounts/sign-in/" not in page.url
        for path in PAGES:
            page.goto(path)
            page.wait_for_load_state("load")
        browser.close()

    assert violations == []

"""Browser tests: Debian's Chromium driven by Playwright, axe-core checking every page.

Nothing is downloaded: the browser is the system's ``/usr/bin/chromium`` (never
``playwright install``), and axe-core comes from ``node_modules`` (``npm ci``).  When either
is missing the tests fail under CI (``CI`` set) and are skipped on a laptop.

Pages are served by pytest-django's ``live_server``; data is written by the test thread, so
the tests use a transactional database, emptied after each test: each test starts by
installing the programme's default information pages again (what migration core 0002 does).
Playwright's sync API runs an event loop in the test thread,
which Django's async-safety guard would otherwise take for async code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.browser.helpers import AXE, CHROMIUM, CHROMIUM_ARGS, ROOT


def _unavailable(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing: the browser tests must run in CI (see `make install`).")
    pytest.skip(f"{what} is missing (run `make install`)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("The Python package playwright")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium ({CHROMIUM})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        _unavailable(f"axe-core ({AXE.relative_to(ROOT)}; run `npm ci`)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def info_pages(transactional_db: None) -> None:
    from mentormatch.home.info_defaults import install_default_pages
    from mentormatch.home.models import InfoPage

    install_default_pages(InfoPage)


@pytest.fixture
def new_page(browser: Any, live_server: Any, info_pages: None) -> Iterator[Any]:
    """Opens pages in fresh browser contexts (one a signed-in person), closed after the test."""
    contexts = []

    def make() -> Any:
        # bypass_csp: axe-core is injected as an inline script, which the site's CSP forbids.
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=True,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
            timezone_id="UTC",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()

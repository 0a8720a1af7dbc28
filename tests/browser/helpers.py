"""What the browser tests do again and again: sign in, check a page with axe, screenshot it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("MENTORMATCH_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(page: Any, username: str, password: str, *, open_form: bool = True) -> None:
    """Sign in through the form (``open_form=False``: the page shown already is the form)."""
    if open_form:
        page.goto("/accounts/sign-in/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/sign-in/" not in page.url, f"sign-in failed for {username}"


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def assert_accessible(page: Any, axe_source: str) -> None:
    """No WCAG 2.1 A or AA violation on the page as it is now."""
    violations = axe_violations(page, axe_source)
    report = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [node["target"] for node in v["nodes"][:5]],
            "html": [node["html"][:200] for node in v["nodes"][:3]],
        }
        for v in violations
    ]
    assert not violations, f"axe found on {page.url}:\n{json.dumps(report, indent=2)}"


def check_page(page: Any, axe_source: str, path: str) -> None:
    """Open ``path``, check that it loaded with one h1, and check it with axe."""
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
    assert_accessible(page, axe_source)


def screenshot(page: Any, name: str) -> None:
    """Saves docs/screenshots/<name>.png when MENTORMATCH_SCREENSHOTS=1."""
    if os.environ.get("MENTORMATCH_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def run_matching_and_publish(round_: Any) -> None:
    """What the coordinator's "Run matching" and "Publish" buttons do, for tests whose subject
    is another page (lexical affinity keeps them fast; the engine has its own tests)."""
    from mentormatch.accounts.models import User
    from mentormatch.matching.models import RunStatus
    from mentormatch.matching.services import match_run_publish, match_run_start

    coordinator = User.objects.get(username="coordinator")
    round_.matching_settings = {**round_.matching_settings, "affinity_method": "lexical"}
    round_.save(update_fields=["matching_settings"])
    run = match_run_start(round=round_, actor=coordinator)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    match_run_publish(run=run, actor=coordinator)


def mentees_choose_and_mentors_accept(round_: Any, *, accepted: int, waiting: int) -> None:
    """What participants do between the coordinator's visits (their pages have their tests):
    mentees ask their first suggestion; the first ``accepted`` requests are accepted."""
    from mentormatch.matching.models import Suggestion
    from mentormatch.mentorships.services import MentorshipError, request_accept, request_create

    firsts = Suggestion.objects.filter(run__round=round_, run__is_published=True, position=1)
    done = 0
    for suggestion in firsts.select_related("mentee", "mentor").exclude(mentee__username="mentee"):
        if done >= accepted + waiting:
            break
        try:
            request = request_create(
                round=round_,
                mentee=suggestion.mentee,
                mentor=suggestion.mentor,
                suggestion=suggestion,
            )
            if done < accepted:
                request_accept(request=request, mentor=suggestion.mentor)
        except MentorshipError:  # e.g. the mentor is full already: the next mentee will do
            continue
        done += 1

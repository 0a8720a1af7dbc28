"""Every URL that names an object is tried by somebody who must not reach it.

Each URL pattern with a parameter is in exactly one table below (a new one that is not makes
``test_every_object_url_is_covered`` fail):

* ``OWNED``: someone's own object (a shortlist line, a request).  Another participant gets
  403/404 on GET and POST (405 where the method is not served at all) and changes nothing;
  the owner gets the page.
* ``SELF_SCOPED``: the URL names a round, and the page is always the visitor's own (their
  answers, their shortlist).  Another participant sees only their own: none of the owner's
  private text, and the owner's data is unchanged.
* ``SHARED``: pages meant for several people (a published research profile, an information
  page).  Nobody else sees the owner's unsaved profile draft, and a POST changes nothing.
* ``COORDINATOR_ONLY``: a participant gets 403/404 on GET and POST (405 where the method is
  not served at all) and changes nothing; a coordinator gets the page.

Every test also compares all rows before and after, so a refusal that comes after a write
is caught.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mentormatch.accounts.models import User
from mentormatch.core.personal_data import model_row as _row
from tests.scenarios import World, build_world

pytestmark = pytest.mark.django_db

Kwargs = Callable[[World], dict[str, Any]]

OWNED: dict[str, tuple[str, str, Kwargs]] = {
    # url name: (owner, intruder, kwargs)
    "mentorships:choose": (
        "ana",
        "eve",
        lambda w: {"round_id": w.round.pk, "suggestion_id": w.ana_suggestion.pk},
    ),
    "mentorships:request_detail": ("ana", "eve", lambda w: {"request_id": w.ana_request.pk}),
    "mentorships:request_accept": ("mo", "max", lambda w: {"request_id": w.ana_request.pk}),
    "mentorships:request_decline": ("mo", "max", lambda w: {"request_id": w.ana_request.pk}),
    "mentorships:request_withdraw": ("ana", "eve", lambda w: {"request_id": w.ana_request.pk}),
}
SELF_SCOPED: dict[str, tuple[str, str, Kwargs]] = {
    "mentorships:shortlist": ("ana", "eve", lambda w: {"round_id": w.round.pk}),
    "mentorships:pause": ("ana", "eve", lambda w: {"round_id": w.round.pk}),
    "mentorships:resume": ("ana", "eve", lambda w: {"round_id": w.round.pk}),
    "questionnaire:answer": ("ana", "eve", lambda w: {"round_id": w.round.pk, "role": "mentee"}),
}
SHARED: dict[str, tuple[str, str, Kwargs]] = {
    "directory:detail": ("ana", "eve", lambda w: {"person_id": "p-ana"}),
    "home:info_detail": ("cora", "eve", lambda w: {"slug": "how-it-works"}),
}
# Coordinator-only pages take their parameters from the world by name.
PARAMETERS: dict[str, Kwargs] = {
    "round_id": lambda w: {"round_id": w.round.pk},
    "run_id": lambda w: {"run_id": w.run.pk},
    "pk": lambda w: {"pk": w.confidential_question.pk},
    "participation_id": lambda w: {"participation_id": w.round.participations.get(user=w.ana).pk},
    "mentorship_id": lambda w: {"mentorship_id": w.ana_mentorship.pk},
    "fmt": lambda w: {"fmt": "csv"},
    "slug": lambda w: {"slug": "how-it-works"},
}
COORDINATOR_ONLY = {
    "home:info_edit",
    "mentorships:round_overview",
    "mentorships:unmatched",
    "mentorships:manual_match",
    "mentorships:export_csv",
    "mentorships:mentorship_end",
    "questionnaire:questions",
    "questionnaire:install_defaults",
    "questionnaire:question_add",
    "questionnaire:question_edit",
    "questionnaire:question_delete",
    "questionnaire:question_move",
    "reports:dashboard",
    "reports:export_matches",
    "reports:export_participation",
    "rounds:detail",
    "rounds:edit",
    "rounds:open",
    "rounds:close",
    "rounds:invite",
    "rounds:participant_add",
    "rounds:participant_remove",
    "matching:run_start",
    "matching:run",
    "matching:run_progress",
    "matching:run_publish",
    "matching:run_cancel",
}
# Django's admin: staff only, checked by ``test_the_admin_is_closed_to_participants``.
NOT_OURS = {"admin"}

# Plausible form data, so a POST that is let through would really change something.
POST_DATA = {
    "message": "intruder",
    "reason": "intruder",
    "decline_reason": "intruder",
    "note": "intruder",
    "confirm": "on",
    "action": "submit",
    "goals": "INTRUDER",
    "mentor-gender": "any",
}
DENIED = {403, 404}


def _patterns(
    resolvers: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            converters = (
                list(entry.pattern.converters) if hasattr(entry.pattern, "converters") else []
            )
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield name, prefix + str(entry.pattern), converters


def object_url_patterns() -> dict[str, list[str]]:
    """Every named URL with a parameter: ``{"app:name": [parameter names]}``."""
    return {
        name: params
        for name, _route, params in _patterns(get_resolver().url_patterns)
        if params and name.split(":")[0] not in NOT_OURS
    }


def _unstamped(obj: models.Model) -> dict[str, Any]:
    row = _row(obj)
    row.pop("last_login", None)  # signing in to try is not a change
    return row


def snapshot(only: list[User] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row of the programme's tables (or only the rows about ``only``)."""
    from mentormatch.privacy.services import personal_data_export as user_data_export

    if only is not None:
        result = {}
        for user in only:
            data = user_data_export(user=User.objects.get(pk=user.pk))
            data.pop("exported_at")
            data.pop("your_actions_in_the_audit_log")
            data["user"].pop("last_login")
            result[user.username] = [data]
        return result
    from django.apps import apps

    skip = {"audit.auditevent", "accounts.signinfailure", "sessions.session"}
    return {
        model._meta.label_lower: [_unstamped(o) for o in model._default_manager.order_by("pk")]
        for model in apps.get_models()
        if model._meta.label_lower not in skip
        and model._meta.app_label not in {"django_tasks_database", "admin"}
        and issubclass(model, models.Model)
    }


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_object_url_is_covered() -> None:
    covered = set(OWNED) | set(SELF_SCOPED) | set(SHARED) | COORDINATOR_ONLY
    found = object_url_patterns()

    missing = sorted(set(found) - covered)
    assert not missing, (
        f"URL patterns with an object id but no cross-account test: {missing}. Add each to "
        "a table in mentormatch/accounts/tests/test_cross_account_access.py."
    )
    unknown = sorted(
        {p for name in COORDINATOR_ONLY for p in found.get(name, [])} - set(PARAMETERS)
    )
    assert not unknown, f"coordinator-only URL parameters without a test value: {unknown}"


def test_the_tables_name_only_urls_that_exist() -> None:
    found = object_url_patterns()
    stale = sorted((set(OWNED) | set(SELF_SCOPED) | set(SHARED) | COORDINATOR_ONLY) - set(found))
    assert not stale, f"remove these names, they are no longer URL patterns: {stale}"


def _present(name: str) -> None:
    if name not in object_url_patterns():
        pytest.fail(f"{name} is not a URL pattern any more; update the tables")


@pytest.mark.parametrize("name", sorted(OWNED))
def test_another_participant_cannot_read_or_change_someone_elses_object(
    name: str, world: World
) -> None:
    _present(name)
    owner_name, intruder_name, kwargs = OWNED[name]
    url = reverse(name, kwargs=kwargs(world))
    owner, intruder = getattr(world, owner_name), getattr(world, intruder_name)
    before = snapshot()

    owner_get = as_user(owner).get(url).status_code
    intruder_get = as_user(intruder).get(url).status_code
    intruder_post = as_user(intruder).post(url, POST_DATA).status_code

    assert intruder_get in DENIED or (intruder_get == 405 and owner_get == 405), intruder_get
    assert intruder_post in DENIED | {405}, intruder_post
    assert snapshot() == before
    if owner_get == 405:
        owner_post = as_user(owner).post(url, POST_DATA).status_code
        assert owner_post not in DENIED | {405} and owner_post < 500, owner_post
    else:
        assert owner_get == 200, owner_get


@pytest.mark.parametrize("name", sorted(SELF_SCOPED))
def test_a_round_page_shows_each_participant_only_their_own(name: str, world: World) -> None:
    _present(name)
    owner_name, intruder_name, kwargs = SELF_SCOPED[name]
    url = reverse(name, kwargs=kwargs(world))
    owner, intruder = getattr(world, owner_name), getattr(world, intruder_name)
    owners_data = snapshot(only=[owner, world.mo])

    pages = [as_user(intruder).get(url), as_user(intruder).post(url, POST_DATA)]

    for page in pages:
        assert page.status_code < 500
        body = page.content.decode()
        for private in ("ANA-PRIVATE-GOALS", "Hello from ana", "Mo Tester", "ana's unsaved"):
            assert private not in body, f"{private!r} shown to {intruder_name} at {url}"
    assert snapshot(only=[owner, world.mo]) == owners_data
    owner_page = as_user(owner).get(url)
    if owner_page.status_code == 405:
        assert as_user(owner).post(url, {}).status_code < 400
    else:
        assert owner_page.status_code == 200


def test_the_owner_sees_their_own_shortlist_and_answers(world: World) -> None:
    ana = as_user(world.ana)

    shortlist = ana.get(reverse("mentorships:shortlist", kwargs={"round_id": world.round.pk}))
    answers = ana.get(
        reverse("questionnaire:answer", kwargs={"round_id": world.round.pk, "role": "mentee"})
    )

    assert "Mo Tester" in shortlist.content.decode()
    assert "ANA-PRIVATE-GOALS" in answers.content.decode()


@pytest.mark.parametrize("name", sorted(SHARED))
def test_a_shared_page_never_shows_private_drafts_and_cannot_be_changed(
    name: str, world: World
) -> None:
    _present(name)
    owner_name, intruder_name, kwargs = SHARED[name]
    url = reverse(name, kwargs=kwargs(world))
    owner, intruder = getattr(world, owner_name), getattr(world, intruder_name)
    before = snapshot()

    page = as_user(intruder).get(url)
    post = as_user(intruder).post(url, POST_DATA)

    assert page.status_code in {200, 403, 404}
    assert post.status_code in {200, 403, 404, 405}  # a read-only page may ignore a POST
    for response in (page, post):
        assert "ana's unsaved draft" not in response.content.decode()
    assert snapshot() == before
    assert as_user(owner).get(url).status_code == 200


@pytest.mark.parametrize("name", sorted(COORDINATOR_ONLY))
def test_a_participant_cannot_open_or_use_a_coordinator_page(name: str, world: World) -> None:
    _present(name)
    kwargs: dict[str, Any] = {}
    for parameter in object_url_patterns()[name]:
        kwargs.update(PARAMETERS[parameter](world))
    url = reverse(name, kwargs=kwargs)
    before = snapshot()

    coordinator_get = as_user(world.cora).get(url).status_code
    for participant in (world.ana, world.mo):
        get = as_user(participant).get(url).status_code
        post = as_user(participant).post(url, POST_DATA).status_code
        assert get in DENIED or (get == 405 and coordinator_get == 405), (participant, get)
        assert post in DENIED | {405}, (participant, post)
    assert snapshot() == before
    assert coordinator_get in {200, 405}, coordinator_get


def test_the_admin_is_closed_to_participants(world: World) -> None:
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]

    for url in urls:
        page = as_user(world.ana).get(url)
        assert page.status_code == 302, url
        assert "/admin/login/" in page["Location"]

"""/healthz: ok / not ok for everyone; the details only for staff or the configured token
(issue 9, item 6: a database error names the host and port)."""

import pytest
from django.db import DatabaseError
from django.test import Client

from mentormatch.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_stranger_sees_only_whether_the_site_is_healthy(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_stranger_is_not_told_the_database_host_when_it_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError('connection to server at "db.internal" (10.1.2.3), port 5432 failed')

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    assert "5432" not in response.content.decode()


def test_staff_see_the_database_and_task_queue_state(client: Client) -> None:
    client.force_login(User.objects.create_user("ops", is_staff=True))

    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": body["database"]["vendor"]}
    assert body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["tasks"]["backend"] == "immediate"
    assert body["tasks"]["ok"] is True


def test_a_monitor_with_the_configured_token_sees_the_details(
    client: Client, settings: object
) -> None:
    settings.MENTORMATCH_HEALTH_TOKEN = "monitor-token-1234"  # type: ignore[attr-defined]

    with_token = client.get("/healthz", headers={"X-Health-Token": "monitor-token-1234"})
    wrong_token = client.get("/healthz", headers={"X-Health-Token": "guess"})

    assert "database" in with_token.json()
    assert wrong_token.json() == {"status": "ok"}


def test_home_page_asks_a_signed_out_visitor_to_sign_in(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")

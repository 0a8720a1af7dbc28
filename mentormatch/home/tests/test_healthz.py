import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_names_the_database_and_task_queue_state(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": body["database"]["vendor"]}
    assert body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["tasks"]["backend"] == "immediate"
    assert body["tasks"]["ok"] is True


@pytest.mark.django_db
def test_home_page_asks_a_signed_out_visitor_to_sign_in(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")

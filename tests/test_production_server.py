"""The production server: gunicorn with two workers and debug off serves pages and their styles.

Started as ``make serve`` starts it (``deploy/gunicorn.conf.py``, static files collected with
hashed names and served by WhiteNoise), against the test database, which this test shares
with the server processes (so it commits what it creates).
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from django.contrib.auth.hashers import Argon2PasswordHasher

from mentormatch.notifications.testing import free_port
from tests.site_process import ROOT, database_url, manage, site_env

PASSWORD = "a long production-test password"


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


@pytest.fixture
def production_server(transactional_db: Any, tmp_path: Path) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = site_env(
        database_url(),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        MENTORMATCH_SECURE_COOKIES="false",  # plain HTTP on loopback in this test
        MENTORMATCH_STATIC_ROOT=str(tmp_path / "static"),
        MENTORMATCH_TASK_BACKEND="immediate",
        MENTORMATCH_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MENTORMATCH_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    manage(env, "collectstatic", "--noinput", "-v", "0")
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                requests.get(f"{url}/healthz", timeout=10)
                break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.3)
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()[-3000:]
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.slow
def test_gunicorn_with_two_workers_and_debug_off_signs_in_and_serves_a_page_and_its_styles(
    production_server: tuple[str, int], django_user_model: Any
) -> None:
    url, master = production_server
    user = django_user_model(username="ada", first_name="Ada", last_name="Lovelace", is_mentee=True)
    # The server checks passwords with the production hashers, not the tests' fast one.
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save()
    assert len(_children(master)) == 2

    browser = requests.Session()
    sign_in = browser.get(f"{url}/accounts/sign-in/", timeout=10)
    assert sign_in.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', sign_in.text)
    assert token is not None
    home = browser.post(
        f"{url}/accounts/sign-in/",
        data={"csrfmiddlewaretoken": token.group(1), "username": "ada", "password": PASSWORD},
        headers={"Referer": f"{url}/accounts/sign-in/"},
        timeout=10,
    )
    assert home.status_code == 200
    assert home.url == f"{url}/"
    assert "Ada Lovelace" in home.text
    assert "Traceback" not in home.text

    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+\.css)"', home.text)
    assert stylesheet is not None, "the page links no stylesheet"
    # Hashed by collectstatic's manifest, so browsers may keep it for ever.
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1)), stylesheet.group(1)
    css = browser.get(url + stylesheet.group(1), timeout=10)
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers.get("Cache-Control", "")
    assert len(css.content) > 500

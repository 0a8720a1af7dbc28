"""`manage.py check --deploy` is clean with the documented production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k9#Qz!v2Lr8@pW5xT1&mN4^bY7*cH3%jF6(dS0)aG9-eU2+iO8=rK5_lZ1~wX4",
    "DJANGO_ALLOWED_HOSTS": "mentoring.example.edu",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://mentoring.example.edu",
    "MENTORMATCH_SITE_URL": "https://mentoring.example.edu",
    "MENTORMATCH_HTTPS": "true",
}


def run_deploy_check(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MENTORMATCH_"))}
    env.update(PRODUCTION_ENV)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_settings_pass_the_deploy_checks() -> None:
    result = run_deploy_check({})

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_checks_catch_a_site_served_without_https() -> None:
    result = run_deploy_check({"MENTORMATCH_HTTPS": "false", "MENTORMATCH_SECURE_COOKIES": "false"})

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS

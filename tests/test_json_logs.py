"""``MENTORMATCH_LOG_FORMAT=json``: one JSON object a line, exceptions included."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from config.logformat import JsonFormatter
from tests.site_process import ROOT, site_env


def test_a_log_line_is_one_json_object_with_time_level_logger_message_and_exception() -> None:
    try:
        raise ValueError("the directory said no")
    except ValueError:
        record = logging.getLogger("mentormatch.accounts").makeRecord(
            "mentormatch.accounts",
            logging.ERROR,
            __file__,
            1,
            "Sign-in failed for %s",
            ("jdoe",),
            sys.exc_info(),
            extra={"request_id": "r-42"},
        )

    line = json.loads(JsonFormatter().format(record))

    assert line["level"] == "ERROR"
    assert line["logger"] == "mentormatch.accounts"
    assert line["message"] == "Sign-in failed for jdoe"
    assert line["time"].endswith("+00:00")
    assert "ValueError: the directory said no" in line["exception"]
    assert line["request_id"] == "r-42"


@pytest.mark.slow
def test_the_site_logs_json_when_told_to_and_refuses_an_unknown_format() -> None:
    code = "import logging; logging.getLogger('mentormatch.test').warning('queue %s', 'full')"

    def run(log_format: str) -> subprocess.CompletedProcess:
        env = site_env("sqlite:////tmp/unused-log-test.sqlite3", MENTORMATCH_LOG_FORMAT=log_format)
        return subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    logged = run("json")
    assert logged.returncode == 0, logged.stderr[-2000:]
    lines = [json.loads(x) for x in logged.stderr.splitlines() if x.startswith("{")]
    assert {"level": "WARNING", "message": "queue full"}.items() <= lines[-1].items()
    refused = run("xml")
    assert refused.returncode != 0
    assert "MENTORMATCH_LOG_FORMAT must be text or json" in refused.stderr

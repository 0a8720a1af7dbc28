"""The Redis task backend (django_tasks_rq) against the Redis server on this machine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from mentormatch.notifications.models import OutboxMessage, OutboxStatus
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.notifications.tasks import deliver_outbox

pytestmark = pytest.mark.django_db

# A database number and queue name of our own, emptied before and after the test.
TEST_REDIS_URL = os.environ.get("MENTORMATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
TEST_QUEUE = "mentormatch-test"


@pytest.fixture
def rq_queue(settings: Any) -> Iterator[Any]:
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {TEST_REDIS_URL}: {exc}")
        pytest.skip(f"Redis is not reachable at {TEST_REDIS_URL}")
    # django_tasks_rq looks results up through the "default" connection.
    settings.RQ_QUEUES = {name: {"URL": TEST_REDIS_URL} for name in ("default", TEST_QUEUE)}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [TEST_QUEUE]}}
    settings.TASK_BACKEND = "redis"
    settings.REDIS_URL = TEST_REDIS_URL
    client.flushdb()
    import django_rq

    yield django_rq.get_queue(TEST_QUEUE)
    client.flushdb()
    client.close()


def test_a_task_enqueued_through_redis_is_run_by_a_worker_and_its_result_is_seen(
    rq_queue: Any, invitation_context: dict[str, Any]
) -> None:
    from django_tasks_rq import Job
    from rq import SimpleWorker

    with transaction.atomic():
        outbox_enqueue(
            dedupe_key="redis-1",
            template="round_invitation",
            to_email="r@example.edu",
            context=invitation_context,
        )
    result = deliver_outbox.using(queue_name=TEST_QUEUE).enqueue()
    assert result.status == "READY"
    assert rq_queue.count >= 1

    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"sent": 1, "retry": 0, "failed": 0}
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["r@example.edu"]]


def test_healthz_reports_the_redis_queue_as_reachable(rq_queue: Any, admin_client: Any) -> None:
    response = admin_client.get("/healthz")  # the details are for staff (issue 9, item 6)

    assert response.status_code == 200
    assert response.json()["tasks"] == {"backend": "redis", "ok": True}

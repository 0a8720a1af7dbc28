"""What /healthz reports: can we reach the database, and is the task queue being worked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection


def database_state() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "vendor": connection.vendor, "error": str(exc).splitlines()[0]}
    return {"ok": True, "vendor": connection.vendor}


def task_queue_state() -> dict[str, Any]:
    backend = settings.TASK_BACKEND
    state: dict[str, Any] = {"backend": backend}
    try:
        if backend == "database":
            from django_tasks_db.models import DBTaskResult

            state["waiting"] = DBTaskResult.objects.filter(status="READY").count()
            state["ok"] = True
        elif backend == "redis":
            import redis

            client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2)
            client.ping()
            state["ok"] = True
        else:
            state["ok"] = True
    except Exception as exc:  # noqa: BLE001 - reported, never raised, by a health check
        state["ok"] = False
        state["error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return state

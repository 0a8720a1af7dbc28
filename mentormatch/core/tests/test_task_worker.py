from __future__ import annotations

from mentormatch.core.management.commands.task_worker import Backoff


def test_the_wait_between_reconnection_attempts_doubles_up_to_the_cap_and_starts_over() -> None:
    backoff = Backoff(first=1, cap=5)
    assert [backoff.next() for _ in range(5)] == [1, 2, 4, 5, 5]
    backoff.reset()
    assert backoff.next() == 1

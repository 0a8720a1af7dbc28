"""Writes for matching runs: start, execute and publish (one module each)."""

from mentormatch.matching.executing import match_run_execute
from mentormatch.matching.liveness import match_run_cancel, match_runs_mark_dead
from mentormatch.matching.publishing import PublishResult, match_run_publish
from mentormatch.matching.starting import match_run_start

__all__ = [
    "PublishResult",
    "match_run_cancel",
    "match_run_execute",
    "match_run_publish",
    "match_run_start",
    "match_runs_mark_dead",
]

"""Deprecated shim: import from ``tests.scenarios`` instead.

Kept only for a test written on another branch against the old builders (emails-work:
``mentorships/tests/test_emails.py``). Delete it once that is merged and moved over.
"""

from __future__ import annotations

from tests.scenarios import programme

__all__ = ["programme"]

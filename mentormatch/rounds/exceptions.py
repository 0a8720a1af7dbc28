"""The one error the rounds services raise: what cannot be done, in words a coordinator reads."""

from __future__ import annotations


class RoundError(Exception):
    """An action that the round's state or data does not allow (shown to the coordinator)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the form field the problem belongs to, when there is one

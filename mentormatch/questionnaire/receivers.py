"""What the questionnaire app does when lower apps announce a change (connected in apps.py)."""

from __future__ import annotations

from typing import Any

from mentormatch.questionnaire.defaults import questionnaire_install_defaults
from mentormatch.rounds.models import Round


def install_default_questions(sender: Any, round: Round, **kwargs: Any) -> None:
    """A new round starts with the default faculty questionnaire."""
    questionnaire_install_defaults(round=round)

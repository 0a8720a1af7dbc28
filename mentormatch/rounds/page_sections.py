"""Sections that higher apps add to the coordinator's round page.

The rounds app sits low in the stack, so it cannot import the apps that know how far a
round's matching has gone (runs, questionnaires, requests).  Those apps register a section
here from their ``AppConfig.ready``; the round page shows every registered section in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mentormatch.rounds.models import Round


@dataclass(frozen=True)
class RoundPageSection:
    """``template`` is rendered with the round page's context plus ``section`` = the dict
    that ``context(round, shared)`` returns.  ``shared`` is one dict per rendering of the page,
    so sections that read the same data (the participants' standings) read it once."""

    key: str
    order: int
    template: str
    context: Callable[[Round, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    context: dict[str, Any]


_SECTIONS: dict[str, RoundPageSection] = {}


def round_page_section_register(section: RoundPageSection) -> None:
    """Add (or replace, by key) a section of the round page."""
    _SECTIONS[section.key] = section


def round_page_sections(*, round: Round) -> list[RenderedSection]:
    """The registered sections for ``round``, in order, with their context computed."""
    shared: dict[str, Any] = {}
    return [
        RenderedSection(key=s.key, template=s.template, context=s.context(round, shared))
        for s in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
    ]

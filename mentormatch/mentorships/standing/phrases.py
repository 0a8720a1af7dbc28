"""The "where they stand" sentence for each stage: one wording for every page and export."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mentormatch.mentorships.standing.stages import Stage

if TYPE_CHECKING:
    from mentormatch.mentorships.standing.model import Standing


def _mentor_name(s: Standing) -> str:
    latest = s.latest_request
    return str(latest.mentor.display_name) if latest is not None else ""


def _ended_with(s: Standing) -> str:
    ended = s.ended_mentorships
    if not ended:
        return "Mentorship ended"
    other = ended[-1].mentee if s.is_mentor else ended[-1].mentor
    return f"Mentorship with {other.display_name} ended"


def _no_shortlist(s: Standing) -> str:
    if not s.results_published:
        return "No shortlist yet"
    return "On no published shortlist" if s.is_mentor else "No shortlist published for them"


def _paused(s: Standing) -> str:
    note = s.pause.note if s.pause is not None else ""
    return f"Paused ({note})" if note else "Paused"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _mentor_matched(s: Standing) -> str:
    text = f"{len(s.active_mentorships)} of {s.capacity} places taken"
    pending = len(s.pending_requests)
    return f"{text}, {_plural(pending, 'request')} waiting" if pending else text


SHARED: dict[Stage, Callable[[Any], str]] = {
    Stage.INVITED: lambda s: "Profile not complete",
    Stage.PROFILE_COMPLETE: lambda s: "Questionnaire not started",
    Stage.QUESTIONNAIRE_DRAFT: lambda s: "Questionnaire draft",
    Stage.QUESTIONNAIRE_SUBMITTED: _no_shortlist,
    Stage.ENDED: _ended_with,
}
MENTEE: dict[Stage, Callable[[Any], str]] = {
    Stage.SHORTLISTED: lambda s: "Has not chosen a mentor yet",
    Stage.PAUSED: _paused,
    Stage.WAITING: lambda s: f"Waiting for {_mentor_name(s)}",
    Stage.DECLINED: lambda s: f"Declined by {_mentor_name(s)}",
    Stage.EXPIRED: lambda s: f"Request to {_mentor_name(s)} expired",
    Stage.WITHDRAWN: lambda s: f"Request to {_mentor_name(s)} withdrawn",
    Stage.MATCHED: lambda s: f"Matched with {s.mentor.display_name}",
}
MENTOR: dict[Stage, Callable[[Any], str]] = {
    Stage.SHORTLISTED: lambda s: "On mentees' shortlists, no request waiting",
    Stage.WAITING: lambda s: f"{_plural(len(s.pending_requests), 'request')} waiting",
    Stage.MATCHED: _mentor_matched,
}


def where(s: Standing) -> str:
    own = MENTOR if s.is_mentor else MENTEE
    phrase = own.get(s.stage) or SHARED[s.stage]
    return phrase(s)

"""The matching app's e-mails: the published results, to each mentee and to each mentor.

One typed function per kind (``templates/emails/round_results_mentee.*`` and
``round_results_mentor.*``): it builds the context, the links and the dedupe key, and queues
the message in the outbox.  The links point at the mentorships pages (one layer up): the URL
names are the contract, so this module imports nothing from that app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mentormatch.core.links import absolute_url
from mentormatch.matching.models import MatchRun
from mentormatch.matching.selectors import SuggestionView
from mentormatch.notifications.models import OutboxMessage
from mentormatch.notifications.services import outbox_enqueue
from mentormatch.rounds.models import Round

TOPICS_IN_EMAIL = 5


@dataclass(frozen=True)
class ResultLine:
    """One mentor on the mentee's results e-mail."""

    position: int
    mentor_name: str
    percent: int
    topics: tuple[str, ...]
    preferences_met: tuple[str, ...]
    choose_link: str  # one click (behind sign-in) to the page that confirms this choice


def _line(view: SuggestionView, round: Round) -> ResultLine:
    return ResultLine(
        position=view.position,
        mentor_name=view.mentor.display_name,
        percent=view.percent,
        topics=view.shared_topics[:TOPICS_IN_EMAIL],
        preferences_met=view.preferences_met,
        choose_link=absolute_url("mentorships:choose", round_id=round.pk, suggestion_id=view.pk),
    )


def send_results_to_mentee(
    *, run: MatchRun, round: Round, mentee: Any, shortlist: Sequence[SuggestionView]
) -> OutboxMessage | None:
    """The mentee's shortlist, with a link to ask each mentor and one to pause the round.

    ``shortlist`` is what the mentee may see (``selectors.suggestion_views``); empty, the
    e-mail says no mentor was found.  Once per run and mentee; None when nothing was queued.
    """
    if not mentee.email:
        return None
    return outbox_enqueue(
        dedupe_key=f"run-{run.pk}-results-mentee-{mentee.pk}",
        template="round_results_mentee",
        to_email=mentee.email,
        recipient=mentee,
        context={
            "user": mentee,
            "round": round,
            "shortlist": [_line(view, round) for view in shortlist],
            "link": absolute_url("mentorships:shortlist", round_id=round.pk),
            "pause_link": absolute_url("mentorships:pause", round_id=round.pk),
        },
    )


def send_results_to_mentor(
    *, run: MatchRun, round: Round, mentor: Any, suggested_count: int
) -> OutboxMessage | None:
    """Tell a mentor on how many shortlists they are, and where requests arrive."""
    if not mentor.email:
        return None
    return outbox_enqueue(
        dedupe_key=f"run-{run.pk}-results-mentor-{mentor.pk}",
        template="round_results_mentor",
        to_email=mentor.email,
        recipient=mentor,
        context={
            "user": mentor,
            "round": round,
            "suggested_count": suggested_count,
            "link": absolute_url("mentorships:incoming"),
        },
    )

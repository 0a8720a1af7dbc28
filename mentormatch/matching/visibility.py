"""What a viewer may see of a suggestion: the one rule, used by every way a suggestion leaves.

A suggestion records *why* the engine paired two people: ``parts`` (each weighted criterion's
share of the score, keyed by the mentee question's key) and ``preferences_met`` (the labels of
the mentee's preferences the mentor meets).  Where a criterion rests on a confidential answer
(a mentee's "Gender preference" compared with the mentor's confidential "Gender"), its part and
its label tell the reader the mentor's confidential answer.  So, unless the viewer may see
confidential answers (coordinators with ``view_confidential_answers``):

- the labels of such criteria are left out of the preferences met;
- the breakdown into parts is withheld as a whole.  Parts add up to the score, so keeping the
  other parts (and the score, which every page shows) would give the hidden one by subtraction.

Every page, e-mail, export and download that shows a suggestion reads it through
:func:`suggestion_visibility` (usually via ``selectors.SuggestionView``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentormatch.matching.models import Suggestion
from mentormatch.questionnaire.models import Question
from mentormatch.rounds.models import Round


@dataclass(frozen=True)
class Visibility:
    """The criteria of a round a viewer may not see (empty: the viewer sees everything)."""

    hidden_keys: frozenset[str] = frozenset()
    hidden_labels: frozenset[str] = frozenset()

    @property
    def hides_anything(self) -> bool:
        return bool(self.hidden_keys or self.hidden_labels)

    def preferences(self, suggestion: Suggestion) -> tuple[str, ...]:
        """The suggestion's preferences met that the viewer may read, as labels."""
        labels = (label_of(item) for item in suggestion.preferences_met or [])
        return tuple(label for label in labels if label and label not in self.hidden_labels)

    def parts(self, suggestion: Suggestion) -> dict[str, float]:
        """The score's breakdown, or {} when any part of it rests on a confidential answer."""
        parts = dict(suggestion.parts or {})
        if self.hidden_keys & parts.keys():
            return {}
        return parts


EVERYTHING = Visibility()


def label_of(item: Any) -> str:
    """The text of one stored reason: a label string, or an older dict/list form."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("label", "text", "name", "question", "key"):
            if item.get(key):
                return str(item[key])
        return ""
    if isinstance(item, list | tuple) and item:
        return str(item[0])
    return str(item)


def confidential_criteria(questions: Iterable[Question]) -> Visibility:
    """The criteria resting on a confidential answer: a confidential question, or a question
    paired with a confidential one (the mentee's preference compared with the mentor's answer).
    Both the key and the label are hidden (the engine labels a criterion ``label or key``)."""
    questions = list(questions)
    by_key = {q.key: q for q in questions}
    keys: set[str] = set()
    labels: set[str] = set()
    for q in questions:
        paired = by_key.get(q.paired_key) if q.paired_key else None
        if q.confidential or (paired is not None and paired.confidential):
            keys.add(q.key)
            labels.update({q.label or q.text, q.key})
    return Visibility(hidden_keys=frozenset(keys), hidden_labels=frozenset(labels))


def suggestion_visibility(*, round: Round | int, may_see_confidential: bool) -> Visibility:
    """What a viewer may see of the suggestions of ``round``.

    ``may_see_confidential`` is ``accounts.access.can_view_confidential(viewer)`` for a
    coordinator; False for everyone else (mentees, mentors, the personal-data download).
    """
    if may_see_confidential:
        return EVERYTHING
    round_id = round if isinstance(round, int) else round.pk
    return confidential_criteria(Question.objects.filter(round_id=round_id))

"""Word lists for the demo faculty: research vocabulary per field, and generic names.

Each field lists its own topics, methods, populations and outcomes, so that people generated in
the same department share words (which is what the matching engine's affinity looks for) while
a few cross-disciplinary topics (``CROSS_TOPICS``, which anyone may work on besides their own
field's topics) connect people across departments; ``COMMON_METHODS`` are methods any field
uses.  Names are common first and last names combined at random: no generated person is a
real person.

The lists themselves are data, kept in ``vocabulary.json`` next to this module and read once
at import.  Their order matters: the generator draws from them with a seeded
``random.Random``, so reordering an entry changes the demo data a seed gives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True)
class Field:
    """The research vocabulary of one department."""

    department: str
    topics: tuple[str, ...]
    methods: tuple[str, ...]
    populations: tuple[str, ...]
    outcomes: tuple[str, ...]


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    """One list of the data file as a tuple, refusing an empty list or a non-string entry."""
    words = data[key]
    if not words or not all(isinstance(word, str) and word for word in words):
        raise ValueError(f"{DATA_FILE.name}: {key!r} must be a non-empty list of strings")
    return tuple(words)


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


_DATA = _load(DATA_FILE)

FIELDS: tuple[Field, ...] = tuple(
    Field(
        department=field["department"],
        topics=_words(field, "topics"),
        methods=_words(field, "methods"),
        populations=_words(field, "populations"),
        outcomes=_words(field, "outcomes"),
    )
    for field in _DATA["fields"]
)
CROSS_TOPICS: tuple[str, ...] = _words(_DATA, "cross_topics")
COMMON_METHODS: tuple[str, ...] = _words(_DATA, "common_methods")
FIRST_NAMES: tuple[str, ...] = _words(_DATA, "first_names")
LAST_NAMES: tuple[str, ...] = _words(_DATA, "last_names")

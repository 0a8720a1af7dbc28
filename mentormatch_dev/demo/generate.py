"""Synthetic faculty for demos and tests: person records built from each field's vocabulary.

Everything here is a pure function of its arguments: the same ``seed`` always gives the same
people (one ``random.Random(seed)``, never the global generator).  Records follow the JSON
Lines person-record format read by ``mentormatch_engine.records`` and the directory importer,
with two extra keys the demo seeding uses and the engine ignores or accepts: ``roles``
(``"mentee"`` and/or ``"mentor"``) and ``capacity`` (mentees a mentor takes, 1-3).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mentormatch_dev.demo.vocabulary import (
    COMMON_METHODS,
    CROSS_TOPICS,
    FIELDS,
    FIRST_NAMES,
    LAST_NAMES,
    Field,
)

DEMO_EMAIL_DOMAIN = "demo.example.edu"

RANKS: tuple[tuple[str, float], ...] = (
    ("Instructor", 0.14),
    ("Assistant Professor", 0.36),
    ("Associate Professor", 0.26),
    ("Professor", 0.24),
)
TRACKS: tuple[tuple[str, float], ...] = (
    ("research", 0.34),
    ("clinical", 0.30),
    ("clinical_investigator", 0.26),
    ("teaching", 0.10),
)
# First year of publication by rank: seniors have published for longer.
FIRST_YEAR = {
    "Instructor": 2021,
    "Assistant Professor": 2016,
    "Associate Professor": 2009,
    "Professor": 1999,
}
PUBLICATION_COUNT = {
    "Instructor": (1, 3),
    "Assistant Professor": (2, 5),
    "Associate Professor": (4, 8),
    "Professor": (6, 10),
}
LAST_YEAR = 2026

Person = dict[str, Any]


def _cap(text: str) -> str:
    """Capitalise the first letter only, keeping acronyms such as HIV or GLP-1."""
    return text[:1].upper() + text[1:]


def _weighted(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    values = [value for value, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(values, weights=weights, k=1)[0]


def _roles(rng: random.Random, rank: str) -> list[str]:
    if rank in ("Instructor", "Assistant Professor"):
        return ["mentee"]
    if rank == "Professor":
        return ["mentor"]
    draw = rng.random()
    if draw < 0.55:
        return ["mentor"]
    if draw < 0.85:
        return ["mentee", "mentor"]
    return ["mentee"]


def _interests(rng: random.Random, topics: Sequence[str], pick: dict[str, str]) -> str:
    t0, t1, t2 = topics[0], topics[1], topics[2]
    openers = (
        f"I study {t0} and {t1} in {pick['population']}, with a particular interest in "
        f"{pick['outcome']}.",
        f"My research examines how {t0} shapes {pick['outcome']} among {pick['population']}.",
        f"My group works on {t0}, using {pick['method']} to understand {t1}.",
    )
    middles = (
        f"Current projects address {t1} and {t2}.",
        f"We use {pick['method']} and {pick['common']} designs.",
        f"I am building a programme on {t2} and its effect on {pick['outcome']}.",
    )
    parts = [rng.choice(openers), rng.choice(middles)]
    if pick.get("cross"):
        parts.append(
            rng.choice(
                (
                    f"I also collaborate across departments on {pick['cross']}.",
                    f"A growing part of my work applies {pick['cross']} to {t0}.",
                )
            )
        )
    return " ".join(parts)


def _title(rng: random.Random, field: Field, topics: Sequence[str], cross: str) -> str:
    topic = rng.choice(topics)
    method = rng.choice(field.methods)
    common = rng.choice(COMMON_METHODS)
    population = rng.choice(field.populations)
    outcome = rng.choice(field.outcomes)
    templates = [
        f"{_cap(topic)} in {population}: a {common}",
        f"Association of {topic} with {outcome} among {population}",
        f"{_cap(outcome)} and {topic}: results from a {common}",
        f"Using {method} to study {topic}",
        f"{_cap(method)} for {topic}: a pilot study",
        f"Trends in {topic} among {population}",
        f"Predictors of {outcome} in {population}",
    ]
    if cross:
        templates.append(f"{_cap(cross)} and {topic}: lessons from {population}")
    return rng.choice(templates)


def _abstract(rng: random.Random, field: Field, topics: Sequence[str]) -> str:
    topic, other = rng.sample(list(topics), 2)
    population = rng.choice(field.populations)
    outcome = rng.choice(field.outcomes)
    method = rng.choice(field.methods)
    common = rng.choice(COMMON_METHODS)
    if "review" in common:
        sample = f"{rng.randrange(8, 60)} studies"
    elif "qualitative" in common:
        sample = f"{rng.randrange(12, 40)} participants"
    else:
        sample = f"{rng.randrange(40, 4000)} participants"
    return " ".join(
        (
            f"{_cap(topic)} is an important determinant of {outcome} in {population}.",
            f"We conducted a {common} of {sample} using {method}.",
            rng.choice(
                (
                    f"{_cap(outcome)} differed across groups, and {other} was an independent "
                    "predictor.",
                    f"Findings link {other} with {outcome} after adjustment for confounders.",
                    f"The approach was feasible and acceptable, and {outcome} improved.",
                )
            ),
            f"These results inform future work on {topic}.",
        )
    )


def make_person(
    rng: random.Random,
    *,
    pid: str,
    name: str,
    email: str,
    field: Field,
    rank: str,
    track: str,
    roles: list[str],
    topics: Sequence[str] | None = None,
    cross: str | None = None,
) -> Person:
    """One person record in ``field``; ``topics`` (at least three) fixes their main topics."""
    chosen = list(topics) if topics is not None else rng.sample(field.topics, 3)
    if cross is None:
        cross = rng.choice(CROSS_TOPICS) if rng.random() < 0.35 else ""
    pick = {
        "method": rng.choice(field.methods),
        "common": rng.choice(COMMON_METHODS),
        "population": rng.choice(field.populations),
        "outcome": rng.choice(field.outcomes),
        "cross": cross,
    }
    keywords = [*chosen, pick["method"]]
    if cross:
        keywords.append(cross)
    low, high = PUBLICATION_COUNT[rank]
    titles: list[str] = []
    for _ in range(rng.randint(low, high)):
        title = _title(rng, field, chosen, cross)
        if title not in titles:
            titles.append(title)
    dated = [(rng.randint(FIRST_YEAR[rank], LAST_YEAR), title) for title in titles]
    dated.sort(key=lambda pair: (-pair[0], pair[1]))
    publications = [
        {"title": title, "abstract": _abstract(rng, field, chosen), "year": year}
        for year, title in dated
    ]
    return {
        "id": pid,
        "name": name,
        "email": email,
        "department": field.department,
        "rank": rank,
        "track": track,
        "interests": _interests(rng, chosen, pick),
        "keywords": keywords,
        "publications": publications,
        "roles": roles,
        "capacity": rng.randint(1, 3) if "mentor" in roles else 0,
    }


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (first, last) pairs; a middle initial once plain pairs run low."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    plain = len(FIRST_NAMES) * len(LAST_NAMES)
    while len(out) < count:
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        if len(seen) >= plain // 2:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
        if (first, last) not in seen:
            seen.add((first, last))
            out.append((first, last))
    return out


def _email(first: str, last: str) -> str:
    local = ".".join(part.strip(".").lower() for part in (*first.split(), last))
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


def generate_people(*, seed: int, count: int) -> list[Person]:
    """``count`` synthetic faculty spread over every field (each field gets at least one
    person once ``count`` allows), deterministic for ``seed``.

    A person's ``id`` (also their username) comes from their unique name, so the same person
    has the same id whatever the seed or count that produced them.
    """
    if count < 0:
        raise ValueError(f"count must be zero or more, not {count}")
    if count > 20_000:
        raise ValueError(f"count must be at most 20000, not {count}")
    rng = random.Random(seed)
    field_weights = [rng.uniform(0.6, 1.4) for _ in FIELDS]
    extra = max(0, count - len(FIELDS))
    fields = list(FIELDS[:count]) + rng.choices(FIELDS, weights=field_weights, k=extra)
    rng.shuffle(fields)
    people = []
    for (first, last), field in zip(_names(rng, count), fields, strict=True):
        email = _email(first, last)
        rank = _weighted(rng, RANKS)
        track = _weighted(rng, TRACKS)
        if field.department == "Medical Education" and rng.random() < 0.7:
            track = "teaching"  # educators mostly
        people.append(
            make_person(
                rng,
                pid=email.split("@", 1)[0],
                name=f"{first} {last}",
                email=email,
                field=field,
                rank=rank,
                track=track,
                roles=_roles(rng, rank),
            )
        )
    return people


def to_jsonl(people: Iterable[Person]) -> str:
    """JSON Lines text: one person record a line."""
    return "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in people)


def write_jsonl(people: Sequence[Person], path: str | Path) -> int:
    """Write the records as UTF-8 JSON Lines; return the number of lines written."""
    Path(path).write_text(to_jsonl(people), encoding="utf-8")
    return len(people)

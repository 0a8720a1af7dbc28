from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentormatch_engine import Criterion, MatchConfig, Participant, match
from mentormatch_engine.tests.conftest import FakeEmbedder, person

TOPICS = ["heart failure", "psoriasis", "machine learning", "dialysis", "dementia"]


def round_of(seed: int, n: int, m: int) -> tuple[list[Participant], list[Participant]]:
    rng = np.random.default_rng(seed)
    ranks = ["Instructor", "Assistant Professor", "Associate Professor", "Professor", ""]
    depts = ["Medicine", "Surgery", ""]
    mentees = [
        person(
            f"e{i}",
            interests=str(rng.choice(TOPICS)),
            rank=str(rng.choice(ranks[:3])),
            department=str(rng.choice(depts)),
            answers={
                "areas": list(
                    rng.choice(
                        ["grants", "teaching", "career"],
                        size=int(rng.integers(0, 3)),
                        replace=False,
                    )
                ),
                "dept": str(rng.choice(["same_required", "other_preferred", "no_preference"])),
                "mode": str(rng.choice(["online", "in person", "no_preference"])),
            },
            excluded=frozenset({f"r{int(rng.integers(m))}"}),
        )
        for i in range(n)
    ]
    mentors = [
        person(
            f"r{j}",
            interests=str(rng.choice(TOPICS)),
            rank=str(rng.choice(ranks[1:])),
            department=str(rng.choice(depts)),
            capacity=int(rng.integers(0, 4)),
            answers={
                "areas_offered": ["grants", "career"][: int(rng.integers(0, 3))],
                "mode": str(rng.choice(["online", "in person", "no_preference"])),
            },
        )
        for j in range(m)
    ]
    return mentees, mentors


CONFIG = MatchConfig(
    criteria=(
        Criterion("areas", "overlap", "areas", "areas_offered", weight=0.5, label="Areas"),
        Criterion("dept", "department", "dept", weight=0.3, label="Department"),
        Criterion("mode", "same", "mode", "mode", role="hard", label="Meeting mode"),
    ),
    min_rank_gap=1,
    affinity_method="lexical",
)


def allowed(e: Participant, r: Participant, cfg: MatchConfig) -> bool:
    if r.record.id in e.excluded or e.record.id in r.excluded or r.capacity == 0:
        return False
    order = [x.casefold() for x in cfg.rank_order]
    a, b = e.record.rank.casefold(), r.record.rank.casefold()
    if a in order and b in order and order.index(b) - order.index(a) < cfg.min_rank_gap:
        return False
    mode = e.answers.get("mode")
    offered = r.answers.get("mode")
    if mode not in (None, "no_preference") and offered not in (mode, "no_preference"):
        return False
    d1, d2 = e.record.department, r.record.department
    return not (e.answers.get("dept") == "same_required" and d1 and d2 and d1 != d2)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["optimal", "fair", "stable"]))
def test_rules_hold_in_every_mode(seed: int, mode: str) -> None:
    mentees, mentors = round_of(seed, 12, 5)
    cfg = MatchConfig(**{**CONFIG.__dict__, "mode": mode})
    res = match(mentees, mentors, cfg)
    by_id = {p.record.id: p for p in mentors}
    count: dict[str, int] = {}
    for e in mentees:
        r = res.assignment[e.record.id]
        if r is not None:
            assert allowed(e, by_id[r], cfg)
            count[r] = count.get(r, 0) + 1
    for rid, c in count.items():
        assert c <= by_id[rid].capacity
    assert res.certificate.matched == sum(v is not None for v in res.assignment.values())
    if mode == "optimal":
        assert res.certificate.gap <= 1e-3
    if mode == "stable":
        assert res.blocking_pairs == ()


def test_scores_are_documented_sum_of_parts_and_shortlists() -> None:
    mentees, mentors = round_of(3, 10, 6)
    res = match(mentees, mentors, CONFIG)
    for e in mentees:
        entries = res.shortlists[e.record.id]
        assert len(entries) <= CONFIG.shortlist_size
        assert [x.rank for x in entries] == list(range(1, len(entries) + 1))
        assigned = res.assignment[e.record.id]
        if assigned is not None:
            assert entries[0].assigned and entries[0].mentor_id == assigned
            assert sum(x.assigned for x in entries) == 1
        for x in entries:
            assert x.score == pytest.approx(sum(x.parts.values()), abs=1e-5)
            assert set(x.parts) == {"affinity", "areas", "dept"}
        rest = [x.score for x in entries if not x.assigned]
        assert rest == sorted(rest, reverse=True)


def test_deterministic_for_same_input_and_seed() -> None:
    mentees, mentors = round_of(5, 20, 8)
    a = match(mentees, mentors, CONFIG)
    b = match(mentees, mentors, CONFIG)
    assert a.assignment == b.assignment and a.shortlists == b.shortlists
    assert a.certificate == b.certificate


def test_cardiology_mentee_gets_cardiologist_and_reasons() -> None:
    mentees = [
        person("e1", interests="heart failure and atrial fibrillation"),
        person("e2", interests="psoriasis, eczema"),
    ]
    mentors = [
        person("derm", interests="dermatology: psoriasis and eczema"),
        person("cardio", interests="cardiology, heart failure clinics"),
    ]
    res = match(mentees, mentors, MatchConfig(affinity_method="lexical"))
    assert res.assignment == {"e1": "cardio", "e2": "derm"}
    top = res.shortlists["e1"][0]
    assert top.assigned and "heart failure" in [t.term for t in top.shared_topics]


def test_capacity_shortage_leaves_mentees_unmatched_with_shortlists() -> None:
    mentees = [person(f"e{i}", interests="dialysis") for i in range(3)]
    mentors = [
        person("r", interests="dialysis", capacity=1),
        person("z", interests="dialysis", capacity=0),
    ]
    res = match(mentees, mentors, MatchConfig(affinity_method="lexical"))
    assert sum(v is not None for v in res.assignment.values()) == 1
    unmatched = [k for k, v in res.assignment.items() if v is None]
    assert all(res.shortlists[k] == () for k in unmatched)  # nobody has room left


def test_embedding_seam_and_cache(tmp_path: object) -> None:
    mentees, mentors = round_of(1, 6, 3)
    fake = FakeEmbedder()
    res = match(
        mentees,
        mentors,
        MatchConfig(affinity_method="blend"),
        embedder=fake,
        cache_dir=str(tmp_path),
    )
    assert res.summary["affinity_method"] == "blend"
    fake2 = FakeEmbedder()
    match(
        mentees,
        mentors,
        MatchConfig(affinity_method="blend"),
        embedder=fake2,
        cache_dir=str(tmp_path),
    )
    assert fake2.calls == []


@pytest.mark.parametrize("full_bound", [False, True])
def test_sparse_candidates_report_a_valid_gap(full_bound: bool) -> None:
    mentees, mentors = round_of(7, 60, 20)
    full = match(mentees, mentors, CONFIG)
    cfg = MatchConfig(**{**CONFIG.__dict__, "candidates_per_mentee": 3, "full_bound": full_bound})
    sparse = match(mentees, mentors, cfg)
    assert sparse.summary["candidates_per_mentee"] == 3
    assert sparse.certificate.upper_bound >= full.certificate.objective - 1e-9
    assert sparse.certificate.objective <= full.certificate.objective + 1e-9
    # shortlists still list mentors with room beyond the 3 candidates when needed
    for entries in sparse.shortlists.values():
        assert len({e.mentor_id for e in entries}) == len(entries)
        for e in entries:
            assert e.score == pytest.approx(sum(e.parts.values()), abs=1e-5)


def test_progress_is_reported() -> None:
    mentees, mentors = round_of(2, 5, 3)
    seen: list[tuple[str, float]] = []
    match(mentees, mentors, CONFIG, progress=lambda s, f: seen.append((s, f)))
    steps = {s for s, _ in seen}
    assert {"candidates", "assignment", "shortlists"} <= steps
    assert all(0.0 <= f <= 1.0 for _, f in seen)


@pytest.mark.parametrize(
    ("cfg", "problem"),
    [
        (MatchConfig(mode="best"), "unknown mode"),  # type: ignore[arg-type]
        (MatchConfig(affinity_weight=float("nan")), "affinity_weight"),
        (MatchConfig(shortlist_size=-1), "shortlist_size"),
        (
            MatchConfig(criteria=(Criterion("a", "overlap", "q"), Criterion("a", "same", "q"))),
            "unique",
        ),
        (MatchConfig(criteria=(Criterion("a", "overlap", "q", weight=-1),)), "weight"),
    ],
)
def test_config_validation(cfg: MatchConfig, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        match([person("e")], [person("r")], cfg)


def test_duplicate_ids_and_negative_capacity_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate mentee id"):
        match([person("e"), person("e")], [person("r")], MatchConfig(affinity_method="lexical"))
    with pytest.raises(ValueError, match="negative capacity"):
        match([person("e")], [person("r", capacity=-2)], MatchConfig())


def test_empty_round() -> None:
    res = match([], [person("r")], MatchConfig(affinity_method="lexical"))
    assert res.assignment == {} and res.certificate.matched == 0
    res = match([person("e")], [], MatchConfig(affinity_method="lexical"))
    assert res.assignment == {"e": None}


def test_a_person_who_is_both_mentee_and_mentor_is_never_matched_with_themself() -> None:
    both = person("pat", interests="cardiac imaging heart failure", rank="Associate Professor")
    other = person("ola", interests="cardiac imaging heart failure", rank="Professor")
    junior = person("jo", interests="cardiac imaging", rank="Instructor")
    cfg = MatchConfig(affinity_method="lexical", min_rank_gap=0)

    result = match([both, junior], [both, other], cfg)

    assert result.assignment["pat"] == "ola"
    assert all(e.mentor_id != "pat" for e in result.shortlists["pat"])


def test_a_mentor_without_a_meeting_mode_preference_suits_every_mentee() -> None:
    mentee = person("m1", interests="oncology", answers={"mode": "online"})
    flexible = person(
        "r1", interests="oncology", rank="Professor", answers={"mode": "no_preference"}
    )
    strict = person("r2", interests="oncology", rank="Professor", answers={"mode": "in person"})
    cfg = MatchConfig(
        criteria=(Criterion("mode", "same", "mode", "mode", weight=1.0, label="Meeting mode"),),
        affinity_method="lexical",
        min_rank_gap=0,
    )

    result = match([mentee], [flexible, strict], cfg)

    parts = {e.mentor_id: e.parts["mode"] for e in result.shortlists["m1"]}
    assert parts == {"r1": 1.0, "r2": 0.0}
    assert result.assignment["m1"] == "r1"

"""rules.py: each hard rule refuses the pairs it promises to refuse, criteria score in [0, 1]."""

from __future__ import annotations

import numpy as np
import pytest

from mentormatch_engine.interface import Criterion, MatchConfig
from mentormatch_engine.rules import Rules, validate_config
from mentormatch_engine.tests.conftest import person

ALL = np.array([0], dtype=np.int64)


def allowed_row(mentee, mentors, cfg):
    allowed, _, scores = Rules([mentee], mentors, cfg).block(ALL)
    return allowed[0].tolist(), [s[0].tolist() for s in scores]


def test_rank_gap_refuses_a_mentor_not_senior_enough() -> None:
    cfg = MatchConfig(min_rank_gap=2)
    mentee = person("e", rank="Assistant Professor")
    mentors = [
        person("same", rank="Assistant Professor"),
        person("one_up", rank="Associate Professor"),
        person("two_up", rank="Professor"),
        person("unknown", rank="Emeritus"),  # unknown ranks pass
        person("junior", rank="Instructor"),
    ]
    ok, _ = allowed_row(mentee, mentors, cfg)
    assert ok == [False, False, True, True, False]
    # the gap rule is off at 0: every pair is allowed
    assert allowed_row(mentee, mentors, MatchConfig(min_rank_gap=0))[0] == [True] * 5


def test_exclusions_either_side_and_zero_capacity() -> None:
    mentee = person("e", excluded=frozenset({"r0"}))
    mentors = [person("r0"), person("r1", excluded=frozenset({"e"})), person("r2", capacity=0)]
    mentors.append(person("r3"))
    assert allowed_row(mentee, mentors, MatchConfig())[0] == [False, False, False, True]


@pytest.mark.parametrize(
    ("answer", "role", "want_ok", "want_score"),
    [
        # mentors: same department, other department, unknown department
        ("same_required", "weighted", [True, False, True], [1.0, 0.0, 0.0]),
        ("other_required", "weighted", [False, True, True], [0.0, 1.0, 0.0]),
        ("same_preferred", "weighted", [True, True, True], [1.0, 0.0, 0.0]),
        ("other_preferred", "weighted", [True, True, True], [0.0, 1.0, 0.0]),
        ("no_preference", "weighted", [True, True, True], [1.0, 1.0, 1.0]),
        ("same_preferred", "hard", [True, False, True], [1.0, 0.0, 0.0]),
    ],
)
def test_department_rule(
    answer: str, role: str, want_ok: list[bool], want_score: list[float]
) -> None:
    crit = Criterion("dept", "department", "dept", role=role)  # type: ignore[arg-type]
    cfg = MatchConfig(criteria=(crit,))
    mentee = person("e", department="Cardiology", answers={"dept": answer})
    mentors = [person("a", department="cardiology"), person("b", department="Surgery"), person("c")]
    ok, scores = allowed_row(mentee, mentors, cfg)
    assert ok == want_ok
    assert scores[0] == want_score


def test_hard_overlap_and_same_criteria() -> None:
    cfg = MatchConfig(
        criteria=(
            Criterion("areas", "overlap", "areas", "offered", role="hard"),
            Criterion("mode", "same", "mode", role="hard"),
        )
    )
    mentee = person("e", answers={"areas": ["grants", "career"], "mode": "online"})
    mentors = [
        person("both", answers={"offered": ["career"], "mode": "online"}),
        person("no_area", answers={"offered": ["teaching"], "mode": "online"}),
        person("wrong_mode", answers={"offered": ["grants"], "mode": "in person"}),
        person("flexible", answers={"offered": ["grants", "career"], "mode": "no_preference"}),
    ]
    ok, scores = allowed_row(mentee, mentors, cfg)
    assert ok == [True, False, False, True]
    assert scores[0] == [0.5, 0.0, 0.5, 1.0]  # |wanted ∩ offered| / |wanted|
    assert scores[1] == [1.0, 1.0, 0.0, 1.0]


def test_mentee_without_a_preference_scores_one_and_expresses_none() -> None:
    cfg = MatchConfig(criteria=(Criterion("areas", "overlap", "areas", "offered"),))
    rules = Rules(
        [person("e"), person("f", answers={"areas": "no_preference"})],
        [person("r", answers={"offered": ["grants"]})],
        cfg,
    )
    _, total, scores = rules.block(np.array([0, 1], dtype=np.int64))
    assert scores[0].tolist() == [[1.0], [1.0]]
    assert total.tolist() == [[1.0], [1.0]]
    assert rules.tables[0].has_pref.tolist() == [False, False]


def test_criterion_pairs_equal_block() -> None:
    cfg = MatchConfig(criteria=(Criterion("areas", "overlap", "areas", "offered", weight=0.5),))
    mentees = [
        person(f"e{i}", answers={"areas": ["grants", "career", "teaching"][: i + 1]})
        for i in range(3)
    ]
    mentors = [
        person(f"r{j}", answers={"offered": [["grants"], ["career", "teaching"]][j]})
        for j in range(2)
    ]
    rules = Rules(mentees, mentors, cfg)
    _, _, (blk,) = rules.block(np.arange(3, dtype=np.int64))
    i, j = np.repeat(np.arange(3), 2), np.tile(np.arange(2), 3)
    assert rules.tables[0].pairs(i, j).tolist() == blk.ravel().tolist()


@pytest.mark.parametrize(
    ("cfg", "problem"),
    [
        (MatchConfig(mode="best"), "known modes: fair, optimal, stable"),  # type: ignore[arg-type]
        (MatchConfig(affinity_weight=-1), "affinity_weight"),
        (MatchConfig(criteria=(Criterion("x", "overlap", "q", weight=-1),)), "weight"),
        (MatchConfig(criteria=(Criterion("affinity", "overlap", "q"),)), "reserved"),
    ],
)
def test_validate_config_names_the_problem(cfg: MatchConfig, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        validate_config(cfg)

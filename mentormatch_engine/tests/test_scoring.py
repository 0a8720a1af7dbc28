"""scoring.py: score = affinity_weight * affinity + Σ weight * criterion (weighted ones)."""

from __future__ import annotations

import numpy as np
import pytest

from mentormatch_engine.affinity import VectorAffinity
from mentormatch_engine.interface import Criterion, MatchConfig
from mentormatch_engine.rules import Rules
from mentormatch_engine.scoring import PairScorer
from mentormatch_engine.tests.conftest import person

CRITERIA = (
    Criterion("areas", "overlap", "areas", "offered", weight=0.4),
    Criterion("mode", "same", "mode", weight=0.25),
    Criterion("track", "same", "track", role="hard", weight=9.0),  # hard: no part in the score
)


def scorer(affinity_weight: float) -> PairScorer:
    rng = np.random.default_rng(3)
    a = rng.normal(size=(4, 6)).astype(np.float32)
    b = rng.normal(size=(5, 6)).astype(np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    mentees = [
        person(f"e{i}", answers={"areas": ["grants", "career"][: i % 3], "mode": "online"})
        for i in range(4)
    ]
    mentors = [
        person(
            f"r{j}",
            answers={
                "offered": ["grants"] if j % 2 else [],
                "mode": ["online", "in person"][j % 2],
            },
        )
        for j in range(5)
    ]
    cfg = MatchConfig(criteria=CRITERIA, affinity_weight=affinity_weight)
    return PairScorer(VectorAffinity(a, b), Rules(mentees, mentors, cfg), cfg)


@pytest.mark.parametrize("aw", [1.0, 0.7, 0.0])
def test_score_is_the_documented_sum_of_parts(aw: float) -> None:
    sc = scorer(aw)
    rows = np.arange(4, dtype=np.int64)
    blk = sc.block(rows)
    aff = sc.affinity.block(rows)
    want = aw * aff + 0.4 * blk.criteria[0] + 0.25 * blk.criteria[1]
    np.testing.assert_allclose(blk.score, want, atol=1e-6)
    assert ((blk.affinity >= 0) & (blk.affinity <= 1)).all()
    for c in blk.criteria:
        assert ((c >= 0) & (c <= 1)).all()
    # pairs() gives the same values as block()
    i, j = np.repeat(rows, 5), np.tile(np.arange(5), 4)
    score, _, crit = sc.pairs(i, j)
    np.testing.assert_allclose(score, blk.score.ravel(), atol=1e-6)
    np.testing.assert_allclose(crit[0], blk.criteria[0].ravel())


def test_max_score_is_affinity_weight_plus_weighted_criteria() -> None:
    sc = scorer(0.7)
    assert sc.max_score() == pytest.approx(0.7 + 0.4 + 0.25)
    assert (sc.block(np.arange(4, dtype=np.int64)).score <= sc.max_score() + 1e-9).all()


def test_match_result_exposes_max_score() -> None:
    from mentormatch_engine import match

    cfg = MatchConfig(criteria=CRITERIA, affinity_weight=0.7, affinity_method="lexical")
    mentees = [person("e", interests="heart failure", answers={"track": "x"})]
    mentors = [person("r", interests="heart failure", answers={"track": "x"})]
    res = match(mentees, mentors, cfg)
    assert res.max_score == pytest.approx(0.7 + 0.4 + 0.25)
    assert res.summary["max_score"] == res.max_score
    assert all(e.score <= res.max_score for e in res.shortlists["e"])

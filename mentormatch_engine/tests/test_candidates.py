"""Top-k candidate selection and shortlists from truncated candidate lists (+ backups)."""

from __future__ import annotations

import numpy as np
import pytest

from mentormatch_engine.affinity import VectorAffinity
from mentormatch_engine.graph import Encoder, build_candidates_with_backup, top_rows
from mentormatch_engine.interface import ShortlistEntry
from mentormatch_engine.rules import Rules
from mentormatch_engine.scoring import PairScorer
from mentormatch_engine.shortlists import build_shortlists
from mentormatch_engine.solvers import solve_optimal
from mentormatch_engine.tests.test_pipeline import CONFIG, round_of


@pytest.mark.parametrize(("b", "m", "kk"), [(7, 5000, 20), (9, 300, 20), (5, 12, 20), (4, 999, 1)])
@pytest.mark.parametrize("seed", [0, 1])
def test_top_rows_is_exact_with_ties_and_forbidden(b: int, m: int, kk: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    s = np.round(rng.random((b, m)), 2).astype(np.float32)  # many ties
    s[rng.random((b, m)) < 0.3] = -np.inf
    s[0, :] = -np.inf
    s[0, : min(m, 3)] = 0.5
    r, c, rank = top_rows(s, kk)
    for i in range(b):
        finite = np.flatnonzero(np.isfinite(s[i]))
        want = sorted(finite.tolist(), key=lambda j: (-s[i, j], j))[:kk]
        assert c[r == i].tolist() == want
        assert rank[r == i].tolist() == list(range(len(want)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shortlists_from_truncated_lists_equal_full_rows(seed: int) -> None:
    n, m = 60, 40
    mentees, mentors = round_of(seed, n, m)
    rng = np.random.default_rng(seed)
    vecs = rng.normal(size=(n + m, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    rules = Rules(mentees, mentors, CONFIG)
    scorer = PairScorer(VectorAffinity(vecs[:n], vecs[n:]), rules, CONFIG)
    enc = Encoder.of([p.record.id for p in mentees], [p.record.id for p in mentors])
    cap = rules.capacity
    full, _ = build_candidates_with_backup(n, m, cap, scorer.scores_allowed, k=0, extra=0)
    g, backup = build_candidates_with_backup(n, m, cap, scorer.scores_allowed, k=2, extra=2)
    assert backup is not None and not g.complete
    assignment = solve_optimal(g).assignment
    results: list[dict[str, tuple[ShortlistEntry, ...]]] = []
    redone = []
    for graph, bk, list_len in ((full, None, 0), (g, backup, 4), (g, None, 2)):
        out, redo = build_shortlists(scorer, graph, bk, assignment, CONFIG, enc, list_len)
        redone.append(redo)
        results.append(out)
    assert redone[0] == 0
    assert redone[2] > 0  # the rescoring path runs too
    assert redone[1] <= redone[2]
    assert results[1] == results[0]
    assert results[2] == results[0]


@pytest.mark.parametrize("m", [300, 5000])
def test_top_rows_with_massive_ties(m: int) -> None:
    s = np.full((3, m), 0.5, dtype=np.float32)
    s[1, 7] = 0.9
    s[2, ::2] = -np.inf
    r, c, _ = top_rows(s, 20)
    assert c[r == 0].tolist() == list(range(20))
    assert c[r == 1].tolist() == [7, *[j for j in range(21) if j != 7][:19]]
    assert c[r == 2].tolist() == list(range(1, 40, 2))

"""graph.py: the id encoder and the candidate graph (top-k allowed mentors plus backups)."""

from __future__ import annotations

import numpy as np
import pytest

from mentormatch_engine.graph import CandidateGraph, Encoder, build_candidates_with_backup


def test_encoder_round_trip_and_duplicates() -> None:
    enc = Encoder.of(["a", "b", "c"], ["x", "y"])
    assert enc.decode(np.array([1, -1, 0])) == {"a": "y", "b": None, "c": "x"}
    assert [enc.mentee_ids.index(i) for i in ("a", "b", "c")] == [0, 1, 2]
    with pytest.raises(ValueError, match="duplicate mentor id 'x'"):
        Encoder.of(["a"], ["x", "x"])


def _block_fn(scores: np.ndarray, allowed: np.ndarray):
    def fn(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return scores[rows].copy(), allowed[rows].copy()

    return fn


@pytest.mark.parametrize(("k", "extra"), [(2, 2), (3, 1), (1, 5)])
def test_top_k_and_backups_are_the_next_best_allowed(k: int, extra: int) -> None:
    rng = np.random.default_rng(k)
    n, m = 7, 6
    s = np.round(rng.random((n, m)), 1)  # ties
    ok = rng.random((n, m)) < 0.8
    cap = np.ones(m, dtype=np.int64)
    g, backup = build_candidates_with_backup(
        n, m, cap, _block_fn(s, ok), k=k, extra=extra, block_rows=3
    )
    assert backup is not None and not g.complete
    for i in range(n):
        order = sorted(np.flatnonzero(ok[i]).tolist(), key=lambda j: (-s[i, j], j))
        assert g.col[g.row == i].tolist() == order[:k]
        assert backup.col[backup.row == i].tolist() == order[k : k + min(extra, m - k)]
        np.testing.assert_array_equal(g.score[g.row == i], s[i, order[:k]])


def test_keep_all_when_k_is_zero() -> None:
    s = np.array([[0.1, 0.9], [0.5, 0.5]])
    ok = np.array([[True, True], [False, True]])
    g, backup = build_candidates_with_backup(2, 2, np.array([1, 1]), _block_fn(s, ok), k=0, extra=4)
    assert g.complete and backup is None
    assert list(zip(g.row.tolist(), g.col.tolist(), strict=True)) == [(0, 1), (0, 0), (1, 1)]


def test_from_edges_sorts_and_keeps_the_best_duplicate() -> None:
    g = CandidateGraph.from_edges(
        2,
        2,
        np.array([1, 1]),
        np.array([1, 0, 0, 0]),
        np.array([0, 1, 1, 0]),
        np.array([0.3, 0.2, 0.8, 0.5]),
    )
    assert g.row.tolist() == [0, 0, 1]
    assert g.col.tolist() == [1, 0, 0]
    assert g.score.tolist() == [0.8, 0.5, 0.3]
    assert g.row_ptr.tolist() == [0, 2, 3]


@pytest.mark.parametrize("seed", range(3))
def test_with_edges_equals_building_from_all_edges(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = 9, 7
    pairs = [(i, j) for i in range(n) for j in range(m) if rng.random() < 0.6]
    score = np.round(rng.random(len(pairs)), 1)
    r = np.array([p[0] for p in pairs], dtype=np.int64)
    c = np.array([p[1] for p in pairs], dtype=np.int64)
    cap = np.ones(m, dtype=np.int64)
    first = rng.random(len(pairs)) < 0.7
    g = CandidateGraph.from_edges(n, m, cap, r[first], c[first], score[first], complete=False)
    new = ~first
    # repeated new pairs are dropped
    grown = g.with_edges(
        np.concatenate([r[new], r[new]]),
        np.concatenate([c[new], c[new]]),
        np.concatenate([score[new], score[new]]),
    )
    want = CandidateGraph.from_edges(n, m, cap, r, c, score, complete=False)
    for f in ("row", "col", "score"):
        np.testing.assert_array_equal(getattr(grown, f), getattr(want, f))


def test_scan_output_is_sorted_like_from_edges() -> None:
    rng = np.random.default_rng(5)
    n, m = 40, 300
    s = rng.random((n, m))
    s[:, ::7] = s[:, 3:4]  # exact ties
    ok = rng.random((n, m)) < 0.9
    for k in (0, 20):
        g, _ = build_candidates_with_backup(
            n, m, np.ones(m, np.int64), _block_fn(s, ok), k=k, extra=5
        )
        want = CandidateGraph.from_edges(n, m, g.capacity, g.row, g.col, g.score)
        np.testing.assert_array_equal(g.col, want.col)
        np.testing.assert_array_equal(g.row, want.row)

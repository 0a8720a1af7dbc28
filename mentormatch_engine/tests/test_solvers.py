"""Property tests of the assignment solvers against brute force and an exact ILP."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from mentormatch_engine.graph import CandidateGraph
from mentormatch_engine.solvers import blocking_pairs, solve_fair, solve_optimal, solve_stable


@st.composite
def graphs(draw: st.DrawFn, max_n: int = 5, max_m: int = 3) -> CandidateGraph:
    n = draw(st.integers(0, max_n))
    m = draw(st.integers(1, max_m))
    cap = np.array(draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)), dtype=np.int64)
    mask = draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m))
    # few distinct values so that ties are common
    vals = draw(
        st.lists(
            st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, 0.3333]), min_size=n * m, max_size=n * m
        )
    )
    rows, cols, sc = [], [], []
    for i in range(n):
        for j in range(m):
            if mask[i * m + j]:
                rows.append(i)
                cols.append(j)
                sc.append(vals[i * m + j])
    return CandidateGraph.from_edges(
        n, m, cap, np.array(rows, np.int64), np.array(cols, np.int64), np.array(sc, np.float64)
    )


def brute_force(g: CandidateGraph) -> tuple[int, float]:
    opts: list[list[tuple[int, float]]] = [[(-1, 0.0)] for _ in range(g.n)]
    for r, c, s in zip(g.row.tolist(), g.col.tolist(), g.score.tolist(), strict=True):
        opts[r].append((c, s))
    best = (-1, -np.inf)
    for choice in itertools.product(*opts):
        count = np.bincount([c for c, _ in choice if c >= 0], minlength=g.m)
        if (count > g.capacity).any():
            continue
        key = (sum(1 for c, _ in choice if c >= 0), sum(s for _, s in choice))
        if key[0] > best[0] or (key[0] == best[0] and key[1] > best[1] + 1e-12):
            best = key
    return best


def check_feasible(g: CandidateGraph, a: NDArray[np.int64]) -> None:
    assert a.shape == (g.n,)
    edges = set(zip(g.row.tolist(), g.col.tolist(), strict=True))
    for i, j in enumerate(a.tolist()):
        if j >= 0:
            assert (i, j) in edges, "assigned a pair that is not allowed"
    count = np.bincount(a[a >= 0], minlength=g.m)
    assert (count <= g.capacity).all(), "capacity exceeded"


def score_of(g: CandidateGraph, a: NDArray[np.int64]) -> float:
    d = {
        (r, c): s for r, c, s in zip(g.row.tolist(), g.col.tolist(), g.score.tolist(), strict=True)
    }
    return float(sum(d[(i, j)] for i, j in enumerate(a.tolist()) if j >= 0))


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_optimal_matches_brute_force(g: CandidateGraph) -> None:
    sol = solve_optimal(g)
    check_feasible(g, sol.assignment)
    matched, total = brute_force(g)
    assert sol.matched == matched
    assert sol.objective == pytest.approx(total, abs=1e-9)
    assert sol.upper_bound >= total - 1e-9
    assert sol.upper_bound - sol.objective <= 1e-3 * max(abs(sol.upper_bound), 1e-12) + 1e-9


def milp_optimum(g: CandidateGraph) -> tuple[int, float]:
    e = len(g.row)
    if e == 0:
        return 0, 0.0
    big = g.n * (float(g.score.max()) - float(g.score.min())) + 1.0
    c = -(big + g.score - g.score.min())
    a_rows = np.zeros((g.n, e))
    a_rows[g.row, np.arange(e)] = 1
    a_cols = np.zeros((g.m, e))
    a_cols[g.col, np.arange(e)] = 1
    res = milp(
        c,
        integrality=np.ones(e),
        bounds=Bounds(0, 1),
        constraints=[LinearConstraint(a_rows, 0, 1), LinearConstraint(a_cols, 0, g.capacity)],
    )
    x = np.round(res.x).astype(bool)
    return int(x.sum()), float(g.score[x].sum())


@settings(max_examples=40, deadline=None)
@given(graphs(max_n=14, max_m=6))
def test_optimal_matches_exact_ilp(g: CandidateGraph) -> None:
    sol = solve_optimal(g)
    check_feasible(g, sol.assignment)
    matched, total = milp_optimum(g)
    assert sol.matched == matched
    assert sol.objective == pytest.approx(total, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 5), st.integers(0, 2**31 - 1))
def test_everyone_matched_when_perfect_matching_exists(n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # plant a perfect matching: mentee i -> mentor i % m, capacities large enough
    cap = np.bincount(np.arange(n) % m, minlength=m).astype(np.int64)
    rows, cols = [], []
    for i in range(n):
        rows.append(i)
        cols.append(i % m)
        for j in range(m):
            if j != i % m and rng.random() < 0.4:
                rows.append(i)
                cols.append(j)
    g = CandidateGraph.from_edges(n, m, cap, np.array(rows), np.array(cols), rng.random(len(rows)))
    for a in (solve_optimal(g).assignment, solve_fair(g)[0]):
        check_feasible(g, a)
        assert (a >= 0).all()


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_fair_maximises_minimum_then_total(g: CandidateGraph) -> None:
    opt = solve_optimal(g)
    a, t = solve_fair(g, opt.matched)
    check_feasible(g, a)
    assert int((a >= 0).sum()) == opt.matched
    # brute force the best bottleneck among maximum matchings
    opts: list[list[tuple[int, float]]] = [[(-1, np.inf)] for _ in range(g.n)]
    for r, c, s in zip(g.row.tolist(), g.col.tolist(), g.score.tolist(), strict=True):
        opts[r].append((c, s))
    best_min = -np.inf
    for choice in itertools.product(*opts):
        count = np.bincount([c for c, _ in choice if c >= 0], minlength=g.m)
        if (count > g.capacity).any() or sum(c >= 0 for c, _ in choice) != opt.matched:
            continue
        best_min = max(best_min, min((s for _, s in choice), default=np.inf))
    if opt.matched:
        d = {
            (r, c): s
            for r, c, s in zip(g.row.tolist(), g.col.tolist(), g.score.tolist(), strict=True)
        }
        got_min = min(d[(i, j)] for i, j in enumerate(a.tolist()) if j >= 0)
        assert got_min == pytest.approx(best_min)
        assert t == pytest.approx(best_min)


@settings(max_examples=150, deadline=None)
@given(graphs(max_n=8, max_m=4))
def test_stable_has_no_blocking_pairs(g: CandidateGraph) -> None:
    a = solve_stable(g)
    check_feasible(g, a)
    assert blocking_pairs(g, a) == []


def test_blocking_pairs_detected() -> None:
    # mentee 0 and mentor 1 like each other best but are apart
    g = CandidateGraph.from_edges(
        2,
        2,
        np.array([1, 1]),
        np.array([0, 0, 1, 1]),
        np.array([0, 1, 0, 1]),
        np.array([0.1, 0.9, 0.8, 0.2]),
    )
    assert blocking_pairs(g, np.array([0, 1])) == [(0, 1), (1, 0)]
    assert blocking_pairs(g, solve_stable(g)) == []


@settings(max_examples=30, deadline=None)
@given(graphs(max_n=10, max_m=4))
def test_deterministic(g: CandidateGraph) -> None:
    for solver in (lambda x: solve_optimal(x).assignment, lambda x: solve_fair(x)[0], solve_stable):
        assert np.array_equal(solver(g), solver(g))


def test_graph_validation() -> None:
    with pytest.raises(ValueError, match="capacity must be >= 0"):
        CandidateGraph.from_edges(
            1, 1, np.array([-1]), np.array([0]), np.array([0]), np.array([1.0])
        )
    with pytest.raises(ValueError, match="finite"):
        CandidateGraph.from_edges(
            1, 1, np.array([1]), np.array([0]), np.array([0]), np.array([np.nan])
        )
    with pytest.raises(ValueError, match="out of range"):
        CandidateGraph.from_edges(
            1, 1, np.array([1]), np.array([0]), np.array([3]), np.array([1.0])
        )


@settings(max_examples=80, deadline=None)
@given(graphs(max_n=9, max_m=4))
def test_min_cost_flow_and_lapjv_fallback_agree(g: CandidateGraph) -> None:
    from mentormatch_engine.solvers.optimal import (
        _match_flow,
        _match_lapjv,
        lexicographic_weights,
    )

    w, _, _ = lexicographic_weights(g)
    flow = _match_flow(g) if g.n else np.full(0, -1)
    lap = _match_lapjv(g, w)
    for a in (flow, lap):
        check_feasible(g, a)
    assert int((flow >= 0).sum()) == int((lap >= 0).sum())
    assert score_of(g, flow) == pytest.approx(score_of(g, lap), abs=1e-7)

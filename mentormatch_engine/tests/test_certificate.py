"""certificate.py: a bound >= the objective of every feasible assignment; solver registry."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mentormatch_engine.certificate import BoundInputs, certify, row_bounds
from mentormatch_engine.graph import CandidateGraph, build_candidates_with_backup
from mentormatch_engine.solvers import SOLVERS, get_solver, solve_mode


def dense_optimum(s: np.ndarray, ok: np.ndarray, cap: np.ndarray) -> tuple[int, float]:
    n, m = s.shape
    best = (-1, -np.inf)
    for choice in itertools.product(*[[-1, *np.flatnonzero(ok[i]).tolist()] for i in range(n)]):
        a = np.array(choice)
        if (np.bincount(a[a >= 0], minlength=m) > cap).any():
            continue
        key = (int((a >= 0).sum()), float(sum(s[i, j] for i, j in enumerate(choice) if j >= 0)))
        best = max(best, key)
    return best


def _fn(s: np.ndarray, ok: np.ndarray):
    return lambda rows: (s[rows].copy(), ok[rows].copy())


@pytest.mark.parametrize("mode", sorted(SOLVERS))
def test_complete_graph_certificate_bounds_the_objective(mode: str) -> None:
    rng = np.random.default_rng(1)
    s = rng.random((6, 3))
    ok = rng.random((6, 3)) < 0.7
    cap = np.array([1, 2, 1])
    g, _ = build_candidates_with_backup(6, 3, cap, _fn(s, ok), k=0, extra=0)
    opt, res = solve_mode(mode, g)
    cert = certify(g, res.assignment, opt)
    matched, total = dense_optimum(s, ok, cap)
    assert cert.matched == matched
    assert cert.upper_bound >= total - 1e-9
    assert cert.upper_bound >= cert.objective - 1e-9
    assert cert.gap >= 0
    if mode == "optimal":
        assert cert.objective == pytest.approx(total)
        assert cert.gap < 1e-9


@pytest.mark.parametrize("seed", range(4))
def test_truncated_full_bound_covers_the_dense_optimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = 6, 4
    s = rng.random((n, m))
    ok = np.ones((n, m), dtype=bool)
    cap = np.array([2, 1, 2, 1])  # everyone can be matched
    g, _ = build_candidates_with_backup(n, m, cap, _fn(s, ok), k=2, extra=0)
    opt, res = solve_mode("optimal", g)
    rb = row_bounds(g, opt, BoundInputs(rows_fn=_fn(s, ok), k=2, full=True))
    cert = certify(g, res.assignment, opt, rb)
    matched, total = dense_optimum(s, ok, cap)
    assert cert.upper_bound >= cert.objective - 1e-9
    if cert.matched == matched:
        assert cert.upper_bound >= total - 1e-9 >= cert.objective - 1e-6


def test_unknown_mode_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"unknown mode 'best' \(known modes: fair, optimal, stable\)"
    ):
        get_solver("best")
    assert set(SOLVERS) == {"optimal", "fair", "stable"}


def test_empty_graph_certificate() -> None:
    e = np.zeros(0, dtype=np.int64)
    g = CandidateGraph.from_edges(2, 1, np.array([1]), e, e, np.zeros(0))
    opt, res = solve_mode("optimal", g)
    cert = certify(g, res.assignment, opt)
    assert (cert.matched, cert.objective, cert.upper_bound) == (0, 0.0, 0.0)

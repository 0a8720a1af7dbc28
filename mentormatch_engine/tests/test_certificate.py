"""certificate.py: a bound >= the objective of every feasible assignment; solver registry."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mentormatch_engine.certificate import (
    BoundInputs,
    certified_optimum,
    certify,
    matched_upper_bound,
)
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


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_truncated_lists_certified_against_the_dense_optimum(seed: int, full: bool) -> None:
    rng = np.random.default_rng(seed)
    n, m = 7, 4
    s = rng.random((n, m))
    ok = rng.random((n, m)) < 0.85
    # scarce on odd seeds: some mentees stay unmatched (the case the old bound got wrong)
    cap = np.array([2, 1, 2, 1]) if seed % 2 == 0 else np.array([1, 1, 1, 1])
    g, backup = build_candidates_with_backup(n, m, cap, _fn(s, ok), k=1, extra=1)
    inputs = BoundInputs(
        rows_fn=_fn(s, ok), k=1, backup=backup, extra=1, score_range=(0.0, 1.0), full=full
    )
    g2, opt, bound, _ = certified_optimum(g, inputs)
    cert = certify(g2, opt.assignment, opt, bound.row_best)
    matched, total = dense_optimum(s, ok, cap)
    assert cert.matched == matched
    assert matched_upper_bound(g2, opt, bound.row_best) == matched
    assert cert.objective == pytest.approx(total, abs=1e-9)
    assert cert.upper_bound >= total - 1e-9
    assert cert.gap < 1e-6


def test_a_bound_with_every_row_covered_is_valid_for_any_prices() -> None:
    """Even without column generation (one round), the bound covers the dense optimum."""
    rng = np.random.default_rng(7)
    n, m = 8, 3
    s = rng.random((n, m))
    ok = np.ones((n, m), dtype=bool)
    cap = np.array([1, 1, 1])
    g, backup = build_candidates_with_backup(n, m, cap, _fn(s, ok), k=1, extra=0)
    inputs = BoundInputs(rows_fn=_fn(s, ok), k=1, score_range=(0.0, 1.0), max_rounds=1)
    g2, opt, bound, rounds = certified_optimum(g, inputs)
    assert rounds == 1 and backup is not None
    matched, total = dense_optimum(s, ok, cap)
    cert = certify(g2, opt.assignment, opt, bound.row_best)
    assert matched_upper_bound(g2, opt, bound.row_best) >= matched
    if cert.matched == matched:
        assert cert.upper_bound >= total - 1e-9


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


def test_truncated_graph_with_unmatched_mentees_is_certified_like_the_full_graph() -> None:
    """The 3,000 x 1,500, k = 4 shape with scarce capacity, where the old fast bound said
    5,121,198 against an objective of 1,622: now the same optimum as the full graph and a
    tight bound that covers it."""
    from mentormatch_engine.affinity import VectorAffinity
    from mentormatch_engine.graph import Encoder
    from mentormatch_engine.interface import MatchConfig
    from mentormatch_engine.pipeline import solve_round
    from mentormatch_engine.rules import Rules
    from mentormatch_engine.tests.conftest import person

    n, m = 3000, 1500
    rng = np.random.default_rng(0)
    vec = rng.normal(size=(n + m, 16)).astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    caps = rng.integers(0, 3, size=m)  # about 1,500 places for 3,000 mentees
    mentees = [person(f"e{i}") for i in range(n)]
    mentors = [person(f"r{j}", capacity=int(caps[j])) for j in range(m)]
    enc = Encoder.of([p.record.id for p in mentees], [p.record.id for p in mentors])
    out = {}
    for k in (m, 4):  # k >= m keeps every pair
        cfg = MatchConfig(candidates_per_mentee=k, shortlist_size=0)
        res = solve_round(VectorAffinity(vec[:n], vec[n:]), Rules(mentees, mentors, cfg), cfg, enc)
        out[k] = res
    assert out[m].summary["candidates_per_mentee"] == m
    full, cut = out[m].certificate, out[4].certificate
    assert cut.matched == full.matched == int(caps.sum())
    assert cut.objective == pytest.approx(full.objective, rel=1e-9)
    assert cut.upper_bound >= full.objective - 1e-6
    assert cut.gap < 1e-6
    assert out[4].summary["matched_upper_bound"] == cut.matched

"""The assignment's certificate: matched, objective (total score), upper bound, gap.

For any mentor prices ``p >= 0`` ``(m,)`` (Lagrangian relaxation of the capacities), with the
lexicographic weights ``W_ij = 1 + K + (s_ij - s_lo)`` of
:mod:`mentormatch_engine.solvers.optimal` and weight 1 for "unmatched":

    sum_ij W_ij x_ij <= UB = sum_i row_i + sum_j capacity_j p_j,
    row_i >= max(1, max over *every allowed* j of (W_ij - p_j)).

``[s_lo, s_hi]`` must hold every allowed pair's score (the pipeline uses ``[0, max_score]``),
and ``K = n (s_hi - s_lo) + 1``.  Then an assignment matching ``M`` mentees has
``n + M K <= sum W x``, so no assignment matches more than ``floor((UB - n) / K)`` mentees,
and when that is the number matched, ``UB - n - M (K - s_lo)`` bounds the total score.

``row_i`` is exact over the candidate and backup edges.  For a truncated list the pairs left
out score at most the list's last score and prices are >= 0, so
``1 + K + last_i - s_lo`` covers them; a row where that cover is above its exact part is
*uncertain* and rescored on its whole row (exact ``row_i``).  Pairs found with
``W_ij - p_j`` above the row's candidate value (positive reduced cost) are added to the graph
and the optimum is solved again (column generation), until no such pair is left or
``max_rounds`` is reached.  At that point every row is exact or certified, so the bound holds
for the whole allowed graph, not only the candidate lists, and is tight (the LP over all
pairs is integral).  ``full`` rescores every row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph
from mentormatch_engine.interface import Certificate
from mentormatch_engine.solvers.optimal import (
    OptimalSolution,
    ScoreRange,
    assigned_edges,
    candidate_row_best,
    lexicographic_weights,
    solve_optimal,
)

__all__ = ["Bound", "BoundInputs", "certified_optimum", "certify", "row_bounds"]

# rows -> (scores (b, m), allowed (b, m))
RowsFn = Callable[[NDArray[np.int64]], tuple[NDArray[np.float64], NDArray[np.bool_]]]
ADD_PER_ROW = 8  # pairs added per uncertain row and round (the best reduced costs)


@dataclass(frozen=True)
class BoundInputs:
    """What the bound needs beyond the graph: how to rescore rows, the candidate list length
    ``k`` and backup list length ``extra`` (rows that long were truncated), the score range
    of every allowed pair, and the block size."""

    rows_fn: RowsFn | None = None
    k: int = 0
    backup: CandidateGraph | None = None
    extra: int = 0
    score_range: ScoreRange | None = None
    full: bool = False
    block_rows: int = 1024
    max_rounds: int = 6
    progress: Callable[[str, float], None] | None = None


@dataclass(frozen=True)
class Bound:
    row_best: NDArray[np.float64]  # (n,) row_i of the module docstring
    add_row: NDArray[np.int64]  # pairs with a positive reduced cost, not yet edges
    add_col: NDArray[np.int64]
    add_score: NDArray[np.float64]
    rescored: int  # rows rescored on their whole row


def _truncated(g: CandidateGraph, inputs: BoundInputs) -> NDArray[np.bool_]:
    """Rows whose candidate (and backup) lists were cut: pairs may be left out."""
    size = np.diff(g.row_ptr)
    cut = size >= inputs.k
    if inputs.backup is not None and inputs.extra > 0:
        cut &= np.diff(inputs.backup.row_ptr) >= inputs.extra
    return cut


def _last_score(g: CandidateGraph, inputs: BoundInputs) -> NDArray[np.float64]:
    """Each row's lowest listed score (its backups' when it has any)."""
    last = np.full(g.n, np.inf)
    for h in (g, inputs.backup):
        if h is None or not len(h.row):
            continue
        np.minimum.at(last, h.row, h.score)
    return last


def row_bounds(g: CandidateGraph, opt: OptimalSolution, inputs: BoundInputs) -> Bound:
    """``row_i`` ``(n,)`` covering every allowed pair, and the pairs worth adding."""
    w, big_k, s_lo = lexicographic_weights(g, inputs.score_range)
    cand = candidate_row_best(g, w, opt.prices)
    none_i = np.zeros(0, dtype=np.int64)
    if g.complete:
        return Bound(cand, none_i, none_i, np.zeros(0), 0)
    row_best = cand.copy()
    add: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]] = []
    tol = 1e-9 * (1.0 + big_k)
    bk = inputs.backup
    if bk is not None and len(bk.row):
        t = 1.0 + big_k + (bk.score - s_lo) - opt.prices[bk.col]
        np.maximum.at(row_best, bk.row, t)
        hit = t > cand[bk.row] + tol
        add.append((bk.row[hit], bk.col[hit], bk.score[hit]))
    cut = _truncated(g, inputs)
    cover = 1.0 + big_k + (_last_score(g, inputs) - s_lo)
    uncertain = cut & (cover > row_best + tol)
    if inputs.full:
        uncertain = np.ones(g.n, dtype=bool)
    if inputs.rows_fn is None:
        row_best[cut] = np.maximum(row_best[cut], cover[cut])
        return Bound(row_best, none_i, none_i, np.zeros(0), 0)
    rows = np.flatnonzero(uncertain)
    _rescore(rows, inputs, opt.prices, big_k, s_lo, cand, tol, row_best, add)
    ai = np.concatenate([a[0] for a in add]) if add else none_i
    aj = np.concatenate([a[1] for a in add]) if add else none_i
    asc = np.concatenate([a[2] for a in add]) if add else np.zeros(0)
    return Bound(row_best, ai, aj, asc, len(rows))


def _rescore(
    rows_all: NDArray[np.int64],
    inputs: BoundInputs,
    prices: NDArray[np.float64],
    big_k: float,
    s_lo: float,
    cand: NDArray[np.float64],
    tol: float,
    row_best: NDArray[np.float64],
    add: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]],
) -> None:
    """Exact ``row_i`` for ``rows_all`` (whole rows), and their best positive pairs."""
    assert inputs.rows_fn is not None
    step = max(1, inputs.block_rows)
    for start in range(0, len(rows_all), step):
        rows = rows_all[start : start + step]
        score, allowed = inputs.rows_fn(rows)
        t = score - prices[None, :]
        t += 1.0 + big_k - s_lo
        t[~allowed] = -np.inf
        if t.shape[1] == 0:
            row_best[rows] = np.maximum(row_best[rows], 1.0)
            continue
        best = t.max(axis=1)
        row_best[rows] = np.maximum(1.0, best)
        # only rows with a positive reduced cost somewhere need their best pairs
        hot = np.flatnonzero(best > cand[rows] + tol)
        if len(hot):
            th = t[hot] - (cand[rows[hot]] + tol)[:, None]
            kk = min(ADD_PER_ROW, th.shape[1])
            top = np.argpartition(-th, kk - 1, axis=1)[:, :kk]
            gain = np.take_along_axis(th, top, axis=1)
            r, c = np.nonzero(gain > 0)
            cols = top[r, c]
            add.append((rows[hot[r]], cols.astype(np.int64), score[hot[r], cols]))
        if inputs.progress:
            inputs.progress("bound", min(1.0, (start + step) / max(len(rows_all), 1)))


def certified_optimum(
    g: CandidateGraph, inputs: BoundInputs
) -> tuple[CandidateGraph, OptimalSolution, Bound, int]:
    """Optimal assignment on ``g`` grown by column generation until the bound covers every
    allowed pair (see module docstring).  Returns ``(graph, solution, bound, rounds)``."""
    opt = solve_optimal(g, inputs.score_range)
    bound = row_bounds(g, opt, inputs)
    rounds = 1
    while len(bound.add_row) and rounds < inputs.max_rounds:
        g = g.with_edges(bound.add_row, bound.add_col, bound.add_score)
        opt = solve_optimal(g, inputs.score_range)
        bound = row_bounds(g, opt, inputs)
        rounds += 1
    return g, opt, bound, rounds


def matched_upper_bound(
    g: CandidateGraph, opt: OptimalSolution, row_best: NDArray[np.float64]
) -> int:
    """No assignment over the allowed pairs matches more mentees than this."""
    ub_w = float(row_best.sum() + (g.capacity.astype(np.float64) * opt.prices).sum())
    return int(np.floor((ub_w - g.n) / opt.big_k + 1e-9))


def certify(
    g: CandidateGraph,
    assignment: NDArray[np.int64],
    opt: OptimalSolution,
    row_best: NDArray[np.float64] | None = None,
) -> Certificate:
    """Certificate of ``assignment`` (any mode) against the optimal-mode bound.

    ``row_best`` from :func:`row_bounds`; ``None`` means the graph's own bound (every
    allowed pair is an edge)."""
    ae = assigned_edges(g, assignment)
    matched = int((ae >= 0).sum())
    objective = float(g.score[ae[ae >= 0]].sum())
    if row_best is None or g.complete:
        upper = opt.upper_bound
    else:
        ub_w = float(row_best.sum() + (g.capacity.astype(np.float64) * opt.prices).sum())
        upper = max(ub_w - g.n - opt.matched * (opt.big_k - opt.s_min), opt.objective)
    gap = (upper - objective) / max(abs(upper), 1e-12)
    return Certificate(matched=matched, objective=objective, upper_bound=upper, gap=max(gap, 0.0))

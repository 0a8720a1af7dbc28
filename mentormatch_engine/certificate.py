"""The assignment's certificate: matched, objective (total score), upper bound, gap.

For any mentor prices ``p >= 0`` ``(m,)`` (Lagrangian relaxation of the capacities), with the
lexicographic weights ``W_ij = 1 + K + (s_ij - s_min)`` of
:mod:`mentormatch_engine.solvers.optimal` and weight 1 for "unmatched":

    sum_ij W_ij x_ij <= sum_i row_i + sum_j capacity_j p_j,
    row_i = max(1, max over allowed j of (W_ij - p_j)).

``row_i`` is exact over the candidate edges; when candidate lists are truncated (top-k) the
pairs left out must be covered too: from each list's last score (``fast``, prices >= 0), or
by rescoring every row (``full``).  The bound in ``W`` units is converted back to total score
at the matched count, and ``gap = (upper - objective) / |upper|``.
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
    assigned_edges,
    candidate_row_best,
    lexicographic_weights,
)

__all__ = ["BoundInputs", "certify", "row_bounds"]

# rows -> (scores (b, m), allowed (b, m))
RowsFn = Callable[[NDArray[np.int64]], tuple[NDArray[np.float64], NDArray[np.bool_]]]


@dataclass(frozen=True)
class BoundInputs:
    """What the bound needs beyond the graph: how to rescore rows (for ``full``), the
    candidate list length ``k`` (rows that long were truncated) and the block size."""

    rows_fn: RowsFn | None = None
    k: int = 0
    full: bool = False
    block_rows: int = 1024
    progress: Callable[[str, float], None] | None = None


def row_bounds(g: CandidateGraph, opt: OptimalSolution, inputs: BoundInputs) -> NDArray[np.float64]:
    """``row_i`` ``(n,)`` of the module docstring, covering pairs left out of ``g``."""
    w, big_k, s_min = lexicographic_weights(g)
    row_best = candidate_row_best(g, w, opt.prices)
    if g.complete:
        return row_best
    if inputs.full and inputs.rows_fn is not None:
        _full_rows(g, opt.prices, big_k, s_min, inputs, row_best)
    else:
        # a pair left out of a truncated list scores at most the list's last score, and
        # prices are >= 0
        ptr = g.row_ptr
        cut = np.flatnonzero(np.diff(ptr) >= inputs.k)
        last = g.score[ptr[cut + 1] - 1]
        row_best[cut] = np.maximum(row_best[cut], 1.0 + big_k - s_min + last)
    return row_best


def _full_rows(
    g: CandidateGraph,
    prices: NDArray[np.float64],
    big_k: float,
    s_min: float,
    inputs: BoundInputs,
    row_best: NDArray[np.float64],
) -> None:
    """Another pass over every allowed pair: ``max(1, max_j W_ij - p_j)``."""
    assert inputs.rows_fn is not None
    n, step = g.n, inputs.block_rows
    for start in range(0, n, step):
        rows = np.arange(start, min(n, start + step), dtype=np.int64)
        score, allowed = inputs.rows_fn(rows)
        t = score - prices[None, :]
        t[~allowed] = -np.inf
        best = t.max(axis=1) if g.m else np.full(len(rows), -np.inf)
        row_best[rows] = np.maximum(1.0, 1.0 + big_k - s_min + best)
        if inputs.progress:
            inputs.progress("full bound", min(1.0, (start + step) / max(n, 1)))


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

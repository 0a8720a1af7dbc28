"""Optimal assignment: most mentees matched, then the largest total score.

Reduction (capacity expansion, sparse): mentor ``j`` becomes ``min(capacity_j, degree_j)`` slot
columns; every candidate edge ``(i, j)`` is copied to each slot of ``j``; mentee ``i`` also gets a
private dummy column (meaning "unmatched").  Biadjacency ``(n, slots + n)`` with weights

    W_ij = 1 + K + (score_ij - s_min)   for real edges,   1 for the dummy,
    K    = n * (s_max - s_min) + 1,

so one more matched mentee always outweighs any change of total score.

Solver: a min-cost flow on the original graph (source -> mentee, capacity 1; mentee ->
mentor for each candidate edge, capacity 1, cost ``-round(score * scale)``; mentor -> sink,
capacity ``capacity_j``), solved by OR-Tools' ``SimpleMinCostFlow.solve_max_flow_with_min_cost``
(cost-scaling push-relabel): the maximum flow is the largest number of mentees matched and,
among maximum flows, the cost is the largest total (integer-scaled) score -- exactly the
lexicographic objective, with no capacity expansion.  ``scale`` is 1e9 (scores rounded to
1e-9; the certificate below is computed from the float scores, so it stays valid).  Without
OR-Tools the same optimum comes from a maximum-weight full matching on the capacity expansion
(``scipy.sparse.csgraph.min_weight_full_bipartite_matching``, LAPJVsp), slower.

Certificate (Lagrangian / LP dual bound): for any mentor prices ``p >= 0`` ``(m,)``,

    sum_ij W_ij x_ij <= sum_i max(1, max_j (W_ij - p_j)) + sum_j capacity_j p_j.

Prices are recovered from the optimal assignment by longest-path relaxation over the residual
graph (vectorised Bellman-Ford), which gives the exact LP dual, so the gap is ~0 on the
candidate graph.  ``upper_bound`` converts the bound back to total score at the matched count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph

__all__ = [
    "OptimalSolution",
    "expand",
    "lexicographic_weights",
    "solve_optimal",
    "upper_bound_from_prices",
]


@dataclass(frozen=True)
class OptimalSolution:
    assignment: NDArray[np.int64]  # (n,) mentor index or -1
    prices: NDArray[np.float64]  # (m,) dual prices in W units
    big_k: float
    s_min: float
    objective: float  # total score of matched pairs
    matched: int
    upper_bound: float  # on total score among assignments with `matched` mentees matched


ScoreRange = tuple[float, float]


def lexicographic_weights(
    g: CandidateGraph, score_range: ScoreRange | None = None
) -> tuple[NDArray[np.float64], float, float]:
    """``(W per edge, K, s_min)``.  ``score_range`` widens ``[s_min, s_max]`` to every
    score a pair *could* have (e.g. ``(0, max_score)`` when the graph holds only the top-k
    candidates), so that ``K`` also separates matched counts for pairs left out."""
    lo, hi = score_range if score_range is not None else (np.inf, -np.inf)
    if len(g.score):
        lo, hi = min(lo, float(g.score.min())), max(hi, float(g.score.max()))
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return np.zeros(0), 1.0, 0.0
    s_min = lo
    span = hi - lo
    big_k = g.n * span + 1.0
    return 1.0 + big_k + (g.score - s_min), big_k, s_min


def expand(
    g: CandidateGraph,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Capacity expansion.  Returns ``(edge_index, slot_col, slot_owner, slot_offset)``:
    expanded edge ``e`` copies candidate edge ``edge_index[e]`` into slot column
    ``slot_col[e]``; ``slot_owner`` ``(slots,)`` gives each slot's mentor."""
    deg = np.bincount(g.col, minlength=g.m).astype(np.int64)
    slots = np.minimum(g.capacity, deg)
    offset = np.concatenate([[0], np.cumsum(slots)]).astype(np.int64)
    rep = slots[g.col]
    edge_index = np.repeat(np.arange(len(g.col), dtype=np.int64), rep)
    within = np.arange(int(rep.sum()), dtype=np.int64) - np.repeat(np.cumsum(rep) - rep, rep)
    slot_col = offset[g.col][edge_index] + within
    slot_owner = np.repeat(np.arange(g.m, dtype=np.int64), slots)
    return edge_index, slot_col, slot_owner, offset


FLOW_SCALE = 1e9


def _flow_available() -> bool:
    try:
        from ortools.graph.python import min_cost_flow  # noqa: F401
    except ImportError:
        return False
    return True


def _match_flow(g: CandidateGraph) -> NDArray[np.int64]:
    """Most mentees matched, then the largest total score, by min-cost flow (OR-Tools)."""
    from ortools.graph.python import min_cost_flow

    n, m, e = g.n, g.m, len(g.row)
    src, sink = n + m, n + m + 1
    arcs = n + e + m
    tails = np.empty(arcs, dtype=np.int32)
    heads = np.empty(arcs, dtype=np.int32)
    tails[:n] = src
    heads[:n] = np.arange(n, dtype=np.int32)
    tails[n : n + e] = g.row
    heads[n : n + e] = g.col
    heads[n : n + e] += n
    tails[n + e :] = np.arange(n, n + m, dtype=np.int32)
    heads[n + e :] = sink
    capa = np.ones(arcs, dtype=np.int64)
    capa[n + e :] = g.capacity
    top = float(np.abs(g.score).max()) if e else 1.0
    # OR-Tools scales costs by the node count internally: keep that far from int64 overflow
    scale = min(FLOW_SCALE, 2.0**60 / ((n + m + 3) * max(top, 1e-300) * 4))
    cost = np.zeros(arcs, dtype=np.int64)
    cost[n : n + e] = np.rint(g.score * -scale)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, capa, cost)
    del tails, heads, capa, cost
    smcf.set_node_supply(src, n)
    smcf.set_node_supply(sink, -n)
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = smcf.flows(np.arange(n, n + e, dtype=np.int32)) > 0
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[g.row[used]] = g.col[used]
    return assignment


def _match(g: CandidateGraph, w: NDArray[np.float64]) -> NDArray[np.int64]:
    if g.n and len(g.row) and _flow_available():
        return _match_flow(g)
    return _match_lapjv(g, w)


def _match_lapjv(g: CandidateGraph, w: NDArray[np.float64]) -> NDArray[np.int64]:
    import scipy.sparse as sp
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    assignment = np.full(g.n, -1, dtype=np.int64)
    if g.n == 0 or len(g.row) == 0:
        return assignment
    edge_index, slot_col, slot_owner, offset = expand(g)
    n_slots = int(offset[-1])
    rows = np.concatenate([g.row[edge_index], np.arange(g.n, dtype=np.int64)])
    cols = np.concatenate([slot_col, n_slots + np.arange(g.n, dtype=np.int64)])
    data = np.concatenate([w[edge_index], np.ones(g.n)])
    bi = sp.csr_matrix((data, (rows, cols)), shape=(g.n, n_slots + g.n))
    r, c = min_weight_full_bipartite_matching(bi, maximize=True)
    real = c < n_slots
    assignment[r[real]] = slot_owner[c[real]]
    return assignment


def assigned_edges(g: CandidateGraph, assignment: NDArray[np.int64]) -> NDArray[np.int64]:
    """Index of each mentee's assigned edge ``(n,)`` (-1 when unmatched)."""
    out = np.full(g.n, -1, dtype=np.int64)
    hit = assignment[g.row] == g.col
    out[g.row[hit]] = np.flatnonzero(hit)
    return out


def recover_prices(
    g: CandidateGraph, assignment: NDArray[np.int64], w: NDArray[np.float64], *, max_iter: int = 500
) -> NDArray[np.float64]:
    """Mentor prices ``(m,)`` >= 0 from the assignment (see module docstring)."""
    p = np.zeros(g.m, dtype=np.float64)
    if len(g.row) == 0:
        return p
    ae = assigned_edges(g, assignment)
    own = ae[g.row]  # (E,) the assigned edge of the edge's mentee (or -1)
    un = own < 0
    if un.any():
        np.maximum.at(p, g.col[un], w[un] - 1.0)
    p = np.maximum(p, 0.0)
    a = ~un
    src = assignment[g.row[a]]
    delta = w[a] - w[own[a]]
    dst = g.col[a]
    order = np.argsort(dst, kind="stable")
    src, delta, dst = src[order], delta[order], dst[order]
    if len(dst) == 0:
        return p
    starts = np.flatnonzero(np.r_[True, dst[1:] != dst[:-1]])
    cols = dst[starts]
    tol = 1e-12 * float(np.abs(w).max())
    for _ in range(max_iter):
        cand = np.maximum.reduceat(p[src] + delta, starts)
        better = cand > p[cols] + tol
        if not better.any():
            break
        p[cols[better]] = cand[better]
    return p


def upper_bound_from_prices(
    row_best: NDArray[np.float64], prices: NDArray[np.float64], capacity: NDArray[np.int64]
) -> float:
    """``row_best[i] = max(1, max_j W_ij - p_j)``; returns the dual bound in W units."""
    return float(row_best.sum() + (capacity.astype(np.float64) * prices).sum())


def candidate_row_best(
    g: CandidateGraph, w: NDArray[np.float64], prices: NDArray[np.float64]
) -> NDArray[np.float64]:
    best = np.ones(g.n, dtype=np.float64)
    if len(g.row):
        np.maximum.at(best, g.row, w - prices[g.col])
    return best


def solve_optimal(g: CandidateGraph, score_range: ScoreRange | None = None) -> OptimalSolution:
    w, big_k, s_min = lexicographic_weights(g, score_range)
    assignment = _match(g, w)
    prices = recover_prices(g, assignment, w)
    ae = assigned_edges(g, assignment)
    matched = int((ae >= 0).sum())
    objective = float(g.score[ae[ae >= 0]].sum())
    ub_w = upper_bound_from_prices(candidate_row_best(g, w, prices), prices, g.capacity)
    ub = ub_w - g.n - matched * (big_k - s_min)
    return OptimalSolution(assignment, prices, big_k, s_min, objective, matched, max(ub, objective))

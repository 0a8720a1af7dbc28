"""Fair assignment: most mentees matched, then the largest possible minimum score over matched
mentees (bottleneck), then the largest total score under that minimum.

Shapes as in :mod:`mentormatch_engine.graph`.  The bottleneck ``t*`` is the largest candidate
score such that the edges with ``score >= t*`` still match as many mentees as the optimum;
found by binary search over the sorted distinct scores, each step a maximum-cardinality
matching (Hopcroft-Karp, ``scipy.sparse.csgraph.maximum_bipartite_matching``) on the
capacity-expanded graph ``(n, slots)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph
from mentormatch_engine.solvers.optimal import expand, solve_optimal

__all__ = ["solve_fair"]


def _subgraph(g: CandidateGraph, keep: NDArray[np.bool_]) -> CandidateGraph:
    return CandidateGraph(g.n, g.m, g.capacity, g.row[keep], g.col[keep], g.score[keep], g.complete)


def _max_matched(g: CandidateGraph) -> int:
    import scipy.sparse as sp
    from scipy.sparse.csgraph import maximum_bipartite_matching

    if len(g.row) == 0:
        return 0
    edge_index, slot_col, _, offset = expand(g)
    bi = sp.csr_matrix(
        (np.ones(len(edge_index), dtype=np.int8), (g.row[edge_index], slot_col)),
        shape=(g.n, int(offset[-1])),
    )
    match = maximum_bipartite_matching(bi, perm_type="column")
    return int((match >= 0).sum())


def solve_fair(
    g: CandidateGraph, target_matched: int | None = None
) -> tuple[NDArray[np.int64], float]:
    """Returns ``(assignment (n,), bottleneck score)``."""
    if target_matched is None:
        target_matched = solve_optimal(g).matched
    if target_matched == 0 or len(g.score) == 0:
        return solve_optimal(g).assignment, 0.0
    levels = np.unique(g.score)  # ascending
    lo, hi = 0, len(levels) - 1  # levels[lo] is always feasible (all edges)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _max_matched(_subgraph(g, g.score >= levels[mid])) >= target_matched:
            lo = mid
        else:
            hi = mid - 1
    t = float(levels[lo])
    sol = solve_optimal(_subgraph(g, g.score >= t))
    return sol.assignment, t

"""Stable assignment: mentee-proposing deferred acceptance (Gale-Shapley with capacities).

Both sides rank over the candidate graph by pair score (higher first); ties broken by the
smaller index.  Mentor ``j`` holds at most ``capacity_j`` proposals.  Shapes as in
:mod:`mentormatch_engine.graph`; returns ``assignment`` ``(n,)``.

A *blocking pair* ``(i, j)`` is a candidate edge where mentee ``i`` prefers ``j`` to its
assignment (or is unmatched) and ``j`` has a free slot or prefers ``i`` to one of its mentees.
Deferred acceptance leaves none on the graph it ran on; :func:`blocking_pairs` checks any
assignment.
"""

from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph

__all__ = ["blocking_pairs", "solve_stable"]


def solve_stable(g: CandidateGraph) -> NDArray[np.int64]:
    ptr = g.row_ptr.tolist()
    cols = g.col.tolist()
    scores = g.score.tolist()
    cap = g.capacity.tolist()
    held: list[list[tuple[float, int, int]]] = [[] for _ in range(g.m)]  # (score, -i, i) heap
    nxt = ptr[:-1].copy()
    free = list(range(g.n - 1, -1, -1))
    assignment = [-1] * g.n
    while free:
        i = free.pop()
        while nxt[i] < ptr[i + 1]:
            e = nxt[i]
            nxt[i] += 1
            j = cols[e]
            if cap[j] <= 0:
                continue
            item = (scores[e], -i, i)
            h = held[j]
            if len(h) < cap[j]:
                heapq.heappush(h, item)
                assignment[i] = j
                break
            if item > h[0]:
                out = heapq.heapreplace(h, item)
                assignment[i] = j
                assignment[out[2]] = -1
                free.append(out[2])
                break
    return np.asarray(assignment, dtype=np.int64)


def blocking_pairs(g: CandidateGraph, assignment: NDArray[np.int64]) -> list[tuple[int, int]]:
    """All blocking candidate edges ``(mentee index, mentor index)``, sorted."""
    if len(g.row) == 0:
        return []
    own = np.full(g.n, -np.inf)
    hit = assignment[g.row] == g.col
    own[g.row[hit]] = g.score[hit]
    count = np.bincount(assignment[assignment >= 0], minlength=g.m)
    # each mentor's worst held (score, -index) pair
    worst_s = np.full(g.m, np.inf)
    worst_neg_i = np.full(g.m, np.inf)
    for e in np.flatnonzero(hit):
        j = int(g.col[e])
        key = (float(g.score[e]), -int(g.row[e]))
        if key < (worst_s[j], worst_neg_i[j]):
            worst_s[j], worst_neg_i[j] = key
    prefers = (g.score > own[g.row]) & ~hit
    room = count[g.col] < g.capacity[g.col]
    beats = (g.score > worst_s[g.col]) | (
        (g.score == worst_s[g.col]) & (-g.row > worst_neg_i[g.col])
    )
    block = prefers & (room | beats) & (g.capacity[g.col] > 0)
    return sorted(zip(g.row[block].tolist(), g.col[block].tolist(), strict=True))

"""The sparse candidate graph the solvers work on, and its encoder (ids <-> indices).

Shapes (``n`` mentees, ``m`` mentors, ``E`` candidate edges):
    ``capacity`` ``(m,)`` int >= 0;  ``row``, ``col`` ``(E,)`` int64 (mentee, mentor index);
    ``score`` ``(E,)`` float64 (higher is better).  Edges are unique per (row, col) and, when
    built by ``from_edges`` or the candidate scan, sorted by (row, -score, col); a graph
    constructed directly may keep its input order (the optimal and fair solvers and the
    certificate accept any order; the stable solver and shortlists need sorted edges).
    Only allowed pairs are edges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "BlockFn",
    "CandidateGraph",
    "Encoder",
    "build_candidates",
    "build_candidates_with_backup",
    "top_rows",
]

# rows -> (scores (b, m), allowed (b, m))
BlockFn = Callable[[NDArray[np.int64]], tuple[NDArray[np.float64], NDArray[np.bool_]]]


@dataclass(frozen=True)
class Encoder:
    """Maps participant ids to matrix indices and back."""

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]

    @classmethod
    def of(cls, mentee_ids: Sequence[str], mentor_ids: Sequence[str]) -> Encoder:
        for kind, ids in (("mentee", mentee_ids), ("mentor", mentor_ids)):
            seen: set[str] = set()
            for x in ids:
                if x in seen:
                    raise ValueError(f"duplicate {kind} id {x!r}")
                seen.add(x)
        return cls(tuple(mentee_ids), tuple(mentor_ids))

    def decode(self, assignment: NDArray[np.int64]) -> dict[str, str | None]:
        return {
            self.mentee_ids[i]: (self.mentor_ids[a] if a >= 0 else None)
            for i, a in enumerate(assignment.tolist())
        }


@dataclass(frozen=True)
class CandidateGraph:
    n: int
    m: int
    capacity: NDArray[np.int64]
    row: NDArray[np.int64]
    col: NDArray[np.int64]
    score: NDArray[np.float64]
    complete: bool  # True when every allowed pair is an edge

    def __post_init__(self) -> None:
        if self.capacity.shape != (self.m,):
            raise ValueError(f"capacity must have shape ({self.m},), got {self.capacity.shape}")
        if (self.capacity < 0).any():
            raise ValueError("capacity must be >= 0")
        if not (len(self.row) == len(self.col) == len(self.score)):
            raise ValueError("row, col and score must have the same length")
        if len(self.score) and not np.isfinite(self.score).all():
            raise ValueError("scores must be finite")
        if len(self.row) and (
            self.row.min() < 0
            or self.row.max() >= self.n
            or self.col.min() < 0
            or self.col.max() >= self.m
        ):
            raise ValueError("edge index out of range")

    @classmethod
    def from_edges(
        cls,
        n: int,
        m: int,
        capacity: NDArray[np.int64],
        row: NDArray[np.int64],
        col: NDArray[np.int64],
        score: NDArray[np.float64],
        complete: bool = True,
    ) -> CandidateGraph:
        """Sort and de-duplicate edges (a repeated pair keeps its best score)."""
        row = np.asarray(row, dtype=np.int64)
        col = np.asarray(col, dtype=np.int64)
        score = np.asarray(score, dtype=np.float64)
        order = np.lexsort((col, -score, row))
        row, col, score = row[order], col[order], score[order]
        if len(row):
            key = row * max(m, 1) + col
            _, first = np.unique(key, return_index=True)
            keep = np.sort(first)
            row, col, score = row[keep], col[keep], score[keep]
        return cls(n, m, np.asarray(capacity, dtype=np.int64), row, col, score, complete)

    def with_edges(
        self, row: NDArray[np.int64], col: NDArray[np.int64], score: NDArray[np.float64]
    ) -> CandidateGraph:
        """This graph plus new edges (pairs not yet edges; repeats among them are dropped),
        still sorted: only the rows that get new edges are re-sorted."""
        if len(row) == 0:
            return self
        key = row * max(self.m, 1) + col
        _, first = np.unique(key, return_index=True)
        row, col, score = row[first], col[first], score[first]
        touched = np.zeros(self.n, dtype=bool)
        touched[row] = True
        hit = touched[self.row]
        r = np.concatenate([self.row[hit], row])
        c = np.concatenate([self.col[hit], col])
        v = np.concatenate([self.score[hit], score])
        order = np.lexsort((c, -v, r))
        r, c, v = r[order], c[order], v[order]
        keep = ~hit
        rr = np.concatenate([self.row[keep], r])
        pos = np.argsort(rr, kind="stable")
        return CandidateGraph(
            self.n,
            self.m,
            self.capacity,
            rr[pos],
            np.concatenate([self.col[keep], c])[pos],
            np.concatenate([self.score[keep], v])[pos],
            self.complete,
        )

    @property
    def row_ptr(self) -> NDArray[np.int64]:
        return np.searchsorted(self.row, np.arange(self.n + 1)).astype(np.int64)


def build_candidates(
    n: int,
    m: int,
    capacity: NDArray[np.int64],
    block_fn: BlockFn,
    *,
    k: int,
    block_rows: int = 1024,
    progress: Callable[[str, float], None] | None = None,
) -> CandidateGraph:
    """Keep, for every mentee, its ``k`` best allowed mentors (all allowed ones when
    ``k <= 0`` or ``k >= m``)."""
    g, _ = build_candidates_with_backup(
        n, m, capacity, block_fn, k=k, extra=0, block_rows=block_rows, progress=progress
    )
    return g


def top_rows(
    s32: NDArray[Any], kk: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """The ``kk`` largest finite entries of every row of ``s32`` ``(b, m)`` (``-inf`` =
    not allowed), ordered by (row, -value, column).  Returns ``(row, col, rank in row)``.

    A strided sample of the columns gives a per-row threshold that about ``2 * kk`` entries
    reach, so only those few entries are sorted instead of partitioning whole rows; a row
    where fewer than ``kk`` entries reach it falls back to its whole row, and a row where
    too many do (ties) to its exact ``kk`` best (exact either way)."""
    m = s32.shape[1]
    stride = 8
    finite = s32 > -np.inf
    if m >= 4 * stride * kk:
        sample = s32[:, ::stride]
        ms = sample.shape[1]
        q = min(ms, 2 * kk // stride + 4)
        thr = np.partition(sample, ms - q, axis=1)[:, ms - q]
        mask = s32 >= thr[:, None]
        short = mask.sum(axis=1) < kk
        short |= thr == -np.inf
        mask &= finite
        if short.any():
            mask[short] = finite[short]
    elif m > kk:
        # narrow rows: the exact kk-th largest value; entries tied with it are all kept
        # here and the column order decides below
        thr = np.partition(s32, m - kk, axis=1)[:, m - kk]
        mask = s32 >= thr[:, None]
        mask &= finite
    else:
        mask = finite
    # many entries tied at the threshold (discrete scores): keep only the kk best of those
    # rows, ties at the kk-th value broken by column, so the sort below stays small
    big = np.flatnonzero(mask.sum(axis=1) > 4 * kk + 64) if m > kk else np.zeros(0, np.int64)
    if len(big):
        sub = s32[big]
        t = np.partition(sub, m - kk, axis=1)[:, m - kk]
        gt = sub > t[:, None]
        eq = sub == t[:, None]
        need = kk - gt.sum(axis=1)
        eq &= np.cumsum(eq, axis=1) <= need[:, None]
        mask[big] = (gt | eq) & finite[big]
    r, c = np.nonzero(mask)
    v = s32[r, c]
    order = np.lexsort((c, -v, r))
    r, c = r[order], c[order]
    first = np.searchsorted(r, r, side="left")
    rank = np.arange(len(r)) - first
    keep = rank < kk
    return r[keep].astype(np.int64), c[keep].astype(np.int64), rank[keep].astype(np.int64)


def build_candidates_with_backup(
    n: int,
    m: int,
    capacity: NDArray[np.int64],
    block_fn: BlockFn,
    *,
    k: int,
    extra: int,
    block_rows: int = 1024,
    progress: Callable[[str, float], None] | None = None,
) -> tuple[CandidateGraph, CandidateGraph | None]:
    """As ``build_candidates``, and also each mentee's next ``extra`` best allowed mentors
    (ranks ``k .. k+extra-1``) as a second graph, the *backup* (``None`` when the candidate
    lists are not truncated).  The backup lets shortlists skip full mentors without
    rescoring whole rows; it is not used by the solvers."""
    rows: list[NDArray[np.int64]] = []
    cols: list[NDArray[np.int64]] = []
    vals: list[NDArray[np.float64]] = []
    b_rows: list[NDArray[np.int64]] = []
    b_cols: list[NDArray[np.int64]] = []
    b_vals: list[NDArray[np.float64]] = []
    keep_all = k <= 0 or k >= m
    extra = max(0, min(extra, m - k)) if not keep_all else 0
    for start in range(0, n, block_rows):
        idx = np.arange(start, min(n, start + block_rows), dtype=np.int64)
        s, ok = block_fn(idx)
        if keep_all:
            r, c = np.nonzero(ok)
            r, c, v = _sorted_rows(r, c.astype(np.int64), s[r, c])
            rows.append(idx[r])
            cols.append(c)
            vals.append(v)
        else:
            # float32 selection is ~2x faster; values are then read back in float64
            s32 = s.astype(np.float32)
            if not ok.all():
                s32[~ok] = -np.inf
            r, c, rank = top_rows(s32, k + extra)
            main = rank < k
            rm, cm, vm = _sorted_rows(r[main], c[main], s[r[main], c[main]])
            rows.append(idx[rm])
            cols.append(cm)
            vals.append(vm)
            if extra:
                bk = ~main
                rb, cb, vb = _sorted_rows(r[bk], c[bk], s[r[bk], c[bk]])
                b_rows.append(idx[rb])
                b_cols.append(cb)
                b_vals.append(vb)
        if progress:
            progress("candidates", min(1.0, (start + block_rows) / max(n, 1)))
    # blocks come in row order and each block is sorted: no global sort
    e = np.zeros(0, dtype=np.int64)

    def cat(parts: list[NDArray[Any]], empty: NDArray[Any]) -> NDArray[Any]:
        return np.concatenate(parts) if parts else empty

    backup: CandidateGraph | None = None
    if not keep_all:
        backup = CandidateGraph(
            n, m, capacity, cat(b_rows, e), cat(b_cols, e), cat(b_vals, np.zeros(0)), False
        )
    g = CandidateGraph(n, m, capacity, cat(rows, e), cat(cols, e), cat(vals, np.zeros(0)), keep_all)
    return g, backup


def _sorted_rows(
    r: NDArray[np.int64], c: NDArray[np.int64], v: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """One block's edges ordered by (row, -score, column) in float64 (the float32 selection
    can order near-ties differently); sorted only when it is not already."""
    if len(r) > 1:
        same = r[1:] == r[:-1]
        ok = (r[1:] > r[:-1]) | (same & ((v[1:] < v[:-1]) | ((v[1:] == v[:-1]) & (c[1:] > c[:-1]))))
        if not ok.all():
            order = np.lexsort((c, -v, r))
            return r[order], c[order], v[order]
    return r, c, v

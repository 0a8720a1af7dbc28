"""Shortlists: for every mentee the assigned mentor first, then the best allowed mentors that
still have room after the assignment, by score (ties: input order), with explained parts.

Taken from the candidate graph plus the backup candidates (each mentee's next best mentors,
both sorted by score); a mentee whose truncated lists both run out is rescored on its whole
row, in blocks, with a vectorised top-k.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.graph import CandidateGraph, Encoder, top_rows
from mentormatch_engine.interface import MatchConfig, ShortlistEntry
from mentormatch_engine.scoring import PairScorer

__all__ = ["build_shortlists"]

RESCORE_BLOCK = 256


@dataclass(frozen=True)
class _Lists:
    """Every mentee's candidates then backups, as one CSR list ``(ptr, col)``."""

    ptr: NDArray[np.int64]
    col: NDArray[np.int64]


def _merged(g: CandidateGraph, backup: CandidateGraph | None) -> _Lists:
    if backup is not None and len(backup.row):
        row = np.concatenate([g.row, backup.row])
        order = np.argsort(row, kind="stable")
        cand_row = row[order]
        cand_col = np.concatenate([g.col, backup.col])[order]
    else:
        cand_row, cand_col = g.row, g.col
    ptr = np.searchsorted(cand_row, np.arange(g.n + 1)).astype(np.int64)
    return _Lists(ptr, cand_col)


def _choose_from_lists(
    lists: _Lists,
    assignment: NDArray[np.int64],
    has_room: NDArray[np.bool_],
    wants: NDArray[np.int64],
    list_len: int,
    truncated: bool,
) -> tuple[list[list[int]], list[int]]:
    """Mentor columns per mentee (assigned first) and the rows that must be rescored."""
    ptr, cand_col = lists.ptr, lists.col
    avoid = np.repeat(assignment, np.diff(ptr)) if len(cand_col) else cand_col
    ok_e = has_room[cand_col] & (cand_col != avoid)
    cum = np.concatenate([[0], np.cumsum(ok_e, dtype=np.int64)])
    avail = cum[ptr[1:]] - cum[ptr[:-1]]
    ok_cols = cand_col[ok_e].tolist()
    ok_ptr = cum[ptr].tolist()
    take = np.minimum(wants, avail).tolist()
    # a list shorter than list_len already holds every allowed mentor of the mentee
    short = (np.minimum(wants, avail) < wants) & (np.diff(ptr) >= list_len)
    redo = np.flatnonzero(short).tolist() if truncated else []
    chosen: list[list[int]] = []
    for i, ai in enumerate(assignment.tolist()):
        lo = ok_ptr[i]
        chosen.append(([ai] if ai >= 0 else []) + ok_cols[lo : lo + take[i]])
    return chosen, redo


def _rescore(
    scorer: PairScorer,
    rows_all: list[int],
    assignment: NDArray[np.int64],
    has_room: NDArray[np.bool_],
    wants: NDArray[np.int64],
    size: int,
    chosen: list[list[int]],
) -> None:
    """Whole-row choice for ``rows_all`` (in place in ``chosen``)."""
    for start in range(0, len(rows_all), RESCORE_BLOCK):
        rows = np.array(rows_all[start : start + RESCORE_BLOCK], dtype=np.int64)
        blk = scorer.block(rows)
        masked = np.where(blk.allowed & has_room[None, :], blk.score, -np.inf)
        ai_rows = assignment[rows]
        has = np.flatnonzero(ai_rows >= 0)
        masked[has, ai_rows[has]] = -np.inf
        # best `want` per row by (-score, column), vectorised over the block
        r, c, pos = top_rows(masked, max(size, 1))
        keep = pos < wants[rows][r]
        r, c = r[keep], c[keep]
        bounds = np.searchsorted(r, np.arange(len(rows) + 1))
        for x, i in enumerate(rows.tolist()):
            ai = int(assignment[i])
            chosen[i] = ([ai] if ai >= 0 else []) + c[bounds[x] : bounds[x + 1]].tolist()


def _entries(
    scorer: PairScorer,
    chosen: list[list[int]],
    assignment: NDArray[np.int64],
    config: MatchConfig,
    encoder: Encoder,
) -> dict[str, tuple[ShortlistEntry, ...]]:
    """Score every chosen pair once (vectorised), then build the explained entries."""
    lens = [len(c) for c in chosen]
    ii = np.repeat(np.arange(len(chosen), dtype=np.int64), lens)
    jj = np.array([j for cols in chosen for j in cols], dtype=np.int64)
    score, aff, crit = scorer.pairs(ii, jj)
    tables = scorer.rules.tables
    out: dict[str, tuple[ShortlistEntry, ...]] = {}
    e = 0
    for i, cols in enumerate(chosen):
        ai = int(assignment[i])
        idx = list(range(e, e + len(cols)))
        e += len(cols)
        head = idx[:1] if ai >= 0 else []
        tail = sorted(idx[len(head) :], key=lambda x: (-score[x], int(jj[x])))
        entries = []
        for rank, x in enumerate(head + tail, start=1):
            j = int(jj[x])
            parts = {"affinity": round(float(config.affinity_weight * aff[x]), 6)}
            met = []
            for tb, cs in zip(tables, crit, strict=True):
                v = float(cs[x])
                if tb.crit.role == "weighted":
                    parts[tb.crit.key] = round(tb.crit.weight * v, 6)
                if tb.has_pref[i] and v > 0:
                    met.append(tb.crit.label or tb.crit.key)
            entries.append(
                ShortlistEntry(
                    mentor_id=encoder.mentor_ids[j],
                    score=float(score[x]),
                    rank=rank,
                    assigned=bool(rank == 1 and ai >= 0),
                    parts=parts,
                    shared_topics=scorer.affinity.shared_topics(i, j, config.shared_topics),
                    preferences_met=tuple(met),
                )
            )
        out[encoder.mentee_ids[i]] = tuple(entries)
    return out


def build_shortlists(
    scorer: PairScorer,
    g: CandidateGraph,
    backup: CandidateGraph | None,
    assignment: NDArray[np.int64],
    config: MatchConfig,
    encoder: Encoder,
    list_len: int,
) -> tuple[dict[str, tuple[ShortlistEntry, ...]], int]:
    """``(shortlists by mentee id, number of rows rescored on their whole row)``.

    ``list_len`` is the length of a truncated candidate + backup list: a mentee's list
    shorter than that already holds every allowed mentor."""
    if config.shortlist_size <= 0:
        return dict.fromkeys(encoder.mentee_ids, ()), 0
    count = np.bincount(assignment[assignment >= 0], minlength=g.m)
    has_room = (g.capacity - count) > 0
    wants = config.shortlist_size - (assignment >= 0).astype(np.int64)
    # rows are rescored only if some mentor still has room (else nothing can be added)
    truncated = not g.complete and bool(has_room.any())
    chosen, redo = _choose_from_lists(
        _merged(g, backup), assignment, has_room, wants, list_len, truncated
    )
    _rescore(scorer, redo, assignment, has_room, wants, config.shortlist_size, chosen)
    return _entries(scorer, chosen, assignment, config, encoder), len(redo)

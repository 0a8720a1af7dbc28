"""The whole pipeline: records -> affinity -> rules -> candidate graph -> solver -> decode."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.affinity import AffinityModel, AffinitySettings
from mentormatch_engine.embedding import Embedder
from mentormatch_engine.graph import (
    CandidateGraph,
    Encoder,
    build_candidates_with_backup,
    top_rows,
)
from mentormatch_engine.interface import (
    Certificate,
    MatchConfig,
    MatchResult,
    Participant,
    ShortlistEntry,
)
from mentormatch_engine.rules import Rules, validate_config
from mentormatch_engine.scoring import AffinitySource, PairScorer
from mentormatch_engine.solvers import blocking_pairs, solve_fair, solve_optimal, solve_stable
from mentormatch_engine.solvers.optimal import (
    assigned_edges,
    candidate_row_best,
    lexicographic_weights,
)

__all__ = ["match", "solve_round"]

Progress = Callable[[str, float], None]
AUTO_DENSE_PAIRS = 4_000_000
AUTO_K = 64
BACKUP_MIN = 16  # backup candidates kept per mentee for shortlists (at least; else k)


def _validate_participants(mentees: Sequence[Participant], mentors: Sequence[Participant]) -> None:
    for kind, people in (("mentee", mentees), ("mentor", mentors)):
        for p in people:
            if not isinstance(p, Participant):
                raise ValueError(f"{kind}s must be Participant objects, got {type(p).__name__}")
            if isinstance(p.capacity, bool) or not isinstance(p.capacity, (int, np.integer)):
                raise ValueError(f"{kind} {p.record.id!r}: capacity must be an integer")
            if p.capacity < 0:
                raise ValueError(f"{kind} {p.record.id!r}: negative capacity {p.capacity}")


def match(
    mentees: Sequence[Participant],
    mentors: Sequence[Participant],
    config: MatchConfig,
    *,
    progress: Progress | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    embedder: Embedder | None = None,
) -> MatchResult:
    """Match mentees to mentors (see interface.py for the score and the rules).

    ``progress(step, fraction)`` is called during long steps.  ``cache_dir`` keeps publication
    embeddings by content hash.  ``embedder`` replaces the default sentence-embedding model
    (a seam for tests and other models)."""
    validate_config(config)
    _validate_participants(mentees, mentors)
    encoder = Encoder.of([p.record.id for p in mentees], [p.record.id for p in mentors])
    t0 = time.perf_counter()
    settings = AffinitySettings(
        method=config.affinity_method,  # type: ignore[arg-type]
        embedding_weight=config.embedding_weight,
    )
    affinity = AffinityModel(
        [p.record for p in mentees],
        [p.record for p in mentors],
        settings,
        embedder=embedder,
        cache_dir=cache_dir,
        progress=progress,
    )
    t_aff = time.perf_counter() - t0
    rules = Rules(mentees, mentors, config)
    result = solve_round(affinity, rules, config, encoder, progress=progress)
    summary = dict(result.summary)
    timings = dict(summary.get("seconds", {}))  # type: ignore[call-overload]
    timings["affinity_fit"] = round(t_aff, 3)
    summary["seconds"] = timings
    return MatchResult(
        result.assignment, result.shortlists, result.certificate, result.blocking_pairs, summary
    )


def _block_rows(m: int) -> int:
    return int(max(16, min(2048, 8_000_000 // max(m, 1))))


def solve_round(
    affinity: AffinitySource,
    rules: Rules,
    config: MatchConfig,
    encoder: Encoder,
    *,
    progress: Progress | None = None,
) -> MatchResult:
    """Candidate graph, solver, certificate and shortlists for prepared affinity + rules."""
    validate_config(config)
    n, m = rules.n, rules.m
    scorer = PairScorer(affinity, rules, config)
    times: dict[str, float] = {}
    t = time.perf_counter()
    k = config.candidates_per_mentee
    if k <= 0:
        k = 0 if n * m <= AUTO_DENSE_PAIRS else AUTO_K
    rows_per_block = _block_rows(m)
    # keep the next few candidates too, so shortlists can skip full mentors without
    # rescoring whole rows
    extra = max(BACKUP_MIN, k) if config.shortlist_size > 0 else 0
    list_len = 0 if (k <= 0 or k >= m) else k + min(extra, m - k)
    g, backup = build_candidates_with_backup(
        n,
        m,
        rules.capacity,
        scorer.scores_allowed,
        k=k,
        extra=extra,
        block_rows=rows_per_block,
        progress=progress,
    )
    times["candidates"] = time.perf_counter() - t
    t = time.perf_counter()
    if progress:
        progress("assignment", 0.0)
    opt = solve_optimal(g)
    bottleneck: float | None = None
    blocking: list[tuple[int, int]] = []
    if config.mode == "optimal":
        assignment = opt.assignment
    elif config.mode == "fair":
        assignment, bottleneck = solve_fair(g, opt.matched)
    else:
        assignment = solve_stable(g)
        blocking = blocking_pairs(g, assignment)
    if progress:
        progress("assignment", 1.0)
    times["assignment"] = time.perf_counter() - t
    t = time.perf_counter()
    w_edges, big_k, s_min = lexicographic_weights(g)
    count = np.bincount(assignment[assignment >= 0], minlength=m)
    has_room = (rules.capacity - count) > 0
    ae = assigned_edges(g, assignment)
    assigned_score = np.where(ae >= 0, g.score[np.maximum(ae, 0)] if len(g.score) else 0, np.nan)
    shortlists: dict[str, tuple[ShortlistEntry, ...]] = {}
    redone = 0
    if config.shortlist_size > 0:
        if progress:
            progress("shortlists", 0.0)
        redone = _shortlists(
            scorer, g, backup, assignment, has_room, config, encoder, shortlists, list_len
        )
        if progress:
            progress("shortlists", 1.0)
    else:
        shortlists = dict.fromkeys(encoder.mentee_ids, ())
    times["shortlists"] = time.perf_counter() - t
    t = time.perf_counter()
    row_best = candidate_row_best(g, w_edges, opt.prices)
    if not g.complete:
        if config.full_bound:
            # another pass over every allowed pair: max(1, max_j W_ij - p_j)
            for start in range(0, n, rows_per_block):
                rows = np.arange(start, min(n, start + rows_per_block), dtype=np.int64)
                blk = scorer.block(rows)
                t_blk = blk.score
                t_blk -= opt.prices[None, :]
                t_blk[~blk.allowed] = -np.inf
                best = t_blk.max(axis=1) if m else np.full(len(rows), -np.inf)
                row_best[rows] = np.maximum(1.0, 1.0 + big_k - s_min + best)
                if progress:
                    progress("full bound", min(1.0, (start + rows_per_block) / max(n, 1)))
        else:
            # a pair left out of a truncated candidate list scores at most the list's last
            # score, and prices are >= 0
            ptr = g.row_ptr
            size = np.diff(ptr)
            cut = np.flatnonzero(size >= k)
            last = g.score[ptr[cut + 1] - 1]
            row_best[cut] = np.maximum(row_best[cut], 1.0 + big_k - s_min + last)
    times["bound"] = time.perf_counter() - t
    matched = int((assignment >= 0).sum())
    objective = float(np.nansum(assigned_score))
    ub_w = float(row_best.sum() + (rules.capacity.astype(np.float64) * opt.prices).sum())
    ub_full = ub_w - n - opt.matched * (big_k - s_min)
    upper = max(ub_full, opt.objective) if not g.complete else opt.upper_bound
    gap = (upper - objective) / max(abs(upper), 1e-12)
    cert = Certificate(matched=matched, objective=objective, upper_bound=upper, gap=max(gap, 0.0))
    matched_scores = assigned_score[assignment >= 0]
    summary: dict[str, object] = {
        "mentees": n,
        "mentors": m,
        "mode": config.mode,
        "affinity_method": affinity.method,
        "matched": matched,
        "unmatched": n - matched,
        "total_capacity": int(rules.capacity.sum()),
        "candidate_edges": len(g.row),
        "candidates_per_mentee": k if k > 0 else "all",
        "shortlist_rows_rescored": redone,
        "objective": objective,
        "upper_bound": upper,
        "gap": cert.gap,
        "optimal_objective": opt.objective,
        "mean_score": float(matched_scores.mean()) if matched else 0.0,
        "min_score": float(matched_scores.min()) if matched else 0.0,
        "seed": config.seed,
        "seconds": {key: round(v, 3) for key, v in times.items()},
    }
    if bottleneck is not None:
        summary["bottleneck"] = bottleneck
    if config.mode == "stable":
        summary["blocking_pairs"] = len(blocking)
    bp = tuple((encoder.mentee_ids[i], encoder.mentor_ids[j]) for i, j in blocking)
    return MatchResult(encoder.decode(assignment), shortlists, cert, bp, summary)


def _shortlists(
    scorer: PairScorer,
    g: CandidateGraph,
    backup: CandidateGraph | None,
    assignment: NDArray[np.int64],
    has_room: NDArray[np.bool_],
    config: MatchConfig,
    encoder: Encoder,
    out: dict[str, tuple[ShortlistEntry, ...]],
    list_len: int,
) -> int:
    """For every mentee: the assigned mentor first, then the best allowed mentors that still
    have room, by score (ties: input order).  Taken from the candidate graph plus the backup
    candidates (each mentee's next best mentors, both sorted by score); a mentee whose
    truncated lists both run out is recomputed from its whole row.  Returns how many rows
    were recomputed."""
    k = config.shortlist_size
    n = g.n
    if backup is not None and len(backup.row):
        # one list per mentee: its candidates, then its backups (ranks k, k+1, ...)
        row = np.concatenate([g.row, backup.row])
        order = np.argsort(row, kind="stable")
        cand_row = row[order]
        cand_col = np.concatenate([g.col, backup.col])[order]
    else:
        cand_row, cand_col = g.row, g.col
    ptr = np.searchsorted(cand_row, np.arange(n + 1)).astype(np.int64)
    room_e = has_room[cand_col]
    avoid = np.repeat(assignment, np.diff(ptr)) if len(cand_col) else cand_col
    ok_e = room_e & (cand_col != avoid)
    pick_i: list[int] = []
    pick_j: list[int] = []
    chosen: list[list[int]] = []
    redo: list[int] = []
    cum = np.concatenate([[0], np.cumsum(ok_e, dtype=np.int64)])
    avail = cum[ptr[1:]] - cum[ptr[:-1]]
    wants = k - (assignment >= 0).astype(np.int64)
    ok_cols = cand_col[ok_e]
    ok_ptr = cum[ptr]
    # rows are recomputed only if some mentor still has room (else nothing can be added)
    truncated = not g.complete and bool(has_room.any())
    for i in range(n):
        ai = int(assignment[i])
        want = int(wants[i])
        lo = int(ok_ptr[i])
        take = min(want, int(avail[i]))
        cols = ([ai] if ai >= 0 else []) + ok_cols[lo : lo + take].tolist()
        # a list shorter than list_len already holds every allowed mentor of the mentee
        if take < want and truncated and int(ptr[i + 1] - ptr[i]) >= list_len:
            redo.append(i)
        chosen.append(cols)
    for start in range(0, len(redo), 256):
        rows = np.array(redo[start : start + 256], dtype=np.int64)
        blk = scorer.block(rows)
        masked = np.where(blk.allowed & has_room[None, :], blk.score, -np.inf)
        ai_rows = assignment[rows]
        has = np.flatnonzero(ai_rows >= 0)
        masked[has, ai_rows[has]] = -np.inf
        # best `want` per row by (-score, column), vectorised over the block
        r, c, pos = top_rows(masked, max(k, 1))
        keep = pos < wants[rows][r]
        r, c = r[keep], c[keep]
        bounds = np.searchsorted(r, np.arange(len(rows) + 1))
        for x, i in enumerate(rows.tolist()):
            ai = int(assignment[i])
            sel = c[bounds[x] : bounds[x + 1]].tolist()
            chosen[i] = ([ai] if ai >= 0 else []) + sel
    for i, cols in enumerate(chosen):
        pick_i.extend([i] * len(cols))
        pick_j.extend(cols)
    ii = np.array(pick_i, dtype=np.int64)
    jj = np.array(pick_j, dtype=np.int64)
    score, aff, crit = scorer.pairs(ii, jj)
    tables = scorer.rules.tables
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
    return len(redo)

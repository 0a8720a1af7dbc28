"""The whole pipeline: records -> affinity -> rules -> candidate graph -> solver -> decode."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

import numpy as np

from mentormatch_engine.affinity import AffinityModel, AffinitySettings
from mentormatch_engine.certificate import (
    BoundInputs,
    certified_optimum,
    certify,
    matched_upper_bound,
)
from mentormatch_engine.embedding import Embedder
from mentormatch_engine.graph import CandidateGraph, Encoder, build_candidates_with_backup
from mentormatch_engine.interface import Certificate, MatchConfig, MatchResult, Participant
from mentormatch_engine.rules import Rules, validate_config
from mentormatch_engine.scoring import AffinitySource, PairScorer
from mentormatch_engine.shortlists import build_shortlists
from mentormatch_engine.solvers import ModeResult, OptimalSolution, get_solver
from mentormatch_engine.solvers.optimal import assigned_edges

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
        result.assignment,
        result.shortlists,
        result.certificate,
        result.blocking_pairs,
        summary,
        max_score=result.max_score,
    )


def _block_rows(m: int) -> int:
    return int(max(16, min(2048, 8_000_000 // max(m, 1))))


def _candidate_lengths(config: MatchConfig, n: int, m: int) -> tuple[int, int, int]:
    """``(k, backup, list_len)``: candidates per mentee (0 = all), backups kept for
    shortlists, and the length of a truncated candidate + backup list."""
    k = config.candidates_per_mentee
    if k <= 0:
        k = 0 if n * m <= AUTO_DENSE_PAIRS else AUTO_K
    # keep the next few candidates too, so shortlists can skip full mentors without
    # rescoring whole rows
    extra = max(BACKUP_MIN, k) if config.shortlist_size > 0 else 0
    list_len = 0 if (k <= 0 or k >= m) else k + min(extra, m - k)
    return k, extra, list_len


def _step(progress: Progress | None, name: str, fraction: float) -> None:
    if progress:
        progress(name, fraction)


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
    k, extra, list_len = _candidate_lengths(config, n, m)
    rows_per_block = _block_rows(m)
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
    _step(progress, "assignment", 0.0)
    bound_inputs = BoundInputs(
        rows_fn=scorer.scores_allowed,
        k=k,
        backup=backup,
        extra=list_len - k if list_len else 0,
        score_range=(0.0, scorer.max_score()),
        full=config.full_bound,
        block_rows=rows_per_block,
        progress=progress,
    )
    # the optimum over every allowed pair: candidate graph grown until the bound covers all
    g_opt, opt, bound, rounds = certified_optimum(g, bound_inputs)
    res = get_solver(config.mode)(g_opt, opt)
    _step(progress, "assignment", 1.0)
    times["assignment"] = time.perf_counter() - t
    t = time.perf_counter()
    _step(progress, "shortlists", 0.0)
    # shortlists read the scan's own sorted lists (the assigned mentor always comes first)
    shortlists, redone = build_shortlists(
        scorer, g, backup, res.assignment, config, encoder, list_len
    )
    _step(progress, "shortlists", 1.0)
    times["shortlists"] = time.perf_counter() - t
    cert = certify(g_opt, res.assignment, opt, bound.row_best)
    summary = _summary(g_opt, res, opt, cert, config, affinity.method, times)
    summary["bound_rounds"] = rounds
    summary["bound_rows_rescored"] = bound.rescored
    summary["candidate_edges_added"] = len(g_opt.row) - len(g.row)
    summary["matched_upper_bound"] = (
        cert.matched if g_opt.complete else matched_upper_bound(g_opt, opt, bound.row_best)
    )
    summary["candidates_per_mentee"] = k if k > 0 else "all"
    summary["shortlist_rows_rescored"] = redone
    summary["max_score"] = scorer.max_score()
    bp = tuple((encoder.mentee_ids[i], encoder.mentor_ids[j]) for i, j in res.blocking)
    return MatchResult(
        encoder.decode(res.assignment),
        shortlists,
        cert,
        bp,
        summary,
        max_score=scorer.max_score(),
    )


def _summary(
    g: CandidateGraph,
    res: ModeResult,
    opt: OptimalSolution,
    cert: Certificate,
    config: MatchConfig,
    method: str,
    times: dict[str, float],
) -> dict[str, object]:
    a = res.assignment
    ae = assigned_edges(g, a)
    matched_scores = g.score[ae[ae >= 0]]
    summary: dict[str, object] = {
        "mentees": g.n,
        "mentors": g.m,
        "mode": config.mode,
        "affinity_method": method,
        "matched": cert.matched,
        "unmatched": g.n - cert.matched,
        "total_capacity": int(g.capacity.sum()),
        "candidate_edges": len(g.row),
        "objective": cert.objective,
        "upper_bound": cert.upper_bound,
        "gap": cert.gap,
        "optimal_objective": opt.objective,
        "mean_score": float(matched_scores.mean()) if len(matched_scores) else 0.0,
        "min_score": float(matched_scores.min()) if len(matched_scores) else 0.0,
        "seed": config.seed,
        "seconds": {key: round(v, 3) for key, v in times.items()},
    }
    if res.bottleneck is not None:
        summary["bottleneck"] = res.bottleneck
    if config.mode == "stable":
        summary["blocking_pairs"] = len(res.blocking)
    return summary

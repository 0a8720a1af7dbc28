"""Hard rules and weighted criteria, computed for blocks of mentee rows at once.

Shapes (``b`` mentee rows in the block, ``m`` mentors):
    ``CriterionTable.block(rows)`` -> ``(scores (b, m) in [0, 1], hard_ok (b, m) bool)``
    ``Rules.allowed(rows)``        -> ``(b, m)`` bool: rank gap, exclusions, capacity > 0,
                                     department "*_required" and every ``role == "hard"`` rule.

Conventions (see interface.py for each kind):
* overlap: ``|wanted ∩ offered| / |wanted|``; a mentee who wants nothing scores 1.  As a hard
  rule at least one wanted value must be offered (or nothing wanted).
* same / attribute: the mentee's value must equal the mentor's value (or be one of the mentor's
  values when the mentor answered a list); missing or ``"no_preference"`` scores 1.  For
  ``same``, a mentor who answered ``"no_preference"`` (e.g. either meeting mode) suits every
  mentee and scores 1 too.
* department: compares both ``PersonRecord.department`` (case-insensitive).  When either
  department is unknown (empty) the "*_required" rules pass and "*_preferred" scores 0.
* a criterion with ``role == "hard"`` must score 1 (for overlap: > 0) for the pair to be allowed.
* a mentee "expressed a preference" when the answer is present and not "no_preference"; only
  then does a met criterion appear in ``preferences_met``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentormatch_engine.interface import AnswerValue, Criterion, MatchConfig, Participant
from mentormatch_engine.solvers import get_solver

__all__ = ["CriterionTable", "Rules", "validate_config"]

NO_PREF = "no_preference"
DEPT_VALUES = ("same_required", "same_preferred", "other_required", "other_preferred", NO_PREF)


def _validate_criterion(c: Criterion) -> None:
    if not c.key or c.key == "affinity":
        raise ValueError(f"criterion key {c.key!r} is empty or reserved")
    if c.kind not in ("overlap", "same", "department", "attribute"):
        raise ValueError(f"criterion {c.key!r}: unknown kind {c.kind!r}")
    if c.role not in ("hard", "weighted"):
        raise ValueError(f"criterion {c.key!r}: role must be 'hard' or 'weighted'")
    if not math.isfinite(c.weight) or c.weight < 0:
        raise ValueError(f"criterion {c.key!r}: weight must be a finite number >= 0")
    if not c.mentee_question:
        raise ValueError(f"criterion {c.key!r}: mentee_question is required")


def validate_config(config: MatchConfig) -> None:
    """Raise ValueError naming the first problem in ``config``."""
    if not math.isfinite(config.affinity_weight):
        raise ValueError("affinity_weight must be a finite number")
    if config.affinity_weight < 0:
        raise ValueError("affinity_weight must be >= 0")
    get_solver(config.mode)  # ValueError naming the known modes
    if isinstance(config.shortlist_size, bool) or config.shortlist_size < 0:
        raise ValueError("shortlist_size must be >= 0")
    if config.min_rank_gap < 0:
        raise ValueError("min_rank_gap must be >= 0")
    if len(set(config.rank_order)) != len(config.rank_order):
        raise ValueError("rank_order has duplicate ranks")
    keys = [c.key for c in config.criteria]
    if len(set(keys)) != len(keys):
        raise ValueError("criteria keys must be unique")
    for c in config.criteria:
        _validate_criterion(c)


def _values(v: AnswerValue) -> list[str]:
    if v is None:
        return []
    if isinstance(v, list):
        return [str(x).strip() for x in v if str(x).strip()]
    s = str(v).strip()
    return [s] if s else []


def _has_pref(v: AnswerValue) -> bool:
    vals = _values(v)
    return bool(vals) and vals != [NO_PREF]


class CriterionTable:
    """One criterion encoded as arrays for vectorised blocks."""

    def __init__(
        self, crit: Criterion, mentees: Sequence[Participant], mentors: Sequence[Participant]
    ) -> None:
        self.crit = crit
        mq = crit.mentor_question or crit.mentee_question
        self.kind = crit.kind
        self.n = len(mentees)
        self.m = len(mentors)
        raw = [p.answers.get(crit.mentee_question) for p in mentees]
        self.has_pref = np.array([_has_pref(v) for v in raw], dtype=bool)
        if crit.kind == "department":
            depts = sorted({p.record.department.casefold() for p in (*mentees, *mentors)} - {""})
            code = {d: i for i, d in enumerate(depts)}
            self.dept_mentee = np.array(
                [code.get(p.record.department.casefold(), -1) for p in mentees], dtype=np.int64
            )
            self.dept_mentor = np.array(
                [code.get(p.record.department.casefold(), -1) for p in mentors], dtype=np.int64
            )
            vals = []
            for v in raw:
                s = _values(v)
                vals.append(s[0] if s and s[0] in DEPT_VALUES else NO_PREF)
            self.dept_rule = np.array([DEPT_VALUES.index(v) for v in vals], dtype=np.int64)
            return
        vocab: dict[str, int] = {}
        mentee_lists = [[x for x in _values(v) if x != NO_PREF] for v in raw]
        mentor_lists = [_values(p.answers.get(mq)) for p in mentors]
        # "same": a mentor without a preference of their own suits every mentee's choice
        self.mentor_flexible = np.array(
            [crit.kind == "same" and NO_PREF in lst for lst in mentor_lists], dtype=bool
        )
        for lst in (*mentee_lists, *mentor_lists):
            for x in lst:
                vocab.setdefault(x.casefold(), len(vocab))
        nv = max(len(vocab), 1)
        wanted = _multi_hot(mentee_lists, vocab, nv)  # (n, V)
        offered_t = sp.csr_matrix(_multi_hot(mentor_lists, vocab, nv).T)  # (V, m)
        self.n_wanted = np.asarray(wanted.sum(axis=1)).ravel()
        # small vocabularies (the usual multiple choice) use dense float32 products
        self.dense = nv <= 512
        self.wanted = wanted.toarray().astype(np.float32) if self.dense else wanted
        self.offered_t = offered_t.toarray().astype(np.float32) if self.dense else offered_t
        inv = np.zeros(self.n, dtype=np.float64)
        np.divide(1.0, self.n_wanted, out=inv, where=self.n_wanted > 0)
        self.inv_wanted = inv

    def pairs(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.float64]:
        """Scores of the pairs ``(i[e], j[e])``, shape ``(E,)`` (same values as ``block``)."""
        if len(i) == 0:
            return np.zeros(0)
        if self.kind == "department":
            vals = [
                self.block(np.array([a], dtype=np.int64))[0][0, b]
                for a, b in zip(i, j, strict=True)
            ]
            out: NDArray[np.float64] = np.array(vals, dtype=np.float64)
            return out
        if self.dense:
            inter = (self.wanted[i] * self.offered_t[:, j].T).sum(axis=1).astype(np.float64)
        else:
            prod = self.wanted[i].multiply(sp.csr_matrix(self.offered_t[:, j].T))
            inter = np.asarray(prod.sum(axis=1), dtype=np.float64).ravel()
        score = inter * self.inv_wanted[i] if self.kind == "overlap" else (inter > 0) * 1.0
        score[self.n_wanted[i] == 0] = 1.0
        score[self.mentor_flexible[j]] = 1.0
        res: NDArray[np.float64] = np.asarray(score, dtype=np.float64)
        return res

    def block(
        self, rows: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_] | None]:
        """``(scores (b, m), hard_ok (b, m) or None when the criterion is not hard)``."""
        b = len(rows)
        if self.kind == "department":
            dm = self.dept_mentee[rows][:, None]
            dr = self.dept_mentor[None, :]
            known = (dm >= 0) & (dr >= 0)
            same = known & (dm == dr)
            other = known & (dm != dr)
            rule = self.dept_rule[rows][:, None]
            score = np.ones((b, self.m), dtype=np.float64)
            hard = np.ones((b, self.m), dtype=bool)
            # 0 same_required, 1 same_preferred, 2 other_required, 3 other_preferred, 4 none
            score = np.where(rule == 1, same.astype(np.float64), score)
            score = np.where(rule == 3, other.astype(np.float64), score)
            hard &= ~((rule == 0) & other)
            hard &= ~((rule == 2) & same)
            score = np.where((rule == 0) | (rule == 2), (hard & known).astype(np.float64), score)
            if self.crit.role == "hard":
                hard &= (score >= 1.0) | (rule == 4) | ~known
            return score, hard
        if self.dense:
            inter = np.asarray(self.wanted[rows] @ self.offered_t, dtype=np.float64)
        else:
            inter = np.asarray((self.wanted[rows] @ self.offered_t).toarray(), dtype=np.float64)
        none_wanted = self.n_wanted[rows] == 0
        if self.kind == "overlap":
            out = inter
            out *= self.inv_wanted[rows][:, None]
        else:  # same / attribute: single wanted value (first one if a list was given)
            out = (inter > 0).astype(np.float64)
            out[:, self.mentor_flexible] = 1.0
        out[none_wanted] = 1.0
        hard_ok: NDArray[np.bool_] | None = (out > 0) if self.crit.role == "hard" else None
        return out, hard_ok


def _multi_hot(lists: list[list[str]], vocab: dict[str, int], nv: int) -> sp.csr_matrix:
    rows: list[int] = []
    cols: list[int] = []
    for i, lst in enumerate(lists):
        for c in sorted({vocab[x.casefold()] for x in lst}):
            rows.append(i)
            cols.append(c)
    data = np.ones(len(rows), dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(lists), nv))


class Rules:
    """All hard rules and criteria for one round."""

    def __init__(
        self, mentees: Sequence[Participant], mentors: Sequence[Participant], config: MatchConfig
    ) -> None:
        self.config = config
        self.n = len(mentees)
        self.m = len(mentors)
        pos = {r.casefold(): i for i, r in enumerate(config.rank_order)}
        self.rank_mentee = np.array([pos.get(p.record.rank.casefold(), -1) for p in mentees])
        self.rank_mentor = np.array([pos.get(p.record.rank.casefold(), -1) for p in mentors])
        self.capacity = np.array([p.capacity for p in mentors], dtype=np.int64)
        mentee_idx = {p.record.id: i for i, p in enumerate(mentees)}
        mentor_idx = {p.record.id: j for j, p in enumerate(mentors)}
        ex: set[tuple[int, int]] = set()
        for i, p in enumerate(mentees):
            for other in p.excluded:
                if other in mentor_idx:
                    ex.add((i, mentor_idx[other]))
        for j, p in enumerate(mentors):
            for other in p.excluded:
                if other in mentee_idx:
                    ex.add((mentee_idx[other], j))
        # Someone who is both a mentee and a mentor is never matched with themself.
        for i, p in enumerate(mentees):
            if p.record.id in mentor_idx:
                ex.add((i, mentor_idx[p.record.id]))
        pairs = sorted(ex)
        self.excluded = sp.csr_matrix(
            (np.ones(len(pairs), dtype=bool), ([a for a, _ in pairs], [b for _, b in pairs])),
            shape=(self.n, self.m),
            dtype=bool,
        )
        self.tables = [CriterionTable(c, mentees, mentors) for c in config.criteria]

    def block(
        self, rows: NDArray[np.int64]
    ) -> tuple[NDArray[np.bool_], NDArray[np.float64], list[NDArray[np.float64]]]:
        """``(allowed (b, m), weighted criteria sum (b, m), per-criterion scores)``."""
        b = len(rows)
        allowed = np.empty((b, self.m), dtype=bool)
        allowed[:] = (self.capacity > 0)[None, :]
        gap = self.config.min_rank_gap
        if gap > 0:
            rm = self.rank_mentee[rows][:, None]
            rr = self.rank_mentor[None, :]
            allowed &= (rm < 0) | (rr < 0) | (rr - rm >= gap)
        if self.excluded.nnz:
            allowed &= ~self.excluded[rows].toarray()
        total: NDArray[np.float64] | None = None
        scores: list[NDArray[np.float64]] = []
        for t in self.tables:
            s, hard = t.block(rows)
            if hard is not None:
                allowed &= hard
            scores.append(s)
            if t.crit.role == "weighted" and t.crit.weight != 0:
                if total is None:
                    total = t.crit.weight * s
                else:
                    total += t.crit.weight * s
        if total is None:
            total = np.zeros((b, self.m), dtype=np.float64)
        return allowed, total, scores

"""Pair scores = documented sum of parts (see interface.py), for blocks of mentee rows.

Shapes (``b`` rows, ``m`` mentors): every array in a :class:`ScoreBlock` is ``(b, m)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from mentormatch_engine.interface import MatchConfig, Topic
from mentormatch_engine.rules import Rules

__all__ = ["AffinitySource", "PairScorer", "ScoreBlock"]


class AffinitySource(Protocol):
    @property
    def method(self) -> str: ...

    @property
    def neutral(self) -> float: ...

    def block(self, rows: NDArray[np.int64]) -> NDArray[np.float64]: ...

    def pairs(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.float64]: ...

    def shared_topics(self, i: int, j: int, k: int = 5) -> tuple[Topic, ...]: ...


@dataclass
class ScoreBlock:
    rows: NDArray[np.int64]
    affinity: NDArray[np.float64]  # in [0, 1]
    criteria: list[NDArray[np.float64]]  # each in [0, 1], one per config.criteria
    allowed: NDArray[np.bool_]
    score: NDArray[np.float64]  # affinity_weight * affinity + sum(weight * criterion)


class PairScorer:
    def __init__(self, affinity: AffinitySource, rules: Rules, config: MatchConfig) -> None:
        self.affinity = affinity
        self.rules = rules
        self.config = config
        self.n = rules.n
        self.m = rules.m

    def block(self, rows: NDArray[np.int64]) -> ScoreBlock:
        allowed, crit_total, crit = self.rules.block(rows)
        if self.config.affinity_weight > 0:
            aff = self.affinity.block(rows)
        else:
            aff = np.zeros((len(rows), self.m))
        score = crit_total  # fresh array owned by this block
        if self.config.affinity_weight == 1.0:
            score += aff
        elif self.config.affinity_weight > 0:
            score += self.config.affinity_weight * aff
        return ScoreBlock(rows, aff, crit, allowed, score)

    def pairs(
        self, i: NDArray[np.int64], j: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], list[NDArray[np.float64]]]:
        """For allowed pairs ``(i[e], j[e])``: ``(score, affinity, criterion scores)``."""
        aff = self.affinity.pairs(i, j) if self.config.affinity_weight > 0 else np.zeros(len(i))
        crit = [t.pairs(i, j) for t in self.rules.tables]
        score = np.zeros(len(i))
        for t, c in zip(self.rules.tables, crit, strict=True):
            if t.crit.role == "weighted" and t.crit.weight != 0:
                score = score + t.crit.weight * c
        aw = self.config.affinity_weight
        score = score + (aff if aw == 1.0 else aw * aff)
        return score, aff, crit

    def scores_allowed(
        self, rows: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        b = self.block(rows)
        return b.score, b.allowed

    def max_score(self) -> float:
        """Largest possible pair score (all parts at 1)."""
        return self.config.affinity_weight + sum(
            c.weight for c in self.config.criteria if c.role == "weighted"
        )

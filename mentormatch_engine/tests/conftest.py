"""Shared helpers for the engine tests (plain pytest; no Django needed)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from mentormatch_engine.interface import AnswerValue, Participant, PersonRecord


class FakeEmbedder:
    """A tiny deterministic embedder (bag of hashed words) that counts what it embeds."""

    name = "fake-test-embedder"

    def __init__(self, dim: int = 32) -> None:
        self.dim = dim
        self.calls: list[str] = []

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % self.dim] += 1.0
        n = np.linalg.norm(out, axis=1, keepdims=True)
        n[n == 0] = 1.0
        res: NDArray[np.float32] = out / n
        return res


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def person(
    pid: str,
    *,
    interests: str = "",
    rank: str = "",
    department: str = "",
    answers: dict[str, AnswerValue] | None = None,
    capacity: int = 1,
    excluded: frozenset[str] = frozenset(),
) -> Participant:
    rec = PersonRecord(id=pid, interests=interests, rank=rank, department=department)
    return Participant(rec, answers=answers or {}, capacity=capacity, excluded=excluded)

"""Affinity between mentees and mentors from their person records.

Shapes (``n`` mentees, ``m`` mentors, ``t`` mentor texts, ``V`` terms, ``d`` embedding dim):

* ``mentee_lex``  CSR ``(n, V)``: TF-IDF of each mentee's whole text, rows L2-normalised.
* ``mentor_lex``  CSR ``(m, V)``: TF-IDF of each mentor's whole text (used for shared topics
  and the ``profile`` pooling).
* ``text_lex``    CSR ``(t, V)``: one row per mentor text (profile, then each publication);
  ``text_owner`` ``(t,)`` maps a text to its mentor, texts of a mentor are contiguous.
* ``mentee_emb``  ``(n, d)`` and ``text_emb`` ``(t, d)``: L2-normalised sentence embeddings
  (mentee vector = normalised mean of its texts' vectors).
* ``block(rows)`` -> ``(len(rows), m)`` float64 affinities in [0, 1].

Scores (the default, chosen with ``bench/affinity_eval.py``; see docs/engine.md)::

    lexical(i, j)   = cos(tfidf_i, tfidf_j)     (each person's whole text as one document)
    embedding(i, j) = cos(e_i, mean_p e_p)      (clipped to [0, 1])
    blend           = (1 - w) * lexical + w * embedding      (w = ``embedding_weight``, 0.5)

``p`` runs over the mentor's texts.  A pair where either side has no text at all gets the
*neutral* score: the mean affinity of the pairs that do have text (so an empty record is
neither favoured nor penalised, and never NaN).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentormatch_engine.embedding import (
    Embedder,
    MiniLMEmbedder,
    embed_with_cache,
    embedding_available,
)
from mentormatch_engine.interface import PersonRecord, Topic
from mentormatch_engine.lexical import TfidfModel, bm25_scores
from mentormatch_engine.text import person_text, person_texts

__all__ = ["AffinityModel", "AffinitySettings", "Method", "Pooling", "VectorAffinity"]

Pooling = Literal["profile", "max", "mean", "profile+max"]
Method = Literal["auto", "lexical", "embedding", "blend", "bm25"]
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class AffinitySettings:
    """How affinity is computed.

    ``method="auto"`` uses ``blend`` when the embedding extra is installed, else ``lexical``.
    """

    method: Method = "auto"
    lexical_pooling: Pooling = "profile"
    embedding_pooling: Pooling = "profile"
    embedding_weight: float = 0.5
    ngram_max: int = 2

    def __post_init__(self) -> None:
        if self.method not in ("auto", "lexical", "embedding", "blend", "bm25"):
            raise ValueError(f"unknown affinity method {self.method!r}")
        for p in (self.lexical_pooling, self.embedding_pooling):
            if p not in ("profile", "max", "mean", "profile+max"):
                raise ValueError(f"unknown pooling {p!r}")
        if not 0.0 <= self.embedding_weight <= 1.0:
            raise ValueError(f"embedding_weight must be in [0, 1], got {self.embedding_weight}")


def _segment_pool(
    sims: NDArray[np.float64], starts: NDArray[np.int64], sizes: NDArray[np.int64], how: str
) -> NDArray[np.float64]:
    """Pool columns of ``sims`` ``(b, t)`` into mentors ``(b, m)``; empty segments -> 0."""
    b = sims.shape[0]
    m = len(starts)
    out = np.zeros((b, m), dtype=np.float64)
    nz = sizes > 0
    if not nz.any() or sims.shape[1] == 0:
        return out
    st = starts[nz]
    if how == "max":
        out[:, nz] = np.maximum.reduceat(sims, st, axis=1)
    else:
        out[:, nz] = np.add.reduceat(sims, st, axis=1) / sizes[nz][None, :]
    return out


class AffinityModel:
    """Fitted affinity for one set of mentees and mentors; compute blocks of rows on demand."""

    def __init__(
        self,
        mentees: Sequence[PersonRecord],
        mentors: Sequence[PersonRecord],
        settings: AffinitySettings | None = None,
        *,
        embedder: Embedder | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings or AffinitySettings()
        method = self.settings.method
        if method == "auto":
            method = "blend" if (embedder is not None or embedding_available()) else "lexical"
        self.method: Method = method
        self.n = len(mentees)
        self.m = len(mentors)
        mentee_docs = [person_text(r) for r in mentees]
        mentor_docs = [person_text(r) for r in mentors]
        texts_per = [person_texts(r) for r in mentors]
        self.text_sizes = np.array([len(t) for t in texts_per], dtype=np.int64)
        self.text_starts = np.concatenate([[0], np.cumsum(self.text_sizes)[:-1]]).astype(np.int64)
        flat_texts = [t for ts in texts_per for t in ts]
        self.mentee_empty = np.array([not d.strip() for d in mentee_docs], dtype=bool)
        self.mentor_empty = self.text_sizes == 0
        if progress:
            progress("affinity: vectorising", 0.0)
        self.tfidf = TfidfModel(ngram_max=self.settings.ngram_max).fit(mentee_docs + mentor_docs)
        self.mentee_lex = self.tfidf.transform(mentee_docs)
        self.mentor_lex = self.tfidf.transform(mentor_docs)
        self.text_lex = self.tfidf.transform(flat_texts)
        self._text_lex_t = sp.csr_matrix(self.text_lex.T)
        self._mentor_lex_t = sp.csr_matrix(self.mentor_lex.T)
        if self.method == "bm25":
            self._mentee_counts = self.tfidf.counts(mentee_docs)
            self._mentor_counts = self.tfidf.counts(mentor_docs)
        if progress:
            progress("affinity: vectorising", 1.0)
        self.mentee_emb: NDArray[np.float32] | None = None
        self.text_emb: NDArray[np.float32] | None = None
        self.mentor_centroid: NDArray[np.float32] | None = None
        if self.method in ("embedding", "blend"):
            self._embed(mentees, flat_texts, embedder or MiniLMEmbedder(), cache_dir, progress)
        self.neutral = 0.0
        self.neutral = self._neutral()

    # -- embeddings -------------------------------------------------------------------------
    def _embed(
        self,
        mentees: Sequence[PersonRecord],
        flat_texts: list[str],
        embedder: Embedder,
        cache_dir: str | os.PathLike[str] | None,
        progress: Progress | None,
    ) -> None:
        mentee_texts = [person_texts(r) for r in mentees]
        mflat = [t for ts in mentee_texts for t in ts]
        allv = embed_with_cache(mflat + flat_texts, embedder, cache_dir, progress=progress)
        dim = allv.shape[1] if allv.size else 1
        mvec = allv[: len(mflat)] if allv.size else np.zeros((0, dim), np.float32)
        tvec = allv[len(mflat) :] if allv.size else np.zeros((0, dim), np.float32)
        sizes = np.array([len(t) for t in mentee_texts], dtype=np.int64)
        emb = np.zeros((self.n, dim), dtype=np.float32)
        if len(mflat):
            owner = np.repeat(np.arange(self.n), sizes)
            np.add.at(emb, owner, mvec)
        self.mentee_emb = _normalize(emb)
        self.text_emb = tvec
        cen = np.zeros((self.m, dim), dtype=np.float32)
        if len(flat_texts):
            np.add.at(cen, np.repeat(np.arange(self.m), self.text_sizes), tvec)
        self.mentor_centroid = _normalize(cen)

    # -- scores -----------------------------------------------------------------------------
    def _lexical(self, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        q = self.mentee_lex[rows]
        how = self.settings.lexical_pooling
        parts = []
        if how in ("profile", "profile+max"):
            parts.append(np.asarray((q @ self._mentor_lex_t).toarray()))
        if how in ("max", "mean", "profile+max"):
            sims = np.asarray((q @ self._text_lex_t).toarray())
            pool = "mean" if how == "mean" else "max"
            parts.append(_segment_pool(sims, self.text_starts, self.text_sizes, pool))
        out: NDArray[np.float64] = sum(parts[1:], parts[0]) / len(parts)
        return out

    def _embedding(self, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        assert self.mentee_emb is not None and self.text_emb is not None
        assert self.mentor_centroid is not None
        q = self.mentee_emb[rows]
        how = self.settings.embedding_pooling
        parts = []
        if how in ("profile", "profile+max"):
            parts.append((q @ self.mentor_centroid.T).astype(np.float64))
        if how in ("max", "mean", "profile+max"):
            sims = (q @ self.text_emb.T).astype(np.float64)
            pool = "mean" if how == "mean" else "max"
            parts.append(_segment_pool(sims, self.text_starts, self.text_sizes, pool))
        out: NDArray[np.float64] = np.clip(sum(parts[1:], parts[0]) / len(parts), 0.0, 1.0)
        return out

    def raw_block(self, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        """Affinities before the neutral fill, ``(len(rows), m)``."""
        if self.method == "lexical":
            return self._lexical(rows)
        if self.method == "embedding":
            return self._embedding(rows)
        if self.method == "bm25":
            s = bm25_scores(self._mentee_counts[rows], self._mentor_counts)
            return s / (s + 10.0)
        w = self.settings.embedding_weight
        return (1.0 - w) * self._lexical(rows) + w * self._embedding(rows)

    def block(self, rows: NDArray[np.int64] | slice) -> NDArray[np.float64]:
        """Affinities in [0, 1] for mentee ``rows`` against all mentors, ``(len(rows), m)``."""
        idx = np.arange(self.n, dtype=np.int64)[rows] if isinstance(rows, slice) else rows
        s = self.raw_block(idx)
        s = np.nan_to_num(s, nan=self.neutral, posinf=1.0, neginf=0.0)
        s[self.mentee_empty[idx], :] = self.neutral
        s[:, self.mentor_empty] = self.neutral
        out: NDArray[np.float64] = np.clip(s, 0.0, 1.0)
        return out

    def pairs(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.float64]:
        """Affinities of the pairs ``(i[e], j[e])``, shape ``(E,)``."""
        out = np.zeros(len(i))
        rows = np.unique(i)
        for start in range(0, len(rows), 256):
            chunk = rows[start : start + 256]
            blk = self.block(chunk)
            pos = np.searchsorted(chunk, i)
            sel = (pos < len(chunk)) & (chunk[np.minimum(pos, len(chunk) - 1)] == i)
            out[sel] = blk[pos[sel], j[sel]]
        return out

    def _neutral(self) -> float:
        ok_rows = np.flatnonzero(~self.mentee_empty)[:256]
        ok_cols = ~self.mentor_empty
        if len(ok_rows) == 0 or not ok_cols.any():
            return 0.0
        s = self.raw_block(ok_rows)[:, ok_cols]
        v = float(np.nanmean(s)) if s.size else 0.0
        return min(max(v, 0.0), 1.0) if np.isfinite(v) else 0.0

    def shared_topics(self, i: int, j: int, k: int = 5) -> tuple[Topic, ...]:
        """The terms contributing most to the lexical cosine of mentee ``i`` and mentor ``j``,
        strongest first.  A phrase absorbs the contribution of its own words (so "heart
        failure" is listed instead of "heart" and "failure"); weight = share of the cosine."""
        a = self.mentee_lex.getrow(i)
        b = self.mentor_lex.getrow(j)
        prod = a.multiply(b).tocoo()
        if prod.nnz == 0:
            return ()
        total = float(prod.data.sum())
        contrib = {
            self.tfidf.terms[int(c)]: float(v) for c, v in zip(prod.col, prod.data, strict=True)
        }
        phrases = sorted((t for t in contrib if " " in t), key=lambda t: (-contrib[t], t))
        merged: dict[str, float] = {}
        used: set[str] = set()
        for ph in phrases:
            words = [w for w in ph.split() if w in contrib and w not in used]
            merged[ph] = contrib[ph] + sum(contrib[w] for w in words)
            used.update(words)
        for t, v in contrib.items():
            if " " not in t and t not in used:
                merged[t] = v
        top = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return tuple(Topic(term=t, weight=round(v / total, 4)) for t, v in top)


def _normalize(x: NDArray[np.float32]) -> NDArray[np.float32]:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    n[n == 0] = 1.0
    out: NDArray[np.float32] = (x / n).astype(np.float32)
    return out


class VectorAffinity:
    """Affinity from precomputed L2-normalised vectors (e.g. cached embeddings):
    ``mentee_vecs`` ``(n, d)``, ``mentor_vecs`` ``(m, d)``; ``block(rows)`` is the clipped
    cosine ``(len(rows), m)``.  No shared topics."""

    method = "vectors"

    def __init__(self, mentee_vecs: NDArray[np.float32], mentor_vecs: NDArray[np.float32]) -> None:
        if mentee_vecs.ndim != 2 or mentor_vecs.ndim != 2:
            raise ValueError("vectors must be 2-D arrays")
        if mentee_vecs.shape[1] != mentor_vecs.shape[1]:
            raise ValueError("mentee and mentor vectors must have the same dimension")
        self.mentee_vecs = mentee_vecs
        self.mentor_vecs_t = np.ascontiguousarray(mentor_vecs.T)
        self.n, self.m = len(mentee_vecs), len(mentor_vecs)
        self.neutral = 0.0

    def block(self, rows: NDArray[np.int64] | slice) -> NDArray[np.float64]:
        s = self.mentee_vecs[rows] @ self.mentor_vecs_t
        np.clip(s, 0.0, 1.0, out=s)
        out: NDArray[np.float64] = s.astype(np.float64)
        return out

    def pairs(self, i: NDArray[np.int64], j: NDArray[np.int64]) -> NDArray[np.float64]:
        s = np.einsum("ed,de->e", self.mentee_vecs[i], self.mentor_vecs_t[:, j])
        out: NDArray[np.float64] = np.clip(s, 0.0, 1.0).astype(np.float64)
        return out

    def shared_topics(self, i: int, j: int, k: int = 5) -> tuple[Topic, ...]:
        return ()

"""Lexical vectors: TF-IDF (word + phrase n-grams, sublinear tf) and BM25.

Shapes:
    ``TfidfModel.transform(texts)`` -> CSR matrix ``(n_texts, n_terms)``, rows L2-normalised
    (an empty text gives an all-zero row).  ``idf`` -> ``(n_terms,)``.
    ``bm25_scores(query_counts, doc_counts, ...)`` -> dense ``(n_queries, n_docs)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from mentormatch_engine.text import terms

__all__ = ["TfidfModel", "bm25_scores"]


class TfidfModel:
    """TF-IDF with sublinear tf (1 + log tf) and smoothed idf, fitted on a corpus of texts.

    Terms seen in fewer than ``min_df`` texts are dropped (0 keeps all)."""

    def __init__(self, *, ngram_max: int = 2, min_df: int = 1) -> None:
        if ngram_max < 1:
            raise ValueError(f"ngram_max must be >= 1, got {ngram_max}")
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.vocabulary: dict[str, int] = {}
        self.terms: list[str] = []
        self.idf: NDArray[np.float64] = np.zeros(0)
        self.n_docs = 0

    def fit(self, texts: Sequence[str]) -> TfidfModel:
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(terms(t, ngram_max=self.ngram_max)))
        kept = sorted(w for w, c in df.items() if c >= self.min_df)
        self.vocabulary = {w: i for i, w in enumerate(kept)}
        self.terms = kept
        n = len(texts)
        dfa = np.array([df[w] for w in kept], dtype=np.float64)
        self.idf = np.log((1.0 + n) / (1.0 + dfa)) + 1.0
        self.n_docs = n
        return self

    def counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Raw term counts, shape ``(n_texts, n_terms)`` (unknown terms ignored)."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        vocab = self.vocabulary
        for t in texts:
            c = Counter(
                j
                for j in (vocab.get(w) for w in terms(t, ngram_max=self.ngram_max))
                if j is not None
            )
            indices.extend(c.keys())
            data.extend(c.values())
            indptr.append(len(indices))
        m = sp.csr_matrix(
            (
                np.asarray(data, dtype=np.float64),
                np.asarray(indices, dtype=np.int64),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(texts), len(self.terms)),
        )
        m.sort_indices()
        return m

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        m = self.counts(texts)
        m.data = 1.0 + np.log(m.data)
        m = sp.csr_matrix(m.multiply(self.idf[None, :]))
        return l2_normalize_rows(m)


def l2_normalize_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def bm25_scores(
    query_counts: sp.csr_matrix,
    doc_counts: sp.csr_matrix,
    *,
    k1: float = 1.2,
    b: float = 0.75,
) -> NDArray[np.float64]:
    """Okapi BM25 of every query (rows of ``query_counts``, binary use of its terms) against
    every document (rows of ``doc_counts``).  Returns ``(n_queries, n_docs)``, >= 0."""
    n_docs = doc_counts.shape[0]
    dl = np.asarray(doc_counts.sum(axis=1)).ravel()
    avgdl = float(dl.mean()) if n_docs and dl.mean() > 0 else 1.0
    df = np.bincount(doc_counts.indices, minlength=doc_counts.shape[1]).astype(np.float64)
    idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
    d = doc_counts.tocoo()
    denom = d.data + k1 * (1.0 - b + b * dl[d.row] / avgdl)
    w = d.data * (k1 + 1.0) / denom * idf[d.col]
    weighted = sp.csr_matrix((w, (d.row, d.col)), shape=doc_counts.shape)
    q = query_counts.copy()
    q.data = np.ones_like(q.data)
    return np.asarray((q @ weighted.T).toarray(), dtype=np.float64)

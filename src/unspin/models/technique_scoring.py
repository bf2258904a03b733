"""The technique tagger's decision layer: which candidate spans to show, how sure each is,
and how dense in techniques a whole article is.

Why a second stage: the heads' token probabilities are not probabilities of being right.
A span's mean probability says little about whether annotators would mark it (on the
validation split only about a quarter of the spans the balanced thresholds keep match a
gold span of the same technique), and a word such as "American" can score high in a
factual sentence. So each candidate span (decoded at the balanced, "recall" thresholds)
is described by a few numbers the heads already produced -- its own probabilities, those
of its sentence and of the whole article, its length and shape -- and a logistic model
fitted on out-of-fold candidates turns them into the probability that the span overlaps
a gold span of the same technique. An isotonic map on top corrects what is left of the
miscalibration. The "precision" setting then keeps the spans whose calibrated score
reaches a threshold chosen by cross-validation for precision.

Everything here is plain arithmetic on stored coefficients (``scoring.json``): applying a
fitted logistic model is a dot product and an isotonic map a ``np.interp``, so the model
folder needs no pickled estimator and loads with any scikit-learn version.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ..errors import ModelError

Setting = Literal["precision", "recall"]
SETTINGS: tuple[Setting, ...] = ("precision", "recall")
_WORD = re.compile(r"\w+")
_QUOTES = "\"“”«»"
EPS = 1e-4
# The article signal is fitted on articles of 112 words and more: below this a text's
# mean probabilities and span density are outside anything it has seen, and a single
# flagged word in a ten-word text would read as an extreme density.
MIN_SIGNAL_WORDS = 100
# The precision setting shows each span cut to its core: the words from the first to the
# last whose probability of the span's technique reaches this level. Shown spans touched
# gold often but covered it loosely (78 % of their characters); on the out-of-fold
# articles 0.9 raised SI precision of the shown spans by about 0.10 and higher levels
# added little more (docs/techniques-model.md, round 6).
CORE_LEVEL = 0.9
# A word of a span: letters and digits, joined by inner hyphens or apostrophes.
_CORE_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words as runs of letters and digits: the denominator of every density here."""
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span decoded at the balanced thresholds, before the decision layer sees it."""

    start: int
    end: int
    technique: int  # output column of the technique
    head_probability: float  # mean token probability of the technique over the run


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the model saw, for a reader who wants to know why a span was flagged."""

    head_probability: float  # mean probability of this technique over the span's tokens
    sentence_probability: float  # highest probability of this technique in the sentence
    # the span starts in (``sentence_start``..``sentence_end``; a span may run past it)
    propaganda_probability: float  # mean "any technique" probability over the span
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class TechniqueFinding:
    """One flagged span: a calibrated score, the plain-language line and the evidence."""

    start: int
    end: int
    technique: str
    score: float  # calibrated P(annotators marked this technique on these words)
    explanation: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ArticleSignal:
    """How much persuasion technique an article carries, at the article level.

    ``technique_density``: spans shown at the precision setting per 1,000 words.
    ``expected_density``: the predicted number of gold technique spans per 1,000 words,
    from the heads' mean "any technique" probability over the article and the density
    of candidate spans (ranks articles better than the count of shown spans, which is
    small and noisy, or the sum of the spans' scores: docs/techniques-model.md).
    ``persuasion_score``: the calibrated probability that annotators of the training
    corpus would mark this article denser in techniques than the median training
    article (``median_density`` gold spans per 1,000 words).
    Both are None for a text under ``MIN_SIGNAL_WORDS`` words.
    """

    words: int
    technique_density: float
    expected_density: float | None
    persuasion_score: float | None


@dataclass
class TokenView:
    """The arrays a span is described from: one text's token probabilities
    ([n_tokens, n_outputs], the last output "any technique"), offsets and sentences."""

    probs: np.ndarray
    offsets: np.ndarray
    sentences: np.ndarray
    words: int

    def span_tokens(self, start: int, end: int) -> np.ndarray:
        inside: np.ndarray = (self.offsets[:, 0] < end) & (self.offsets[:, 1] > start)
        return inside


FEATURES: tuple[str, ...] = (
    "logit_mean", "logit_max", "logit_sentence_max", "logit_sentence_mean", "logit_si_mean",
    "logit_sentence_si_max", "logit_other_max", "logit_article_si_mean",
    "logit_article_mean", "log_tokens", "sentence_share", "single_word", "capitalised",
    "all_caps", "in_quotes", "log_article_candidates",
)


def _logit(p: float) -> float:
    q = min(max(p, EPS), 1 - EPS)
    return float(np.log(q / (1 - q)))


def span_features(text: str, view: TokenView, span: Candidate,
                  n_candidates: int) -> dict[str, float]:
    """The numbers the decision layer reads for one candidate (names in ``FEATURES``).

    ``n_candidates``: candidates of the same technique in the article, so a word the
    heads flag all over one article weighs less than a lone strong hit."""
    inside = view.span_tokens(span.start, span.end)
    if not inside.any():
        inside = np.zeros(len(view.offsets), dtype=bool)
        inside[int(np.searchsorted(view.offsets[:, 0], span.start).clip(0, len(inside) - 1))] = True
    k, probs = span.technique, view.probs
    sentence = view.sentences == view.sentences[np.flatnonzero(inside)[0]]
    others = np.delete(probs[inside, :-1], k, axis=1)
    words = text[span.start:span.end].split()
    first = int(view.offsets[sentence][0, 0])
    return {
        "logit_mean": _logit(float(probs[inside, k].mean())),
        "logit_max": _logit(float(probs[inside, k].max())),
        "logit_sentence_max": _logit(float(probs[sentence, k].max())),
        "logit_sentence_mean": _logit(float(probs[sentence, k].mean())),
        "logit_si_mean": _logit(float(probs[inside, -1].mean())),
        "logit_sentence_si_max": _logit(float(probs[sentence, -1].max())),
        "logit_other_max": _logit(float(others.max()) if others.size else 0.0),
        "logit_article_si_mean": _logit(float(probs[:, -1].mean())),
        "logit_article_mean": _logit(float(probs[:, k].mean())),
        "log_tokens": float(np.log(inside.sum())),
        "sentence_share": float(inside.sum() / sentence.sum()),
        "single_word": float(len(words) == 1),
        "capitalised": float(span.start > first and text[span.start].isupper()),
        "all_caps": float(text[span.start:span.end].isupper()),
        "in_quotes": float(any(c in _QUOTES for c in text[first:span.start])),
        "log_article_candidates": float(np.log1p(n_candidates * 1000 / max(view.words, 1))),
    }


def feature_matrix(text: str, view: TokenView, spans: list[Candidate],
                   n_techniques: int) -> np.ndarray:
    """[n_spans, len(FEATURES) + n_techniques]: ``span_features`` then the technique one-hot."""
    counts = np.bincount([s.technique for s in spans], minlength=n_techniques)
    rows = np.zeros((len(spans), len(FEATURES) + n_techniques), dtype=np.float64)
    for i, s in enumerate(spans):
        values = span_features(text, view, s, int(counts[s.technique]))
        rows[i, : len(FEATURES)] = [values[name] for name in FEATURES]
        rows[i, len(FEATURES) + s.technique] = 1.0
    return rows


def core(text: str, view: TokenView, span: Candidate, level: float) -> Candidate:
    """``span`` cut to its core: from the first to the last word whose probability of the
    span's technique (the highest of its tokens) reaches ``level``; the most probable word
    when none does. ``level`` 0 keeps the span whole.

    The heads' runs spread over the words around a loaded phrase (articles, names,
    punctuation) that annotators leave out; the core is what they mark most often."""
    if level <= 0:
        return span
    words = [m.span() for m in _CORE_WORD.finditer(text, span.start, span.end)]
    if not words:
        return span
    column = view.probs[:, span.technique]
    strength = []
    for a, b in words:
        inside = view.span_tokens(a, b)
        strength.append(float(column[inside].max()) if inside.any() else 0.0)
    kept = [w for w, p in zip(words, strength) if p >= level] or [words[int(np.argmax(strength))]]
    return Candidate(kept[0][0], kept[-1][1], span.technique, span.head_probability)


def evidence(view: TokenView, span: Candidate) -> Evidence:
    """The head's own numbers behind a span, for the report."""
    inside = view.span_tokens(span.start, span.end)
    if not inside.any():
        return Evidence(span.head_probability, span.head_probability, 0.0, span.start, span.end)
    sentence = view.sentences == view.sentences[np.flatnonzero(inside)[0]]
    return Evidence(
        head_probability=round(span.head_probability, 4),
        sentence_probability=round(float(view.probs[sentence, span.technique].max()), 4),
        propaganda_probability=round(float(view.probs[inside, -1].mean()), 4),
        sentence_start=int(view.offsets[sentence][0, 0]),
        sentence_end=int(view.offsets[sentence][-1, 1]),
    )


@dataclass
class SpanScorer:
    """Logistic model + isotonic map + thresholds + the article-level maps, as fitted by
    ``unspin.training.technique_scoring`` and stored in ``scoring.json``."""

    features: list[str]
    coef: list[float]
    intercept: float
    mean: list[float]  # standardisation applied before ``coef``
    scale: list[float]
    isotonic_x: list[float]
    isotonic_y: list[float]
    precision_threshold: dict[str, float]  # per technique; a span shows at >= this score
    # log1p(expected density) = a + b * mean "any technique" probability + c * candidate
    # spans per 1,000 words (least squares on out-of-fold articles)
    density_coef: list[float]
    persuasion_coef: list[float]  # logistic on log1p(expected density)
    median_density: float
    # [[low, high] of the mean "any technique" probability, [low, high] of candidates per
    # 1,000 words] over the articles the density was fitted on: inputs are clipped to it,
    # so the log-linear fit is never extrapolated.
    density_range: list[list[float]]
    metrics: dict[str, Any]
    # ``core``'s level for the spans the precision setting shows (0: shown whole, as
    # scorers fitted before round 6 were)
    core_level: float = 0.0

    @classmethod
    def load(cls, path: Path) -> SpanScorer:
        try:
            scorer = cls(**json.loads(path.read_text()))
        except (OSError, TypeError, ValueError) as error:
            raise ModelError(f"cannot read the span scorer {path}: {error}") from error
        if scorer.features[: len(FEATURES)] != list(FEATURES):
            raise ModelError(f"the span scorer {path} reads features {scorer.features}; this "
                             f"version of unspin computes {list(FEATURES)}: retrain it")
        return scorer

    def save(self, path: Path) -> None:
        from dataclasses import asdict

        path.write_text(json.dumps(asdict(self), indent=1) + "\n")

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """The logistic model's probability per row of ``feature_matrix``."""
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        out: np.ndarray = 1 / (1 + np.exp(-(z @ np.asarray(self.coef) + self.intercept)))
        return out

    def calibrated(self, rows: np.ndarray) -> np.ndarray:
        """``raw`` through the isotonic map: the score a span is shown with."""
        out: np.ndarray = np.interp(self.raw(rows), self.isotonic_x, self.isotonic_y)
        return out

    def expected_density(self, si_mean: float, candidates: int, words: int) -> float:
        """Predicted gold technique spans per 1,000 words of a text whose tokens have mean
        "any technique" probability ``si_mean`` and which has ``candidates`` candidate
        spans in ``words`` words (inputs clipped to ``density_range``)."""
        a, b, c = self.density_coef
        (m_low, m_high), (d_low, d_high) = self.density_range
        mean = min(max(si_mean, m_low), m_high)
        density = min(max(1000 * candidates / max(words, 1), d_low), d_high)
        return max(float(np.expm1(a + b * mean + c * density)), 0.0)

    def persuasion(self, expected: float) -> float:
        """Calibrated P(gold density > the training median) from the expected density."""
        a, b = self.persuasion_coef
        return float(1 / (1 + np.exp(-(a + b * np.log1p(expected)))))

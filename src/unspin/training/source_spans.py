"""Training data, cross-validation and fitting of the source-span detector
(``unspin.models.source_spans``) on PolNeAR's training split.

Every PolNeAR train article is read in context by the encoder exactly as the encode stage
reads an article (int8, the technique tagger's windows), and each token is labelled 1 when
it lies inside an annotated ``Source`` span. A logistic regression over the token states
(layers ``SOURCE_LAYERS``) learns P(token is part of a source).

Left out of every fit, by name: every PolNeAR article of the project's attribution set
(``tests/data/attribution/polnear``, all parts, so its figures stay honest), the articles
listed in ``reserved`` (a pool kept for a later blind part) and the whole dev split (it
is never read here). Settings are chosen by five folds grouped by article
(``cross_validate``), and the folds' spread is reported, not only their mean.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..evaluation.polnear import GoldArticle, load_split
from ..models.encoder import HIDDEN_SIZE, TokenStates
from ..models.source_spans import (
    SOURCE_LAYERS,
    SourceSpanModel,
    TokenProbabilities,
    token_spans,
    with_neighbours,
)

DATE = "2026-12-07"
# The project's attribution set, whose PolNeAR articles are never trained on.
ATTRIBUTION_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "attribution"
SEED = 14
NEGATIVE_SHARE = 0.25  # share of non-source tokens kept in a fit (all source tokens are)
# The layers the encode stage reads (the technique tagger's); the cache keeps them all.
READ_LAYERS: tuple[int, ...] = (-1, -2, -3, -4, -5, -6)


@dataclass(frozen=True, slots=True)
class TaggedArticle:
    """One article's token states and per-token labels (1 = inside a gold source)."""

    name: str
    states: TokenStates
    labels: np.ndarray
    sources: tuple[tuple[int, int], ...]


def excluded_names(attribution_dir: Path, reserved: Path | None) -> set[str]:
    """Articles never trained on: the attribution set's PolNeAR articles and the reserved
    pool (one article name a line)."""
    names = {p.stem for p in (attribution_dir / "polnear").glob("*.jsonl")}
    if reserved is not None:
        names |= {line.strip() for line in reserved.read_text().splitlines() if line.strip()}
    return names


def training_articles(polnear: Path, excluded: set[str], limit: int | None) -> list[GoldArticle]:
    """PolNeAR train articles not excluded; the first ``limit`` of them in an order drawn
    with ``SEED`` (encoding costs about 3 core-seconds an article), in name order."""
    articles = [a for a in load_split(polnear, "train") if a.name not in excluded]
    drawn = random.Random(SEED).sample(articles, len(articles))[:limit]
    return sorted(drawn, key=lambda a: a.name)


def gold_sources(article: GoldArticle) -> tuple[tuple[int, int], ...]:
    """Every source span of the article (a discontinuous source gives each piece)."""
    return tuple(sorted({piece for r in article.relations for piece in r.source}))


def token_labels(states: TokenStates, sources: Iterable[tuple[int, int]]) -> np.ndarray:
    """1 for each token whose characters lie inside a source span, else 0."""
    labels = np.zeros(len(states.offsets), dtype=np.int8)
    for start, end in sources:
        inside = (states.offsets[:, 0] >= start) & (states.offsets[:, 1] <= end)
        labels[inside] = 1
    return labels


def read_articles(articles: Sequence[GoldArticle], cache: Path | None) -> list[TaggedArticle]:
    """Token states and labels of each article, from ``cache`` when there (``.npz``, one
    an article, states in float16), else read by the encode stage's reader and stored."""
    out = []
    for article in articles:
        states = _cached_states(article, cache)
        sources = gold_sources(article)
        out.append(TaggedArticle(article.name, states, token_labels(states, sources), sources))
    return out


def _cached_states(article: GoldArticle, cache: Path | None) -> TokenStates:
    path = cache / f"{article.name}.npz" if cache is not None else None
    if path is not None and path.exists():
        data = np.load(path)
        return TokenStates(data["offsets"], data["states"].astype(np.float32))
    from ..models.techniques import default_tagger

    reader = default_tagger().reader
    states = reader.encode(article.text).states(reader.layers)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, offsets=states.offsets, states=states.states.astype(np.float16))
    return states


def features(states: TokenStates, layers: Sequence[int] = SOURCE_LAYERS,
             read_layers: Sequence[int] = READ_LAYERS) -> np.ndarray:
    """The columns of ``layers`` from states read with ``read_layers`` (float32)."""
    columns = [c for k in layers for c in range(HIDDEN_SIZE * list(read_layers).index(k),
                                                 HIDDEN_SIZE * (list(read_layers).index(k) + 1))]
    return states.states[:, columns].astype(np.float32)


def fit(articles: Sequence[TaggedArticle], c: float, neighbours: int = 0,
        seed: int = SEED) -> tuple[np.ndarray, float]:
    """A logistic regression on the articles' tokens: every source token and a seeded
    ``NEGATIVE_SHARE`` of the others, weighted back up so probabilities stay calibrated."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(seed)
    rows, labels, weights = [], [], []
    for article in articles:
        keep = (article.labels == 1) | (rng.random(len(article.labels)) < NEGATIVE_SHARE)
        rows.append(with_neighbours(features(article.states), neighbours)[keep])
        labels.append(article.labels[keep])
        weights.append(np.where(article.labels[keep] == 1, 1.0, 1.0 / NEGATIVE_SHARE))
    model = LogisticRegression(C=c, max_iter=300)
    model.fit(np.vstack(rows), np.concatenate(labels), sample_weight=np.concatenate(weights))
    return model.coef_.reshape(-1).astype(np.float32), float(model.intercept_[0])


def span_counts(article: TaggedArticle, text: str, probabilities: TokenProbabilities,
                threshold: float) -> dict[str, int]:
    """Predicted and gold source spans of one article, matched exactly (same characters,
    outer spaces and punctuation aside) and by overlap; ``probabilities`` are a head's
    scores of the article's tokens."""
    predicted = token_spans(probabilities, threshold, text)
    gold = [_trim(text, s, e) for s, e in article.sources]
    exact = len({_trim(text, s, e) for s, e in predicted} & set(gold))
    overlap_p = sum(any(s < ge and gs < e for gs, ge in gold) for s, e in predicted)
    overlap_g = sum(any(s < ge and gs < e for s, e in predicted) for gs, ge in gold)
    return {"predicted": len(predicted), "gold": len(gold), "exact": exact,
            "overlap_predicted": overlap_p, "overlap_gold": overlap_g}


def _read(article: TaggedArticle) -> TokenStates:
    return TokenStates(article.states.offsets, features(article.states))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def f1_figures(counts: dict[str, int]) -> dict[str, float]:
    """Exact and overlap precision, recall and F1 from pooled ``span_counts``."""
    out = {}
    for name, hit_p, hit_g in (("exact", "exact", "exact"),
                               ("overlap", "overlap_predicted", "overlap_gold")):
        p = counts[hit_p] / counts["predicted"] if counts["predicted"] else 0.0
        r = counts[hit_g] / counts["gold"] if counts["gold"] else 0.0
        out[f"{name}_precision"], out[f"{name}_recall"] = p, r
        out[f"{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def folds(articles: Sequence[TaggedArticle], k: int = 5, seed: int = SEED) -> list[list[int]]:
    """``k`` folds of whole articles (indices), drawn with ``seed``."""
    order = random.Random(seed).sample(range(len(articles)), len(articles))
    return [sorted(order[i::k]) for i in range(k)]


def cross_validate(articles: Sequence[TaggedArticle], texts: dict[str, str], c: float,
                   thresholds: Sequence[float], neighbours: int = 0,
                   k: int = 5) -> dict[float, list[dict[str, float]]]:
    """Span figures of each fold's held-out articles, for each threshold: a head fitted
    on the other folds' articles scores them."""
    out: dict[float, list[dict[str, float]]] = {t: [] for t in thresholds}
    for held in folds(articles, k):
        held_set = set(held)
        weight, bias = fit([a for i, a in enumerate(articles) if i not in held_set], c,
                           neighbours)
        # span_counts reads the tokens at each threshold, not the model's gate or propose
        model = SourceSpanModel(weight, bias, {"gate": 0.5, "propose": 0.5,
                                               "neighbours": neighbours})
        # each held-out article is scored once, then read at every threshold
        scored = {i: model.score_states(_read(articles[i])) for i in held}
        for t in thresholds:
            total: dict[str, int] = {}
            for i in held:
                counts = span_counts(articles[i], texts[articles[i].name], scored[i], t)
                for key, n in counts.items():
                    total[key] = total.get(key, 0) + n
            out[t].append(f1_figures(total))
    return out


def summary(per_fold: Sequence[dict[str, float]]) -> dict[str, Any]:
    """Mean, standard deviation, min and max over folds, per figure."""
    return {key: {"mean": float(np.mean([f[key] for f in per_fold])),
                  "sd": float(np.std([f[key] for f in per_fold])),
                  "min": float(np.min([f[key] for f in per_fold])),
                  "max": float(np.max([f[key] for f in per_fold]))}
            for key in per_fold[0]}


def train_sources(polnear: Path, out: Path, *, attribution_dir: Path, reserved: Path | None,
                  cache: Path | None, limit: int | None, c: float, gate: float,
                  propose: float | None, neighbours: int = 1,
                  thresholds: Sequence[float] = (0.5, 0.7, 0.8, 0.9),
                  log: bool = True) -> dict[str, Any]:
    """Cross-validate (five folds of articles), fit the head on every training article,
    save it with ``gate`` and ``propose`` in its config, and return the figures (also
    written to ``scores.json``)."""
    articles = training_articles(polnear, excluded_names(attribution_dir, reserved), limit)
    tagged = read_articles(articles, cache)
    texts = {a.name: a.text for a in articles}
    if log:
        print(f"{len(tagged)} articles, {sum(len(a.sources) for a in tagged)} source spans, "
              f"{sum(len(a.labels) for a in tagged)} tokens", flush=True)
    per_threshold = cross_validate(tagged, texts, c, thresholds, neighbours)
    weight, bias = fit(tagged, c, neighbours)
    config = {"c": c, "gate": gate, "propose": propose, "neighbours": neighbours,
              "seed": SEED, "date": DATE,
              "articles": len(tagged), "negative_share": NEGATIVE_SHARE,
              "head": "logistic regression per token"}
    SourceSpanModel(weight, bias, config).save_pretrained(out)
    scores = {"articles": len(tagged), "source_spans": sum(len(a.sources) for a in tagged),
              "tokens": sum(len(a.labels) for a in tagged), "c": c, "neighbours": neighbours,
              "cross_validation": {str(t): summary(f) for t, f in per_threshold.items()}}
    (out / "scores.json").write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")
    return scores

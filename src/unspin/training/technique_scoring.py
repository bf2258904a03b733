"""Fit the technique tagger's decision layer on out-of-fold probabilities.

What is fitted (applied by ``unspin.models.technique_scoring``), all on the candidates
that heads *not trained on an article* decode from it (``technique_folds``):

1. A logistic model over each candidate's features: P(the candidate overlaps a gold span
   of its technique). scikit-learn fits it; its coefficients are stored as numbers.
2. An isotonic map of the logistic model's cross-validated outputs onto the outcomes,
   so that the stored score is calibrated on predictions the model did not fit.
3. The precision setting's threshold per technique: the lowest calibrated score at
   which the pooled out-of-fold span precision (SI, partial credit) and technique
   precision (FLC) reach their targets plus a margin for the spread between folds.
4. The article level: expected gold technique density from the candidates' calibrated
   mass (least squares), and the persuasion score, a logistic map of it onto "denser
   than the median training article".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..evaluation.ptc import PRF, score_flc, score_si
from ..models.technique_scoring import (
    CORE_LEVEL,
    FEATURES,
    Candidate,
    SpanScorer,
    core,
    count_words,
    feature_matrix,
)
from ..models.techniques import TaggerConfig, decode_candidates, token_view
from .techniques import Article

TAU_GRID = tuple(round(float(x), 3) for x in np.arange(0.20, 0.951, 0.01))


@dataclass
class CandidateTable:
    """Every candidate of a set of articles: features, outcome and where it came from."""

    rows: np.ndarray
    correct: np.ndarray  # 1 where the span overlaps a gold span of its technique
    article: list[str] = field(default_factory=list)
    spans: list[Candidate] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every article, with or without spans
    # Per article: mean "any technique" probability over its tokens, and its words.
    si_mean: dict[str, float] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    # Each span cut to its ``core`` at ``core_level`` (what the precision setting shows),
    # and whether that core overlaps a gold span of its technique; the spans themselves
    # when none are given.
    cores: list[Candidate] = field(default_factory=list)
    core_correct: np.ndarray | None = None
    core_level: float = 0.0

    def __post_init__(self) -> None:
        if not self.cores:
            self.cores = list(self.spans)
        if self.core_correct is None:
            self.core_correct = self.correct

    def shown(self) -> np.ndarray:
        """Outcome of each candidate as the precision setting shows it (its core)."""
        assert self.core_correct is not None
        return self.core_correct

    def subset(self, ids: Sequence[str]) -> CandidateTable:
        """The candidates of the articles ``ids`` (which may have none)."""
        keep = set(ids)
        idx = [k for k, a in enumerate(self.article) if a in keep]
        return CandidateTable(self.rows[idx], self.correct[idx],
                              [self.article[i] for i in idx], [self.spans[i] for i in idx],
                              sorted(keep), {i: self.si_mean[i] for i in keep},
                              {i: self.words[i] for i in keep}, [self.cores[i] for i in idx],
                              self.shown()[idx], self.core_level)

    def candidates(self) -> dict[str, int]:
        """Candidate spans per article (0 for an article without any)."""
        out = dict.fromkeys(self.ids, 0)
        for a in self.article:
            out[a] += 1
        return out

    def expected(self, scorer: SpanScorer) -> dict[str, float]:
        """``scorer``'s expected density of every article."""
        n = self.candidates()
        return {i: scorer.expected_density(self.si_mean[i], n[i], self.words[i])
                for i in self.ids}


def overlaps_gold(span: Candidate, article: Article, techniques: Sequence[str]) -> bool:
    """Whether any character of the span is inside a gold span of its technique."""
    name = techniques[span.technique]
    return any(min(span.end, e) > max(span.start, s)
               for s, e, t in article.spans if t == name)


def candidate_table(articles: Sequence[Article], probs: dict[str, np.ndarray],
                    config: TaggerConfig, core_level: float = CORE_LEVEL) -> CandidateTable:
    """Candidates (at ``config``'s balanced thresholds) of every article, with features
    and outcomes, and their cores at ``core_level``; ``probs`` maps article id to token
    probabilities."""
    rows, correct, ids, spans, cores = [], [], [], [], []
    n = len(config.techniques)
    for a in articles:
        assert a.offsets is not None
        found = decode_candidates(a.text, probs[a.id], a.offsets, config)
        if not found:
            continue
        view = token_view(a.text, probs[a.id], a.offsets)
        rows.append(feature_matrix(a.text, view, found, n))
        correct += [float(overlaps_gold(c, a, config.techniques)) for c in found]
        ids += [a.id] * len(found)
        spans += found
        cores += [core(a.text, view, c, core_level) for c in found]
    matrix = np.vstack(rows) if rows else np.zeros((0, len(FEATURES) + n))
    by_id = {a.id: a for a in articles}
    return CandidateTable(matrix, np.asarray(correct), ids, spans, [a.id for a in articles],
                          {a.id: float(probs[a.id][:, -1].mean()) if len(probs[a.id]) else 0.0
                           for a in articles},
                          {a.id: count_words(a.text) for a in articles}, cores,
                          np.asarray([float(overlaps_gold(c, by_id[i], config.techniques))
                                      for c, i in zip(cores, ids)]), core_level)


@dataclass
class Logistic:
    """A standardised logistic model as numbers (what ``SpanScorer`` applies)."""

    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        out: np.ndarray = 1 / (1 + np.exp(-(z @ np.asarray(self.coef) + self.intercept)))
        return out


def fit_logistic(rows: np.ndarray, outcome: np.ndarray, c: float = 1.0) -> Logistic:
    """scikit-learn's L2 logistic regression on standardised features, kept as numbers."""
    from sklearn.linear_model import LogisticRegression

    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((rows - mean) / scale, outcome)
    return Logistic(model.coef_[0].tolist(), float(model.intercept_[0]), mean.tolist(),
                    scale.tolist())


def fold_of(table: CandidateTable, folds: Sequence[Sequence[str]]) -> np.ndarray:
    """Fold number of each candidate's article."""
    where = {i: k for k, ids in enumerate(folds) for i in ids}
    return np.asarray([where[a] for a in table.article])


def cross_val_raw(table: CandidateTable, folds: Sequence[Sequence[str]],
                  c: float = 1.0, outcome: np.ndarray | None = None) -> np.ndarray:
    """Each candidate's logistic output from a model fitted on the other folds (on
    ``outcome``, by default whether the candidate overlaps gold)."""
    right = table.correct if outcome is None else outcome
    group = fold_of(table, folds)
    out = np.zeros(len(table.correct))
    for k in range(len(folds)):
        held = group == k
        if held.any():
            out[held] = fit_logistic(table.rows[~held], right[~held], c).predict(
                table.rows[held])
    return out


def fit_isotonic(raw: np.ndarray, outcome: np.ndarray) -> tuple[list[float], list[float]]:
    """Breakpoints of scikit-learn's isotonic fit: ``np.interp`` over them is its
    ``predict`` (linear between breakpoints, constant beyond)."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, outcome)
    return iso.X_thresholds_.tolist(), iso.y_thresholds_.tolist()


def shown_spans(table: CandidateTable, scores: np.ndarray, thresholds: dict[str, float],
                techniques: Sequence[str], *, cut: bool = True
                ) -> dict[str, list[tuple[int, int, str]]]:
    """The spans scoring at least their technique's threshold, per article id (every
    article present): their cores (``cut``, the precision setting) or whole."""
    out: dict[str, list[tuple[int, int, str]]] = {i: [] for i in table.ids}
    for aid, span, p in zip(table.article, table.cores if cut else table.spans, scores):
        name = techniques[span.technique]
        if p >= thresholds.get(name, 1.0):
            out[aid].append((span.start, span.end, name))
    return out


def precision_scores(shown: dict[str, list[tuple[int, int, str]]],
                     articles: dict[str, Article]) -> tuple[PRF, PRF]:
    """(SI, FLC) scores of shown spans: SI against the task 1 gold, FLC the task 2 gold."""
    si = score_si(shown, {i: articles[i].si for i in shown})
    flc = score_flc(shown, {i: articles[i].spans for i in shown})
    return si, flc


def choose_threshold(table: CandidateTable, scores: np.ndarray, articles: dict[str, Article],
                     techniques: Sequence[str], si_target: float, flc_target: float
                     ) -> float:
    """The lowest score threshold (one for all techniques) at which the pooled SI and FLC
    precision of the kept spans reach their targets; 1.0 when none does.

    One threshold on a calibrated score keeps the spans most likely to be right first,
    which is what pooled precision rewards; per-technique thresholds fitted the same
    articles more closely and held up worse across folds (docs/techniques-model.md)."""
    for tau in TAU_GRID:
        si, flc = precision_scores(
            shown_spans(table, scores, dict.fromkeys(techniques, tau), techniques), articles)
        if si.precision >= si_target and flc.precision >= flc_target and flc.n_pred:
            return tau
    return 1.0


def gold_density(article: Article) -> float:
    """Gold technique spans (task 2) per 1,000 words."""
    return 1000 * len(article.spans) / max(count_words(article.text), 1)


def fit_density(table: CandidateTable, articles: dict[str, Article]) -> list[float]:
    """[a, b, c] of log1p(gold density) ~ a + b * mean "any technique" probability + c *
    candidate spans per 1,000 words, least squares over the table's articles. The log
    keeps a few very dense articles from setting the slope; the two inputs ranked the
    out-of-fold articles best of those tried (docs/techniques-model.md)."""
    ids = sorted(table.ids)
    n = table.candidates()
    x = np.asarray([[1.0, table.si_mean[i], 1000 * n[i] / max(table.words[i], 1)]
                    for i in ids])
    y = np.log1p(np.asarray([gold_density(articles[i]) for i in ids]))
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    return [float(v) for v in coef]


def fit_persuasion(expected: dict[str, float], articles: dict[str, Article],
                   median: float) -> list[float]:
    """[a, b] of P(gold density > median) = sigmoid(a + b * log1p(expected density))."""
    ids = sorted(expected)
    x = np.log1p(np.asarray([[expected[i]] for i in ids]))
    y = np.asarray([gold_density(articles[i]) > median for i in ids])
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=100.0).fit(x, y)
    return [float(model.intercept_[0]), float(model.coef_[0, 0])]


def fit_decision_layer(table: CandidateTable, articles: dict[str, Article],
                       folds: Sequence[Sequence[str]], techniques: Sequence[str], *,
                       si_target: float = 0.60, flc_target: float = 0.40,
                       margin: float = 0.02, c: float = 1.0, fit_on_cores: bool = True
                       ) -> SpanScorer:
    """Fit every part of the decision layer (see the module docstring) on the candidates
    of the articles in ``folds``, out-of-fold candidates all. ``margin`` is added to both
    precision targets when the threshold is chosen: unseen articles vary around the
    pooled figure (the spread between folds is in the model card). ``fit_on_cores``: the
    outcome the scores are fitted and calibrated on is whether the candidate's core (what
    the default setting shows) overlaps gold, not the whole span."""
    ids = sorted(i for fold in folds for i in fold)
    table = table.subset(ids)
    right = table.shown() if fit_on_cores else table.correct
    raw = cross_val_raw(table, folds, c, right)
    isotonic = fit_isotonic(raw, right)
    calibrated = np.interp(raw, *isotonic)
    tau = choose_threshold(table, calibrated, articles, techniques,
                           si_target + margin, flc_target + margin)
    density = fit_density(table, articles)
    n = table.candidates()
    expected = {i: max(float(np.expm1(density[0] + density[1] * table.si_mean[i]
                                      + density[2] * 1000 * n[i] / max(table.words[i], 1))),
                       0.0) for i in table.ids}
    median = float(np.median([gold_density(articles[i]) for i in ids]))
    means = [table.si_mean[i] for i in table.ids]
    densities = [1000 * n[i] / max(table.words[i], 1) for i in table.ids]
    logistic = fit_logistic(table.rows, right, c)
    return SpanScorer([*FEATURES, *techniques], logistic.coef, logistic.intercept,
                      logistic.mean, logistic.scale, isotonic[0], isotonic[1],
                      dict.fromkeys(techniques, tau), density,
                      fit_persuasion(expected, articles, median), median,
                      [[min(means), max(means)], [min(densities), max(densities)]],
                      {"candidates": len(table.correct), "threshold": tau,
                       "right_share": round(float(right.mean()), 4),
                       "fitted_on_cores": fit_on_cores},
                      table.core_level)


def evaluate_scorer(scorer: SpanScorer, table: CandidateTable, articles: dict[str, Article],
                    techniques: Sequence[str]) -> dict[str, Any]:
    """Span and article figures of ``scorer`` on the candidates of ``table``."""
    scores = scorer.calibrated(table.rows) if len(table.correct) else np.zeros(0)
    return {**span_figures(table, scores, scorer, articles, techniques),
            "article": article_figures(table, scores, scorer, articles)}


def cross_validate(table: CandidateTable, articles: dict[str, Article],
                   folds: Sequence[Sequence[str]], techniques: Sequence[str],
                   **options: Any) -> dict[str, Any]:
    """Nested cross-validation of the whole fitting procedure: for each fold, a decision
    layer fitted on the other folds only (its own inner folds included) is scored on it.
    Returns each fold's figures and, per figure, mean, standard deviation, min and max."""
    runs = []
    for k, held in enumerate(folds):
        rest = [f for j, f in enumerate(folds) if j != k]
        scorer = fit_decision_layer(table, articles, rest, techniques, **options)
        runs.append(evaluate_scorer(scorer, table.subset(held), articles, techniques))
    return {"folds": runs, "summary": summarise(runs)}


def summarise(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """mean / sd / min / max of every number the runs share (dotted names)."""
    flat = [_flatten(r) for r in runs]
    names = [k for k in flat[0] if all(k in f for f in flat)] if flat else []
    out = {}
    for name in names:
        values = np.asarray([f[name] for f in flat], dtype=float)
        out[name] = {"mean": round(float(values.mean()), 4),
                     "sd": round(float(values.std(ddof=1)) if len(values) > 1 else 0.0, 4),
                     "min": round(float(values.min()), 4), "max": round(float(values.max()), 4)}
    return out


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = float(value)
    return out


def span_figures(table: CandidateTable, scores: np.ndarray, scorer: SpanScorer,
                 articles: dict[str, Article], techniques: Sequence[str]) -> dict[str, Any]:
    """SI and FLC scores at both settings, and the calibration of the scores (ECE over
    10 bins, the reliability table) on all candidates and on the shown spans."""
    from ..evaluation.calibration import expected_calibration_error, reliability

    out: dict[str, Any] = {}
    every = dict.fromkeys(techniques, 0.0)
    for setting, floor in (("precision", scorer.precision_threshold), ("recall", every)):
        si, flc = precision_scores(
            shown_spans(table, scores, floor, techniques, cut=setting == "precision"), articles)
        out[setting] = {"si": si.as_dict(), "flc": flc.as_dict()}
    kept = np.asarray([p >= scorer.precision_threshold.get(techniques[s.technique], 1.0)
                       for s, p in zip(table.spans, scores)], dtype=bool)
    # against whether each candidate's core overlaps gold (what the default setting shows)
    # and whether the whole span does (what the recall setting shows)
    out["ece_candidates"] = round(expected_calibration_error(scores, table.shown()), 4)
    out["ece_candidates_whole"] = round(expected_calibration_error(scores, table.correct), 4)
    if kept.any():
        # against the outcome of what is shown: the cores
        out["ece_shown"] = round(expected_calibration_error(scores[kept], table.shown()[kept]), 4)
    out["reliability"] = [asdict(b) for b in reliability(scores, table.shown())]
    return out


def article_figures(table: CandidateTable, scores: np.ndarray, scorer: SpanScorer,
                    articles: dict[str, Article]) -> dict[str, Any]:
    """Article-level figures: Spearman correlations of gold technique density with the
    shown-span density, the expected density and (for comparison) the density of all
    candidates, today's balanced setting; and how well the persuasion score separates
    the articles above the training median (ROC AUC, Brier score, ECE over 5 bins)."""
    from scipy.stats import spearmanr
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from ..evaluation.calibration import expected_calibration_error

    ids = list(table.ids)
    words = np.asarray([table.words[i] for i in ids])
    names = scorer.features[len(FEATURES):]
    row = {i: k for k, i in enumerate(ids)}
    shown, every = np.zeros(len(ids)), np.zeros(len(ids))
    for aid, span, p in zip(table.article, table.spans, scores):
        every[row[aid]] += 1
        shown[row[aid]] += p >= scorer.precision_threshold.get(names[span.technique], 1.0)
    by_id = table.expected(scorer)
    expected = np.asarray([by_id[i] for i in ids])
    gold = np.asarray([gold_density(articles[i]) for i in ids])
    per_1000 = 1000 / np.maximum(words, 1)
    out: dict[str, Any] = {
        "articles": len(ids),
        "spearman_technique_density": _rho(spearmanr(shown * per_1000, gold)),
        "spearman_expected_density": _rho(spearmanr(expected, gold)),
        "spearman_si_mean": _rho(spearmanr([table.si_mean[i] for i in ids], gold)),
        "spearman_all_candidates_density": _rho(spearmanr(every * per_1000, gold)),
    }
    above = gold > scorer.median_density
    persuasion = np.asarray([scorer.persuasion(e) for e in expected])
    if 0 < above.sum() < len(above):
        out["persuasion_auc"] = round(float(roc_auc_score(above, persuasion)), 4)
        out["persuasion_brier"] = round(float(brier_score_loss(above, persuasion)), 4)
        out["persuasion_ece_5_bins"] = round(expected_calibration_error(persuasion, above, 5), 4)
    return out


def _rho(result: Any) -> float:
    return round(float(result[0]), 4)

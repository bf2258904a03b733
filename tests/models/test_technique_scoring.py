"""The technique tagger's decision layer on hand-built arrays: features, the stored scorer,
folds, the isotonic map and the choice of the precision threshold."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from unspin.errors import ModelError
from unspin.models.technique_scoring import (
    FEATURES,
    Candidate,
    SpanScorer,
    TokenView,
    core,
    count_words,
    evidence,
    feature_matrix,
    span_features,
)
from unspin.training.technique_folds import fold_ids
from unspin.training.technique_scoring import (
    CandidateTable,
    choose_threshold,
    fit_isotonic,
    fit_logistic,
    overlaps_gold,
)
from unspin.training.techniques import Article

TEXT = "Officials met on Monday. The American side said little.\nThey left."
WORDS = TEXT.split()


def _view(probs_of_american: float = 0.9) -> TokenView:
    """One token per whitespace word; outputs: technique 0, technique 1, "any technique"."""
    starts, at = [], 0
    for w in WORDS:
        at = TEXT.index(w, at)
        starts.append((at, at + len(w)))
        at += len(w)
    offsets = np.asarray(starts)
    probs = np.full((len(WORDS), 3), 0.1)
    probs[WORDS.index("American"), 0] = probs_of_american
    probs[WORDS.index("American"), 2] = 0.5
    sentences = np.asarray([0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2])
    return TokenView(probs, offsets, sentences, count_words(TEXT))


def _american() -> Candidate:
    start = TEXT.index("American")
    return Candidate(start, start + len("American"), 0, 0.9)


def test_scoring_counts_words_as_runs_of_letters_and_digits() -> None:
    assert count_words("It's 9:30 -- the U.S. won!") == 8
    assert count_words("") == 0


def test_scoring_span_features_describe_the_span_and_its_sentence() -> None:
    found = span_features(TEXT, _view(), _american(), n_candidates=2)
    assert set(found) == set(FEATURES)
    assert found["single_word"] == 1.0 and found["capitalised"] == 1.0
    assert found["all_caps"] == 0.0 and found["in_quotes"] == 0.0
    assert found["sentence_share"] == pytest.approx(1 / 5)  # 1 of the 5 tokens of sentence 1
    assert found["logit_mean"] == pytest.approx(np.log(0.9 / 0.1))
    assert found["logit_sentence_max"] == pytest.approx(np.log(0.9 / 0.1))
    assert found["logit_si_mean"] == pytest.approx(0.0)
    assert found["log_article_candidates"] == pytest.approx(np.log1p(2 * 1000 / 11))


def test_scoring_a_sentence_initial_word_is_not_counted_as_capitalised() -> None:
    start = TEXT.index("The")
    found = span_features(TEXT, _view(), Candidate(start, start + 3, 0, 0.5), n_candidates=1)
    assert found["capitalised"] == 0.0


def test_scoring_feature_matrix_appends_a_technique_one_hot() -> None:
    spans = [_american(), replace(_american(), technique=1)]
    rows = feature_matrix(TEXT, _view(), spans, n_techniques=2)
    assert rows.shape == (2, len(FEATURES) + 2)
    assert rows[:, len(FEATURES):].tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_scoring_evidence_reports_the_span_and_its_sentence() -> None:
    found = evidence(_view(), _american())
    assert found.sentence_probability == pytest.approx(0.9)
    assert found.propaganda_probability == pytest.approx(0.5)
    assert TEXT[found.sentence_start:found.sentence_end] == "The American side said little."


def _scorer(**changes: object) -> SpanScorer:
    n = len(FEATURES) + 2
    base = SpanScorer(features=[*FEATURES, "t0", "t1"], coef=[0.0] * n, intercept=0.0,
                      mean=[0.0] * n, scale=[1.0] * n, isotonic_x=[0.0, 0.5, 1.0],
                      isotonic_y=[0.0, 0.2, 0.9], precision_threshold={"t0": 0.5},
                      density_coef=[1.0, 2.0, 0.1], persuasion_coef=[-1.0, 1.0],
                      median_density=10.0, density_range=[[0.0, 0.5], [0.0, 20.0]],
                      metrics={})
    return replace(base, **changes)  # type: ignore[arg-type]


def test_scoring_scorer_maps_raw_scores_through_the_isotonic_breakpoints() -> None:
    scorer = _scorer()
    rows = np.zeros((1, len(FEATURES) + 2))
    assert scorer.raw(rows) == pytest.approx([0.5])  # all-zero coefficients
    assert scorer.calibrated(rows) == pytest.approx([0.2])
    # log1p(density) = 1 + 2 * 0.25 + 0.1 * (10 candidates per 1,000 words)
    assert scorer.expected_density(0.25, candidates=5, words=500) == pytest.approx(
        np.expm1(1 + 0.5 + 1.0))
    assert scorer.expected_density(0.0, candidates=0, words=0) == pytest.approx(np.expm1(1))
    # inputs beyond the fitted range are clipped to it, never extrapolated
    assert scorer.expected_density(0.9, candidates=50, words=100) == pytest.approx(
        np.expm1(1 + 2 * 0.5 + 0.1 * 20))
    assert scorer.persuasion(np.e - 1) == pytest.approx(0.5)


def test_scoring_scorer_round_trips_and_refuses_other_features(tmp_path: Path) -> None:
    path = tmp_path / "scoring.json"
    _scorer().save(path)
    assert SpanScorer.load(path) == _scorer()
    _scorer(features=["something_else"]).save(path)
    with pytest.raises(ModelError, match="retrain"):
        SpanScorer.load(path)


@pytest.mark.parametrize("n,folds", [(297, 5), (10, 3), (3, 5)])
def test_scoring_folds_cover_every_id_once(n: int, folds: int) -> None:
    ids = [f"{i:04d}" for i in range(n)]
    parts = fold_ids(ids, folds, seed=13)
    assert sorted(i for p in parts for i in p) == ids
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert parts == fold_ids(list(reversed(ids)), folds, seed=13)  # order of input irrelevant


def test_scoring_isotonic_breakpoints_reproduce_sklearn() -> None:
    from sklearn.isotonic import IsotonicRegression

    rng = np.random.default_rng(0)
    raw = rng.random(300)
    outcome = (rng.random(300) < raw**2).astype(float)
    xs, ys = fit_isotonic(raw, outcome)
    probe = np.linspace(-0.1, 1.1, 57)
    expected = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(
        raw, outcome).predict(probe)
    assert np.interp(probe, xs, ys) == pytest.approx(expected)


def test_scoring_logistic_numbers_reproduce_sklearn() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(1)
    rows = rng.normal(size=(200, 3)) * [1.0, 5.0, 0.0]  # a constant column too
    outcome = (rows[:, 0] + rng.normal(size=200) > 0).astype(float)
    ours = fit_logistic(rows, outcome).predict(rows)
    theirs = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(
        rows, outcome).predict_proba(rows)[:, 1]
    assert ours == pytest.approx(theirs, abs=1e-6)


def _article(aid: str, text: str, spans: list[tuple[int, int, str]]) -> Article:
    return Article(aid, text, spans, [(s, e, "") for s, e, _ in spans])


def test_scoring_a_span_is_right_when_it_touches_gold_of_its_technique() -> None:
    a = _article("1", "x" * 40, [(10, 20, "Doubt")])
    names = ["Doubt", "Slogans"]
    assert overlaps_gold(Candidate(19, 30, 0, 0.5), a, names)
    assert not overlaps_gold(Candidate(20, 30, 0, 0.5), a, names)  # touching is not overlap
    assert not overlaps_gold(Candidate(12, 18, 1, 0.5), a, names)  # other technique


def test_scoring_threshold_is_the_lowest_that_meets_both_precision_targets() -> None:
    # article 1: a right span (score 0.9) and a wrong one (0.6); article 2: one wrong (0.3)
    articles = {"1": _article("1", "y" * 100, [(0, 10, "Doubt")]), "2": _article("2", "y" * 50, [])}
    spans = [Candidate(0, 10, 0, 0.9), Candidate(50, 60, 0, 0.6), Candidate(5, 15, 0, 0.3)]
    table = CandidateTable(np.zeros((3, 1)), np.array([1.0, 0.0, 0.0]), ["1", "1", "2"],
                           spans, ["1", "2"], {"1": 0.3, "2": 0.1}, {"1": 100, "2": 50})
    scores = np.array([0.9, 0.6, 0.3])
    # precision 1/3 from 0.30 up, 1/2 above 0.30, 1 above 0.60
    assert choose_threshold(table, scores, articles, ["Doubt"], 0.3, 0.3) == 0.2
    assert choose_threshold(table, scores, articles, ["Doubt"], 0.5, 0.5) == 0.31
    assert choose_threshold(table, scores, articles, ["Doubt"], 0.9, 0.9) == 0.61
    assert choose_threshold(table, np.zeros(3), articles, ["Doubt"], 0.9, 0.9) == 1.0


def test_scoring_density_fit_recovers_a_planted_relation() -> None:
    from unspin.training.technique_scoring import fit_density

    # Gold densities made to follow log1p(d) = 0.5 + 4 * si_mean + 0.02 * candidates/1k.
    articles, si, words, spans, article = {}, {}, {}, [], []
    for k, (m, n) in enumerate([(0.1, 0), (0.2, 3), (0.3, 1), (0.4, 6), (0.15, 2)]):
        aid = str(k)
        gold = round(float(np.expm1(0.5 + 4 * m + 0.02 * n * 10)) * 0.1)  # 100 words
        text = " ".join(["w"] * 100)
        articles[aid] = _article(aid, text, [(0, 1, "Doubt")] * gold)
        si[aid], words[aid] = m, 100
        spans += [Candidate(0, 1, 0, 0.5)] * n
        article += [aid] * n
    table = CandidateTable(np.zeros((len(spans), 1)), np.zeros(len(spans)), article, spans,
                           sorted(articles), si, words)
    _, b, c = fit_density(table, articles)
    assert b > 0 and c >= 0  # more "any technique" probability, denser


LOADED = "They called it a truly shameful, disgraceful betrayal of the voters."


def _loaded_view(strengths: dict[str, float]) -> TokenView:
    """One token per word (punctuation apart), technique 0's probability per word."""
    import re

    found = [m.span() for m in re.finditer(r"\w+|[^\w\s]", LOADED)]
    probs = np.full((len(found), 2), 0.6)
    for k, (a, b) in enumerate(found):
        probs[k, 0] = strengths.get(LOADED[a:b], 0.6)
    return TokenView(probs, np.asarray(found), np.zeros(len(found), dtype=int),
                     count_words(LOADED))


def _whole_run() -> Candidate:
    start = LOADED.index("a truly")
    return Candidate(start, LOADED.index(" of the"), 0, 0.7)


def _text(span: Candidate) -> str:
    return LOADED[span.start:span.end]


def test_scoring_core_keeps_the_words_between_the_first_and_last_strong_one() -> None:
    view = _loaded_view({"shameful": 0.95, "disgraceful": 0.92})
    cut = core(LOADED, view, _whole_run(), 0.9)
    assert _text(cut) == "shameful, disgraceful"
    assert (cut.technique, cut.head_probability) == (0, 0.7)  # only the offsets change


def test_scoring_core_falls_back_to_the_strongest_word_and_level_zero_keeps_all() -> None:
    view = _loaded_view({"betrayal": 0.8})
    assert _text(core(LOADED, view, _whole_run(), 0.9)) == "betrayal"
    assert core(LOADED, view, _whole_run(), 0.0) == _whole_run()


def test_scoring_core_keeps_hyphenated_and_elided_words_whole() -> None:
    text = "a so-called expert's view"
    offsets = np.asarray([(0, 1), (2, 4), (4, 5), (5, 11), (12, 18), (18, 20), (21, 25)])
    probs = np.zeros((7, 2))
    probs[3, 0] = probs[4, 0] = 0.95  # "called", "expert"
    view = TokenView(probs, offsets, np.zeros(7, dtype=int), count_words(text))
    cut = core(text, view, Candidate(0, len(text), 0, 0.5), 0.9)
    assert text[cut.start:cut.end] == "so-called expert's"

"""Issue 15: the check-worthiness head learns from our labelled news sentences.

The labels (docs/checkworthy-news-guidelines.md) cover PolNeAR training articles only;
training mixes them with ClaimBuster at ``Candidate.news_weight`` and holds the labelled
articles out whole when it measures them.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from unspin.training.checkworthy import Example
from unspin.training.checkworthy_cv import (
    NEWS_LABELS,
    SHIPPED,
    Candidate,
    Part,
    _load_articles,
    _save_articles,
    fit,
    news_cross_validation,
    scores,
)


def _rows() -> list[dict[str, Any]]:
    return json.loads(NEWS_LABELS.read_text(encoding="utf-8"))


def test_news_labels_cover_polnear_training_articles_only() -> None:
    rows = _rows()
    assert len(rows) == 24
    assert all(str(r["file"]).startswith("train/text/") for r in rows)  # never dev or test
    assert len({r["file"] for r in rows}) == len(rows)


def test_news_labels_are_ordered_sentence_spans_with_binary_labels() -> None:
    sentences = [s for r in _rows() for s in r["sentences"]]
    assert len(sentences) == 920
    assert {label for _, _, label in sentences} == {0, 1}
    assert sum(label for _, _, label in sentences) == 238
    for row in _rows():
        spans = row["sentences"]
        assert all(0 <= a < b for a, b, _ in spans)
        assert all(b1 <= a2 for (_, b1, _), (a2, _, _) in pairwise(spans))


@pytest.mark.slow
def test_news_labels_offsets_fall_on_the_articles_text(shared_dir: Path) -> None:
    import unspin

    for row in _rows():
        path = shared_dir / "data" / "polnear" / str(row["file"])
        if not path.is_file():
            pytest.skip(f"needs {path}")
        text = unspin.extract(path).text
        for a, b, _ in row["sentences"]:
            assert b <= len(text)
            assert not text[a].isspace() and not text[b - 1].isspace()


def test_shipped_head_is_trained_on_the_news_labels() -> None:
    assert SHIPPED.news_weight > 0


def _part(states: np.ndarray, labels: list[int], groups: list[str]) -> Part:
    examples = [Example(f"s{i}", y, g) for i, (y, g) in enumerate(zip(labels, groups))]
    return Part(examples, states.astype(np.float32), np.zeros((len(labels), 10), np.float32),
                np.zeros(len(labels), dtype=bool))


def _debate_and_news() -> dict[str, Part]:
    """Debate sentences where feature 0 says "check-worthy"; news sentences that all have
    feature 0 but are check-worthy only with feature 1 as well (background facts)."""
    rng = np.random.default_rng(0)

    def debate(n: int) -> Part:
        y = rng.integers(0, 2, n)
        x = np.c_[y + rng.normal(0, 0.3, n), rng.normal(0, 0.3, n), np.zeros(n)]
        return _part(x, list(y), ["claimbuster"] * n)

    n = 160
    y = rng.integers(0, 2, n)
    x = np.c_[np.ones(n) + rng.normal(0, 0.3, n), y + rng.normal(0, 0.3, n), np.ones(n)]
    news = _part(x, list(y), [f"article{i % 8}" for i in range(n)])
    return {"cb_train": debate(400), "cb_val": debate(200), "ct": debate(0), "news": news}


def test_news_labels_teach_the_head_that_background_facts_are_not_claims() -> None:
    parts = _debate_and_news()
    news = parts["news"]
    debate_only = fit(Candidate("debate"), parts["cb_train"], parts["ct"])
    with_news = fit(Candidate("news", news_weight=1.0), parts["cb_train"], parts["ct"],
                    news=news)
    background = news.rows(news.labels == 0)
    assert np.mean(scores(debate_only, background, Candidate("x")) >= 0.5) > 0.8
    assert np.mean(scores(with_news, background, Candidate("x")) >= 0.5) < 0.5


def test_news_cross_validation_holds_out_whole_articles() -> None:
    folds = news_cross_validation(_debate_and_news(), Candidate("news", news_weight=1.0))
    assert len(folds["f1"]) == 4
    assert len(folds["share"]) == len(folds["gold_share"]) == 8  # each article once
    assert np.mean(folds["f1"]) > 0.6


def test_news_cache_keeps_each_articles_name_and_labels(tmp_path: Path) -> None:
    a = _part(np.eye(3), [1, 0, 1], ["a.txt"] * 3)
    b = _part(np.eye(3)[:2], [0, 1], ["page.html"] * 2)
    _save_articles(tmp_path / "news.npz", [a, b])
    loaded = _load_articles(tmp_path / "news.npz")
    assert [p.examples[0].group for p in loaded] == ["a.txt", "page.html"]
    assert [e.label for p in loaded for e in p.examples] == [1, 0, 1, 0, 1]
    assert np.array_equal(loaded[1].states, b.states)

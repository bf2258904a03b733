"""Issue 15, round 5: the check-worthiness threshold from pooled out-of-fold scores.

One validation cut of 774 sentences moved held-back F1 by 0.02 between heads with the
same ranking; the rule reads ClaimBuster's training and validation parts in folds instead,
and never the held-back part (docs/checkworthy-model.md, round 5).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from unspin.training.checkworthy import Example
from unspin.training.checkworthy_cv import (
    Candidate,
    Part,
    cross_validated_threshold,
    out_of_fold_scores,
    text_folds,
    threshold_pool,
)


def _part(x: np.ndarray, labels: list[int], texts: list[str]) -> Part:
    examples = [Example(t, y, "claimbuster") for t, y in zip(texts, labels)]
    return Part(examples, x.astype(np.float32), np.zeros((len(labels), 10), np.float32),
                np.zeros(len(labels), dtype=bool))


def _debate(n: int, seed: int, prefix: str) -> Part:
    """Sentences whose first feature says check-worthy, with noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    x = np.c_[y + rng.normal(0, 0.6, n), rng.normal(0, 0.3, n)]
    return _part(x, list(y), [f"{prefix} {i}" for i in range(n)])


def test_copies_of_a_sentence_share_a_fold_and_every_fold_is_used() -> None:
    keys = [f"s{i % 37}" for i in range(200)]  # each text five or six times
    fold = text_folds(keys, 10, seed=13)
    assert set(fold) == set(range(10))
    for key in set(keys):
        assert len({f for k, f in zip(keys, fold) if k == key}) == 1


def test_fold_draws_differ_by_seed_and_repeat_for_the_same_seed() -> None:
    keys = [f"s{i}" for i in range(100)]
    assert np.array_equal(text_folds(keys, 10, 13), text_folds(keys, 10, 13))
    assert not np.array_equal(text_folds(keys, 10, 13), text_folds(keys, 10, 14))


def test_pool_keeps_training_and_validation_but_no_copy_of_a_held_back_sentence() -> None:
    train = _debate(50, 0, "train")
    val = _debate(20, 1, "val")
    test = _part(np.zeros((2, 2)), [1, 0], ["Val 3!", "train 7"])  # copies, other spelling
    pool = threshold_pool({"cb_train": train, "cb_val": val, "cb_test": test})
    texts = {e.text for e in pool.examples}
    assert len(pool.examples) == 68
    assert "val 3" not in texts and "train 7" not in texts


def test_out_of_fold_scores_come_from_heads_that_did_not_see_the_row() -> None:
    # A row whose label contradicts its features: a head that saw it could be pulled to
    # it; from the other folds it is scored by the rule the rest follows.
    pool = _debate(300, 2, "s")
    x, y = pool.states.copy(), pool.labels.copy()
    x[0], y[0] = [3.0, 0.0], 0  # looks check-worthy, labelled not
    flipped = _part(x, list(y), [e.text for e in pool.examples])
    fold = text_folds(flipped.keys, 10, 13)
    oof = out_of_fold_scores(flipped, Candidate("plain"), fold)
    assert oof.shape == (300,)
    assert oof[0] > 0.9
    assert np.mean((oof >= 0.5) == flipped.labels.astype(bool)) > 0.75


def test_the_rule_is_the_median_of_its_draws_and_sits_where_f1_is_best() -> None:
    train, val = _debate(400, 3, "train"), _debate(100, 4, "val")
    parts = {"cb_train": train, "cb_val": val, "cb_test": _debate(10, 5, "test")}
    cut = cross_validated_threshold(parts, Candidate("plain"), folds=5, draws=3)
    assert len(cut.draws) == 3 and len(cut.draw_f1) == 3 and len(cut.fold_cuts) == 15
    assert cut.threshold == float(np.median(cut.draws))
    assert 0.2 < cut.threshold < 0.7  # two balanced classes: the cut near the middle
    assert min(cut.draw_f1) > 0.7
    # the pooled cuts agree more with each other than single folds' own cuts do
    assert np.std(cut.draws) <= np.std(cut.fold_cuts)


def test_train_command_prints_the_shipped_scores_with_spreads_and_the_rule(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # The labelled-news folds hold an "f1" spread (mean, sd, n), not a P/R/F1 row; the
    # printer once took it for one and failed after the model was written.
    from unspin.cli.models import _print_scores
    from unspin.models.checkworthy import DEFAULT_DIR

    monkeypatch.setenv("COLUMNS", "200")  # the table's names whole
    scores = json.loads((Path(DEFAULT_DIR) / "scores.json").read_text(encoding="utf-8"))
    _print_scores("check-worthiness", scores, as_json=False)
    out = capsys.readouterr().out
    assert "claimbuster_test" in out and "labelled_news_four_folds.f1.mean" in out
    assert "threshold_rule.one_fold_cut.sd" in out

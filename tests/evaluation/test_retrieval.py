"""The MAP@k scorer on hand-computed cases, and the CheckThat! 2020 sample reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from unspin.evaluation.retrieval import (
    average_precision,
    load_checkthat2020,
    mean_average_precision,
    pair_scores,
    precision_at_1,
    rank,
    threshold_for_precision,
)


@pytest.mark.parametrize("ranked,relevant,k,expected", [
    (["a", "b", "c"], {"a"}, 5, 1.0),
    (["b", "a", "c"], {"a"}, 5, 0.5),  # found at rank 2: precision 1/2
    (["b", "c", "d", "e", "f", "a"], {"a"}, 5, 0.0),  # past the cut-off
    (["a", "x", "b"], {"a", "b"}, 5, (1 / 1 + 2 / 3) / 2),  # ranks 1 and 3
    (["x", "a", "b"], {"a", "b", "c"}, 2, (1 / 2) / 2),  # divided by min(|R|, k) = 2
    (["a"], set(), 5, 0.0),
])
def test_retrieval_average_precision_by_hand(ranked: list[str], relevant: set[str], k: int,
                                             expected: float) -> None:
    assert average_precision(ranked, relevant, k) == pytest.approx(expected)


def test_retrieval_map_and_p_at_1_by_hand() -> None:
    runs = {"q1": ["a", "b"], "q2": ["c", "d"], "q3": ["f", "g", "e"]}
    qrels = {"q1": {"a"}, "q2": {"d"}, "q3": {"e"}, "q4": {"z"}}  # q4 has no run: 0
    assert mean_average_precision(runs, qrels, 5) == pytest.approx((1 + 0.5 + 1 / 3) / 4)
    assert mean_average_precision(runs, qrels, 1) == pytest.approx(0.25)
    assert precision_at_1(runs, qrels) == pytest.approx(0.25)


def test_retrieval_rank_orders_by_similarity_ties_first_document() -> None:
    sims = np.array([[0.1, 0.9, 0.9], [0.5, 0.2, 0.1]])
    assert rank(sims, ["q", "r"], ["a", "b", "c"]) == {"q": ["b", "c", "a"],
                                                       "r": ["a", "b", "c"]}


def test_retrieval_threshold_for_precision() -> None:
    sims = np.array([[0.9, 0.6, 0.4], [0.55, 0.8, 0.3]])
    labels = np.array([[True, False, False], [False, True, False]])
    assert pair_scores(sims, labels, 0.5) == (pytest.approx(2 / 4), 1.0)
    assert threshold_for_precision(sims, labels, 1.0) == pytest.approx(0.61)
    assert threshold_for_precision(sims, labels, 0.5) == pytest.approx(0.41)  # 0.4 out


def test_retrieval_reads_the_checkthat_sample(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        pytest.skip(f"needs the CheckThat! 2020 sample in {folder}, which is absent")
    sample = load_checkthat2020(folder)
    assert (len(sample.tweets), len(sample.claims)) == (100, 97)
    assert sum(map(len, sample.qrels.values())) == 100
    assert all(c in sample.claims for rel in sample.qrels.values() for c in rel)


@pytest.mark.slow
def test_retrieval_map_at_5_on_the_sample_stays_above_its_floor(shared_dir: Path) -> None:
    """The quality gate: the shipped encoder, with vectors stored as the corpus stores
    them, ranks the sample's claims at MAP@5 0.985 (benchmarks/claim_retrieval.py)."""
    from unspin.corpus.vectors import dequantize, quantize
    from unspin.models.encoder import shared_encoder

    folder = shared_dir / "data" / "checkthat2020-t2-sample"
    if not folder.is_dir():
        pytest.skip(f"needs the CheckThat! 2020 sample in {folder}, which is absent")
    sample = load_checkthat2020(folder)
    tweets, claims = list(sample.tweets), list(sample.claims)
    encoder = shared_encoder()
    stored = dequantize(np.frombuffer(b"".join(quantize(encoder.encode(
        [sample.claims[c] for c in claims]))), np.int8).reshape(len(claims), -1))
    runs = rank(encoder.encode([sample.tweets[t] for t in tweets]) @ stored.T, tweets, claims)
    assert mean_average_precision(runs, sample.qrels, 5) >= 0.95

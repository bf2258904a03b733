"""Reliability bins and expected calibration error on cases small enough to check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from unspin.evaluation.calibration import (
    expected_calibration_error,
    reliability,
    reliability_markdown,
)


def test_calibration_perfect_scores_have_zero_error() -> None:
    # ten spans at 0.25, a quarter right; ten at 0.75, three quarters right
    scores = np.array([0.25] * 4 + [0.75] * 4)
    outcomes = np.array([1, 0, 0, 0, 1, 1, 1, 0])
    assert expected_calibration_error(scores, outcomes, bins=4) == pytest.approx(0.0)


def test_calibration_overconfident_scores_error_is_the_weighted_gap() -> None:
    # 3 spans at 0.9 of which 1 right (gap 0.9 - 1/3), 1 span at 0.1 that is wrong (gap 0.1)
    scores = np.array([0.9, 0.9, 0.9, 0.1])
    outcomes = np.array([1, 0, 0, 0])
    expected = (3 * (0.9 - 1 / 3) + 1 * 0.1) / 4
    assert expected_calibration_error(scores, outcomes, bins=10) == pytest.approx(expected)


@pytest.mark.parametrize("score,bin_low", [(0.0, 0.0), (0.0999, 0.0), (0.1, 0.1), (0.95, 0.9),
                                           (1.0, 0.9)])
def test_calibration_bins_are_half_open_and_one_falls_in_the_last(score: float,
                                                                  bin_low: float) -> None:
    (only,) = reliability(np.array([score]), np.array([1.0]), bins=10)
    assert only.low == pytest.approx(bin_low) and only.count == 1


def test_calibration_empty_bins_are_left_out_and_counts_add_up() -> None:
    table = reliability(np.array([0.05, 0.06, 0.91]), np.array([0, 1, 1]), bins=10)
    assert [b.count for b in table] == [2, 1]
    assert table[0].observed == pytest.approx(0.5)


def test_calibration_rejects_mismatched_arrays() -> None:
    with pytest.raises(ValueError, match="same length"):
        reliability(np.array([0.1, 0.2]), np.array([1.0]))


def test_calibration_markdown_marks_the_ideal_and_the_observed() -> None:
    text = reliability_markdown(reliability(np.array([0.55, 0.55]), np.array([1, 0])), width=10)
    row = text.splitlines()[-1]
    assert "| 0.5–0.6 | 2 | 0.550 | 0.500 |" in row
    assert "`#####|....`" in row  # five of ten observed, the ideal mark at 0.55 -> 6th cell

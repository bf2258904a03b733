"""How far predicted probabilities are from observed frequencies (reliability, ECE).

A score shown to a reader as a probability should mean it: of the spans shown at 0.7,
about seven in ten should be right. The reliability table bins predictions by score and
sets each bin's mean score beside its observed rate; the expected calibration error
(ECE) is the gap between the two, averaged with each bin weighted by its share of the
predictions (Naeini et al., 2015; equal-width bins, as in Guo et al., 2017).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Bin:
    """One reliability bin: scores in [low, high), with ``count`` predictions."""

    low: float
    high: float
    count: int
    mean_score: float
    observed: float


def reliability(scores: np.ndarray, outcomes: np.ndarray, bins: int = 10) -> list[Bin]:
    """Equal-width bins over [0, 1] (a score of 1 falls in the last); empty bins are left
    out. ``outcomes`` are 0/1 (or a fraction of credit per prediction)."""
    scores, outcomes = np.asarray(scores, dtype=float), np.asarray(outcomes, dtype=float)
    if scores.shape != outcomes.shape or scores.ndim != 1:
        raise ValueError(f"scores {scores.shape} and outcomes {outcomes.shape}: expected two "
                         "1-d arrays of the same length")
    if bins < 1:
        raise ValueError(f"bins={bins}: expected 1 or more")
    which = np.minimum((scores * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        inside = which == b
        if inside.any():
            out.append(Bin(b / bins, (b + 1) / bins, int(inside.sum()),
                           float(scores[inside].mean()), float(outcomes[inside].mean())))
    return out


def expected_calibration_error(scores: np.ndarray, outcomes: np.ndarray,
                               bins: int = 10) -> float:
    """Mean |mean score - observed rate| over the bins, weighted by bin size."""
    table = reliability(scores, outcomes, bins)
    total = sum(b.count for b in table)
    return sum(b.count * abs(b.mean_score - b.observed) for b in table) / total if total else 0.0


def reliability_markdown(table: list[Bin], width: int = 20) -> str:
    """The reliability table as Markdown, with a bar of '#' for the observed rate and a
    '|' where a perfectly calibrated bin would end (a text reliability diagram)."""
    lines = ["| score bin | spans | mean score | observed | diagram (# observed, \\| ideal) |",
             "|---|---|---|---|---|"]
    for b in table:
        bar = ["#" if i < round(b.observed * width) else "." for i in range(width)]
        mark = min(int(b.mean_score * width), width - 1)
        bar[mark] = "|"
        lines.append(f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {b.mean_score:.3f} | "
                     f"{b.observed:.3f} | `{''.join(bar)}` |")
    return "\n".join(lines)

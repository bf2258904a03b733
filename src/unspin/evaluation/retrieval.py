"""Score claim retrieval the way CheckThat! 2020 task 2 did, and calibrate a match threshold.

The task: for each tweet, rank fact-checked ("verified") claims so that the one the tweet
repeats comes first. Figures, for ``k`` a cut-off:

* ``AP@k`` of one query: the mean, over its relevant claims found in the top ``k``, of the
  precision at each one's rank, divided by ``min(|relevant|, k)``; 0 when none is found.
  With one relevant claim per tweet (as in the sample: 100 pairs for 100 tweets) this is
  ``1 / rank`` when the claim is in the top ``k``. ``MAP@k`` is its mean over queries.
* ``P@1``: the share of queries whose first claim is relevant.

Written here because it is a dozen lines and the organisers' scorer is not a package.
``load_checkthat2020`` reads the sample folder in ../shared (SOURCE.md there describes it).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


def average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            found += 1
            total += found / rank
    return total / min(len(relevant), k)


def mean_average_precision(runs: Mapping[str, Sequence[str]],
                           qrels: Mapping[str, set[str]], k: int) -> float:
    """MAP@k over the queries of ``qrels`` (a query with no run scores 0)."""
    if not qrels:
        return 0.0
    return sum(average_precision(runs.get(q, ()), rel, k) for q, rel in qrels.items()) \
        / len(qrels)


def precision_at_1(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]]) -> float:
    if not qrels:
        return 0.0
    return sum(bool(runs.get(q)) and runs[q][0] in rel for q, rel in qrels.items()) / len(qrels)


def rank(similarities: np.ndarray, query_ids: Sequence[str], doc_ids: Sequence[str]
         ) -> dict[str, list[str]]:
    """Each query's documents, most similar first (ties: the earlier document)."""
    order = np.argsort(-similarities, axis=1, kind="stable")
    return {q: [doc_ids[j] for j in row] for q, row in zip(query_ids, order)}


@dataclass(frozen=True, slots=True)
class Sample:
    """Tweets, verified claims and the pairs that match (``qrels``: tweet -> claims)."""

    tweets: dict[str, str]
    claims: dict[str, str]
    qrels: dict[str, set[str]]


def load_checkthat2020(folder: str | Path) -> Sample:
    """The CheckThat! 2020 task 2 sample: TSV files with a header row, and the qrels."""
    folder = Path(folder)

    def table(name: str) -> dict[str, str]:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
        return {row[0]: row[1] for row in rows[1:] if len(row) >= 2}

    qrels: dict[str, set[str]] = {}
    for line in (folder / "train-sample-tweet-vclaim-pairs.qrels").read_text(
            encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[3].strip() == "1":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return Sample(table("train-sample-tweets.queries.tsv"),
                  table("verified_claims-sample.docs.tsv"), qrels)


def pair_scores(similarities: np.ndarray, labels: np.ndarray, threshold: float
                ) -> tuple[float, float]:
    """Precision and recall of calling every pair at or above ``threshold`` a match."""
    called = similarities >= threshold
    hits = int((called & labels).sum())
    return hits / max(int(called.sum()), 1), hits / max(int(labels.sum()), 1)


def threshold_for_precision(similarities: np.ndarray, labels: np.ndarray, target: float,
                            grid: Sequence[float] | None = None) -> float:
    """The smallest threshold on ``grid`` (0.30 to 0.95 by 0.01) whose pair precision
    reaches ``target``; the grid's last value when none does."""
    steps = grid if grid is not None else [round(0.30 + 0.01 * i, 2) for i in range(66)]
    for threshold in steps:
        if pair_scores(similarities, labels, threshold)[0] >= target:
            return float(threshold)
    return float(steps[-1])

"""Claim retrieval on the CheckThat! 2020 task 2 sample, and the claim-match threshold.

Embeds the sample's 100 tweets and 97 verified claims with the shipped MiniLM encoder
(``shared_encoder``, the one the claims stage and ``corpus claims --like`` use), ranks the
claims for each tweet by cosine similarity, and prints MAP@5, MAP@1 and P@1, with the
vectors as computed (float32) and as the corpus stores them (int8). Then calibrates the
match threshold (``unspin.corpus.matching.THRESHOLD``): the smallest similarity whose
pair precision reaches 0.95 on the tweets with even ids, with precision and recall on the
tweets with odd ids held out. Caveat: the sample ranks 97 claims, not the task's 10,375,
so these figures are far higher than the task's; compare them only with each other.

    .venv/bin/python benchmarks/claim_retrieval.py [--data ../shared/data/checkthat2020-t2-sample]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.corpus.matching import THRESHOLD
from unspin.corpus.vectors import dequantize, quantize
from unspin.evaluation.retrieval import (
    load_checkthat2020,
    mean_average_precision,
    pair_scores,
    precision_at_1,
    rank,
    threshold_for_precision,
)
from unspin.models.encoder import shared_encoder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "checkthat2020-t2-sample"
TARGET_PRECISION = 0.95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no CheckThat! 2020 sample at {args.data}")
    sample = load_checkthat2020(args.data)
    tweets, claims = list(sample.tweets), list(sample.claims)
    start = time.perf_counter()
    encoder = shared_encoder()
    tweet_vectors = encoder.encode([sample.tweets[t] for t in tweets])
    claim_vectors = encoder.encode([sample.claims[c] for c in claims])
    took = time.perf_counter() - start
    stored = dequantize(np.frombuffer(b"".join(quantize(claim_vectors)), np.int8)
                        .reshape(len(claims), -1))
    print(f"machine: {machine()}")
    print(f"data: {len(tweets)} tweets, {len(claims)} verified claims, "
          f"{sum(map(len, sample.qrels.values()))} pairs; encoder load and "
          f"{len(tweets) + len(claims)} embeddings in {took:.1f} s")
    for name, vectors in (("float32", claim_vectors), ("int8 as stored", stored)):
        sims = tweet_vectors @ vectors.T
        runs = rank(sims, tweets, claims)
        print(f"{name:>15}: MAP@5 {mean_average_precision(runs, sample.qrels, 5):.3f}  "
              f"MAP@1 {mean_average_precision(runs, sample.qrels, 1):.3f}  "
              f"P@1 {precision_at_1(runs, sample.qrels):.3f}")
    sims = tweet_vectors @ stored.T
    drift = np.abs(sims - tweet_vectors @ claim_vectors.T).max()
    print(f"largest similarity change from int8 storage: {drift:.4f}")
    labels = np.array([[c in sample.qrels.get(t, set()) for c in claims] for t in tweets])
    even = np.array([int(t) % 2 == 0 for t in tweets])
    threshold = threshold_for_precision(sims[even], labels[even], TARGET_PRECISION)
    for name, rows in (("calibration (even ids)", even), ("held out (odd ids)", ~even)):
        precision, recall = pair_scores(sims[rows], labels[rows], threshold)
        print(f"threshold {threshold:.2f} on {name}, {int(rows.sum())} tweets: "
              f"precision {precision:.3f}, recall {recall:.3f}")
    print(f"matching.THRESHOLD is {THRESHOLD:.2f}"
          + ("" if abs(threshold - THRESHOLD) < 1e-9 else " (differs: recalibrate?)"))


if __name__ == "__main__":
    main()

"""Choosing the check-worthiness head: leave-one-transcript-out MAP, ClaimBuster F1 and
the share of news sentences that become claims, for each candidate.

    python benchmarks/checkworthy_cv.py [--data DIR] [--cache DIR] [--precision P ...]

For every candidate head (``CANDIDATES``) it prints the mean, standard deviation, minimum
and maximum of the average precision over the 19 CheckThat! 2019 training transcripts,
each held out in turn (issue 15's target: mean >= 0.22); precision, recall and F1 on the
held-back 20% of ClaimBuster at the F1-best threshold on ClaimBuster validation (and at
thresholds reaching the given validation precisions); and, at each threshold, the share
of sentences that reach it in PolNeAR's dev texts and in English news pages of the
Readability test set, averaged over articles (target: at most a third; neither set is
labelled or tuned on). For candidates trained on our labelled PolNeAR training sentences
(docs/checkworthy-news-guidelines.md) it also prints those articles held out four ways:
F1 at the threshold, average precision and share per article, mean ± sd. Encoder states
are cached under --cache (default .cache/). Rules: src/unspin/training/checkworthy_cv.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from _measure import machine

from unspin.training.checkworthy_cv import (
    SHIPPED,
    Candidate,
    Part,
    claimbuster_scores,
    fit,
    leave_one_transcript_out,
    news_cross_validation,
    news_inputs,
    read_labelled_news,
    read_news,
    read_parts,
    scores,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CANDIDATES = (
    Candidate("states, ClaimBuster (the round-2 head)"),
    Candidate("states + facts", use_signals=True),
    Candidate("states + facts x2", use_signals=True, signal_scale=2.0),
    Candidate("states + facts, C=1", c=1.0, use_signals=True),
    Candidate("states + facts, CheckThat! 0.25", checkthat_weight=0.25, use_signals=True),
    Candidate("states, CheckThat! 0.25", checkthat_weight=0.25),
    Candidate("states + news labels x0.5", news_weight=0.5),
    SHIPPED,
    Candidate("states + news labels x2", news_weight=2.0),
    Candidate("states + news labels x3", news_weight=3.0),
    Candidate("states + facts + news labels", use_signals=True, news_weight=1.0),
)


def news_share(layers: list[object], news: list[Part], candidate: Candidate,
               threshold: float) -> tuple[float, float, float]:
    """(mean share over PolNeAR dev texts, over news pages, over all) of sentences at or
    above the threshold."""
    shares = [(part.examples[0].group.endswith(".txt"),  # PolNeAR dev, not a page
               float(np.mean(scores(layers, part, candidate) >= threshold)))
              for part in news if part.examples]
    dev = [s for is_dev, s in shares if is_dev]
    pages = [s for is_dev, s in shares if not is_dev]
    return (statistics.fmean(dev) if dev else 0.0, statistics.fmean(pages) if pages else 0.0,
            statistics.fmean(s for _, s in shares))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache")
    parser.add_argument("--precision", type=float, nargs="*", default=[0.8, 0.85])
    parser.add_argument("--only", type=int, nargs="*", help="candidate numbers to run")
    args = parser.parse_args(argv)
    if not (args.data / "claimbuster-2.5xncs").is_dir():
        print(f"no ClaimBuster data in {args.data}", file=sys.stderr)
        return 1
    import torch

    torch.set_num_threads(1)
    start = time.perf_counter()
    parts = read_parts(args.data / "claimbuster-2.5xncs", args.data / "checkthat2019-t1",
                       args.cache)
    news = read_news(news_inputs(args.data), args.cache)
    parts["news"] = read_labelled_news(args.data / "polnear", cache=args.cache)
    print(f"machine: {machine()}; features read or loaded in {time.perf_counter() - start:.0f} s"
          f"; news: {len(news)} articles, {sum(len(p.examples) for p in news)} sentences")
    for number, candidate in enumerate(CANDIDATES):
        if args.only and number not in args.only:
            continue
        aps = list(leave_one_transcript_out(parts, candidate).values())
        print(f"\n[{number}] {candidate.name}: leave-one-transcript-out MAP "
              f"{statistics.fmean(aps):.3f} ± {statistics.stdev(aps):.3f} "
              f"(min {min(aps):.3f}, max {max(aps):.3f}, {len(aps)} transcripts)")
        layers = fit(candidate, parts["cb_train"], parts["ct"], news=parts["news"])
        for precision in [None, *args.precision]:
            cb = claimbuster_scores(parts, candidate, precision=precision)
            dev, pages, both = news_share(layers, news, candidate, cb["threshold"])
            label = "F1-best" if precision is None else f"precision {precision:.2f}"
            print(f"    threshold {cb['threshold']:.3f} ({label} on validation): ClaimBuster "
                  f"held-back P {cb['precision']:.3f} R {cb['recall']:.3f} F1 {cb['f1']:.3f};"
                  f" news share: PolNeAR dev {dev:.3f}, pages {pages:.3f}, all {both:.3f}")
            if candidate.news_weight > 0:
                print_news_folds(news_cross_validation(parts, candidate, precision=precision))
    return 0


def print_news_folds(folds: dict[str, list[float]]) -> None:
    """The labelled news articles held out four ways, mean ± sd."""
    def spread(name: str) -> str:
        return f"{statistics.fmean(folds[name]):.3f} ± {statistics.stdev(folds[name]):.3f}"

    print(f"      labelled news held out (4 folds, {len(folds['share'])} articles): F1 "
          f"{spread('f1')}, AP per article {spread('ap')}, share {spread('share')} "
          f"(labelled {spread('gold_share')})")


if __name__ == "__main__":
    sys.exit(main())

"""How many of a news article's sentences become claims, and why.

    python benchmarks/claims_share.py [--data DIR] [--limit N]

Runs the analysis up to the claims stage on PolNeAR's dev texts and the English news pages
of the Readability test set (``training.checkworthy_cv.news_inputs``) and prints, averaged
over articles, the share of sentences that reach the check-worthiness threshold (issue
15's target: at most a third) and the share that are claims for any reason (the
threshold, a forecast of a quantity, a figure dated or placed), for each source of news.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from _measure import machine

import unspin
from unspin.training.checkworthy_cv import news_inputs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
STAGES = ("unspin.clean.v1", "unspin.parts.v1", "unspin.language.v1", "unspin.nlp.v1",
          "unspin.encode.v1", "unspin.quotes.v1", "unspin.sources.v1", "unspin.claims.v1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N inputs")
    args = parser.parse_args(argv)
    inputs = news_inputs(args.data)[: args.limit or None]
    if not inputs:
        print(f"no news in {args.data}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    shares: dict[str, list[tuple[float, float]]] = {"PolNeAR dev": [], "news pages": []}
    reasons: Counter[str] = Counter()
    sentences = 0
    options = unspin.Options(stages=STAGES)  # no techniques: they do not change claims
    for path in inputs:
        analysis = unspin.analyze(path, options=options)
        if not analysis.sentences:
            continue
        n = len(analysis.sentences)
        sentences += n
        reasons.update(c.reason for c in analysis.claims)
        above = sum(c.reason == "check-worthy" for c in analysis.claims) / n
        group = "PolNeAR dev" if path.suffix == ".txt" else "news pages"
        shares[group].append((above, len(analysis.claims) / n))
    print(f"machine: {machine()}; {len(inputs)} inputs, {sentences} sentences in "
          f"{time.perf_counter() - start:.0f} s; claims by reason: {dict(reasons)}")
    every = [s for group in shares.values() for s in group]
    for name, rows in [*shares.items(), ("all", every)]:
        if rows:
            print(f"{name:12} {len(rows):3} articles: reaching the threshold "
                  f"{statistics.fmean(r[0] for r in rows):.3f}, claims for any reason "
                  f"{statistics.fmean(r[1] for r in rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

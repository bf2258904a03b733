"""A proxy benchmark of vague-source flags on unread PolNeAR train articles (issue 14).

    python benchmarks/vague_polnear.py [--polnear DIR] [--sample 200] [--seed 21]
                                       [--cache DIR] [--errors N]

The project's attribution set is small and every part of it has been read, so rules tuned
on it may not carry. This benchmark draws, with ``--seed``, ``--sample`` PolNeAR **train**
articles from those in no part of tests/data/attribution, not in the pool reserved for blind
parts (src/unspin/models/source_spans/reserved_pool.txt) and not among the source
detector's training articles (drawn again here by the detector's own rule,
``training.source_spans.training_articles``), runs unspin through the sources stage, and
prints, with 95% intervals from resampling articles (``unspin.evaluation.vague_proxy``):
the share of vague flags on a PolNeAR source (a lower bound: PolNeAR misses some
relations), the share of PolNeAR sources that are vague by structure which unspin flags
vague, and the share of PolNeAR sources with a proper noun that unspin flags vague.
``--cache`` keeps each article as read through every stage before the sources stage (a
pickle an article, outside the repository), so a second run runs only the sources stage.
``--errors N`` prints up to N flags on no source and N structural misses.
"""

from __future__ import annotations

import argparse
import datetime
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

from _measure import machine

from unspin.document import Analysis
from unspin.evaluation.attribution import predictions_from, read_before_sources
from unspin.evaluation.polnear import GoldArticle, load_split
from unspin.evaluation.vague_proxy import (
    FIGURES,
    article_counts,
    bootstrap,
    figures,
    gold_sources,
    overlaps,
    vague_by_structure,
    vague_flags,
)
from unspin.stages.sources import SourcesStage
from unspin.training.source_spans import excluded_names, training_articles

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
ATTRIBUTION_SET = ROOT / "tests" / "data" / "attribution"
RESERVED = ROOT / "src" / "unspin" / "models" / "source_spans" / "reserved_pool.txt"
DETECTOR_ARTICLES = 157  # the detector's model card: the first 157 of its seeded order
DETECTOR_ELIGIBLE = 742  # ... of the 742 train articles it could draw from


def proxy_articles(polnear: Path, sample: int, seed: int) -> list[GoldArticle]:
    """The drawn articles, in the order drawn (so the first N of a larger sample are the
    sample of N). The detector's draw is rebuilt from the same exclusions it was made
    with; if their number has changed, the draw would differ, so the run stops rather
    than risk reading a training article."""
    excluded = excluded_names(ATTRIBUTION_SET, RESERVED)
    train = load_split(polnear, "train")
    eligible = [a for a in train if a.name not in excluded]
    if len(eligible) != DETECTOR_ELIGIBLE:
        raise SystemExit(f"{len(eligible)} train articles outside the set and the pool, the "
                         f"detector drew from {DETECTOR_ELIGIBLE}: its draw cannot be rebuilt")
    trained = {a.name for a in training_articles(polnear, excluded, DETECTOR_ARTICLES)}
    pool = [a for a in eligible if a.name not in trained]
    return random.Random(seed).sample(pool, len(pool))[:sample]  # a seeded order, cut


def read_before(article: GoldArticle, cache: Path | None) -> Analysis:
    """The article through every stage before the sources stage (from ``cache`` when it
    holds it)."""
    stored = cache / f"{article.name}.pkl" if cache is not None else None
    if stored is not None and stored.exists():
        analysis: Analysis = pickle.loads(stored.read_bytes())
        return analysis
    analysis = read_before_sources(article.name, article.text)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(pickle.dumps(analysis))
    return analysis


def print_errors(article: GoldArticle, analysis: Analysis, flags: list[tuple[int, int]],
                 limit: int, shown: Counter[str]) -> None:
    """Flags on no PolNeAR source and structural sources not flagged, ``limit`` of each."""
    gold = gold_sources(article)
    assert analysis.doc is not None
    for start, end in flags:
        if not overlaps((start, end), gold) and shown["flag"] < limit:
            shown["flag"] += 1
            print(f"  flag on no source | {article.name}@{start} | {article.text[start:end]!r}")
    for start, end in gold:
        if vague_by_structure(analysis.doc, (start, end)) and not overlaps((start, end), flags) \
                and shown["miss"] < limit:
            shown["miss"] += 1
            print(f"  structural miss   | {article.name}@{start} | {article.text[start:end]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--errors", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if not (args.polnear / "train" / "text").is_dir():
        print(f"no PolNeAR in {args.polnear}", file=sys.stderr)
        return 1
    articles = proxy_articles(args.polnear, args.sample, args.seed)
    start = time.perf_counter()
    per_article, shown = [], Counter[str]()
    sources = SourcesStage()
    for article in articles:
        analysis = sources(read_before(article, args.cache))
        assert analysis.doc is not None
        predicted = predictions_from(analysis)
        per_article.append(article_counts(article, analysis.doc, predicted))
        if args.errors:
            print_errors(article, analysis, vague_flags(predicted), args.errors, shown)
    total = sum(per_article, Counter[str]())
    print(f"{len(articles)} PolNeAR train articles (seed {args.seed}), "
          f"{total['flags']} vague flags ({time.perf_counter() - start:.0f} s)")
    counts = {"source_precision": ("flags_on_source", "flags"),
              "structural_recall": ("structural_flagged", "structural"),
              "proper_noun_flags": ("proper_noun_flagged", "proper_noun_sources")}
    for figure in FIGURES:
        value, (hits, of) = figures(total)[figure], counts[figure]
        interval = bootstrap(per_article, figure)
        spread = f" [{interval[0]:.3f}, {interval[1]:.3f}]" if interval else ""
        shown_value = "n/a" if value is None else f"{value:.3f}"
        print(f"  {figure:18s} {shown_value} ({total[hits]}/{total[of]}){spread}")
    print(f"machine  {machine()}")
    print(f"date     {datetime.date.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

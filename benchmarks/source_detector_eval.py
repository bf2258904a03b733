"""The learned source detector's gate and proposer (issue 14, guidelines section 19),
measured variant by variant on the seen parts of the attribution set.

    python benchmarks/source_detector_eval.py [--polnear DIR] [--cache FILE]
                                              [--gates 0,0.3,...] [--proposes 2,0.7,...]

Every article of tests/data/attribution (the development part and the first five
held-back parts: all are seen now) is read by unspin through the stages before the
sources stage (those of ``evaluation.attribution.STAGES``) once; the sources stage is then
run again for each pair of thresholds (a gate of 0 lets every rule's vague source through;
a proposal threshold above 1 proposes nothing), and vague precision and recall, named
precision and resolved-speaker accuracy are printed for each pair, pooled over all
articles and for the five held-back parts together (with ``--intervals``, 95% intervals
from resampling articles for the pooled figures). ``--cache`` keeps the articles as read
(a pickle, outside the repository) so later runs with a new head skip the encoder. The
sixth and seventh blind parts are never read here.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import pickle
import sys
from pathlib import Path

from _measure import machine

from unspin.document import Analysis
from unspin.evaluation.attribution import (
    DEVELOPMENT,
    SEVENTH_HELD_BACK,
    SIXTH_HELD_BACK,
    GoldArticle,
    Report,
    bootstrap,
    load_set,
    part_of,
    predictions_from,
    read_before_sources,
    score_article,
)
from unspin.models.source_spans import default_model
from unspin.stages.sources import SourcesStage

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "attribution"
DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
FIGURES = [("vague_precision", "vague_flags_right", "vague_flags"),
           ("vague_recall", "vague_found", "vague_gold"),
           ("named_precision", "named_right", "named"),
           ("resolution_accuracy", "resolution_correct", "resolution_found")]


def read_articles(articles: list[GoldArticle], cache: Path | None) -> dict[str, Analysis]:
    """Each article read through every stage before the sources stage (from ``cache``
    when it holds them all)."""
    if cache is not None and cache.exists():
        stored: dict[str, Analysis] = pickle.loads(cache.read_bytes())
        if all(a.name in stored for a in articles):
            return stored
    read = {a.name: read_before_sources(a.name, a.text) for a in articles}
    if cache is not None:
        cache.write_bytes(pickle.dumps(read))
    return read


def reports_for(articles: list[GoldArticle], read: dict[str, Analysis], gate: float,
                propose: float) -> dict[str, Report]:
    """Every article scored after the sources stage ran with these thresholds, each on a
    copy of the article as read: the stage replaces the quotes with gated ones, and a
    later pair must start from the quotes as read, not from an earlier pair's."""
    model = default_model()
    model.config["gate"], model.config["propose"] = gate, propose
    stage = SourcesStage()
    return {a.name: score_article(a, predictions_from(stage(copy.copy(read[a.name]))))
            for a in articles}


def line(reports: list[Report], interval: bool) -> str:
    total = sum(reports, Report())
    cells = []
    for figure, hits, count in FIGURES:
        value = total.figures()[figure]
        shown = "n/a" if value is None else f"{value:.3f}"
        cell = f"{shown} ({total.counts[hits]}/{total.counts[count]})"
        if interval and (bounds := bootstrap(reports, figure)) is not None:
            cell += f" [{bounds[0]:.2f}, {bounds[1]:.2f}]"
        cells.append(cell)
    return " | ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--gates", default="0,0.2,0.3,0.4,0.5,0.6")
    parser.add_argument("--proposes", default="2,0.9,0.8,0.7,0.6")
    parser.add_argument("--intervals", action="store_true",
                        help="95%% intervals for the pooled figures (1,000 resamples each)")
    args = parser.parse_args(argv)
    if not (args.polnear / "train" / "text").is_dir():
        print(f"no PolNeAR in {args.polnear}", file=sys.stderr)
        return 1
    # the sixth and seventh parts were labelled blind for a single scoring run each
    # (benchmarks/attribution_eval.py), so unspin never reads them here
    articles = [a for a in load_set(DATA, args.polnear)
                if part_of(a) not in (SIXTH_HELD_BACK, SEVENTH_HELD_BACK)]
    read = read_articles(articles, args.cache)
    held = {a.name for a in articles if part_of(a) != DEVELOPMENT}
    print(f"{len(articles)} articles ({len(held)} in the held-back parts); head: "
          f"{default_model().config.get('articles')} PolNeAR train articles")
    print("gate | propose || all: vague P | vague R | named P | resolution || held-back parts: "
          "vague P | vague R | named P | resolution")
    for gate in (float(g) for g in args.gates.split(",")):
        for propose in (float(p) for p in args.proposes.split(",")):
            reports = reports_for(articles, read, gate, propose)
            every = list(reports.values())
            part = [r for name, r in reports.items() if name in held]
            print(f"{gate:.2f} | {propose:.2f} || {line(every, args.intervals)} || {line(part, False)}",
                  flush=True)
    print(f"machine  {machine()}")
    print(f"date     {datetime.date.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

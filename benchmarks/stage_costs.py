"""CPU seconds per article spent in each analysis stage, on one core.

Runs the default pipeline over PTC training articles (../shared/data/ptc/train-articles,
about 5,600 characters or 950 words each) in batches of 16, as the batch workers do,
with torch and the tokenizers on one thread, and prints each stage's process CPU time per
article and per 700 words. Model loading happens before timing starts. Target (issue 4):
claims, quotes and sources together <= 0.1 core-seconds per ~700-word article.

    .venv/bin/python benchmarks/stage_costs.py [--articles N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine

DEFAULT = PTC_TRAIN
BATCH = 16


def main() -> None:
    import torch

    from unspin.config import Options
    from unspin.document import Analysis
    from unspin.ingest import read_input
    from unspin.pipeline import Pipeline, _run_stage

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--inputs", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.inputs.is_dir():
        sys.exit(f"no input folder {args.inputs} (../shared absent?)")
    torch.set_num_threads(1)
    options = Options()
    pipeline = Pipeline.from_names(options.stages, options)
    files = sorted(args.inputs.glob("*.txt"))[:args.articles]
    articles = [read_input(str(f), options) for f in files]
    words = sum(len(a.text.split()) for a in articles)
    pipeline.run_batch(articles[:2])  # warm up: lazy model loads, first-call allocations
    spent = {stage.name: 0.0 for stage in pipeline.stages}
    for at in range(0, len(articles), BATCH):
        batch: list[Analysis] = [Analysis.from_article(a) for a in articles[at:at + BATCH]]
        for stage in pipeline.stages:
            start = time.process_time()
            batch = [r for r in _run_stage(stage, batch) if isinstance(r, Analysis)]
            spent[stage.name] += time.process_time() - start
    per_700 = 700 / (words / len(articles))
    print(f"machine: {machine()}; torch threads 1")
    print(f"input: {len(articles)} articles, {words / len(articles):.0f} words each on average")
    print(f"{'stage':28} {'s/article':>10} {'s/700 words':>12}")
    for name, seconds in spent.items():
        print(f"{name:28} {seconds / len(articles):10.3f} {seconds / len(articles) * per_700:12.3f}")
    total = sum(spent.values()) / len(articles)
    print(f"{'all stages':28} {total:10.3f} {total * per_700:12.3f}")


if __name__ == "__main__":
    main()

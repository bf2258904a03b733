"""What the multilingual sentence vectors (issue 20, item 3) add to analysing a corpus.

For the English articles of tests/data/ru (the pairs' English sides, distractors and the
seed, about 30 articles of 250-700 words), in one process with every model warm:

- the full English analysis (``unspin.analyze``, every stage), seconds per article;
- the multilingual vectors the corpus would add for them: each article's kept text cut
  into sentences (``corpus.translations.sentences``) and encoded
  (``models.multilingual``), one batch per article as ``corpus add`` would, seconds per
  article;
- their ratio (issue 20's target: the vectors add <= 10% to a corpus run).

Rounds alternate (analysis, vectors, vectors, analysis ...) so that a change in the
machine's load falls on both; the ratio of each round and their median are printed.

    PYTHONPATH=src .venv/bin/python benchmarks/multilingual_cost.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin import analyze
from unspin.corpus.translations import sentences
from unspin.document import Analysis
from unspin.models.multilingual import multilingual_encoder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "ru"


def english_files() -> list[Path]:
    return sorted(DATA.glob("pairs/*-en.txt")) + [DATA / "seed-en.txt"]


def time_analysis(files: list[Path]) -> tuple[float, list[Analysis]]:
    started = time.perf_counter()
    analyses = [analyze(f) for f in files]
    return time.perf_counter() - started, analyses


def time_vectors(analyses: list[Analysis]) -> tuple[float, int]:
    encoder = multilingual_encoder()
    started = time.perf_counter()
    count = 0
    for analysis in analyses:
        found = sentences(analysis.kept_text())
        count += len(encoder.encode(found))
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = english_files()
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}; {len(files)} English articles")
    _, analyses = time_analysis(files[:2])  # load every model once
    time_vectors(analyses)
    ratios = []
    for n in range(args.rounds):
        if n % 2:
            vectors, count = time_vectors(analyses)
            analysis, analyses = time_analysis(files)
        else:
            analysis, analyses = time_analysis(files)
            vectors, count = time_vectors(analyses)
        ratios.append(vectors / analysis)
        print(f"round {n + 1}: analysis {analysis / len(files):.3f} s/article, vectors "
              f"{vectors / len(files):.3f} s/article ({count} sentences), vectors/analysis "
              f"{ratios[-1]:.3f}")
    print(f"vectors add {statistics.median(ratios):.1%} to the analysis (median of "
          f"{len(ratios)} rounds, {min(ratios):.1%}-{max(ratios):.1%})   target: <= 10%")


if __name__ == "__main__":
    main()

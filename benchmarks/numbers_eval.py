"""How well unspin reads numbers, against the hand labels of tests/data/numbers.

    python benchmarks/numbers_eval.py [--labels DIR] [--data DIR] [--mistakes N]
                                      [--held-out-mistakes]
                                      [--blind | --blind2 | --blind3 | --blind4 | --blind5
                                       | --blind6]
                                      [--json]

Runs ``unspin.numbers.find_numbers`` on every labelled sentence and prints the share of
labelled numbers that are fully right (kind, value, bound and what is counted; the target
of issue 15 is 0.95), accuracy per field, the errors by class, per kind and per dataset,
and the first N mistakes. The real articles are reported in two parts: those used while
tuning the reader and the 8 held out (tests/data/numbers/held_out.txt); ``--mistakes``
prints the tuning part's only, unless ``--held-out-mistakes``. ``--blind`` scores only
the second held-out part (tests/data/numbers/blind/, labelled blind; scored once, at the
end of a round of changes) and prints all its mistakes; ``--blind2`` does the same for the
third held-out part (tests/data/numbers/blind2/), ``--blind3`` for the fourth
(tests/data/numbers/blind3/), ``--blind4`` for the fifth (tests/data/numbers/blind4/),
``--blind5`` for the sixth (tests/data/numbers/blind5/) and ``--blind6`` for the seventh
(tests/data/numbers/blind6/). No blind part is read by the
default run, which scores the ``*.jsonl`` files of the labels folder itself. Rules:
src/unspin/evaluation/numbers.py and docs/numbers-guidelines.md. The labels on real
articles need ../shared/data; the hand-written cases do not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from _measure import machine

from unspin.document import NumberMention
from unspin.evaluation.numbers import (
    GoldSentence,
    Judgement,
    Report,
    noun_lemma,
    predict,
    read_gold_dir,
    read_held_out,
    score,
    source_of,
    source_text,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = ROOT / "tests" / "data" / "numbers"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
HELD_OUT = "held_out.txt"
# The blind held-out parts, each a folder of the labels named as its flag ("--blind2"
# reads labels/blind2/), with the ordinal of the held-out part it is (the first part is
# held_out.txt).
BLIND_PARTS = {"blind": "second", "blind2": "third", "blind3": "fourth", "blind4": "fifth",
               "blind5": "sixth", "blind6": "seventh"}


def run(sentences: list[GoldSentence], data: Path) -> tuple[list[tuple[GoldSentence,
                                                                  Sequence[NumberMention]]], int]:
    """unspin's numbers for every sentence whose text can be read; the count skipped."""
    found, skipped = [], 0
    for sentence in sentences:
        try:
            text = source_text(sentence, data)
        except FileNotFoundError:
            skipped += 1
            continue
        found.append((sentence, predict(sentence, text)))
    return found, skipped


def describe(j: Judgement) -> str:
    gold, got = j.gold, j.found
    want = (f"{gold.surface!r} {gold.kind} {gold.bound} v={gold.value} lo={gold.low} "
            f"hi={gold.high} what={gold.counted or gold.unit}"
            f" period={gold.period.surface if gold.period else None}") if gold else "-"
    have = (f"{got.text!r} {got.kind} {got.bound} v={got.value} lo={got.low} hi={got.high} "
            f"unit={got.unit} period={got.period.text if got.period else None}") if got else "-"
    return f"{j.sentence_id}\n    want {want}\n    got  {have}\n    -> {', '.join(j.errors)}"


def spread(report: Report, draws: int = 2000, seed: int = 0) -> tuple[float, float, int]:
    """A 95% bootstrap interval of the fully-right rate over real articles (handmade cases
    left out): articles are resampled, since numbers of one article are not independent."""
    counts = np.array([c for source, c in report.by_source().items()
                       if not source.startswith("handmade")], dtype=float)
    if not len(counts):
        return 0.0, 0.0, 0
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(counts), size=(draws, len(counts)))
    rates = counts[picks, 0].sum(axis=1) / counts[picks, 1].sum(axis=1)
    low, high = np.percentile(rates, [2.5, 97.5])
    return float(low), float(high), len(counts)


def by_hard(report: Report) -> dict[str, list[int]]:
    """[fully right, labelled, period right, period scored] for each hard class the labels
    name (the class is the `hard` text before any detail in parentheses)."""
    counts: dict[str, list[int]] = {}
    for j in report.judgements:
        if j.gold is not None and j.gold.hard:
            row = counts.setdefault(j.gold.hard.split(" (")[0], [0, 0, 0, 0])
            row[0] += j.fully_right
            row[1] += 1
            if j.period_right is not None:
                row[2] += j.period_right
                row[3] += 1
    return counts


def print_report(title: str, report: Report) -> None:
    print(f"\n== {title}: {report.labelled} labelled numbers in {report.sentences} sentences "
          f"of {report.sources} texts")
    print(f"fully right      {report.fully_right_rate:.3f} ({report.fully_right}/{report.labelled})")
    print(f"found            {report.found} (paired {report.paired}, spurious {report.spurious}); "
          f"precision {report.precision:.3f}")
    for name in ("kind", "value", "bound", "what", "period"):
        print(f"{name:<16} {report.accuracy(name):.3f} of {report.field_scored[name]} paired")


def blind(folder: Path, data: Path) -> int:
    """One blind part alone: its figures, interval, errors by class and every mistake."""
    found, skipped = run(read_gold_dir(folder), data)
    if skipped:
        print(f"{skipped} sentences skipped: ../shared/data not found at {data}")
        return 1
    report = score(found, noun_lemma)
    print(f"machine: {machine()}")
    print_report(f"blind held-out part ({folder.name}/)", report)
    low, high, articles = spread(report)
    print(f"95% bootstrap interval over its {articles} articles: {low:.3f}-{high:.3f}")
    for dataset in sorted({s.dataset for s, _ in found}):
        print_report(dataset, score([p for p in found if p[0].dataset == dataset], noun_lemma))
    print_classes(report)
    for j in report.mistakes():
        print(describe(j))
    return 0


def print_classes(report: Report) -> None:
    """Errors by class and the share fully right by kind."""
    print("\nerrors by class:")
    for name, n in report.errors.most_common():
        print(f"  {n:4d}  {name}")
    print("\nfully right by kind:")
    for kind, n in report.kinds.most_common():
        print(f"  {kind:<18} {report.kinds_right[kind]:4d}/{n:<4d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--mistakes", type=int, default=0, help="print the first N mistakes")
    parser.add_argument("--held-out-mistakes", action="store_true",
                        help="print the held-out articles' mistakes too")
    parser.add_argument("--json", action="store_true", help="the figures as JSON only")
    parts = parser.add_mutually_exclusive_group()
    for folder, ordinal in BLIND_PARTS.items():
        once = "" if folder == "blind" else ", once"
        parts.add_argument(f"--{folder}", dest="part", action="store_const", const=folder,
                           help=f"score only the {ordinal} held-out part (labels/{folder}/){once}")
    args = parser.parse_args(argv)
    folder = args.labels if args.part is None else args.labels / args.part
    if not folder.is_dir():
        print(f"numbers_eval: no labels folder at {folder}", file=sys.stderr)
        return 2
    if args.part is not None:  # the flag stores the folder it names
        return blind(args.labels / args.part, args.data)
    sentences = read_gold_dir(args.labels)
    start = time.perf_counter()
    found, skipped = run(sentences, args.data)
    seconds = time.perf_counter() - start
    overall = score(found, noun_lemma)
    if args.json:
        print(json.dumps(overall.to_dict(), indent=1))
        return 0
    print(f"machine: {machine()}")
    print(f"{len(found)} sentences scored in {seconds:.1f} s; {skipped} skipped "
          f"(source text absent: ../shared/data not found at {args.data})" if skipped else
          f"{len(found)} sentences scored in {seconds:.1f} s")
    print_report("all", overall)
    low, high, articles = spread(overall)
    print(f"fully right over the {articles} real articles: 95% bootstrap interval "
          f"{low:.3f}-{high:.3f}")
    print_classes(overall)
    print("\nby hard class (labels' `hard` field): fully right, period right")
    for hard, (right, total, period, scored) in sorted(by_hard(overall).items()):
        print(f"  {hard:<58} {right:3d}/{total:<3d} {period:3d}/{scored:<3d}")
    real = [p for p in found if p[0].dataset != "handmade"]
    print_report("real articles (handmade cases left out)", score(real, noun_lemma))
    held_out = read_held_out(args.labels / HELD_OUT)
    parts = {"tuning": [p for p in real if source_of(p[0].id) not in held_out],
             "held out": [p for p in real if source_of(p[0].id) in held_out]}
    for name, part in parts.items():
        report = score(part, noun_lemma)
        print_report(f"real articles, {name} part", report)
        low, high, articles = spread(report)
        print(f"95% bootstrap interval over its {articles} articles: {low:.3f}-{high:.3f}")
    for dataset in sorted({s.dataset for s, _ in found}):
        print_report(dataset, score([p for p in found if p[0].dataset == dataset], noun_lemma))
    shown = [j for j in overall.mistakes()
             if args.held_out_mistakes or source_of(j.sentence_id) not in held_out]
    for j in shown[:args.mistakes]:
        print(describe(j))
    return 0


if __name__ == "__main__":
    sys.exit(main())

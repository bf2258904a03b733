"""How well the corpus ledger groups and flags, on the planted test corpus.

    python benchmarks/ledger_eval.py [--corpus DIR] [--workers N] [--groups] [--json]

Builds a corpus of tests/data/ledger/articles.jsonl (written for this test) in a temporary
folder with the full pipeline, asks ``ledger`` for every term of expectations.json, and
prints conflict-flag precision (issue 15's target: >= 0.9), conflict recall, the share of
planted agreements grouped (target: all), the planted values the ledger never showed,
and every mistake. Rules: src/unspin/evaluation/ledger.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from _measure import machine

from unspin.corpus.ledger import Ledger
from unspin.evaluation.ledger import LedgerReport, run

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "ledger"


def print_groups(ledgers: dict[str, Ledger]) -> None:
    for term, ledger in ledgers.items():
        print(f"\n-- ledger --about {term}")
        for g in ledger.groups:
            values = "; ".join(f"{v.text} ({v.outlet})" for v in g.values)
            print(f"  [{g.measure} / {g.place or 'no place'} / {g.period}] {g.verdict}: {values}")


def print_report(report: LedgerReport) -> None:
    precision = "n/a (nothing flagged)" if report.precision is None else f"{report.precision:.3f}"
    print(f"conflict-flag precision  {precision} ({sum(f.right for f in report.flags)} right "
          f"of {report.flagged} flagged pairs)")
    print(f"conflict recall          {report.conflict_recall:.3f} ({report.conflicts_found}"
          f"/{report.conflicts} planted conflicts flagged)")
    print(f"agreements grouped       {report.grouping:.3f} ({report.agreements_grouped}"
          f"/{report.agreements}; shown consistent: {report.agreements_consistent})")
    print(f"planted values missing   {len(report.missing)}")
    for term, (article, number) in report.missing:
        print(f"  {term}: {article} {number}")
    print("false flags:")
    for f in (f for f in report.flags if not f.right):
        print(f"  {f.term} [{f.group}] {f.first} vs {f.second}: {f.why}")
    print("agreements not grouped:")
    for term, agreement, spread in report.split:
        print(f"  {term} {agreement}:")
        for line in spread:
            print(f"    {line}")
    print("planted conflicts not flagged:")
    for term, planted in report.missed_conflicts:
        print(f"  {term} {planted}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder with articles.jsonl and expectations.json")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--groups", action="store_true", help="print every ledger group")
    parser.add_argument("--json", action="store_true", help="the figures as JSON only")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        report, ledgers = run(args.corpus / "articles.jsonl", args.corpus / "expectations.json",
                              Path(tmp), workers=args.workers)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps(report.to_dict(), indent=1))
        return 0
    print(f"machine: {machine()}")
    print(f"corpus built and scored in {seconds:.1f} s")
    print_report(report)
    if args.groups:
        print_groups(ledgers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

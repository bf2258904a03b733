"""What ``unspin analyze`` costs on an article it cannot analyse: a French page.

The language stage runs before any English model; an article in another language gets
rule-based sentences and nothing that needs spaCy or the MiniLM encoder, so none loads.
This runs the real command (a fresh process, as a user would) on the French fixture page
and prints its wall time, the peak memory of its process tree, and whether spaCy, torch
or the encoder were imported.

    python benchmarks/non_english_cost.py [PAGE] [--runs N]

Run it with ``PYTHONPATH`` pointing at another checkout's ``src`` to measure that one
(docs/benchmarks.md compares the commit before the change with the change).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from _measure import machine, run

PAGE = Path(__file__).resolve().parents[1] / "tests" / "data" / "pages" / "french-port-strike.html"
# Prints which heavy modules the command imported, after it ran.
_PROBE = ("import sys, runpy; sys.argv = ['unspin', 'analyze', '-q', sys.argv[1]]\n"
          "try:\n    runpy.run_module('unspin', run_name='__main__')\n"
          "except SystemExit:\n    pass\n"
          "print('imported:', sorted(m for m in ('spacy', 'torch', 'thinc', 'transformers') "
          "if m in sys.modules), file=sys.stderr)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path, default=PAGE)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine())
    seconds, peaks = [], []
    for _ in range(args.runs):
        measured = run([sys.executable, "-c", _PROBE, str(args.page)],
                       stdout=subprocess.DEVNULL)
        seconds.append(measured.seconds)
        peaks.append(measured.peak_rss_mb)
    print(f"{args.page.name}: {statistics.median(seconds):.2f} s wall (median of "
          f"{args.runs}; min {min(seconds):.2f}, max {max(seconds):.2f}), peak "
          f"{statistics.median(peaks):.0f} MB (min {min(peaks):.0f}, max {max(peaks):.0f})")


if __name__ == "__main__":
    main()

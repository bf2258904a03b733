"""One article, cold: where the seconds before the first byte of output go.

Prints, for a new ``unspin analyze FILE --format json`` process (the issue's "one article,
cold, to first byte of output"):

- its wall time to the first byte and the CPU time the process used (CPU time is what other
  jobs on a shared machine change least), median of ``--repeat`` runs;
- the same work done phase by phase in a new process (interpreter start, the CLI's imports,
  reading the input, then each stage's model loading and its run, the report), so every
  part of the total is accounted for, with the wall and CPU seconds of each.

The first run after an install also derives the language identifier and the first-name
genders into the user's cache (``unspin.models.derived``); ``--fresh-cache`` measures
that first run instead, with an empty cache folder each time.

    python benchmarks/cold_start.py [FILE] [--repeat 3] [--fresh-cache]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import itertools

from _measure import machine

DEFAULT = Path(__file__).resolve().parents[1] / "examples" / "opinion-grain-corridor.txt"

# Runs in a new interpreter: the CLI's own path, cut at each phase. Stage models are
# loaded explicitly before each stage runs (the CLI loads them inside the first call),
# so loading and running are timed apart; the work done is the same.
PHASES = r"""
import json, os, sys, time
os.environ.setdefault("OMP_NUM_THREADS", "1")  # as the `unspin` command's main() does
marks = [("interpreter start", float(sys.argv[2]), float(sys.argv[3]))]
def mark(what):
    marks.append((what, time.time(), time.process_time()))
mark("interpreter start")
import unspin.cli.analyze  # everything `unspin analyze` imports before it reads
mark("the CLI's imports")
from unspin.config import make_options
from unspin.document import Analysis
from unspin.ingest import read_input
from unspin.pipeline import Pipeline
from unspin.report import render
options = make_options()
article = read_input(sys.argv[1], options)
pipeline = Pipeline.from_names(options.stages, options)
mark("reading the input, building the stages")
analysis = Analysis.from_article(article)
for stage in pipeline.stages:
    load = getattr(getattr(stage, "work", stage), "load", None)
    if load is not None and (analysis.language is None or analysis.language.supported):
        load()
        mark("loading: " + stage.name)
    analysis = stage(analysis)
    mark("running: " + stage.name)
analysis.doc = analysis.token_states = analysis.attributions = None
report = render([analysis], "json")
mark("the JSON report")
print(json.dumps(marks))
"""


def first_byte(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from starting `unspin analyze` to its first byte of output, and the
    CPU seconds (user + system) the process used in all."""
    unspin = str(Path(sys.executable).parent / "unspin")
    started = time.perf_counter()
    process = subprocess.Popen([unspin, "analyze", str(path), "--format", "json"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.read(1)
    seconds = time.perf_counter() - started
    process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    return seconds, usage.ru_utime + usage.ru_stime


def phases(path: Path, env: dict[str, str]) -> list[tuple[str, float, float]]:
    """(phase, wall s, CPU s) of each phase of one cold analysis in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    output = subprocess.run(
        [sys.executable, "-c", PHASES, str(path), str(started), "0"], env=env, check=True,
        capture_output=True, text=True).stdout
    marks = json.loads(output.splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = []
    for (_, wall_a, cpu_a), (what, wall_b, cpu_b) in itertools.pairwise(marks):
        out.append((what, wall_b - wall_a, cpu_b - cpu_a))
    total_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    out.append(("(exit, after the output)", 0.0, total_cpu - sum(c for _, _, c in out)))
    return out


def environment(fresh_cache: bool, folder: str) -> dict[str, str]:
    env = dict(os.environ)
    if fresh_cache:
        env["UNSPIN_CACHE_DIR"] = tempfile.mkdtemp(dir=folder)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh-cache", action="store_true",
                        help="an empty cache folder each run (the first run after install)")
    args = parser.parse_args()
    words = len(args.file.read_text(encoding="utf-8").split())
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"input: {args.file.name}, {words} words; cache: "
          f"{'empty each run' if args.fresh_cache else 'kept between runs'}")
    with tempfile.TemporaryDirectory() as folder:
        environment(False, folder)  # a kept cache is filled by the first run below
        runs = [first_byte(args.file, environment(args.fresh_cache, folder))
                for _ in range(args.repeat)]
        walls = sorted(w for w, _ in runs)
        print(f"one article, cold, to the first byte: {statistics.median(walls):.1f} s wall "
              f"({', '.join(f'{w:.1f}' for w in walls)}), "
              f"{statistics.median(c for _, c in runs):.1f} CPU s (target <= 4 s)")
        timed = [phases(args.file, environment(args.fresh_cache, folder))
                 for _ in range(args.repeat)]
    print(f"\nphase by phase, median of {args.repeat} new processes:")
    print(f"  {'phase':<48} {'wall s':>7} {'CPU s':>7}")
    for row, name in enumerate(what for what, _, _ in timed[0]):
        wall = statistics.median(t[row][1] for t in timed)
        cpu = statistics.median(t[row][2] for t in timed)
        print(f"  {name:<48} {wall:7.2f} {cpu:7.2f}")
    totals = [(sum(w for _, w, _ in t), sum(c for _, _, c in t)) for t in timed]
    print(f"  {'total':<48} {statistics.median(w for w, _ in totals):7.2f} "
          f"{statistics.median(c for _, c in totals):7.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()

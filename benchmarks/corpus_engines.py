"""`unspin corpus add` on one machine: the local process pool against Ray, on the same input.

Default input: the first 100 training articles of the Propaganda Techniques Corpus in
../shared/data/ptc/train-articles (about 5,000 characters each; ``--n 371`` for all).
Each engine runs as its own `unspin corpus add ... --workers N` into a fresh corpus, with
the full default pipeline unless ``--stages`` says otherwise, ``--repeat`` times in the
order local, ray, ray, local, ... (so that a change in the machine's load falls on both);
then once each with only the cheap stages (clean, language), which shows each engine's
fixed cost: starting processes, or Ray and its actors.

Per run: wall time, articles per second, CPU seconds (user + system) of the command's
whole process tree, Ray's processes included, which other processes' load changes much
less than wall time, and peak memory of the tree (Ray's shared object store counted in
each process that maps it). Checks that both engines stored the same analyses, and prints
the figures with the machine and its load average.

    .venv/bin/python benchmarks/corpus_engines.py [DIR] [--n 100] [--workers 2]
                                                  [--repeat 2] [--stages a,b]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine

from unspin.corpus import open_corpus

DEFAULT = PTC_TRAIN
CHEAP = "unspin.clean.v1,unspin.language.v1"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Figures:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def _tree() -> dict[int, tuple[int, float, int]]:
    """Every process: its parent, its CPU seconds so far and its resident kB."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            rss = next((int(line.split()[1]) for line in (entry / "status").read_text()
                        .splitlines() if line.startswith("VmRSS:")), 0)
        except (OSError, StopIteration, ValueError):
            continue
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS,
                                  rss)
    return found


def measure(command: list[str]) -> Figures:
    """Run ``command``; sample its process tree every 50 ms for CPU time and memory (a
    process's CPU time is its last sample, so a process that lives < 50 ms is missed)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    cpu: dict[int, float] = {}
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            processes = _tree()
            tree, frontier = {process.pid}, [process.pid]
            while frontier:
                parent = frontier.pop()
                children = [p for p, (pp, _, _) in processes.items()
                            if pp == parent and p not in tree]
                tree.update(children)
                frontier += children
            for pid in tree & processes.keys():
                cpu[pid] = processes[pid][1]
            peak = max(peak, sum(processes[p][2] for p in tree if p in processes))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    if code:
        sys.exit(f"`{' '.join(command[1:4])} ...` exited {code}")
    return Figures(time.perf_counter() - start, sum(cpu.values()), peak / 1024)


def add(engine: str, files: list[Path], db: Path, workers: int, stages: str | None
        ) -> Figures:
    command = [str(Path(sys.executable).parent / "unspin"), "corpus", "add",
               *map(str, files), "--db", str(db), "--engine", engine, "--workers",
               str(workers), "--quiet"]
    return measure(command + (["--stages", stages] if stages else []))


def analyses(db: Path) -> list[tuple[str, str]]:
    with open_corpus(db, create=False) as corpus:
        return [(r[0], r[1]) for r in corpus.execute(
            "SELECT id, analysis FROM articles ORDER BY id").rows]


def compare(files: list[Path], folder: Path, workers: int, stages: str | None,
            order: list[str]) -> None:
    stored: dict[str, list[tuple[str, str]]] = {}
    for n, engine in enumerate(order):
        db = folder / f"{engine}-{n}-{'cheap' if stages == CHEAP else 'full'}.duckdb"
        f = add(engine, files, db, workers, stages)
        found = analyses(db)
        if stored.setdefault(engine, found) != found or len(found) != len(files):
            sys.exit(f"{engine} stored {len(found)} analyses, or different ones")
        print(f"  {engine:5}  {f.seconds:6.1f} s  {len(files) / f.seconds:5.2f} articles/s  "
              f"{f.cpu_seconds:6.1f} CPU s ({len(files) / f.cpu_seconds:5.2f} articles per "
              f"CPU s)  peak {f.peak_mb:,.0f} MB  load {os.getloadavg()[0]:.1f}", flush=True)
    same = stored["local"] == stored["ray"]
    print(f"  the same {len(files)} analyses stored by both engines: {'yes' if same else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--n", type=int, default=100, help="articles to use")
    parser.add_argument("--workers", type=int, default=2, help="processes, or Ray CPUs")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each engine")
    parser.add_argument("--stages", default=None, help="comma-separated stage names "
                                                       "[default: the full pipeline]")
    args = parser.parse_args()
    if not args.inputs.is_dir():
        sys.exit(f"no input at {args.inputs} (../shared absent?)")
    files = sorted(args.inputs.glob("*.txt"))[:args.n]
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"input: {len(files)} articles, {chars:,} characters ({args.inputs})")
    print(f"workers: {args.workers} processes (local), a local Ray with {args.workers} CPUs "
          "(ray)")
    order = [("local", "ray")[(n + n // 2) % 2] for n in range(2 * args.repeat)]
    with tempfile.TemporaryDirectory() as folder:
        print(f"stages: {args.stages or 'the full default pipeline'}", flush=True)
        compare(files, Path(folder), args.workers, args.stages, order)
        print(f"stages: {CHEAP} (fixed costs)", flush=True)
        compare(files, Path(folder), args.workers, CHEAP, ["local", "ray"])


if __name__ == "__main__":
    main()

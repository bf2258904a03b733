"""Articles per second and peak memory of `unspin analyze` over many articles.

Default input: the 371 training articles of the Propaganda Techniques Corpus in
../shared/data/ptc/train-articles (about 5,600 characters each). Prints one block of
figures, with the machine. Targets (issue 2, for its stages: clean, language, nlp):
>= 8 articles/s on 2 cores, peak <= 1 GB.

    .venv/bin/python benchmarks/analyze_throughput.py [DIR] [--workers N] [--stages a,b]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import PTC_TRAIN, machine, run

DEFAULT = PTC_TRAIN


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--stages", default=None, help="comma-separated stage names")
    args = parser.parse_args()
    if not args.inputs.exists():
        sys.exit(f"no input at {args.inputs} (../shared absent?)")
    files = sorted(args.inputs.glob("*.txt")) if args.inputs.is_dir() else [args.inputs]
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    unspin = str(Path(sys.executable).parent / "unspin")
    command = [unspin, "analyze", str(args.inputs), "--format", "jsonl", "--quiet",
               "--output", "/dev/null", "--workers", str(args.workers)]
    if args.stages:
        command += ["--stages", args.stages]
    m = run(command)
    if m.returncode:
        sys.exit(f"unspin analyze exited {m.returncode}")
    print(f"machine: {machine()}")
    print(f"stages: {args.stages or 'all (the default pipeline)'}")
    print(f"input: {len(files)} articles, {chars:,} characters ({args.inputs})")
    print(f"wall time: {m.seconds:.1f} s (process start and model loading included)")
    print(f"throughput: {len(files) / m.seconds:.1f} articles/s")
    print(f"peak memory (whole process tree): {m.peak_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()

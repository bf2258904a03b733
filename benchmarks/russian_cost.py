"""The cost of analysing a Russian article against its English version (issue 20, item 5:
Russian analysis of a 700-word article <= the English pipeline's cost).

The Russian seed and its English version (tests/data/ru, about 550 and 660 words) and the
translated pairs of tests/data/ru/pairs, each analysed with every default stage by
``unspin.analyze`` in one warm process; rounds alternate the order of the two languages.
Also the seconds to load each language's models in a fresh process (the first article of a
run pays them).

    PYTHONPATH=src .venv/bin/python benchmarks/russian_cost.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin import analyze

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "ru"
FIRST = """
import sys, time
started = time.perf_counter()
from unspin import analyze
analyze(sys.argv[1])
print(time.perf_counter() - started)
"""


def pairs() -> dict[str, list[Path]]:
    records = [json.loads(line) for line in
               (DATA / "pairs" / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    paired = [r for r in records if r["pair"] and r["file"].startswith(r["pair"])]
    return {language: [DATA / "seed-en.txt" if language == "en" else DATA / "seed-ru.txt"]
            + [DATA / "pairs" / r["file"] for r in paired if r["language"] == language]
            for language in ("en", "ru")}


def seconds(files: list[Path]) -> float:
    started = time.perf_counter()
    for f in files:
        analyze(f)
    return (time.perf_counter() - started) / len(files)


def first_article(path: Path) -> float:
    done = subprocess.run([sys.executable, "-c", FIRST, str(path)], capture_output=True,
                          text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = pairs()
    words = {k: sum(len(f.read_text(encoding="utf-8").split()) for f in v) / len(v)
             for k, v in files.items()}
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}; {len(files['en'])} English "
          f"and {len(files['ru'])} Russian articles, {words['en']:.0f} and {words['ru']:.0f} "
          "words on average")
    for language in ("en", "ru"):  # load every model once
        seconds(files[language][:1])
    ratios = []
    for n in range(args.rounds):
        order = ("en", "ru") if n % 2 == 0 else ("ru", "en")
        took = {language: seconds(files[language]) for language in order}
        ratios.append(took["ru"] / took["en"])
        print(f"round {n + 1}: English {took['en']:.3f} s/article, Russian {took['ru']:.3f} "
              f"s/article, Russian/English {ratios[-1]:.3f}")
    print(f"Russian costs {statistics.median(ratios):.2f} of English per article (median of "
          f"{len(ratios)} rounds, {min(ratios):.2f}-{max(ratios):.2f})   target: <= 1")
    for language in ("en", "ru"):
        print(f"first {language} article in a fresh process (imports and models): "
              f"{first_article(files[language][0]):.1f} s")


if __name__ == "__main__":
    main()

"""The ledger across languages: a counted noun in Russian matched to an English term by
the multilingual encoder, at which similarity (issue 20).

    PYTHONPATH=src .venv/bin/python benchmarks/ledger_units_crosslingual.py [--folds 5]
        [--repeats 20]

tests/data/ru/ledger-units.jsonl (written for this test) lists 50 Russian counted nouns as
they follow a number («рабочих мест», «дезертиров») with the English terms that name
the same thing. Every term against every noun is a pair, right when the noun lists the
term. The similarity cut (``unit_match.MIN_SIMILARITY``) must keep precision >= 0.9:
printed are precision and recall at each cut over all pairs, then the cut chosen on four
fifths of the nouns (the lowest with precision >= 0.9 there) scored on the other fifth,
over ``--repeats`` shuffles: mean and standard deviation.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _measure import machine

from unspin.corpus.unit_match import MIN_SIMILARITY, similarity_matrix

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "ru" / "ledger-units.jsonl"
CUTS = np.round(np.arange(0.50, 0.86, 0.01), 2)


def scores(sims: np.ndarray, gold: np.ndarray, cut: float) -> tuple[float, float]:
    said = sims >= cut
    right = int((said & gold).sum())
    precision = right / max(int(said.sum()), 1)
    return precision, right / max(int(gold.sum()), 1)


def chosen_cut(sims: np.ndarray, gold: np.ndarray) -> float:
    for cut in CUTS:
        if scores(sims, gold, float(cut))[0] >= 0.9:
            return float(cut)
    return float(CUTS[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(machine())
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    terms = sorted({t for r in rows for t in r["en"]})
    sims = similarity_matrix(terms, [r["ru"] for r in rows])  # terms x nouns
    gold = np.array([[t in r["en"] for r in rows] for t in terms])
    print(f"{len(rows)} Russian nouns x {len(terms)} English terms: {int(gold.sum())} right "
          f"pairs of {gold.size}")
    for cut in CUTS:
        p, r = scores(sims, gold, float(cut))
        mark = "  <- MIN_SIMILARITY" if abs(cut - MIN_SIMILARITY) < 1e-9 else ""
        print(f"  cut {cut:.2f}: precision {p:.3f} recall {r:.3f}{mark}")
    rng = np.random.default_rng(0)
    found: list[tuple[float, float, float]] = []
    for _ in range(args.repeats):
        order = rng.permutation(len(rows))
        for part in np.array_split(order, args.folds):
            train = np.setdiff1d(order, part)
            cut = chosen_cut(sims[:, train], gold[:, train])
            found.append((cut, *scores(sims[:, part], gold[:, part], cut)))
    table = np.array(found)
    print(f"cut chosen on {args.folds - 1}/{args.folds} of the nouns, scored on the rest "
          f"({len(found)} folds): cut {table[:, 0].mean():.3f} ± {table[:, 0].std():.3f}, "
          f"precision {table[:, 1].mean():.3f} ± {table[:, 1].std():.3f}, recall "
          f"{table[:, 2].mean():.3f} ± {table[:, 2].std():.3f}   target: precision >= 0.9")


if __name__ == "__main__":
    main()

"""Quote and source extraction scored on PolNeAR (TRAIN for development, DEV to report).

    python benchmarks/quotes_polnear.py --split dev [--limit N] [--polnear DIR]

Prints content precision / recall / F1 with partial-overlap credit and source accuracy on
matched relations (rules in src/unspin/evaluation/polnear.py and docs/quotes.md), with the
machine it ran on, and the recall on the gold relations whose cue is in the quotes lexicon
(a reporting verb, "according to" or a colon): PolNeAR also marks stances ("wants",
"supports", "seemed") that a reported-speech extractor does not look for. DIR defaults to ../shared/data/polnear next to the repository. The
PolNeAR test split is held out and never read.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from _measure import machine

from unspin.evaluation.polnear import GoldArticle, GoldRelation, load_split, score
from unspin.stages.quotes import CUE_FORMS, Quote, find_quotes

DEFAULT_POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"


def has_lexicon_cue(text: str, relation: GoldRelation) -> bool:
    """Whether a gold cue holds a word the quotes stage looks for."""
    words = " ".join(text[s:e] for s, e in relation.cue).lower().replace(":", " : ").split()
    return any(w in CUE_FORMS or w in ("according", ":") for w in words)


def lexicon_only(articles: list[GoldArticle]) -> list[GoldArticle]:
    return [replace(a, relations=tuple(r for r in a.relations if has_lexicon_cue(a.text, r)))
            for a in articles]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    args = parser.parse_args(argv)
    if not (args.polnear / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split in {args.polnear}", file=sys.stderr)
        return 1
    articles = load_split(args.polnear, args.split, args.limit)
    start = time.perf_counter()
    found: dict[str, list[Quote]] = {}

    def find(text: str) -> list[Quote]:
        if text not in found:
            found[text] = find_quotes(text)
        return found[text]

    s = score(articles, find)
    seconds = time.perf_counter() - start
    lexicon = score(lexicon_only(articles), find)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {s.gold} gold relations, "
          f"{s.predicted} predicted ({seconds:.0f} s)")
    print(f"content  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  (partial overlap)")
    print(f"recall   {lexicon.recall:.3f} on the {lexicon.gold} gold relations with a lexicon cue")
    print(f"source   accuracy {s.source_accuracy:.3f}  ({s.source_correct}/{s.matched} matched "
          f"relations with a gold source)")
    print(f"machine  {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

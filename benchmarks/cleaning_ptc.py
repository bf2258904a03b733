"""How much the cleaning stage removes from the Propaganda Techniques Corpus, and whether
any of it is article text.

Every character inside a gold propaganda span is article text, so the number of removed
characters inside gold spans must be 0. The rest is printed for a person to review:
``--list`` shows every removal with its article id, kind, rule and text.

    python benchmarks/cleaning_ptc.py [--ptc DIR] [--list] [--parts]

DIR defaults to ../shared/data/ptc next to the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from unspin.document import Analysis, Metadata, Source
from unspin.stages.clean import CleanStage

DEFAULT_PTC = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ptc"
_LABELS = "train-labels-task2-technique-classification"


@dataclass
class Figures:
    """Totals over the corpus; ``analyses`` keeps each article's result for listing."""

    articles: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    removed_chars: int = 0
    gold_chars: int = 0
    gold_hits: list[tuple[str, int, int]] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)


def gold_spans(ptc: Path, article_id: str) -> list[tuple[int, int]]:
    """The (start, end) of every gold technique span of one article."""
    path = ptc / _LABELS / f"article{article_id}.task2-TC.labels"
    spans = []
    for row in path.read_text(encoding="utf-8").splitlines():
        if row.strip():
            _, _, start, end = row.split("\t")
            spans.append((int(start), int(end)))
    return spans


def clean_article(path: Path) -> Analysis:
    """Run the stage on one article, read as the offsets expect (UTF-8, BOM kept)."""
    text = path.read_text(encoding="utf-8")
    analysis = Analysis(source=Source(path=str(path)), text=text, metadata=Metadata())
    return CleanStage()(analysis)


def measure(ptc: Path) -> Figures:
    """Clean every article and count removals, and removed characters inside gold spans."""
    figures = Figures()
    for path in sorted((ptc / "train-articles").glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        analysis = clean_article(path)
        figures.articles += 1
        figures.analyses[article_id] = analysis
        gold = gold_spans(ptc, article_id)
        for r in analysis.removed:
            figures.by_kind[r.kind] += 1
            figures.removed_chars += r.end - r.start
            inside = sum(max(0, min(r.end, e) - max(r.start, s)) for s, e in set(gold))
            figures.gold_chars += inside
            if inside:
                figures.gold_hits.append((article_id, r.start, r.end))
    return figures


def report(figures: Figures, listing: bool, parts: bool) -> None:
    print(f"articles: {figures.articles}")
    for kind, count in sorted(figures.by_kind.items()):
        print(f"removals[{kind}]: {count}")
    print(f"removals: {sum(figures.by_kind.values())}")
    print(f"removed characters: {figures.removed_chars}")
    print(f"removed characters inside gold spans: {figures.gold_chars}")
    origins = Counter(a.metadata.origin for a in figures.analyses.values() if a.metadata.origin)
    print(f"origins: {dict(origins)}")
    kinds = Counter(p.kind for a in figures.analyses.values() for p in a.parts)
    print(f"parts: {dict(kinds)}")
    for article_id, start, end in figures.gold_hits:
        print(f"GOLD OVERLAP article{article_id} {start}-{end}")
    for article_id, analysis in figures.analyses.items():
        if listing:
            for r in analysis.removed:
                print(f"{article_id}\t{r.kind}\t{r.rule}\t{r.start}-{r.end}\t{r.text!r}")
        if parts:
            for p in analysis.parts:
                print(f"{article_id}\t{p.kind}\t{p.text!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ptc", type=Path, default=DEFAULT_PTC, help="the PTC data folder")
    parser.add_argument("--list", action="store_true", help="print every removal")
    parser.add_argument("--parts", action="store_true", help="print every headline/standfirst")
    args = parser.parse_args(argv)
    if not (args.ptc / "train-articles").is_dir():
        print(f"no PTC articles under {args.ptc}", file=sys.stderr)
        return 2
    figures = measure(args.ptc)
    report(figures, args.list, args.parts)
    return 1 if figures.gold_chars else 0


if __name__ == "__main__":
    sys.exit(main())

"""Main-text extraction on the Readability test pages: unspin against trafilatura alone.

Three extractors run on the same English pages in the same run:

- ``unspin``: what the analysis reads, the page's text (``ingest.html``) with what the
  cleaning stage sets aside blanked (``Analysis.kept_text``);
- ``trafilatura``: ``trafilatura.extract(html)`` in its default mode;
- ``trafilatura-precision``: the same with ``favor_precision=True``.

Each is scored by word shingles against the text of the page's ``expected.html``
(``unspin.evaluation.extraction``). A page is English when py3langid reads its expected
text as English and that text is at least ``min_article_chars`` (200) long: unspin refuses
shorter pages by design ("no article text found"), which says nothing of its extraction.
One page in three (by a hash of its name) is held out: rules were tuned
on the other pages only, and the held-out figures say whether they carry over.

    python benchmarks/extraction_readability.py [--pages DIR] [--list] [--removed]

``--list`` prints every development page's scores (never a held-out page's);
``--removed`` prints what cleaning set aside on development pages, kind by kind.
DIR defaults to ../shared/data/readability-test-pages next to the repository.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from unspin.config import make_options
from unspin.document import Analysis, Removed, Source
from unspin.errors import UnspinError
from unspin.evaluation.extraction import Page, Score, held_out, mean, readability_pages, score
from unspin.ingest.html import article_from_html
from unspin.stages.clean import CleanStage
from unspin.stages.language import identify

DEFAULT_PAGES = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
                 / "readability-test-pages")
_OPTIONS = make_options()
_CLEAN = CleanStage()
# What cleaning set aside on the development pages, for --removed.
REMOVED: list[tuple[str, Removed]] = []


def unspin_text(page: Page) -> str:
    """The text unspin analyses: extracted, then cleaned (removed spans blanked)."""
    try:
        article = article_from_html(page.html, Source(path=page.name), _OPTIONS)
    except UnspinError:
        return ""
    analysis = _CLEAN(Analysis.from_article(article))
    if not held_out(page.name):
        REMOVED.extend((page.name, r) for r in analysis.removed)
    return analysis.kept_text()


def trafilatura_text(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def trafilatura_precision_text(page: Page) -> str:
    return trafilatura.extract(page.html, favor_precision=True) or ""


EXTRACTORS: dict[str, Callable[[Page], str]] = {
    "unspin": unspin_text,
    "trafilatura": trafilatura_text,
    "trafilatura-precision": trafilatura_precision_text,
}


def english_pages(folder: Path) -> list[Page]:
    """The English pages with at least ``min_article_chars`` of reference text."""
    return [p for p in readability_pages(folder) if identify(p.expected).code == "en"
            and len(p.expected) >= _OPTIONS.min_article_chars]


def run(pages: list[Page]) -> tuple[dict[str, dict[str, Score]], dict[str, float]]:
    """Every extractor's score on every page, and each extractor's seconds in all."""
    scores: dict[str, dict[str, Score]] = {name: {} for name in EXTRACTORS}
    seconds: dict[str, float] = {}
    for name, extract in EXTRACTORS.items():
        started = time.perf_counter()
        for page in pages:
            scores[name][page.name] = score(extract(page), page.expected)
        seconds[name] = time.perf_counter() - started
    return scores, seconds


def report(pages: list[Page], scores: dict[str, dict[str, Score]],
           seconds: dict[str, float]) -> None:
    parts = _parts(pages)
    print("| pages | extractor | precision | recall | F1 (sd) | seconds |")
    print("|---|---|---|---|---|---|")
    for part, names in parts.items():
        for name in EXTRACTORS:
            m = mean(scores[name][n] for n in names)
            took = f"{seconds[name]:.1f}" if part == "all" else ""
            print(f"| {part} ({m.pages}) | {name} | {m.precision:.3f} | {m.recall:.3f} | "
                  f"{m.f1:.3f} ({m.f1_sd:.3f}) | {took} |")


def paired(pages: list[Page], scores: dict[str, dict[str, Score]]) -> None:
    """unspin against each library mode page by page: F1 wins, ties and losses, and the
    mean F1 difference with a 95% bootstrap interval (pages resampled, 2,000 times)."""
    rng = random.Random(17)
    print("\n| pages | unspin vs | F1 wins / ties / losses | mean F1 difference [95% CI] |")
    print("|---|---|---|---|")
    for part, names in _parts(pages).items():
        for other in ("trafilatura", "trafilatura-precision"):
            diffs = [scores["unspin"][n].f1 - scores[other][n].f1 for n in names]
            wins = sum(d > 0.005 for d in diffs)
            losses = sum(d < -0.005 for d in diffs)
            means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs)
                           for _ in range(2000))
            print(f"| {part} | {other} | {wins} / {len(diffs) - wins - losses} / {losses} | "
                  f"{sum(diffs) / len(diffs):+.3f} [{means[50]:+.3f}, {means[1949]:+.3f}] |")


def _parts(pages: list[Page]) -> dict[str, list[str]]:
    return {"development": [p.name for p in pages if not held_out(p.name)],
            "held out": [p.name for p in pages if held_out(p.name)],
            "all": [p.name for p in pages]}


def listing(pages: list[Page], scores: dict[str, dict[str, Score]]) -> None:
    print("\npage: P/R/F1 per extractor (development pages only)")
    for page in pages:
        if held_out(page.name):
            continue
        row = "  ".join(f"{name[:12]:>12} {s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}"
                        for name in EXTRACTORS if (s := scores[name][page.name]))
        print(f"{page.name:32} {row}")


def removed_listing() -> None:
    by_kind = Counter(r.kind for _, r in REMOVED)
    print(f"\nremoved on development pages: {len(REMOVED)} spans, "
          + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
    for name, r in REMOVED:
        print(f"  {name}: {r.kind}/{r.rule}: {r.text[:100]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--list", action="store_true", help="scores of every development page")
    parser.add_argument("--removed", action="store_true",
                        help="what cleaning removed on development pages")
    args = parser.parse_args()
    if not (args.pages / "pages").is_dir():
        sys.exit(f"no Readability test pages in {args.pages}")
    pages = english_pages(args.pages)
    print(f"{len(pages)} English pages in {args.pages.resolve()}, trafilatura "
          f"{trafilatura.__version__}")
    scores, seconds = run(pages)
    report(pages, scores, seconds)
    paired(pages, scores)
    if args.list:
        listing(pages, scores)
    if args.removed:
        removed_listing()


if __name__ == "__main__":
    main()

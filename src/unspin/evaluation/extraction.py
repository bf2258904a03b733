"""Score main-text extraction against a reference text by word shingles.

A shingle is a run of ``SHINGLE`` consecutive words (lower-cased, punctuation dropped).
Precision is the share of the extracted text's shingles that are in the reference,
recall the share of the reference's shingles that were extracted, both counted as
multisets, so a paragraph extracted twice is not counted twice. Shingles rather than
single words because a bag of words forgives a sidebar made of the article's own
vocabulary; shingles rather than whole paragraphs because extractors cut paragraphs
differently and a caption joined to a paragraph should not cost the whole paragraph.

Written here because it is a dozen lines and the usual extraction benchmarks each ship
their own scorer, none as a package. ``readability_pages`` reads the Readability test
pages in ../shared (SOURCE.md there describes them): each page's ``source.html`` and the
text of its ``expected.html`` (``pagetext.page_text``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .pagetext import page_text

SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-word shingles of ``text``; a text shorter than ``size``
    words is one shingle of all its words (none when it has no word)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


@dataclass(frozen=True, slots=True)
class Score:
    """Shingle counts of one page: ``found`` extracted, ``expected`` in the reference,
    ``shared`` in both. Scores over many pages are their means (``mean``)."""

    found: int
    expected: int
    shared: int

    @property
    def precision(self) -> float:
        """0 for an empty extraction of a page that has text: a page an extractor gives
        up on must not raise its mean precision."""
        if not self.found:
            return 0.0 if self.expected else 1.0
        return self.shared / self.found

    @property
    def recall(self) -> float:
        return self.shared / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(extracted: str, expected: str, size: int = SHINGLE) -> Score:
    """How well ``extracted`` matches ``expected``, by shingles of ``size`` words."""
    found, wanted = shingles(extracted, size), shingles(expected, size)
    shared = sum((found & wanted).values())
    return Score(sum(found.values()), sum(wanted.values()), shared)


@dataclass(frozen=True, slots=True)
class Mean:
    """Per-page means of precision, recall and F1, with the pages' standard deviation."""

    pages: int
    precision: float
    recall: float
    f1: float
    f1_sd: float


def mean(scores: Iterable[Score]) -> Mean:
    """Macro averages: each page counts once, however long (a long page is not worth
    more than a short one to a reader)."""
    found = list(scores)
    if not found:
        return Mean(0, 0.0, 0.0, 0.0, 0.0)
    n = len(found)
    f1s = [s.f1 for s in found]
    average = sum(f1s) / n
    spread = (sum((f - average) ** 2 for f in f1s) / (n - 1)) ** 0.5 if n > 1 else 0.0
    return Mean(n, sum(s.precision for s in found) / n, sum(s.recall for s in found) / n,
                average, spread)


@dataclass(frozen=True, slots=True)
class Page:
    """One test page: its name, its HTML and the text of its reference extraction."""

    name: str
    html: str
    expected: str


def held_out(name: str, parts: int = 3) -> bool:
    """Whether page ``name`` is in the held-out part (one in ``parts``), by a hash of its
    name, so the split never depends on which pages a folder holds."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % parts == 0


def readability_pages(folder: Path) -> Iterator[Page]:
    """Every page of the Readability test set in ``folder`` (``pages/<name>/``), in name
    order, as ``Page``s."""
    for page in sorted((folder / "pages").iterdir()):
        source, expected = page / "source.html", page / "expected.html"
        if source.is_file() and expected.is_file():
            yield Page(page.name, source.read_text(encoding="utf-8"),
                       page_text(expected.read_text(encoding="utf-8")))


__all__ = ["SHINGLE", "Mean", "Page", "Score", "held_out", "mean", "readability_pages",
           "score", "shingles"]

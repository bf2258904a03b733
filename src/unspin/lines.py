"""Lines of a plain text with their offsets, and what a line looks like: a title, a
sentence end, a dateline. Shared by the stages that read a text's layout (cleaning,
headline and standfirst), which work on flattened text where a line is all there is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^[^\S\n]*[\ufeff]?[^\S\n]*(?P<body>[^\n]*?)[^\S\n]*$", re.MULTILINE)
# A sentence end followed by the next sentence; "..." and initials ("H. Rockwell") excluded.
SENTENCE_END = re.compile(
    r"(?<![.…])(?<!\b[A-Z])(?<!\bJr)(?<!\bSr)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)"
    r"[.!?][\"”’')\]]*\s+(?=\S)"
)
DATELINE = re.compile(
    r"^(?:[A-Z][\w.'’]*(?:[ ,]+[A-Z][\w.'’]*){0,3})\s*(?:\([^)\n]{1,30}\))?\s*[-–—]+\s"
)
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
     "from", "as", "is", "vs", "vs.", "into", "over", "after", "its", "it"}
)


@dataclass(frozen=True, slots=True)
class Line:
    """A line's content without its surrounding whitespace, with its offsets in the text."""

    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """Every line of ``text`` (``\\r`` and a BOM treated as surrounding whitespace)."""
    return [Line(m.start("body"), m.end("body"), m.group("body")) for m in _LINE.finditer(text)]


def looks_like_title(text: str) -> bool:
    """Whether ``text`` is capitalised like a headline ("The Left's New Plan to Gut ...")."""
    words = [w.strip("\"'“”‘’(),:;-–—") for w in text.split()]
    content = [w for w in words if w and w.lower() not in _TITLE_SMALL_WORDS]
    if len(words) < 2 or not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised / len(content) >= 0.75

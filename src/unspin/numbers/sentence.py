"""One sentence of an article with its spaCy parse, as every finder here walks it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# ---------------------------------------------------------------------------- parsing


@lru_cache(maxsize=64)
def parse_alone(sentence: str) -> Any:
    """Parse with the project's one English pipeline (``models.english.english``, loaded
    once per process), so a process that also runs the nlp stage holds one copy of it."""
    from ..models.english import english

    return english()(sentence)


@dataclass(frozen=True, slots=True)
class Sent:
    """A sentence of ``text`` and its parse; ``base`` maps doc offsets to ``text``."""

    text: str
    start: int
    end: int
    doc: Any
    base: int
    own: Any = None  # the doc's tokens that start inside the sentence (a spaCy Span)

    def tokens(self, a: int | None = None, b: int | None = None) -> list[Any]:
        a, b = self.start if a is None else a, self.end if b is None else b
        return [t for t in self.own if a <= self.base + t.idx < b]

    def at(self, token: Any) -> tuple[int, int]:
        return self.base + token.idx, self.base + token.idx + len(token.text)


def read_sentence(text: str, start: int, end: int | None, doc: Any) -> Sent:
    """Check the bounds and parse the sentence, unless the caller already did."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"start/end must satisfy 0 <= start <= end <= {len(text)}, "
                         f"got {start}, {end}")
    if doc is None:
        doc, base = parse_alone(text[start:end]), start
    elif _parses(doc, text, 0):
        base = 0
    elif _parses(doc, text[start:end], start):
        base = start
    else:
        raise ValueError("doc must be a spaCy parse of text or of text[start:end]")
    # Only the sentence's tokens: a whole-article doc has thousands, and every finder
    # walks these many times.
    own = doc.char_span(start - base, end - base, alignment_mode="expand") if end > start else None
    own = own if own is not None else doc[0:0]
    return Sent(text, start, end, doc, base, own)


def _parses(doc: Any, text: str, base: int) -> bool:
    """Whether ``doc`` is a parse of ``text``: same length, and its last token where the
    text has it. (``doc.text == text`` would rebuild the doc's text on every call: with
    a whole-article doc and a call per finder per claim, most of the stage's time.)"""
    if not len(doc):
        return not text
    last = doc[-1]
    end = int(last.idx) + len(last.text_with_ws)
    return end == len(text) and text[last.idx:last.idx + len(last.text)] == str(last.text)


def matches(sent: Sent, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    return list(pattern.finditer(sent.text, sent.start, sent.end))



"""What a Russian source said: the content of each attribution (issue 20, item 2).

From each source and its cue (``russian.sources``), the content is where Russian puts it:

* a quotation closed just before the cue: «…», — сказал он (direct; the quotation may run
  over several sentences of its paragraph);
* after the cue, introduced by a colon or «что»: заявил, что …; сообщил: «…» (indirect, or
  mixed when it quotes words);
* after a phrase and its source, past the comma: «По словам министра, …»; or before a
  phrase at the end: «…, по данным Росстата.»;
* before the verb, past the comma: «Рост продолжится, считает эксперт.»

A source whose content cannot be placed by these rules gives no quote (it stays a source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import FoundSource

_OPEN, _CLOSE = "«„“\"", "»“”\""
_QUOTED = re.compile(r"[«„“\"]([^«»„“”\"]+)[»“”\"]")
_BEFORE_CUE = re.compile(r"[»“”\"]\s*[,.!?…]?\s*[—–-]\s*$")
_INTRO = re.compile(r"\s*(?:,\s*что\b|:)\s*", re.IGNORECASE)
_TRIM = " \u00a0,.;:—–-"


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A source's content: its span (``start``, ``end``) and ``kind`` (direct, indirect or
    mixed), with the source it belongs to."""

    start: int
    end: int
    kind: str
    source: FoundSource


def find_quotes(text: str, sentences: list[tuple[int, int]], sources: list[FoundSource]
                ) -> list[FoundQuote]:
    """The content of each source that has one; ``sentences`` are (start, end) in
    ``text``, in order."""
    found = []
    for source in sources:
        sentence = next(((s, e) for s, e in sentences if s <= source.cue.start < e), None)
        if sentence is None:
            continue
        quote = _content(text, sentence, source)
        if quote is not None:
            found.append(quote)
    return found


def _content(text: str, sentence: tuple[int, int], source: FoundSource) -> FoundQuote | None:
    start, end = sentence
    cue = source.cue
    paragraph = text.rfind("\n", 0, cue.start) + 1
    if _BEFORE_CUE.search(text, paragraph, cue.start):
        return _quoted_before(text, paragraph, cue.start, source)
    after = max(cue.end, source.end)
    intro = _INTRO.match(text, cue.end) or _INTRO.match(text, after)
    if intro and intro.end() < end:
        return _span(text, intro.end(), end, source)
    if cue.kind == "phrase" and source.end < end:
        comma = text.find(",", source.end, end)
        if comma != -1 and cue.start - start < 3:  # «По словам X, …»
            return _span(text, comma + 1, end, source)
        if text.rfind(",", start, cue.start) != -1:  # «…, по данным X.»
            return _span(text, start, text.rfind(",", start, cue.start), source)
    before = text.rfind(",", start, min(cue.start, source.start))
    if before != -1 and cue.kind == "verb":  # «Рост продолжится, считает эксперт.»
        return _span(text, start, before, source)
    return None


def _quoted_before(text: str, paragraph: int, cue: int, source: FoundSource
                   ) -> FoundQuote | None:
    close = max(text.rfind(c, paragraph, cue) for c in _CLOSE)
    opens = [text.rfind(c, paragraph, close) for c in _OPEN]
    open_at = max(opens)
    if open_at == -1 or close <= open_at:
        return None
    return FoundQuote(open_at + 1, close, "direct", source)


def _span(text: str, start: int, end: int, source: FoundSource) -> FoundQuote | None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(_TRIM))
    trail = len(piece) - len(piece.rstrip(_TRIM))
    start, end = start + lead, end - trail
    if end - start < 3:
        return None
    kind = "mixed" if _QUOTED.search(text, start, end) else "indirect"
    return FoundQuote(start, end, kind, source)

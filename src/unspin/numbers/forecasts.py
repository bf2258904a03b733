"""Statements about the future made as fact ("there will be more and more desertions")."""

from __future__ import annotations

import re
from typing import Any

from ..document import Forecast
from .sentence import Sent, matches, read_sentence

# ---------------------------------------------------------------------------- forecasts

_FORECAST_CUE = re.compile(r"\b(?:is|are|was|were|'s|’s|'re|’re)\s+(?:(?:set|poised|bound|"
                           r"expected|due|going|certain|sure|destined|doomed)\s+to|on\s+(?:course|"
                           r"track)\s+to)\b", re.IGNORECASE)
_WH = {"what", "whether", "if", "how", "when", "where", "which", "who", "why"}


def find_forecasts(text: str, start: int = 0, end: int | None = None, *,
                   doc: Any = None) -> list[Forecast]:
    """Statements about the future made as fact ("there will be more and more
    desertions", "is set to rise"). Hedged ones ("may", "could", "is likely to") are not
    forecasts stated as fact, and an indirect question ("what the reality will be") is
    not a statement at all."""
    sent = _sent_or_none(text, start, end, doc)
    found = [f for f in (*_will(sent), *_set_to(sent)) if f is not None]
    kept = [f for f in found if not any(o is not f and o.start <= f.start and f.end <= o.end
                                        and (o.start, o.end) != (f.start, f.end) for o in found)]
    unique = {(f.start, f.end): f for f in kept}
    return sorted(unique.values(), key=lambda f: f.start)


def _sent_or_none(text: str, start: int, end: int | None, doc: Any) -> Sent:
    return read_sentence(text, start, end, doc)


def _will(sent: Sent) -> list[Forecast | None]:
    return [_clause(sent, t.head, t.text) for t in sent.tokens()
            if t.tag_ == "MD" and t.text.lower() in ("will", "'ll", "’ll", "shall", "wo")]


def _set_to(sent: Sent) -> list[Forecast | None]:
    found: list[Forecast | None] = []
    for m in matches(sent, _FORECAST_CUE):
        tokens = sent.tokens(m.start(), m.end())
        if tokens:
            verb = tokens[0].head if tokens[0].dep_ in ("aux", "auxpass") else tokens[0]
            found.append(_clause(sent, verb, " ".join(m.group().split()[1:])))
    return found


def _clause(sent: Sent, verb: Any, cue: str) -> Forecast | None:
    """The verb's clause, without a leading "as"/"that" or trailing punctuation; None for
    an indirect question."""
    words = [t for t in verb.subtree if not t.is_punct or t.i not in (verb.left_edge.i,
                                                                       verb.right_edge.i)]
    while words and (words[0].dep_ == "mark" and words[0].head.i == verb.i
                     or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    before = words[0].doc[words[0].i - 1].text.lower() if words and words[0].i else ""
    if not words or words[0].text.lower() in _WH or before in _WH:
        return None
    start, end = sent.at(words[0])[0], sent.at(words[-1])[1]
    return Forecast(start, end, sent.text[start:end], cue.lower())

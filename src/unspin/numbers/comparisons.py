"""Comparisons a reader should check: superlatives, records, increases and decreases,
multiples and comparatives, with the baseline when one is stated."""

from __future__ import annotations

import re
from typing import Any

from ..document import Comparison
from .lexicon import CURRENCY, FALL, QUANTITY_NOUNS, REPEAT_VERBS, RISE
from .sentence import Sent, matches, read_sentence

# ---------------------------------------------------------------------------- comparisons


def find_comparisons(text: str, start: int = 0, end: int | None = None, *,
                     doc: Any = None) -> list[Comparison]:
    """Superlatives, records, rises and falls, "doubled", and "X-er than" comparisons in
    ``text[start:end]``: claims of size a reader should check even without a number."""
    return comparisons_in(read_sentence(text, start, end, doc))


def comparisons_in(sent: Sent) -> list[Comparison]:
    found: list[Comparison] = []
    for detect in (_superlatives, _changes, _records, _repeats, _trends, _comparatives):
        found += [c for c in detect(sent)
                  if not any(c.start < f.end and f.start < c.end for f in found)]
    return sorted(found, key=lambda c: c.start)


def _make(sent: Sent, start: int, end: int, kind: str,
          baseline: str | None = None) -> Comparison:
    return Comparison(start, end, sent.text[start:end], kind, baseline)


_BASELINE = re.compile(r"(?P<gap>[^,.;:!?…]{0,60}?)\b(?P<b>(?i:since)\s+[^,.;:!?…]+?"
                       r"(?=\s*(?:[,.;:!?…]|\b(?:which|that|and|but|when)\b|$))|ever\b|on\s+"
                       r"record\b|in\s+(?:history|decades|years|a\s+decade|a\s+generation|"
                       r"\d+\s+years)\b)")
_POSSESSIVE = {"the", "its", "their", "his", "her", "our", "my", "your"}


def _superlatives(sent: Sent) -> list[Comparison]:
    """"the highest monthly number of desertions since the beginning of the conflict":
    a superlative with a determiner, its noun phrase, and the baseline when stated."""
    found = []
    for tok in sent.tokens():
        if not _is_superlative(tok):
            continue
        start = sent.at(tok.doc[tok.i - 1])[0]
        end = _phrase_end(sent, tok)
        base = _BASELINE.match(sent.text, end, sent.end)
        baseline = base.group("b") if base else None
        found.append(_make(sent, start, base.end() if base else end, "superlative", baseline))
    return found


def _is_superlative(tok: Any) -> bool:
    if tok.tag_ not in ("JJS", "RBS") or tok.i == 0 or tok.text.lower() == "latest":
        return False
    if tok.doc[tok.i - 1].text.lower() not in _POSSESSIVE:
        return False
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text.lower() not in ("most", "least") or (
        following is not None and following.pos_ in ("ADJ", "ADV"))


def _phrase_end(sent: Sent, tok: Any) -> int:
    """End of the noun the superlative modifies, with its "of X" if it has one."""
    noun = tok.head if tok.dep_ == "amod" and tok.head.i > tok.i else tok
    end = sent.at(noun)[1]
    for child in noun.rights:
        if child.dep_ == "prep" and child.text.lower() == "of":
            end = max([end, *(sent.at(g)[1] for g in child.children if g.dep_ == "pobj")])
    return end


_CHANGE = re.compile(r"\b(?P<dir>(?i:up|down|rose|risen|rises|rising|increased|grew|grown|"
                     r"jumped|soared|climbed|fell|fallen|falls|dropped|declined|decreased|"
                     r"plunged|slumped|an\s+increase\s+of|a\s+rise\s+of|a\s+drop\s+of|"
                     r"a\s+fall\s+of|a\s+decline\s+of))\s+(?:(?i:by)\s+)?"
                     r"(?:(?i:nearly|almost|about|more\s+than|over)\s+)?(?:[$£€])?\d[\d,.]*"
                     r"(?:\s?%|\s+(?:per\s?cent|percent|percentage\s+points?|million|billion|"
                     r"thousand)\b)?")
_DOWNWARD = re.compile(r"^(?:down|fell|fallen|falls|dropped|declined|decreased|plunged|"
                       r"slumped|a\s+drop|a\s+fall|a\s+decline)", re.IGNORECASE)


def _changes(sent: Sent) -> list[Comparison]:
    """"up 15%", "fell by 3,000": a change stated with its size."""
    return [_make(sent, m.start(), m.end(),
                  "decrease" if _DOWNWARD.match(m.group("dir")) else "increase")
            for m in matches(sent, _CHANGE)]


def _records(sent: Sent) -> list[Comparison]:
    """"a record", "a very bad record", "record high" (the noun, not the verb)."""
    found = []
    for tok in sent.tokens():
        prev = tok.doc[tok.i - 1].text.lower() if tok.i else ""
        if tok.text.lower() != "record" or tok.pos_ == "VERB" or prev in ("on", "track"):
            continue
        start = min([sent.at(c.left_edge)[0] for c in tok.lefts] + [sent.at(tok)[0]])
        end = sent.at(tok.head)[1] if tok.dep_ in ("compound", "amod") and \
            tok.head.i == tok.i + 1 else sent.at(tok)[1]
        found.append(_make(sent, start, end, "record"))
    return found


def _repeats(sent: Sent) -> list[Comparison]:
    """"doubled", "has tripled", "halved": verbs only, so "a double load" is not one."""
    return [_make(sent, *sent.at(t), REPEAT_VERBS[t.text.lower()]) for t in sent.tokens()
            if t.text.lower() in REPEAT_VERBS and t.pos_ == "VERB"]


def _trends(sent: Sent) -> list[Comparison]:
    """"The number of desertions has been growing": a rise or fall with no figure, when
    the subject is a quantity; "more and more X" says the same."""
    found = [_make(sent, m.start(), m.end(), "increase")
             for m in matches(sent, re.compile(r"\b(?i:more\s+and\s+more)\b"))]
    for tok in sent.tokens():
        word = tok.text.lower()
        if tok.pos_ != "VERB" or word not in RISE | FALL:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.text.lower() in QUANTITY_NOUNS]
        if subjects:
            kind = "increase" if word in RISE else "decrease"
            found.append(_make(sent, sent.at(subjects[0].left_edge)[0], sent.at(tok)[1], kind))
    return found


def _comparatives(sent: Sent) -> list[Comparison]:
    """"much higher than the official figures", "more than ever"; "more than 21,000" is
    a hedge on a number and is left to ``find_numbers``."""
    found = []
    for tok in sent.tokens():
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.tag_ not in ("JJR", "RBR") or nxt is None or nxt.text.lower() != "than":
            continue
        after = tok.doc[nxt.i + 1] if nxt.i + 1 < len(tok.doc) else None
        if after is None or after.like_num or after.text in CURRENCY:
            continue
        start = min(sent.at(c)[0] for c in [tok, *[c for c in tok.lefts if c.dep_ == "advmod"]])
        found.append(_make(sent, start, sent.at(nxt.right_edge)[1], "comparative"))
    return found

"""Numbers in a sentence, normalised: value, bounds, kind, what is counted, when and where."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from ..document import Comparison, NumberMention, Period
from .comparisons import comparisons_in
from .lexicon import (
    ATOM,
    CHANGE_VERB_BEFORE,
    CURRENCY,
    DATE,
    DATE_PREPOSITION,
    HEDGE_AFTER,
    HEDGE_BEFORE,
    LOWER,
    MULTIPLIER,
    MULTIPLIERS,
    NATIONALITIES,
    ORDINAL,
    ORDINALS,
    SCALES,
    TIME,
    UPPER,
    VAGUE,
    VAGUE_RE,
    alt,
    number_value,
    scale_of,
)
from .periods import find_periods
from .sentence import Sent, matches, read_sentence

# ---------------------------------------------------------------------------- numbers


@dataclass(frozen=True, slots=True)
class _Raw:
    """A number before its context is attached."""

    start: int
    end: int
    kind: str
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    hedge: str | None = None
    unit: str | None = None
    scale: float = 1.0
    year_like: bool = False


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 published: dt.date | None = None, doc: Any = None) -> list[NumberMention]:
    """Every number in ``text[start:end]``, normalised.

    Args:
        text: the whole article; offsets in the result point into it.
        start, end: the sentence (``end`` None means the end of ``text``).
        published: the publication date, against which "in October" is resolved.
        doc: a spaCy parse of ``text`` or of ``text[start:end]``, to avoid parsing again.
    """
    sent = read_sentence(text, start, end, doc)
    raws = _hedged(sent, _ranges(sent, _detect(sent)))
    periods = find_periods(text, sent.start, sent.end, published=published)
    comparisons = comparisons_in(sent)
    return [_finish(sent, _classify_year(sent, r), periods, comparisons) for r in raws]


def _detect(sent: Sent) -> list[_Raw]:
    """Run the detectors in order; a later one skips what an earlier one took, so
    "01:36" is a time and never a count, and "October 2024" a date, not a year."""
    taken: list[_Raw] = []
    for found in (_times, _dates, _multipliers, _ordinals, _vague, _atoms):
        taken += [r for r in found(sent) if not any(_overlap(r, t) for t in taken)]
    return sorted(taken, key=lambda r: r.start)


def _overlap(a: _Raw, b: _Raw) -> bool:
    return a.start < b.end and b.start < a.end


def _times(sent: Sent) -> list[_Raw]:
    return [_Raw(m.start(), m.end(), "time", None) for m in matches(sent, TIME)]


def _dates(sent: Sent) -> list[_Raw]:
    return [_Raw(m.start(), m.end(), "date", None) for m in matches(sent, DATE)]


def _multipliers(sent: Sent) -> list[_Raw]:
    """"a double, triple load" is a figure of speech, not a count of anything: kind
    multiplier, value the factor, no unit (docs/numbers.md)."""
    found = []
    for m in matches(sent, MULTIPLIER):
        word = m.group().lower()
        factor = MULTIPLIERS.get(word) or number_value(re.sub(r"(-fold| times)$", "", word))
        found.append(_Raw(m.start(), m.end(), "multiplier", factor, factor, factor))
    return found


def _ordinals(sent: Sent) -> list[_Raw]:
    found = []
    for m in matches(sent, ORDINAL):
        word = m.group().lower()
        value = ORDINALS.get(word) or float(re.sub(r"\D", "", word))
        found.append(_Raw(m.start(), m.end(), "ordinal", value, value, value))
    return found


def _vague(sent: Sent) -> list[_Raw]:
    """"hundreds of X": a lower bound, the smallest plural (200), with the phrase as hedge."""
    found = []
    for m in matches(sent, VAGUE_RE):
        words = m.group().lower().split()
        value = VAGUE[words[0]] * (SCALES[words[-1][:-1]] if len(words) > 1 else 1.0)
        hedge = " ".join(words) + ("" if len(words) > 1 else " of")
        found.append(_Raw(m.start(), m.end(), "count", value, value, None, "lower", hedge))
    return found


def _atoms(sent: Sent) -> list[_Raw]:
    return [_atom(m) for m in matches(sent, ATOM) if not _pronoun_one(sent, m)]


def _pronoun_one(sent: Sent, m: re.Match[str]) -> bool:
    """"no one", "the one who": "one" is a number only when it counts a noun."""
    if m.group("num").lower() != "one" or m.group("cur") or m.group("pct"):
        return False
    tokens = sent.tokens(m.start(), m.end())
    return not tokens or tokens[0].dep_ != "nummod"


def _atom(m: re.Match[str]) -> _Raw:
    """One plain number with its currency or percent sign; years are decided later."""
    num = m.group("num")
    value = number_value(num)
    cur = (m.group("cur") or "").lower()
    curw = (m.group("curw") or "").split()
    pct = m.group("pct")
    kind, unit = "count", None
    if cur or curw:
        kind, unit = "money", CURRENCY.get(cur) or (curw[-1].lower() if curw else None)
    elif pct:
        kind = "percent"
        unit = "percentage points" if "point" in pct else "percent"
    scale = scale_of(num)
    year_like = bool(re.fullmatch(r"(?:1[89]|20)\d\d", num)) and kind == "count"
    return _Raw(m.start(), m.end(), kind, value, value, value, unit=unit, scale=scale,
                year_like=year_like)


# ---------------------------------------------------------------------------- ranges


def _ranges(sent: Sent, raws: list[_Raw]) -> list[_Raw]:
    """Join "between 3,000 and 5,000", "3-5 million", "from 10 to 12 percent" into one
    mention each; "rose from 10 to 12 percent" is a change, not a range, and stays two."""
    out: list[_Raw] = []
    for raw in raws:
        if out and (joined := _join(sent, out[-1], raw)) is not None:
            out[-1] = joined
        else:
            out.append(raw)
    return out


def _join(sent: Sent, a: _Raw, b: _Raw) -> _Raw | None:
    kinds = {a.kind, b.kind}
    if not kinds <= {"count", "money", "percent"} or len(kinds - {"count"}) > 1:
        return None
    gap = sent.text[a.end:b.start]
    before = sent.text[sent.start:a.start]
    lead = re.search(r"\b(between|from)\s+$", before, re.IGNORECASE)
    if re.fullmatch(r"\s*[-–—]\s*|\s+to\s+|\s+or\s+", gap) and not lead:
        return _range(a, b, a.start)
    word = lead.group(1).lower() if lead else ""
    if lead and (word, gap.strip().lower()) in {("between", "and"), ("from", "to")}:
        if word == "from" and CHANGE_VERB_BEFORE.search(before[: lead.start()]):
            return None
        return _range(a, b, sent.start + lead.start())
    return None


def _range(a: _Raw, b: _Raw, start: int) -> _Raw:
    """The unit, sign and scale written once apply to both ends: "3-5 million"."""
    low = (a.value or 0.0) * (b.scale if a.scale == 1.0 and b.scale > 1.0 else 1.0)
    year_like = a.year_like and b.year_like
    return _Raw(start, b.end, a.kind if b.kind == "count" else b.kind, None, low, b.value,
                "range", unit=a.unit or b.unit, scale=b.scale, year_like=year_like)


def _hedged(sent: Sent, raws: list[_Raw]) -> list[_Raw]:
    """Attach "more than", "nearly", "or more" and set the bound they imply."""
    return [_hedge(sent, r) if r.kind in ("count", "money", "percent") and not r.hedge
            else r for r in raws]


def _hedge(sent: Sent, raw: _Raw) -> _Raw:
    before = HEDGE_BEFORE.search(sent.text, max(sent.start, raw.start - 40), raw.start)
    after = HEDGE_AFTER.search(sent.text[raw.end:sent.end])
    if before and not (before.group("h").lower() == "some" and raw.year_like):
        raw = replace(raw, start=before.start(), hedge=before.group("h").lower())
    if after:
        raw = replace(raw, end=raw.end + after.end(),
                      hedge=raw.hedge or " ".join(after.group().split()).lower())
    return _bounded(raw) if raw.hedge and raw.bound != "range" else raw


def _bounded(raw: _Raw) -> _Raw:
    hedge, value = raw.hedge or "", raw.value
    if hedge in LOWER:
        return replace(raw, bound="lower", low=value, high=None)
    if hedge in UPPER:
        return replace(raw, bound="upper", low=None, high=value)
    return replace(raw, bound="approximate", low=None, high=None)


def _classify_year(sent: Sent, raw: _Raw) -> _Raw:
    """"in 2023" is a year; "2023 soldiers" a count: a year-like number is a count only
    when the parse makes it the number of a noun and no date preposition precedes it."""
    if not raw.year_like or raw.hedge:
        return raw
    before = sent.text[sent.start:raw.start]
    token = _last_token(sent, raw)
    counts_noun = (token is not None and token.dep_ == "nummod" and token.ent_type_ != "DATE"
                   and token.head.pos_ == "NOUN")
    if counts_noun and not DATE_PREPOSITION.search(before):
        return raw
    value = raw.value if raw.bound != "range" else None
    return replace(raw, kind="year", value=value)


# ---------------------------------------------------------------------------- context


def _finish(sent: Sent, raw: _Raw, periods: list[Period],
            comparisons: list[Comparison]) -> NumberMention:
    unit, inferred = raw.unit, False
    if raw.kind in ("count", "ordinal") and unit is None:
        unit = _counted_noun(sent, raw)
        if unit is None and raw.kind == "count":
            unit = _inferred_unit(sent.text, raw.start)
            inferred = unit is not None
    place = _place(sent, raw) if raw.kind in ("count", "money", "percent") else None
    return NumberMention(
        raw.start, raw.end, sent.text[raw.start:raw.end], raw.value, raw.low, raw.high,
        raw.bound, raw.hedge, unit, _nearest(periods, raw), place,
        _comparison_for(raw, comparisons), raw.kind, inferred)


def _last_token(sent: Sent, raw: _Raw) -> Any:
    tokens = [t for t in sent.tokens(raw.start, raw.end) if not t.is_punct]
    return tokens[-1] if tokens else None


def _counted_noun(sent: Sent, raw: _Raw) -> str | None:
    """The noun the number modifies in the parse ("21,000 Ukrainian soldiers" ->
    soldiers), or the object of "of" ("hundreds of people", "21,000 of the soldiers")."""
    token = _last_token(sent, raw)
    if token is None:
        return None
    while token.dep_ in ("quantmod", "compound", "nummod") and token.head.like_num:
        token = token.head
    head = token.head
    modifies = token.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ == "NOUN"
    after = sent.base + head.idx >= raw.end and head.text.lower() not in ("percent", "cent")
    if modifies and after:
        return str(head.text.lower())
    return _of_object(sent, token, raw)


def _of_object(sent: Sent, token: Any, raw: _Raw) -> str | None:
    for child in token.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            nouns = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
            if nouns:
                return str(nouns[0].text.lower())
    after = [t for t in sent.tokens(raw.end, sent.end)[:1] if t.tag_ == "NNS"]
    return str(after[0].text.lower()) if after else None


_COUNTED = re.compile(r"\bnumbers?\s+of\s+(?:[a-z-]+\s+){0,2}?([a-z]+s)\b"
                      r"|(?<![\w.,])\d[\d,.]*\s+(?:[A-Z][a-z]+\s+)?([a-z]+s)\b")


def _inferred_unit(text: str, at: int) -> str | None:
    """A number with no noun ("21,602 in October") counts what the article counts:
    among nouns the article counts elsewhere ("the number of desertions", "21,000
    soldiers"), pick the one mentioned nearest to it, preferring its paragraph, and
    name it in the form the article counts it most often."""
    counted = Counter(m.group(1) or m.group(2) for m in _COUNTED.finditer(text))
    best: tuple[tuple[bool, int], str] | None = None
    paragraph = _paragraph(text, at)
    for noun in counted:
        for m in re.finditer(_stem_pattern(noun), text, re.IGNORECASE):
            if m.start() <= at < m.end() + 1:
                continue
            key = (not paragraph[0] <= m.start() < paragraph[1], abs(m.start() - at))
            if best is None or key < best[0]:
                best = (key, noun)
    if best is None:
        return None
    stem = _stem_pattern(best[1])
    forms = [n for n in counted if re.fullmatch(stem, n, re.IGNORECASE)] or [best[1]]
    return max(forms, key=lambda n: counted[n])


def _stem_pattern(noun: str) -> str:
    """"desertions", "deserters" and "desertion" share a crude stem; short words must
    match whole so "men" does not find "mention"."""
    base = noun.rstrip("s")
    return rf"\b{base}s?\b" if len(base) <= 5 else rf"\b{base[:6]}[a-z]{{0,5}}\b"


def _paragraph(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"\n\s*\n", text[:at])]
    after = re.search(r"\n\s*\n", text[at:])
    return (starts[-1] if starts else 0, at + after.start() if after else len(text))


def _place(sent: Sent, raw: _Raw) -> str | None:
    """The GPE or LOC nearest the number; a nationality adjective ("Ukrainian soldiers")
    stands for its country."""
    found: list[tuple[int, str]] = []
    for ent in sent.own.ents:
        s = sent.base + ent.start_char
        if sent.start <= s < sent.end and ent.label_ in ("GPE", "LOC"):
            found.append((s, str(ent.text)))
    pattern = rf"\b({alt(NATIONALITIES)})s?\b"
    for m in re.finditer(pattern, sent.text[sent.start:sent.end]):
        found.append((sent.start + m.start(), NATIONALITIES[m.group(1)]))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - raw.start))[1]


def _nearest(periods: list[Period], raw: _Raw) -> Period | None:
    """The period nearest the number in the sentence (its own, for "since 2023"); a
    vague one ("Recently, media reported...") only when there is nothing more specific,
    since it usually dates the report rather than the count."""
    if raw.kind in ("multiplier", "ordinal"):
        return None

    def rank(p: Period) -> tuple[bool, int]:
        vague = (p.unresolved_reason or "").startswith(("vague", "counted from"))
        return vague, max(p.start - raw.end, raw.start - p.end, 0)

    return min(periods, key=rank, default=None)


def _comparison_for(raw: _Raw, comparisons: list[Comparison]) -> str | None:
    """A comparison that contains the number ("up 15%") or shares its sentence."""
    if raw.kind not in ("count", "money", "percent"):
        return None
    inside = [c for c in comparisons if c.start <= raw.start and raw.end <= c.end]
    pick = inside or comparisons
    return pick[0].kind if pick else None

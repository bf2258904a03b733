"""Numbers in a claim sentence, normalised: value, bounds, what is counted, when and where.

A fact-checker comparing "more than 21,000 soldiers in October" with an official
"21,602" needs both read the same way: the hedge kept as a bound, the counted noun, the
month resolved against the publication date (or said to be unresolved), the place. This
module is a pure library: ``find_numbers``, ``find_periods``, ``find_comparisons`` and
``find_forecasts`` take the whole article text plus the sentence's ``start``/``end`` and
return spans whose offsets point into that text; the claims stage runs them on every
claim sentence.

Numbers are found by regular expressions (deterministic offsets, and spaCy's CARDINAL
entities miss "3-5 million" and take "Nearly 12" without "per cent"); spaCy's parse is
used for what regexes cannot see: the noun a number counts, places, superlatives,
record claims and forecasts. See docs/numbers.md for the fields and the choices.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from ..document import Comparison, Forecast, NumberMention, Period

# ---------------------------------------------------------------------------- lexicon

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {w: float(i) for i, w in enumerate(_SMALL)} | {
    w: float(10 * i) for i, w in enumerate(_TENS, start=2)} | {"a": 1.0, "an": 1.0}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12, "dozen": 12.0, "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9,
           "tn": 1e12}
_CURRENCY = {"$": "dollars", "us$": "dollars", "£": "pounds", "€": "euros", "¥": "yen",
             "₴": "hryvnias", "₽": "rubles"}
_ORDINALS = {w: float(i) for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"], start=1)} | {"twentieth": 20.0, "hundredth": 100.0}
_MULTIPLIERS = {"double": 2.0, "twice": 2.0, "twofold": 2.0, "triple": 3.0, "thrice": 3.0,
                "threefold": 3.0, "quadruple": 4.0, "fourfold": 4.0, "fivefold": 5.0,
                "tenfold": 10.0}
# "hundreds of" says at least two hundred: the lower bound is the smallest plural.
_VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
          "millions": 2e6, "billions": 2e9, "tens": 20.0}
_LOWER = {"more than", "over", "above", "at least", "in excess of", "upwards of",
          "well over", "just over", "a little over", "no fewer than", "no less than",
          "slightly more than", "or more", "and more", "+"}
_UPPER = {"fewer than", "less than", "under", "below", "up to", "at most", "no more than",
          "as many as", "as much as", "nearly", "almost", "just under", "not quite",
          "or fewer", "or less"}
_APPROX = {"about", "around", "roughly", "approximately", "some", "an estimated",
           "estimated", "close to", "circa", "or so", "some estimated"}
_NATIONALITIES = {"Ukrainian": "Ukraine", "Russian": "Russia", "American": "United States",
                  "British": "United Kingdom", "Chinese": "China", "French": "France",
                  "German": "Germany", "Israeli": "Israel", "Palestinian": "Palestine",
                  "Polish": "Poland", "Iranian": "Iran", "Syrian": "Syria",
                  "Turkish": "Turkey", "Belarusian": "Belarus", "Indian": "India",
                  "Japanese": "Japan", "Italian": "Italy", "Spanish": "Spain",
                  "Canadian": "Canada", "Mexican": "Mexico", "Georgian": "Georgia",
                  "Moldovan": "Moldova", "Hungarian": "Hungary", "Afghan": "Afghanistan",
                  "Iraqi": "Iraq", "Lebanese": "Lebanon", "Yemeni": "Yemen"}
_QUANTITY_NOUNS = {"number", "numbers", "rate", "figure", "figures", "total", "count",
                   "share", "price", "prices", "cost", "costs", "level", "levels", "amount",
                   "toll", "unemployment", "inflation"}
_RISE = {"grow", "grows", "grew", "growing", "grown", "rise", "rises", "rose", "rising",
         "risen", "increase", "increases", "increased", "increasing", "soar", "soared",
         "soaring", "climb", "climbed", "climbing", "surge", "surged", "jumped",
         "accelerated", "accelerating"}
_FALL = {"fall", "falls", "fell", "falling", "fallen", "drop", "drops", "dropped",
         "dropping", "decline", "declined", "declining", "decrease", "decreased",
         "decreasing", "shrink", "shrank", "shrinking", "plunged", "slumped"}
_REPEAT_VERBS = {"double": "doubled", "doubled": "doubled", "doubles": "doubled",
                 "doubling": "doubled", "triple": "tripled", "tripled": "tripled",
                 "triples": "tripled", "quadrupled": "quadrupled", "halved": "halved",
                 "halve": "halved", "halves": "halved"}

# ---------------------------------------------------------------------------- patterns


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "seventeen" wins over "seven"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = rf"(?:{_alt(_TENS)})(?:-(?:{_alt(_SMALL[1:10])}))?|{_alt(_SMALL)}"
_SCALE_WORDS = r"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen)\b)"
_NUMBER = (rf"(?:(?:{_DIGITS})(?!\d)(?:(?:bn|mn|tn|k|m)\b)?|\b(?:{_WORDNUM})\b"
           rf"|\ban?(?={_SCALE_WORDS})){_SCALE_WORDS}*")
_ATOM = re.compile(
    rf"(?<![\w.,:/])(?<![A-Za-z]-)(?P<cur>US\$|\$|£|€|¥|₴|₽)?(?P<num>{_NUMBER})"
    r"(?P<pct>\s?%|\s+(?:percentage\s+points?|per\s?cent|percent)\b)?"
    r"(?P<curw>\s+(?:US\s+)?(?:dollars|euros|pounds|rubles|roubles|hryvnias?|yuan|yen)\b)?",
    re.IGNORECASE)
_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|CET|CEST|EST|EDT|"
                   r"PST|BST|MSK|[ap]\.?m\.?))?(?![\d:])|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am|pm)\b")
_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))")
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|,\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|\b{_MONTH}\s+{_DAY}(?!\d|,\d{{3}})"
                   rf"(?:,\s*{_YEAR})?|\b{_MONTH},?\s+{_YEAR}")
_ORDINAL = re.compile(rf"\b\d+(?:st|nd|rd|th)\b|\b(?:{_alt(set(_ORDINALS) - {'first'})})\b"
                      r"|(?<=[Tt]he )first\b")
_MULTIPLIER = re.compile(rf"\b(?:{_alt(_MULTIPLIERS)})\b|\b\d+(?:\.\d+)?-fold\b|(?<![\w.,])"
                         rf"(?:{_NUMBER}) times(?=\s+(?:as|more|less|fewer|higher|lower|"
                         r"larger|bigger|greater|smaller|the)\b)", re.IGNORECASE)
_VAGUE_RE = re.compile(r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
                       r"|(?:dozens|scores|hundreds|thousands|millions|billions)(?=\s+of\b))",
                       re.IGNORECASE)
_SUFFIX_HEDGES = {"+", "or more", "and more", "or fewer", "or less", "or so"}
_HEDGE_BEFORE = re.compile(
    rf"\b(?P<h>{_alt((_LOWER | _UPPER | _APPROX) - _SUFFIX_HEDGES)})\s+$", re.IGNORECASE)
_HEDGE_AFTER = re.compile(r"^(?:\+|\s+(?:or|and)\s+(?:more|over|above)\b|\s+or\s+so\b"
                          r"|\s+or\s+(?:fewer|less)\b)", re.IGNORECASE)
_DATE_PREPOSITION = re.compile(r"\b(?:in|since|by|until|till|from|during|of|before|after|"
                               r"through|between|and|to|early|late|mid)\s*$|[-–]\s*$", re.IGNORECASE)
_CHANGE_VERB_BEFORE = re.compile(r"\b(?:rose|risen|rising|grew|grown|increased|jumped|"
                                 r"climbed|soared|fell|fallen|dropped|declined|decreased|"
                                 r"went|up|down)\s+$", re.IGNORECASE)


# ---------------------------------------------------------------------------- parsing


@lru_cache(maxsize=64)
def _parse(sentence: str) -> Any:
    """Parse with the project's one English pipeline (loaded once per process by
    ``stages.nlp.english``, a ``functools.cache`` of ``spacy.load``), so a process that
    also runs the nlp stage holds a single copy of the model."""
    from .nlp import english

    return english()(sentence)


@dataclass(frozen=True, slots=True)
class _Sent:
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


def _sentence(text: str, start: int, end: int | None, doc: Any) -> _Sent:
    """Check the bounds and parse the sentence, unless the caller already did."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"start/end must satisfy 0 <= start <= end <= {len(text)}, "
                         f"got {start}, {end}")
    if doc is None:
        doc, base = _parse(text[start:end]), start
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
    return _Sent(text, start, end, doc, base, own)


def _parses(doc: Any, text: str, base: int) -> bool:
    """Whether ``doc`` is a parse of ``text``: same length, and its last token where the
    text has it. (``doc.text == text`` would rebuild the doc's text on every call: with
    a whole-article doc and a call per finder per claim, most of the stage's time.)"""
    if not len(doc):
        return not text
    last = doc[-1]
    end = int(last.idx) + len(last.text_with_ws)
    return end == len(text) and text[last.idx:last.idx + len(last.text)] == str(last.text)


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
    sent = _sentence(text, start, end, doc)
    raws = _hedged(sent, _ranges(sent, _detect(sent)))
    periods = find_periods(text, sent.start, sent.end, published=published)
    comparisons = _comparisons(sent)
    return [_finish(sent, _classify_year(sent, r), periods, comparisons) for r in raws]


def _detect(sent: _Sent) -> list[_Raw]:
    """Run the detectors in order; a later one skips what an earlier one took, so
    "01:36" is a time and never a count, and "October 2024" a date, not a year."""
    taken: list[_Raw] = []
    for found in (_times, _dates, _multipliers, _ordinals, _vague, _atoms):
        taken += [r for r in found(sent) if not any(_overlap(r, t) for t in taken)]
    return sorted(taken, key=lambda r: r.start)


def _overlap(a: _Raw, b: _Raw) -> bool:
    return a.start < b.end and b.start < a.end


def _matches(sent: _Sent, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    return list(pattern.finditer(sent.text, sent.start, sent.end))


def _times(sent: _Sent) -> list[_Raw]:
    return [_Raw(m.start(), m.end(), "time", None) for m in _matches(sent, _TIME)]


def _dates(sent: _Sent) -> list[_Raw]:
    return [_Raw(m.start(), m.end(), "date", None) for m in _matches(sent, _DATE)]


def _multipliers(sent: _Sent) -> list[_Raw]:
    """"a double, triple load" is a figure of speech, not a count of anything: kind
    multiplier, value the factor, no unit (docs/numbers.md)."""
    found = []
    for m in _matches(sent, _MULTIPLIER):
        word = m.group().lower()
        factor = _MULTIPLIERS.get(word) or _number_value(re.sub(r"(-fold| times)$", "", word))
        found.append(_Raw(m.start(), m.end(), "multiplier", factor, factor, factor))
    return found


def _ordinals(sent: _Sent) -> list[_Raw]:
    found = []
    for m in _matches(sent, _ORDINAL):
        word = m.group().lower()
        value = _ORDINALS.get(word) or float(re.sub(r"\D", "", word))
        found.append(_Raw(m.start(), m.end(), "ordinal", value, value, value))
    return found


def _vague(sent: _Sent) -> list[_Raw]:
    """"hundreds of X": a lower bound, the smallest plural (200), with the phrase as hedge."""
    found = []
    for m in _matches(sent, _VAGUE_RE):
        words = m.group().lower().split()
        value = _VAGUE[words[0]] * (_SCALES[words[-1][:-1]] if len(words) > 1 else 1.0)
        hedge = " ".join(words) + ("" if len(words) > 1 else " of")
        found.append(_Raw(m.start(), m.end(), "count", value, value, None, "lower", hedge))
    return found


def _atoms(sent: _Sent) -> list[_Raw]:
    return [_atom(m) for m in _matches(sent, _ATOM) if not _pronoun_one(sent, m)]


def _pronoun_one(sent: _Sent, m: re.Match[str]) -> bool:
    """"no one", "the one who": "one" is a number only when it counts a noun."""
    if m.group("num").lower() != "one" or m.group("cur") or m.group("pct"):
        return False
    tokens = sent.tokens(m.start(), m.end())
    return not tokens or tokens[0].dep_ != "nummod"


def _atom(m: re.Match[str]) -> _Raw:
    """One plain number with its currency or percent sign; years are decided later."""
    num = m.group("num")
    value = _number_value(num)
    cur = (m.group("cur") or "").lower()
    curw = (m.group("curw") or "").split()
    pct = m.group("pct")
    kind, unit = "count", None
    if cur or curw:
        kind, unit = "money", _CURRENCY.get(cur) or (curw[-1].lower() if curw else None)
    elif pct:
        kind = "percent"
        unit = "percentage points" if "point" in pct else "percent"
    scale = _scale_of(num)
    year_like = bool(re.fullmatch(r"(?:1[89]|20)\d\d", num)) and kind == "count"
    return _Raw(m.start(), m.end(), kind, value, value, value, unit=unit, scale=scale,
                year_like=year_like)


def _number_value(num: str) -> float:
    """"21,602" -> 21602, "1.5 billion" -> 1.5e9, "two dozen" -> 24, "$4m" -> 4e6."""
    words = num.lower().replace(",", "").split()
    head = re.match(r"([\d.]+)(bn|mn|tn|k|m)?$", words[0])
    if head:
        value = float(head.group(1)) * _SCALES.get(head.group(2) or "", 1.0)
    else:
        parts = words[0].split("-")
        value = sum(_WORD_VALUES[p] for p in parts)
    for word in words[1:]:
        value *= _SCALES[word]
    return value


def _scale_of(num: str) -> float:
    scale = 1.0
    for word in re.findall(r"[a-z]+", num.lower()):
        scale *= _SCALES.get(word, 1.0) if word not in _WORD_VALUES else 1.0
    return scale


# ---------------------------------------------------------------------------- ranges


def _ranges(sent: _Sent, raws: list[_Raw]) -> list[_Raw]:
    """Join "between 3,000 and 5,000", "3-5 million", "from 10 to 12 percent" into one
    mention each; "rose from 10 to 12 percent" is a change, not a range, and stays two."""
    out: list[_Raw] = []
    for raw in raws:
        if out and (joined := _join(sent, out[-1], raw)) is not None:
            out[-1] = joined
        else:
            out.append(raw)
    return out


def _join(sent: _Sent, a: _Raw, b: _Raw) -> _Raw | None:
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
        if word == "from" and _CHANGE_VERB_BEFORE.search(before[: lead.start()]):
            return None
        return _range(a, b, sent.start + lead.start())
    return None


def _range(a: _Raw, b: _Raw, start: int) -> _Raw:
    """The unit, sign and scale written once apply to both ends: "3-5 million"."""
    low = (a.value or 0.0) * (b.scale if a.scale == 1.0 and b.scale > 1.0 else 1.0)
    year_like = a.year_like and b.year_like
    return _Raw(start, b.end, a.kind if b.kind == "count" else b.kind, None, low, b.value,
                "range", unit=a.unit or b.unit, scale=b.scale, year_like=year_like)


def _hedged(sent: _Sent, raws: list[_Raw]) -> list[_Raw]:
    """Attach "more than", "nearly", "or more" and set the bound they imply."""
    return [_hedge(sent, r) if r.kind in ("count", "money", "percent") and not r.hedge
            else r for r in raws]


def _hedge(sent: _Sent, raw: _Raw) -> _Raw:
    before = _HEDGE_BEFORE.search(sent.text, max(sent.start, raw.start - 40), raw.start)
    after = _HEDGE_AFTER.search(sent.text[raw.end:sent.end])
    if before and not (before.group("h").lower() == "some" and raw.year_like):
        raw = replace(raw, start=before.start(), hedge=before.group("h").lower())
    if after:
        raw = replace(raw, end=raw.end + after.end(),
                      hedge=raw.hedge or " ".join(after.group().split()).lower())
    return _bounded(raw) if raw.hedge and raw.bound != "range" else raw


def _bounded(raw: _Raw) -> _Raw:
    hedge, value = raw.hedge or "", raw.value
    if hedge in _LOWER:
        return replace(raw, bound="lower", low=value, high=None)
    if hedge in _UPPER:
        return replace(raw, bound="upper", low=None, high=value)
    return replace(raw, bound="approximate", low=None, high=None)


def _classify_year(sent: _Sent, raw: _Raw) -> _Raw:
    """"in 2023" is a year; "2023 soldiers" a count: a year-like number is a count only
    when the parse makes it the number of a noun and no date preposition precedes it."""
    if not raw.year_like or raw.hedge:
        return raw
    before = sent.text[sent.start:raw.start]
    token = _last_token(sent, raw)
    counts_noun = (token is not None and token.dep_ == "nummod" and token.ent_type_ != "DATE"
                   and token.head.pos_ == "NOUN")
    if counts_noun and not _DATE_PREPOSITION.search(before):
        return raw
    value = raw.value if raw.bound != "range" else None
    return replace(raw, kind="year", value=value)


# ---------------------------------------------------------------------------- context


def _finish(sent: _Sent, raw: _Raw, periods: list[Period],
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


def _last_token(sent: _Sent, raw: _Raw) -> Any:
    tokens = [t for t in sent.tokens(raw.start, raw.end) if not t.is_punct]
    return tokens[-1] if tokens else None


def _counted_noun(sent: _Sent, raw: _Raw) -> str | None:
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


def _of_object(sent: _Sent, token: Any, raw: _Raw) -> str | None:
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


def _place(sent: _Sent, raw: _Raw) -> str | None:
    """The GPE or LOC nearest the number; a nationality adjective ("Ukrainian soldiers")
    stands for its country."""
    found: list[tuple[int, str]] = []
    for ent in sent.own.ents:
        s = sent.base + ent.start_char
        if sent.start <= s < sent.end and ent.label_ in ("GPE", "LOC"):
            found.append((s, str(ent.text)))
    pattern = rf"\b({_alt(_NATIONALITIES)})s?\b"
    for m in re.finditer(pattern, sent.text[sent.start:sent.end]):
        found.append((sent.start + m.start(), _NATIONALITIES[m.group(1)]))
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


# ---------------------------------------------------------------------------- periods

_NUM_WORD_RE = rf"\d+|{_WORDNUM}"
_REL = (r"(?i:(?:last|this|next|past|previous)\s+(?:week|month|year|decade|spring|summer|"
        r"autumn|fall|winter)|yesterday|today)")
_DAYMONTH = (rf"(?:{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY}(?!\d|,\d{{3}})|{_MONTH})"
             rf"(?:,?\s+{_YEAR})?")
_CORE = rf"(?:{_DAYMONTH}|{_YEAR}|{_REL})"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p)) for k, p in [
    ("range", (rf"\b(?i:between|from)\s+(?P<a>{_CORE})\s+(?i:and|to|until|through)\s+"
               rf"(?P<b>{_CORE})")),
    ("range", rf"\b(?P<a>{_YEAR})\s*[-–]\s*(?P<b>{_YEAR})"),
    ("since", rf"\b(?i:since)\s+(?P<a>{_CORE})"),
    ("past_n", (rf"\b(?i:(?:in|over|during|for)\s+)?(?i:the\s+(?:past|last))\s+"
                rf"(?P<n>(?i:{_NUM_WORD_RE}))\s+(?P<u>(?i:days|weeks|months|years))\b")),
    ("vague", (r"\b(?i:since\s+the\s+(?:beginning|start|outbreak)\s+of\s+the\s+[\w-]+"
              r"|(?:in\s+)?recent\s+(?:days|weeks|months|years|times)"
              r"|(?:in|over)\s+the\s+(?:past|last|coming|next)\s+few\s+(?:days|weeks|months|"
              r"years)|in\s+the\s+near\s+future|recently|lately|for\s+a\s+long\s+time)\b")),
    ("point", rf"\b(?i:in|during|throughout|for|as\s+of|so\s+far\s+in)\s+(?P<a>{_CORE})"),
    ("point", rf"\b(?P<a>{_DAYMONTH}|{_REL})"),
]]


def find_periods(text: str, start: int = 0, end: int | None = None, *,
                 published: dt.date | None = None) -> list[Period]:
    """Time expressions in ``text[start:end]``, resolved to dates where the text (and
    ``published``) allow, otherwise with the reason they could not be."""
    sent_end = len(text) if end is None else end
    found: list[Period] = []
    for kind, pattern in _PERIODS:
        for m in pattern.finditer(text, start, sent_end):
            if any(m.start() < p.end and p.start < m.end() for p in found):
                continue
            bounds = _RESOLVERS[kind](m, published)
            found.append(Period(m.start(), m.end(), m.group(), *bounds))
    return sorted(found, key=lambda p: p.start)


_Bounds = tuple[str | None, str | None, str | None]
_NO_YEAR = "year not stated and no publication date"
_NO_BASE = "relative to the publication date, which is not known"


def _resolve_point(m: re.Match[str], published: dt.date | None) -> _Bounds:
    found = _expand(m.group("a"), published)
    if isinstance(found, str):
        return None, None, found
    return found[0].isoformat(), found[1].isoformat(), None


def _resolve_since(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """dateparser reads "2023" but not "since 2023": the start is the start of what
    follows "since", the end the publication date."""
    found = _expand(m.group("a"), published)
    if isinstance(found, str):
        return None, None, found
    end = published.isoformat() if published else None
    return found[0].isoformat(), end, None if published else "ends at the publication " \
        "date, which is not known"


def _resolve_range(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """dateparser reads one date, not a span; "between March and May 2024" lends the
    year of its second end to the first."""
    a, b = m.group("a"), m.group("b")
    year = re.search(_YEAR, b)
    if year and not re.search(_YEAR, a) and not re.fullmatch(_REL, a):
        a = f"{a} {year.group()}"
    if re.fullmatch(r"\d\d", b):
        b = a[:2] + b
    first, last = _expand(a, published), _expand(b, published)
    if isinstance(first, str) or isinstance(last, str):
        return None, None, first if isinstance(first, str) else str(last)
    return first[0].isoformat(), last[1].isoformat(), None


def _resolve_past_n(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"the past two years" is a span ending at publication; dateparser reads only
    points ("two years ago")."""
    if published is None:
        return None, None, _NO_BASE
    n, unit = int(_number_value(m.group("n"))), m.group("u").lower()
    if unit in ("days", "weeks"):
        begin = published - dt.timedelta(days=n * (7 if unit == "weeks" else 1))
    else:
        months = published.year * 12 + published.month - 1 - n * (12 if unit == "years" else 1)
        begin = _same_day(months // 12, months % 12 + 1, published.day)
    return begin.isoformat(), published.isoformat(), None


def _same_day(year: int, month: int, day: int) -> dt.date:
    """The same day of another month, or that month's last day (31 March -> 28 Feb)."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1),
               following - dt.timedelta(days=1))


def _resolve_vague(m: re.Match[str], published: dt.date | None) -> _Bounds:
    if m.group().lower().startswith("since"):
        return None, None, "counted from an event the text does not date"
    return None, None, "vague: the text gives no dates"


_RESOLVERS = {"point": _resolve_point, "since": _resolve_since, "range": _resolve_range,
              "past_n": _resolve_past_n, "vague": _resolve_vague}


def _expand(core: str, published: dt.date | None) -> tuple[dt.date, dt.date] | str:
    """First and last day of a date expression, or why it cannot be had. A span that
    contains the publication date ends on it: the text cannot count what came after."""
    has_year = re.search(_YEAR, core) is not None
    if published is None and not has_year:
        return _NO_BASE if re.fullmatch(_REL, core) else _NO_YEAR
    data = _date_parser(published).get_date_data(core)
    if data is None or data.date_obj is None:
        return f"dateparser could not read {core!r}"
    first, last = _granule(data.date_obj.date(), data.period or "day")
    if published is not None and first <= published <= last:
        last = published
    return first, last


def _granule(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return day.replace(day=1), following - dt.timedelta(days=1)
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    return day, day


@cache
def _date_parser(published: dt.date | None) -> Any:
    """dateparser resolves months and relative phrases against the publication date,
    preferring the past (a report of "October" in November means the October just gone)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                                "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month,
                                                published.day)
    return DateDataParser(languages=["en"], settings=settings)


# ---------------------------------------------------------------------------- comparisons


def find_comparisons(text: str, start: int = 0, end: int | None = None, *,
                     doc: Any = None) -> list[Comparison]:
    """Superlatives, records, rises and falls, "doubled", and "X-er than" comparisons in
    ``text[start:end]``: claims of size a reader should check even without a number."""
    return _comparisons(_sentence(text, start, end, doc))


def _comparisons(sent: _Sent) -> list[Comparison]:
    found: list[Comparison] = []
    for detect in (_superlatives, _changes, _records, _repeats, _trends, _comparatives):
        found += [c for c in detect(sent)
                  if not any(c.start < f.end and f.start < c.end for f in found)]
    return sorted(found, key=lambda c: c.start)


def _make(sent: _Sent, start: int, end: int, kind: str,
          baseline: str | None = None) -> Comparison:
    return Comparison(start, end, sent.text[start:end], kind, baseline)


_BASELINE = re.compile(r"(?P<gap>[^,.;:!?…]{0,60}?)\b(?P<b>(?i:since)\s+[^,.;:!?…]+?"
                       r"(?=\s*(?:[,.;:!?…]|\b(?:which|that|and|but|when)\b|$))|ever\b|on\s+"
                       r"record\b|in\s+(?:history|decades|years|a\s+decade|a\s+generation|"
                       r"\d+\s+years)\b)")
_POSSESSIVE = {"the", "its", "their", "his", "her", "our", "my", "your"}


def _superlatives(sent: _Sent) -> list[Comparison]:
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


def _phrase_end(sent: _Sent, tok: Any) -> int:
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


def _changes(sent: _Sent) -> list[Comparison]:
    """"up 15%", "fell by 3,000": a change stated with its size."""
    return [_make(sent, m.start(), m.end(),
                  "decrease" if _DOWNWARD.match(m.group("dir")) else "increase")
            for m in _matches(sent, _CHANGE)]


def _records(sent: _Sent) -> list[Comparison]:
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


def _repeats(sent: _Sent) -> list[Comparison]:
    """"doubled", "has tripled", "halved": verbs only, so "a double load" is not one."""
    return [_make(sent, *sent.at(t), _REPEAT_VERBS[t.text.lower()]) for t in sent.tokens()
            if t.text.lower() in _REPEAT_VERBS and t.pos_ == "VERB"]


def _trends(sent: _Sent) -> list[Comparison]:
    """"The number of desertions has been growing": a rise or fall with no figure, when
    the subject is a quantity; "more and more X" says the same."""
    found = [_make(sent, m.start(), m.end(), "increase")
             for m in _matches(sent, re.compile(r"\b(?i:more\s+and\s+more)\b"))]
    for tok in sent.tokens():
        word = tok.text.lower()
        if tok.pos_ != "VERB" or word not in _RISE | _FALL:
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.text.lower() in _QUANTITY_NOUNS]
        if subjects:
            kind = "increase" if word in _RISE else "decrease"
            found.append(_make(sent, sent.at(subjects[0].left_edge)[0], sent.at(tok)[1], kind))
    return found


def _comparatives(sent: _Sent) -> list[Comparison]:
    """"much higher than the official figures", "more than ever"; "more than 21,000" is
    a hedge on a number and is left to ``find_numbers``."""
    found = []
    for tok in sent.tokens():
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.tag_ not in ("JJR", "RBR") or nxt is None or nxt.text.lower() != "than":
            continue
        after = tok.doc[nxt.i + 1] if nxt.i + 1 < len(tok.doc) else None
        if after is None or after.like_num or after.text in _CURRENCY:
            continue
        start = min(sent.at(c)[0] for c in [tok, *[c for c in tok.lefts if c.dep_ == "advmod"]])
        found.append(_make(sent, start, sent.at(nxt.right_edge)[1], "comparative"))
    return found


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


def _sent_or_none(text: str, start: int, end: int | None, doc: Any) -> _Sent:
    return _sentence(text, start, end, doc)


def _will(sent: _Sent) -> list[Forecast | None]:
    return [_clause(sent, t.head, t.text) for t in sent.tokens()
            if t.tag_ == "MD" and t.text.lower() in ("will", "'ll", "’ll", "shall", "wo")]


def _set_to(sent: _Sent) -> list[Forecast | None]:
    found: list[Forecast | None] = []
    for m in _matches(sent, _FORECAST_CUE):
        tokens = sent.tokens(m.start(), m.end())
        if tokens:
            verb = tokens[0].head if tokens[0].dep_ in ("aux", "auxpass") else tokens[0]
            found.append(_clause(sent, verb, " ".join(m.group().split()[1:])))
    return found


def _clause(sent: _Sent, verb: Any, cue: str) -> Forecast | None:
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

"""Finding the numbers of a sentence in its characters, before any context is read.

Detectors run in order and a later one skips what an earlier one took, so "01:36" is a
time and never a count, "October 2024" a date, "the 1990s" a decade, "one in five" a
ratio and "3-1" a score before the plain-number pattern sees any of them. Ranges and
hedges are joined afterwards. What the parse decides (an age in apposition, a number in
a name, what is counted) is left to ``context`` and ``counted``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .forms import decades, fractions, names, ratios, scores, short_years
from .lexicon import (
    ATOM,
    CHANGE_VERB_BEFORE,
    CONTEST_VERBS,
    CURRENCY,
    CURRENCY_PEOPLE,
    DATA_GLUED,
    DATA_UNIT_WORDS,
    DATE,
    HEDGE_AFTER,
    HEDGE_BEFORE,
    LOWER,
    MEASURE_UNITS,
    MOTION_BEFORE,
    MULTIPLIER,
    MULTIPLIERS,
    NUMBER,
    ORDINAL,
    ORDINALS,
    POLL_CUE,
    SCALES,
    TIME,
    TIME_UNITS,
    UPPER,
    VAGUE,
    VAGUE_RE,
    WEIGHT_CUES,
    WORD_VALUES,
    WORDNUM,
    alt,
    number_value,
    scale_of,
    unit_kind,
)
from .raw import Raw
from .sentence import Sent, matches


def detect(sent: Sent) -> list[Raw]:
    """Every number of the sentence, ranges joined and hedges attached."""
    taken: list[Raw] = []
    for found in (_times, _dates, _screen_sizes, _halves_of_units, _split_halves, names,
                  decades, short_years, ratios, fractions, scores, _powers, _money_adjectives,
                  _multipliers, _tops, _ordinals, _vague, _atoms):
        taken += [r for r in found(sent) if not any(_overlap(r, t) for t in taken)]
    raws = sorted(taken, key=lambda r: r.start)
    return _conversions(sent, [_hedge(sent, r) for r in _ranges(sent, raws)])


# "about 130km (80 miles)": the bracket gives the same amount in another unit.
_BRACKET_BETWEEN = re.compile(r"\s*[(\[]\s*")


def _conversions(sent: Sent, raws: list[Raw]) -> list[Raw]:
    """A measure or sum in brackets right after a hedged one of its kind is that amount
    converted, and carries its hedge: "about 130km (80 miles)" is about 80 miles."""
    out = list(raws)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if first.hedge and not second.hedge and first.kind == second.kind and \
                first.kind in ("measure", "money") and first.bound != "range" and \
                second.bound == "exact" and \
                _BRACKET_BETWEEN.fullmatch(sent.text, first.end, second.start):
            out[i] = _bounded(replace(second, hedge=first.hedge))
    return out


def _overlap(a: Raw, b: Raw) -> bool:
    return a.start < b.end and b.start < a.end


# ---------------------------------------------------------------------------- detectors


def _times(sent: Sent) -> list[Raw]:
    return [Raw(m.start(), m.end(), "time", None) for m in matches(sent, TIME)]


_DAY_FIRST = re.compile(r"^\s*(?P<d>\d{1,2})\s+[–—-]\s+")


# "2/26/2015", "02/26/15": month, day and year in digits (US order; a day-first
# "26/2/2015" is a date too, and a reader of either order sees a date, not a count);
# ISO 8601 "2020-01-05"; with dashes "06-22-2017" (a four-digit year only: "3-1-2" is no
# date).
_NUMERIC_DATE = re.compile(r"(?<![\w/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])"
                           r"|(?<![\w-])(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?![\w-])"
                           r"|(?<![\w/.-])[01]?\d-[0-3]?\d-(?:1[89]|20)\d\d(?![\w-])")


def _dates(sent: Sent) -> list[Raw]:
    """Dates, and a day alone at the head of a dated list item ("14 – A previously ...")."""
    found = [Raw(m.start(), m.end(), "date", None)
             for pattern in (DATE, _NUMERIC_DATE) for m in matches(sent, pattern)]
    head = _DAY_FIRST.match(sent.text[sent.start:sent.end])
    if head and int(head.group("d")) <= 31:
        found.append(Raw(sent.start + head.start("d"), sent.start + head.end("d"), "date", None))
    return found


_SPLIT_HALF = re.compile(r"(?<![\w/])(?P<n>\d+)1/2(?=\s+(?:years?|months?|weeks?|days?|"
                         r"hours?|miles?|inches|feet|percent)\b)")


# "a half-hour", "half an hour", "three-and-a-half week", "two and a half years": a
# fraction of a unit of time or measure is a duration or measure, not a ratio.
_HALF_OF_UNIT = re.compile(
    rf"(?:\b(?P<whole>\d+|{WORDNUM})[- ]and[- ]an?[- ]|\b(?:an?[- ])?)half[- ](?:an?\s+)?"
    rf"(?P<u>{alt(TIME_UNITS)}|{alt(MEASURE_UNITS)})\b(?!-old)", re.IGNORECASE)


# "6 ½ minutes": the vulgar fraction sign for a half after a whole number.
_SIGN_HALF_OF_UNIT = re.compile(
    rf"(?<![\w.,])(?P<whole>\d+)\s?½\s*(?P<u>{alt(TIME_UNITS)}|{alt(MEASURE_UNITS)})\b(?!-old)",
    re.IGNORECASE)


# "1920 by 1080 pixels", "a resolution of 1800 x 1920": two sides of a screen or image,
# measured in pixels, never years or counts.
_SCREEN_SIZE = re.compile(r"(?<![\w.,])(?P<a>\d{3,5})\s*(?:x|×|by)\s*(?P<b>\d{3,5})(?![\w.,]\d)"
                          r"(?P<px>\s+pixels\b)?", re.IGNORECASE)
_RESOLUTION_BEFORE = re.compile(r"\b(?:resolution|screen|display|panel)s?\b[^.;]{0,20}$",
                                re.IGNORECASE)


def _screen_sizes(sent: Sent) -> list[Raw]:
    found = []
    for m in matches(sent, _SCREEN_SIZE):
        before = sent.text[max(sent.start, m.start() - 40):m.start()]
        if not m.group("px") and not _RESOLUTION_BEFORE.search(before):
            continue
        for side in ("a", "b"):
            value = float(m.group(side))
            end = m.end() if side == "b" and m.group("px") else m.end(side)
            found.append(Raw(m.start(side), end, "measure", value, value, value, unit="pixel"))
    return found


def _halves_of_units(sent: Sent) -> list[Raw]:
    """A half, or a whole number and a half, of a unit: its kind and unit from the unit
    word, as for "three weeks"."""
    found = []
    for m in [*matches(sent, _HALF_OF_UNIT), *matches(sent, _SIGN_HALF_OF_UNIT)]:
        value = (number_value(m.group("whole")) if m.group("whole") else 0.0) + 0.5
        kind, unit = unit_kind(m.group("u").lower()) or ("measure", m.group("u").lower())
        found.append(Raw(m.start(), m.end(), kind, value, value, value, unit=unit))
    return found


def _split_halves(sent: Sent) -> list[Raw]:
    """A scraped "41/2 years" is a "4 1/2" that lost its space: 4.5 years."""
    found = []
    for m in matches(sent, _SPLIT_HALF):
        value = float(m.group("n")) + 0.5
        glued = _glued(m.start(), m.end(), value, sent.text[m.end():sent.end])
        found.append(glued or Raw(m.start(), m.end(), "count", value, value, value, plain=True))
    return found


def _multipliers(sent: Sent) -> list[Raw]:
    """"a double, triple load" is a figure of speech, not a count of anything: kind
    multiplier, value the factor, no unit (docs/numbers.md)."""
    found = []
    for m in matches(sent, MULTIPLIER):
        word = m.group().lower()
        factor = MULTIPLIERS.get(word) or number_value(re.sub(r"(-fold| times)$", "", word))
        found.append(Raw(m.start(), m.end(), "multiplier", factor, factor, factor))
    return found


# "in America's top 10", "the top five causes": a rank no lower than the number.
_TOP = re.compile(rf"\btop[- ](?P<n>\d{{1,3}}|{WORDNUM})\b(?![-–.,]\d|%|\s*percent)",
                  re.IGNORECASE)


def _tops(sent: Sent) -> list[Raw]:
    """"in America's top 10" ranks a thing no lower than tenth: an ordinal with an upper
    bound, the hedge "top". With a noun of its own ("the top three officials") the
    number counts those things, and is left to the plain numbers."""
    found = []
    for m in matches(sent, _TOP):
        tokens = sent.tokens(m.start("n"), m.end("n"))
        if tokens and tokens[-1].dep_ == "nummod" and tokens[-1].head.i > tokens[-1].i:
            continue
        value = number_value(m.group("n"))
        found.append(Raw(m.start(), m.end(), "ordinal", value, None, value, "upper", "top"))
    return found


def _ordinals(sent: Sent) -> list[Raw]:
    """"the third time", "21st", "twenty-first"; "first" and "second" only when the
    parse makes them rank a noun ("his first visit"), not as adverbs ("who first
    revealed") or a unit of time."""
    found = []
    for m in matches(sent, ORDINAL):
        word = m.group().lower()
        if word in ("first", "second") and not _ranks_a_noun(sent, m):
            continue
        value = _ordinal_value(word)
        found.append(Raw(m.start(), m.end(), "ordinal", value, value, value))
    return found


def _ordinal_value(word: str) -> float:
    if word[0].isdigit():
        return float(re.sub(r"\D", "", word))
    parts = word.split("-")
    tens = WORD_VALUES.get(parts[0], 0.0) if len(parts) > 1 else 0.0
    return tens + ORDINALS[parts[-1]]


def _ranks_a_noun(sent: Sent, m: re.Match[str]) -> bool:
    tokens = sent.tokens(m.start(), m.end())
    if not tokens:
        return False
    tok = tokens[0]
    if tok.pos_ in ("VERB", "AUX") or tok.text.lower() == "second" and tok.pos_ == "NOUN":
        return False
    if tok.lower_ == "second" and tok.i > 0 and tok.doc[tok.i - 1].like_num:
        return False  # "the 60 second ad": a unit of time after a number, not a rank
    after_the = tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("the", "its", "his", "her", "their")
    return bool(tok.dep_ == "amod" or after_the and tok.pos_ != "ADV"
                or _ranks_by_what_follows(tok))


def _ranks_by_what_follows(tok: Any) -> bool:
    """"first to explore Pluto" (the first of those who did: a rank of the doer, whose
    noun the sentence leaves unsaid), "In First 100 Days" (the first of a counted
    stretch): a rank, though no article stands before it."""
    doc = tok.doc
    following = doc[tok.i + 1:tok.i + 3]
    if len(following) == 2 and following[0].lower_ == "to" and following[1].pos_ == "VERB":
        return True
    return len(following) >= 1 and following[0].like_num and following[0].text[:1].isdigit()


# "10^5", "2^28", "2^15 - 1", "10 to the 5th", "two to the power of 28": a power, read as
# its value (an offset added or taken away after it is part of the figure).
_POWER = re.compile(rf"(?<![\w.,^])(?P<b>\d+|{WORDNUM})(?:\s*\^\s*|\s+to\s+the\s+(?:power\s+of\s+)?)"
                    r"(?P<e>\d{1,3})(?:st|nd|rd|th)?(?:\s+power)?\b(?![.,]\d)"
                    r"(?:\s*(?P<op>[-+−])\s*(?P<c>\d+)\b(?![.,]\d))?", re.IGNORECASE)


def _powers(sent: Sent) -> list[Raw]:
    found = []
    for m in matches(sent, _POWER):
        base = number_value(m.group("b"))
        if "^" not in m.group() and base != 10 and "power" not in m.group().lower():
            continue  # "rose from 2 to the 5th" is no power; "10 to the 5th" and "^" are
        value = base ** int(m.group("e"))
        if m.group("op"):
            value += -int(m.group("c")) if m.group("op") in "-−" else int(m.group("c"))
        found.append(Raw(m.start(), m.end(), "count", value, value, value))
    return found


# "a billion-dollar deal", "a $2 million-dollar home", "a 10-million-dollar budget": a
# sum of money used as an adjective; "multibillion-dollar" says no amount and is left.
_MONEY_ADJECTIVE = re.compile(rf"(?:(?<=\ba\s)|(?<=\ban\s)|(?<![\w$-])(?P<n>\d+(?:\.\d+)?|{WORDNUM})"
                              r"[- ])(?P<s>hundred|thousand|million|billion|trillion)-dollar\b",
                              re.IGNORECASE)


def _money_adjectives(sent: Sent) -> list[Raw]:
    found = []
    for m in matches(sent, _MONEY_ADJECTIVE):
        scale = SCALES[m.group("s").lower()]
        value = (number_value(m.group("n")) if m.group("n") else 1.0) * scale
        found.append(Raw(m.start(), m.end(), "money", value, value, value, unit="dollars",
                         scale=scale))
    return found


# "Hundreds gathered", "deporting millions": a vague plural standing alone as a subject or
# object is a count of people or things the sentence does not name.
_VAGUE_ALONE = re.compile(r"(?<![\w-])(?P<v>dozens|hundreds|thousands|millions)\b(?!\s+of\b)",
                          re.IGNORECASE)


def _vague_alone(sent: Sent) -> list[Raw]:
    found = []
    for m in matches(sent, _VAGUE_ALONE):
        tokens = sent.tokens(m.start(), m.end())
        if not tokens or tokens[0].dep_ not in ("nsubj", "nsubjpass", "dobj") or \
                tokens[0].i > 0 and tokens[0].doc[tokens[0].i - 1].like_num:
            continue
        word = m.group("v").lower()
        found.append(Raw(m.start(), m.end(), "count", VAGUE[word], VAGUE[word], None, "lower",
                         word))
    return found


# "millions of dollars", "hundreds of thousands of U.S. dollars": a vague plural of a
# currency is a sum of money.
_OF_CURRENCY = re.compile(rf"\s+of\s+(?:{CURRENCY_PEOPLE}\s+)?(?P<c>dollars|euros|pounds)\b",
                          re.IGNORECASE)


def _vague(sent: Sent) -> list[Raw]:
    """"hundreds of X": a lower bound, the smallest plural (200), with the phrase as hedge;
    "cost the government billions": a sum; "hundreds" alone as a subject or object."""
    found: list[Raw] = []
    for m in matches(sent, VAGUE_RE):
        start, end = m.span("v" if m.group("v") else "v2")
        words = sent.text[start:end].lower().split()
        lead = words[0] if words[0].endswith("s") else words[0] + "s"  # "ten of thousands"
        value = VAGUE[lead] * (SCALES[words[-1][:-1]] if len(words) > 1 else 1.0)
        if m.group("sum"):
            found.append(Raw(start, end, "money", value, value, None, "lower", words[0]))
            continue
        hedge = " ".join(words) + ("" if len(words) > 1 else " of")
        currency = _OF_CURRENCY.match(sent.text, end, sent.end)
        if currency:  # "tens of millions of dollars": a sum, not a count
            found.append(Raw(start, currency.end(), "money", value, value, None, "lower", hedge,
                             unit=currency.group("c").lower()))
            continue
        found.append(Raw(start, end, "count", value, value, None, "lower", hedge))
    found += _several(sent)
    return found + [r for r in _vague_alone(sent) if not any(_overlap(r, f) for f in found)]


# "several thousand migrants": at least three of the scale, as "thousands" is at least two.
# "several million dollars" is a sum of money.
_SEVERAL = re.compile(r"\bseveral\s+(?P<s>hundred|thousand|million|billion)\b(?!\s+of\b)"
                      r"(?P<cur>\s+(?:dollars|euros|pounds)\b)?", re.IGNORECASE)


def _several(sent: Sent) -> list[Raw]:
    found = []
    for m in matches(sent, _SEVERAL):
        value = 3.0 * SCALES[m.group("s").lower()]
        money = m.group("cur")
        found.append(Raw(m.start(), m.end(), "money" if money else "count", value, value, None,
                         "lower", "several", unit=money.strip().lower() if money else None))
    return found


_AGE_GLUED = re.compile(r"^-\s?years?-olds?\b|^-?\s?years?[- ]old\b|^\s+years?\s+old\b"
                        r"|^-\s?(?:month|week|day)s?-olds?\b|^\s+(?:months|weeks|days)\s+old\b",
                        re.IGNORECASE)
_DURATION_GLUED = re.compile(rf"^-(?P<u>{alt(TIME_UNITS)})\b(?!-old)", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    rf"^\s+(?:(?:more|additional|straight|consecutive|long|full|whole|short|extra|further|"
    rf"successive)\s+)?(?P<t>{alt(TIME_UNITS)})\b(?!-)(?P<old>\s+old\b|\s+of\s+age\b)?"
    rf"|^\s+(?P<m>{alt(MEASURE_UNITS)})\b(?!-)", re.IGNORECASE)
_MEASURE_GLUED = re.compile(r"^\s?°?(?P<u>[CF])\b|^-(?P<w>(?:square-|cubic-)?(?:mile|foot|metre|"
                            r"meter|kilometre|kilometer|acre|pound|ton|tonne|inch|yard))s?\b"
                            rf"|^\s?(?P<x>km|kg|mph|lbs?|{DATA_GLUED})\b")


def _atoms(sent: Sent) -> list[Raw]:
    return [_atom(sent, m) for m in matches(sent, ATOM) if not _pronoun_one(sent, m)]


# "one" right after "including" or "excluding", with a count (not a year) earlier in the
# sentence.
_ONE_OF_A_COUNT = re.compile(r"(?:(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d"
                             r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|"
                             r"hundreds?|thousands?)\b).*\b(?:including|excluding)\s+$",
                             re.IGNORECASE | re.DOTALL)


# "one need only look", "one must dial": "one" as the subject of a modal is the generic
# pronoun, unless other counts in the sentence set it against them ("two stay; one must go").
_MODAL_AFTER = re.compile(r"\s+(?:need|must|can|cannot|can't|could|should|would|might|may|"
                          r"ought)\b", re.IGNORECASE)
_OTHER_COUNT = re.compile(r"(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d|\b(?:two|three|four|five|six|"
                          r"seven|eight|nine|ten|other|another)\b", re.IGNORECASE)

_COUNTED_ONE = re.compile(r"\b(?:only|just|exactly|least|most|than|but)\s+$", re.IGNORECASE)


def _pronoun_one(sent: Sent, m: re.Match[str]) -> bool:
    """"no one", "the one who": "one" is a number only when it counts a noun or is set
    against other numbers ("four of which ...; one has")."""
    if m.group("num").lower() != "one" or m.group("cur") or m.group("pct"):
        return False
    tokens = sent.tokens(m.start(), m.end())
    if not tokens:
        return True
    before = sent.text[max(sent.start, m.start() - 6):m.start()].lower()
    if re.search(r"\b(?:no|the|any|every|each|this|that|which)\s+$", before):
        return True
    if re.match(r"\s+of\b", sent.text[m.end():sent.end]):
        return True  # "one of four schooners": a member of a set
    if tokens[0].dep_ == "nummod":
        return False
    if _MODAL_AFTER.match(sent.text, m.end(), sent.end) and not (
            _COUNTED_ONE.search(sent.text, sent.start, m.start()) or
            _OTHER_COUNT.search(sent.text[sent.start:m.start()]) or
            _OTHER_COUNT.search(sent.text[m.end():sent.end])):
        return True  # "one need only look", "one would think": the generic pronoun
    if _ONE_OF_A_COUNT.search(sent.text, sent.start, m.start()):
        return False  # "75 breaks, including one in Lower Manhattan": one of that count
    return not re.search(r"[,;]\s*$", sent.text[sent.start:m.start()]) or \
        tokens[0].dep_ not in ("nsubj", "nsubjpass")


# "that lead was 7 points": in a sentence about polls, leads or margins, bare "points" are
# percentage points (a basketball score of 7 points is a count of points).
_POLL_POINTS = re.compile(r"^(?:\s+|-)points?\b", re.IGNORECASE)


def _atom(sent: Sent, m: re.Match[str]) -> Raw:
    """One plain number with its currency or percent sign, or a unit glued to it
    ("22-year-old", "52-month", "41.5C"); years are decided later."""
    num = m.group("num")
    value = number_value(num)
    cur = (m.group("cur") or "").lower()
    curw = (m.group("curw") or "").split()
    pct = m.group("pct")
    after = sent.text[m.end():sent.end]
    if curw and not cur and curw[-1].lower() == "pounds" and _weighs(sent):
        return Raw(m.start(), m.end(), "measure", value, value, value, unit="pound",
                   scale=scale_of(num))
    if cur or curw:
        unit = CURRENCY.get(cur) or (curw[-1].lower() if curw else None)
        return Raw(m.start(), m.end(), "money", value, value, value, unit=unit,
                   scale=scale_of(num))
    if pct:
        points = "point" in pct.lower()
        return Raw(m.start(), m.end(), "percentage_points" if points else "percent", value,
                   value, value, unit="percentage points" if points else "percent")
    poll_points = _POLL_POINTS.match(after)
    if poll_points and POLL_CUE.search(sent.text[sent.start:sent.end]):
        return Raw(m.start(), m.end() + poll_points.end(), "percentage_points", value, value, value,
                   unit="percentage points")
    glued = _glued(m.start(), m.end(), value, after)
    if glued is not None:
        return glued
    year_like = bool(re.fullmatch(r"(?:1[789]|20)\d\d", num))
    return Raw(m.start(), m.end(), "count", value, value, value, scale=scale_of(num),
               year_like=year_like, plain=True)


def _weighs(sent: Sent) -> bool:
    """"pounds" is a weight where the sentence weighs, catches or fishes (docs/numbers.md)."""
    return WEIGHT_CUES.search(sent.text, sent.start, sent.end) is not None


def _glued(start: int, end: int, value: float, after: str) -> Raw | None:
    age = _AGE_GLUED.match(after)
    if age:
        unit = next((u for u in ("month", "week", "day") if u in age.group().lower()), "year")
        return Raw(start, end + age.end(), "age", value, value, value, unit=unit)
    duration = _DURATION_GLUED.match(after)
    if duration:
        return Raw(start, end + duration.end(), "duration", value, value, value,
                   unit=TIME_UNITS[duration.group("u").lower()])
    written = _UNIT_AFTER.match(after)
    if written and written.group("t"):
        word = TIME_UNITS[written.group("t").lower()]
        kind = "age" if written.group("old") else "duration"
        return Raw(start, end + written.end("t"), kind, value, value, value, unit=word,
                   plain=True)
    if written:  # a unit of data in capitals ("100 Mbps") is no name for context to re-read
        word = written.group("m").lower()
        return Raw(start, end + written.end(), "measure", value, value, value,
                   unit=MEASURE_UNITS[word], plain=word not in DATA_UNIT_WORDS)
    measure = _MEASURE_GLUED.match(after)
    if measure:
        word = (measure.group("u") or measure.group("w") or measure.group("x")).lower()
        word = word.replace("-", " ")  # "1.4-square-mile": the unit "square mile"
        unit = "degree" if word in ("c", "f") else MEASURE_UNITS.get(word, word)
        return Raw(start, end + measure.end(), "measure", value, value, value, unit=unit)
    return None


# ---------------------------------------------------------------------------- ranges

_RANGE_KINDS = {"count", "money", "percent", "percentage_points", "age", "duration",
                "measure", "year"}


def _ranges(sent: Sent, raws: list[Raw]) -> list[Raw]:
    """Join "between 3,000 and 5,000", "3-5 million", "from 10 to 12 percent" into one
    mention each; "rose from 10 to 12 percent" is a change, and "80%-10%" (a split, the
    larger first) or "6 points to 41 percent" (two units) are two numbers."""
    out: list[Raw] = []
    for raw in raws:
        if out and (joined := _join(sent, out[-1], raw)) is not None:
            out[-1] = joined
        else:
            out.append(raw)
    return out


_DECADES_JOINED = re.compile(r"\s*(?:and|to|through|[-–])\s+(?:the\s+)?[’'‘]?$", re.IGNORECASE)
_DECADES_LEAD = re.compile(r"\b(?:between|from)\s+(?:the\s+)?[’'‘]?$", re.IGNORECASE)


def _decade_span(sent: Sent, a: Raw, b: Raw) -> Raw | None:
    """"between the 1950s and 1980s", "from the 1960s to the '80s": one stretch of
    years, from the first decade's start to the last one's end."""
    decade = a.kind == b.kind == "year" and a.bound == b.bound == "range" and \
        a.value is None and b.value is None and (a.low or 0) < (b.low or 0)
    before = sent.text[max(sent.start, a.start - 14):a.start]
    if not decade or not _DECADES_LEAD.search(before) or \
            not _DECADES_JOINED.fullmatch(sent.text[a.end:b.start]):
        return None
    return Raw(a.start, b.end, "year", None, a.low, b.high, "range")


def _join(sent: Sent, a: Raw, b: Raw) -> Raw | None:
    decades = _decade_span(sent, a, b)
    if decades is not None:
        return decades
    if not _joinable(a, b):
        return None
    gap = sent.text[a.end:b.start]
    before = sent.text[sent.start:a.start]
    if re.search(r"\bby\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+)?$", before,
                 re.IGNORECASE) and gap.strip().lower() == "to":
        return None  # "grew by 1.2 million to 67 million": a change and the new level
    lead = re.search(r"\b(between|from|ages?(?:\s+of)?|aged)\s+(?:the\s+ages\s+of\s+)?$",
                     before, re.IGNORECASE)
    word = lead.group(1).lower() if lead else ""
    if word == "from" and CHANGE_VERB_BEFORE.search(before[: lead.start()] if lead else ""):
        return None
    joiner = gap.strip().lower()
    if joiner == "to" and not lead and _score_of_shares(sent, a, b, before):
        return None
    if re.fullmatch(r"[-–—]|to|or", joiner) and (not lead or word != "between") and \
            (joiner != "—" or not gap.startswith(" ")):
        start = sent.start + lead.start() if lead and word in ("from", "between") else a.start
        return _range(a, b, start)
    if lead is not None and joiner == "and" and word in ("between",) or joiner == "and" and \
            word.startswith("age"):
        at = sent.start + lead.start() if lead is not None and word == "between" else a.start
        return _range(a, b, at)
    return None


_CONTEST_VERB = re.compile(rf"\b(?:{CONTEST_VERBS})(?:\s+[\w'’-]+){{0,3}}\s+$", re.IGNORECASE)

_OWN_SIGN = re.compile(r"%|per\s?cent", re.IGNORECASE)


def _score_of_shares(sent: Sent, a: Raw, b: Raw, before: str) -> bool:
    """"she lost the state 36 percent to 51 percent": after a verb of winning or losing,
    two shares each written with its own sign are the two sides' results, not a range (a
    range writes the unit once: "won 10 to 12 seats")."""
    return a.kind == b.kind == "percent" and \
        _OWN_SIGN.search(sent.text, a.start, a.end) is not None and \
        _OWN_SIGN.search(sent.text, b.start, b.end) is not None and \
        _CONTEST_VERB.search(before) is not None


def _joinable(a: Raw, b: Raw) -> bool:
    """Two numbers of one measure, low to high, neither already a range or hedged after."""
    if a.bound == "range" or b.bound == "range" or a.kind == "year" and a.value is None:
        return False
    kinds = {a.kind, b.kind}
    if not kinds <= _RANGE_KINDS or len(kinds - {"count"}) > 1:
        return False
    if a.year_like != b.year_like or a.hedge in ("or more", "+", "or so"):
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    low = (a.value or 0.0) * (b.scale if a.scale == 1.0 and b.scale > 1.0 else 1.0)
    return b.value is not None and low < b.value


def _range(a: Raw, b: Raw, start: int) -> Raw:
    """The unit, sign and scale written once apply to both ends: "3-5 million"."""
    low = (a.value or 0.0) * (b.scale if a.scale == 1.0 and b.scale > 1.0 else 1.0)
    kind = a.kind if b.kind == "count" else b.kind
    return Raw(start, b.end, kind, None, low, b.value, "range", a.hedge,
               a.unit or b.unit, b.scale, a.year_like and b.year_like, a.plain and b.plain)


# ---------------------------------------------------------------------------- hedges

_HEDGED_KINDS = {"count", "money", "percent", "percentage_points", "ratio", "duration",
                 "measure", "age"}
# "over" before a stretch of time is "during" ("$300 billion over two years"), unless a
# verb or "for" asks how long ("for over a decade", "served over 10 years").
_LENGTH_ASKED = re.compile(r"\b(?:for|of|after|than|lasted|lasting|took|takes|spent|served|"
                           r"waited|been|within)\s+$", re.IGNORECASE)


def _hedge(sent: Sent, raw: Raw) -> Raw:
    """Attach "more than", "nearly", "or more" and set the bound they imply."""
    if raw.kind not in _HEDGED_KINDS or raw.hedge:
        return raw
    window = max(sent.start, raw.start - 40)
    before = HEDGE_BEFORE.search(sent.text, window, raw.start)
    after = HEDGE_AFTER.search(sent.text[raw.end:sent.end])
    if before and _is_hedge(sent, raw, before):
        raw = replace(raw, start=before.start(), hedge=before.group("h").lower())
    elif raw.kind == "money":
        apart = _HEDGE_OVER_DETERMINER.search(sent.text, window, raw.start)
        if apart:  # "less than its original $4 billion asking price": the sum bounds it
            raw = replace(raw, hedge=" ".join(apart.group("h").lower().split()))
    if after:
        words = " ".join(after.group().split()).lower()
        hedge = "-something" if words.endswith("-something") else \
            re.sub(r"^(?:an?|per)\s+\w+\s+", "", words)
        raw = replace(raw, end=raw.end + after.end(), hedge=raw.hedge or hedge)
    return _bounded(raw) if raw.hedge and raw.bound != "range" else raw


# A comparison set before a sum by a possessive or an article and at most one adjective
# ("less than its original $4 billion", "more than the planned $2 million"): the sum is
# the bound the comparison names, as if the words between were not there.
_HEDGE_OVER_DETERMINER = re.compile(
    r"\b(?P<h>less\s+than|more\s+than|fewer\s+than|up\s+to|at\s+least|at\s+most|nearly|"
    r"almost|about|around|roughly)\s+(?:its|their|his|her|our|the)\s+(?:[a-z]+\s+)?$",
    re.IGNORECASE)


def _is_hedge(sent: Sent, raw: Raw, before: re.Match[str]) -> bool:
    word = before.group("h").lower()
    ahead = sent.text[sent.start:before.start()]
    if word == "some" and raw.year_like:
        return False
    if word == "up to" and MOTION_BEFORE.search(ahead):
        return False
    if word == "over" and raw.kind == "duration" and not _LENGTH_ASKED.search(ahead):
        return False
    return not (word == "near" and raw.kind not in ("percent",) and raw.value != 0)


def _bounded(raw: Raw) -> Raw:
    hedge, value = raw.hedge or "", raw.value
    if hedge in LOWER:
        return replace(raw, bound="lower", low=value, high=None)
    if hedge in UPPER:
        return replace(raw, bound="upper", low=None, high=value)
    return replace(raw, bound="approximate", low=None, high=None)


__all__ = ["NUMBER", "Raw", "detect"]

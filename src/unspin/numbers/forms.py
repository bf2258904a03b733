"""Numbers with a form of their own, found before plain numbers so that their digits are
never read as counts: names and references ("9/11", "Guccifer 2.0", "AL 303"), decades
and centuries ("the 1990s", "the 1300s"), short years ("’91", "2008-9"), ratios ("one in
five"), spelled fractions ("two-thirds"), and scores ("won 3-1")."""

from __future__ import annotations

import re

from .lexicon import (
    CONTEST_VERBS,
    EMERGENCY,
    FIXED_TERMS,
    FRACTIONS,
    MONTH,
    SCALES,
    SMALL,
    WORD_VALUES,
    WORDNUM,
    alt,
    number_value,
)
from .raw import Raw
from .sentence import Sent, matches

_SLASHED = re.compile(r"(?<![\w/])\d+/\d+(?![\w/])")
_FOOTNOTE = re.compile(r"\[\d+\]")
_PHONE = re.compile(r"(?:\(\d{3}\)\s*|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b")
_VERSION = re.compile(r"(?<=[A-Za-z] )\d+\.\d+(?:\.\d+)*(?!\s*(?:%|percent|per\s?cent|"
                      r"million|billion|trillion|points?|[a-z]+s\s+of\b))(?=\s|[,.;:!?)’”]|$)")
_CODE = re.compile(r"\b[A-Z]{2,4}[- ]\d+\b(?![,.]\d|[-%]|\s*(?:percent|per\s?cent|million|"
                   r"billion|years?|people)\b)")


def names(sent: Sent) -> list[Raw]:
    """Numbers that name or refer rather than count: "9/11", "24/7", fixed terms
    ("two-state", "10-year Treasury"), footnotes, phone numbers, emergency lines, codes
    ("AL 303") and versions after a name ("Guccifer 2.0"). A scraped "41/2 years" (a
    "4 1/2" that lost its space) is left to ``detect``, which reads it as 4.5."""
    found: list[Raw] = []
    for pattern in (_SLASHED, _FOOTNOTE, _PHONE, FIXED_TERMS, _CODE):
        found += [_name(m.start(), m.end()) for m in matches(sent, pattern)
                  if not _is_date_code(m.group())
                  and not any(f.start < m.end() and m.start() < f.end for f in found)]
    found += [_name(m.start(), m.end()) for m in matches(sent, _VERSION)
              if _after_capital(sent, m.start())]
    for m in matches(sent, EMERGENCY):
        group = "a" if m.group("a") else "b"
        found.append(_name(m.start(group), m.end(group)))
    return found


def _name(start: int, end: int) -> Raw:
    return Raw(start, end, "part_of_name", None, None, None)


def _is_date_code(text: str) -> bool:
    """"AM 9" is no code; months ("May 5") are read as dates."""
    return re.fullmatch(rf"{MONTH}[- ]\d+", text) is not None or text[:2] in ("AM", "PM")


def _after_capital(sent: Sent, at: int) -> bool:
    before = sent.text[sent.start:at].split()
    return bool(before) and before[-1][:1].isupper() and before[-1].isalpha()


# "the 1930's" is the 1930s written with an apostrophe (older or informal style).
_DECADE = re.compile(r"(?:\b(?P<pre>mid|early|late)[- ])?(?<![\w’'‘])(?P<y>1\d\d0|20\d0)[’']?s\b"
                     r"|[’'‘](?P<ab>\d)0s\b")
_UNDER_AGE = re.compile(r"\bunder-(?P<n>\d{1,2})\b")
_RATE_WORDS = re.compile(r"rate|unemploy|percent|%|approval|poll|support|turnout|share",
                         re.IGNORECASE)
_RATE_DECADE = re.compile(r"\b(?P<pre>low|mid|high|upper|lower)[- ](?P<n>[1-9]0)s\b",
                          re.IGNORECASE)
_AGE_DECADE = re.compile(r"\b(?:in\s+(?:his|her|their|my|your|our)\s+)(?:(?P<pre>early|mid|"
                         r"late)[- ])?(?P<n>[1-9]0)s\b", re.IGNORECASE)


def decades(sent: Sent) -> list[Raw]:
    """"the 1990s" (1990-1999), "the 1300s" (a century: 1300-1399), "the ’90s"; a rate in
    "the mid-30s" (33-36); an age "in her 40s" (40-49)."""
    found = []
    for m in matches(sent, _DECADE):
        if m.group("y"):
            year = int(m.group("y"))
            span = 99 if year % 100 == 0 and year < 2000 else 9
            start = m.start("y")
        else:
            year, span, start = 1900 + 10 * int(m.group("ab")), 9, m.start()
            year += 100 if year < 1920 else 0
        found.append(Raw(start, m.end(), "year", None, float(year), float(year + span),
                         "range", hedge=m.group("pre")))
    for m in matches(sent, _AGE_DECADE):
        n = int(m.group("n"))
        low, high = _decade_part(n, m.group("pre"))
        found.append(Raw(m.start("n"), m.end("n"), "age", None, low, high, "range",
                         hedge=m.group("pre"), unit="year"))
    rates = bool(_RATE_WORDS.search(sent.text, sent.start, sent.end))
    for m in matches(sent, _RATE_DECADE):
        if not rates or any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        low, high = _decade_part(int(m.group("n")), m.group("pre").lower())
        found.append(Raw(m.start("n"), m.end("n"), "percent", None, low, high, "range",
                         hedge=m.group("pre").lower(), unit="percent"))
    if _TEMPERATURE_WORDS.search(sent.text, sent.start, sent.end):
        found += [r for r in _temperatures(sent) if not any(
            f.start < r.end and r.start < f.end for f in found)]
    for m in matches(sent, _UNDER_AGE):
        value = float(m.group("n"))
        found.append(Raw(m.start(), m.end(), "age", value, None, value, "upper", "under-",
                         unit="year"))
    return found


_TEMPERATURE_WORDS = re.compile(r"\btemperatures?\b|\bdegrees?\b|°|\bfahrenheit\b|"
                                r"\bcelsius\b|\bthermometers?\b", re.IGNORECASE)
_TEMPERATURE_DECADE = re.compile(r"\b(?:(?P<pre>low|mid|high|upper|lower)[- ])?(?<!’)(?<!')"
                                 r"(?P<n>[1-9]0)s\b|\b(?P<digits>single|double|triple)"
                                 r"[- ]digits?\b", re.IGNORECASE)
_DIGITS = {"single": (0.0, 9.0), "double": (10.0, 99.0), "triple": (100.0, 999.0)}


def _temperatures(sent: Sent) -> list[Raw]:
    """In a sentence about temperatures, "into the 50s" (50-59), "the low-20s" (20-23)
    and "single-digit" (0-9) are readings in degrees."""
    found = []
    for m in matches(sent, _TEMPERATURE_DECADE):
        if m.group("digits"):
            low, high = _DIGITS[m.group("digits").lower()]
            found.append(Raw(m.start(), m.end(), "measure", None, low, high, "range",
                             unit="degree"))
            continue
        pre = (m.group("pre") or "").lower() or None
        low, high = _decade_part(int(m.group("n")), pre)
        found.append(Raw(m.start("n"), m.end("n"), "measure", None, low, high, "range",
                         hedge=pre, unit="degree"))
    return found


def _decade_part(n: int, part: str | None) -> tuple[float, float]:
    """"low-50s" 50-53, "mid-50s" 53-56, "high-50s" 56-59; no prefix: 50-59."""
    offsets = {"low": (0, 3), "lower": (0, 3), "early": (0, 3), "mid": (3, 6),
               "high": (6, 9), "upper": (6, 9), "late": (6, 9)}
    a, b = offsets.get(part or "", (0, 9))
    return float(n + a), float(n + b)


_SHORT_YEAR = re.compile(r"(?<=\s)[’'‘](?P<y>\d\d)\b(?!s)|\b(?P<a>(?:1[89]|20)\d\d)[-–]"
                         r"(?P<b>\d{1,2})\b(?![-–\d])")


def short_years(sent: Sent) -> list[Raw]:
    """"in ’91" (1991) and "2008-9" (2008 to 2009)."""
    found = []
    for m in matches(sent, _SHORT_YEAR):
        if m.group("y"):
            two = int(m.group("y"))
            year = float(1900 + two if two > 30 else 2000 + two)
            found.append(Raw(m.start(), m.end(), "year", year, year, year))
            continue
        first, tail = m.group("a"), m.group("b")
        last = int(first[: 4 - len(tail)] + tail)
        if int(first) < last <= int(first) + 10:
            found.append(Raw(m.start(), m.end(), "year", None, float(first), float(last),
                             "range"))
    return found


_DENOMINATOR = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?!\d)|{alt(SMALL[2:] + ['hundred', 'thousand'])})"
# Hedges a ratio of opinion may carry between "by" and itself: "by nearly 2-1".
_RATIO_HEDGES = ("nearly", "almost", "about", "roughly", "more than", "better than",
                 "close to", "a")
_RATIO = re.compile(
    rf"\b(?P<a>\d+|{WORDNUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>{_DENOMINATOR})\b"
    rf"(?![,.]\d)|\b(?P<c>\d+|{alt(SMALL[1:11])})\s+of\s+(?:every\s+)?(?P<d>10|ten|100)"
    rf"\b(?!\s*(?:,\d|%|percent|per\s?cent|\w+\s+(?:of|who|that)\b))"
    rf"|(?<=\ba\s)(?P<e>\d+)(?:[-–]|\s+to\s+)(?P<f>\d+)(?=\s+(?:margin|ratio|majority|vote|"
    rf"edge|lead)\b)|\b(?P<g>\d+)(?:-to-|\s+to\s+)(?P<h>\d+)(?=\s+(?:margin|ratio)\b)"
    rf"|\b(?P<i>\d+|{WORDNUM})\s+of\s+(?:the|its|their|his|her|our)\s+(?:past|last|previous|"
    rf"first|final|next)\s+(?P<j>\d+|{WORDNUM})\b"
    rf"|\bby\s+(?:(?:{alt(_RATIO_HEDGES)})\s+)?(?P<k>\d{{1,2}})[-–](?P<l>\d{{1,2}})\b"
    r"(?![-–]\d|\s*(?:%|percent|per\s?cent))",
    re.IGNORECASE)


def ratios(sent: Sent) -> list[Raw]:
    """"one in five" (0.2), "eight of 10" (0.8), "a 3 to 1 margin" (3), "six of the past
    seven contests" (6/7: a share of a run of events), "say so by nearly 2-1" (2: how
    many on one side for each on the other; not after a word of play, where "by 2-1" is
    a score)."""
    found = []
    for m in matches(sent, _RATIO):
        x, y = next((x, y) for x, y in ("ab", "cd", "ef", "gh", "ij", "kl") if m.group(x))
        top, bottom = number_value(m.group(x)), number_value(m.group(y))
        if x == "k" and (top <= bottom or _SCORE_CUE.search(sent.text, sent.start, m.start())):
            continue
        if bottom and (top < bottom or x in "egk"):
            value = top / bottom
            found.append(Raw(m.start(x), m.end(y), "ratio", value, value, value))
    return found


_FRACTION = re.compile(
    rf"\b(?:(?P<n>an?|one|{alt(SMALL[2:10])})[- ])?(?P<d>{alt(FRACTIONS)})\b"
    r"(?P<pp>\s+(?:an?\s+)?(?:percentage\s+points?|per\s?cent|percent))?", re.IGNORECASE)
_FRACTION_AFTER = re.compile(r"^\s+(?:of|the|an?|his|her|their|its|our|all|those|these)\b"
                             r"|^\s*[-–—,]", re.IGNORECASE)


# "quarter-of-a-million", "half a billion", "a quarter million": a share of a scale word.
_FRACTION_OF_SCALE = re.compile(r"^(?:[- ]of[- ]an?[- ]|[- ]an?[- ]|[- ])"
                                r"(?P<s>thousand|million|billion|trillion)\b", re.IGNORECASE)
_CURRENCY_WORD = re.compile(r"\s+(dollars|euros|pounds)\b", re.IGNORECASE)
_HALF_DOZEN = re.compile(r"^(?:-|\s+an?\s+)dozen\b", re.IGNORECASE)


# "Less than a third agreed", "Nearly a quarter say": a hedged "a third" before a verb is
# a share of the people the sentence is about (unhedged, "a third" before a verb is as
# often the third person named: "A third was arrested later").
_SHARE_HEDGE = re.compile(r"\b(?:(?:less|more|fewer)\s+than|nearly|almost|about|roughly|around|"
                          r"approximately|just\s+over|just\s+under|only|barely)\s+$", re.IGNORECASE)


def _hedged_share(sent: Sent, m: re.Match[str]) -> bool:
    after = sent.tokens(m.end(), sent.end)
    return bool(_SHARE_HEDGE.search(sent.text, sent.start, m.start())) and bool(after) and \
        after[0].pos_ in ("VERB", "AUX")


def fractions(sent: Sent) -> list[Raw]:
    """"half", "a third of", "two-thirds", "one-tenth", "half a percentage point"."""
    found = []
    for m in matches(sent, _FRACTION):
        word, numerator = m.group("d").lower(), (m.group("n") or "").lower()
        after = sent.text[m.end():sent.end]
        dozen = _HALF_DOZEN.match(after) if word == "half" and numerator in ("", "a", "an") \
            else None
        if dozen:  # "(a) half-dozen affiliates", "half a dozen": six of them, not a half
            found.append(Raw(m.start("d"), m.end() + dozen.end(), "count", 6.0, 6.0, 6.0))
            continue
        scaled = _FRACTION_OF_SCALE.match(after)
        if scaled:  # "a quarter-of-a-million people", "half a billion": an amount
            scale = SCALES[scaled.group("s").lower()]
            value = WORD_VALUES.get(numerator, 1.0) / FRACTIONS[word] * scale
            end = m.end() + scaled.end()
            money = _CURRENCY_WORD.match(sent.text, end, sent.end)
            found.append(Raw(m.start(), money.end() if money else end,
                             "money" if money else "count", value, value, value,
                             unit=money.group(1).lower() if money else None, scale=scale))
            continue
        plural = word.endswith("s") and word not in ("halves",)
        if word in ("half", "halves"):
            noun = re.search(r"\b(?:the|first|second|other|latter|former|back|front)\s+$",
                             sent.text[sent.start:m.start()], re.IGNORECASE)
            ok = not noun and (bool(m.group("pp")) or numerator in ("", "a", "one") and
                               bool(_FRACTION_AFTER.match(after)) or numerator == "one")
        else:
            by = re.search(r"\bby\s+$", sent.text[sent.start:m.start()], re.IGNORECASE)
            ok = bool(numerator) and (plural or "-" in m.group() or bool(by) or
                                      bool(re.match(r"\s+of\b", after)) or bool(m.group("pp")))
            ok = ok and not (numerator in ("a", "an") and not re.match(r"\s+of\b", after)
                             and not m.group("pp") and not by)  # "rose by a fifth"
            ok = ok or numerator in ("a", "an") and _hedged_share(sent, m)
        if not ok:
            continue
        top = WORD_VALUES.get(numerator, 1.0) if numerator else 1.0
        value = top / FRACTIONS[word]
        if m.group("pp"):
            unit = "percentage points" if "point" in m.group("pp") else "percent"
            kind = "percentage_points" if unit == "percentage points" else "percent"
            found.append(Raw(m.start(), m.end(), kind, value, value, value, unit=unit))
        else:
            found.append(Raw(m.start(), m.end(), "ratio", value, value, value))
    return found


_SCORE = re.compile(r"\b(?P<a>\d{1,3})[-–](?P<b>\d{1,3})\b(?![-–]\d|%|\s*(?:percent|per\s?cent|"
                    r"years?|months?|days?)\b)")
_SCORE_CUE = re.compile(rf"\b(?:{CONTEST_VERBS}|draw|drew|drawn|tied|victory|score\w*|final|"
                        r"match|game)\b", re.IGNORECASE)


# "was rejected 105 to 73", "voted 52-48": a tally of votes, the two sides as written.
_TALLY = re.compile(r"\b(?:vot\w*|approv\w*|reject\w*|pass\w*|confirm\w*|defeat\w*|"
                    r"elect\w*|back\w*|endors\w*|ratif\w*|overr\w*|upheld|uphold\w*|"
                    r"struck)\s+(?:[\w.’']+\s+){0,3}?(?P<a>\d{1,3})(?:\s+to\s+|[-–])(?P<b>\d{1,3})\b"
                    r"(?!\s*(?:%|percent|per\s?cent))", re.IGNORECASE)


def scores(sent: Sent) -> list[Raw]:
    """"won the final 3-1": a score near a word of play, the two sides kept as written;
    a tally of votes after a verb of voting, the larger side first."""
    found = [Raw(m.start("a"), m.end("b"), "score", None, float(m.group("a")),
                 float(m.group("b"))) for m in matches(sent, _TALLY)
             if int(m.group("a")) >= int(m.group("b"))]
    for m in matches(sent, _SCORE):
        near = sent.text[max(sent.start, m.start() - 40):min(sent.end, m.end() + 25)]
        if _SCORE_CUE.search(near) and not any(f.start <= m.start() < f.end for f in found):
            found.append(Raw(m.start(), m.end(), "score", None, float(m.group("a")),
                             float(m.group("b"))))
    return found


__all__ = ["decades", "fractions", "names", "ratios", "scores", "short_years"]

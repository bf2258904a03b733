"""Numbers in Russian text, normalised the Russian way (issue 20, item 2).

Russian writes thousands apart with a space (plain, no-break or narrow no-break: «21 602»),
decimals with a comma («3,5»), scales as words or abbreviations after the figure («21
тысячи», «3,5 млрд»), hedges before it («более», «около», «не менее») and the unit after
it, inflected («рублей», «рабочих мест»). Periods are months in the prepositional case
(«в октябре») and years with «года»/«году» («с 2023 года»).

Written by hand: the English reader (``unspin.numbers``) parses with spaCy's English model
and its lexicon is English; natasha's and pymorphy3's analyses would give the lemmas, but
every word this module needs is a closed list (scales, hedges, currencies, months), so a
table of their inflected forms is exact and loads nothing. The result is the same
``NumberMention`` the English claims carry, so the ledger can line up both languages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..document import NumberMention, Period

_GROUP_SPACE = "[ \u00a0\u202f]"
_FIGURE = rf"\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?"
# Scale words in every case and number, and their abbreviations.
_SCALES = {
    r"тыс(?:яч[аиуей]?|\.)?": 1e3,
    r"млн\.?|миллион(?:а|ов|ам|ами|ах|е|у|ом)?": 1e6,
    r"млрд\.?|миллиард(?:а|ов|ам|ами|ах|е|у|ом)?": 1e9,
    r"трлн\.?|триллион(?:а|ов|ам|ами|ах|е|у|ом)?": 1e12,
}
_SCALE = "|".join(f"(?:{p})" for p in _SCALES)
# Hedges, longest first: which bound the figure is.
_HEDGES = {
    "не менее": "lower", "не меньше": "lower", "более": "lower", "больше": "lower",
    "свыше": "lower", "не более": "upper", "не больше": "upper", "менее": "upper",
    "меньше": "upper", "почти": "upper", "около": "approximate",
    "примерно": "approximate", "порядка": "approximate", "приблизительно": "approximate",
}
_HEDGE = "|".join(sorted(_HEDGES, key=len, reverse=True))
_CURRENCIES = {
    r"рубл(?:ь|я|ей|ям|ями|ях)|руб\.|₽": "RUB",
    r"доллар(?:а|ов|ам|ами|ах)?|долл\.|\$": "USD",
    r"евро|€": "EUR",
    r"юан(?:ь|я|ей)": "CNY",
}
_CURRENCY = "|".join(f"(?:{p})" for p in _CURRENCIES)
_NUMBER = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<figure>{_FIGURE})"
    rf"(?:\s+(?P<scale>{_SCALE})(?![а-яё]))?"
    rf"(?:\s*(?P<percent>%|процент(?:а|ов)?(?![а-яё])))?"
    rf"(?:\s+(?P<currency>{_CURRENCY})(?![а-яё]))?",
    re.IGNORECASE)
# What is counted: up to three words after the number, stopping at a preposition, a
# conjunction or punctuation.
_STOP_WORDS = frozenset({
    "в", "во", "на", "по", "за", "и", "а", "но", "с", "со", "из", "к", "ко", "от", "до", "о",
    "об", "при", "для", "под", "над", "что", "как", "чем", "или", "это", "же", "ли", "бы",
    "не", "ни"})
_WORD = re.compile(r"[А-Яа-яЁё-]+")
_MONTHS = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
           "сентябре", "октябре", "ноябре", "декабре")
_MONTH_PERIOD = re.compile(rf"\bв(?:о)?\s+({'|'.join(_MONTHS)})(?:\s+(\d{{4}})\s+года)?",
                           re.IGNORECASE)
_YEAR_PERIOD = re.compile(r"\b(с|в|до|к|после)\s+(\d{4})\s+(год[ау]?|г\.)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Figure:
    value: float
    bound: str
    hedge: str | None


def find_numbers(text: str, start: int = 0, end: int | None = None, *,
                 published: dt.date | None = None) -> list[NumberMention]:
    """Every number in ``text[start:end]`` (one sentence), with its period when the
    sentence has one; offsets point into ``text``."""
    end = len(text) if end is None else end
    periods = find_periods(text, start, end, published=published)
    found = []
    for m in _NUMBER.finditer(text, start, end):
        if _inside_word(text, m.start("figure"), m.end("figure")):
            continue
        year = _year_period(periods, m.start("figure"))
        found.append(_year(m, year) if year else _mention(text, m, end, periods))
    return found


def _inside_word(text: str, start: int, end: int) -> bool:
    """A figure glued to letters or other digits (a model name, "2024/25") or part of a
    time of day ("05:14") is not read."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    hyphenated = before == "-" and start > 1 and text[start - 2].isalpha()  # «Т-72»
    return (before.isalnum() or before in "/.:" or hyphenated or after.isalpha()
            or after in "/:")


def _value(m: re.Match[str]) -> _Figure:
    digits = re.sub(_GROUP_SPACE, "", m.group("figure")).replace(",", ".")
    value = float(digits)
    if m.group("scale"):
        scale = next(s for p, s in _SCALES.items()
                     if re.fullmatch(p, m.group("scale"), re.IGNORECASE))
        value *= scale
    hedge = m.group("hedge")
    return _Figure(value, _HEDGES[hedge.lower()] if hedge else "exact",
                   hedge.lower() if hedge else None)


def _mention(text: str, m: re.Match[str], end: int, periods: list[Period]) -> NumberMention:
    figure = _value(m)
    low = None if figure.bound == "upper" else figure.value
    high = None if figure.bound == "lower" else figure.value
    if figure.bound == "approximate":
        low = high = figure.value
    kind, unit = "count", None
    if m.group("percent"):
        kind, unit = "percent", "%"
    elif m.group("currency"):
        kind = "money"
        unit = next(c for p, c in _CURRENCIES.items()
                    if re.fullmatch(p, m.group("currency"), re.IGNORECASE))
    else:
        unit = _counted(text, m.end(), end)
    start = m.start("figure")
    return NumberMention(start, m.end(), text[start:m.end()], value=figure.value, low=low,
                         high=high, bound=figure.bound, hedge=figure.hedge, unit=unit,
                         period=periods[0] if periods else None, place=None,
                         comparison=None, kind=kind)


def _counted(text: str, start: int, end: int) -> str | None:
    """The words right after a number that say what it counts («рабочих мест»)."""
    words: list[tuple[int, int]] = []
    at = start
    while len(words) < 3:
        m = _WORD.match(text, at + len(text[at:end]) - len(text[at:end].lstrip(" \u00a0")))
        if not m or m.start() >= end or m.group().lower() in _STOP_WORDS:
            break
        if text[at:m.start()].strip(" \u00a0"):
            break
        words.append((m.start(), m.end()))
        at = m.end()
    return text[words[0][0]:words[-1][1]] if words else None


def _year_period(periods: list[Period], figure_start: int) -> Period | None:
    return next((p for p in periods if p.start <= figure_start < p.end
                 and _YEAR_PERIOD.fullmatch(p.text)), None)


def _year(m: re.Match[str], period: Period) -> NumberMention:
    start = m.start("figure")
    value = float(m.group("figure"))
    # The year's mention runs to the end of its period («2023 года»).
    return NumberMention(start, period.end, period.text[start - period.start:], value=value,
                         low=value, high=value, bound="exact", hedge=None, unit=None,
                         period=period, place=None, comparison=None, kind="year")


def find_periods(text: str, start: int = 0, end: int | None = None, *,
                 published: dt.date | None = None) -> list[Period]:
    """Months («в октябре», «в октябре 2024 года») and years («с 2023 года») in
    ``text[start:end]``, resolved to dates. A month without its year is resolved against
    ``published`` (its latest occurrence not after it), or left unresolved."""
    end = len(text) if end is None else end
    found = [_month(m, published) for m in _MONTH_PERIOD.finditer(text, start, end)]
    found += [_year_span(m, published) for m in _YEAR_PERIOD.finditer(text, start, end)]
    return sorted(found, key=lambda p: p.start)


def _month(m: re.Match[str], published: dt.date | None) -> Period:
    month = _MONTHS.index(m.group(1).lower()) + 1
    if m.group(2):
        year: int | None = int(m.group(2))
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return Period(m.start(), m.end(), m.group(), None, None,
                      "the year is not in the text and the publication date is unknown")
    assert year is not None
    last = calendar.monthrange(year, month)[1]
    return Period(m.start(), m.end(), m.group(), f"{year}-{month:02d}-01",
                  f"{year}-{month:02d}-{last:02d}", None)


def _year_span(m: re.Match[str], published: dt.date | None) -> Period:
    preposition, year = m.group(1).lower(), int(m.group(2))
    if preposition == "с":  # since: from that year to the publication date
        until = published.isoformat() if published else None
        return Period(m.start(), m.end(), m.group(), f"{year}-01-01", until, None)
    if preposition in ("до", "к"):
        return Period(m.start(), m.end(), m.group(), None, f"{year}-12-31", None)
    if preposition == "после":
        return Period(m.start(), m.end(), m.group(), f"{year + 1}-01-01", None, None)
    return Period(m.start(), m.end(), m.group(), f"{year}-01-01", f"{year}-12-31", None)

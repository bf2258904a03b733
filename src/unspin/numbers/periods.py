"""Time expressions in a sentence, resolved to ISO dates against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from ..document import Period
from .lexicon import DAY, MONTH, WEEKDAYS, WORDNUM, YEAR, number_value

# ---------------------------------------------------------------------------- periods

_NUM_WORD_RE = rf"\d+|{WORDNUM}"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "today" only as a word, never inside a name written in capitals ("USA TODAY").
_REL = (r"(?:(?i:(?:last|this|next|past|previous)\s+(?:week|month|year|decade|spring|summer|"
        r"autumn|fall|winter)|yesterday)|today|Today)")
_DAYMONTH = (rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY}(?!\d|,\d{{3}})|{MONTH})"
             rf"(?:,?\s+{YEAR})?")
_CORE = rf"(?:{_DAYMONTH}|{YEAR}|{_REL})"
_UNITS = r"(?:days?|weeks?|months?|years?|decades?|quarters?|half|centur(?:y|ies)|period|season)"
_ORDER = r"(?:first|last|past|next|coming|same|previous|following|second|third|fourth|final)"
_DEADLINE_END = (r"(?i:the\s+end\s+of\s+(?:the\s+|this\s+|next\s+|last\s+)?(?:year|month|week|"
                 r"decade|quarter|day))")
# "In the 2012 election", "during the 2016 presidential race": an event named by its year
# dates what the clause says of it, to that year (the event's own day is not stated).
_YEAR_EVENT = (rf"\b(?i:in|during|throughout)\s+(?i:the)\s+(?P<a>{YEAR})\s+"
               r"(?:[A-Za-z.-]+\s+){0,3}?(?i:elections?|primar(?:y|ies)|race|campaign|cycle|"
               r"caucus(?:es)?|midterms?|census|season|contest)\b")
_PERIODS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p)) for k, p in [
    ("range", (rf"\b(?i:between|from)\s+(?P<a>{_CORE})\s+(?i:and|to|until|through)\s+"
               rf"(?P<b>{_CORE})")),
    ("range", rf"\b(?P<a>{YEAR})\s*[-–]\s*(?P<b>{YEAR})"),
    ("since", rf"\b(?i:since)\s+(?P<a>{_CORE})"),
    ("point", _YEAR_EVENT),
    ("past_n", (rf"\b(?i:(?:in|over|during|for)\s+)?(?i:the\s+(?:past|last))\s+"
                rf"(?P<n>(?i:{_NUM_WORD_RE}))\s+(?P<u>(?i:days|weeks|months|years))\b")),
    ("deadline", (rf"\b(?i:by|through|until|till)\s+(?P<a>{_DEADLINE_END}(?:\s+of\s+{_DAYMONTH})?"
                 rf"|{_CORE}|{_WEEKDAY})")),
    ("now", (r"\b(?i:so\s+far\s+this\s+(?:year|month|week)|(?:earlier|later)\s+this\s+"
             r"(?:year|month|week)|now|currently|at\s+present|to\s+date|so\s+far)\b")),
    ("vague", (r"\b(?i:since\s+the\s+(?:beginning|start|outbreak)\s+of\s+the\s+[\w-]+"
              r"|(?:in\s+)?recent\s+(?:days|weeks|months|years|times)"
              r"|(?:in|over)\s+the\s+(?:past|last|coming|next)\s+few\s+(?:days|weeks|months|"
              r"years)|in\s+the\s+near\s+future|recently|lately|for\s+a\s+long\s+time)\b")),
    ("event", (r"\b(?i:since)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w/’'-]+\s+){0,2}?"
               r"[\w/’'-]+(?=\s*[,.;:)]|\s+(?:and|but|when|which|while|as)\b|$)")),
    ("point", rf"\b(?i:in|during|throughout|for|as\s+of|so\s+far\s+in)\s+(?P<a>{_CORE})"),
    ("month_rel", rf"\b(?i:(?:as\s+of\s+)?(?P<rel>last|this|next))\s+(?P<m>{MONTH})"),
    ("stretch", (rf"\b(?i:(?:in|over|during|within|for|throughout)\s+(?:the\s+|a\s+|an\s+)?"
                 rf"(?:{_ORDER}\s+)?(?:(?:{_NUM_WORD_RE}|several|few|two)\s+)?{_UNITS}"
                 rf"(?:\s+of\s+(?:the\s+year|{YEAR}|the\s+\w+|his\s+\w+|her\s+\w+))?"
                 rf"(?:\s+(?:of\s+)?{YEAR})?)\b"
                 rf"|\b(?i:the\s+)?(?i:{_ORDER})\s+(?i:quarter|half)(?:\s+of\s+{YEAR})?\b")),
    ("event", (r"\b(?i:(?:during|on|at)\s+(?:the\s+|an?\s+|this\s+)?(?:[\w-]+\s+){0,2}?"
               r"(?:debate|night|operation|action|election|summit|conference|primar(?:y|ies)))\b")),
    ("week_to", (rf"\b(?i:in\s+)?(?i:the\s+week\s+(?:to|ending|ended))\s+(?P<a>{_WEEKDAY}|"
                rf"{_DAYMONTH})")),
    ("weekday", (rf"\b(?:(?i:on|last|this|next)\s+)?(?P<a>{_WEEKDAY})(?:\s+(?i:night|morning|"
                rf"afternoon|evening))?\b")),
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
    year = re.search(YEAR, b)
    if year and not re.search(YEAR, a) and not re.fullmatch(_REL, a):
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
    n, unit = int(number_value(m.group("n"))), m.group("u").lower()
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


def _resolve_deadline(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"by 2022", "through the end of June": only the end is stated."""
    core = m.group("a")
    end_of = re.match(r"(?i:the\s+end\s+of\s+)(?P<x>.+)$", core)
    target = end_of.group("x") if end_of else core
    target = re.sub(r"^(?i:the)\s+", "this ", target) if not re.search(YEAR, target) else target
    found = _expand(target, published) if not re.fullmatch(_WEEKDAY, target) else \
        _expand(f"next {target}", published)
    if isinstance(found, str):
        return None, None, found
    return None, found[1].isoformat(), "a deadline: the text states only its end"


def _resolve_now(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"now", "currently": the publication date; "so far this year": from the year's
    start to it."""
    if published is None:
        return None, None, _NO_BASE
    words = m.group().lower()
    start = published
    if "year" in words:
        start = published.replace(month=1, day=1)
    elif "month" in words:
        start = published.replace(day=1)
    elif "week" in words:
        start = published - dt.timedelta(days=published.weekday())
    if words.startswith("later"):
        return None, None, "vague: the text gives no dates"
    return start.isoformat(), published.isoformat(), None


def _resolve_month_rel(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"last July": the July before the publication month; "this July" of its year."""
    if published is None:
        return None, None, _NO_BASE
    month = _month_number(m.group("m"))
    year = published.year
    rel = m.group("rel").lower()
    if rel == "last" and month >= published.month or rel == "next" and month > published.month:
        year += -1 if rel == "last" else 0
    elif rel == "next":
        year += 1
    first, last = _granule(dt.date(year, month, 1), "month")
    return first.isoformat(), min(last, published).isoformat() if first <= published else \
        last.isoformat(), None


def _month_number(name: str) -> int:
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return months.index(name.lower()[:3]) + 1


_PART = re.compile(r"(?i:(?P<o>first|second|third|fourth)\s+(?P<u>quarter|half)"
                   r"|first\s+(?P<n>\w+)\s+months)")


def _resolve_stretch(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"the first half of 2015", "the second quarter", "the first 10 months of the year":
    dated when the year is stated or is the publication's; other stretches ("over two
    years", "within a decade") are not dates."""
    words = m.group()
    part = _PART.search(words)
    year_match = re.search(YEAR, words)
    year = int(year_match.group()) if year_match else (
        published.year if published is not None and re.search(r"(?i:the\s+year|this\s+year|"
                                                               r"the\s+(?:first|second|third|"
                                                               r"fourth)\s+(?:quarter|half))",
                                                               words) else None)
    if part is None or year is None:
        return None, None, "vague: the text gives no dates"
    if part.group("n"):
        try:
            months = int(number_value(part.group("n")))
        except (KeyError, ValueError):
            return None, None, "vague: the text gives no dates"
        first, last = dt.date(year, 1, 1), _granule(dt.date(year, min(months, 12), 1), "month")[1]
    else:
        order = ["first", "second", "third", "fourth"].index(part.group("o").lower())
        size = 3 if part.group("u").lower() == "quarter" else 6
        first = dt.date(year, order * size + 1, 1) if order * size < 12 else dt.date(year, 12, 1)
        last = _granule(dt.date(year, min(order * size + size, 12), 1), "month")[1]
    if published is not None and first <= published < last:
        last = published
    return first.isoformat(), last.isoformat(), None


def _resolve_event(m: re.Match[str], published: dt.date | None) -> _Bounds:
    if m.group().lower().startswith("since"):
        return None, None, "counted from an event the text does not date"
    return None, None, "vague: an event the text does not date"


def _resolve_weekday(m: re.Match[str], published: dt.date | None) -> _Bounds:
    """"on Saturday": the latest Saturday on or before publication (news reports the
    week just gone); "next Saturday" the one after."""
    if published is None:
        return None, None, _NO_BASE
    target = WEEKDAYS.index(m.group("a").lower())
    back = (published.weekday() - target) % 7
    day = published - dt.timedelta(days=back)
    if m.group().lower().startswith("next"):
        day += dt.timedelta(days=7)
    elif m.group().lower().startswith("last") and back == 0:
        day -= dt.timedelta(days=7)
    return day.isoformat(), day.isoformat(), None


def _resolve_week_to(m: re.Match[str], published: dt.date | None) -> _Bounds:
    weekday = _resolve_weekday(m, published) if re.fullmatch(_WEEKDAY, m.group("a")) else None
    if weekday is not None and weekday[0] is not None:
        end = dt.date.fromisoformat(weekday[0])
    else:
        found = _expand(m.group("a"), published)
        if isinstance(found, str):
            return None, None, found
        end = found[0]
    return (end - dt.timedelta(days=6)).isoformat(), end.isoformat(), None


_RESOLVERS = {"point": _resolve_point, "since": _resolve_since, "range": _resolve_range,
              "past_n": _resolve_past_n, "vague": _resolve_vague,
              "deadline": _resolve_deadline, "now": _resolve_now,
              "month_rel": _resolve_month_rel, "stretch": _resolve_stretch,
              "event": _resolve_event, "weekday": _resolve_weekday,
              "week_to": _resolve_week_to}


def _expand(core: str, published: dt.date | None) -> tuple[dt.date, dt.date] | str:
    """First and last day of a date expression, or why it cannot be had. A span that
    contains the publication date ends on it: the text cannot count what came after."""
    has_year = re.search(YEAR, core) is not None
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

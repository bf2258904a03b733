"""Time expressions in a sentence, resolved to ISO dates against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from ..document import Period
from .lexicon import DAY, MONTH, WORDNUM, YEAR, number_value

# ---------------------------------------------------------------------------- periods

_NUM_WORD_RE = rf"\d+|{WORDNUM}"
_REL = (r"(?i:(?:last|this|next|past|previous)\s+(?:week|month|year|decade|spring|summer|"
        r"autumn|fall|winter)|yesterday|today)")
_DAYMONTH = (rf"(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY}(?!\d|,\d{{3}})|{MONTH})"
             rf"(?:,?\s+{YEAR})?")
_CORE = rf"(?:{_DAYMONTH}|{YEAR}|{_REL})"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p)) for k, p in [
    ("range", (rf"\b(?i:between|from)\s+(?P<a>{_CORE})\s+(?i:and|to|until|through)\s+"
               rf"(?P<b>{_CORE})")),
    ("range", rf"\b(?P<a>{YEAR})\s*[-–]\s*(?P<b>{YEAR})"),
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


_RESOLVERS = {"point": _resolve_point, "since": _resolve_since, "range": _resolve_range,
              "past_n": _resolve_past_n, "vague": _resolve_vague}


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

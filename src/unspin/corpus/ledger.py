"""The numbers ledger: every value the corpus reports for one thing, side by side.

``ledger(store, about)`` finds the numbers (counts, sums of money, percentages) of stored
claims that are about ``about``, groups them by what is measured, where and when, and
says for each group whether its values can all be true.

**What is "about" a term.** Each word of the term is reduced to the crude stem that
``unspin.numbers`` uses to infer a counted noun: a word of more than five letters (after
dropping final s's) matches any word that starts with its first six letters and has at
most five more ("desertions" → ``desert``: desertions, deserters, deserted); a shorter
one matches only itself, with or without an s ("jobs" → job, jobs). A number is about the
term when, in order of strength:

1. ``unit`` — what it counts matches (21,602 counted as "desertions");
2. ``sentence`` — its claim's sentence matches ("... soldiers deserted in October");
3. ``article`` — another number of the same article is about the term by 1 or 2 and
   names the same period in the same words, and this one is of the same kind ("more
   than 21,000 Ukrainian soldiers abandoned ... in October", beside "21,602 in October"
   in an article about desertions).

**Groups.** Values are grouped by measure (a count; money in one currency; percent or
percentage points), place and period. The period is a month (``2024-10``) when it was
resolved to exactly one calendar month, the resolved dates otherwise, and the words
themselves, marked unresolved, when it was not (``october (unresolved)``); numbers with
no period form their own group. A value with no place joins the group of its measure and
period that has a place, when exactly one has.

**Conflicts.** Each value stands for the interval it commits to: an exact value, widened
by its rounding (21,000 could be any of 20,500–21,500: trailing zeros from 100 up are
read as rounding; 21,602 and values under 100 are taken as written); a lower bound ("more
than 21,000") from it upwards; an upper bound up to it; an approximate value ±10% (or its
rounding, if wider); a range between its ends. Two values of a group conflict when their
intervals do not meet: 21,602 and "more than 21,000" are consistent; 21,602 and 19,000
are not, nor 21,602 and "fewer than 20,000".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import CorpusError
from .indexes import Index
from .rows import rebuild_numbers
from .store import Store

KINDS = ("count", "money", "percent")
# The flat ``numbers`` table the ledger reads, made from the claims' stored numbers.
INDEX = Index("numbers", "1", rebuild_numbers)
# Words a term may carry that say nothing about what is counted.
_STOP = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on",
                   "or", "the", "to", "with"})
NO_PERIOD = "period not stated"
# Conflicting pairs listed per group; the verdict counts them all.
CONFLICTS_LISTED = 20
_PERIOD_WORDS = re.compile(r"^(?:in|during|for|throughout|over|of|on)\s+|\s+alone$")


@dataclass(frozen=True, slots=True)
class Value:
    """One number of one claim, with where it was published and on whose word."""

    article_id: str
    claim_ord: int
    ord: int
    outlet: str | None
    date: str | None
    text: str
    value: float | None
    low: float | None
    high: float | None
    bound: str | None
    unit: str | None
    unit_inferred: bool
    kind: str
    place: str | None
    period_text: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    period_reason: str | None
    source_kind: str | None
    source_name: str | None
    source_words: str | None
    claim: str
    matched_by: str = "unit"

    def interval(self) -> tuple[float, float]:
        """What the value commits to, as a closed interval (see the module's docstring)."""
        inf = math.inf
        if self.bound == "lower" and self.low is not None:
            return self.low, inf
        if self.bound == "upper" and self.high is not None:
            return -inf, self.high
        if self.bound == "range" and self.low is not None and self.high is not None:
            return self.low - _rounding(self.low), self.high + _rounding(self.high)
        if self.value is None:
            return -inf, inf
        slack = _rounding(self.value)
        if self.bound == "approximate":
            slack = max(slack, abs(self.value) * 0.1)
        return self.value - slack, self.value + slack

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("period_start", "period_end"):
            data[key] = data[key].isoformat() if data[key] else None
        low, high = self.interval()
        data["interval"] = [None if math.isinf(low) else low, None if math.isinf(high) else high]
        return data


def _rounding(value: float) -> float:
    """Half the unit a written number was rounded to: 21,000 → 500, 1,500,000 → 50,000,
    4.04 → 0.005, 21,602 → 0; trailing zeros under 100 are not read as rounding."""
    if value != int(value):
        decimals = len(f"{value:.10f}".rstrip("0").split(".")[1])
        return 0.5 * 10.0 ** -decimals
    number = abs(int(value))
    if number < 100:
        return 0.0
    zeros = len(str(number)) - len(str(number).rstrip("0"))
    return 0.5 * 10.0 ** zeros if zeros else 0.0


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two values of a group (indices into ``Group.values``) that cannot both be true."""

    first: int
    second: int
    reason: str


@dataclass(slots=True)
class Group:
    measure: str
    place: str | None
    period: str
    values: list[Value] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if len(self.values) < 2:
            return "one value"
        if self.period == NO_PERIOD:
            return "not compared: no period stated"
        return "conflict" if self.conflicts else "consistent"

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "place": self.place, "period": self.period,
                "verdict": self.verdict, "values": [v.to_dict() for v in self.values],
                "conflicts": [asdict(c) for c in self.conflicts]}


@dataclass(frozen=True, slots=True)
class Ledger:
    about: str
    stems: list[str]
    groups: list[Group]

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "stems": self.stems,
                "groups": [g.to_dict() for g in self.groups]}


def term_patterns(term: str) -> list[tuple[str, re.Pattern[str]]]:
    """(the stem the database is searched for, the word pattern that confirms it) for
    each word of ``term`` that says what is counted.

    Raises:
        CorpusError: the term has no such word.
    """
    found = []
    for word in re.findall(r"[a-z]+", term.lower()):
        if word in _STOP or len(word) < 2:
            continue
        base = word.rstrip("s") or word
        if len(base) <= 5:
            found.append((base, re.compile(rf"\b{base}s?\b", re.IGNORECASE)))
        else:
            found.append((base[:6], re.compile(rf"\b{base[:6]}[a-z]{{0,5}}\b", re.IGNORECASE)))
    if not found:
        raise CorpusError(f"--about {term!r}: give a word for what is counted, "
                          "e.g. --about desertions")
    return found


_COLUMNS = """
n.article_id, n.claim_ord, n.ord, a.outlet, a.date, n.text, n.value, n.low, n.high, n.bound,
n.unit, n.unit_inferred, n.kind, n.place, n.period_text, n.period_start, n.period_end,
n.period_reason, c.source_kind, c.source_name, c.source->>'$.text', c.text
"""
# One query does rules 1-3. ``found``: numbers whose unit or claim sentence holds the stem
# (ILIKE, a fast scan; the stem is letters only); ``direct``: those whose unit (rule 1) or
# unit and sentence (rule 2) match every word's pattern (DuckDB's RE2, on the candidates
# only); ``related``: rule 3, the other numbers of those articles with the same kind and
# period words (normalised as ``_period_words`` does).
_PERIOD_SQL = ("trim(regexp_replace(regexp_replace(lower(trim({0})), '\\s+', ' ', 'g'), "
               "'^(in|during|for|throughout|over|of|on) | alone$', '', 'g'))")
_QUERY = """
WITH hits AS (
    SELECT article_id, ord FROM claims WHERE text ILIKE '%' || $stem || '%'
), found AS (
    SELECT article_id, claim_ord, ord FROM numbers
    WHERE list_contains($kinds, kind) AND unit ILIKE '%' || $stem || '%'
    UNION
    SELECT n.article_id, n.claim_ord, n.ord FROM numbers n
    SEMI JOIN hits h ON h.article_id = n.article_id AND h.ord = n.claim_ord
    WHERE list_contains($kinds, n.kind)
), direct AS (
    SELECT n.article_id, n.claim_ord, n.ord, n.kind, n.period_text,
           CASE WHEN {in_unit} THEN 'unit' ELSE 'sentence' END AS how
    FROM found f
    JOIN numbers n USING (article_id, claim_ord, ord)
    JOIN claims c ON c.article_id = n.article_id AND c.ord = n.claim_ord
    WHERE {in_sentence}
), periods AS (
    SELECT DISTINCT article_id, kind, {period_d} AS words FROM direct
    WHERE period_text IS NOT NULL
), related AS (
    SELECT n.article_id, n.claim_ord, n.ord, 'article' AS how FROM numbers n
    SEMI JOIN periods p ON p.article_id = n.article_id AND p.kind = n.kind
        AND p.words = {period_n}
    ANTI JOIN direct d ON d.article_id = n.article_id AND d.claim_ord = n.claim_ord
        AND d.ord = n.ord
    WHERE n.period_text IS NOT NULL
), chosen AS (
    SELECT article_id, claim_ord, ord, how FROM direct
    UNION ALL
    SELECT * FROM related
)
SELECT {columns}, x.how
FROM chosen x
JOIN numbers n USING (article_id, claim_ord, ord)
JOIN claims c ON c.article_id = n.article_id AND c.ord = n.claim_ord
JOIN articles a ON a.id = n.article_id
"""


def _query(words: int) -> str:
    unit = "coalesce(n.unit, '')"
    return _QUERY.format(
        columns=_COLUMNS, period_d=_PERIOD_SQL.format("period_text"),
        period_n=_PERIOD_SQL.format("n.period_text"),
        in_unit=" AND ".join(f"regexp_matches({unit}, $p{i}, 'i')" for i in range(words)),
        in_sentence=" AND ".join(f"regexp_matches({unit} || ' ' || c.text, $p{i}, 'i')"
                                 for i in range(words)))


def ledger(store: Store, about: str) -> Ledger:
    """The values the corpus reports for ``about``, grouped, with conflicts flagged.

    Raises:
        CorpusError: ``about`` names nothing that can be counted.
    """
    patterns = term_patterns(about)
    stem = max((s for s, _ in patterns), key=len)
    params: dict[str, Any] = {"stem": stem, "kinds": list(KINDS),
                              **{f"p{i}": p.pattern for i, (_, p) in enumerate(patterns)}}
    values = [Value(*row) for row in store.execute(_query(len(patterns)), params).rows]
    return Ledger(about, [s for s, _ in patterns], group(values))


def _period_words(text: str | None) -> str:
    words = " ".join((text or "").lower().split())
    return _PERIOD_WORDS.sub("", words).strip()


def period_key(value: Value) -> str:
    """The period a value is grouped under (see the module's docstring)."""
    start, end = value.period_start, value.period_end
    if start and end:
        # "this month" ends at the publication date: still that month.
        if start.day == 1 and (start.year, start.month) == (end.year, end.month):
            return f"{start.year:04d}-{start.month:02d}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
                and start.year == end.year:
            return f"{start.year:04d}"
        return f"{start.isoformat()}..{end.isoformat()}"
    if value.period_text:
        return f"{_period_words(value.period_text)} (unresolved)"
    return NO_PERIOD


def measure(value: Value) -> str:
    if value.kind == "money":
        return f"money ({value.unit or 'currency not stated'})"
    if value.kind == "percent":
        return value.unit or "percent"
    return value.kind


def group(values: list[Value]) -> list[Group]:
    """Values grouped by measure, place and period, conflicts flagged, the groups with
    the most values first."""
    buckets: dict[tuple[str, str], list[Value]] = {}
    for v in values:
        buckets.setdefault((measure(v), period_key(v)), []).append(v)
    groups: dict[tuple[str, str, str], Group] = {}
    for (what, when), members in buckets.items():
        places: dict[str, set[str]] = {}
        for v in members:
            if v.place:
                places.setdefault(v.article_id, set()).add(v.place)
        for v in sorted(members, key=lambda v: (v.date or "", v.outlet or "", v.article_id,
                                                v.claim_ord, v.ord)):
            mine = places.get(v.article_id, set())
            where = v.place or (next(iter(mine)) if len(mine) == 1 else None)
            key = (what, where or "", when)
            groups.setdefault(key, Group(what, where, when)).values.append(v)
    for g in groups.values():
        if g.period != NO_PERIOD:
            g.conflicts = conflicts(g.values)
    return sorted(groups.values(), key=lambda g: (-len(g.values), g.measure, g.period,
                                                  g.place or ""))


def conflicts(values: list[Value], limit: int = CONFLICTS_LISTED) -> list[Conflict]:
    """Pairs of values whose intervals do not meet, at most ``limit``.

    All the intervals meet pairwise exactly when the highest lower end is at most the
    lowest upper end (intervals on a line), so a group of thousands costs one pass; each
    value in conflict is paired with the value holding that highest lower end or that
    lowest upper end, which it cannot meet."""
    spans = [v.interval() for v in values]
    if not spans:
        return []
    top = max(range(len(spans)), key=lambda i: spans[i][0])
    bottom = min(range(len(spans)), key=lambda i: spans[i][1])
    if spans[top][0] <= spans[bottom][1]:
        return []
    found: list[Conflict] = []
    for i, (low, high) in enumerate(spans):
        other = top if high < spans[top][0] else bottom if low > spans[bottom][1] else None
        if other is not None and len(found) < limit:
            first, second = sorted((i, other))
            if not any((c.first, c.second) == (first, second) for c in found):
                found.append(Conflict(first, second, _why(values[first], values[second])))
    return found


def _why(a: Value, b: Value) -> str:
    if a.bound == b.bound == "exact":
        return f"{a.text} and {b.text} differ by more than rounding"
    return f"{a.text} ({describe(a)}) and {b.text} ({describe(b)}) cannot both be true"


def describe(value: Value) -> str:
    """The interval a value commits to, in words: "at least 21,000", "20,500–21,500"."""
    low, high = value.interval()
    if math.isinf(high) and math.isinf(low):
        return "no value"
    if math.isinf(high):
        return f"at least {_num(low)}"
    if math.isinf(low):
        return f"at most {_num(high)}"
    return _num(low) if low == high else f"{_num(low)}–{_num(high)}"


def _num(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.6g}"

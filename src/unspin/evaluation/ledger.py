"""Score the corpus ledger against a test corpus with planted agreements and conflicts.

The corpus (tests/data/ledger/articles.jsonl) is short articles written for the purpose:
the same figures reported by several outlets, with hedges, rounding, places at different
levels (a city, its state, the country) and different periods; a few figures that truly
disagree; and figures that must never be compared (cases with deaths, one year with
another). tests/data/ledger/expectations.json says, per ``--about`` term:

* **agreements**: values that must share one group (and that group should read
  "consistent");
* **conflicts**: two *sides* of values; a flagged pair with one value on each side is a
  right flag;
* **non-conflicts**: two sides that must never be flagged against each other.

A value is named by its article (the last segment of its URL) and its number as
written ("26", "$612,000", "Eleven"); it is found in the ledger as a value of that article
whose text holds that number (not inside a longer number).

**Figures.** Conflict-flag precision: right flags over all flagged pairs (a pair the
ledger lists in a group's ``conflicts``); every pair that is not across a planted conflict
is a false flag, whether it crosses a planted non-conflict, splits an agreement or involves
a value nothing was planted on. Conflict recall: planted conflicts with at least one right
flag. Agreement grouping: planted agreements all of whose values were found and share one
group. Issue 15's targets: precision >= 0.9 and every agreement grouped.

``score`` is pure (it takes ``Ledger`` objects); ``run`` builds the corpus with the full
pipeline in a folder of the caller's and asks it for each term.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.ledger import Group, Ledger, Value

Ref = tuple[str, str]  # (article key, number as written)


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    values: tuple[Ref, ...]
    why: str = ""


@dataclass(frozen=True, slots=True)
class Sides:
    """A planted conflict or non-conflict: values on one side against the other."""

    id: str
    first: frozenset[Ref]
    second: frozenset[Ref]
    why: str = ""

    def across(self, a: Ref, b: Ref) -> bool:
        return (a in self.first and b in self.second) or (b in self.first and a in self.second)


@dataclass(frozen=True, slots=True)
class TermExpectations:
    term: str
    agreements: tuple[Agreement, ...]
    conflicts: tuple[Sides, ...]
    non_conflicts: tuple[Sides, ...]


def read_expectations(path: str | Path) -> list[TermExpectations]:
    """The planted expectations, per term, in file order.

    Raises:
        ValueError: a term, agreement or side that is malformed.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    try:
        return [_term(term, body) for term, body in data["terms"].items()]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: {error!r}") from error


def _term(term: str, body: Mapping[str, Any]) -> TermExpectations:
    return TermExpectations(
        term,
        tuple(Agreement(a["id"], tuple(_refs(a["values"])), a.get("why", ""))
              for a in body.get("agreements", [])),
        tuple(_sides(c) for c in body.get("conflicts", [])),
        tuple(_sides(c) for c in body.get("non_conflicts", [])))


def _refs(items: Iterable[Any]) -> list[Ref]:
    refs = [(str(article), str(number)) for article, number in items]
    if not refs:
        raise ValueError("an empty list of values")
    return refs


def _sides(data: Mapping[str, Any]) -> Sides:
    first, second = data["sides"]
    return Sides(data["id"], frozenset(_refs(first)), frozenset(_refs(second)),
                 data.get("why", ""))


# --------------------------------------------------------------------------- locating


def article_key(url: str | None) -> str:
    """The last segment of an article's URL: how expectations name articles."""
    return (url or "").rstrip("/").rsplit("/", 1)[-1]


def holds_number(text: str, number: str) -> bool:
    """Whether ``number`` is written in ``text`` on its own ("26" in "26 cases", not in
    "126" nor in "2,600")."""
    pattern = rf"(?<![\d,.]){re.escape(number)}(?![\d]|[,.]\d)"
    return re.search(pattern, text) is not None


def refs_of(value: Value, keys: Mapping[str, str], wanted: Iterable[Ref]) -> list[Ref]:
    """The expectation names that ``value`` answers to (usually none or one)."""
    article = keys.get(value.article_id, value.article_id)
    return [ref for ref in wanted if ref[0] == article and holds_number(value.text, ref[1])]


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Flag:
    """One flagged pair, as the expectation names of its two values (None: unplanned)."""

    term: str
    group: str
    first: Ref | None
    second: Ref | None
    right: bool
    why: str


@dataclass(slots=True)
class LedgerReport:
    """Figures over all terms, with the mistakes behind them."""

    flags: list[Flag] = field(default_factory=list)
    conflicts: int = 0
    conflicts_found: int = 0
    agreements: int = 0
    agreements_grouped: int = 0
    agreements_consistent: int = 0
    missing: list[tuple[str, Ref]] = field(default_factory=list)
    split: list[tuple[str, str, list[str]]] = field(default_factory=list)
    missed_conflicts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def flagged(self) -> int:
        return len(self.flags)

    @property
    def precision(self) -> float | None:
        """Right flags over flagged pairs; None when nothing was flagged."""
        return sum(f.right for f in self.flags) / self.flagged if self.flags else None

    @property
    def conflict_recall(self) -> float:
        return self.conflicts_found / self.conflicts if self.conflicts else 0.0

    @property
    def grouping(self) -> float:
        return self.agreements_grouped / self.agreements if self.agreements else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "flagged": self.flagged, "right_flags": sum(f.right for f in self.flags),
            "precision": None if self.precision is None else round(self.precision, 4),
            "conflicts": self.conflicts, "conflicts_found": self.conflicts_found,
            "conflict_recall": round(self.conflict_recall, 4),
            "agreements": self.agreements, "agreements_grouped": self.agreements_grouped,
            "agreements_consistent": self.agreements_consistent,
            "grouping": round(self.grouping, 4),
            "missing_values": [f"{t}: {a} {n}" for t, (a, n) in self.missing],
        }


def score(ledgers: Mapping[str, Ledger], expected: Iterable[TermExpectations],
          keys: Mapping[str, str]) -> LedgerReport:
    """Compare the ledger of each term with what was planted for it.

    Args:
        ledgers: the ledger per term (``Corpus.ledger(term)``).
        expected: the planted expectations.
        keys: article id -> article key (the last segment of its URL).
    """
    report = LedgerReport()
    for term in expected:
        _score_term(report, ledgers[term.term], term, keys)
    return report


def _score_term(report: LedgerReport, ledger: Ledger, term: TermExpectations,
                keys: Mapping[str, str]) -> None:
    wanted = _all_refs(term)
    where = _locate(ledger.groups, keys, wanted)
    report.missing += [(term.term, ref) for ref in sorted(wanted - set(where))]
    for group in ledger.groups:
        for conflict in group.conflicts:
            report.flags.append(_flag(term, group, conflict.first, conflict.second, keys,
                                      wanted))
    for agreement in term.agreements:
        _score_agreement(report, term.term, agreement, where, ledger.groups)
    for planted in term.conflicts:
        report.conflicts += 1
        if any(f.term == term.term and f.right and f.first and f.second
               and planted.across(f.first, f.second) for f in report.flags):
            report.conflicts_found += 1
        else:
            report.missed_conflicts.append((term.term, planted.id))


def _all_refs(term: TermExpectations) -> set[Ref]:
    refs = {r for a in term.agreements for r in a.values}
    for sides in (*term.conflicts, *term.non_conflicts):
        refs |= sides.first | sides.second
    return refs


def _locate(groups: list[Group], keys: Mapping[str, str], wanted: set[Ref]
            ) -> dict[Ref, set[int]]:
    """Each expectation name found in the ledger, with the groups (indices) holding it."""
    where: dict[Ref, set[int]] = {}
    for index, group in enumerate(groups):
        for value in group.values:
            for ref in refs_of(value, keys, wanted):
                where.setdefault(ref, set()).add(index)
    return where


def _flag(term: TermExpectations, group: Group, first: int, second: int,
          keys: Mapping[str, str], wanted: set[Ref]) -> Flag:
    a = _one(refs_of(group.values[first], keys, wanted))
    b = _one(refs_of(group.values[second], keys, wanted))
    label = f"{group.measure} / {group.place or 'no place'} / {group.period}"
    if a is None or b is None:
        return Flag(term.term, label, a, b, False, "a value nothing was planted on")
    for planted in term.conflicts:
        if planted.across(a, b):
            return Flag(term.term, label, a, b, True, f"planted conflict {planted.id}")
    return Flag(term.term, label, a, b, False, _false_flag_reason(term, a, b))


def _one(refs: list[Ref]) -> Ref | None:
    return refs[0] if len(refs) == 1 else None


def _false_flag_reason(term: TermExpectations, a: Ref, b: Ref) -> str:
    for sides in term.non_conflicts:
        if sides.across(a, b):
            return f"across planted non-conflict {sides.id}: {sides.why}"
    for agreement in term.agreements:
        if a in agreement.values and b in agreement.values:
            return f"inside planted agreement {agreement.id}: {agreement.why}"
    return "a pair nothing was planted on"


def _score_agreement(report: LedgerReport, term: str, agreement: Agreement,
                     where: Mapping[Ref, set[int]], groups: list[Group]) -> None:
    report.agreements += 1
    holders = [where.get(ref, set()) for ref in agreement.values]
    shared = set.intersection(*holders) if all(holders) else set()
    if shared:
        report.agreements_grouped += 1
        report.agreements_consistent += any(groups[i].verdict == "consistent" for i in shared)
        return
    spread = [f"{ref[0]} {ref[1]}: " + (", ".join(_label(groups[i]) for i in sorted(h))
                                        if h else "not in the ledger")
              for ref, h in zip(agreement.values, holders)]
    report.split.append((term, agreement.id, spread))


def _label(group: Group) -> str:
    return f"[{group.measure} / {group.place or 'no place'} / {group.period}]"


# --------------------------------------------------------------------------- running


def article_keys(rows: Iterable[tuple[Any, ...]]) -> dict[str, str]:
    """Article id -> article key, from (id, url) rows of the corpus's articles table."""
    return {str(article_id): article_key(url) for article_id, url in rows}


def run(articles: Path, expectations: Path, workdir: Path,
        **overrides: Any) -> tuple[LedgerReport, dict[str, Ledger]]:
    """Build a corpus of ``articles`` in ``workdir`` with the full pipeline and score its
    ledger for every term of ``expectations``. ``overrides`` go to ``Corpus.add``
    (``workers=1`` on a small machine)."""
    from ..corpus import open_corpus

    expected = read_expectations(expectations)
    with open_corpus(workdir / "ledger-eval.duckdb") as corpus:
        corpus.add([str(articles)], **overrides)
        keys = article_keys(corpus.execute("SELECT id, url FROM articles").rows)
        ledgers = {term.term: corpus.ledger(term.term) for term in expected}
    return score(ledgers, expected, keys), ledgers


__all__ = ["Agreement", "Flag", "LedgerReport", "Ref", "Sides", "TermExpectations",
           "article_key", "article_keys", "holds_number", "read_expectations", "refs_of",
           "run", "score"]

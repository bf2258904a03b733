"""Score unspin's reading of numbers against hand labels (docs/numbers-guidelines.md).

The labels (tests/data/numbers/*.jsonl) hold whole sentences: every number in a labelled
sentence is labelled, names with digits in them included, so a number unspin invents
counts against it. Each line is one sentence of one text: a real article of ../shared
(PolNeAR and PTC: the file's text; a Readability page: ``pagetext.page_text`` of its
``expected.html``) or, for hand-written cases, a text given in the line itself.

unspin's side is ``unspin.numbers.find_numbers`` run on every labelled sentence, not the
numbers of the claims stage: the claims stage keeps only the sentences its model finds
check-worthy, so a misread in any other sentence would go unseen, and the score would move
whenever the check-worthiness model changed.

**Matching.** A found number and a labelled one are paired when their characters overlap
(most overlap first, one to one). A labelled number left alone is *missed*; a found one
left alone is *spurious*.

**Fully right.** A labelled number is fully right when it is paired and its kind, value,
bound and "what" (see ``what_is_right``) all agree; a number that is part of a name
("9/11", "Guccifer 2.0") is fully right when nothing reads it as a quantity. The period is
scored and reported too, but is not part of "fully right" (issue 15's definition).

The scoring functions are pure: they take the found numbers and a ``lemma`` function, so
tests need neither spaCy nor ../shared. ``predict`` and ``noun_lemma`` are the two that
load a model.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..document import NumberMention
from ..numbers.lexicon import MEASURE_UNITS
from ..numbers.nouns import noun_lemma
from .pagetext import page_text

KINDS = ("count", "money", "percent", "percentage_points", "age", "year", "date", "time",
         "ordinal", "score", "ratio", "multiplier", "duration", "measure", "part_of_name")
BOUNDS = ("exact", "lower", "upper", "approximate", "range")
DATASETS = ("polnear", "ptc", "readability", "handmade")
# Where each dataset's files live under ../shared/data.
FOLDERS = {"polnear": "polnear", "ptc": "ptc", "readability": "readability-test-pages"}
# Kinds whose "what" is the counted noun, and those whose "what" is a unit.
COUNTED_KINDS = frozenset({"count", "ordinal", "ratio"})
UNIT_KINDS = frozenset({"money", "duration", "measure"})
# Kinds that are points or stretches of time, or names: a period is not theirs to carry.
NO_PERIOD_KINDS = frozenset({"year", "date", "time", "ordinal", "part_of_name"})
# Other spellings of a kind a reader of numbers may use.
KIND_ALIASES = {"rank": "ordinal", "name": "part_of_name", "percentage points":
                "percentage_points", "fraction": "ratio", "decade": "year"}
UNKNOWN = "unknown"
Lemma = Callable[[str], str]


# --------------------------------------------------------------------------- the labels


@dataclass(frozen=True, slots=True)
class GoldPeriod:
    """The time expression the sentence links to a number, and its dates when the text
    (with the publication date) fixes them."""

    start: int
    end: int
    surface: str
    iso_start: str | None = None
    iso_end: str | None = None


@dataclass(frozen=True, slots=True)
class GoldNumber:
    """One labelled number. ``start``/``end`` cover the number itself with its sign,
    scale and "%" or "percent" (not its hedge); the fields are described in
    docs/numbers-guidelines.md."""

    start: int
    end: int
    surface: str
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    hedge: str | None = None
    counted: str | None = None
    unit: str | None = None
    currency: str | None = None
    period: GoldPeriod | None = None
    hard: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One labelled sentence: where its text comes from and every number in it."""

    id: str
    dataset: str
    file: str | None
    published: str | None
    start: int
    end: int
    numbers: tuple[GoldNumber, ...]
    text: str | None = None

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None


def read_gold(path: str | Path) -> list[GoldSentence]:
    """The labelled sentences of one JSON Lines file (blank lines skipped).

    Raises:
        ValueError: a line that is not a valid label, with the file and line number.
    """
    found = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append(sentence_from_dict(json.loads(line)))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return found


def read_gold_dir(folder: str | Path) -> list[GoldSentence]:
    """Every labelled sentence of the ``*.jsonl`` files in ``folder``, files in name order."""
    return [s for path in sorted(Path(folder).glob("*.jsonl")) for s in read_gold(path)]


def sentence_from_dict(data: dict[str, Any]) -> GoldSentence:
    """One label line, checked: known dataset, kinds and bounds; numbers inside the
    sentence."""
    if data["dataset"] not in DATASETS:
        raise ValueError(f"unknown dataset {data['dataset']!r}; one of {', '.join(DATASETS)}")
    start, end = data["sentence"]
    numbers = tuple(_number_from_dict(n) for n in data["numbers"])
    for n in numbers:
        if not start <= n.start < n.end <= end:
            raise ValueError(f"number {n.surface!r} at {n.start}-{n.end} is outside the "
                             f"sentence {start}-{end}")
    return GoldSentence(data["id"], data["dataset"], data.get("file"), data.get("published"),
                        start, end, numbers, data.get("text"))


def _number_from_dict(data: dict[str, Any]) -> GoldNumber:
    if data["kind"] not in KINDS:
        raise ValueError(f"unknown kind {data['kind']!r}; one of {', '.join(KINDS)}")
    if data.get("bound", "exact") not in BOUNDS:
        raise ValueError(f"unknown bound {data['bound']!r}; one of {', '.join(BOUNDS)}")
    start, end = data["span"]
    return GoldNumber(
        start, end, data["surface"], data["kind"], data.get("value"), data.get("low"),
        data.get("high"), data.get("bound", "exact"), data.get("hedge"), data.get("counted"),
        data.get("unit"), data.get("currency"), _period_from_dict(data.get("period")),
        data.get("hard"), data.get("note"))


def _period_from_dict(data: dict[str, Any] | None) -> GoldPeriod | None:
    if not data:
        return None
    start, end = data["span"]
    iso_start, iso_end = data.get("iso") or (None, None)
    return GoldPeriod(start, end, data["surface"], iso_start, iso_end)


def read_held_out(path: str | Path) -> frozenset[str]:
    """The texts kept back while the reader was tuned: one ``dataset:file`` a line, as
    ``source_of`` names a sentence's text (``#`` starts a comment)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def source_text(sentence: GoldSentence, data_dir: Path) -> str:
    """The text a sentence's offsets point into. ``data_dir`` is ../shared/data.

    Raises:
        FileNotFoundError: the source file is absent.
    """
    if sentence.dataset == "handmade":
        return sentence.text or ""
    return _read_source(sentence.dataset, sentence.file or "", str(data_dir))


@cache
def _read_source(dataset: str, file: str, data_dir: str) -> str:
    path = Path(data_dir) / FOLDERS[dataset] / file
    if dataset == "readability":
        return page_text(path.read_text(encoding="utf-8"))
    # newline="" keeps "\r\n" as two characters, as the corpora's own offsets count them.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def check_surfaces(sentence: GoldSentence, text: str) -> list[str]:
    """Where a label's surface string is not the text at its offsets (empty: all agree)."""
    wrong = [f"{sentence.id}: {n.surface!r} != {text[n.start:n.end]!r}"
             for n in sentence.numbers if text[n.start:n.end] != n.surface]
    wrong += [f"{sentence.id}: period {n.period.surface!r} != "
              f"{text[n.period.start:n.period.end]!r}"
              for n in sentence.numbers
              if n.period and text[n.period.start:n.period.end] != n.period.surface]
    return wrong


# --------------------------------------------------------------------------- unspin's side


def predict(sentence: GoldSentence, text: str) -> list[NumberMention]:
    """unspin's numbers in one labelled sentence (``unspin.numbers.find_numbers``, with
    the publication date the label gives)."""
    from ..numbers import find_numbers

    return find_numbers(text, sentence.start, sentence.end, published=sentence.published_date)


# --------------------------------------------------------------------------- judging one


@dataclass(frozen=True, slots=True)
class Judgement:
    """One labelled number (or one spurious found number) and what was wrong with it.

    ``errors`` holds the error classes (see ``error_classes``); empty means fully right.
    ``period_right`` is None where the period is not scored (kinds in NO_PERIOD_KINDS)."""

    sentence_id: str
    gold: GoldNumber | None
    found: NumberMention | None
    kind_right: bool
    value_right: bool
    bound_right: bool
    what_right: bool
    period_right: bool | None
    errors: tuple[str, ...]

    @property
    def fully_right(self) -> bool:
        return self.gold is not None and self.kind_right and self.value_right \
            and self.bound_right and self.what_right


def found_kind(found: NumberMention) -> str:
    """The found number's kind in the labels' vocabulary: "percent" with the unit
    "percentage points" is ``percentage_points``; aliases such as "rank" are mapped."""
    if found.kind == "percent" and (found.unit or "").replace("_", " ") == "percentage points":
        return "percentage_points"
    return KIND_ALIASES.get(found.kind, found.kind)


def same_number(a: float | None, b: float | None, rel: float = 1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def value_is_right(gold: GoldNumber, found: NumberMention) -> bool:
    """The number(s) as written: both ends of a range, the two sides of a score (kept in
    ``low``/``high``), else ``value``. Dates and times carry no value; a ratio is
    compared to three significant figures ("two-thirds" = 0.667)."""
    if gold.kind in ("date", "time", "part_of_name"):
        return True
    rel = 1e-3 if gold.kind == "ratio" else 1e-9
    if gold.bound == "range" or gold.kind == "score":
        return same_number(gold.low, found.low, rel) and same_number(gold.high, found.high, rel)
    return same_number(gold.value, found.value, rel)


def what_is_right(gold: GoldNumber, found: NumberMention, lemma: Lemma) -> bool:
    """What is counted or measured: the counted noun for counts, ordinals and ratios;
    the unit (currency, "mile", "day") for money, measures and durations, compared as noun
    lemmas; for other kinds the kind says it all. A label of "unknown" wants no noun."""
    if gold.kind in COUNTED_KINDS:
        wanted = gold.counted
    elif gold.kind in UNIT_KINDS:
        wanted = gold.unit
    else:
        return True
    if wanted is None or wanted == UNKNOWN:
        return found.unit is None
    return found.unit is not None and _same_noun(wanted, found.unit, lemma)


def _same_noun(a: str, b: str, lemma: Lemma) -> bool:
    """Nouns compared word by word, each lemmatised ("percentage points" = "percentage
    point"); a found "dollars" meets a labelled "dollar"."""
    words_a, words_b = _one_spelling(a).split(), _one_spelling(b).split()
    return len(words_a) == len(words_b) and all(
        lemma(x) == lemma(y) for x, y in zip(words_a, words_b))


def _one_spelling(unit: str) -> str:
    """A unit under the reader's own spelling ("kilometers" and "kilometre" are one unit):
    the reader's table of measure words maps every spelling it reads to one name, so the
    scorer uses that table rather than a second list of British and American forms."""
    unit = unit.lower()
    return MEASURE_UNITS.get(unit, unit)


def period_is_right(gold: GoldNumber, found: NumberMention | None) -> bool | None:
    """Whether the found number carries the labelled period (overlapping characters), or
    none when none is labelled; None where the kind carries no period."""
    if gold.kind in NO_PERIOD_KINDS:
        return None
    period = found.period if found is not None else None
    if gold.period is None:
        return period is None
    return period is not None and period.start < gold.period.end \
        and gold.period.start < period.end


def judge(sentence_id: str, gold: GoldNumber, found: NumberMention | None,
          lemma: Lemma) -> Judgement:
    """Compare one labelled number with the found number paired with it (or None)."""
    if gold.kind == "part_of_name":
        ok = found is None or found_kind(found) == "part_of_name"
        errors: tuple[str, ...] = () if ok else ("name read as a quantity",)
        return Judgement(sentence_id, gold, found, ok, ok, ok, ok, None, errors)
    if found is None:
        return Judgement(sentence_id, gold, None, False, False, False, False,
                         period_is_right(gold, None), ("missed",))
    kind = found_kind(found) == gold.kind
    value = value_is_right(gold, found)
    bound = gold.bound == found.bound or gold.kind in ("date", "time")
    what = what_is_right(gold, found, lemma)
    period = period_is_right(gold, found)
    errors = error_classes(gold, found, kind, value, bound, what, period)
    return Judgement(sentence_id, gold, found, kind, value, bound, what, period, errors)


def error_classes(gold: GoldNumber, found: NumberMention, kind: bool, value: bool,
                  bound: bool, what: bool, period: bool | None) -> tuple[str, ...]:
    """Names of what went wrong, in the words the report groups them by."""
    errors = []
    if not kind:
        errors.append(f"kind {gold.kind} read as {found_kind(found)}")
    if not value:
        errors.append("value")
    if not bound:
        errors.append(f"bound {gold.bound} read as {found.bound}")
    if not what:
        errors.append(_what_error(gold, found))
    if period is False:
        errors.append(_period_error(gold, found))
    return tuple(errors)


def _what_error(gold: GoldNumber, found: NumberMention) -> str:
    wanted = gold.counted if gold.kind in COUNTED_KINDS else gold.unit
    label = "counted noun" if gold.kind in COUNTED_KINDS else "unit"
    if found.unit is None:
        return f"{label} missed"
    if wanted in (None, UNKNOWN):
        return f"{label} invented"
    return f"{label} wrong"


def _period_error(gold: GoldNumber, found: NumberMention) -> str:
    if gold.period is None:
        return "period attached where none is linked"
    return "period missed" if found.period is None else "period wrong"


# --------------------------------------------------------------------------- pairing


def pair(gold: Sequence[GoldNumber], found: Sequence[NumberMention]
         ) -> tuple[list[tuple[GoldNumber, NumberMention | None]], list[NumberMention]]:
    """Pair labelled and found numbers by overlapping characters, most overlap first, one
    to one. Returns (every labelled number with its partner or None, the unpaired found)."""
    overlaps = sorted(
        ((min(g.end, f.end) - max(g.start, f.start), -i, -j)
         for i, g in enumerate(gold) for j, f in enumerate(found)
         if g.start < f.end and f.start < g.end), reverse=True)
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in overlaps:
        if -i not in partner and -j not in taken:
            partner[-i] = -j
            taken.add(-j)
    pairs = [(g, found[partner[i]] if i in partner else None) for i, g in enumerate(gold)]
    return pairs, [f for j, f in enumerate(found) if j not in taken]


# --------------------------------------------------------------------------- the report


@dataclass(slots=True)
class Report:
    """Figures over a set of labelled sentences. ``fully_right_rate`` is over all labelled
    numbers; ``accuracy(field)`` over the labelled quantities (not names) that were paired
    with a found number, so a miss counts once, as "missed", and not in every field."""

    sentences: int = 0
    sources: int = 0
    labelled: int = 0
    found: int = 0
    paired: int = 0
    spurious: int = 0
    fully_right: int = 0
    field_right: Counter[str] = field(default_factory=Counter)
    field_scored: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    kinds_right: Counter[str] = field(default_factory=Counter)
    judgements: list[Judgement] = field(default_factory=list)

    @property
    def fully_right_rate(self) -> float:
        return self.fully_right / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        """Share of found numbers that are labelled numbers (names read as quantities
        and spurious numbers count against it)."""
        names = self.errors["name read as a quantity"]
        return (self.paired - names) / self.found if self.found else 0.0

    def accuracy(self, name: str) -> float:
        scored = self.field_scored[name]
        return self.field_right[name] / scored if scored else 0.0

    def mistakes(self) -> list[Judgement]:
        return [j for j in self.judgements if j.errors]

    def by_source(self) -> dict[str, tuple[int, int]]:
        """(fully right, labelled) per source text (the part of a sentence id before
        "@"), for a spread over articles rather than over numbers."""
        counts: dict[str, tuple[int, int]] = {}
        for j in self.judgements:
            if j.gold is None:
                continue
            right, total = counts.get(source_of(j.sentence_id), (0, 0))
            counts[source_of(j.sentence_id)] = (right + j.fully_right, total + 1)
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences, "sources": self.sources, "labelled": self.labelled,
            "found": self.found, "paired": self.paired, "spurious": self.spurious,
            "fully_right": self.fully_right, "fully_right_rate": round(self.fully_right_rate, 4),
            "precision": round(self.precision, 4),
            "accuracy": {k: round(self.accuracy(k), 4) for k in sorted(self.field_scored)},
            "errors": dict(self.errors.most_common()),
            "by_kind": {k: [self.kinds_right[k], n] for k, n in self.kinds.most_common()},
        }


def source_of(sentence_id: str) -> str:
    """The text a sentence id names: "polnear:train/text/x.txt@120" -> its file part."""
    return sentence_id.split("@", 1)[0]


def score(sentences: Iterable[tuple[GoldSentence, Sequence[NumberMention]]],
          lemma: Lemma) -> Report:
    """Judge every labelled number against the numbers found in its sentence.

    Args:
        sentences: each labelled sentence with what unspin found in it.
        lemma: a noun's lemma (``noun_lemma``; tests pass a simple one).
    """
    report = Report()
    sources: set[tuple[str, str | None]] = set()
    for sentence, found in sentences:
        report.sentences += 1
        sources.add((sentence.dataset, sentence.file or sentence.id))
        _score_sentence(report, sentence, found, lemma)
    report.sources = len(sources)
    return report


def _score_sentence(report: Report, sentence: GoldSentence, found: Sequence[NumberMention],
                    lemma: Lemma) -> None:
    pairs, spurious = pair(sentence.numbers, found)
    report.found += len(found)
    report.paired += len(found) - len(spurious)
    report.spurious += len(spurious)
    for gold, partner in pairs:
        _add(report, judge(sentence.id, gold, partner, lemma))
    for extra in spurious:
        report.errors["spurious"] += 1
        report.judgements.append(Judgement(sentence.id, None, extra, False, False, False,
                                           False, None, ("spurious",)))


def _add(report: Report, judgement: Judgement) -> None:
    gold = judgement.gold
    assert gold is not None
    report.labelled += 1
    report.kinds[gold.kind] += 1
    report.judgements.append(judgement)
    report.errors.update(judgement.errors)
    if judgement.fully_right:
        report.fully_right += 1
        report.kinds_right[gold.kind] += 1
    if judgement.found is None or gold.kind == "part_of_name":
        return
    for name, right in (("kind", judgement.kind_right), ("value", judgement.value_right),
                        ("bound", judgement.bound_right), ("what", judgement.what_right),
                        ("period", judgement.period_right)):
        if right is not None:
            report.field_scored[name] += 1
            report.field_right[name] += bool(right)


__all__ = ["BOUNDS", "DATASETS", "KINDS", "UNKNOWN", "GoldNumber", "GoldPeriod",
           "GoldSentence", "Judgement", "Report", "check_surfaces", "error_classes",
           "found_kind", "judge", "noun_lemma", "pair", "period_is_right", "predict",
           "read_gold", "read_gold_dir", "read_held_out", "same_number", "score", "sentence_from_dict",
           "source_of", "source_text", "value_is_right", "what_is_right"]

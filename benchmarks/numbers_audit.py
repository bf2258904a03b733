"""Anomalies of the number reader on a large unlabelled sample of news, found without labels.

    python benchmarks/numbers_audit.py [--data DIR] [--texts 150] [--seed 8] [--examples 4]
                                       [--eye 100] [--json]

Five rounds of rules, each written from one labelled part, did not reach the next part's
long tail (docs/numbers-guidelines.md, sections 13-17). This script looks for error
FAMILIES that are frequent in news instead: it runs ``unspin.numbers.find_numbers`` over a
seeded sample of the AUDIT set and counts what a rule can see without labels:

- a counted noun that is a verb, a pronoun, a proper name or a function word in the text,
  that is not in the number's sentence, or that lies more than ``FAR`` tokens from it;
- a period that is a capitalised word of a name ("USA TODAY"), or that hangs in another
  clause than its number;
- a quantity with no period in a clause that holds a date spaCy sees and that names a time
  (a year, a month, a weekday, "yesterday", "last week": a period maybe missed);
- a digit run that nothing reads and that is no part of a word, handle or address;
- a value that disagrees with the digits of its own surface;
- an age with no age word near it and not set off after a name;
- a range with one bound, or bounds in the wrong order.

The AUDIT set is fixed before any text is looked at: the texts at EVEN positions (0, 2,
4, ...) of the sorted names of the PolNeAR train texts and, separately, of the PTC train
articles, minus every text named anywhere in tests/data/numbers (any file, any part). The
texts at odd positions are never read (a blind part is drawn there). ``--eye N`` prints a
seeded sample of N read numbers with their sentence, to be judged by hand (section 18 of
docs/numbers-guidelines.md holds the judgement). Needs ../shared/data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _measure import machine

from unspin.document import NumberMention
from unspin.models.english import english
from unspin.numbers import find_numbers
from unspin.numbers.linking import PERIOD_KINDS

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "numbers"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
POLNEAR_TRAIN = Path("polnear") / "train" / "text"
PTC_TRAIN = Path("ptc") / "train-articles"
FAR = 8  # tokens: a counted noun farther than this from its number is suspect
COUNTED_KINDS = frozenset({"count", "ordinal", "ratio"})
NO_VALUE_CHECK = frozenset({"date", "time", "year", "score", "part_of_name"})
FUNCTION_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "ADV", "NUM"})
SCALES = (1.0, 1e2, 1e3, 1e6, 1e9, 1e12, 12.0, 0.01)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PUBLISHED = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
# A date entity that names a time (a year, month, weekday or a day relative to today),
# not a stretch ("17 years") or a rate ("each year").
_DATED = re.compile(r"\b(?:1[89]\d\d|20\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
                    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                    r"(?:last|this|next)\s+(?:week|month|year)|ago)", re.IGNORECASE)
_SUM_IN_WORDS = re.compile(r"\s+(?:of\s+)?(?:[A-Z][a-z.]+\s+)?(?:dollars|euros|pounds)\b")
_MODAL = re.compile(r"\s+(?:need|must|can|cannot|could|should|would|might|may)\b", re.IGNORECASE)
_AGE_WORDS = re.compile(r"\b(?:ages?|aged|years?|old|olds|months?|born)\b", re.IGNORECASE)


# ---------------------------------------------------------------------------- the audit set

@dataclass(frozen=True)
class Text:
    """One audit text: its corpus, its name and its publication date (PolNeAR names hold it)."""

    corpus: str
    path: Path

    @property
    def published(self) -> dt.date | None:
        found = _PUBLISHED.search(self.path.name)
        return dt.date.fromisoformat(found.group(1)) if found else None


def labelled_names(labels: Path | None = None) -> set[str]:
    """Every text name written anywhere under tests/data/numbers, any file, any part."""
    names: set[str] = set()
    for path in (LABELS if labels is None else labels).rglob("*"):
        if path.is_file():
            names.update(re.findall(r"[\w.-]+\.txt", path.read_text(encoding="utf-8")))
    return names


def audit_set(data: Path) -> list[Text]:
    """Even positions of each corpus's sorted names, labelled texts left out. Odd positions
    are never listed, so nothing here can read them."""
    labelled = labelled_names()
    texts = []
    for corpus, folder in (("polnear", POLNEAR_TRAIN), ("ptc", PTC_TRAIN)):
        names = sorted(p.name for p in (data / folder).glob("*.txt"))
        texts += [Text(corpus, data / folder / n) for n in names[0::2] if n not in labelled]
    return texts


# ---------------------------------------------------------------------------- the anomalies

@dataclass
class Audit:
    """Counts and a few examples of each anomaly, over the numbers read."""

    examples_kept: int
    numbers: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def flag(self, anomaly: str, example: str) -> None:
        self.counts[anomaly] += 1
        if len(self.examples[anomaly]) < self.examples_kept:
            self.examples[anomaly].append(example)


def _show(text: str, start: int, end: int, width: int = 70) -> str:
    """The characters around a span, the span in [brackets], on one line."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def _tokens_of(sent: Any, start: int, end: int) -> list[Any]:
    return [t for t in sent if t.idx < end and t.idx + len(t) > start]


def _root(tokens: list[Any]) -> Any:
    """The token of a span that the parse hangs from outside it."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def _clause_head(token: Any) -> Any:
    """The verb whose clause holds the token (the root where no verb is above it); an
    auxiliary belongs to its verb's clause."""
    token = token.head if token.dep_ in ("aux", "auxpass") else token
    while (token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass")) and \
            token.head.i != token.i:
        token = token.head
    return token


def check_counted(audit: Audit, text: str, sent: Any, n: NumberMention) -> None:
    if n.kind not in COUNTED_KINDS or not n.unit:
        return
    number = _tokens_of(sent, n.start, n.end)
    word = n.unit.split()[-1].lower()
    matches = [t for t in sent if t.lower_ == word]
    where = _show(text, n.start, n.end) + f"  counted={n.unit!r}"
    if not matches or not number:
        audit.flag("counted noun not in the number's sentence", where)
        return
    noun = min(matches, key=lambda t: min(abs(t.i - k.i) for k in number))
    gap = min(abs(noun.i - k.i) for k in number)
    if noun.pos_ in ("VERB",):
        audit.flag("counted noun is a verb", where)
    elif noun.pos_ == "PRON":
        audit.flag("counted noun is a pronoun", where)
    elif noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "GPE", "ORG", "NORP"):
        audit.flag("counted noun is a proper name", where)
    elif noun.pos_ in FUNCTION_POS:
        audit.flag("counted noun is a function word", where)
    if gap > FAR:
        audit.flag(f"counted noun more than {FAR} tokens from its number", where)
    if noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        audit.flag("counted noun is a modifier of a noun after it", where)


def check_words(audit: Audit, text: str, n: NumberMention) -> None:
    """Families seen in the sample read by eye: a sum in words read as a count ("tens of
    millions of dollars", "10 Canadian dollars") and the pronoun "one" of "one need only"
    read as a number."""
    after = text[n.end:n.end + 40]
    if n.kind == "count" and _SUM_IN_WORDS.match(after):
        audit.flag("sum in words read as a count", _show(text, n.start, n.end))
    if n.text.lower() == "one" and _MODAL.match(after):
        audit.flag("pronoun 'one' before a modal read as a number", _show(text, n.start, n.end))


def check_period(audit: Audit, text: str, sent: Any, n: NumberMention,
                 dates: list[Any]) -> None:
    where = _show(text, n.start, n.end)
    number = _tokens_of(sent, n.start, n.end)
    if n.period is None:
        if n.kind in PERIOD_KINDS and number and any(
                _DATED.search(d.text) and
                _clause_head(d.root).i == _clause_head(_root(number)).i and
                not (d.start_char < n.end and d.end_char > n.start) for d in dates):
            audit.flag("no period, though its clause holds a date", where)
        return
    period = _tokens_of(sent, n.period.start, n.period.end)
    where += f"  period={n.period.text!r}"
    if period and any(t.text[:1].isupper() and not t.is_sent_start and
                      t.ent_type_ not in ("DATE", "TIME", "") for t in period):
        audit.flag("period from a capitalised word of a name", where)
    if period and number and _clause_head(_root(period)).i != _clause_head(_root(number)).i:
        audit.flag("period from another clause", where)


def check_value(audit: Audit, text: str, n: NumberMention) -> None:
    if n.kind in NO_VALUE_CHECK:
        return
    digits = _DIGITS.search(n.text)
    first = n.value if n.value is not None else n.low
    if digits is None or first is None:
        return
    written = float(digits.group().replace(",", ""))
    if not any(abs(first - written * s) <= 1e-6 * max(1.0, abs(first)) for s in SCALES):
        audit.flag("value disagrees with its surface",
                   _show(text, n.start, n.end) + f"  value={first}")


def check_age(audit: Audit, text: str, n: NumberMention) -> None:
    if n.kind != "age":
        return
    around = text[max(0, n.start - 30):min(len(text), n.end + 12)]
    set_off = text[max(0, n.start - 2):n.start].strip() in (",", "(")
    if not _AGE_WORDS.search(around) and not set_off:
        audit.flag("age with no age word and not set off", _show(text, n.start, n.end))


def check_range(audit: Audit, text: str, n: NumberMention) -> None:
    if n.bound != "range":
        return
    if n.low is None or n.high is None:
        audit.flag("range with one bound", _show(text, n.start, n.end))
    elif n.low > n.high:
        audit.flag("range with its bounds reversed", _show(text, n.start, n.end))


def check_unread(audit: Audit, text: str, start: int, end: int,
                 found: list[NumberMention]) -> None:
    """Digit runs nothing reads, other than those in a word ("G7", "MP3"), a handle, an
    address or a link."""
    for m in re.finditer(r"\d+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if any(n.start <= a < n.end for n in found):
            continue
        word = re.search(r"\S*$", text[start:a]).group() + re.match(r"\S*", text[b:end]).group()
        if re.search(r"[A-Za-z]", word.strip(".,;:()\"'“”")) or re.search(r"[@#/]|www|http", word):
            continue
        audit.flag("digit run not read", _show(text, a, b))


# ---------------------------------------------------------------------------- the run

def read_sentences(texts: list[Text]) -> Iterator[tuple[Text, str, Any, list[NumberMention]]]:
    """The numbers of every sentence of the texts, read with the article's parse as the
    claims stage reads them, with the text and the sentence's parse."""
    nlp = english()
    for item in texts:
        with item.path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        doc = nlp(text)
        for sent in doc.sents:
            yield item, text, sent, find_numbers(text, sent.start_char, sent.end_char,
                                                 published=item.published, doc=doc)


def audit_texts(texts: list[Text], examples: int
                ) -> tuple[Audit, list[tuple[Text, str, NumberMention]]]:
    """The anomalies of every number read in the texts, and every number read."""
    audit, read = Audit(examples), []
    for item, text, sent, found in read_sentences(texts):
        check_unread(audit, text, sent.start_char, sent.end_char, found)
        dates = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
        for n in found:
            audit.numbers += 1
            audit.kinds[n.kind] += 1
            read.append((item, text, n))
            check_counted(audit, text, sent, n)
            check_period(audit, text, sent, n, dates)
            check_value(audit, text, n)
            check_age(audit, text, n)
            check_range(audit, text, n)
            check_words(audit, text, n)
    return audit, read


def describe(n: NumberMention) -> str:
    return (f"{n.kind} {n.bound} v={n.value} lo={n.low} hi={n.high} unit={n.unit} "
            f"period={n.period.text if n.period else None}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument("--texts", type=int, default=150, help="texts drawn from the audit set")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--examples", type=int, default=4, help="examples kept per anomaly")
    parser.add_argument("--eye", type=int, default=0,
                        help="print a seeded sample of N read numbers to judge by eye")
    parser.add_argument("--json", action="store_true", help="the counts as JSON only")
    args = parser.parse_args(argv)
    if not (args.data / POLNEAR_TRAIN).is_dir() or not (args.data / PTC_TRAIN).is_dir():
        print(f"numbers_audit: no PolNeAR or PTC train texts under {args.data}", file=sys.stderr)
        return 2
    pool = audit_set(args.data)
    rng = random.Random(args.seed)
    texts = sorted(rng.sample(pool, min(args.texts, len(pool))), key=lambda t: t.path.name)
    start = time.perf_counter()
    audit, read = audit_texts(texts, args.examples)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps({"texts": len(texts), "numbers": audit.numbers,
                          "anomalies": dict(audit.counts.most_common())}, indent=1))
        return 0
    print(f"machine: {machine()}")
    print(f"audit set: {len(pool)} texts; drawn {len(texts)} with seed {args.seed} "
          f"({Counter(t.corpus for t in texts)}); {audit.numbers} numbers read in "
          f"{seconds:.0f} s")
    print("kinds: " + ", ".join(f"{k} {c}" for k, c in audit.kinds.most_common()))
    print("\nanomalies (a number may have several):")
    for name, count in audit.counts.most_common():
        print(f"  {count:4d}  {name}")
        for example in audit.examples[name]:
            print(f"          {example}")
    if args.eye:
        print(f"\n{args.eye} read numbers drawn with seed {args.seed}, to judge by eye:")
        for i, (item, text, n) in enumerate(random.Random(args.seed).sample(
                read, min(args.eye, len(read)))):
            print(f"{i + 1:3d} {item.path.name}: {_show(text, n.start, n.end, 110)}\n"
                  f"      {describe(n)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

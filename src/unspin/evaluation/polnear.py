"""Score the quotes stage against PolNeAR's gold attribution relations.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) marks, in US election news, every
attribution relation as a Source, a Cue and a Content span (BRAT standoff, ``E`` lines tie
them). See ../shared/data/polnear/SOURCE.md. Two figures, both documented in docs/quotes.md:

* **Content P/R/F1 with partial credit.** Each predicted content span earns the largest
  share of its characters covered by one gold content span (``|p ∩ g| / |p|``);
  precision is the mean over all predicted spans of the corpus, recall the same with the
  roles swapped (``|g ∩ p| / |g|``, mean over gold spans), F1 their harmonic mean.
* **Source accuracy on matched relations.** A prediction is matched to the gold relation
  whose content it overlaps most (ties: the earlier one); only matches whose gold relation
  has a Source count. The source is right when the predicted speaker span overlaps the
  gold Source span, or when the predicted ``speaker_name``'s last word (a surname) is one
  of the gold Source text's words (a pronoun resolved to the person the gold names).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..stages.quotes import Quote, find_quotes

Chars = tuple[int, int]
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One gold attribution: content fragments (a few are discontinuous), cue, source."""

    content: tuple[Chars, ...]
    cue: tuple[Chars, ...]
    source: tuple[Chars, ...]
    source_text: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    """Corpus-level figures, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    source_accuracy: float
    predicted: int
    gold: int
    matched: int
    source_correct: int


# --- reading the corpus -------------------------------------------------------------------


def annotation_file(attributions: Path, stem: str) -> Path | None:
    """The one annotator file used for an article: the first in sorted order, so the
    choice is the same on every run (16 train and 2 dev articles have several)."""
    files = sorted(p for p in attributions.glob(f"{stem}_*.ann")
                   if p.stem.rsplit("_", 1)[0] == stem)
    return files[0] if files else None


def read_relations(ann: str) -> list[GoldRelation]:
    """The relations of one BRAT file. Lines that start with neither ``T`` nor ``E`` are
    skipped (notes, and the tails of the few spans that cross a line break)."""
    spans: dict[str, tuple[tuple[Chars, ...], str]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, *offsets = fields[1].replace(";", " ").split(" ")
            numbers = [int(n) for n in offsets]
            spans[fields[0]] = (tuple(zip(numbers[::2], numbers[1::2])), "\t".join(fields[2:]))
        elif line.startswith("E") and len(fields) >= 2:
            events.append(fields[1].split())
    return [r for r in (_relation(e, spans) for e in events) if r is not None]


def _relation(event: list[str], spans: dict[str, tuple[tuple[Chars, ...], str]]) -> GoldRelation | None:
    roles: dict[str, list[Chars]] = {"Content": [], "Cue": [], "Source": []}
    source_text = ""
    for part in event:
        role, _, ref = part.partition(":")
        role = role.rstrip("0123456789")
        if role in roles and ref in spans:
            roles[role] += spans[ref][0]
            source_text = spans[ref][1] if role == "Source" else source_text
    if not roles["Content"]:
        return None
    return GoldRelation(tuple(sorted(roles["Content"])), tuple(roles["Cue"]),
                        tuple(roles["Source"]), source_text)


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of ``train`` or ``dev`` in name order, the first ``limit`` of them."""
    if split not in ("train", "dev"):
        raise ValueError(f"unknown PolNeAR split {split!r}; this evaluation uses train or dev")
    texts = sorted((root / split / "text").glob("*.txt"))[:limit]
    articles = []
    for path in texts:
        ann = annotation_file(root / split / "attributions", path.stem)
        if ann is None:
            continue
        relations = read_relations(ann.read_text(encoding="utf-8"))
        articles.append(GoldArticle(path.stem, path.read_text(encoding="utf-8"), tuple(relations)))
    return articles


# --- scoring --------------------------------------------------------------------------------


def _length(spans: Iterable[Chars]) -> int:
    return sum(end - start for start, end in spans)


def _intersection(a: Iterable[Chars], b: tuple[Chars, ...]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def covered_share(span: tuple[Chars, ...], others: Iterable[tuple[Chars, ...]]) -> float:
    """The largest share of ``span``'s characters that one of ``others`` covers."""
    size = _length(span)
    if size == 0:
        return 0.0
    return max((_intersection(span, other) / size for other in others), default=0.0)


def content_sums(predicted: list[Chars], gold: list[tuple[Chars, ...]]) -> tuple[float, float]:
    """Partial-credit sums for one article: (Σ precision credit, Σ recall credit)."""
    pred = [(p,) for p in predicted]
    precision = sum(covered_share(p, gold) for p in pred)
    recall = sum(covered_share(g, pred) for g in gold)
    return precision, recall


def best_match(content: Chars, relations: Iterable[GoldRelation]) -> GoldRelation | None:
    """The gold relation whose content overlaps ``content`` most (the earlier on ties)."""
    best, best_overlap = None, 0
    for relation in relations:
        overlap = _intersection((content,), relation.content)
        if overlap > best_overlap:
            best, best_overlap = relation, overlap
    return best


def source_is_correct(quote: Quote, gold: GoldRelation) -> bool:
    """The rule in the module docstring: overlapping spans, or a matching surname."""
    if quote.speaker is not None and _intersection(((quote.speaker.start, quote.speaker.end),),
                                                   gold.source):
        return True
    if quote.speaker_name:
        surname = quote.speaker_name.split()[-1].lower()
        return surname in {w.lower() for w in _WORD.findall(gold.source_text)}
    return False


def score(articles: list[GoldArticle],
          find: Callable[[str], list[Quote]] = find_quotes) -> Scores:
    """Run ``find`` on every article and pool the figures over the corpus."""
    p_sum = r_sum = 0.0
    n_pred = n_gold = matched = correct = 0
    for article in articles:
        quotes = find(article.text)
        gold = list(article.relations)
        p, r = content_sums([(q.content.start, q.content.end) for q in quotes],
                            [g.content for g in gold])
        p_sum, r_sum = p_sum + p, r_sum + r
        n_pred, n_gold = n_pred + len(quotes), n_gold + len(gold)
        for quote in quotes:
            match = best_match((quote.content.start, quote.content.end), gold)
            if match is not None and match.source:
                matched += 1
                correct += source_is_correct(quote, match)
    return _scores(p_sum, r_sum, n_pred, n_gold, matched, correct)


def _scores(p_sum: float, r_sum: float, n_pred: int, n_gold: int,
            matched: int, correct: int) -> Scores:
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = correct / matched if matched else 0.0
    return Scores(precision, recall, f1, accuracy, n_pred, n_gold, matched, correct)


__all__ = ["GoldArticle", "GoldRelation", "Scores", "annotation_file", "best_match",
           "content_sums", "covered_share", "load_split", "read_relations", "score",
           "source_is_correct"]

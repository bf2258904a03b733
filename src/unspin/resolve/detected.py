"""What the learned source-span detector (``unspin.models.source_spans``) adds to the
sources stage's rules, precision first (docs/attribution-guidelines.md, section 19).

* A gate: a vague source the rules propose (an unnamed quote speaker, a vague pattern, a
  holder read from the parse) is kept only when the detector gives its span enough source
  probability, so fragments that are not sources ("people think", "the terrorists") are
  dropped.
* A proposer: a confident run of source tokens that no rule found becomes a vague source
  when its noun phrase is vague by structure (``holders.is_vague_group``: "Editorialists
  warned that ..."). Named and pronoun spans are left to the rules, which resolve them.
  Off as shipped (the model's ``propose`` is null): it lowered vague precision.

Both read the token states the encode stage left on ``analysis.token_states``; without
them (a pipeline run without the encode stage, a language the encoder does not read)
nothing changes and the rules stand alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models.source_spans import (
    TokenProbabilities,
    default_model,
    detected_spans,
    span_probability,
)
from .holders import is_vague_group

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..document import Analysis


# The probability at which the detector calls a token a source (its training threshold),
# asked of holders the rules alone would not flag ("Republicans support ...").
BELIEVED = 0.5


def source_probabilities(analysis: Analysis) -> TokenProbabilities | None:
    """P(source) per token of the article, or None when the encoder did not read it."""
    states = analysis.token_states
    return None if states is None else default_model().score(states)


def passes_gate(probabilities: TokenProbabilities | None, start: int, end: int) -> bool:
    """Whether a proposed vague source at [start, end) reads enough like a source (always
    True without token states)."""
    if probabilities is None:
        return True
    return span_probability(probabilities, start, end) >= default_model().gate


def believed_source(probabilities: TokenProbabilities | None, start: int, end: int) -> bool:
    """Whether the detector believes [start, end) is a source: a token at or above
    ``BELIEVED`` (False without token states: a flag that needs the detector's word is
    not given without it)."""
    return probabilities is not None and span_probability(probabilities, start, end) >= BELIEVED


def proposed_vague(analysis: Analysis, probabilities: TokenProbabilities | None,
                   taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Confident detected spans overlapping nothing in ``taken`` whose noun phrase is a
    vague group, as the character spans of those phrases."""
    threshold = default_model().propose
    if probabilities is None or analysis.doc is None or threshold is None:
        return []
    found: list[tuple[int, int]] = []
    for start, end, _ in detected_spans(probabilities, threshold, analysis.text):
        phrase = _vague_phrase(analysis.doc, start, end)
        if phrase is None or _overlaps(phrase, [*taken, *found]):
            continue
        found.append(phrase)
    return found


def _vague_phrase(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The vague group's characters (its head's left edge to the head, or on to the
    detected span's end inside the phrase), or None when the span is not one. The head is
    the span's last noun ("intelligence experts" in "among intelligence experts"), else
    its last word (a quantifier: "Many", "others"): a detected run often starts or ends
    inside its phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if not words:
        return None
    head: Token = nouns[-1] if nouns else words[-1]
    if not is_vague_group(head, sentient=True):
        return None
    right = head.right_edge.idx + len(head.right_edge.text)
    return head.left_edge.idx, max(head.idx + len(head.text), min(span.end_char, right))


def _overlaps(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)

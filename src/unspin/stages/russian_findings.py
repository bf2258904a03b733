"""Sources, quotes and check-worthy claims of a Russian article (issue 20, item 2).

For an article the language stage identified as Russian, after the English stages have
passed it by: the source behind every attribution cue (``russian.sources``, over the
entities of ``russian_nlp``) becomes ``sources`` and each sentence's ``attributions``;
where the rules of ``russian.quotes`` place what the source said, the source, cue and
content become a quote; each sentence is scored by the cross-lingual check-worthiness head
(``models.checkworthy_multilingual``), and those at or above its threshold become claims,
with their numbers read the Russian way (``russian.numbers``) and their sentence's source.
Two readings reach past the sentence alone (measured in docs/russian-eval.md): a fragment
of at most ``FRAGMENT_WORDS`` words that holds a figure («21 602 в октябре…») is scored
as its whole paragraph as well, and the higher score counts, since alone it says too
little for the head (the English head reads every sentence in context); and, as the English claims stage does, a sentence that
states a count, sum or percent, says what it counts and dates it is a claim even below the
threshold (``reason`` "figure"). A claim inside a quote whose own sentence names no source
is the quote's speaker's.
Every other article is left as it was, so English outputs do not change. The head's
encoder loads with the first Russian article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..document import Analysis, Claim, NumberMention, Quote, Sentence, SourceRef, Span
from ..models.checkworthy_multilingual import CheckworthyHead
from ..russian.numbers import find_numbers
from ..russian.quotes import FoundQuote, find_quotes
from ..russian.sources import FoundSource, find_sources

LANGUAGE = "ru"
# A fragment this short with a figure in it is scored with its paragraph too.
FRAGMENT_WORDS = 4
_WORD = re.compile(r"\w+")
_FIGURE_KINDS = frozenset({"count", "money", "percent", "percentage_points"})


class RussianFindingsStage:
    """Sources, quotes and claims of Russian articles."""

    def __init__(self) -> None:
        self._head: CheckworthyHead | None = None

    def load(self) -> None:
        """Nothing: the encoder loads with the first Russian article (see the module)."""

    @property
    def head(self) -> CheckworthyHead:
        if self._head is None:
            self._head = CheckworthyHead.from_pretrained()
        return self._head

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.language is None or analysis.language.code != LANGUAGE:
            return analysis
        text = analysis.kept_text()
        entities = [(e.start, e.end, e.label) for e in analysis.entities]
        found = find_sources(text, entities)
        refs = [_source_of(analysis, s, found) for s in analysis.sentences]
        analysis.attributions = refs
        analysis.sources = [r for r in dict.fromkeys(refs) if r.kind != "none"]
        spans = [(s.start, s.end) for s in analysis.sentences]
        analysis.quotes = [_quote(analysis, q) for q in find_quotes(text, spans, found)]
        analysis.claims = _claims(analysis, refs, self.head)
        analysis.notes.append("Russian: sources, quotes and claims by the Russian rules and "
                              "the cross-lingual check-worthiness head")
        return analysis


def _source_of(analysis: Analysis, sentence: Sentence, found: list[FoundSource]
               ) -> SourceRef:
    """The source behind the first cue inside ``sentence``, else none (the span is the
    sentence, as the English sources stage gives it)."""
    for f in found:
        if sentence.start <= f.cue.start < sentence.end:
            return SourceRef(f.start, f.end, analysis.text[f.start:f.end], f.kind, f.name,
                             candidates=f.candidates)
    return SourceRef(sentence.start, sentence.end, sentence.text, "none")


def _quote(analysis: Analysis, found: FoundQuote) -> Quote:
    source, cue, text = found.source, found.source.cue, analysis.text
    start = min(found.start, cue.start, source.start)
    end = max(found.end, cue.end, source.end)
    return Quote(start, end, text[start:end], found.kind,
                 content=Span(found.start, found.end, text[found.start:found.end]),
                 cue=Span(cue.start, cue.end, text[cue.start:cue.end]),
                 speaker=Span(source.start, source.end, text[source.start:source.end]),
                 speaker_name=source.name, speaker_kind=source.kind)


def _claims(analysis: Analysis, refs: list[SourceRef], head: CheckworthyHead) -> list[Claim]:
    sentences = analysis.sentences
    paragraphs = [_paragraph(analysis, i) for i in range(len(sentences))]
    scores = sentence_scores([s.text for s in sentences], paragraphs, head) if sentences else []
    published = _published(analysis)
    claims = []
    for sentence, ref, score in zip(sentences, refs, scores):
        numbers = find_numbers(analysis.text, sentence.start, sentence.end, published=published)
        if score >= head.threshold or any(placed_figure(n) for n in numbers):
            reason = "check-worthy" if score >= head.threshold else "figure"
            claims.append(Claim(sentence.start, sentence.end, sentence.text, round(score, 4),
                                _quoted_source(analysis, sentence, ref), numbers=numbers,
                                reason=reason))
    return claims


def sentence_scores(texts: Sequence[str], paragraphs: Sequence[str | None],
                    head: CheckworthyHead) -> list[float]:
    """The head's score of each sentence; a fragment with a figure in it whose paragraph
    (``paragraphs``, None for a paragraph of one sentence) says more scores the higher of
    alone and its whole paragraph."""
    scores = head.predict(list(texts))
    read = [i for i, (t, p) in enumerate(zip(texts, paragraphs)) if p and _fragment(t)]
    if read:
        for i, score in zip(read, head.predict([paragraphs[i] or "" for i in read])):
            scores[i] = max(scores[i], score)
    return scores


def placed_figure(number: NumberMention) -> bool:
    """A count, sum or percent that says what it counts and is dated, the English claims
    stage's "figure" rule (Russian numbers carry no place, so a period is required)."""
    return (number.kind in _FIGURE_KINDS and number.unit is not None
            and not number.unit_inferred and number.period is not None)


def _fragment(text: str) -> bool:
    return len(_WORD.findall(text)) <= FRAGMENT_WORDS and any(c.isdigit() for c in text)


def _paragraph(analysis: Analysis, i: int) -> str | None:
    """The sentences of the ``i``-th sentence's paragraph (no line break between them) as
    one text, or None when it is alone in its paragraph."""
    sentences, text = analysis.sentences, analysis.text
    first = last = i
    while first > 0 and "\n" not in text[sentences[first - 1].end:sentences[first].start]:
        first -= 1
    while (last + 1 < len(sentences)
           and "\n" not in text[sentences[last].end:sentences[last + 1].start]):
        last += 1
    if first == last:
        return None
    return " ".join(s.text for s in sentences[first:last + 1])


def _quoted_source(analysis: Analysis, sentence: Sentence, ref: SourceRef) -> SourceRef:
    """``ref``, or where it names no source and most of the sentence lies inside a quote's
    content (the quote marks themselves may fall outside), the quote's speaker."""
    if ref.kind != "none":
        return ref
    for quote in analysis.quotes:
        content, speaker = quote.content, quote.speaker
        inside = min(sentence.end, content.end) - max(sentence.start, content.start)
        if (speaker is not None and quote.speaker_kind is not None
                and 2 * inside > sentence.end - sentence.start):
            return SourceRef(speaker.start, speaker.end, speaker.text, quote.speaker_kind,
                             quote.speaker_name)
    return ref


def _published(analysis: Analysis) -> dt.date | None:
    try:
        return dt.date.fromisoformat((analysis.metadata.date or "")[:10])
    except ValueError:
        return None

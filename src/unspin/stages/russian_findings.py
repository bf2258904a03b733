"""Sources, quotes and check-worthy claims of a Russian article (issue 20, item 2).

For an article the language stage identified as Russian, after the English stages have
passed it by: the source behind every attribution cue (``russian.sources``, over the
entities of ``russian_nlp``) becomes ``sources`` and each sentence's ``attributions``;
where the rules of ``russian.quotes`` place what the source said, the source, cue and
content become a quote; each sentence is scored by the cross-lingual check-worthiness head
(``models.checkworthy_multilingual``), and those at or above its threshold become claims,
with their numbers read the Russian way (``russian.numbers``) and their sentence's source.
Every other article is left as it was, so English outputs do not change. The head's
encoder loads with the first Russian article.
"""

from __future__ import annotations

import datetime as dt

from ..document import Analysis, Claim, Quote, Sentence, SourceRef, Span
from ..models.checkworthy_multilingual import CheckworthyHead
from ..russian.numbers import find_numbers
from ..russian.quotes import FoundQuote, find_quotes
from ..russian.sources import FoundSource, find_sources

LANGUAGE = "ru"


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
    scores = head.predict([s.text for s in analysis.sentences]) if analysis.sentences else []
    published = _published(analysis)
    return [Claim(s.start, s.end, s.text, round(score, 4), ref,
                  numbers=find_numbers(analysis.text, s.start, s.end, published=published))
            for s, ref, score in zip(analysis.sentences, refs, scores)
            if score >= head.threshold]


def _published(analysis: Analysis) -> dt.date | None:
    try:
        return dt.date.fromisoformat((analysis.metadata.date or "")[:10])
    except ValueError:
        return None

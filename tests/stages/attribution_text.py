"""Short articles of our own through the stages a reader's analysis of sources goes through
(clean, parts, language, nlp, quotes, sources), and lookups the attribution tests share."""

from __future__ import annotations

from unspin.document import Analysis, Article, Quote, Source
from unspin.stages.clean import CleanStage
from unspin.stages.language import LanguageStage
from unspin.stages.nlp import NlpStage
from unspin.stages.parts import PartsStage
from unspin.stages.quotes import QuotesStage
from unspin.stages.sources import SourcesStage


def analyse(text: str) -> Analysis:
    analysis = Analysis.from_article(Article(Source(path="case.txt"), text))
    for stage in (CleanStage(), PartsStage(), LanguageStage(), NlpStage(), QuotesStage(),
                  SourcesStage()):
        analysis = stage(analysis)
    return analysis


def speaker(analysis: Analysis, words: str, nth: int = 0) -> Quote:
    """The ``nth`` quote whose speaker is written ``words``."""
    found = [q for q in analysis.quotes if q.speaker is not None and q.speaker.text == words]
    assert len(found) > nth, [q.speaker.text for q in analysis.quotes if q.speaker]
    return found[nth]


def vague(analysis: Analysis) -> list[str]:
    return [s.text for s in analysis.sources if s.kind == "vague"]

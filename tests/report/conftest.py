"""A small analysis built by hand, so report tests need no model: one claim from a vague
source with a lower-bound number, one quoted claim with hostile markup in it."""

from __future__ import annotations

import pytest

from unspin.document import (
    Analysis,
    Article,
    Claim,
    Comparison,
    NumberMention,
    Period,
    Quote,
    Source,
    SourceRef,
    Sourcing,
    Span,
)

TEXT = ("Western media reported that more than 21,000 soldiers left in October.\n\n"
        "“<script>alert(1)</script> & [bold]this[/bold] is a record,” said Igor Lutsenko, "
        "a former deputy. Nobody knows why.")
STAGES = ["unspin.clean.v1", "unspin.nlp.v1", "unspin.quotes.v1", "unspin.sources.v1",
          "unspin.claims.v1"]


def at(words: str, after: int = 0) -> tuple[int, int, str]:
    """The span of the first ``words`` in TEXT at or after ``after``."""
    start = TEXT.index(words, after)
    return start, start + len(words), words


def span(words: str, after: int = 0) -> Span:
    return Span(*at(words, after))


def _build() -> Analysis:
    analysis = Analysis.from_article(Article(source=Source(path="hostile.txt"), text=TEXT))
    analysis.stages = list(STAGES)
    western = SourceRef(*at("Western media"), kind="vague")
    lutsenko = SourceRef(*at("Igor Lutsenko"), kind="named_person", name="Igor Lutsenko")
    october = Period(*at("in October"), resolved_start=None, resolved_end=None,
                     unresolved_reason="year not stated and no publication date")
    number = NumberMention(*at("more than 21,000"), value=21000.0, low=21000.0, high=None,
                           bound="lower", hedge="more than", unit="soldiers", period=october,
                           place=None, comparison=None, kind="count")
    first = TEXT.index("\n")
    quoted = at("“<script>alert(1)</script> & [bold]this[/bold] is a record,”")
    analysis.claims = [
        Claim(*at(TEXT[:first]), score=0.97, source=western, numbers=[number]),
        Claim(*at(TEXT[quoted[0]:TEXT.index(" Nobody")]), score=0.8, source=lutsenko,
              comparisons=[Comparison(*at("a record"), kind="record")]),
    ]
    analysis.quotes = [Quote(quoted[0], lutsenko.end, TEXT[quoted[0]:lutsenko.end],
                             kind="direct", content=Span(*quoted), cue=span("said"),
                             speaker=span("Igor Lutsenko"), speaker_name="Igor Lutsenko",
                             speaker_description="a former deputy")]
    analysis.sources = [western, lutsenko]
    analysis.sourcing = Sourcing(claims=2, named_share=0.5,
                                 counts={"named_person": 1, "named_organization": 0,
                                         "document": 0, "vague": 1, "none": 0},
                                 named=["Igor Lutsenko"], vague=["Western media"])
    return analysis


@pytest.fixture
def hostile() -> Analysis:
    return _build()

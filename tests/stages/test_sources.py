from __future__ import annotations

from pathlib import Path

import pytest

from unspin.document import SOURCE_KINDS, Analysis, Article, Sentence, Source, SourceRef, Span
from unspin.stages.language import LanguageStage
from unspin.stages.nlp import NlpStage
from unspin.stages.quotes import QuotesStage
from unspin.stages.sources import attribute, sources_for
from unspin.stages.sourcing import sourcing_summary


def _analysis(text: str) -> Analysis:
    article = Article(source=Source(path="t.txt"), text=text)
    return QuotesStage()(NlpStage()(LanguageStage()(Analysis.from_article(article))))


def _whole(text: str) -> SourceRef:
    analysis = _analysis(text)
    return attribute(analysis, Sentence(0, len(text), text), analysis.quotes)


@pytest.mark.parametrize("text,flagged", [
    ("Recently, Western media reported that more soldiers left.", "Western media"),
    ("Experts say the bridge is unsafe.", "Experts say"),
    ("Furthermore, there are also concerns that there may be more desertions.",
     "there are also concerns"),
    ("Many believe the war is lost.", "Many believe"),
    ("Critics argue the law goes too far.", "Critics argue"),
    ("Some say the vote was rigged.", "Some say"),
    ("It is believed that the minister resigned.", "It is believed that"),
    ("Sources said the deal was close.", "Sources said"),
    ("Reports suggest the talks have failed.", "Reports suggest"),
    ("Ukrainians no longer believe in their country’s victory.", "Ukrainians no longer believe"),
    ("The local military no longer believes in victory.", "The local military no longer believes"),
])
def test_sources_vague_patterns_are_flagged(text: str, flagged: str) -> None:
    ref = _whole(text)
    assert ref.kind == "vague"
    assert flagged in ref.text or ref.text in flagged


@pytest.mark.parametrize("text", [
    "Igor Lutsenko said that the front is thin.",
    "The bridge reopened in May.",
    "There are 40 bridges in the city.",
    "It is expected to rain on Monday.",
    "Media literacy is taught in schools.",
    "These new soldiers simply don't know how to fight.",
])
def test_sources_vague_patterns_leave_these_alone(text: str) -> None:
    assert _whole(text).kind != "vague"


@pytest.mark.parametrize("text,flagged", [
    ("Official data put the number at 21,602.", "Official data"),
    ("A report by the United Nations found that hunger is rising.", "A report by"),
    ("According to figures from the ministry, exports fell.", "According to figures"),
    ("Statistics show that exports fell.", "Statistics show"),
])
def test_sources_documents_and_data(text: str, flagged: str) -> None:
    ref = _whole(text)
    assert ref.kind == "document"
    assert set(ref.text.lower().split()) & set(flagged.lower().split())


@pytest.mark.parametrize("text,kind,name", [
    ("Igor Lutsenko stated that losses are high.", "named_person", "Igor Lutsenko"),
    ("According to Reuters, the talks failed.", "named_organization", "Reuters"),
    ("The bridge reopened in May.", "none", None),
])
def test_sources_named_and_none(text: str, kind: str, name: str | None) -> None:
    ref = _whole(text)
    assert (ref.kind, ref.name) == (kind, name)


def test_sources_pronoun_sentence_goes_to_the_resolved_person() -> None:
    text = "Igor Lutsenko stated that losses are high. He believes that morale is low."
    analysis = _analysis(text)
    refs = sources_for(analysis, analysis.quotes)
    assert [(r.kind, r.name) for r in refs] == [("named_person", "Igor Lutsenko")] * 2
    assert refs[1].text == "He"


def test_sources_none_ref_spans_the_sentence() -> None:
    text = "The bridge reopened in May."
    ref = _whole(text)
    assert (ref.start, ref.end, ref.text) == (0, len(text), text)


def test_sources_summary_counts_and_share() -> None:
    text = ("Igor Lutsenko stated that losses are high. Western media reported that more "
            "soldiers left. The bridge reopened in May. The war is lost.")
    analysis = _analysis(text)
    refs = sources_for(analysis, analysis.quotes)
    summary = sourcing_summary(analysis, refs)
    assert summary.claims == 4
    assert summary.named_share == pytest.approx(0.25)
    assert summary.counts == {"named_person": 1, "named_organization": 0, "document": 0,
                                 "vague": 1, "none": 2}
    assert summary.vague == ["Western media"]
    assert set(summary.counts) == set(SOURCE_KINDS)


def test_sources_summary_counts_only_the_given_claim_sentences() -> None:
    text = "Igor Lutsenko stated that losses are high. The bridge reopened in May."
    analysis = _analysis(text)
    refs = sources_for(analysis, analysis.quotes)
    claim = Span(text.index("The bridge"), len(text), "The bridge reopened in May.")
    summary = sourcing_summary(analysis, refs, [claim])
    assert (summary.claims, summary.named_share) == (1, 0.0)


def test_sources_seed_article(seed_article: Path) -> None:
    from unspin.stages.clean import CleanStage

    article = Article(source=Source(path=str(seed_article)),
                      text=seed_article.read_text(encoding="utf-8"))
    analysis = QuotesStage()(NlpStage()(LanguageStage()(CleanStage()(
        Analysis.from_article(article)))))
    refs = sources_for(analysis, analysis.quotes)
    summary = sourcing_summary(analysis, refs)
    assert summary.named == ["Igor Lutsenko", "Ukraine"]
    persons = {r.name for r in refs if r.kind == "named_person"}
    assert persons == {"Igor Lutsenko"}  # the one named person, "He" resolved to him
    standfirst = next(r for s, r in zip(analysis.sentences, refs) if "highest monthly" in s.text)
    assert (standfirst.kind, standfirst.name) == ("named_organization", "Ukraine")
    vague = " | ".join(summary.vague)
    for must in ("Western media", "there are also concerns", "Ukrainians no longer believe",
                 "The local military no longer believes"):
        assert must in vague
    assert summary.named_share < 0.5  # thin sourcing: most sentences name no one

from __future__ import annotations

import pytest

from unspin.document import Analysis, Article, Language, Removed, Source
from unspin.stages.language import LanguageStage
from unspin.stages.nlp import NlpStage


def _analysis(text: str, removed: list[Removed] | None = None) -> Analysis:
    analysis = Analysis.from_article(
        Article(source=Source(path="t.txt"), text=text, removed=removed or []))
    return LanguageStage()(analysis)


def test_nlp_offsets_point_at_the_same_characters() -> None:
    text = ("\ufeffOn Monday, Igor Lutsenko, a former deputy, spoke in Kiev. Ukraine disagreed."
            "\r\nThe end came.")
    analysis = NlpStage()(_analysis(text))
    for span in [*analysis.sentences, *analysis.entities]:
        assert text[span.start:span.end] == span.text
    names = {(e.text, e.label) for e in analysis.entities}
    assert ("Igor Lutsenko", "PERSON") in names
    assert any(t == "Kiev" for t, _ in names)


def test_nlp_headline_is_its_own_sentence() -> None:
    text = ("Troops Abandoning Front in Large Numbers\n\n"
            "Officials report the highest monthly number since the war began.\n\nBody text here.")
    sentences = [s.text for s in NlpStage()(_analysis(text)).sentences]
    assert sentences[0] == "Troops Abandoning Front in Large Numbers"
    assert sentences[1].startswith("Officials report")


def test_nlp_finds_nothing_inside_removed_text() -> None:
    widget = "Great Book... Smith, John Best Price: $4.04 Buy New $9.99 (as of 01:36 UTC - Details)"
    text = f"Paris is calm today. {widget}\n\nBerlin is calm too."
    start = text.index(widget)
    removed = [Removed(start, start + len(widget), widget, "ad", "test")]
    analysis = NlpStage()(_analysis(text, removed))
    for span in [*analysis.sentences, *analysis.entities]:
        assert span.end <= start or span.start >= start + len(widget), span
    assert [s.text for s in analysis.sentences] == ["Paris is calm today.", "Berlin is calm too."]


def test_nlp_removed_span_inside_a_sentence_splits_it() -> None:
    text = "The minister said ADVERT HERE that prices will fall."
    start = text.index("ADVERT HERE")
    removed = [Removed(start, start + 11, "ADVERT HERE", "ad", "test")]
    sentences = [s.text for s in NlpStage()(_analysis(text, removed)).sentences]
    assert sentences == ["The minister said", "that prices will fall."]


@pytest.mark.parametrize("text,code", [
    (("La guerre continue et les soldats quittent le front chaque jour. Le gouvernement "
     "refuse de publier les chiffres officiels."), "fr"),
    (("Der Krieg geht weiter und die Soldaten verlassen jeden Tag die Front. Die Regierung "
     "veröffentlicht keine Zahlen."), "de"),
])
def test_nlp_non_english_gets_sentences_but_no_entities(text: str, code: str) -> None:
    analysis = _analysis(text)
    assert analysis.language == Language(code, analysis.language.score, False)  # type: ignore[union-attr]
    analysis = NlpStage()(analysis)
    assert len(analysis.sentences) == 2
    assert analysis.entities == []
    assert any("not English" in note for note in analysis.notes)


def test_nlp_pipe_matches_one_at_a_time() -> None:
    texts = ["Kiev is a city. It is large.", "Reuters reported it.\n\nAnother paragraph."]
    one_by_one = [NlpStage()(_analysis(t)) for t in texts]
    batched = NlpStage().pipe([_analysis(t) for t in texts])
    assert [a.sentences for a in one_by_one] == [a.sentences for a in batched]
    assert [a.entities for a in one_by_one] == [a.entities for a in batched]

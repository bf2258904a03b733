from __future__ import annotations

import dataclasses
import json

import pytest

from unspin.document import (
    Analysis,
    Article,
    Claim,
    Comparison,
    Entity,
    Forecast,
    Language,
    Metadata,
    NumberMention,
    Part,
    Period,
    Quote,
    Removed,
    Sentence,
    Source,
    SourceRef,
    Sourcing,
    Span,
    TechniqueSpan,
)


def _analysis(text: str, removed: list[Removed]) -> Analysis:
    return Analysis.from_article(Article(source=Source(path="a.txt"), text=text, removed=removed))


def test_document_kept_text_blanks_removed_spans_and_keeps_length() -> None:
    text = "One. AD AD\nAD. Two."
    analysis = _analysis(text, [Removed(5, 14, text[5:14], "ad", "test")])
    kept = analysis.kept_text()
    assert len(kept) == len(text)
    assert kept == "One.      \n    Two."


def test_document_to_dict_is_versioned_and_counts_findings() -> None:
    text = "\ufeffHello world"
    data = _analysis(text, [Removed(7, 12, "world", "ad", "test")]).to_dict()
    assert data["schema_version"] == "1.4"
    assert data["source"] == {"path": "a.txt"}
    assert data["counts"]["characters"] == 12
    assert data["counts"]["removed_characters"] == 5
    assert data["counts"]["removed"] == 1
    assert data["removed"][0]["text"] == data["text"][7:12]


def _everything() -> Analysis:
    """An analysis with every kind of finding, nested spans and optional fields included."""
    text = "Prices rose 20% since 2020, the minister said. They will double by 2030."
    period = Period(22, 26, "2020", "2020-01-01", "2020-12-31", None)
    number = NumberMention(12, 15, "20%", 20.0, None, None, "exact", None, "percent", period,
                           None, "increase", "percent")
    source = SourceRef(28, 40, "the minister", "vague")
    return Analysis(
        source=Source(path="a.html", url="https://example.com/a"), text=text,
        metadata=Metadata(title="Prices", date="2024-01-02", site="Example"), format="html",
        language=Language("en", 0.99, True),
        removed=[Removed(0, 0, "", "ad", "empty")],
        parts=[Part(0, 46, text[:46], "headline")],
        sentences=[Sentence(0, 46, text[:46]), Sentence(47, 73, text[47:73])],
        entities=[Entity(22, 26, "2020", "DATE")],
        techniques=[TechniqueSpan(0, 11, "Prices rose", "Loaded_Language", 0.61)],
        quotes=[Quote(0, 45, text[:45], "indirect", Span(0, 26, text[:26]), Span(41, 45, "said"),
                      Span(28, 40, "the minister"), speaker_description="a minister")],
        sources=[source],
        claims=[Claim(0, 46, text[:46], 0.93, source, numbers=[number],
                      comparisons=[Comparison(7, 11, "rose", "increase", "since 2020")]),
                Claim(47, 73, text[47:73], 0.4, SourceRef(47, 73, text[47:73], "none"),
                      forecasts=[Forecast(52, 56, "will", "will")], reason="forecast")],
        sourcing=Sourcing(2, 0.0, {"vague": 1, "none": 1}, [], ["the minister"]),
        notes=["a note"], stages=["unspin.clean.v1"])


def test_document_from_dict_rebuilds_every_nested_span() -> None:
    analysis = _everything()
    again = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert again == analysis
    assert again.to_dict() == analysis.to_dict()
    assert type(again.claims[0].numbers[0].period).__name__ == "Period"
    assert again.quotes[0].cue == analysis.quotes[0].cue and again.claim_vectors is None


def test_document_to_json_is_to_dict_as_json() -> None:
    analysis = _everything()
    analysis.claim_vectors = [[0.5] * 384, [0.25] * 384]  # transient: never in the JSON
    assert json.loads(analysis.to_json()) == json.loads(json.dumps(analysis.to_dict()))
    assert "claim_vectors" not in analysis.to_json() and "é" in _analysis("é", []).to_json()
    # orjson refuses a lone surrogate (a badly decoded page); json writes it.
    odd = _analysis("caf\udce9", [])
    assert json.loads(odd.to_json())["text"] == "caf\udce9"


def test_document_from_dict_refuses_what_it_does_not_know() -> None:
    data = _everything().to_dict()
    with pytest.raises(ValueError, match="unknown field 'verdict'"):
        Analysis.from_dict({**data, "verdict": "true"})
    data["claims"][0]["numbers"][0]["period"] = ["2020"]
    with pytest.raises(ValueError, match=r"analysis.claims\[0\].numbers\[0\].period"):
        Analysis.from_dict(data)
    with pytest.raises(ValueError, match="text"):
        Analysis.from_dict({"source": {}, "metadata": {}})


def test_document_article_from_dict_round_trips() -> None:
    article = Article(source=Source(path="x.txt"), text="Hello \udcff there",
                      removed=[Removed(0, 5, "Hello", "ad", "r")])
    assert Article.from_dict(dataclasses.asdict(article)) == article

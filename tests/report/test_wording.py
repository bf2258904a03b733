from __future__ import annotations

import dataclasses

import pytest

from unspin.document import Analysis, Comparison, Forecast, NumberMention, Period, SourceRef
from unspin.report import wording


def _number(text: str, **fields: object) -> NumberMention:
    base: dict[str, object] = {"value": None, "low": None, "high": None, "bound": "exact",
                               "hedge": None, "unit": None, "period": None, "place": None,
                               "comparison": None, "kind": "count"}
    return NumberMention(0, len(text), text, **{**base, **fields})  # type: ignore[arg-type]


def test_wording_lower_bound_with_an_unresolved_period(hostile: Analysis) -> None:
    claim = hostile.claims[0]
    assert wording.number_words(claim.numbers[0]) == (
        "more than 21,000 — lower bound 21,000; counted: soldiers; period: in October "
        "(unresolved: year not stated and no publication date)")


@pytest.mark.parametrize("text,fields,meaning", [
    ("21,602", {"value": 21602.0, "low": 21602.0, "high": 21602.0, "unit": "desertions",
                "unit_inferred": True},
     "exact; counted: desertions (inferred from nearby text, not stated beside the number)"),
    ("nearly 300", {"value": 300.0, "high": 300.0, "bound": "upper", "unit": "people"},
     "upper bound 300; counted: people"),
    ("about 12.5%", {"value": 12.5, "bound": "approximate", "unit": "percent",
                     "kind": "percent"}, "approximately 12.5%"),
    ("$3-5 million", {"low": 3e6, "high": 5e6, "bound": "range", "unit": "dollars",
                      "kind": "money"}, "range 3,000,000 to 5,000,000 dollars"),
    ("three times", {"value": 3.0, "kind": "multiplier"}, "multiplier ×3"),
    ("2023", {"value": 2023.0, "low": 2023.0, "high": 2023.0, "kind": "year"}, "a year"),
])
def test_wording_number_meaning(text: str, fields: dict[str, object], meaning: str) -> None:
    assert wording.number_meaning(_number(text, **fields)) == meaning


@pytest.mark.parametrize("start,end,reason,words", [
    ("2023-01-01", None, "ends at the publication date, which is not known",
     ("since 2023 → from 2023-01-01 (end unresolved: ends at the publication date, which is "
     "not known)")),
    ("2024-10-01", "2024-10-31", None, "since 2023 → 2024-10-01 to 2024-10-31"),
    (None, None, "vague: the text gives no dates",
     "since 2023 (unresolved: vague: the text gives no dates)"),
])
def test_wording_period(start: str | None, end: str | None, reason: str | None,
                        words: str) -> None:
    assert wording.period_words(Period(0, 10, "since 2023", start, end, reason)) == words


def test_wording_sources() -> None:
    described = {"Igor Lutsenko": "a former deputy"}
    vague = SourceRef(0, 13, "Western media", kind="vague")
    named = SourceRef(0, 13, "Igor Lutsenko", kind="named_person", name="Igor Lutsenko")
    pronoun = dataclasses.replace(named, end=2, text="He")
    assert wording.source_words(vague) == "“Western media” — vague source"
    assert wording.source_words(named, described) == (
        "Igor Lutsenko (named person; a former deputy)")
    assert wording.source_words(pronoun) == "“He” → Igor Lutsenko (named person)"
    assert wording.source_words(SourceRef(0, 5, "Rain.", kind="none")) == "no source"


def test_wording_describes_a_source_once(hostile: Analysis) -> None:
    analysis = hostile
    describer = wording.Describer(analysis)
    source = analysis.claims[1].source
    assert describer.source(source).endswith("(named person; a former deputy)")
    assert describer.source(source) == "Igor Lutsenko (named person)"


def test_wording_comparison_and_forecast() -> None:
    text = "the highest monthly number of desertions since the beginning of the conflict"
    superlative = Comparison(0, len(text), text, kind="superlative",
                             baseline="since the beginning of the conflict")
    assert wording.comparison_words(superlative) == (
        "superlative: the highest monthly number of desertions; baseline: since the "
        "beginning of the conflict")
    more = Comparison(0, 13, "more and more", kind="increase")
    assert wording.comparison_words(more) == "increase: more and more; no baseline stated"
    forecast = Forecast(0, 30, "there will be more desertions", cue="will")
    assert wording.forecast_words(forecast) == (
        "stated as fact: there will be more desertions (cue “will”)")


def test_wording_sourcing_line_and_fallback(hostile: Analysis) -> None:
    analysis = hostile
    assert analysis.sourcing is not None
    assert wording.sourcing_line(analysis.sourcing) == (
        "2 claims: 1 named (50%), 1 vague, 0 without a source")
    analysis.sourcing = None
    computed = wording.sourcing_of(analysis)
    assert computed is not None and wording.sourcing_line(computed) == (
        "2 claims: 1 named (50%), 1 vague, 0 without a source")


def test_wording_claims_status(hostile: Analysis) -> None:
    analysis = hostile
    assert wording.claims_status(analysis) is None
    analysis.claims = []
    assert wording.claims_status(analysis) == "no check-worthy claims found"
    analysis.stages = ["unspin.clean.v1"]
    assert wording.claims_status(analysis) == (
        "claims not analysed: the claims stage did not run")


def test_wording_clip_at_a_word() -> None:
    assert wording.clip("one two\n three four five", 16) == "one two three…"
    assert wording.clip("short", 16) == "short"


def test_wording_speaker_of_a_quote(hostile: Analysis) -> None:
    quote = hostile.quotes[0]
    describer = wording.Describer(hostile)
    assert describer.speaker(quote) == "Igor Lutsenko (a former deputy)"
    assert describer.speaker(quote) == "Igor Lutsenko"
    western = hostile.sources[0]
    unnamed = dataclasses.replace(quote, speaker=western, speaker_name=None,
                                  speaker_description=None)
    assert describer.speaker(unnamed) == "“Western media” — vague source"
    assert wording.speaker_words(dataclasses.replace(unnamed, speaker=None)) == (
        "speaker not stated")


def test_wording_threshold_line_is_the_english_heads_only_for_english(
        hostile: Analysis) -> None:
    from unspin.document import Language

    english = wording.claims_threshold_line(hostile)  # language not identified: English
    assert f"{wording.shipped_threshold():.2f}" in english and "in 10" in english
    hostile.language = Language("ru", 0.99, True)  # its claims come from another head
    assert wording.claims_threshold_line(hostile) == wording.threshold_line(None)

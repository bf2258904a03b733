from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import unspin
from unspin.document import Analysis, Language
from unspin.report import render_text


def test_text_claims_spell_out_numbers_and_sources(hostile: Analysis) -> None:
    out = render_text([hostile], width=200)
    assert "2 claims: 1 named (50%), 1 vague, 0 without a source" in out
    assert "source   “Western media” — vague source" in out
    assert ("number   more than 21,000 — lower bound 21,000; counted: soldiers; period: in "
            "October (unresolved: year not stated and no publication date)") in out
    assert "Igor Lutsenko (named person; a former deputy)" in out
    assert "compare  record: a record; no baseline stated" in out


def test_text_quotes_show_speaker_cue_kind_and_content(hostile: Analysis) -> None:
    out = render_text([hostile], width=200)
    assert "direct   Igor Lutsenko (a former deputy) · cue “said”" in out
    assert "“<script>alert(1)</script> & [bold]this[/bold] is a record,”" in out


def test_text_fits_100_columns(hostile: Analysis) -> None:
    out = render_text([hostile])
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "[bold]this[/bold]" in out.replace("\n", " ").replace("│", "")


@pytest.mark.parametrize("change,line", [
    ({"claims": [], "sourcing": None}, "no check-worthy claims found"),
    ({"claims": [], "sourcing": None, "stages": ["unspin.clean.v1"]},
     "claims not analysed: the claims stage did not run"),
    ({"claims": [], "sourcing": None, "language": Language("fr", 0.99, False)},
     "claims not analysed: the article is not in English"),
])
def test_text_says_why_there_are_no_claims(hostile: Analysis, change: dict[str, object],
                                           line: str) -> None:
    out = render_text([dataclasses.replace(hostile, **change)], width=200)  # type: ignore[arg-type]
    assert line in out
    assert "Sourcing" not in out


def test_text_no_quotes_section_when_none_found(hostile: Analysis) -> None:
    hostile.quotes = []
    assert "Quotes" not in render_text([hostile], width=200)
    hostile.stages = ["unspin.clean.v1"]
    assert "quotes not analysed: the quotes stage did not run" in render_text([hostile])


@pytest.mark.slow
def test_text_seed_report_names_the_numbers_and_sources(seed_article: Path) -> None:
    out = render_text([unspin.analyze(seed_article)], width=100)
    flat = " ".join(line.strip("│ ") for line in out.splitlines())
    for words in ("more than 21,000", "21,602", "Igor Lutsenko", "Western media",
                  "lower bound 21,000", "vague source"):
        assert words in flat, words
    assert max(len(line) for line in out.splitlines()) <= 100


def test_text_lists_claims_strongest_first_and_explains_the_threshold(
        hostile: Analysis) -> None:
    first, second = hostile.claims
    weaker = dataclasses.replace(first, score=0.75)
    analysis = dataclasses.replace(hostile, claims=[weaker, second])
    text = render_text([analysis], width=400)
    assert text.index("0.80") < text.index("0.75")  # the quoted claim (0.80) first
    assert "Strongest first" in text and "threshold" in text
    assert "in 10 of the sentences it lists" in text  # what the threshold promises

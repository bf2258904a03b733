"""The canonical article, end to end: what ../shared/seed/EXPECTED.md says an analyst
expects `unspin analyze` to show, section by section (offsets are not checked: findings
are). Skipped with a reason where ../shared is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import unspin
from unspin.document import Analysis, Claim, Span

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed(seed_article: Path) -> Analysis:
    return unspin.analyze(seed_article)


def _claim(seed: Analysis, words: str) -> Claim:
    found = [c for c in seed.claims if words in c.text]
    assert found, f"no claim holds {words!r}"
    return found[0]


def _in_removed(seed: Analysis, span: Span) -> bool:
    return any(r.start < span.end and span.start < r.end for r in seed.removed)


def test_seed_json_lists_both_widgets_and_the_origin(seed_article: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "unspin", "analyze", str(seed_article),
                          "--format", "json"], capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(out.stdout)
    ads = [r for r in data["removed"] if r["kind"] == "ad"]
    assert len(ads) == 2 and all("Best Price" in r["text"] for r in ads)
    assert data["metadata"]["origin"] == "InfoBrics"


def test_seed_nothing_is_found_inside_removed_text(seed: Analysis) -> None:
    findings: list[Span] = [*seed.sentences, *seed.entities, *seed.techniques, *seed.quotes,
                            *seed.sources, *seed.claims]
    assert findings and not [f for f in findings if _in_removed(seed, f)]


def test_seed_headline_and_standfirst(seed: Analysis) -> None:
    assert [p.kind for p in seed.parts] == ["headline", "standfirst"]
    assert seed.parts[0].text == "Ukrainian Troops Abandoning Front in Large Numbers"


def test_seed_more_than_21000_is_a_lower_bound_from_a_vague_source(seed: Analysis) -> None:
    claim = _claim(seed, "more than 21,000")
    number = next(n for n in claim.numbers if n.value == 21000)
    assert (number.bound, number.low, number.hedge, number.unit) == (
        "lower", 21000, "more than", "soldiers")
    assert number.period is not None and number.period.text == "in October"
    assert number.period.resolved_start is None and number.period.unresolved_reason
    assert (claim.source.kind, claim.source.text) == ("vague", "Western media")


def test_seed_21602_is_exact_in_lutsenkos_direct_quote(seed: Analysis) -> None:
    claim = _claim(seed, "21,602")
    number = next(n for n in claim.numbers if n.value == 21602)
    assert number.bound == "exact" and number.period and number.period.text == "in October"
    assert claim.source.name == "Igor Lutsenko"
    quote = next(q for q in seed.quotes if "21,602" in q.content.text)
    assert quote.kind == "direct" and quote.speaker_name == "Igor Lutsenko"
    assert "record" in quote.content.text and "official data" in quote.content.text


def test_seed_superlative_attributed_to_ukraine(seed: Analysis) -> None:
    claim = _claim(seed, "highest monthly number of desertions")
    assert any(c.kind == "superlative" and c.baseline == "since the beginning of the conflict"
               for c in claim.comparisons)
    assert (claim.source.kind, claim.source.name) == ("named_organization", "Ukraine")


def test_seed_since_2023_and_the_forecast(seed: Analysis) -> None:
    since = next(n for n in _claim(seed, "since 2023").numbers if n.kind == "year")
    assert since.value == 2023 and since.period is None  # a year is a date, not a quantity
    forecast = _claim(seed, "Until the war ends, there will be more and more desertions")
    assert forecast.forecasts and forecast.reason in ("check-worthy", "forecast")


def test_seed_one_named_person_described_and_he_resolved(seed: Analysis) -> None:
    persons = {s.name for s in seed.sources if s.kind == "named_person"}
    assert persons == {"Igor Lutsenko"}
    lutsenko = [q for q in seed.quotes if q.speaker_name == "Igor Lutsenko"]
    assert {q.kind for q in lutsenko} >= {"direct", "indirect"}
    assert any(q.speaker and q.speaker.text == "He" for q in lutsenko)
    descriptions = {q.speaker_description for q in lutsenko} - {None}
    assert any("former Ukrainian deputy" in d for d in descriptions if d)


def test_seed_vague_sources_and_thin_sourcing(seed: Analysis) -> None:
    assert seed.sourcing is not None
    vague = " | ".join(seed.sourcing.vague)
    for words in ("Western media", "there are also concerns", "Ukrainians no longer believe",
                  "The local military no longer believes"):
        assert words in vague
    assert seed.sourcing.named_share < 0.5


@pytest.fixture(scope="module")
def seed_recall(seed_article: Path) -> Analysis:
    """The seed's techniques at the recall setting (every span the tagger finds)."""
    return unspin.analyze(seed_article, stage_config={
        "unspin.techniques.v1": {"setting": "recall"}})


def test_seed_techniques_on_the_loaded_words(seed_recall: Analysis) -> None:
    # Since issue 16 the default shows only the spans the model is sure enough of; the
    # words an analyst expects are what the tagger finds, at the recall setting.
    assert any("neo-Nazi" in t.text and t.technique == "Name_Calling,Labeling"
               for t in seed_recall.techniques)
    loaded = {t.text for t in seed_recall.techniques if t.technique == "Loaded_Language"}
    assert len(loaded) >= 3


def test_seed_default_shows_the_surest_loaded_words_and_a_persuasive_article(
        seed: Analysis, seed_recall: Analysis) -> None:
    every = [(t.start, t.end, t.technique, t.score) for t in seed_recall.techniques]
    assert seed.techniques and len(seed.techniques) < len(every)
    # each shown span is the core of a span the recall setting shows, with its score
    assert all(any(a <= t.start < t.end <= b and (t.technique, t.score) == (k, p)
                   for a, b, k, p in every) for t in seed.techniques)
    expected = {"Name_Calling,Labeling", "Loaded_Language", "Exaggeration,Minimisation",
                "Appeal_to_fear-prejudice", "Causal_Oversimplification",
                "Thought-terminating_Cliches", "Black-and-White_Fallacy", "Repetition"}
    assert {t.technique for t in seed.techniques} <= expected  # what EXPECTED.md lists
    assert seed.technique_setting == "precision"
    # A propaganda-outlet article: more persuasive than the median annotated article.
    assert seed.persuasion_score is not None and seed.persuasion_score > 0.5

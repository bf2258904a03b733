"""The ledger across languages: a Russian figure lines up with the English one for the
same thing, its counted noun matched by meaning («случаев дезертирства» ~ "desertions"),
its place («в Украине» ~ "Ukraine") and its month («в октябре» ~ "in October") read as
the English ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.corpus import Corpus, open_corpus, places, unit_match
from unspin.corpus.add import store_analyses
from unspin.corpus.ledger import ACROSS, period_key
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Language

from .handmade import Said, analysis

OCTOBER = {"resolved_start": "2024-10-01", "resolved_end": "2024-10-31"}
RU = Path(__file__).resolve().parents[1] / "data" / "ru"


class Meaning:
    """A multilingual encoder made by hand: a text about desertions points one way, about
    passengers another, anything else a third; it records what it was asked."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 3), np.float32)
        for row, text in enumerate(texts):
            low = text.lower()
            out[row, 0 if "desert" in low or "дезерт" in low else
                1 if "passeng" in low or "пассаж" in low else 2] = 1.0
        return out


def _in(language: str, made: Analysis) -> Analysis:
    made.language = Language(language, 1.0, language == "en")
    made.metadata.language = language
    return made


def _store(path: Path, *made: Analysis) -> Corpus:
    corpus = open_corpus(path)
    store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return corpus


ENGLISH = analysis("en.txt", [Said(
    "Officials recorded 21,602 desertions in Ukraine in October.", "named_person",
    "Igor Lutsenko", "Officials",
    [{"text": "21,602", "unit": "desertions", "value": 21602, "low": 21602,
      "high": 21602, "period": "in October", **OCTOBER}])], site="Kyiv Daily",
    date="2024-11-20")


def _russian(period: dict[str, object]) -> Analysis:
    return analysis("ru.txt", [
        Said("Власти Украины зафиксировали 21 602 случая дезертирства в октябре.",
             numbers=[{"text": "21 602", "unit": "случаев дезертирства", "value": 21602,
                       "low": 21602, "high": 21602, "period": "в октябре", **period}]),
        Said("Поезда перевезли 2 300 пассажиров в октябре.",
             numbers=[{"text": "2 300", "unit": "пассажиров", "value": 2300, "low": 2300,
                       "high": 2300, "period": "в октябре", **period}])],
        site="Голос", date="2024-11-21")


def test_ledger_languages_russian_and_english_figures_agree_in_one_group(
        tmp_path: Path) -> None:
    meaning = Meaning()
    with _store(tmp_path / "c.duckdb", _in("en", ENGLISH),
                _in("ru", _russian(OCTOBER))) as corpus:
        found = corpus.ledger("desertions", encoder=meaning)
    (october,) = [g for g in found.groups if g.measure == "count of desertion"]
    assert [(v.text, v.outlet, v.matched_by) for v in october.values] == [
        ("21,602", "Kyiv Daily", "unit"), ("21 602", "Голос", ACROSS)]
    # The passengers of the same article and month are shown (rule 3), never compared.
    (trains,) = [v for g in found.groups if g is not october for v in g.values]
    assert (trains.text, trains.matched_by) == ("2 300", "article")
    assert (october.measure, october.period, october.verdict) == (
        "count of desertion", "2024-10", "agreement")
    assert october.place == "Ukraine"  # «Украины» read as Ukraine


def test_ledger_languages_unresolved_months_meet_across_languages(tmp_path: Path) -> None:
    english = analysis("en.txt", [Said("Officials recorded 21,602 desertions in October.",
                                       numbers=[{"text": "21,602", "unit": "desertions",
                                                 "value": 21602, "period": "in October"}])])
    with _store(tmp_path / "c.duckdb", _in("en", english), _in("ru", _russian({}))) as corpus:
        found = corpus.ledger("desertions", encoder=Meaning())
    (october,) = [g for g in found.groups if g.measure == "count of desertion"]
    assert [v.text for v in october.values] == ["21,602", "21 602"]
    assert october.period == "october (unresolved)"


def test_ledger_languages_an_english_corpus_never_loads_the_encoder(tmp_path: Path) -> None:
    meaning = Meaning()
    with _store(tmp_path / "c.duckdb", _in("en", ENGLISH)) as corpus:
        assert len(corpus.ledger("desertions", encoder=meaning).groups) == 1
    assert meaning.seen == []


@pytest.mark.parametrize("words,key", [
    ("в октябре", "october"), ("за сентябрь", "september"), ("в марте 2024 года", "march 2024"),
    ("in October", "october"), ("с 2023 года", "с 2023")])
def test_ledger_languages_period_words_in_english(words: str, key: str) -> None:
    from unspin.corpus.ledger import _period_words

    assert _period_words(words) == key


def test_ledger_languages_unresolved_period_key() -> None:
    from tests.corpus.test_ledger import value

    russian = value("21 602", 21602, period="в октябре", place=None)
    assert period_key(russian) == "october (unresolved)"


@pytest.mark.parametrize("name,english", [
    ("Германии", "Germany"), ("Германия", "Germany"), ("Берлине", "Berlin"),
    ("США", "United States"), ("Украины", "Ukraine"), ("Вендт", None)])
def test_ledger_languages_russian_place_names(name: str, english: str | None) -> None:
    assert places.english_name(name) == english


def test_ledger_languages_places_overlap_across_languages() -> None:
    assert places.overlap("Берлине", "Germany")
    assert not places.overlap("Киеве", "Germany")
    assert places.named_in("Только в октябре в Германии было ликвидировано 21 602 "
                           "рабочих места.") == "Germany"


def test_ledger_languages_noun_forms() -> None:
    assert unit_match.forms("случаев дезертирства") == [
        "случаев дезертирства", "случаи дезертирства", "случай дезертирства"]
    assert unit_match.forms("jobs") == ["jobs"]


def test_ledger_languages_cut_applies_to_the_mean_of_the_forms() -> None:
    found = unit_match.matching("desertions", ["дезертиров", "пассажиров"], Meaning())
    assert found == {"дезертиров": 1.0}


@pytest.mark.slow  # the multilingual encoder
def test_ledger_languages_real_encoder_matches_counted_nouns() -> None:
    found = unit_match.matching("desertions", ["дезертиров", "пассажиров", "рабочих мест"])
    assert list(found) == ["дезертиров"]
    assert list(unit_match.matching("jobs", ["дезертиров", "рабочих мест"])) == [
        "рабочих мест"]


@pytest.mark.slow  # the whole pipeline on both seeds, and the multilingual encoder
def test_ledger_languages_seed_pair_lines_up_the_october_jobs(tmp_path: Path) -> None:
    """The English seed's "more than 21,000 industrial jobs ... in Germany in October"
    and the Russian version's «более 21 тысячи рабочих мест ... в Германии ... в
    октябре»: one group, consistent. Not "agreement": both versions name Multipolar
    Digest as their origin, so they are one outlet's figure, not two outlets agreeing."""
    import unspin

    made = [unspin.analyze(RU / f"seed-{language}.txt") for language in ("en", "ru")]
    with _store(tmp_path / "seed.duckdb", *made) as corpus:
        found = corpus.ledger("jobs")
    (jobs,) = [g for g in found.groups if g.measure == "count of job"]
    assert {(v.text, v.bound, v.low) for v in jobs.values} == {
        ("more than 21,000", "lower", 21000), ("21 тысячи", "lower", 21000)}
    assert (jobs.place, jobs.period, jobs.verdict) == (
        "Germany", "october (unresolved)", "consistent")
    assert {v.outlet for v in jobs.values} == {"Multipolar Digest"}

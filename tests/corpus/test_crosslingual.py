"""``claims --like`` across languages: a Russian query finds the English claim and an
English query the Russian one, by the multilingual vectors; English with English is
ranked by the English vectors as before."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.corpus import Corpus, crosslingual, open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Language

from .handmade import Said, analysis, unit

# The same claim in both languages, and unrelated claims.
PORTS_EN = "Storms closed two grain ports on Monday."
PORTS_RU = "Штормы закрыли два зерновых порта в понедельник."
RATE_EN = "The central bank raised its key rate to nine percent."
CHOIR_RU = "Хор из Казани выступит в Вене этим летом."
PORTS_QUERY_EN = "Two grain ports were shut by storms."
PORTS_QUERY_RU = "Два зерновых порта закрыты из-за штормов."
# Multilingual vectors: a claim and its translation share a direction.
MEANING = {PORTS_EN: 0, PORTS_RU: 0, PORTS_QUERY_EN: 0, PORTS_QUERY_RU: 0,
           RATE_EN: 1, CHOIR_RU: 2}


class Meaning:
    """A multilingual encoder made by hand: one direction per meaning (512 wide)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.seen.extend(texts)
        return np.stack([unit((MEANING.get(t, 511), 1.0), dim=512) for t in texts])


class English:
    """An English encoder made by hand: knows English only, as MiniLM nearly does."""

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        known = {PORTS_EN: 0, PORTS_QUERY_EN: 0, RATE_EN: 1}
        return np.stack([unit((known.get(t, 383), 1.0)) for t in texts])


def _in(language: str, made: Analysis) -> Analysis:
    made.language = Language(language, 1.0, language == "en")
    made.metadata.language = language
    return made


def _store(corpus: Corpus, *made: Analysis) -> None:
    store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)


@pytest.fixture
def both(tmp_path: Path) -> Corpus:
    corpus = open_corpus(tmp_path / "both.duckdb")
    english = English()
    _store(corpus,
           _in("en", analysis("grain-en.txt", [Said(PORTS_EN, vector=english.encode(
               [PORTS_EN])[0]), Said(RATE_EN, vector=english.encode([RATE_EN])[0])])),
           _in("ru", analysis("grain-ru.txt", [Said(PORTS_RU), Said(CHOIR_RU)])))
    yield corpus
    corpus.close()


def test_crosslingual_russian_query_finds_the_english_claim(both: Corpus) -> None:
    hits = both.claims_like(PORTS_QUERY_RU, top=2, encoder=English(), multilingual=Meaning())
    assert {hits[0].text, hits[1].text} == {PORTS_EN, PORTS_RU}
    assert hits[0].similarity == pytest.approx(1.0, abs=0.01)


def test_crosslingual_english_query_finds_the_russian_claim(both: Corpus) -> None:
    hits = both.claims_like(PORTS_QUERY_EN, top=4, encoder=English(), multilingual=Meaning())
    # Fused by rank: the best English claim (English vectors), then the best Russian one.
    assert [h.text for h in hits[:2]] == [PORTS_EN, PORTS_RU]
    assert {h.text for h in hits} == {PORTS_EN, PORTS_RU, RATE_EN, CHOIR_RU}


def test_crosslingual_vectors_are_stored_once_per_claim(both: Corpus) -> None:
    meaning = Meaning()
    both.claims_like(PORTS_QUERY_RU, encoder=English(), multilingual=meaning)
    both.claims_like(PORTS_QUERY_RU, encoder=English(), multilingual=meaning)
    assert both.execute(f"SELECT count(*) FROM {crosslingual.TABLE}").scalar() == 4
    assert meaning.seen.count(PORTS_RU) == 1  # embedded once, then read back


def test_crosslingual_english_only_corpus_ranks_as_before(tmp_path: Path) -> None:
    english = English()
    with open_corpus(tmp_path / "en.duckdb") as corpus:
        _store(corpus, _in("en", analysis("a.txt", [
            Said(PORTS_EN, vector=english.encode([PORTS_EN])[0]),
            Said(RATE_EN, vector=english.encode([RATE_EN])[0])])))
        meaning = Meaning()
        hits = corpus.claims_like(PORTS_QUERY_EN, encoder=english, multilingual=meaning)
        assert [h.text for h in hits] == [PORTS_EN, RATE_EN]
        assert meaning.seen == []  # the multilingual encoder is not even loaded


def test_crosslingual_index_is_rebuilt_empty_when_stale(both: Corpus, tmp_path: Path) -> None:
    both.claims_like(PORTS_QUERY_RU, encoder=English(), multilingual=Meaning())
    both.store.conn.execute("UPDATE settings SET value = '0' WHERE key = ?",
                            [crosslingual.INDEX.key])
    both.close()
    with open_corpus(tmp_path / "both.duckdb") as again:
        assert again.execute(f"SELECT count(*) FROM {crosslingual.TABLE}").scalar() == 0
        hits = again.claims_like(PORTS_QUERY_RU, top=1, encoder=English(),
                                 multilingual=Meaning())
        assert hits[0].text in {PORTS_EN, PORTS_RU}


def test_crosslingual_identifies_the_query_language() -> None:
    assert crosslingual.is_english(PORTS_QUERY_EN)
    assert not crosslingual.is_english(PORTS_QUERY_RU)


@pytest.mark.slow
def test_crosslingual_with_the_real_encoders(tmp_path: Path) -> None:
    """The shipped encoders: the Russian query finds the English claim first among
    unrelated English claims, and the English query the Russian claim among Russian ones."""
    from unspin.models.encoder import shared_encoder

    english = shared_encoder()
    with open_corpus(tmp_path / "real.duckdb") as corpus:
        _store(corpus,
               _in("en", analysis("en.txt", [Said(t, vector=english.encode([t])[0])
                                             for t in (PORTS_EN, RATE_EN)])),
               _in("ru", analysis("ru.txt", [Said(PORTS_RU), Said(CHOIR_RU)])))
        found = corpus.claims_like(PORTS_QUERY_RU, top=4)
        assert {found[0].text, found[1].text} == {PORTS_EN, PORTS_RU}
        found = corpus.claims_like(PORTS_QUERY_EN, top=4)
        assert [h.text for h in found[:2]] == [PORTS_EN, PORTS_RU]


def test_crosslingual_add_embeds_only_once_a_corpus_holds_another_language(
        tmp_path: Path) -> None:
    """The cost of ``corpus add``: an English-only corpus never loads the multilingual
    encoder; the first Russian article brings every stored claim in."""
    english = English()
    with open_corpus(tmp_path / "grows.duckdb") as corpus:
        _store(corpus, _in("en", analysis("a.txt", [
            Said(PORTS_EN, vector=english.encode([PORTS_EN])[0]),
            Said(RATE_EN, vector=english.encode([RATE_EN])[0])])))
        meaning = Meaning()
        assert crosslingual.embed_if_mixed(corpus.store, meaning) == 0
        assert meaning.seen == []
        _store(corpus, _in("ru", analysis("b.txt", [Said(PORTS_RU)])))
        assert crosslingual.embed_if_mixed(corpus.store, meaning) == 3
        assert sorted(meaning.seen) == sorted([PORTS_EN, RATE_EN, PORTS_RU])

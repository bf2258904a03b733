"""Translations in a corpus: ``corpus copies`` lists an article's stored translations and
names the likely origin; with an encoder made by hand (each sentence and its translation
share a vector) and, on the seed pair, with the real multilingual encoder."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.corpus import open_corpus, translations
from unspin.corpus.add import store_analyses
from unspin.corpus.copies import INDEX as COPIES_INDEX
from unspin.corpus.rows import content_id
from unspin.document import Analysis, Article, Language, Source

from .handmade import PairEncoder

RU = Path(__file__).resolve().parents[1] / "data" / "ru"
# Three stories, each sentence in English and Russian; the encoder below gives a sentence
# and its translation one vector.
STORIES = {
    "grain": [("Grain exports fell.", "Экспорт зерна упал."),
              ("Freight costs rose sharply.", "Стоимость фрахта резко выросла."),
              ("Storms closed two ports.", "Штормы закрыли два порта."),
              ("Traders expect a recovery.", "Трейдеры ждут восстановления.")],
    "rates": [("The bank raised its rate.", "Банк повысил ставку."),
              ("Inflation reached nine percent.", "Инфляция достигла девяти процентов."),
              ("Business leaders criticised the move.", "Бизнес раскритиковал решение."),
              ("Loans will cost more.", "Кредиты подорожают.")],
}


class Lookup(PairEncoder):
    """Unit vectors by meaning: a sentence and its translation get the same one."""

    def __init__(self) -> None:
        super().__init__([p for story in STORIES.values() for p in story])


def _analysis(path: str, text: str, language: str, date: str | None = None,
              site: str | None = None, origin: str | None = None) -> Analysis:
    analysis = Analysis.from_article(Article(source=Source(path=path), text=text))
    analysis.language = Language(language, 1.0, language == "en")
    analysis.metadata.language = language
    analysis.metadata.date = date
    analysis.metadata.site = site
    analysis.metadata.origin = origin
    return analysis


def _story(name: str, language: str) -> str:
    return " ".join(pair[0 if language == "en" else 1] for pair in STORIES[name])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    made = [_analysis("grain-en.txt", _story("grain", "en"), "en", "2024-11-05", "Northwire"),
            _analysis("grain-ru.txt", _story("grain", "ru"), "ru", "2024-11-06", "Вектор"),
            _analysis("rates-ru.txt", _story("rates", "ru"), "ru", "2024-11-05", "Вектор")]
    with open_corpus(path) as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
    return path


def test_translations_corpus_finds_the_translation_and_the_earlier_original(db: Path) -> None:
    with open_corpus(db, create=False) as corpus:
        found = corpus.translations("grain-ru.txt", encoder=Lookup())
        other = corpus.translations("rates-ru.txt", encoder=Lookup())
    assert [(t.source, t.language, t.is_origin) for t in found.members] == [
        ("grain-ru.txt", "ru", False), ("grain-en.txt", "en", True)]
    assert found.members[1].share == 1.0
    assert (found.origin_name, found.origin_reason) == ("Northwire", "earliest date")
    assert other.members == [] and other.origin_reason is None


def test_translations_corpus_copies_group_takes_the_translation_in(db: Path) -> None:
    """``corpus copies`` groups an article with its translation (stored links, joined to
    the MinHash groups) and names the earlier one as the likely origin."""
    with open_corpus(db, create=False) as corpus:
        assert translations.link_new(corpus.store, Lookup()) == 1
        found = corpus.copies("grain-ru.txt")
        alone = corpus.copies("rates-ru.txt")
        assert translations.link_new(corpus.store, Lookup()) == 0  # all compared already
    assert sorted((c.source, c.language, c.is_origin) for c in found.members) == [
        ("grain-en.txt", "en", True), ("grain-ru.txt", "ru", False)]
    assert (found.origin_name, found.origin_reason) == ("Northwire", "earliest date")
    assert alone.members == []


def test_translations_corpus_links_survive_a_rebuild_of_the_copies(db: Path) -> None:
    with open_corpus(db, create=False) as corpus:
        translations.link_new(corpus.store, Lookup())
        corpus.store.conn.execute("UPDATE settings SET value = '0' WHERE key = ?",
                                  [COPIES_INDEX.key])
    with open_corpus(db, create=False) as corpus:
        found = corpus.copies("grain-en.txt")
    assert sorted(c.source for c in found.members) == ["grain-en.txt", "grain-ru.txt"]


class Refuses:
    """An encoder that must not be loaded."""

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        raise AssertionError("the multilingual encoder was used")


def test_translations_corpus_one_language_loads_nothing(tmp_path: Path) -> None:
    made = [_analysis("grain-en.txt", _story("grain", "en"), "en"),
            _analysis("rates-en.txt", _story("rates", "en"), "en")]
    with open_corpus(tmp_path / "en.duckdb") as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
        assert translations.link_new(corpus.store, Refuses()) == 0
        assert corpus.execute(f"SELECT count(*) FROM {translations.CHECKED}").scalar() == 2
        # The first Russian article is compared with the English ones stored before it.
        ru = _analysis("grain-ru.txt", _story("grain", "ru"), "ru")
        store_analyses(corpus.store, [(content_id(ru.text), ru)], None)
        assert translations.link_new(corpus.store, Lookup()) == 1


def test_translations_corpus_origin_named_by_the_versions(tmp_path: Path) -> None:
    """Neither version dated, both naming the outlet they were first published by, which
    the corpus does not hold: the translations' origin is that name, as the copies
    group's is (one set of rules)."""
    made = [_analysis("grain-en.txt", _story("grain", "en"), "en", None, "Liberty Wire",
                      "Multipolar Digest"),
            _analysis("grain-ru.txt", _story("grain", "ru"), "ru", None, "Голос",
                      "Multipolar Digest")]
    with open_corpus(tmp_path / "named.duckdb") as corpus:
        store_analyses(corpus.store, [(content_id(a.text), a) for a in made], None)
        found = corpus.translations("grain-ru.txt", encoder=Lookup())
        group = corpus.copies("grain-ru.txt")
    assert (found.origin_name, found.origin_reason) == ("Multipolar Digest", "named")
    assert not any(t.is_origin for t in found.members)
    assert (group.origin_name, group.origin_reason) == (found.origin_name, found.origin_reason)


@pytest.mark.slow  # the multilingual encoder and the whole pipeline
def test_translations_corpus_groups_the_seed_with_its_russian_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.clirun import run_cli

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed-en.txt", "seed-ru.txt", "pairs/d01-ru.txt", "pairs/d19-en.txt"):
        (folder / Path(name).name).write_text((RU / name).read_text(encoding="utf-8"),
                                             encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    code, _, err = run_cli(["corpus", "add", str(folder), "--db", db, "--workers", "1"],
                           capsys, monkeypatch)
    assert code == 0, err
    code, out, err = run_cli(["corpus", "copies", str(folder / "seed-en.txt"), "--db", db,
                              "--json"], capsys, monkeypatch)
    assert code == 0, err
    data = json.loads(out)
    found = data["translations"]
    assert [(m["language"], Path(m["source"]).name) for m in found["members"]] == [
        ("en", "seed-en.txt"), ("ru", "seed-ru.txt")]
    assert found["origin"] == {"name": "Multipolar Digest", "reason": "named"}
    # The copies group holds both versions (linked by `corpus add`), and no distractor.
    assert sorted((c["language"], Path(c["source"]).name) for c in data["copies"]) == [
        ("en", "seed-en.txt"), ("ru", "seed-ru.txt")]
    assert data["origin"] == {"name": "Multipolar Digest", "reason": "named"}

"""Names in common across languages: the multilingual ranking's nearest claims re-ranked
by the names they share with the query, compared after transliteration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from unspin.corpus import Corpus, crosslingual, open_corpus
from unspin.corpus.add import store_analyses
from unspin.corpus.rows import content_id
from unspin.document import Language

from .handmade import Said, analysis, unit

# An English query naming a governor, and two Russian claims of the same sense: one names
# another governor and is the nearer by the vectors, the other names the query's.
QUERY = "Yesterday Governor Petrenko closed the border crossing for trucks."
NAMED = "Вчера губернатор Петренко закрыл пограничный переход для грузовиков."
OTHER = "Вчера губернатор Сидоренко закрыл пограничный переход для фур."
UNNAMED_QUERY = "The border crossing was closed to trucks yesterday."
VECTORS = {QUERY: unit((0, 1.0), dim=512), UNNAMED_QUERY: unit((0, 1.0), dim=512),
           OTHER: unit((0, 1.0), (1, 0.1), dim=512), NAMED: unit((0, 1.0), (1, 0.3), dim=512)}


class ByHand:
    """A multilingual encoder made by hand: OTHER a little nearer the query than NAMED."""

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return np.stack([VECTORS.get(t, unit((511, 1.0), dim=512)) for t in texts])


class Blank:
    """An English encoder that knows nothing (no English claim is stored)."""

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        return np.stack([unit((383, 1.0)) for _ in texts])


@pytest.fixture
def russian(tmp_path: Path) -> Corpus:
    corpus = open_corpus(tmp_path / "ru.duckdb")
    made = analysis("border-ru.txt", [Said(OTHER), Said(NAMED)])
    made.language = Language("ru", 1.0, False)
    made.metadata.language = "ru"
    store_analyses(corpus.store, [(content_id(made.text), made)], None)
    yield corpus
    corpus.close()


def test_crosslingual_names_lift_the_claim_naming_the_query_s_person(russian: Corpus) -> None:
    hits = russian.claims_like(QUERY, top=2, encoder=Blank(), multilingual=ByHand())
    assert [h.text for h in hits] == [NAMED, OTHER]
    # Each hit keeps its cosine: the name moved the claim, not its similarity.
    assert hits[0].similarity < hits[1].similarity


def test_crosslingual_names_leave_a_query_without_names_to_the_vectors(
        russian: Corpus) -> None:
    hits = russian.claims_like(UNNAMED_QUERY, top=2, encoder=Blank(), multilingual=ByHand())
    assert [h.text for h in hits] == [OTHER, NAMED]


@pytest.mark.parametrize(("text", "expected"), [
    # A capital at a sentence's start or after an opening quotation mark is not a name's.
    ("Вчера губернатор Петренко встретил Сидоренко.", {"petrenko", "sidorenko"}),
    ("Петренко молчит. Мэр «Нового города» тоже.", set()),
    ("Yesterday the anti-Kovacs camp met Ms Novak in Brno.", {"kovacs", "novak", "brno"}),
    ("no capitals here at all", set()),
])
def test_crosslingual_names_are_read_in_latin_letters(text: str, expected: set[str]) -> None:
    assert crosslingual.names(text) == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("petrenko", "petrenka", True),  # a Russian case ending
    ("biden", "baydena", True),  # the same consonants, other vowels
    ("trump", "trampa", True),  # spelt alike but for a vowel and the ending
    ("petrenko", "sidorenko", False),
    ("putin", "tramp", False),
    ("ivo", "iva", False),  # too few consonants to tell by them alone
])
def test_crosslingual_same_name(a: str, b: str, same: bool) -> None:
    assert crosslingual.same_name(a, b) is same


def test_crosslingual_shared_names_weigh_a_rare_name_more() -> None:
    shares = crosslingual.shared_names(
        "That day, Petrenko met Novak.",
        ["Губернатор Петренко встретился с мэром Новаком.",
         "В понедельник мэр Новак открыл мост.",
         "В понедельник мэр Новак закрыл рынок."])
    # Novak is in every claim and tells nothing; Petrenko is in one. (English capitals that
    # Russian does not write, "Monday", "Governor", only lower every share alike.)
    assert shares[0] == pytest.approx(1.0)
    assert shares[1] == shares[2] == pytest.approx(0.0)


def test_crosslingual_shared_names_of_a_query_without_names() -> None:
    assert crosslingual.shared_names("nothing named", ["Губернатор Петренко."]) == [0.0]

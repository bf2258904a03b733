"""What a number in another language counts, matched to a ledger term by meaning.

The ledger finds English numbers about a term by its stem ("desertions" → ``desert``),
which says nothing about «дезертиров» or «рабочих мест». So the counted nouns (``unit``)
of numbers in other languages are compared with the term by the multilingual encoder
(``models.multilingual``); a noun whose similarity to the term as given reaches
``MIN_SIMILARITY`` counts what the term names. A Russian phrase is compared in three
forms, as written after its number («рабочих мест») and with its leading words up to the
first noun in the nominative plural and singular («рабочие места», «дезертир», by
pymorphy3), and the three cosines are averaged: the encoder knows a noun's dictionary form
better than its genitive plural (recall 0.69 as written, 0.79 averaged, at precision 0.9). A hand-made table of
Russian words would have to be written for every term a reader may ask about; the encoder
knows them all, at the price measured in benchmarks/ledger_units_crosslingual.py.

**The cut.** ``MIN_SIMILARITY`` is the lowest cut (on a 0.01 grid) with precision at
least 0.9 on 50 Russian counted nouns against 54 English terms
(tests/data/ru/ledger-units.jsonl, written for this; the three forms were chosen looking
at the same set, so the figures are optimistic); docs/benchmarks.md has the cut chosen on
four fifths of the nouns and scored on the rest, with its spread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

MIN_SIMILARITY = 0.65


class Encoder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int = ...) -> np.ndarray: ...


def similarity_matrix(terms: Sequence[str], nouns: Sequence[str],
                      encoder: Encoder | None = None) -> np.ndarray[Any, Any]:
    """Similarity of each term (rows) with each noun phrase (columns): the mean cosine,
    by the multilingual encoder, of the term with the phrase's ``forms``."""
    if not terms or not nouns:
        return np.zeros((len(terms), len(nouns)))
    model = encoder or _multilingual()
    variants = [forms(noun) for noun in nouns]
    flat = [form for found in variants for form in found]
    vectors = np.asarray(model.encode([*terms, *flat]), np.float32)
    cosines = vectors[:len(terms)] @ vectors[len(terms):].T
    out = np.empty((len(terms), len(nouns)))
    at = 0
    for column, found in enumerate(variants):
        out[:, column] = cosines[:, at:at + len(found)].mean(axis=1)
        at += len(found)
    return out


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def forms(noun: str) -> list[str]:
    """The phrase as written and, if Russian, in the nominative plural and singular (the
    leading words up to the first noun inflected, the rest kept: «случаев дезертирства» →
    «случаи дезертирства», «случай дезертирства»)."""
    if not _CYRILLIC.search(noun):
        return [noun]
    return [noun, *(_nominative(noun, number) for number in ("plur", "sing"))]


def _nominative(phrase: str, number: str) -> str:
    from ..russian.cues import morph

    words = phrase.split()
    out = []
    for at, word in enumerate(words):
        parse = morph().parse(word)[0]
        inflected = parse.inflect({"nomn", number}) or parse.inflect({"nomn"})
        out.append(inflected.word if inflected else word)
        if parse.tag.POS == "NOUN":
            return " ".join(out + words[at + 1:])
    return " ".join(out)


def matching(term: str, nouns: Sequence[str], encoder: Encoder | None = None
             ) -> dict[str, float]:
    """The nouns that count what ``term`` names, with their similarity."""
    distinct = sorted(set(nouns))
    sims = similarity_matrix([term], distinct, encoder)
    return {noun: float(s) for noun, s in zip(distinct, sims[0] if len(distinct) else [])
            if s >= MIN_SIMILARITY}


def _multilingual() -> Encoder:
    from ..models.multilingual import multilingual_encoder

    return multilingual_encoder()

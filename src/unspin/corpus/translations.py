"""Translations as copies: two articles in different languages whose sentences, compared
with multilingual vectors (``models.multilingual``), line up one after the other.

MinHash (``copies``) sees no shared shingle between an article and its translation, so
translations are found on meaning instead. An article is summarised by its sentences'
vectors; two articles are a translation pair when a monotone alignment (each sentence
matched at most once, matches in reading order, as a translator keeps the order of the
text) matches at least ``MIN_ALIGNED_SHARE`` of the longer article's sentences with cosine
``MIN_SENTENCE_SIMILARITY`` or more. Articles on the same story in the two languages share
topic words and score up to 0.22 on our set (docs/russian-eval.md); translations score 0.69
and more, merged and split sentences included.

Comparing every pair of articles costs an alignment each, so pairs are first screened on
the articles' mean vectors (``MIN_ARTICLE_SIMILARITY``: translations on our set are 0.84
and more, articles on the same story up to 0.82).

**In a corpus** the pairs are found when articles are stored (``link_new``, at the end of
``Corpus.add``), kept in ``translation_links`` (a derived index, so no migration) and
joined to the copies groups (``copies.join_links``): a translation is a copy of its
original, and the group's likely origin is chosen among all its versions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Protocol

import duckdb
import numpy as np
import pyarrow as pa

from ..document import Analysis, Metadata, Removed, Source
from . import copies
from .indexes import Index
from .query import find_article
from .store import Store, insert_arrow

Vectors = np.ndarray[Any, np.dtype[np.float32]]

MIN_SENTENCE_SIMILARITY = 0.5
MIN_ALIGNED_SHARE = 0.45
MIN_ARTICLE_SIMILARITY = 0.6
# Shorter pieces (a byline, a lone number) say nothing about meaning.
MIN_SENTENCE_CHARS = 4
# Too few sentences and a chance alignment of two of them would make a "translation".
MIN_SENTENCES = 3
# A sentence ends at end punctuation (and any closing quote or bracket) before a space and
# a capital, a digit or an opening quote, in Latin or Cyrillic script, or at a blank line.
# Written by hand because it must cut English and Russian alike without loading a
# language's model; a translation's sentences only need to be cut the same way as its
# original's, not perfectly.
_SENTENCE_BREAK = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’»)\]]))\s+(?=[«„“\"(A-ZА-ЯЁ0-9])|\n\s*\n")


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences at end punctuation and blank lines, pieces trimmed."""
    return [piece.strip() for piece in _SENTENCE_BREAK.split(text)
            if len(piece.strip()) >= MIN_SENTENCE_CHARS]


def aligned_share(a: Vectors, b: Vectors) -> float:
    """The share of the longer article's sentences matched in order to a sentence of the
    other with cosine at least ``MIN_SENTENCE_SIMILARITY`` (rows are unit vectors).

    The alignment maximises the summed similarity above the floor (a longest common
    subsequence weighted by similarity), so a stray similar sentence out of order cannot
    pull the matches off their diagonal.
    """
    if not len(a) or not len(b):
        return 0.0
    gain = np.asarray(a @ b.T, np.float64) - MIN_SENTENCE_SIMILARITY
    rows, cols = gain.shape
    score = np.zeros((rows + 1, cols + 1))
    matched = np.zeros((rows + 1, cols + 1), np.int64)
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            best, count = score[i - 1, j], matched[i - 1, j]
            if score[i, j - 1] > best:
                best, count = score[i, j - 1], matched[i, j - 1]
            if gain[i - 1, j - 1] > 0 and score[i - 1, j - 1] + gain[i - 1, j - 1] > best:
                best, count = score[i - 1, j - 1] + gain[i - 1, j - 1], matched[i - 1, j - 1] + 1
            score[i, j], matched[i, j] = best, count
    aligned: int = matched[rows, cols].item()
    return aligned / max(len(a), len(b))


@dataclass(frozen=True, slots=True)
class Article:
    """What translation finding needs of an article: its language and sentence vectors."""

    id: str
    language: str
    vectors: Vectors

    @property
    def mean(self) -> Vectors:
        mean = self.vectors.mean(axis=0)
        return np.asarray(mean / max(float(np.linalg.norm(mean)), 1e-12), np.float32)

    @property
    def comparable(self) -> bool:
        return len(self.vectors) >= MIN_SENTENCES


def is_translation(a: Article, b: Article) -> bool:
    """Whether ``a`` and ``b``, in different languages, are one text translated."""
    if a.language == b.language or not (a.comparable and b.comparable):
        return False
    if float(a.mean @ b.mean) < MIN_ARTICLE_SIMILARITY:
        return False
    return aligned_share(a.vectors, b.vectors) >= MIN_ALIGNED_SHARE


def translation_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Every pair of ``articles`` that are translations of each other, ids in input order."""
    return [(a.id, b.id) for a, b in combinations(articles, 2) if is_translation(a, b)]


def grouped(pairs: Sequence[tuple[str, str]], ids: Sequence[str]) -> list[set[str]]:
    """Groups of ``ids`` linked by ``pairs`` (directly or through one another); an id with
    no pair is a group of one."""
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, y in pairs:
        parent[root(x)] = root(y)
    groups: dict[str, set[str]] = {}
    for i in ids:
        groups.setdefault(root(i), set()).add(i)
    return list(groups.values())


# --- in a corpus --------------------------------------------------------------------------

# Stored articles in other languages screened by their titles' vectors (the most recently
# stored first), and how many of the closest are then aligned sentence by sentence. Both
# bound the work of one lookup: encoding a title takes milliseconds, an article tens.
SCREENED = 2000
ALIGNED = 10
# The links found, and the articles already compared with those stored before them: a
# derived index (``link_new`` fills it; the copies groups take the links in).
LINKS = copies.LINKS
CHECKED = "translation_checked"


def _rebuild(conn: duckdb.DuckDBPyConnection) -> None:
    """Empty tables: the next ``add`` or lookup compares every article again (the encoder
    is minutes of work on a large corpus, too long for opening it)."""
    conn.execute(f"CREATE OR REPLACE TABLE {LINKS} (article_id VARCHAR NOT NULL, "
                 "other_id VARCHAR NOT NULL, share DOUBLE NOT NULL, "
                 "PRIMARY KEY (article_id, other_id))")
    conn.execute(f"CREATE OR REPLACE TABLE {CHECKED} (article_id VARCHAR PRIMARY KEY)")


INDEX = Index(LINKS, "1", _rebuild)


@dataclass(frozen=True, slots=True)
class Translation:
    """A stored article in another language that is a translation of the one asked
    about (or the article itself, ``share`` 1.0); ``is_origin`` marks the likely origin."""

    id: str
    language: str | None
    share: float
    site: str | None
    date: str | None
    title: str | None
    source: str
    is_origin: bool


@dataclass(frozen=True, slots=True)
class Translations:
    article: dict[str, Any]
    members: list[Translation]
    origin_name: str | None
    origin_reason: str | None


def link_new(store: Store, encoder: Encoder | None = None) -> int:
    """Compare every article not compared yet with the stored articles in other
    languages, store the translation pairs found (``LINKS``) and join each pair's copies
    groups; return how many pairs were found.

    In a corpus of one language nothing is loaded: its articles are only marked compared
    (a pair needs two languages, and the article of the second language to arrive is
    compared with all the first's). Otherwise the candidates are screened by their
    titles' vectors (the ``SCREENED`` most recently stored, encoded once a run), and the
    ``ALIGNED`` closest in another language aligned sentence by sentence.
    """
    new = [r[0] for r in store.execute(
        f"SELECT a.id FROM articles a ANTI JOIN {CHECKED} c ON c.article_id = a.id "
        "WHERE a.language IS NOT NULL AND a.language <> 'und' ORDER BY a.added_at, a.id").rows]
    if not new:
        return 0
    languages = store.execute("SELECT count(DISTINCT language) FROM articles WHERE "
                              "language IS NOT NULL AND language <> 'und'").scalar()
    pairs = _pairs(store, new, encoder) if languages > 1 else []
    with store.write() as writer:
        writer.conn.register("_new", pa.table({"article_id": new}))
        writer.execute(f"INSERT INTO {CHECKED} SELECT article_id FROM _new")
        writer.conn.unregister("_new")
        if pairs:
            insert_arrow(writer.conn, LINKS, pa.table({
                "article_id": [a for a, _, _ in pairs], "other_id": [b for _, b, _ in pairs],
                "share": pa.array([share for _, _, share in pairs], pa.float64())}))
            copies.join_links(writer.conn, [(a, b) for a, b, _ in pairs])
    return len(pairs)


def _pairs(store: Store, new: list[str], encoder: Encoder | None
           ) -> list[tuple[str, str, float]]:
    """(new article, stored article in another language, aligned share) for each pair
    found; a pair of two new articles once."""
    from ..models.multilingual import multilingual_encoder

    model = encoder or multilingual_encoder()
    pool = store.execute(
        "SELECT id, language, coalesce(title, left(analysis->>'$.text', 200)) FROM articles "
        "WHERE language IS NOT NULL AND language <> 'und' "
        "AND (list_contains($new, id) OR id IN (SELECT id FROM articles "
        "ORDER BY added_at DESC LIMIT $screened))", {"new": new, "screened": SCREENED}).rows
    ids = [r[0] for r in pool]
    language = {r[0]: r[1] for r in pool}
    headings = np.asarray(model.encode([r[2] or "" for r in pool]), np.float32)
    at = {article_id: n for n, article_id in enumerate(ids)}
    cache: dict[str, Article] = {}
    found: list[tuple[str, str, float]] = []
    compared: set[frozenset[str]] = set()
    for article_id in new:
        closeness = headings @ headings[at[article_id]]
        others = [ids[i] for i in np.argsort(-closeness)
                  if language[ids[i]] != language[article_id]][:ALIGNED]
        mine = _cached(store, article_id, model, cache)
        for other in others:
            key = frozenset((article_id, other))
            if key in compared:  # two new articles: aligned once
                continue
            compared.add(key)
            theirs = _cached(store, other, model, cache)
            if is_translation(mine, theirs):
                found.append((article_id, other, aligned_share(mine.vectors, theirs.vectors)))
    return found


def _cached(store: Store, article_id: str, model: Encoder, cache: dict[str, Article]
            ) -> Article:
    if article_id not in cache:
        cache[article_id] = _article(_row(store, article_id), model)
    return cache[article_id]


def translations_of(store: Store, ref: str, encoder: Encoder | None = None) -> Translations:
    """The stored translations of the article ``ref`` names (``LINKS``; articles not
    compared yet are first, ``link_new``). With any found, the likely origin of the
    article and its translations is named by the rules of the copies groups
    (``copies.origin_of``), so this view and the group it belongs to agree.

    Raises:
        NotInCorpus: ``ref`` names no stored article, or several.
    """
    article = find_article(store, ref)
    link_new(store, encoder)
    me = _row(store, article["id"])
    found = store.execute(
        f"SELECT other_id, share FROM {LINKS} WHERE article_id = $id UNION "
        f"SELECT article_id, share FROM {LINKS} WHERE other_id = $id ORDER BY 2 DESC, 1",
        {"id": article["id"]}).rows
    if not found:
        return Translations(article, [], None, None)
    rows = [(me, 1.0), *((_row(store, other), share) for other, share in found)]
    origin = copies.origin_of(store.conn, [r["id"] for r, _ in rows])
    members = [Translation(r["id"], r["language"], round(share, 3), r["site"], r["date"],
                           r["title"], r["source"], r["id"] == origin.article_id)
               for r, share in rows]
    return Translations(article, members, origin.name, origin.reason)


class Encoder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int = ...) -> Vectors: ...


def _row(store: Store, article_id: str) -> dict[str, Any]:
    names = ("id", "language", "site", "date", "title", "source", "text", "removed")
    [row] = store.execute(
        "SELECT id, language, site, date, title, source, analysis->>'$.text', "
        "CAST(analysis->'$.removed' AS VARCHAR) FROM articles WHERE id = ?", [article_id]).rows
    return dict(zip(names, row))


def _article(row: dict[str, Any], model: Encoder) -> Article:
    removed = [Removed(**r) for r in json.loads(row["removed"] or "[]")]
    kept = Analysis(source=Source(), text=row["text"] or "", metadata=Metadata(),
                    removed=removed).kept_text()
    return Article(row["id"], row["language"] or "", model.encode(sentences(kept)))

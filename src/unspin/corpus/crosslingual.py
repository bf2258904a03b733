"""The same claim in any language: multilingual claim vectors and a merged ``--like`` search.

The English claim vectors (MiniLM, ``matching.py``) compare English with English best (MAP@5
0.985 against 0.886 for the multilingual encoder on the CheckThat! 2020 sample) but say
nothing across languages. So every stored claim also gets a vector from the multilingual
encoder (``models.multilingual``), kept in ``claim_vectors_multilingual``, a derived index
keyed by the claim (article id, ord) and quantised like the English vectors (512 signed
bytes). Only claims are embedded, not every sentence, to keep the cost to ``corpus add``
small. ``Corpus.add`` embeds the claims it stored only when the corpus holds an article in
a language other than English (``embed_if_mixed``): an English-only corpus never loads the
multilingual encoder, whose loading (about 1.5 s a process) was most of its share of a short
run; the first article in another language brings every earlier claim in (one pass at
about 1.6 ms a claim). A search first embeds any claim still lacking a vector (after the
index was rebuilt, or for analyses stored by hand).

**Merging.** An English query is compared with English claims by the English vectors and
with claims in other languages by the multilingual ones; any other query with every claim
by the multilingual ones. Cosines from the two encoders are not on one scale (a MiniLM 0.5
is not a multilingual 0.5), so the two rankings are merged by reciprocal-rank fusion: a
claim's place is ``1 / (RRF_K + rank)`` in its own ranking, so the two lists interleave by
rank and English results keep their order among themselves. Each hit keeps the cosine of
the encoder that ranked it; ``min_similarity`` applies to that cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import duckdb
import numpy as np

from ..errors import CorpusError
from . import matching
from .indexes import Index
from .matching import Encoder, Hit, hits, nearest
from .store import Store
from .vectors import dequantize

TABLE = "claim_vectors_multilingual"
# The usual constant of reciprocal-rank fusion (Cormack et al., 2009).
RRF_K = 60
# Claims embedded and committed per step.
BATCH = 1024


def _rebuild(conn: duckdb.DuckDBPyConnection) -> None:
    """An empty table: claims are embedded again by the next ``add`` or search (the
    encoder is minutes of work on a large corpus, too long for opening it)."""
    conn.execute(f"CREATE OR REPLACE TABLE {TABLE} (article_id VARCHAR NOT NULL, "
                 "ord INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (article_id, ord))")


INDEX = Index(TABLE, "1", _rebuild)


def default_multilingual() -> Encoder:
    from ..models.multilingual import multilingual_encoder

    return multilingual_encoder()


def embed_missing(store: Store, encoder: Encoder | None = None) -> int:
    """Give a multilingual vector to every stored claim that has none, a committed batch
    at a time; return how many were embedded."""
    return matching.embed_missing(store, encoder, BATCH, table=TABLE, load=default_multilingual)


def embed_if_mixed(store: Store, encoder: Encoder | None = None) -> int:
    """``embed_missing`` when the corpus holds an article in a language other than
    English (else nothing, and the encoder is not loaded; a text too short to tell, ``und``,
does not count); return how many were embedded.
    An English-only corpus needs no multilingual vector: an English query is ranked by
    the English vectors alone, and a query in another language embeds what it needs."""
    if not _non_english_stored(store):
        return 0
    return embed_missing(store, encoder)


def _non_english_stored(store: Store) -> bool:
    return bool(store.execute(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE language IS NOT NULL "
        "AND language NOT IN ('en', 'und'))").scalar())


@cache
def _identifier(languages: frozenset[str]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(languages))
    return identifier


def is_english(text: str, languages: Sequence[str] = ()) -> bool:
    """Whether ``text`` is most likely English rather than Russian or another of
    ``languages`` (those of the stored articles), by py3langid as the language stage.
    Choosing among the corpus's languages keeps a two-word English query from being
    taken for Aragonese; one taken for another language still finds every claim, by the
    multilingual vectors."""
    known = {"en", "ru"} | {code for code in languages if code and code != "und"}
    code, _ = _identifier(frozenset(known)).classify(" ".join(text.split()))
    return bool(code == "en")


def like(store: Store, text: str, *, top: int = 10, min_similarity: float = 0.0,
         exact: bool = False, encoder: Encoder | None = None,
         multilingual: Encoder | None = None) -> list[Hit]:
    """The stored claims most like ``text`` in any language, best first (see the module).

    Raises:
        CorpusError: an empty ``text`` or a ``top`` below 1.
    """
    if not text.strip():
        raise CorpusError("--like needs some text to compare the stored claims with")
    if top < 1:
        raise CorpusError(f"--top must be at least 1, not {top}")
    if not store.execute("SELECT count(*) FROM claim_vectors").scalar():
        return []
    english = is_english(text, _languages(store))
    others = _non_english_keys(store) if english else None
    ranked = []
    if others is not None:
        vector = np.asarray((encoder or matching.default_encoder()).encode([text]), np.float32)[0]
        ranked.append(nearest(store, vector, top=top, min_similarity=min_similarity,
                              exact=exact, skip=others))
        if not len(others):  # English only: the English vectors alone, as before
            return ranked[0]
    model = multilingual or default_multilingual()
    embed_missing(store, model)
    query = np.asarray(model.encode([text]), np.float32)[0]
    ranked.append(_multilingual(store, query, others, top, min_similarity))
    return _fused(ranked, top)


def _languages(store: Store) -> list[str]:
    return [r[0] for r in store.execute(
        "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL").rows]


def _non_english_keys(store: Store) -> np.ndarray:
    """The keys of the claims of articles in a language other than English (an article of
    no known language counts as English, as corpora made before detection were)."""
    rows = store.execute(
        "SELECT v.key FROM claim_vectors v JOIN articles a ON a.id = v.article_id "
        "WHERE a.language IS NOT NULL AND a.language <> 'en'").rows
    return np.asarray([r[0] for r in rows], np.int64)


def _multilingual(store: Store, query: np.ndarray, only: np.ndarray | None, top: int,
                  min_similarity: float) -> list[Hit]:
    """The ``top`` claims (of the keys ``only``, or all) nearest ``query`` by their
    multilingual vectors, compared exhaustively."""
    rows = store.execute(
        f"SELECT k.key, m.vector FROM {TABLE} m JOIN claim_vectors k "
        "ON k.article_id = m.article_id AND k.ord = m.ord"
        + ("" if only is None else " WHERE list_contains(?, k.key)"),
        [] if only is None else [only.tolist()]).rows
    if not rows:
        return []
    keys = np.asarray([r[0] for r in rows], np.int64)
    raw = np.frombuffer(b"".join(r[1] for r in rows), np.int8).reshape(len(rows), -1)
    sims = dequantize(raw) @ query
    best = np.argsort(-sims, kind="stable")[:top]
    best = best[sims[best] >= min_similarity]
    return hits(store, {int(keys[i]): float(sims[i]) for i in best})


def _fused(rankings: Sequence[list[Hit]], top: int) -> list[Hit]:
    """The rankings merged by reciprocal-rank fusion (ties: the first ranking first)."""
    scored = [(1.0 / (RRF_K + rank), which, hit) for which, ranking in enumerate(rankings)
              for rank, hit in enumerate(ranking, start=1)]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [hit for _, _, hit in scored[:top]]

"""The same claim across outlets: nearest stored claims to a text, and claim matches.

Claims are compared by the cosine similarity of their MiniLM sentence embeddings, the
vectors the claims stage scored them with (stored quantised, ``vectors.py``); a query text
is embedded by the same shared encoder. Stored claims are never embedded again. Across
languages ``--like`` also uses multilingual vectors (``crosslingual.py``).

**Matching.** ``match`` pairs every claim stored since the last run with the earlier
claims (smaller key: stored before it) of other articles whose similarity reaches
``THRESHOLD``, keeping the ``LIMIT`` most similar, in ``claim_matches``. It runs at the
end of ``Corpus.add`` (and as ``unspin corpus match``), not inside each chunk's
transaction: matching a chunk alone would read the probed cells of the whole corpus once
per eight articles, while one run per ``add`` compares all the new claims cell by cell in
large matrix products. A run killed before matching leaves its claims unmatched until the
next ``add`` or ``match``, which picks them up (``settings`` keeps the last key matched).

**Threshold.** 0.48 is the smallest similarity (on a 0.01 grid) at which calling a pair
a match is right 95% of the time on the calibration half of the CheckThat! 2020 task 2
sample (tweets with even ids against the 97 fact-checked claims; precision 0.956, recall
0.896); on the held-out half (odd ids) it gives precision 0.905 and recall 0.731
(benchmarks/claim_retrieval.py prints these, with the int8-quantised shared encoder).
Tweets against fact-checks are noisier positives and easier negatives than two news
outlets' sentences, so in news this also lets in claims on the same topic:
``claim_matches`` keeps the similarity, and the CLI can ask for more (``--min-similarity``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from .indexes import Index
from .query import find_article
from .store import Store, insert_arrow
from .vectors import (
    BLOCK,
    MIN_CELLS_AT,
    REBUILD_GROWTH,
    Cells,
    Loaded,
    file_under,
    load,
    make_cells,
    quantize,
)

THRESHOLD = 0.48
LIMIT = 10
# Cells searched: the match step looks in the 4 nearest a claim (recall in docs/corpus.md),
# a query in 16, since a query's nearest claims are often less similar than a match.
MATCH_PROBES = 4
LIKE_PROBES = 16


def _forget_vectors(conn: Any) -> None:
    """Vectors made by another encoder cannot be compared with new ones: drop them, their
    cells and matches; ``corpus match --embed`` makes them again."""
    for table in ("claim_matches", "claim_cells", "claim_vectors"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE settings SET value = '0' WHERE key = 'match.done_upto'")


# The claim vectors: the shared encoder's (int8 all-MiniLM-L6-v2) embeddings, quantised.
# A corpus made before indexes had versions has only ever had these vectors: kept.
INDEX = Index("claim_vectors", "1", _forget_vectors, keep_unversioned=True)


class Encoder(Protocol):
    def encode(self, texts: Sequence[str], batch_size: int = ...) -> np.ndarray: ...


def default_encoder() -> Encoder:
    from ..models.encoder import shared_encoder

    return shared_encoder()


@dataclass(frozen=True, slots=True)
class Matched:
    """What one ``match`` run did."""

    claims: int  # new claims compared
    pairs: int  # matches written
    embedded: int = 0  # claims given a vector (``embed``)
    cells: int = 0  # cells the corpus has now (0: searched exhaustively)


@dataclass(frozen=True, slots=True)
class Hit:
    """A stored claim, as a search result or a match: its similarity, where it is, and
    on whose word it is said."""

    key: int
    similarity: float
    article_id: str
    ord: int
    text: str
    outlet: str | None
    date: str | None
    title: str | None
    source: str
    source_kind: str | None
    source_name: str | None
    source_words: str | None
    matches: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"similarity": round(self.similarity, 4), "article_id": self.article_id,
                "claim": self.ord, "text": self.text, "outlet": self.outlet,
                "date": self.date, "title": self.title, "article_source": self.source,
                "source": {"kind": self.source_kind, "name": self.source_name,
                           "words": self.source_words},
                "matches": self.matches}


def match(store: Store, *, embed: bool = False, encoder: Encoder | None = None) -> Matched:
    """Match the claims stored since the last run; with ``embed``, first give a vector to
    every stored claim that lacks one (stored under schema version 2, or from an
    analysis read back from JSON).

    Raises:
        CorpusError: a write failed (no match of this run is kept then).
    """
    embedded = embed_missing(store, encoder) if embed else 0
    settings = dict(store.execute("SELECT key, value FROM settings "
                                  "WHERE starts_with(key, 'match.')").rows)
    done = int(settings.get("match.done_upto", 0))
    total, newest = store.execute("SELECT count(*), max(key) FROM claim_vectors").rows[0]
    if newest is None or newest <= done:
        return Matched(0, 0, embedded, len(Cells.read(store.conn)))
    with store.write() as writer:
        cells = _filed(writer.conn, int(total))
    threshold = float(settings.get("match.threshold", THRESHOLD))
    limit = int(settings.get("match.limit", LIMIT))
    queries = load(store.conn, "key > ? AND key <= ?", [done, newest])
    pairs = _pairs(store, cells, queries, threshold, limit)
    with store.write() as writer:
        insert_arrow(writer.conn, "claim_matches", pairs)
        writer.execute("INSERT OR REPLACE INTO settings VALUES ('match.done_upto', ?)",
                       [str(newest)])
    return Matched(len(queries), pairs.num_rows, embedded, len(cells))


def _filed(conn: Any, total: int) -> Cells:
    """The corpus's cells, made (again) when it has outgrown them, with every vector
    filed under one."""
    cells = Cells.read(conn)
    if total >= MIN_CELLS_AT and (not len(cells) or total >= REBUILD_GROWTH * cells.made_at):
        return make_cells(conn, total)
    if len(cells):
        file_under(conn, cells, "cell IS NULL")
    return cells


def _pairs(store: Store, cells: Cells, queries: Loaded, threshold: float,
           limit: int) -> pa.Table:
    """For each query, the ``limit`` most similar earlier claims of other articles at or
    above ``threshold``, as ``claim_matches`` rows."""
    newest = int(queries.keys.max())
    if not len(cells):
        members = load(store.conn, "key <= ?", [newest])
        return _table(*_compare(queries, queries.unit(), members, members.unit(),
                                np.arange(len(members)), threshold, limit))
    step = BLOCK * 8
    probes = np.concatenate([
        cells.probes(queries.take(slice(at, at + step)).unit(), MATCH_PROBES)
        for at in range(0, len(queries), step)])
    members = load(store.conn, "list_contains(?, cell) AND key <= ?",
                   [np.unique(probes).tolist(), newest])
    # Every query is among the members (its own cell is the nearest it probes): each
    # vector is made float once, and a query's row is looked up by its key.
    vectors = members.unit()
    rows = np.searchsorted(members.keys, queries.keys)
    found = [_compare(members.take(rows[query_rows]), vectors[rows[query_rows]], members,
                      vectors, member_rows, threshold, limit)
             for query_rows, member_rows in _by_cell(probes, members.cells)]
    return _table(*_top(*_joined(found), limit))


def _by_cell(probes: np.ndarray, member_cells: np.ndarray
             ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(the queries that probe it, its members) for every cell that has both."""
    query_of = np.repeat(np.arange(len(probes)), probes.shape[1])
    flat = probes.ravel()
    order = np.argsort(flat, kind="stable")
    cell_ids, starts = np.unique(flat[order], return_index=True)
    query_groups = np.split(query_of[order], starts[1:])
    member_order = np.argsort(member_cells, kind="stable")
    member_ids, member_starts = np.unique(member_cells[member_order], return_index=True)
    member_groups = dict(zip(member_ids.tolist(), np.split(member_order, member_starts[1:])))
    return [(rows, member_groups[cell]) for cell, rows
            in zip(cell_ids.tolist(), query_groups) if cell in member_groups]


def _compare(queries: Loaded, query_vectors: np.ndarray, members: Loaded,
             member_vectors: np.ndarray, member_rows: np.ndarray, threshold: float,
             limit: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query key, member key, similarity) of the top ``limit`` earlier members (of
    ``member_rows``) of other articles per query, at or above ``threshold``, a block of
    queries at a time."""
    if not len(queries) or not len(member_rows):
        return _joined([])
    vectors = member_vectors[member_rows]
    keys, docs = members.keys[member_rows], members.docs[member_rows]
    out = []
    for at in range(0, len(queries), BLOCK):
        block_keys = queries.keys[at:at + BLOCK]
        block_docs = queries.docs[at:at + BLOCK]
        sims = query_vectors[at:at + BLOCK] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        keep = (keys[cols] < block_keys[rows]) & (docs[cols] != block_docs[rows])
        rows, cols = rows[keep], cols[keep]
        out.append(_top(block_keys[rows], keys[cols], sims[rows, cols], limit))
    return _joined(out)


def _joined(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


def _top(claims: np.ndarray, others: np.ndarray, sims: np.ndarray, limit: int
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``limit`` most similar pairs of each claim (ties: the earlier other claim)."""
    order = np.lexsort((others, -sims, claims))
    claims, others, sims = claims[order], others[order], sims[order]
    rank = np.arange(len(claims)) - np.searchsorted(claims, claims, side="left")
    keep = rank < limit
    return claims[keep], others[keep], sims[keep]


def _table(claims: np.ndarray, others: np.ndarray, sims: np.ndarray) -> pa.Table:
    return pa.table({"claim_key": pa.array(claims, pa.int64()),
                     "match_key": pa.array(others, pa.int64()),
                     "similarity": pa.array(np.minimum(sims, 1.0).astype(np.float32),
                                            pa.float32())})


def embed_missing(store: Store, encoder: Encoder | None = None, batch: int = 1024, *,
                  table: str = "claim_vectors",
                  load: Callable[[], Encoder] = default_encoder) -> int:
    """Give a vector in ``table`` to every stored claim that has none, a committed batch at
    a time; return how many were embedded. The encoder is ``encoder``, else ``load()``,
    called only when a claim needs it."""
    missing = store.execute(
        f"SELECT c.article_id, c.ord, c.text FROM claims c ANTI JOIN {table} v "
        "ON v.article_id = c.article_id AND v.ord = c.ord ORDER BY c.article_id, c.ord").rows
    if not missing:
        return 0
    model = encoder or load()
    for at in range(0, len(missing), batch):
        rows = missing[at:at + batch]
        vectors = np.asarray(model.encode([r[2] for r in rows]), dtype=np.float32)
        embedded = pa.table({
            "article_id": [r[0] for r in rows], "ord": pa.array([r[1] for r in rows], pa.int32()),
            "vector": pa.array(quantize(vectors.reshape(len(rows), -1)), pa.binary())})
        with store.write() as writer:
            insert_arrow(writer.conn, table, embedded)
    return len(missing)


def nearest(store: Store, vector: np.ndarray, *, top: int = 10, min_similarity: float = 0.0,
            exact: bool = False, skip: np.ndarray | None = None) -> list[Hit]:
    """The stored claims nearest a unit ``vector``: in the ``LIKE_PROBES`` cells nearest
    it (and the claims not filed yet), or among all with ``exact``; never the claims whose
    keys are in ``skip`` (those the multilingual vectors rank, ``crosslingual.py``)."""
    cells = Cells.read(store.conn)
    if exact or not len(cells):
        found = load(store.conn)
    else:
        probes = cells.probes(vector[None, :], LIKE_PROBES)[0]
        found = load(store.conn, "cell IS NULL OR list_contains(?, cell)", [probes.tolist()])
    if not len(found):
        return []
    sims = np.concatenate([found.take(slice(at, at + BLOCK * 32)).unit() @ vector
                           for at in range(0, len(found), BLOCK * 32)])
    if skip is not None and len(skip):
        sims[np.isin(found.keys, skip)] = -np.inf
    best = np.argsort(-sims, kind="stable")[:top]
    best = best[sims[best] >= min_similarity]
    return hits(store, {int(found.keys[i]): float(sims[i]) for i in best})


_DETAILS = """
SELECT v.key, v.article_id, v.ord, c.text, a.outlet, a.date, a.title, a.source,
       c.source_kind, c.source_name, c.source->>'$.text'
FROM claim_vectors v
JOIN claims c ON c.article_id = v.article_id AND c.ord = v.ord
JOIN articles a ON a.id = v.article_id
WHERE list_contains(?, v.key)
"""
_MATCH_COUNTS = """
SELECT k, count(*) FROM (
    SELECT claim_key AS k FROM claim_matches WHERE list_contains($1, claim_key)
    UNION ALL
    SELECT match_key FROM claim_matches WHERE list_contains($1, match_key)
) GROUP BY k
"""


def hits(store: Store, similarity: dict[int, float]) -> list[Hit]:
    """The claims with these keys, most similar first, with their article's details and
    how many matches each has."""
    if not similarity:
        return []
    keys = list(similarity)
    counts = dict(store.execute(_MATCH_COUNTS, [keys]).rows)
    found = [Hit(row[0], similarity[row[0]], row[1], row[2], row[3], row[4], row[5],
                 row[6], row[7], row[8], row[9], row[10], int(counts.get(row[0], 0)))
             for row in store.execute(_DETAILS, [keys]).rows]
    return sorted(found, key=lambda h: (-h.similarity, h.key))


@dataclass(frozen=True, slots=True)
class ClaimMatches:
    """One claim of an article and the claims matched to it, earlier or later."""

    ord: int
    text: str
    matches: list[Hit]


def matches_of(store: Store, ref: str, *, min_similarity: float = 0.0
               ) -> tuple[dict[str, Any], list[ClaimMatches]]:
    """The article ``ref`` names and, for each of its claims that has any, its matches.

    Raises:
        NotInCorpus: no stored article, or several, match ``ref``.
    """
    article = find_article(store, ref)
    rows = store.execute(
        "WITH mine AS (SELECT key, ord FROM claim_vectors WHERE article_id = $1) "
        "SELECT mine.ord, m.match_key, m.similarity FROM claim_matches m "
        "JOIN mine ON m.claim_key = mine.key WHERE m.similarity >= $2 UNION ALL "
        "SELECT mine.ord, m.claim_key, m.similarity FROM claim_matches m "
        "JOIN mine ON m.match_key = mine.key WHERE m.similarity >= $2",
        [article["id"], min_similarity]).rows
    claims = dict(store.execute("SELECT ord, text FROM claims WHERE article_id = ?",
                                [article["id"]]).rows)
    by_claim: dict[int, dict[int, float]] = {}
    for ord_, other, sim in rows:
        by_claim.setdefault(ord_, {})[other] = float(sim)
    found = hits(store, {k: s for pairs in by_claim.values() for k, s in pairs.items()})
    keyed = {h.key: h for h in found}
    return article, [
        ClaimMatches(ord_, claims.get(ord_, ""),
                     sorted((_with(keyed[k], s) for k, s in pairs.items() if k in keyed),
                            key=lambda h: (-h.similarity, h.key)))
        for ord_, pairs in sorted(by_claim.items())]


def _with(hit: Hit, similarity: float) -> Hit:
    from dataclasses import replace

    return replace(hit, similarity=similarity)

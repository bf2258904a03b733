"""Reads: counts, one article by id prefix, path or URL, its copies, and exports."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import CorpusError, NotInCorpus
from .copies import Signature, similarities
from .corrections import TRAINING_FORMATS, export_training
from .schema import CORPUS_SCHEMA_VERSION, SPAN_TABLES
from .store import Store

EXPORT_TABLES: tuple[str, ...] = ("articles", "claims", "quotes", "techniques", "sources",
                                  "entities", "removed", "failures", "copies", "copy_groups",
                                  "numbers", "claim_matches", "corrections")
EXPORT_FORMATS: dict[str, str] = {
    "parquet": "FORMAT parquet, COMPRESSION zstd",
    "csv": "FORMAT csv, HEADER true",
    "jsonl": "FORMAT json",
}
# An id prefix shorter than this is more likely a typo than a choice.
MIN_PREFIX = 6


def stats(store: Store) -> dict[str, Any]:
    """Rows per table, failed inputs, groups of copies, and the file's size."""
    tables = ("articles", *SPAN_TABLES, "failures", "copy_groups", "copies", "numbers",
              "claim_vectors", "claim_matches", "corrections")
    counts = {t: store.execute(f"SELECT count(*) FROM {t}").scalar() for t in tables}
    return {
        "path": str(store.path),
        "schema_version": CORPUS_SCHEMA_VERSION,
        "rows": counts,
        "failed_inputs": store.execute("SELECT count(DISTINCT input) FROM failures").scalar(),
        "bytes": os.path.getsize(store.path) if store.path.exists() else 0,
    }


def find_article(store: Store, ref: str) -> dict[str, Any]:
    """The one article whose id starts with ``ref``, or whose path, source or URL is it.

    Raises:
        NotInCorpus: nothing matches, or several articles do.
    """
    exact = store.execute(
        "SELECT id, source, site, date, title FROM articles WHERE source = $1 "
        "OR source_path = $1 OR source_url = $1 OR url = $1 ORDER BY added_at LIMIT 5",
        [ref]).dicts()
    if not exact and len(ref) >= MIN_PREFIX:
        exact = store.execute(
            "SELECT id, source, site, date, title FROM articles WHERE starts_with(id, $1) "
            "ORDER BY added_at LIMIT 5", [ref.lower()]).dicts()
    if not exact:
        hint = "" if len(ref) >= MIN_PREFIX else f" (an id prefix needs {MIN_PREFIX}+ characters)"
        raise NotInCorpus(f"{ref}: no stored article has this id, path or URL{hint}")
    if len(exact) > 1:
        listed = ", ".join(f"{a['id'][:12]} ({a['source']})" for a in exact[:3])
        raise NotInCorpus(f"{ref}: matches several stored articles ({listed}); "
                          "give a longer id prefix")
    return exact[0]


@dataclass(frozen=True, slots=True)
class Copy:
    """One member of a group, with its similarity to the article asked about (MinHash:
    near 0 for a translation, which joins the group by meaning, ``translations``) and its
    language."""

    id: str
    similarity: float
    site: str | None
    date: str | None
    title: str | None
    source: str
    is_origin: bool
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Copies:
    article: dict[str, Any]
    group_id: str | None
    origin_name: str | None
    origin_reason: str | None
    members: list[Copy]


def copies(store: Store, ref: str) -> Copies:
    """The article ``ref`` names and every member of its group, most similar first."""
    article = find_article(store, ref)
    group = store.execute(
        "SELECT g.group_id, g.origin_name, g.origin_reason FROM copies c "
        "JOIN copy_groups g USING (group_id) WHERE c.article_id = ?", [article["id"]]).rows
    if not group:
        return Copies(article, None, None, None, [])
    group_id, origin_name, reason = group[0]
    rows = store.execute(
        "SELECT a.id, a.site, a.date, a.title, a.source, c.is_origin, m.shingles, m.signature, "
        "a.language "
        "FROM copies c JOIN articles a ON a.id = c.article_id "
        "JOIN minhashes m ON m.article_id = c.article_id WHERE c.group_id = ?",
        [group_id]).rows
    mine = next(Signature(r[6], r[7]) for r in rows if r[0] == article["id"])
    scores = similarities(mine, [Signature(r[6], r[7]) for r in rows])
    members = [Copy(r[0], float(score), r[1], r[2], r[3], r[4], r[5], r[8])
               for r, score in zip(rows, scores)]
    members.sort(key=lambda c: (c.id != article["id"], -c.similarity, c.date or "", c.id))
    return Copies(article, group_id, origin_name, reason, members)


def export(store: Store, table: str, fmt: str, out: str | os.PathLike[str]) -> int:
    """Write one table with DuckDB's ``COPY``; return the number of rows written.

    The ``corrections`` table can also be written in the formats the training commands
    read (``corrections.TRAINING_FORMATS``); the number returned is then the examples.

    Raises:
        CorpusError: an unknown table or format, a missing folder, or a failed write.
    """
    if table not in EXPORT_TABLES:
        raise CorpusError(f"unknown table {table!r}; tables: {', '.join(EXPORT_TABLES)}")
    if fmt in TRAINING_FORMATS:
        if table != "corrections":
            raise CorpusError(f"the {fmt} format holds corrections only "
                              "(--table corrections)")
        return export_training(store, fmt, out)
    if fmt not in EXPORT_FORMATS:
        raise CorpusError(f"unknown format {fmt!r}; formats: "
                          f"{', '.join((*EXPORT_FORMATS, *TRAINING_FORMATS))}")
    path = Path(out)
    if not path.parent.is_dir():
        raise CorpusError(f"{path}: the folder {path.parent} does not exist")
    # COPY takes no parameter for its file name: quote it as a SQL string literal.
    literal = "'" + str(path).replace("'", "''") + "'"
    store.execute(f"COPY (SELECT * FROM {table}) TO {literal} ({EXPORT_FORMATS[fmt]})")
    return int(store.execute(f"SELECT count(*) FROM {table}").scalar())

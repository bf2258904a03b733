"""Derived tables: indexes a feature rebuilds from the stored articles when it changes.

The stored articles and their findings are the corpus; the copies (MinHash signatures and
groups), the flat ``numbers`` table, the articles' ``outlet`` and the claim vectors are
derived from them by code that changes with unspin. Each such index belongs to its feature
module (``copies``, ``ledger``, ``profiles``, ``matching``), which declares it here as an
``Index``: a version and a ``rebuild``. Opening a corpus first applies the migrations it
lacks (frozen DDL, ``schema.py``), then rebuilds every index whose version in ``settings``
(``index.NAME``) differs from its feature's, each in its own transaction. Migrations never
run feature code, so a migration means the same thing whatever unspin later becomes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class Index:
    """A derived table and how its feature rebuilds it.

    Attributes:
        name: its key in ``settings`` is ``index.NAME``.
        version: bump it when the derivation changes; stale indexes are rebuilt on open.
        rebuild: empties and refills the index from the stored articles.
        keep_unversioned: a corpus made before indexes had versions keeps this index as it
            is (it was built by the only derivation there has been) rather than paying
            for a rebuild (claim vectors need the encoder: minutes of work).
    """

    name: str
    version: str
    rebuild: Callable[[duckdb.DuckDBPyConnection], None]
    keep_unversioned: bool = False

    @property
    def key(self) -> str:
        return f"index.{self.name}"


def refresh(conn: duckdb.DuckDBPyConnection, indexes: Sequence[Index]) -> list[str]:
    """Rebuild every stale index, each in one transaction with its new version recorded;
    return the names rebuilt. A crash half-way leaves that index stale, and the next open
    rebuilds it again."""
    recorded = dict(conn.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'index.%'").fetchall())
    rebuilt = []
    for index in indexes:
        found = recorded.get(index.key)
        if found == index.version:
            continue
        conn.begin()
        try:
            if found is not None or not index.keep_unversioned:
                index.rebuild(conn)
                rebuilt.append(index.name)
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                         [index.key, index.version])
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    return rebuilt

"""The corpus: many analysed articles in one embedded DuckDB database.

``open_corpus(path)`` opens (or makes) one, applying any schema migrations it lacks; its
``add`` stores articles that are not stored yet (by content hash), spreading the analysis
over every core and committing each chunk, and groups copies of one story. Everything
else reads: ``stats``, ``copies``, ``export``. docs/corpus.md describes the schema.

    with open_corpus("unspin.duckdb") as corpus:
        counts = corpus.add(["articles/", "feed.rss"])
        print(corpus.copies("3f2a9c")[...])
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any, Self

from ..config import Options, make_options
from . import add as _add
from .add import Counts, Progress
from .query import EXPORT_FORMATS, EXPORT_TABLES, Copies, Copy, copies, export, stats
from .schema import MIGRATIONS, SCHEMA_VERSION, SPAN_TABLES
from .store import DEFAULT_DB, Results, Store

__all__ = [
    "DEFAULT_DB", "EXPORT_FORMATS", "EXPORT_TABLES", "MIGRATIONS", "SCHEMA_VERSION",
    "SPAN_TABLES", "Copies", "Copy", "Corpus", "Counts", "Results", "open_corpus",
]


class Corpus:
    """An open corpus. Use it as a context manager, or ``close`` it: DuckDB lets one
    process at a time open a database file."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def path(self) -> str:
        return str(self.store.path)

    def add(self, inputs: list[str], *, options: Options | None = None,
            fetch_links: bool = False, on_progress: Progress | None = None,
            **overrides: Any) -> Counts:
        """Analyse and store every article in ``inputs`` not stored yet; see ``add.add``."""
        return _add.add(self.store, inputs, make_options(options, **overrides),
                   fetch_links=fetch_links, on_progress=on_progress)

    def stats(self) -> dict[str, Any]:
        return stats(self.store)

    def copies(self, article: str) -> Copies:
        """The copies of the article named by an id prefix, its path or its URL."""
        return copies(self.store, article)

    def export(self, table: str, fmt: str, out: str | os.PathLike[str]) -> int:
        return export(self.store, table, fmt, out)

    def execute(self, sql: str, params: list[Any] | None = None) -> Results:
        """Run a read query of your own against the tables docs/corpus.md describes."""
        return self.store.execute(sql, params)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def open_corpus(path: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True) -> Corpus:
    """Open the corpus at ``path``, making it when ``create`` and it does not exist.

    Raises:
        CorpusError: see ``Store.open``.
    """
    return Corpus(Store.open(path, create=create))

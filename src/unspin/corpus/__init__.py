"""The corpus: many analysed articles in one embedded DuckDB database.

``open_corpus(path)`` opens (or makes) one, applying any schema migrations it lacks; its
``add`` stores articles that are not stored yet (by content hash), spreading the analysis
over every core and committing each chunk, and groups copies of one story; ``add_on_ray``
does the analysis on a Ray cluster instead, through Parquet shards that ``add_parquet``
loads. When an ``add`` ends, ``match`` pairs its new claims with earlier ones. Everything
else reads: ``stats``, ``copies``, ``export``, ``claims_like``, ``claim_matches``,
``ledger``, ``profiles``. docs/corpus.md describes the schema.

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
from . import ledger as _ledger
from . import matching as _matching
from . import profiles as _profiles
from .add import Counts, Progress
from .distributed import Analysed, add_on_ray, default_shards_dir
from .ledger import Ledger
from .matching import ClaimMatches, Encoder, Hit, Matched
from .profiles import Profile
from .query import EXPORT_FORMATS, EXPORT_TABLES, Copies, Copy, copies, export, stats
from .schema import MIGRATIONS, SCHEMA_VERSION, SPAN_TABLES
from .shards import SHARD_VERSION, count_rows, shard_files
from .shards import load as load_shards
from .store import DEFAULT_DB, Results, Store

__all__ = [
    "DEFAULT_DB", "EXPORT_FORMATS", "EXPORT_TABLES", "MIGRATIONS", "SCHEMA_VERSION",
    "SHARD_VERSION", "SPAN_TABLES", "ClaimMatches", "Copies", "Copy", "Corpus", "Counts",
    "Hit", "Ledger", "Matched", "Profile", "Results", "open_corpus",
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
        counts = _add.add(self.store, inputs, _with_vectors(options, overrides),
                          fetch_links=fetch_links, on_progress=on_progress)
        self.match()
        return counts

    def add_on_ray(self, inputs: list[str], *, shards_dir: str | None = None,
                   address: str | None = None, options: Options | None = None,
                   fetch_links: bool = False, on_progress: Progress | None = None,
                   on_analysed: Analysed | None = None, **overrides: Any) -> Counts:
        """``add`` with the analysis on Ray, through Parquet shards written to
        ``shards_dir`` (default ``FILE.shards`` beside the corpus); see
        ``distributed.add_on_ray``."""
        counts = add_on_ray(self.store, inputs, _with_vectors(options, overrides),
                            shards_dir=shards_dir or default_shards_dir(self.store.path),
                            address=address, fetch_links=fetch_links,
                            on_progress=on_progress, on_analysed=on_analysed)
        self.match()
        return counts

    def add_parquet(self, source: str, *, on_progress: Progress | None = None) -> Counts:
        """Store the analyses and failures in Parquet shards (a folder, glob, file or URI)
        that are not stored yet; see ``shards.load``.

        Raises:
            InputNotFound: no shards at ``source``.
        """
        files = shard_files(source)
        counts = load_shards(self.store, files, Counts(total=count_rows(files)), on_progress)
        self.match()
        return counts

    def stats(self) -> dict[str, Any]:
        return stats(self.store)

    def copies(self, article: str) -> Copies:
        """The copies of the article named by an id prefix, its path or its URL."""
        return copies(self.store, article)

    def export(self, table: str, fmt: str, out: str | os.PathLike[str]) -> int:
        return export(self.store, table, fmt, out)

    def match(self, *, embed: bool = False, encoder: Encoder | None = None) -> Matched:
        """Match the claims stored since the last match to earlier ones (``add`` does this
        when it ends); with ``embed``, first embed stored claims that have no vector."""
        return _matching.match(self.store, embed=embed, encoder=encoder)

    def claims_like(self, text: str, *, top: int = 10, min_similarity: float = 0.0,
                    exact: bool = False, encoder: Encoder | None = None) -> list[Hit]:
        """The stored claims most similar to ``text``; see ``matching.like``."""
        return _matching.like(self.store, text, top=top, min_similarity=min_similarity,
                              exact=exact, encoder=encoder)

    def claim_matches(self, article: str, *, min_similarity: float = 0.0
                      ) -> tuple[dict[str, Any], list[ClaimMatches]]:
        """The matches of each claim of one article (id prefix, path or URL)."""
        return _matching.matches_of(self.store, article, min_similarity=min_similarity)

    def ledger(self, about: str) -> Ledger:
        """The values the corpus reports for ``about``, grouped; see ``ledger.ledger``."""
        return _ledger.ledger(self.store, about)

    def profiles(self, outlet: str | None = None, *, by: str | None = None) -> list[Profile]:
        """Outlet profiles, of one outlet or all; see ``profiles.profiles``."""
        return _profiles.profiles(self.store, outlet, by=by)

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


def _with_vectors(options: Options | None, overrides: dict[str, Any]) -> Options:
    """The options for a corpus run: claims are embedded for claim matching."""
    return make_options(options, **{"claim_vectors": True, **overrides})


def open_corpus(path: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True) -> Corpus:
    """Open the corpus at ``path``, making it when ``create`` and it does not exist.

    Raises:
        CorpusError: see ``Store.open``.
    """
    return Corpus(Store.open(path, create=create))

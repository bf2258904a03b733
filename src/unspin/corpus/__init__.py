"""The corpus: many analysed articles in one embedded DuckDB database.

``open_corpus(path)`` opens (or makes) one, applying any schema migrations it lacks and
rebuilding any derived index that is stale (``indexes.py``); its ``add`` stores articles
that are not stored yet (by content hash), spreading the analysis over every core (or a
Ray cluster) and committing each chunk, and groups copies of one story. When an ``add`` ends, ``match`` pairs its new claims with earlier ones. Everything
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

import duckdb

from ..config import Options, make_options
from ..document import Analysis
from ..errors import ConfigError, CorpusError
from ..pipeline import Pipeline
from ..runner import Engine
from . import add as _add
from . import copies as _copies
from . import corrections as _corrections
from . import crosslingual as _crosslingual
from . import ledger as _ledger
from . import matching as _matching
from . import profiles as _profiles
from . import translations as _translations
from .add import Counts, Progress, store_analyses
from .corrections import Correction
from .indexes import refresh
from .ledger import Ledger
from .matching import ClaimMatches, Encoder, Hit, Matched
from .profiles import Profile
from .query import EXPORT_FORMATS, EXPORT_TABLES, Copies, Copy, copies, export, stats
from .rows import content_id
from .schema import CORPUS_SCHEMA_VERSION, MIGRATIONS, SPAN_TABLES
from .store import DEFAULT_DB, Results, Store
from .translations import Translation, Translations

__all__ = [
    "CORPUS_SCHEMA_VERSION",
    "DEFAULT_DB",
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "INDEXES",
    "MIGRATIONS",
    "SPAN_TABLES",
    "ClaimMatches",
    "Copies",
    "Copy",
    "Corpus",
    "Correction",
    "Counts",
    "Hit",
    "Ledger",
    "Matched",
    "Profile",
    "Results",
    "Translation",
    "Translations",
    "open_corpus",
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
            engine: str = "local", ray_address: str | None = None,
            **overrides: Any) -> Counts:
        """Analyse and store every article in ``inputs`` not stored yet; see ``add.add``.

        Args:
            engine: ``local`` (worker processes on this machine) or ``ray``.
            ray_address: with ``engine="ray"``, a running cluster (``auto`` or
                ``HOST:PORT``); None starts a Ray on this machine.

        Raises:
            ConfigError: an unknown engine, or a Ray address without the Ray engine.
        """
        options = _with_vectors(options, overrides)
        counts = _add.add(self.store, inputs, options, fetch_links=fetch_links,
                          on_progress=on_progress,
                          engine=_engine(engine, ray_address, options))
        self.match()
        _crosslingual.embed_if_mixed(self.store)
        _translations.link_new(self.store)
        return counts

    def add_analysis(self, analysis: Analysis) -> str:
        """Store one analysis made elsewhere (``unspin serve`` analyses pasted text) unless
        its text is stored already, match its claims, and return the article's id.

        Raises:
            CorpusError: the analysis cannot be turned into rows or written.
        """
        article_id = content_id(analysis.text)
        known = self.store.execute("SELECT count(*) FROM articles WHERE id = ?",
                                    [article_id]).scalar()
        if not known:
            failed = store_analyses(self.store, [(article_id, analysis)], None)
            if failed:
                raise CorpusError(f"{analysis.source.label}: {failed[0]['reason']}")
            self.match()
        return article_id

    def correct(self, article_id: str, *, layer: str, verdict: str, author: str,
                **fields: Any) -> Correction:
        """Record a reader's correction of one finding; see ``corrections.correct``."""
        return _corrections.correct(self.store, article_id, layer=layer, verdict=verdict,
                                    author=author, **fields)

    def corrections(self, article_id: str | None = None, *, limit: int = 100,
                    offset: int = 0) -> tuple[list[Correction], int]:
        """Corrections (of one article, or all), newest first, and how many in all."""
        return _corrections.corrections(self.store, article_id, limit=limit, offset=offset)

    def withdraw(self, correction_id: int) -> Correction:
        """Delete one correction; see ``corrections.withdraw``."""
        return _corrections.withdraw(self.store, correction_id)

    def stats(self) -> dict[str, Any]:
        return stats(self.store)

    def copies(self, article: str) -> Copies:
        """The copies of the article named by an id prefix, its path or its URL."""
        return copies(self.store, article)

    def translations(self, article: str, *, encoder: Any = None) -> Translations:
        """The stored translations of the article (in other languages), linked when
        stored (articles not compared yet are compared first, with the multilingual
        encoder); see ``translations.translations_of``."""
        return _translations.translations_of(self.store, article, encoder)

    def export(self, table: str, fmt: str, out: str | os.PathLike[str]) -> int:
        return export(self.store, table, fmt, out)

    def match(self, *, embed: bool = False, encoder: Encoder | None = None) -> Matched:
        """Match the claims stored since the last match to earlier ones (``add`` does this
        when it ends); with ``embed``, first embed stored claims that have no vector."""
        return _matching.match(self.store, embed=embed, encoder=encoder)

    def claims_like(self, text: str, *, top: int = 10, min_similarity: float = 0.0,
                    exact: bool = False, encoder: Encoder | None = None,
                    multilingual: Encoder | None = None) -> list[Hit]:
        """The stored claims most like ``text``, in any language; see
        ``crosslingual.like`` (``encoder``: the English one; ``multilingual``: the other)."""
        return _crosslingual.like(self.store, text, top=top, min_similarity=min_similarity,
                                  exact=exact, encoder=encoder, multilingual=multilingual)

    def claim_matches(self, article: str, *, min_similarity: float = 0.0
                      ) -> tuple[dict[str, Any], list[ClaimMatches]]:
        """The matches of each claim of one article (id prefix, path or URL)."""
        return _matching.matches_of(self.store, article, min_similarity=min_similarity)

    def ledger(self, about: str, *, encoder: Any = None) -> Ledger:
        """The values the corpus reports for ``about``, grouped, in any language; see
        ``ledger.ledger`` (``encoder``: the multilingual one, loaded when needed)."""
        return _ledger.ledger(self.store, about, encoder)

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
    vectors = {"stage_config": {"unspin.claims.v1": {"vectors": True}}}
    return make_options(make_options(options, **vectors), **overrides)


ENGINES = ("local", "ray")


def _engine(name: str, address: str | None, options: Options) -> Engine | None:
    """The runner's engine called ``name`` (None: the runner's local default)."""
    if name not in ENGINES:
        raise ConfigError(f"unknown engine {name!r}; engines: {', '.join(ENGINES)}")
    if name == "local":
        if address is not None:
            raise ConfigError("a Ray address needs the Ray engine (engine='ray')")
        return None
    Pipeline.check(options.stages)  # a bad pipeline fails before Ray starts
    from ..scale.ray import RayEngine

    return RayEngine(address, options.workers, device=options.device)


# Every derived table, in the order they are rebuilt when stale.
INDEXES = (_copies.INDEX, _ledger.INDEX, _profiles.INDEX, _matching.INDEX,
           _crosslingual.INDEX, _translations.INDEX)


def open_corpus(path: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True) -> Corpus:
    """Open the corpus at ``path``, making it when ``create`` and it does not exist: the
    migrations it lacks applied, then its stale indexes rebuilt (``indexes.py``).

    Raises:
        CorpusError: see ``Store.open``; or an index cannot be rebuilt.
    """
    store = Store.open(path, create=create)
    try:
        refresh(store.conn, INDEXES)
    except duckdb.Error as error:
        store.close()
        raise CorpusError(f"{path}: cannot rebuild the corpus's indexes: "
                          f"{str(error).splitlines()[0]}") from error
    return Corpus(store)

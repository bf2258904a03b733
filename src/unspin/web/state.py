"""What the server holds while it runs: its settings, the warm analyser, the corpus and
the ingest jobs, and the reads and writes the API and the pages share.

The corpus is one open ``Corpus`` behind a lock: DuckDB's connection is not for two
threads at once, and every read here takes milliseconds. An ingest job has its own
connection (``jobs.py``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options
from ..corpus import Corpus, open_corpus
from ..corpus.query import find_article
from ..document import Analysis
from .analyser import Analyser
from .jobs import Jobs

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How ``unspin serve`` runs; docs/web.md describes each.

    Attributes:
        db: the corpus file (made when missing).
        token: the secret a write needs (``Authorization: Bearer``, or a login); None
            lets anyone who can reach the server write (loopback only).
        options: the analysis options (stages, size cap, fetch settings).
        ingest_root: the folder whose files an ingest job may read; None: none.
        allowed_hosts: Host header names accepted besides loopback ones (the name a
            reverse proxy forwards); None accepts any (a non-loopback bind).
        queue_limit: analyses that may wait before requests are refused with 503.
        secure_cookies: mark cookies Secure (behind an https proxy).
        warm: load the models and analyse a short text before serving.
        threads: torch threads for the analysis (``Analyser``): 1 unless the cores are
            the server's alone.
    """

    db: Path
    token: str | None = None
    options: Options = field(default_factory=Options)
    ingest_root: Path | None = None
    allowed_hosts: tuple[str, ...] | None = ()
    queue_limit: int = 32
    secure_cookies: bool = False
    warm: bool = True
    threads: int = 1

    @property
    def body_limit(self) -> int:
        """The largest request body: an article at the size cap, and room for the rest."""
        return self.options.max_input_bytes + 256 * 1024


class State:
    """The running server's parts."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.analyser = Analyser(settings.options, queue_limit=settings.queue_limit,
                                 threads=settings.threads)
        self._corpus = open_corpus(settings.db)
        self._lock = threading.Lock()
        self.jobs = Jobs(settings.db, self.analyser, settings.options, settings.ingest_root)

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        with self._lock:
            yield self._corpus

    def close(self) -> None:
        self.jobs.close()
        self.analyser.close()
        with self._lock:
            self._corpus.close()

    def article(self, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The stored article ``ref`` names (id, id prefix, path or URL): its row without
        the analysis, and the analysis JSON.

        Raises:
            NotInCorpus: none, or several, match.
        """
        with self.corpus() as corpus:
            found = find_article(corpus.store, ref)
            row = corpus.execute(
                "SELECT id, source, title, author, date, site, url, origin, outlet, language, "
                "format, characters, words, analysis_version, added_at, analysis "
                "FROM articles WHERE id = ?", [found["id"]]).dicts()[0]
        data = json.loads(row.pop("analysis"))
        row["added_at"] = row["added_at"].isoformat(timespec="seconds") + "Z"
        return row, data


def analysis_of(data: dict[str, Any]) -> Analysis | None:
    """The stored JSON as an ``Analysis``; None when this unspin cannot read it (made by a
    newer one)."""
    try:
        return Analysis.from_dict(data)
    except (ValueError, TypeError, KeyError):
        return None


def page_of(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The envelope every list in the API comes in."""
    return {"items": items, "total": total, "limit": limit, "offset": offset}

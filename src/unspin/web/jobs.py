"""Corpus ingest as background jobs: files on the server, feed URLs, WARC files.

A job is ``Corpus.add``'s work (``corpus.add.add``) on a thread of its own, with its own
connection to the corpus (DuckDB lets one process hold several), its articles analysed
on the server's analysis thread between API requests (``QueuedEngine``). Jobs run one at
a time, in order; their progress is kept here for the API to poll or stream.

What a job may read is fenced: server files only under ``ingest_root`` (none when it is
not set), URLs only over http(s) and only to public addresses (``ingest.url``), unless
the server allows private ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Options, make_options
from ..corpus import open_corpus
from ..corpus.add import Counts
from ..corpus.add import add as add_articles
from ..errors import ConfigError, InputError, InputNotFound, UnspinError
from ..ingest.url import fetch_feed
from .analyser import Analyser, QueuedEngine

log = logging.getLogger("unspin.web")
# Articles analysed per turn on the analysis thread: small, so an API request waits
# at most a couple of articles behind a job.
JOB_BATCH = 2
KEPT = 100  # finished jobs remembered
MAX_INPUTS = 100
STATES = ("queued", "running", "done", "failed")


@dataclass(slots=True)
class Job:
    id: int
    inputs: list[str]
    feeds: list[str]
    fetch_links: bool
    state: str = "queued"
    total: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)
    error: str | None = None
    created_at: str = ""
    finished_at: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    def to_dict(self) -> dict[str, Any]:
        done = self.stored + self.skipped + self.failed
        return {"id": self.id, "state": self.state, "inputs": self.inputs, "feeds": self.feeds,
                "fetch_links": self.fetch_links, "total": self.total, "done": done,
                "stored": self.stored, "skipped": self.skipped, "failed": self.failed,
                "messages": list(self.messages), "error": self.error,
                "created_at": self.created_at, "finished_at": self.finished_at}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Jobs:
    """The server's ingest jobs, newest last."""

    def __init__(self, db: Path, analyser: Analyser, options: Options,
                 ingest_root: Path | None) -> None:
        self.db = db
        self.analyser = analyser
        self.options = make_options(analyser.store_options, batch_size=JOB_BATCH, workers=1,
                                    allow_private=options.allow_private)
        self.root = ingest_root.resolve() if ingest_root else None
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._runner = ThreadPoolExecutor(1, thread_name_prefix="unspin-ingest")

    def start(self, inputs: list[str], feeds: list[str], *, fetch_links: bool = False) -> Job:
        """Check the inputs and queue a job for them.

        Raises:
            ConfigError: nothing to ingest, too many inputs, or a server path given while
                the server reads none.
            InputNotFound: a path outside the ingest root, or one that does not exist.
            InputError: a path with a NUL byte or a character the file system cannot take.
            BadURL: a feed URL that is not http(s).
        """
        if not inputs and not feeds:
            raise ConfigError("give inputs (files or folders on the server) or feed URLs")
        if len(inputs) + len(feeds) > MAX_INPUTS:
            raise ConfigError(f"at most {MAX_INPUTS} inputs and feeds in one job")
        paths = [self._checked_path(spec) for spec in inputs]
        for url in feeds:
            if not url.lower().startswith(("http://", "https://")):
                raise ConfigError(f"{url}: a feed URL must be http or https")
        with self._lock:
            job = Job(next(self._ids), paths, list(feeds), fetch_links, created_at=_now())
            self._jobs[job.id] = job
            self._forget_old()
        self._runner.submit(self._run, job)
        return job

    def _checked_path(self, spec: str) -> str:
        if spec.lower().startswith(("http://", "https://")):
            return spec
        if self.root is None:
            raise ConfigError("this server reads no files of its own: start it with "
                              "--ingest-root DIR to ingest files under DIR")
        try:  # a name the file system cannot take raises here
            path = Path(os.path.realpath(self.root / spec))
            exists = path.exists()
        except (ValueError, UnicodeError):
            raise InputError(f"{spec!r}: not a usable path (a NUL byte or a character "
                             "the file system cannot take)") from None
        if path != self.root and self.root not in path.parents:
            raise InputNotFound(f"{spec}: not under the ingest root")
        if not exists:
            raise InputNotFound(f"{spec}: no such file or folder under the ingest root")
        return str(path)

    def _forget_old(self) -> None:
        finished = [j.id for j in self._jobs.values() if j.finished]
        for job_id in finished[:max(0, len(finished) - KEPT)]:
            del self._jobs[job_id]

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())

    def _run(self, job: Job) -> None:
        job.state = "running"
        try:
            with tempfile.TemporaryDirectory(prefix="unspin-feeds-") as folder:
                specs = job.inputs + [self._fetched(url, Path(folder), n)
                                      for n, url in enumerate(job.feeds)]
                self._add(job, specs)
            job.state = "done"
        except UnspinError as error:
            job.state, job.error = "failed", str(error)
        except Exception as error:  # a job's bug must not stop the server
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", f"internal error: {type(error).__name__}"
        job.finished_at = _now()

    def _fetched(self, url: str, folder: Path, n: int) -> str:
        """A feed fetched into ``folder``, its path (read as a feed by its suffix)."""
        path = folder / f"feed{n}.xml"
        path.write_bytes(fetch_feed(url, self.options))
        return str(path)

    def _add(self, job: Job, specs: list[str]) -> None:
        def progress(counts: Counts) -> None:
            job.total, job.stored = counts.total, counts.stored
            job.skipped, job.failed = counts.skipped, counts.failed
            job.messages = list(counts.messages)

        with open_corpus(self.db) as corpus:
            progress(add_articles(corpus.store, specs, self.options,
                                  fetch_links=job.fetch_links, on_progress=progress,
                                  engine=QueuedEngine(self.analyser)))
            corpus.match()

    def close(self) -> None:
        self._runner.shutdown(wait=False, cancel_futures=True)

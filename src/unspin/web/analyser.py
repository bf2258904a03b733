"""The server's one warm pipeline: models loaded once, one analysis at a time, the rest
queued.

Why one at a time: the pipeline's models are not shared between threads, and two
analyses at once would each take about twice as long and hold more memory; a queue
answers the same requests in the same total time, the first ones sooner. Requests past
``queue_limit`` waiting are refused (503, try again) rather than queued without end.
Corpus ingest jobs run their chunks through the same queue (``QueuedEngine``), so the
models are never used by two threads at once.

Why one torch thread by default: on a machine with other work on its cores, torch's
threads wait on each other; measured on the 2-core development machine under load, one
700-word article took 11 to 22 s with two threads and under 3 s with one
(docs/benchmarks.md). ``threads`` raises it where the cores are the server's alone.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from ..config import Options, make_options
from ..document import Analysis, Article, Source
from ..runner import pipeline_for

T = TypeVar("T")
C = TypeVar("C")
R = TypeVar("R")

# What the models read once at start-up, so the first request does not pay for warming
# the caches and allocators (the first article takes several times longer than the next).
_WARM_TEXT = ("Officials said on Monday that more than 2,000 people had left the city "
              "since March, according to the regional statistics office.\n\n"
              "Critics call the plan a disaster. \"It will fail,\" said Ana Ruiz, a council "
              "member.\n")


class Busy(Exception):
    """Too many analyses are waiting already."""


def corpus_options(options: Options) -> Options:
    """``options`` as a corpus stores analyses: claims embedded for claim matching."""
    return make_options(options, stage_config={"unspin.claims.v1": {"vectors": True}})


class Analyser:
    """Analyses articles with one pipeline, on one thread, in arrival order."""

    def __init__(self, options: Options, *, queue_limit: int = 32, threads: int = 1) -> None:
        self.options = options
        self.store_options = corpus_options(options)
        self.queue_limit = queue_limit
        self.threads = threads
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="unspin-analyse")
        self._lock = threading.Lock()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        """Analyses queued or running now."""
        return self._waiting

    def warm(self) -> None:
        """Load the models and analyse a short text once (blocking)."""
        self.submit(self._warm).result()

    def _warm(self) -> None:
        pipeline = pipeline_for(self.store_options)  # every model, the claims' encoder too
        pipeline.load()
        pipeline(Article(Source(path="warm-up"), _WARM_TEXT))

    def submit(self, work: Callable[..., T], *args: object) -> Future[T]:
        """Queue ``work(*args)`` on the analysis thread.

        Raises:
            Busy: ``queue_limit`` pieces of work are waiting already.
        """
        with self._lock:
            if self._waiting >= self.queue_limit:
                raise Busy(f"{self._waiting} analyses are waiting; try again shortly")
            self._waiting += 1
        future = self._executor.submit(self._run, work, *args)
        future.add_done_callback(self._done)
        return future

    def _run(self, work: Callable[..., T], *args: object) -> T:
        self._limit_threads()
        try:
            return work(*args)
        finally:
            self._limit_threads()  # torch may have been imported by this piece of work

    def _limit_threads(self) -> None:
        """Give torch ``threads`` threads once it is imported (the models import it on
        the analysis thread; importing it here would slow every start)."""
        torch = sys.modules.get("torch")
        if torch is not None and torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)

    def _done(self, _: Future[T]) -> None:
        with self._lock:
            self._waiting -= 1

    async def analyse(self, article: Article, options: Options | None = None, *,
                      store: bool = False) -> Analysis:
        """Analyse ``article`` when its turn comes, without blocking the event loop.

        Args:
            options: other stages than the server's (a request's ``stages``); their models
                load on first use and stay loaded.
            store: the analysis goes into the corpus, so its claims are embedded for
                claim matching too; an analysis only returned skips that, as ``unspin
                analyze`` does (the vectors are not in the JSON).
        """
        chosen = options if options is not None else self.options
        if store:
            chosen = corpus_options(chosen)
        future = self.submit(lambda: pipeline_for(chosen)(article))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class QueuedEngine:
    """A runner engine (``unspin.runner.Engine``) whose chunks wait their turn on the
    analysis thread: a corpus ingest shares the models with the API's requests."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser

    def map(self, work: Callable[[C], R], chunks: Iterable[C]) -> Iterator[R]:
        for chunk in chunks:
            while True:
                try:
                    future = self.analyser.submit(work, chunk)
                    break
                except Busy:
                    threading.Event().wait(0.5)  # requests first; the job waits
            yield future.result()

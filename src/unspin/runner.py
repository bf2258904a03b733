"""Many inputs in one run: the one runner ``analyze`` and ``corpus add`` share.

Work is cut into chunks of ``Options.batch_size`` articles, and an engine maps a function
over the chunks and yields the results in input order:

- ``Serial`` runs in this process (one worker, or a single chunk);
- ``Processes`` spreads the chunks over worker processes, one per core by default, with
  at most two chunks per worker queued ahead, so memory stays flat however many inputs
  there are. On Linux the models are loaded once here and the workers forked after, so
  they share the model's memory pages instead of each loading its own copy;
- ``RayEngine`` (``unspin.scale.ray``) does the same on a Ray cluster.

Each worker builds the pipeline once (``pipeline_for``), so models load once per worker.
A bad input or an article a stage fails on becomes that input's error ``Outcome``; the
others still finish (one article raises, a batch records and goes on). The pipeline is
the one place failures are isolated; an engine that loses a worker stops the run with an
``EngineError``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache, partial
from itertools import islice
from typing import Protocol, TypeVar

from .config import Options
from .document import Article, Outcome
from .errors import EngineError, UnspinError
from .ingest import read_input
from .pipeline import Pipeline
from .registry import StageSpec, extra, register

C = TypeVar("C")
R = TypeVar("R")


class Engine(Protocol):
    """Maps ``work`` over ``chunks``, yielding one result per chunk in order."""

    def map(self, work: Callable[[C], R], chunks: Iterable[C]) -> Iterator[R]: ...


class Serial:
    """Everything in this process."""

    def map(self, work: Callable[[C], R], chunks: Iterable[C]) -> Iterator[R]:
        for chunk in chunks:
            yield work(chunk)


class Processes:
    """Worker processes on this machine.

    With ``preload`` (and where the platform forks safely: Linux), ``preload`` runs here
    first, on one thread, and the workers are forked from this process after it: what
    it loaded (the models) is shared between them, page for page, until written. Fork is
    safe here because torch never started a thread pool in this process (one thread, set
    before anything ran). Without it the workers are spawned and each loads its own.

    Args:
        workers: how many; each gets one core's worth of threads.
        ahead: chunks queued per worker beyond the one it works on.
        preload: what to load in this process before forking.
    """

    def __init__(self, workers: int, ahead: int = 2,
                 preload: Callable[[], None] | None = None) -> None:
        self.workers = workers
        self.ahead = ahead
        self.preload = preload

    def map(self, work: Callable[[C], R], chunks: Iterable[C]) -> Iterator[R]:
        method = "spawn"
        if self.preload is not None and can_fork():
            one_thread()
            self.preload()
            method = "fork"
        context = multiprocessing.get_context(method)
        pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=one_thread)
        queued: deque[Future[R]] = deque()
        try:
            for chunk in chunks:
                queued.append(pool.submit(work, chunk))
                while queued and (len(queued) > self.ahead * self.workers or queued[0].done()):
                    yield _result(queued.popleft())
            while queued:
                yield _result(queued.popleft())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise EngineError("a worker process died (out of memory?); what was reported done "
                          "is kept: run the same command again to go on") from None


def one_thread() -> None:
    """A worker's threads: one core's worth; more only fight over the cores."""
    os.environ["OMP_NUM_THREADS"] = "1"
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass


def can_fork() -> bool:
    """Whether workers may be forked from a process that loaded models: on Linux. (macOS
    forks unsafely once system frameworks are loaded; Windows cannot fork.)"""
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def local_engine(options: Options, chunks: int | None = None, *,
                 preload: Callable[[], None] | None = None) -> Engine:
    """``Processes`` with ``options.workers`` (0: one per core), or ``Serial`` when one
    process is all there is to use (one worker, or no more than one chunk of work).

    Args:
        preload: loads what the workers will need (``preload_pipeline``), so that they
            can share it.
    """
    workers = options.workers or os.cpu_count() or 1
    if chunks is not None:
        workers = min(workers, chunks)
    return Processes(workers, preload=preload) if workers > 1 else Serial()


def preload_pipeline(options: Options, stages: tuple[StageSpec, ...] = ()) -> None:
    """Build the pipeline ``options`` names and load its models in this process."""
    for spec in stages:
        register(spec)
    pipeline_for(options).load()


def chunked(items: Iterable[C], size: int) -> Iterator[list[C]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@cache
def pipeline_for(options: Options) -> Pipeline:
    """One pipeline per process and options: models load once."""
    return Pipeline.from_names(options.stages, options)


Item = str | Article | Outcome


def analyse(items: Sequence[Item], options: Options,
            stages: tuple[StageSpec, ...] = ()) -> list[Outcome]:
    """Read (where an item is a path or URL) and analyse a chunk in this process; never
    raises for a bad input. An ``Outcome`` item is one read already: its article is
    analysed, its error passed on. ``stages`` are the caller's own registered stages."""
    read: list[Outcome] = []
    for item in items:
        if isinstance(item, Article):
            read.append(Outcome(item.source.label, article=item))
            continue
        if isinstance(item, Outcome):
            read.append(item)
            continue
        try:
            read.append(Outcome(item, article=read_input(item, options)))
        except UnspinError as error:
            read.append(Outcome(item, error=error))
    return analysed(read, options, stages)


def analysed(read: list[Outcome], options: Options,
             stages: tuple[StageSpec, ...] = ()) -> list[Outcome]:
    """The outcomes of ``read`` with each article analysed (errors passed through).

    Args:
        stages: stages registered in the process that sent the work, registered here too
            (a worker process starts with the built-ins only).
    """
    for spec in stages:
        register(spec)
    articles = [o.article for o in read if o.article is not None]
    results = iter(pipeline_for(options).run_batch(articles))
    out = []
    for outcome in read:
        if outcome.article is None:
            out.append(outcome)
            continue
        result = next(results)
        out.append(Outcome(outcome.input, error=result) if isinstance(result, UnspinError)
                   else Outcome(outcome.input, analysis=result))
    return out


def analyze_many(
    items: Sequence[Item],
    options: Options,
    *,
    on_progress: Callable[[int], None] | None = None,
    engine: Engine | None = None,
) -> Iterator[Outcome]:
    """Yield one ``Outcome`` per item, in order: its analysis or its error.

    Args:
        items: paths and URLs of single articles (read by the workers), ``Article``s, or
            ``Outcome``s of articles read already.
        on_progress: called with the number of items done after each chunk.
        engine: where the work runs (default: ``local_engine``).
    """
    size = options.batch_size
    engine = engine or local_engine(options, chunks=-(-len(items) // size),
                                    preload=partial(preload_pipeline, options, extra(options.stages)))
    work = partial(analyse, options=options, stages=extra(options.stages))
    for chunk in engine.map(work, chunked(items, size)):
        yield from chunk
        if on_progress:
            on_progress(len(chunk))

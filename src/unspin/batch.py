"""Many inputs in one run: read, analyse and return results in input order.

Work is cut into chunks and spread over worker processes (one per core by default),
each of which builds the pipeline once. A bad input becomes an error result for that
input; the others still finish (one article raises, a batch records and goes on).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache

from .config import Options
from .document import Analysis, Article
from .errors import UnspinError
from .ingest import read_input
from .pipeline import Failure, Pipeline

CHUNK = 8


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input: an ``analysis`` or the ``error`` that stopped it."""

    input: str
    analysis: Analysis | None = None
    error: UnspinError | None = None

    @property
    def message(self) -> str:
        """The error as one line that names the input once."""
        text = str(self.error)
        return text if text.startswith(self.input) else f"{self.input}: {text}"


@cache
def pipeline_for(options: Options) -> Pipeline:
    """One pipeline per process and options: models load once."""
    return Pipeline.from_names(options.stages, options)


def analyze_chunk(items: Sequence[str | Article], options: Options) -> list[Result]:
    """Read and analyse a chunk in this process; never raises for a bad input."""
    read: list[tuple[str, Article | UnspinError]] = []
    for item in items:
        label = item.source.label if isinstance(item, Article) else item
        try:
            read.append((label, item if isinstance(item, Article) else read_input(item, options)))
        except UnspinError as error:
            read.append((label, error))
    articles = [a for _, a in read if isinstance(a, Article)]
    analysed = iter(pipeline_for(options).run_batch(articles))
    return [_result(label, a if isinstance(a, UnspinError) else next(analysed))
            for label, a in read]


def _result(label: str, outcome: Analysis | Failure | UnspinError) -> Result:
    if isinstance(outcome, Analysis):
        return Result(label, analysis=outcome)
    return Result(label, error=outcome.error if isinstance(outcome, Failure) else outcome)


def analyze_many(
    items: Sequence[str | Article],
    options: Options,
    *,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Yield one ``Result`` per item, in order, using ``options.workers`` processes."""
    chunks = [list(items[i:i + CHUNK]) for i in range(0, len(items), CHUNK)]
    workers = min(options.workers or os.cpu_count() or 1, len(chunks))
    if workers <= 1:
        outcomes: Iterator[list[Result]] = (analyze_chunk(c, options) for c in chunks)
        yield from _reported(outcomes, on_progress)
        return
    context = multiprocessing.get_context("spawn")  # fork is unsafe once torch has threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        yield from _reported(pool.map(analyze_chunk, chunks, [options] * len(chunks)),
                             on_progress)


def _reported(
    outcomes: Iterator[list[Result]], on_progress: Callable[[int], None] | None
) -> Iterator[Result]:
    for chunk in outcomes:
        yield from chunk
        if on_progress:
            on_progress(len(chunk))


def _init_worker() -> None:
    """Each worker gets one core's worth of threads; more only fight over the cores."""
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass

"""The runner: chunks in, results out in input order, on this process or worker
processes, with the caller's own stages known to the workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.config import make_options
from unspin.document import Analysis, Article, Outcome, Source
from unspin.errors import EngineError
from unspin.registry import StageSpec, register
from unspin.runner import Processes, Serial, analyze_many, chunked, local_engine

# Slow: end-to-end runs, models, worker processes or Ray (`make test-fast` skips them).
pytestmark = pytest.mark.slow


class Counting:
    """A stage of a test's own: notes how many words the text has."""

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.notes.append(f"{len(analysis.text.split())} words")
        return analysis


register(StageSpec("test.counting.v1", Counting, requires=("text",), assigns=()))


def _square(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def _die(chunk: list[int]) -> list[int]:
    import os

    os._exit(3)


def test_runner_engines_yield_each_chunk_in_order() -> None:
    chunks = list(chunked(range(10), 3))
    assert chunks == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    expected = [[0, 1, 4], [9, 16, 25], [36, 49, 64], [81]]
    assert list(Serial().map(_square, chunks)) == expected
    assert list(Processes(2, ahead=1).map(_square, chunks)) == expected


def test_runner_a_worker_that_dies_is_one_clear_error() -> None:
    with pytest.raises(EngineError, match="a worker process died"):
        list(Processes(2).map(_die, [[1], [2]]))


def test_runner_local_engine_uses_one_process_when_that_is_all_there_is() -> None:
    assert isinstance(local_engine(make_options(workers=1)), Serial)
    assert isinstance(local_engine(make_options(workers=2), chunks=1), Serial)
    assert isinstance(local_engine(make_options(workers=2), chunks=5), Processes)


def test_runner_workers_know_the_callers_own_stages(tmp_path: Path) -> None:
    items: list[str | Article | Outcome] = [
        Article(Source(path=f"{n}.txt"), "word " * n) for n in range(1, 6)]
    items.insert(2, str(tmp_path / "missing.txt"))
    done: list[int] = []
    options = make_options(stages=("test.counting.v1",), workers=2, batch_size=2)
    outcomes = list(analyze_many(items, options, on_progress=done.append))
    assert [o.input for o in outcomes] == [
        "1.txt", "2.txt", str(tmp_path / "missing.txt"), "3.txt", "4.txt", "5.txt"]
    assert [o.analysis.notes for o in outcomes if o.analysis] == [
        [f"{n} words"] for n in range(1, 6)]
    assert outcomes[2].error is not None and sum(done) == 6 and done[0] == 2

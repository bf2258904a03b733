"""``corpus add``: read inputs, skip what is stored, analyse on every core, store per chunk.

The parent process reads inputs a window at a time, drops every article whose content
hash is already stored (or already on its way), and hands chunks of the rest to worker
processes, at most two chunks per worker ahead, so memory stays flat however many inputs
there are. A worker analyses its chunk and prepares it for storing (Arrow rows and MinHash
signatures, ``prepare``), so the parent, the one process that writes, only inserts. Each
chunk is written in one transaction (articles, findings,
failures, signatures and the groups of copies they change) before it is counted as
stored: a run killed at any moment keeps everything it reported, and running it again
skips those articles before analysing anything.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pyarrow as pa

from ..batch import CHUNK, Result, _init_worker, analyze_chunk
from ..config import Options
from ..document import Analysis, Article
from ..errors import UnspinError
from .inputs import Item, count, expand, read
from .rows import content_id, rows_for
from .schema import SPAN_TABLES, utcnow
from .store import Store, insert_arrow, typed_table
from .syndication import Groups, Signature

# Articles read ahead and checked against the store in one query.
WINDOW = 64
# Failure messages kept for the report; every failure is in the failures table.
REPORTED_FAILURES = 20

Chunk = list[tuple[str, Article]]


@dataclass(slots=True)
class Counts:
    """Where a run stands: ``total`` items found, and what became of those done."""

    total: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.failed


Progress = Callable[[Counts], None]


def add(store: Store, specs: list[str], options: Options, *, fetch_links: bool = False,
        on_progress: Progress | None = None) -> Counts:
    """Store every article the inputs hold that is not stored yet.

    Args:
        specs: files, directories, globs, URLs or ``-``, as on the command line.
        fetch_links: fetch feed entries' links instead of using the content in the feed.
        on_progress: called with the counts after every change.

    Raises:
        UnspinError: a problem with the whole run (a bad pipeline, a worker that died,
            a write that failed); what was reported stored before it stays stored.
    """
    paths, missing = _expanded(specs)
    run = _Run(store, Counts(total=sum(map(count, paths)) + len(missing)), on_progress)
    run.fail(missing)
    items = (item for path in paths for item in read(path, options, fetch_links=fetch_links))
    for ids, failed, prepared in _analysed(run.fresh(items), options, store.columns):
        run.store(ids, failed, prepared)
    return run.counts


def _expanded(specs: list[str]) -> tuple[list[str], list[Item]]:
    """Each spec on its own, so one that names nothing fails alone."""
    paths: list[str] = []
    missing: list[Item] = []
    for spec in specs:
        try:
            paths.extend(expand(spec))
        except UnspinError as error:
            missing.append(Item(spec, error=error))
    return paths, missing


class _Run:
    def __init__(self, store: Store, counts: Counts, on_progress: Progress | None) -> None:
        self.db = store
        self.counts = counts
        self.on_progress = on_progress
        self.pending: set[str] = set()
        self.groups: Groups | None = None

    def fresh(self, items: Iterable[Item]) -> Iterator[Chunk]:
        """Chunks of articles neither stored nor already on their way; failures and
        skips are recorded as they are met."""
        iterator = iter(items)
        while window := list(islice(iterator, WINDOW)):
            self.fail([i for i in window if i.error is not None])
            read = [(content_id(i.article.text), i.article) for i in window if i.article]
            known = self._known([article_id for article_id, _ in read])
            new: Chunk = []
            for article_id, article in read:
                if article_id in known or article_id in self.pending:
                    self.counts.skipped += 1
                else:
                    self.pending.add(article_id)
                    new.append((article_id, article))
            self._report()
            for start in range(0, len(new), CHUNK):
                yield new[start:start + CHUNK]

    def _known(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.db.execute("SELECT id FROM articles WHERE list_contains(?, id)",
                                   [ids]).rows
        return {row[0] for row in rows}

    def fail(self, items: list[Item]) -> None:
        rows = [_failure(i.input, i.error) for i in items if i.error is not None]
        if rows:
            with self.db.write() as writer:
                writer.insert("failures", rows)
            self._count_failures(rows)
            self._report()

    def store(self, ids: list[str], failed: list[Result], prepared: Prepared) -> None:
        """One transaction for the chunk; counted as stored only once it is committed."""
        failures = [_failure(r.input, r.error) for r in failed]
        if prepared.ids and self.groups is None:
            self.groups = Groups.load(self.db.conn)
        written = store_prepared(self.db, prepared, self.groups, failures)
        self.pending.difference_update(ids)
        self.counts.stored += len(prepared.ids)
        self._count_failures(written)
        self._report()

    def _count_failures(self, rows: list[dict[str, Any]]) -> None:
        self.counts.failed += len(rows)
        room = REPORTED_FAILURES - len(self.counts.messages)
        self.counts.messages.extend(f"{r['input']}: {r['reason']}" for r in rows[:max(room, 0)])

    def _report(self) -> None:
        if self.on_progress:
            self.on_progress(self.counts)


@dataclass(slots=True)
class Prepared:
    """Analysed articles ready to store: their rows as Arrow tables typed like the
    corpus's columns, their MinHash signatures, and a failure row for each analysis that
    could not be turned into rows (a value JSON cannot hold, say).

    ``prepare`` runs where the articles were analysed (a worker process), so that the one
    process writing the corpus only inserts: preparing takes twice as long as inserting.
    """

    ids: list[str] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)


def prepare(analysed: list[tuple[str, Analysis]], columns: dict[str, dict[str, str]]
            ) -> Prepared:
    """``analysed`` (by content id) as rows and signatures; see ``Prepared``."""
    now = utcnow()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", *SPAN_TABLES)}
    done = Prepared()
    for article_id, analysis in analysed:
        try:
            found = rows_for(analysis, article_id, now, columns)
            signature = Signature.of(analysis.kept_text())
        except Exception as error:  # noqa: BLE001 - one odd analysis fails only itself
            label = analysis.source.label
            done.failures.append(_failure(label, UnspinError(
                f"{label}: cannot be stored: {type(error).__name__}: {error}")))
            continue
        for table, table_rows in found.items():
            rows.setdefault(table, []).extend(table_rows)
        done.ids.append(article_id)
        done.signatures[article_id] = signature
    done.tables = {table: typed_table(columns[table], table_rows)
                   for table, table_rows in rows.items() if table_rows}
    return done


def store_prepared(store: Store, prepared: Prepared, groups: Groups | None,
                   failures: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Write prepared articles and failure rows in one transaction: their findings,
    signatures and the groups of copies they change, or none of it. The articles are
    stamped ``added_at`` now, when they are stored, whenever they were prepared.

    Returns:
        the failure rows written: ``failures`` and the prepared ones.
    """
    failures = list(failures or []) + prepared.failures
    with store.write() as writer:
        for table, data in prepared.tables.items():
            if table == "articles":
                at = data.schema.get_field_index("added_at")
                data = data.set_column(at, "added_at", pa.array(
                    [utcnow()] * data.num_rows, data.schema.field(at).type))
            insert_arrow(writer.conn, table, data)
        writer.insert("failures", failures)
        if prepared.signatures:
            (groups or Groups.load(writer.conn)).add(writer.conn, prepared.signatures)
    return failures


def store_analyses(store: Store, analysed: list[tuple[str, Analysis]], groups: Groups | None,
                   failures: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """``prepare`` and ``store_prepared`` in this process.

    Returns:
        the failure rows written, with one more for each analysis that could not be
        turned into rows: that article is not stored.
    """
    return store_prepared(store, prepare(analysed, store.columns), groups, failures)


def _failure(label: str, error: UnspinError | None) -> dict[str, Any]:
    text = str(error) if error else "unknown error"
    reason = text[len(label) + 2:] if text.startswith(f"{label}: ") else text
    return {"input": label, "reason": reason, "error": type(error).__name__,
            "exit_code": error.exit_code if error else 1, "failed_at": utcnow()}


def _analyse(articles: list[Article], options: Options) -> list[Result]:
    """``analyze_chunk``, with a bug in a stage confined to the article that set it off.

    ``UnspinError`` still propagates: from here it means the pipeline itself cannot run
    (a bad stage name, a model that will not load), which no other article would escape.
    """
    try:
        return analyze_chunk(articles, options)
    except UnspinError:
        raise
    except Exception as error:  # noqa: BLE001 - a stage's bug fails only its article
        if len(articles) > 1:
            return [result for a in articles for result in _analyse([a], options)]
        label = articles[0].source.label
        return [Result(label, error=UnspinError(
            f"{label}: internal error in the analysis: {type(error).__name__}: {error}"))]


# A chunk's content ids, its failed results, and its analyses prepared for storing.
Done = tuple[list[str], list[Result], Prepared]


def _analyse_and_prepare(chunk: Chunk, options: Options,
                         columns: dict[str, dict[str, str]]) -> Done:
    ids = [article_id for article_id, _ in chunk]
    results = _analyse([article for _, article in chunk], options)
    analysed = [(article_id, r.analysis) for article_id, r in zip(ids, results, strict=True)
                if r.analysis is not None]
    return ids, [r for r in results if r.analysis is None], prepare(analysed, columns)


def _analysed(chunks: Iterator[Chunk], options: Options,
              columns: dict[str, dict[str, str]]) -> Iterator[Done]:
    """Each chunk's failures and prepared analyses, in order; worker processes when there
    is more than one core to use, with at most two chunks per worker queued ahead."""
    workers = options.workers or os.cpu_count() or 1
    if workers <= 1:
        for chunk in chunks:
            yield _analyse_and_prepare(chunk, options, columns)
        return
    context = multiprocessing.get_context("spawn")  # fork is unsafe once torch has threads
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker)
    queued: deque[Future[Done]] = deque()
    try:
        for chunk in chunks:
            queued.append(pool.submit(_analyse_and_prepare, chunk, options, columns))
            while queued and (len(queued) > 2 * workers or queued[0].done()):
                yield _next(queued)
        while queued:
            yield _next(queued)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _next(queued: deque[Future[Done]]) -> Done:
    future = queued.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        raise UnspinError("a worker process died (out of memory?); every article reported "
                          "stored is kept: run the same command again to go on") from None

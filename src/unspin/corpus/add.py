"""``corpus add``: read inputs, skip what is stored, analyse on every core, store per chunk.

This process reads inputs a window at a time, drops every article whose content hash is
already stored (or already on its way), and hands chunks of the rest to the runner's
engine (worker processes, or Ray: ``unspin.runner``). A worker analyses its chunk and
prepares it for storing (Arrow rows and MinHash signatures, ``prepare``), so this process,
the one that writes, only inserts. Each chunk is written in one transaction (articles,
findings, failures, signatures and the groups of copies they change) before it is counted
as stored: a run killed at any moment keeps everything it reported, and running it again
skips those articles before analysing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any

import pyarrow as pa

from ..config import Options
from ..document import Analysis, Article, Outcome
from ..errors import CorpusError, UnspinError
from ..ingest import count, expand_each, read_inputs
from ..registry import StageSpec, extra
from ..runner import Engine, analysed, local_engine, preload_pipeline
from .copies import Groups, Signature
from .rows import content_id, rows_for
from .schema import SPAN_TABLES, utcnow
from .store import Store, insert_arrow, typed_table

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
        on_progress: Progress | None = None, engine: Engine | None = None) -> Counts:
    """Store every article the inputs hold that is not stored yet.

    Args:
        specs: files, directories, globs, URLs or ``-``, as on the command line.
        fetch_links: fetch feed entries' links instead of using the content in the feed.
        on_progress: called with the counts after every change.
        engine: where the analysis runs (default: worker processes on this machine).

    Raises:
        UnspinError: a problem with the whole run (a bad pipeline, a worker that died,
            a write that failed); what was reported stored before it stays stored.
    """
    paths, missing = expand_each(specs)
    run = _Run(store, Counts(total=sum(map(count, paths)) + len(missing)), on_progress)
    run.fail(missing)
    items = (o for path in paths for o in read_inputs(path, options, fetch_links=fetch_links))
    work = partial(analyse_and_prepare, options=options, columns=store.columns,
                   stages=extra(options.stages))
    engine = engine or local_engine(options, preload=partial(preload_pipeline, options, extra(options.stages)))
    for ids, failed, prepared in engine.map(work, run.fresh(items, options.batch_size)):
        run.store(ids, failed, prepared)
    return run.counts


class _Run:
    def __init__(self, store: Store, counts: Counts, on_progress: Progress | None) -> None:
        self.db = store
        self.counts = counts
        self.on_progress = on_progress
        self.pending: set[str] = set()
        self.groups: Groups | None = None

    def fresh(self, items: Iterable[Outcome], size: int) -> Iterator[Chunk]:
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
            for start in range(0, len(new), size):
                yield new[start:start + size]

    def _known(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.db.execute("SELECT id FROM articles WHERE list_contains(?, id)",
                                   [ids]).rows
        return {row[0] for row in rows}

    def fail(self, items: list[Outcome]) -> None:
        rows = [_failure(i.input, i.error) for i in items if i.error is not None]
        if rows:
            with self.db.write() as writer:
                writer.insert("failures", rows)
            self._count_failures(rows)
            self._report()

    def store(self, ids: list[str], failed: list[Outcome], prepared: Prepared) -> None:
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
            done.failures.append(_failure(label, CorpusError(
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


# A chunk's content ids, its failed outcomes, and its analyses prepared for storing.
Done = tuple[list[str], list[Outcome], Prepared]


def analyse_and_prepare(chunk: Chunk, options: Options, columns: dict[str, dict[str, str]],
                        stages: tuple[StageSpec, ...] = ()) -> Done:
    """The work a worker does on a chunk: analyse it and prepare it for storing."""
    ids = [article_id for article_id, _ in chunk]
    outcomes = analysed([Outcome(a.source.label, article=a) for _, a in chunk], options,
                        stages)
    done = [(article_id, o.analysis) for article_id, o in zip(ids, outcomes, strict=True)
            if o.analysis is not None]
    return ids, [o for o in outcomes if o.analysis is None], prepare(done, columns)

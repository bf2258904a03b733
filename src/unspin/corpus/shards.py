"""Parquet shards: analyses made on other machines, as files ``corpus add --from-parquet``
loads.

A shard has one row per article a worker was handed: the analysis as JSON and its claims'
sentence vectors when it was analysed, the error when not (docs/corpus.md, "Parquet
shards", describes the columns; ``SHARD_VERSION`` versions them). Loading goes through
``store_analyses``, as ``corpus add`` stores its own chunks, so findings, copies and
claim vectors are written the same way, one transaction per batch of rows. Loading is
idempotent: an article whose content hash is stored is skipped, and so is a failure
already recorded (same input, time and reason), so a folder can be loaded again after a
crash, or into another corpus.
"""

from __future__ import annotations

import glob
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..batch import Result
from ..document import Analysis
from ..errors import InputError, InputNotFound, UnspinError
from .add import REPORTED_FAILURES, Counts, Progress, _failure, store_analyses
from .rows import content_id
from .schema import utcnow
from .store import Store
from .syndication import Groups

SHARD_VERSION = 1
SHARD_SCHEMA = pa.schema([
    ("shard_version", pa.int16()),
    ("input", pa.string()),
    ("article_id", pa.string()),
    ("analysis", pa.string()),
    ("claim_vectors", pa.list_(pa.list_(pa.float32()))),
    ("error", pa.string()),
    ("reason", pa.string()),
    ("exit_code", pa.int32()),
    ("done_at", pa.timestamp("us")),
])
# Rows read and stored in one transaction when loading.
LOAD_BATCH = 256
_GLOB_CHARS = re.compile(r"[*?\[]")


def shard_table(ids: list[str], results: list[Result]) -> pa.Table:
    """Shard rows for analysed articles (by content id) and their results, in order."""
    rows = [_row(article_id, result) for article_id, result in zip(ids, results, strict=True)]
    return pa.Table.from_pylist(rows, schema=SHARD_SCHEMA)


def _row(article_id: str, result: Result) -> dict[str, Any]:
    row: dict[str, Any] = {"shard_version": SHARD_VERSION, "input": result.input,
                           "article_id": article_id, "done_at": utcnow()}
    error = result.error
    if result.analysis is not None:
        try:
            analysis = result.analysis.to_json()
            analysis.encode("utf-8")  # a lone surrogate fails here, not the whole batch
            return {**row, "analysis": analysis,
                    "claim_vectors": _vectors(result.analysis.claim_vectors)}
        except Exception as bad:  # noqa: BLE001 - one odd analysis fails only itself
            error = UnspinError(f"{result.input}: cannot be stored: "
                                f"{type(bad).__name__}: {bad}")
    failure = _failure(result.input, error)
    return {**row, **{k: failure[k] for k in ("error", "reason", "exit_code")}}


def _vectors(vectors: Any) -> list[list[float]] | None:
    """Claims x dimensions as nested lists (none for an article without claims)."""
    if vectors is None:
        return None
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim != 2:
        raise ValueError(f"claim vectors of shape {array.shape}, not claims x dimensions")
    rows: list[list[float]] = array.tolist()
    return rows


# Finding shards ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ShardFile:
    """One Parquet file, on the local disk or any file system pyarrow opens (S3, GCS...)."""

    name: str
    path: str
    filesystem: pafs.FileSystem


def shard_files(source: str) -> list[ShardFile]:
    """The ``.parquet`` files a folder (searched recursively), glob, file or URI holds.

    Raises:
        InputNotFound: nothing there, or no Parquet file in it.
        InputError: a URI pyarrow cannot open.
    """
    if "://" in source:
        return _remote(source)
    if os.path.isdir(source):
        found = _in_dir(source)
    elif _GLOB_CHARS.search(source) and not os.path.exists(source):
        found = [f for match in sorted(glob.glob(source, recursive=True))
                 for f in (_in_dir(match) if os.path.isdir(match) else [match])
                 if f.endswith(".parquet")]
    elif os.path.isfile(source):
        found = [source]
    else:
        raise InputNotFound(f"{source}: no such file or folder")
    if not found:
        raise InputNotFound(f"{source}: no .parquet shards here")
    local = pafs.LocalFileSystem()
    return [ShardFile(f, f, local) for f in found]


def _in_dir(directory: str) -> list[str]:
    root = Path(directory)
    return sorted(str(p) for p in root.rglob("*.parquet") if p.is_file()
                  and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def _remote(uri: str) -> list[ShardFile]:
    try:
        filesystem, path = pafs.FileSystem.from_uri(uri)
        info = filesystem.get_file_info(path)
        if info.type == pafs.FileType.Directory:
            infos = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
            paths = sorted(i.path for i in infos if i.path.endswith(".parquet")
                           and i.type == pafs.FileType.File)
        elif info.type == pafs.FileType.File:
            paths = [path]
        else:
            raise InputNotFound(f"{uri}: no such file or folder")
    except (OSError, pa.ArrowException) as error:
        raise InputError(f"{uri}: cannot be opened: {error}") from None
    if not paths:
        raise InputNotFound(f"{uri}: no .parquet shards here")
    scheme = uri.split("://", 1)[0]
    return [ShardFile(f"{scheme}://{p}", p, filesystem) for p in paths]


def count_rows(files: list[ShardFile]) -> int:
    """Rows in all the files, from their footers (an unreadable file counts one)."""
    total = 0
    for file in files:
        try:
            total += pq.ParquetFile(file.path, filesystem=file.filesystem).metadata.num_rows
        except (OSError, pa.ArrowException):
            total += 1
    return total


# Loading -------------------------------------------------------------------------------

def load(store: Store, files: list[ShardFile], counts: Counts,
         on_progress: Progress | None = None) -> Counts:
    """Store the articles and failures the shards hold; see the module's docstring.

    A file that is not a readable shard (not Parquet, damaged, made by a newer unspin)
    becomes one failure row and the others are still loaded.

    Returns:
        ``counts``, with what the shards held added to ``stored``, ``skipped``, ``failed``.
    """
    loader = _Loader(store, counts, on_progress)
    for file in files:
        try:
            for rows in _batches(file):
                loader.store(rows)
        except InputError as error:
            loader.record([_failure(file.name, error)])
        except (OSError, pa.ArrowException) as error:
            loader.record([_failure(file.name, InputError(
                f"{file.name}: not a readable Parquet shard: {error}"))])
    return counts


def _batches(file: ShardFile) -> Iterator[list[dict[str, Any]]]:
    parquet = pq.ParquetFile(file.path, filesystem=file.filesystem)
    missing = [n for n in SHARD_SCHEMA.names if n not in parquet.schema_arrow.names]
    if missing:
        raise InputError(f"{file.name}: not an unspin shard (no {missing[0]} column)")
    for batch in parquet.iter_batches(batch_size=LOAD_BATCH, columns=SHARD_SCHEMA.names):
        rows = batch.to_pylist()
        newest = max(row["shard_version"] or 0 for row in rows)
        if newest > SHARD_VERSION:
            raise InputError(f"{file.name}: shard version {newest} was written by a newer "
                             f"unspin; this one reads up to version {SHARD_VERSION}")
        yield rows


class _Loader:
    def __init__(self, store: Store, counts: Counts, on_progress: Progress | None) -> None:
        self.db = store
        self.counts = counts
        self.on_progress = on_progress
        self.groups: Groups | None = None

    def store(self, rows: list[dict[str, Any]]) -> None:
        """One batch of shard rows in one transaction; what is already stored is skipped."""
        done = [r for r in rows if r["analysis"] is not None]
        known = self._known_ids([r["article_id"] for r in done if r["article_id"]])
        analysed: list[tuple[str, Analysis]] = []
        failures = self._new_failures([r for r in rows if r["analysis"] is None])
        skipped = len(rows) - len(done) - len(failures)
        for row in done:
            if row["article_id"] in known:
                skipped += 1
                continue
            known.add(row["article_id"])
            try:
                analysed.append((row["article_id"], _analysis(row)))
            except ValueError as error:
                failures.append(_failure(row["input"], InputError(
                    f"{row['input']}: the shard's analysis cannot be loaded: {error}")))
        if self.groups is None and analysed:
            self.groups = Groups.load(self.db.conn)
        written = store_analyses(self.db, analysed, self.groups, failures) \
            if analysed or failures else []
        self.counts.skipped += skipped
        self.counts.stored += len(analysed) - (len(written) - len(failures))
        self._count_failures(written)

    def record(self, failures: list[dict[str, Any]]) -> None:
        with self.db.write() as writer:
            writer.insert("failures", failures)
        self._count_failures(failures)

    def _known_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).rows}

    def _new_failures(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Failure rows not recorded yet: a shard loaded twice records each once."""
        failures = [{"input": r["input"], "reason": r["reason"] or "unknown error",
                     "error": r["error"] or "UnspinError", "exit_code": r["exit_code"] or 1,
                     "failed_at": r["done_at"] or utcnow()} for r in rows]
        if not failures:
            return []
        seen = {(i, at, reason) for i, at, reason in self.db.execute(
            "SELECT input, failed_at, reason FROM failures WHERE list_contains(?, input)",
            [[f["input"] for f in failures]]).rows}
        fresh = []
        for f in failures:
            key = (f["input"], f["failed_at"], f["reason"])
            if key not in seen:
                seen.add(key)
                fresh.append(f)
        return fresh

    def _count_failures(self, rows: list[dict[str, Any]]) -> None:
        self.counts.failed += len(rows)
        room = REPORTED_FAILURES - len(self.counts.messages)
        self.counts.messages.extend(f"{r['input']}: {r['reason']}" for r in rows[:max(room, 0)])
        if self.on_progress:  # after every batch: ``store`` always ends here
            self.on_progress(self.counts)


def _analysis(row: dict[str, Any]) -> Analysis:
    """The analysis a shard row holds, its claim vectors attached; its id checked."""
    try:
        analysis = Analysis.from_dict(json.loads(row["analysis"]))
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error})") from None
    if content_id(analysis.text) != row["article_id"]:
        raise ValueError("article_id is not the SHA-256 of the analysis's text")
    vectors = row["claim_vectors"]
    if vectors:
        analysis.claim_vectors = np.asarray(vectors, dtype=np.float32)
        if analysis.claim_vectors.ndim != 2:
            raise ValueError("claim_vectors is not one row of numbers per claim")
    return analysis

